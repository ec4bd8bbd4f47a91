//! Addresses of the API: percent-encoded path segments and the query strings of the list
//! routes, written once for the panel's requests and the proxy's tests.

/// `?a=1&b=x%20y` of the non-empty pairs, percent-encoded (`""` when all are empty).
pub fn query_string(pairs: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (name, value) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
        out.push(if out.is_empty() { '?' } else { '&' });
        out.push_str(name);
        out.push('=');
        encode_into(&mut out, value);
    }
    out
}

/// Percent-encodes everything but RFC 3986's unreserved characters, so any text is safe as
/// a path segment or a query value.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    encode_into(&mut out, text);
    out
}

fn encode_into(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        }
    }
}

/// Reads an optional query parameter, where an empty value (`?status=`) means absent, as
/// the panel's forms send it.
pub(crate) fn empty_as_none<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    let text: Option<String> = serde::Deserialize::deserialize(deserializer)?;
    match text.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => text.parse().map(Some).map_err(serde::de::Error::custom),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_values_are_left_out_and_the_rest_encoded() {
        assert_eq!(
            query_string(&[("search", "a b&c"), ("next", ""), ("limit", "50")]),
            "?search=a%20b%26c&limit=50"
        );
        assert_eq!(query_string(&[("search", "")]), "");
    }
}
