//! Where things are: the workspace, the built SPA, the artifacts of a run.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

/// The workspace root (two levels above this crate).
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// The target directory this test or benchmark was built into.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target"))
}

/// The built SPA, or an error that says how to build it.
pub fn dist() -> anyhow::Result<PathBuf> {
    let dist = std::env::var_os("STUDIO_ADMIN_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("dist"));
    if !dist.join("index.html").is_file() {
        bail!(
            "the web app is not built: {} has no index.html. Run `cargo xtask bundle` in {} \
             first (`cargo xtask test` and `cargo xtask bench` do), or point STUDIO_ADMIN_DIST \
             at a built copy.",
            dist.display(),
            workspace().display()
        );
    }
    Ok(dist)
}

/// `target/<name>/`, created.
pub fn artifacts(name: &str) -> anyhow::Result<PathBuf> {
    let dir = target_dir().join(name);
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(dir)
}
