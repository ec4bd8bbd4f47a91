//! The compressed copies of the bundle's files: `NAME.br` (brotli, quality 11) and
//! `NAME.gz` (gzip, level 9) beside each, made once at build time so the proxy sends the
//! one a browser accepts instead of compressing every response.

use std::io::Write as _;
use std::path::Path;

use anyhow::{Context as _, Result, anyhow};
use flate2::Compression;
use flate2::write::GzEncoder;

/// Brotli's best (and slowest) quality.
const BROTLI_QUALITY: i32 = 11;
/// Brotli's window: 2^22 bytes (4 MiB, the format's default), more than the largest file.
const BROTLI_WINDOW: i32 = 22;

/// One compressed copy of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// `NAME.br`.
    Brotli,
    /// `NAME.gz`.
    Gzip,
}

impl Encoding {
    /// Both, in the order they are written.
    pub const ALL: [Self; 2] = [Self::Brotli, Self::Gzip];

    /// The suffix of the copy's name (what the proxy looks for).
    pub fn suffix(self) -> &'static str {
        match self {
            Self::Brotli => ".br",
            Self::Gzip => ".gz",
        }
    }

    /// `bytes` compressed at this encoding's best.
    pub fn compress(self, bytes: &[u8]) -> Result<Vec<u8>> {
        match self {
            Self::Brotli => {
                let params = brotli::enc::BrotliEncoderParams {
                    quality: BROTLI_QUALITY,
                    lgwin: BROTLI_WINDOW,
                    size_hint: bytes.len(),
                    ..Default::default()
                };
                let mut out = Vec::new();
                brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)
                    .context("brotli compression failed")?;
                Ok(out)
            }
            Self::Gzip => {
                let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
                encoder.write_all(bytes)?;
                Ok(encoder.finish()?)
            }
        }
    }
}

/// Writes the compressed copies of the file `name` in `dir` (whose content is `bytes`).
/// A copy that would not be smaller than the file is not written: the file itself is
/// then sent. Answers the copies written, with their sizes.
pub fn write_copies(dir: &Path, name: &str, bytes: &[u8]) -> Result<Vec<(Encoding, usize)>> {
    let mut written = Vec::new();
    for encoding in Encoding::ALL {
        let compressed = encoding.compress(bytes)?;
        if compressed.len() < bytes.len() {
            let path = dir.join(format!("{name}{}", encoding.suffix()));
            std::fs::write(&path, &compressed)
                .with_context(|| format!("writing {}", path.display()))?;
            written.push((encoding, compressed.len()));
        }
    }
    Ok(written)
}

/// Writes the copies of every file in `files` (name, content) into `dir`, on every core
/// (brotli's best quality takes a few seconds for the main module). Answers the total
/// size of the brotli copies.
pub fn write_all(dir: &Path, files: &[(&str, &[u8])]) -> Result<usize> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut brotli = 0;
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((name, bytes)) = files.get(i) else {
                            return Ok(brotli);
                        };
                        for (encoding, size) in write_copies(dir, name, bytes)? {
                            if encoding == Encoding::Brotli {
                                brotli += size;
                            }
                        }
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| {
                worker
                    .join()
                    .map_err(|_| anyhow!("a compression thread panicked"))?
            })
            .collect::<Result<Vec<usize>>>()
    })?;
    Ok(results.into_iter().sum())
}

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    use super::*;

    /// Text with the repetition of real code, and bytes that do not repeat.
    fn samples() -> Vec<Vec<u8>> {
        let text = "export function start(module) { return init(module); }\n"
            .repeat(300)
            .into_bytes();
        let mut noise = Vec::new();
        let mut state: u32 = 0x2545_f491;
        for _ in 0..4096 {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            noise.push(state.to_le_bytes()[0]);
        }
        vec![text, noise]
    }

    fn decompress(encoding: Encoding, bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        match encoding {
            Encoding::Brotli => {
                brotli::Decompressor::new(bytes, 4096)
                    .read_to_end(&mut out)
                    .expect("valid brotli");
            }
            Encoding::Gzip => {
                flate2::read::GzDecoder::new(bytes)
                    .read_to_end(&mut out)
                    .expect("valid gzip");
            }
        }
        out
    }

    #[test]
    fn each_copy_decompresses_to_the_original() {
        for sample in samples() {
            for encoding in Encoding::ALL {
                let compressed = encoding.compress(&sample).unwrap();
                assert_eq!(decompress(encoding, &compressed), sample, "{encoding:?}");
            }
        }
    }

    #[test]
    fn the_copies_are_written_beside_the_file_and_are_smaller() {
        let dir = std::env::temp_dir().join(format!("xtask-precompress-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let text = &samples()[0];
        let brotli = write_all(&dir, &[("app-0123456789abcdef.js", text)]).unwrap();
        for encoding in Encoding::ALL {
            let copy =
                std::fs::read(dir.join(format!("app-0123456789abcdef.js{}", encoding.suffix())))
                    .unwrap();
            assert!(copy.len() < text.len() / 10, "{encoding:?}: {}", copy.len());
            assert_eq!(&decompress(encoding, &copy), text, "{encoding:?}");
            if encoding == Encoding::Brotli {
                assert_eq!(brotli, copy.len());
            }
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn no_copy_is_written_when_it_would_not_be_smaller() {
        let dir = std::env::temp_dir().join(format!("xtask-incompressible-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let written = write_copies(&dir, "tiny.js", b"x").unwrap();
        assert!(written.is_empty(), "{written:?}");
        assert!(!dir.join("tiny.js.br").exists());
        assert!(!dir.join("tiny.js.gz").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
