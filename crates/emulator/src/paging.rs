//! List paging: MaxResults, sorting, and opaque, tamper-evident NextTokens.
//!
//! A token names the last item of the page it ends (its sort key and identity) plus a
//! fingerprint of the request's filters and sort, sealed (see `seal.rs`). The next page
//! starts strictly after that item, so creating or deleting resources between pages
//! neither repeats nor skips the others. A token that was altered,
//! made up, issued by another emulator run or used with other filters is refused with a
//! `ValidationException`, as AWS refuses a bad token.

use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::seal::SealKey;

/// MaxResults when the request gives none (the API reference: "The default value is 10").
pub(crate) const DEFAULT_MAX_RESULTS: i32 = 10;

fn seal(key: &SealKey, fingerprint: &str, cursor: &Cursor) -> String {
    key.seal(&format!("{fingerprint}\n{}\n{}", cursor.key, cursor.id))
}

/// Opens a token issued for a request with this fingerprint.
fn open(key: &SealKey, fingerprint: &str, token: &str) -> Result<Cursor, ApiError> {
    let invalid = || {
        ApiError::validation(
            "Invalid pagination token: NextToken was not issued by this service or has been modified.",
        )
    };
    let text = key.open(token).ok_or_else(invalid)?;
    let mut parts = text.splitn(3, '\n');
    let (Some(print), Some(position), Some(id)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(invalid());
    };
    if print != fingerprint {
        return Err(ApiError::validation(
            "Invalid pagination token: the NextToken belongs to a request with different filters or sort order.",
        ));
    }
    Ok(Cursor {
        key: position.parse().map_err(|_| invalid())?,
        id: id.to_owned(),
    })
}

/// A position in a sorted list: the sort key (milliseconds) and a unique id breaking ties.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Cursor {
    pub(crate) key: i64,
    pub(crate) id: String,
}

/// Identifies a request's filters and sort, so a token cannot be replayed with others.
pub(crate) fn fingerprint(parts: &[&str]) -> String {
    let digest = Sha256::digest(parts.join("\u{1f}").as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// What one list request asks for.
pub(crate) struct PageRequest<'a> {
    pub(crate) max_results: Option<i32>,
    pub(crate) next_token: Option<&'a str>,
    pub(crate) descending: bool,
    pub(crate) fingerprint: String,
}

/// Sorts `items` by their cursors and cuts out the requested page; returns the page and
/// the token of the next one (`None` on the last page).
pub(crate) fn page<T>(
    key: &SealKey,
    mut items: Vec<(Cursor, T)>,
    request: &PageRequest<'_>,
) -> Result<(Vec<T>, Option<String>), ApiError> {
    items.sort_by(|a, b| a.0.cmp(&b.0));
    if request.descending {
        items.reverse();
    }
    if let Some(token) = request.next_token {
        let after = open(key, &request.fingerprint, token)?;
        items.retain(|(c, _)| {
            if request.descending {
                *c < after
            } else {
                *c > after
            }
        });
    }
    let max =
        usize::try_from(request.max_results.unwrap_or(DEFAULT_MAX_RESULTS).max(1)).unwrap_or(1);
    let next = if items.len() > max {
        items.truncate(max);
        items
            .last()
            .map(|(c, _)| seal(key, &request.fingerprint, c))
    } else {
        None
    };
    Ok((items.into_iter().map(|(_, t)| t).collect(), next))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(n: i64) -> Vec<(Cursor, i64)> {
        (0..n)
            .map(|i| {
                (
                    Cursor {
                        key: i,
                        id: format!("item-{i}"),
                    },
                    i,
                )
            })
            .collect()
    }

    fn request(token: Option<&str>) -> PageRequest<'_> {
        PageRequest {
            max_results: Some(4),
            next_token: token,
            descending: false,
            fingerprint: fingerprint(&["ListThings"]),
        }
    }

    #[test]
    fn pages_follow_each_other_without_gaps_or_repeats() {
        let key = SealKey::random();
        let mut seen = Vec::new();
        let mut token = None;
        loop {
            let (page, next) = page(&key, items(10), &request(token.as_deref())).unwrap();
            seen.extend(page);
            match next {
                Some(t) => token = Some(t),
                None => break,
            }
        }
        assert_eq!(seen, (0..10).collect::<Vec<_>>());
    }

    #[test]
    fn a_token_with_one_flipped_bit_is_refused() {
        let key = SealKey::random();
        let (_, next) = page(&key, items(10), &request(None)).unwrap();
        let mut forged = next.unwrap();
        // Change one character of the token: the seal no longer matches.
        let last = forged.pop().unwrap();
        forged.push(if last == 'A' { 'B' } else { 'A' });
        assert!(page(&key, items(10), &request(Some(&forged))).is_err());
    }

    #[test]
    fn a_token_from_another_emulator_is_refused() {
        let (_, next) = page(&SealKey::random(), items(10), &request(None)).unwrap();
        let err = page(&SealKey::random(), items(10), &request(next.as_deref())).unwrap_err();
        assert_eq!(err.code, crate::error::ErrorCode::ValidationException);
    }
}
