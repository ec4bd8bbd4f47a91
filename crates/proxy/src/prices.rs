//! `--prices FILE`: hourly prices of instance types, so the running page can estimate
//! what the apps cost. A CSV file of `instance_type,hourly_price,currency` rows (an
//! optional header row with those names; `#` starts a comment line):
//!
//! ```text
//! instance_type,hourly_price,currency
//! ml.t3.medium,0.05,USD
//! ml.g5.xlarge,1.41,USD
//! ```
//!
//! The file is read once at start; any bad row stops the server with the row's line, so a
//! typo never shows up later as a silently missing price.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use studio_admin_model::{AppInstanceType, WireEnum};

/// The column names of the optional header row.
const HEADER: [&str; 3] = ["instance_type", "hourly_price", "currency"];

/// The hourly price of one instance type.
#[derive(Debug, Clone, PartialEq)]
pub struct Price {
    /// Price of one instance-hour.
    pub hourly: f64,
    /// ISO 4217 code (`USD`).
    pub currency: String,
}

/// The prices by instance type.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prices {
    by_type: BTreeMap<String, Price>,
}

/// Why a prices file was refused.
#[derive(Debug, thiserror::Error)]
pub enum PricesError {
    /// The file cannot be read.
    #[error("cannot read the prices file {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A row is wrong.
    #[error("prices file, line {line}: {message}")]
    Line {
        /// 1-based line of the row.
        line: u64,
        /// What is wrong and what is expected.
        message: String,
    },
    /// The file has no price at all.
    #[error(
        "the prices file has no prices: write one `instance_type,hourly_price,currency` row per instance type (ml.t3.medium,0.05,USD)"
    )]
    Empty,
}

impl Prices {
    /// Reads and checks the file at `path`.
    pub fn load(path: &Path) -> Result<Self, PricesError> {
        let text = std::fs::read_to_string(path).map_err(|source| PricesError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse(&text)
    }

    /// Parses and checks the text of a prices file.
    pub fn parse(text: &str) -> Result<Self, PricesError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .comment(Some(b'#'))
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let mut by_type: BTreeMap<String, (u64, Price)> = BTreeMap::new();
        for (index, record) in reader.records().enumerate() {
            let record = record.map_err(|e| PricesError::Line {
                line: e.position().map_or(0, |p| line_at(text, p)),
                message: e.to_string(),
            })?;
            let line = record.position().map_or(0, |p| line_at(text, p));
            let fields: Vec<&str> = record.iter().collect();
            if fields.iter().all(|f| f.is_empty()) {
                continue;
            }
            if index == 0 && is_header(&fields) {
                continue;
            }
            let (instance_type, price) =
                row(&fields).map_err(|message| PricesError::Line { line, message })?;
            if let Some((first, _)) = by_type.get(&instance_type) {
                return Err(PricesError::Line {
                    line,
                    message: format!(
                        "{instance_type} already has a price on line {first}; give each instance type one row"
                    ),
                });
            }
            by_type.insert(instance_type, (line, price));
        }
        if by_type.is_empty() {
            return Err(PricesError::Empty);
        }
        Ok(Self {
            by_type: by_type.into_iter().map(|(k, (_, p))| (k, p)).collect(),
        })
    }

    /// The price of `instance_type`, if the file has it.
    pub fn get(&self, instance_type: &str) -> Option<&Price> {
        self.by_type.get(instance_type)
    }

    /// How many instance types have a price.
    pub fn len(&self) -> usize {
        self.by_type.len()
    }

    /// Whether no instance type has a price (never true of a loaded file).
    pub fn is_empty(&self) -> bool {
        self.by_type.is_empty()
    }
}

/// The 1-based line of the record the reader says starts at `position`. The reader
/// counts neither blank nor comment lines, and its record positions lie before them, so
/// both are stepped over here: a person is sent to the line that holds the row.
fn line_at(text: &str, position: &csv::Position) -> u64 {
    let mut start = usize::try_from(position.byte())
        .unwrap_or(usize::MAX)
        .min(text.len());
    while let Some(rest) = text.get(start..) {
        let line = rest.split('\n').next().unwrap_or_default();
        let skipped = line.trim().is_empty() || line.trim_start().starts_with('#');
        if !skipped || line.len() == rest.len() {
            break;
        }
        start += line.len() + 1;
    }
    let before = text.get(..start).unwrap_or(text);
    before.bytes().filter(|&b| b == b'\n').count() as u64 + 1
}

/// Whether `fields` is the header row (names compared without case).
fn is_header(fields: &[&str]) -> bool {
    fields.len() == HEADER.len()
        && fields
            .iter()
            .zip(HEADER)
            .all(|(f, h)| f.eq_ignore_ascii_case(h))
}

/// One data row: the instance type and its price, or what is wrong with it.
fn row(fields: &[&str]) -> Result<(String, Price), String> {
    let [instance_type, hourly, currency] = fields else {
        return Err(format!(
            "expected 3 columns (instance_type,hourly_price,currency), found {}",
            fields.len()
        ));
    };
    if AppInstanceType::from_wire(instance_type).is_unknown() {
        return Err(format!(
            "{instance_type:?} is not a SageMaker Studio instance type (such as ml.t3.medium)"
        ));
    }
    let hourly: f64 = hourly
        .parse()
        .ok()
        .filter(|p: &f64| p.is_finite() && *p >= 0.0)
        .ok_or_else(|| {
            format!("the hourly price {hourly:?} is not a number of zero or more (such as 0.05)")
        })?;
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(format!(
            "the currency {currency:?} is not a three-letter ISO 4217 code (such as USD)"
        ));
    }
    Ok((
        (*instance_type).to_owned(),
        Price {
            hourly,
            currency: (*currency).to_owned(),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_with_a_header_and_comments_give_prices() {
        let prices = Prices::parse(
            "# on-demand, us-east-1\ninstance_type,hourly_price,currency\nml.t3.medium, 0.05 ,USD\nml.g5.xlarge,1.41,EUR\n",
        )
        .unwrap();
        assert_eq!(prices.len(), 2);
        assert_eq!(
            prices.get("ml.g5.xlarge"),
            Some(&Price {
                hourly: 1.41,
                currency: "EUR".to_owned()
            })
        );
        assert_eq!(prices.get("ml.m5.large"), None);
    }

    #[test]
    fn a_bad_row_is_refused_with_its_line() {
        let cases = [
            ("ml.t3.medium,0.05,USD\nml.t3.large,cheap,USD\n", 2, "cheap"),
            (
                "ml.t3.medium,0.05,USD\n\nml.t3.mediun,0.05,USD\n",
                3,
                "ml.t3.mediun",
            ),
            (
                "# prices\nml.t3.medium,0.05,USD\n# GPUs\nml.g5.xlarge,,USD\n",
                4,
                "hourly price",
            ),
            ("ml.t3.medium,0.05\n", 1, "3 columns"),
            ("ml.t3.medium,-1,USD\n", 1, "zero or more"),
            ("ml.t3.medium,0.05,dollars\n", 1, "ISO 4217"),
            (
                "ml.t3.medium,0.05,USD\nml.t3.medium,0.06,USD\n",
                2,
                "line 1",
            ),
        ];
        for (text, line, words) in cases {
            let error = Prices::parse(text).unwrap_err();
            let message = error.to_string();
            assert!(
                matches!(error, PricesError::Line { line: l, .. } if l == line),
                "{text:?}: {message}"
            );
            assert!(message.contains(words), "{text:?}: {message}");
        }
        assert!(matches!(
            Prices::parse("instance_type,hourly_price,currency\n"),
            Err(PricesError::Empty)
        ));
    }
}
