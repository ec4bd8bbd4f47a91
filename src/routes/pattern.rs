//! [`Pattern`]: a route's address as one plain string, matched at run time.
//!
//! Why not `leptos_router::path!`: that macro turns every address into a tuple type of
//! its segments, and the router compiles its matching and route-building code once per
//! distinct tuple. The panel's seventeen addresses have seven shapes, so the first
//! download carried seven copies of that code (about 15 KB before compression). Every
//! route typed by one `Pattern` shares a single copy. The syntax is `path!`'s for the
//! parts the panel uses: plain segments and `:name` parameters.

use std::borrow::Cow;

use leptos_router::{PartialPathMatch, PathSegment, PossibleRouteMatch};

/// An address such as `/domains/:domain/profiles`: plain segments must be equal, a
/// `:name` segment takes any non-empty segment as the parameter `name`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pattern(pub &'static str);

impl Pattern {
    /// The pattern's segments, without the empty ones the slashes leave.
    fn segments(self) -> impl Iterator<Item = &'static str> {
        self.0.split('/').filter(|segment| !segment.is_empty())
    }
}

impl PossibleRouteMatch for Pattern {
    fn optional(&self) -> bool {
        false
    }

    /// Matches the start of `path` as the router's own segments do: each segment of the
    /// pattern needs a `/` and a segment of the path; what follows is left to the router
    /// (a route is complete when nothing, or a lone `/`, remains).
    fn test<'a>(&self, path: &'a str) -> Option<PartialPathMatch<'a>> {
        let mut rest = path;
        let mut params = Vec::new();
        for wanted in self.segments() {
            let after_slash = rest.strip_prefix('/')?;
            let end = after_slash.find('/').unwrap_or(after_slash.len());
            let (segment, after) = after_slash.split_at(end);
            match wanted.strip_prefix(':') {
                Some(name) if !segment.is_empty() => {
                    params.push((Cow::Borrowed(name), segment.to_owned()));
                }
                None if segment == wanted => {}
                _ => return None,
            }
            rest = after;
        }
        let matched = &path[..path.len() - rest.len()];
        Some(PartialPathMatch::new(rest, params, matched))
    }

    fn generate_path(&self, path: &mut Vec<PathSegment>) {
        path.extend(
            self.segments()
                .map(|segment| match segment.strip_prefix(':') {
                    Some(name) => PathSegment::Param(name.into()),
                    None => PathSegment::Static(segment.into()),
                }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the router gets from `pattern` for `path`: the rest and the parameters.
    fn test(pattern: &'static str, path: &str) -> Option<(String, Vec<(String, String)>)> {
        let found = Pattern(pattern).test(path)?;
        let rest = found.remaining().to_owned();
        let params = found
            .params()
            .into_iter()
            .map(|(name, value)| (name.into_owned(), value))
            .collect();
        Some((rest, params))
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn plain_segments_must_be_equal() {
        assert_eq!(test("/domains", "/domains"), Some((String::new(), vec![])));
        assert_eq!(test("/domains", "/domains/"), Some(("/".into(), vec![])));
        assert_eq!(test("/domains", "/domainsx"), None);
        assert_eq!(test("/domains", "/audit"), None);
        assert_eq!(test("/domains", ""), None);
        assert_eq!(test("/requests/mine", "/requests/7"), None);
    }

    #[test]
    fn parameters_take_a_non_empty_segment() {
        assert_eq!(
            test(
                "/domains/:domain/profiles/:name",
                "/domains/d-1/profiles/ana"
            ),
            Some((String::new(), pairs(&[("domain", "d-1"), ("name", "ana")])))
        );
        assert_eq!(test("/requests/:id", "/requests//"), None);
        assert_eq!(test("/requests/:id", "/requests"), None);
    }

    #[test]
    fn what_follows_is_left_for_the_router() {
        // The router takes a route only when nothing (or a lone slash) remains, so the
        // profile list's pattern does not swallow a profile's address.
        assert_eq!(
            test("/domains/:domain/profiles", "/domains/d/profiles/ana"),
            Some(("/ana".into(), pairs(&[("domain", "d")])))
        );
        assert_eq!(test("/", "/domains"), Some(("/domains".into(), vec![])));
    }

    #[test]
    fn the_generated_path_names_the_segments() {
        let mut path = Vec::new();
        Pattern("/requests/:id/edit").generate_path(&mut path);
        assert_eq!(
            path,
            vec![
                PathSegment::Static("requests".into()),
                PathSegment::Param("id".into()),
                PathSegment::Static("edit".into()),
            ]
        );
    }
}
