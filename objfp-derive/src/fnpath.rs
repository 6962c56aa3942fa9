//! Function paths in serde attributes (`with`, `serialize_with`, `deserialize_with`,
//! `skip_serializing_if`, `default = ".."`) and the one rule that names them in the
//! pre-image (SPEC.md §10).
//!
//! A proc macro cannot resolve `use` imports, so a function is known by how its path ends:
//! `Option::is_none` and `std::option::Option::is_none` are one predicate, `ts_seconds` and
//! `chrono::serde::ts_seconds` one helper. The name is the last segment, extended to the
//! left while it starts with a word that serde helper modules use for their entry points
//! (`time::serde::rfc3339::option` is `rfc3339::option`, not `option`). Renaming the
//! function is a change; moving it is not.

use proc_macro2::TokenStream;
use quote::ToTokens;

/// A function path as written in a serde attribute.
#[derive(Clone)]
pub struct FnPath {
    /// The parsed path, when the string is one.
    pub path: Option<syn::ExprPath>,
    /// The string as written.
    pub written: String,
    /// The attribute's key tokens, to point errors at.
    pub tokens: TokenStream,
}

/// Which attribute a path comes from: it decides whether a trailing `serialize` or
/// `deserialize` names only the direction.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `with = "module"`, `skip_serializing_if`, `default`: the path as written.
    Plain,
    /// `serialize_with` / `deserialize_with`: a last segment `serialize` / `deserialize`
    /// only says the direction, which the key already says.
    Directed,
}

/// Words that serde helper modules use for their entry points: a name starting with one
/// takes the segment before it too.
const GENERIC_WORDS: &[&str] = &["option", "opt", "vec", "serde", "serialize", "deserialize"];

impl FnPath {
    pub fn new(lit: &syn::LitStr, tokens: TokenStream) -> FnPath {
        let written = lit.value();
        FnPath {
            path: syn::parse_str::<syn::ExprPath>(&written).ok(),
            written,
            tokens,
        }
    }

    /// The segments as identifiers with their generic arguments, if any, as written
    /// without spaces (`As<DisplayFromStr>`).
    pub fn segments(&self) -> Vec<String> {
        match &self.path {
            Some(p) => p
                .path
                .segments
                .iter()
                .map(|s| {
                    let ident = unraw(&s.ident.to_string());
                    match &s.arguments {
                        syn::PathArguments::None => ident,
                        args => {
                            let args = args.to_token_stream().to_string().replace(' ', "");
                            let args = args.strip_prefix("::").unwrap_or(&args).to_owned();
                            format!("{ident}{args}")
                        }
                    }
                })
                .collect(),
            None => vec![self.written.trim().to_owned()],
        }
    }

    /// The name the pre-image records (SPEC.md §10).
    pub fn name(&self, role: Role) -> String {
        function_name(&self.segments(), role)
    }
}

fn unraw(s: &str) -> String {
    s.strip_prefix("r#").unwrap_or(s).to_owned()
}

/// SPEC.md §10's rule over the segments of a path.
pub fn function_name(segments: &[String], role: Role) -> String {
    let mut end = segments.len();
    if role == Role::Directed
        && end > 1
        && matches!(segments[end - 1].as_str(), "serialize" | "deserialize")
    {
        end -= 1;
    }
    let mut start = end.saturating_sub(1);
    while start > 0 && GENERIC_WORDS.contains(&segments[start].as_str()) {
        start -= 1;
    }
    segments[start..end].join("::")
}

/// Whether `default = "path"` names `Default::default`, which is `#[serde(default)]`.
pub fn is_default_default(segments: &[String]) -> bool {
    matches!(
        segments
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice(),
        ["Default", "default"] | ["core" | "std", "default", "Default", "default"]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(path: &str, role: Role) -> String {
        let lit = syn::LitStr::new(path, proc_macro2::Span::call_site());
        FnPath::new(&lit, TokenStream::new()).name(role)
    }

    // The examples of SPEC.md §10 and of the issue that asked for the rule.
    #[test]
    fn names_ignore_the_module_path() {
        assert_eq!(name("Option::is_none", Role::Plain), "is_none");
        assert_eq!(name("std::option::Option::is_none", Role::Plain), "is_none");
        assert_eq!(
            name("::std::option::Option::is_none", Role::Plain),
            "is_none"
        );
        assert_eq!(name("ts_seconds", Role::Plain), "ts_seconds");
        assert_eq!(name("chrono::serde::ts_seconds", Role::Plain), "ts_seconds");
        assert_eq!(name("crate::util::is_zero", Role::Plain), "is_zero");
    }

    #[test]
    fn generic_entry_words_keep_their_module() {
        assert_eq!(
            name("time::serde::rfc3339::option", Role::Plain),
            "rfc3339::option"
        );
        assert_eq!(
            name("humantime_serde::option", Role::Plain),
            "humantime_serde::option"
        );
        assert_eq!(name("hex::serde", Role::Plain), "hex::serde");
        assert_eq!(name("serde_bytes", Role::Plain), "serde_bytes");
    }

    #[test]
    fn directed_paths_drop_the_direction() {
        assert_eq!(
            name("chrono::serde::ts_seconds::serialize", Role::Directed),
            "ts_seconds"
        );
        assert_eq!(
            name("crate::util::deserialize_extensions", Role::Directed),
            "deserialize_extensions"
        );
        assert_eq!(
            name("time::serde::rfc3339::option::deserialize", Role::Directed),
            "rfc3339::option"
        );
        // A function that is itself called `deserialize` keeps its module.
        assert_eq!(name("legacy::deserialize", Role::Directed), "legacy");
        assert_eq!(name("deserialize", Role::Directed), "deserialize");
    }

    #[test]
    fn generic_arguments_are_part_of_the_name() {
        assert_eq!(
            name("::serde_with::As::<DisplayFromStr>", Role::Plain),
            "As<DisplayFromStr>"
        );
        assert_eq!(
            name(
                "serde_with::As::<Vec<DisplayFromStr>>::deserialize",
                Role::Directed
            ),
            "As<Vec<DisplayFromStr>>"
        );
    }

    #[test]
    fn default_default_in_any_spelling() {
        let segs = |p: &str| {
            let lit = syn::LitStr::new(p, proc_macro2::Span::call_site());
            FnPath::new(&lit, TokenStream::new()).segments()
        };
        assert!(is_default_default(&segs("Default::default")));
        assert!(is_default_default(&segs("std::default::Default::default")));
        assert!(is_default_default(&segs("core::default::Default::default")));
        assert!(!is_default_default(&segs("default_port")));
        assert!(!is_default_default(&segs("Config::default")));
    }
}
