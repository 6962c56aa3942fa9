//! Well-known serializer helpers: `#[serde(with = "...")]`, `serialize_with` and
//! `deserialize_with` naming a helper whose written shape is fixed and public
//! (`serde_bytes`, `chrono::serde::ts_seconds`, `serde_with::As::<DisplayFromStr>`, ...)
//! need no annotation: each maps to a type whose fingerprint is what the helper writes
//! (SPEC.md §10b). A helper whose output means something the bare shape does not say
//! (seconds since the epoch) maps to a named shape. The types are objfp's
//! `__private::with` markers (`objfp/src/impls/with/`), or std types of the same shape.
//!
//! A proc macro cannot resolve `use`, so a helper is known by how its path ends: a name
//! the helper crate made distinctive (`ts_seconds`, `serde_bytes`, `humantime_serde`) is
//! enough alone; a generic word (`rfc3339`, `timestamp`, `method`, `option`) counts only
//! with the module before it (`serde::rfc3339`, `http_serde::method`,
//! `rfc3339::option`). A trailing `serialize` / `deserialize` only names the direction.
//!
//! An unknown helper is `None`: the field then needs `#[fingerprint(as | opaque)]`.

mod serde_as;

use proc_macro2::TokenStream;
use quote::quote;

use crate::fnpath::FnPath;

/// Which half of a helper is used.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Side {
    /// What the helper writes (`with` or `serialize_with`).
    Serialize,
    /// What the helper reads (`with` or `deserialize_with`).
    Deserialize,
}

/// The type whose fingerprint is the shape a helper writes (or reads) for a field of type
/// `field_ty`; `krate` is the path of the objfp crate for the marker types. `None` when the
/// helper is not known; an error when it is known but cannot apply to this field (an
/// adapter that does not fit the field's type).
pub fn resolve(
    path: &FnPath,
    side: Side,
    field_ty: &syn::Type,
    krate: &TokenStream,
) -> Option<syn::Result<syn::Type>> {
    let expr = path.path.as_ref()?;
    if expr.qself.is_some() {
        return None;
    }
    let mut segments: Vec<&syn::PathSegment> = expr.path.segments.iter().collect();
    // `m::serialize` / `m::deserialize` are the two halves of module `m`.
    if segments.len() > 1
        && let Some(last) = segments.last()
        && last.arguments.is_none()
        && (last.ident == "serialize" || last.ident == "deserialize")
    {
        segments.pop();
    }
    let last = *segments.last()?;
    let with = quote!(#krate::__private::with);
    if last.ident == "As" {
        // serde_with's `As::<T>`, what `#[serde_as(as = "T")]` becomes.
        return serde_as::resolve(path, last, side, field_ty, &with);
    }
    if segments.iter().any(|s| !s.arguments.is_none()) {
        return None;
    }
    let names: Vec<String> = segments.iter().map(|s| unraw(&s.ident)).collect();
    // A field type the helper does not take is the trait's error, at the attribute.
    let span = syn::spanned::Spanned::span(&path.tokens);
    let with_spanned = quote::quote_spanned!(span=> #krate::__private::with);
    let tokens = module_helper(&names, field_ty, &with, &with_spanned)?;
    Some(syn::parse2(tokens))
}

fn unraw(ident: &syn::Ident) -> String {
    let name = ident.to_string();
    name.strip_prefix("r#").map(str::to_owned).unwrap_or(name)
}

/// The shape of a helper module named by `names` (its path's segments), if known.
fn module_helper(
    names: &[String],
    field_ty: &syn::Type,
    with: &TokenStream,
    with_spanned: &TokenStream,
) -> Option<TokenStream> {
    let ends = |suffix: &[&str]| {
        names.len() >= suffix.len()
            && names[names.len() - suffix.len()..]
                .iter()
                .zip(suffix)
                .all(|(a, b)| a == b)
    };
    let option = |t: TokenStream| quote!(::core::option::Option<#t>);
    let i64 = quote!(::core::primitive::i64);
    let i128 = quote!(::core::primitive::i128);
    let unix = |unit: &str, int: &TokenStream| {
        let marker = match unit {
            "seconds" => quote!(UnixSeconds),
            "milliseconds" => quote!(UnixMilliseconds),
            "microseconds" => quote!(UnixMicroseconds),
            _ => quote!(UnixNanoseconds),
        };
        quote!(#with::#marker<#int>)
    };
    let last = names.last()?.as_str();
    Some(match last {
        // chrono 0.4: `chrono::serde::ts_*` and `chrono::naive::serde::ts_*`.
        "ts_seconds" => unix("seconds", &i64),
        "ts_milliseconds" => unix("milliseconds", &i64),
        "ts_microseconds" => unix("microseconds", &i64),
        "ts_nanoseconds" => unix("nanoseconds", &i64),
        "ts_seconds_option" => option(unix("seconds", &i64)),
        "ts_milliseconds_option" => option(unix("milliseconds", &i64)),
        "ts_microseconds_option" => option(unix("microseconds", &i64)),
        "ts_nanoseconds_option" => option(unix("nanoseconds", &i64)),
        // serde_bytes and humantime_serde: what they write depends on the field's type.
        "serde_bytes" => quote!(<#field_ty as #with_spanned::SerdeBytes>::Shape),
        "humantime_serde" => quote!(<#field_ty as #with_spanned::Humantime>::Shape),
        "option" if ends(&["humantime_serde", "option"]) => {
            quote!(<#field_ty as #with_spanned::Humantime>::Shape)
        }
        // time 0.3: `time::serde::*`.
        "rfc3339" if ends(&["serde", "rfc3339"]) => quote!(#with::Rfc3339),
        "rfc2822" if ends(&["serde", "rfc2822"]) => quote!(#with::Rfc2822),
        "iso8601" if ends(&["serde", "iso8601"]) => quote!(#with::Iso8601),
        "option" if ends(&["rfc3339", "option"]) => option(quote!(#with::Rfc3339)),
        "option" if ends(&["rfc2822", "option"]) => option(quote!(#with::Rfc2822)),
        "option" if ends(&["iso8601", "option"]) => option(quote!(#with::Iso8601)),
        "timestamp" if ends(&["serde", "timestamp"]) => unix("seconds", &i64),
        "option" if ends(&["serde", "timestamp", "option"]) => option(unix("seconds", &i64)),
        "milliseconds" | "microseconds" | "nanoseconds" if ends(&["timestamp", last]) => {
            unix(last, &i128)
        }
        "milliseconds_i64" if ends(&["timestamp", last]) => unix("milliseconds", &i64),
        "option" => {
            let unit = names.len().checked_sub(2).map(|i| names[i].as_str())?;
            if !ends(&["timestamp", unit, "option"]) {
                return None;
            }
            match unit {
                "milliseconds" | "microseconds" | "nanoseconds" => option(unix(unit, &i128)),
                "milliseconds_i64" => option(unix("milliseconds", &i64)),
                _ => return None,
            }
        }
        _ => return http(names, with),
    })
}

/// `http_serde::X` and `http_serde::option::X`.
fn http(names: &[String], with: &TokenStream) -> Option<TokenStream> {
    let (module, optional) = match names {
        [.., krate, module] if krate == "http_serde" => (module.as_str(), false),
        [.., krate, option, module] if krate == "http_serde" && option == "option" => {
            (module.as_str(), true)
        }
        _ => return None,
    };
    let shape = match module {
        "method" => quote!(#with::HttpMethod),
        "status_code" => quote!(::core::primitive::u16),
        "uri" => quote!(#with::HttpUri),
        "authority" => quote!(#with::HttpAuthority),
        "version" => quote!(#with::HttpVersion),
        "header_map" => quote!(#with::HeaderMap),
        _ => return None,
    };
    Some(if optional {
        quote!(::core::option::Option<#shape>)
    } else {
        shape
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve_str(path: &str, field: &str, side: Side) -> Option<Result<String, String>> {
        let lit = syn::LitStr::new(path, proc_macro2::Span::call_site());
        let path = FnPath::new(&lit, TokenStream::new());
        let field: syn::Type = syn::parse_str(field).expect("a field type");
        resolve(&path, side, &field, &quote!(::objfp)).map(|r| {
            r.map(|t| quote!(#t).to_string().replace(' ', ""))
                .map_err(|e| e.to_string())
        })
    }

    fn known(path: &str) -> bool {
        resolve_str(path, "T", Side::Serialize).is_some()
    }

    // SPEC.md §10b: distinctive names alone, generic words with their module.
    #[test]
    fn helpers_are_known_by_how_their_paths_end() {
        for path in [
            "ts_seconds",
            "chrono::serde::ts_seconds",
            "chrono::naive::serde::ts_milliseconds_option",
            "crate::my::ts_seconds",
            "serde_bytes",
            "serde_bytes::serialize",
            "humantime_serde::deserialize",
            "humantime_serde::option",
            "time::serde::rfc3339",
            "serde::rfc3339",
            "rfc3339::option",
            "time::serde::rfc3339::option::deserialize",
            "time::serde::timestamp",
            "serde::timestamp::option",
            "timestamp::milliseconds",
            "time::serde::timestamp::nanoseconds::option",
            "http_serde::method",
            "http_serde::option::header_map",
            "::serde_with::As::<_>",
            "serde_with::As::<DisplayFromStr>::serialize",
        ] {
            assert!(known(path), "{path} should be known");
        }
        for path in [
            "rfc3339",
            "iso8601",
            "timestamp",
            "crate::timestamp",
            "timestamp::option",
            "option",
            "method",
            "header_map",
            "http_serde",
            "http_serde::option",
            "http_serde::method::other",
            "serde_bytes::other",
            "ts_seconds::<u8>",
            "milliseconds",
            "As",
            "my::As::<>",
            "crate::as_url::serialize",
            "<T as Trait>::serialize",
            "not a path",
            "",
        ] {
            assert!(!known(path), "{path} should not be known");
        }
    }

    #[test]
    fn the_direction_word_is_dropped_only_at_the_end() {
        assert_eq!(
            resolve_str("chrono::serde::ts_seconds::serialize", "T", Side::Serialize),
            resolve_str("ts_seconds", "T", Side::Serialize)
        );
        // A module called `serialize` names nothing objfp knows.
        assert!(!known("serialize"));
        assert!(!known("serialize::ts_seconds::x"));
    }

    #[test]
    fn serde_as_walks_the_field_type() {
        let ok = |adapter: &str, field: &str| {
            resolve_str(
                &format!("::serde_with::As::<{adapter}>"),
                field,
                Side::Serialize,
            )
            .expect("known")
            .expect("fits")
        };
        assert_eq!(
            ok("Vec<(_, DisplayFromStr)>", "Vec<(String, u64)>"),
            "::objfp::__private::with::Seq<(String,::objfp::__private::with::Text,)>"
        );
        assert_eq!(
            ok("Option<_>", "std::option::Option<u8>"),
            "std::option::Option<u8>"
        );
        assert_eq!(
            ok("HashMap<DisplayFromStr, _>", "HashMap<u8, bool, S>"),
            "::objfp::__private::with::Map<::objfp::__private::with::Text,bool>"
        );
        let err = |adapter: &str, field: &str| {
            resolve_str(
                &format!("::serde_with::As::<{adapter}>"),
                field,
                Side::Serialize,
            )
            .expect("known")
            .expect_err("does not fit")
        };
        assert!(err("Vec<DisplayFromStr>", "u32").contains("does not line up"));
        assert!(err("(_, _)", "(u8,)").contains("a tuple of 2"));
        assert!(err("Option<_>", "Vec<u8>").contains("`Option<..>`"));
        assert!(err("Mine", "u8").contains("does not know the serde_with adapter `Mine`"));
        assert!(err("Base64<Mine>", "Vec<u8>").contains("base64 alphabet"));
        assert!(err("DurationSeconds<u7>", "Duration").contains("`DurationSeconds<u7>`"));
        // PreferMany: written as a sequence, read as one or many.
        let many = "::serde_with::As::<OneOrMany<_, PreferMany>>";
        let ser = resolve_str(many, "Vec<u8>", Side::Serialize);
        let de = resolve_str(many, "Vec<u8>", Side::Deserialize);
        assert_ne!(ser, de);
    }

    #[test]
    fn no_input_panics() {
        // Deeper than the walk follows (syn itself overflows a test thread's stack
        // parsing types much deeper than this).
        let deep = format!("{}u8{}", "Vec<".repeat(40), ">".repeat(40));
        let deep_as = format!("{}_{}", "Vec<".repeat(40), ">".repeat(40));
        let cases: &[(&str, &str)] = &[
            ("As::<_>", "u8"),
            ("As::<[_; 3]>", "u8"),
            ("As::<[_]>", "[u8; 2]"),
            ("As::<&_>", "u8"),
            ("As::<Option<_>>", "Option"),
            ("As::<Option<_, _>>", "Option<u8>"),
            ("As::<BTreeMap<_>>", "BTreeMap<u8, u8>"),
            ("As::<Map<_, _>>", "Vec<u8>"),
            ("As::<Map<_, _>>", "Vec<(u8, u8, u8)>"),
            ("As::<Vec<_>>", "Box<u8>"),
            ("As::<Vec<_>>", "SmallVec<u8>"),
            ("As::<OneOrMany>", "Vec<u8>"),
            ("As::<OneOrMany<_, Other>>", "Vec<u8>"),
            ("As::<Hex<Other>>", "Vec<u8>"),
            ("As::<Hex<[u8]>>", "Vec<u8>"),
            ("As::<Base64<Standard, Padded, More>>", "Vec<u8>"),
            ("As::<DurationSeconds<[u8]>>", "Duration"),
            ("As::<Duration>", "Duration"),
            ("As::<Timestamp>", "u8"),
            ("As::<FromInto>", "u8"),
            ("As::<fn() -> _>", "u8"),
            ("As::<dyn Trait>", "u8"),
            ("As::<<T as Trait>::Assoc>", "u8"),
            ("As::<Vec<_>>", "<T as Trait>::Assoc"),
            ("As::<Box<_>>", "Box"),
            ("As::<(_)>", "(u8)"),
            ("As::<()>", "()"),
        ];
        for (path, field) in cases {
            for side in [Side::Serialize, Side::Deserialize] {
                let _ = resolve_str(path, field, side);
            }
        }
        let r = resolve_str(&format!("As::<{deep_as}>"), &deep, Side::Serialize);
        assert!(
            r.expect("known")
                .expect_err("too deep")
                .contains("too deeply")
        );
    }
}
