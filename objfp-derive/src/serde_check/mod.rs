//! serde's own attribute validation, so that objfp never fingerprints a type that
//! serde_derive would refuse to compile.
//!
//! `#[serde(...)]` is a helper attribute of our derive too, so a type can carry serde
//! attributes without serde's derive (a hand-written `Serialize` that mirrors them). The
//! derive cannot tell whether serde's derive runs on the same type, so every error here
//! has serde_derive 1.0's exact message at serde_derive's exact span: when both derives
//! run, rustc sees two identical diagnostics and shows one.
//!
//! The reading mirrors serde_derive's (`internals/{attr,ast,check}.rs`) step by step,
//! including where a malformed value stops the rest of its `#[serde(...)]` list, because
//! a second error that serde does not report would not be deduplicated. It reads the raw
//! `syn` input and is independent of `attr.rs`; each attribute is parsed once, and the
//! key is compared as one string per key.
//!
//! Deliberately not reproduced: serde's checks that depend on which of its derives runs
//! and are not about attributes (`cannot deserialize a dynamically sized struct`, the
//! `'de` lifetime, `field identifiers cannot be serialized`). The `transparent` field
//! count, which serde checks per derive, is reported only when both derives would reject
//! it (with `Serialize`'s message), because a type may derive just one of them.
//!
//! One level per file: `container`, `variant`, `field`; `value` reads attribute values;
//! `cross` holds the checks that look at more than one attribute.

mod container;
mod cross;
mod field;
mod value;
mod variant;

use proc_macro2::Span;
use quote::ToTokens;

use crate::case::{RULE_NAMES, RenameRule};
use crate::ctxt::Ctxt;

/// Reports, into `cx`, every error serde_derive would report about the `#[serde(...)]`
/// attributes of `input` (all of them, not only the first).
pub fn check(cx: &Ctxt, input: &syn::DeriveInput) {
    let cont = container::read(cx, input);
    let data = match &input.data {
        syn::Data::Struct(data) => {
            let (style, fields) = field::read_all(cx, &data.fields, None, cont.has_default);
            Data::Struct(style, fields)
        }
        syn::Data::Enum(data) => {
            let variants: Vec<_> = data
                .variants
                .iter()
                .map(|v| variant::read(cx, v, cont.has_default))
                .collect();
            cross::untagged_variants_last(cx, &variants);
            Data::Enum(variants)
        }
        // serde stops at a union after its container attributes; so does objfp.
        syn::Data::Union(_) => return,
    };
    cross::check(cx, input, &cont, &data);
}

/// serde's message for a rule name it does not know, for `rename_all` and
/// `rename_all_fields` alike (serde says `rename_all` in both). Point it at the string
/// literal, as serde does.
///
/// ```text
/// unknown rename rule `rename_all = "camelcase"`, expected one of "lowercase", ...
/// ```
pub(crate) fn unknown_rename_rule(value: &str) -> String {
    let mut msg = format!("unknown rename rule `rename_all = {value:?}`, expected one of ");
    for (i, (name, _)) in RULE_NAMES.iter().enumerate() {
        if i > 0 {
            msg.push_str(", ");
        }
        msg.push_str(&format!("{name:?}"));
    }
    msg
}

/// serde's message for an attribute set twice (`rename`, `transparent`, `default`, ...),
/// at the second setting's key.
pub(crate) fn duplicate_attribute(name: &str) -> String {
    format!("duplicate serde attribute `{name}`")
}

/// serde's message for a value that is not a string literal, at the value; `item` is the
/// key the value belongs to (`rename`, or `serialize` inside `rename(serialize = ..)`).
pub(crate) fn expected_string(attr: &str, item: &str) -> String {
    format!("expected serde {attr} attribute to be a string: `{item} = \"...\"`")
}

/// serde's message for `from`/`try_from`/`into` whose string is not a type, at the
/// string literal; `value` is the literal's value.
pub(crate) fn failed_to_parse_type(attr: &str, value: &str) -> String {
    format!("failed to parse type: {attr} = {value:?}")
}

/// serde's message for a key it does not know at one level (`"container"`, `"variant"`
/// or `"field"`), spanning the key (`meta.error`).
pub(crate) fn unknown_attribute(level: &str, path: &syn::Path) -> String {
    let path = path.to_token_stream().to_string().replace(' ', "");
    format!("unknown serde {level} attribute `{path}`")
}

/// The shape of a struct or variant, as serde names it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    /// Named fields (serde's `Struct`).
    Struct,
    /// More or fewer than one unnamed field.
    Tuple,
    /// Exactly one unnamed field.
    Newtype,
    Unit,
}

impl Style {
    fn of(fields: &syn::Fields) -> Self {
        match fields {
            syn::Fields::Named(_) => Style::Struct,
            syn::Fields::Unnamed(f) if f.unnamed.len() == 1 => Style::Newtype,
            syn::Fields::Unnamed(_) => Style::Tuple,
            syn::Fields::Unit => Style::Unit,
        }
    }
}

enum Data<'a> {
    Struct(Style, Vec<field::Field<'a>>),
    Enum(Vec<variant::Variant<'a>>),
}

/// A rename rule per direction (`None`: names as written).
#[derive(Clone, Copy, Default)]
struct Rules {
    ser: Option<RenameRule>,
    de: Option<RenameRule>,
}

impl Rules {
    fn or(self, other: Rules) -> Rules {
        Rules {
            ser: self.ser.or(other.ser),
            de: self.de.or(other.de),
        }
    }
}

/// An attribute that may be set once (serde's `Attr`): a second setting is reported at
/// the second setting's key and otherwise ignored.
///
/// Known keys are one identifier, so the first setting keeps only that identifier's
/// span: an error there is the one serde makes from the key's tokens (start and end are
/// that span), and no tokens are built unless something is wrong.
struct Once<T> {
    name: &'static str,
    first: Option<(Span, T)>,
}

impl<T> Once<T> {
    fn new(name: &'static str) -> Self {
        Once { name, first: None }
    }

    fn set(&mut self, cx: &Ctxt, key: &syn::Path, value: T) {
        if self.first.is_some() {
            cx.error_spanned_by(key, duplicate_attribute(self.name));
        } else {
            let span = key
                .segments
                .first()
                .map_or_else(Span::call_site, |s| s.ident.span());
            self.first = Some((span, value));
        }
    }

    fn set_opt(&mut self, cx: &Ctxt, key: &syn::Path, value: Option<T>) {
        if let Some(value) = value {
            self.set(cx, key, value);
        }
    }

    fn set_if_none(&mut self, value: T) {
        if self.first.is_none() {
            self.first = Some((Span::call_site(), value));
        }
    }

    fn is_set(&self) -> bool {
        self.first.is_some()
    }

    fn value(self) -> Option<T> {
        self.first.map(|(_, v)| v)
    }

    /// The span of the first setting's key, and its value.
    fn first(self) -> Option<(Span, T)> {
        self.first
    }
}

/// The keys fields and variants share, with one meaning on both: `skip`,
/// `skip_serializing`, `skip_deserializing`, `with`, `serialize_with`, `deserialize_with`.
struct SkipAndWith {
    skip_serializing: Once<()>,
    skip_deserializing: Once<()>,
    serialize_with: Once<()>,
    deserialize_with: Once<()>,
}

impl SkipAndWith {
    fn new() -> Self {
        SkipAndWith {
            skip_serializing: Once::new("skip_serializing"),
            skip_deserializing: Once::new("skip_deserializing"),
            serialize_with: Once::new("serialize_with"),
            deserialize_with: Once::new("deserialize_with"),
        }
    }

    /// Reads `meta` when `key` is one of these (true); leaves it otherwise (false).
    fn read(
        &mut self,
        cx: &Ctxt,
        key: &str,
        meta: &syn::meta::ParseNestedMeta,
    ) -> syn::Result<bool> {
        let path = &meta.path;
        match key {
            "skip" => {
                self.skip_serializing.set(cx, path, ());
                self.skip_deserializing.set(cx, path, ());
            }
            "skip_serializing" => self.skip_serializing.set(cx, path, ()),
            "skip_deserializing" => self.skip_deserializing.set(cx, path, ()),
            "with" | "serialize_with" | "deserialize_with" => {
                if value::expr_path(cx, key, meta)? {
                    if key != "deserialize_with" {
                        self.serialize_with.set(cx, path, ());
                    }
                    if key != "serialize_with" {
                        self.deserialize_with.set(cx, path, ());
                    }
                }
            }
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// Runs `f` on every item of every non-empty `#[serde(...)]` attribute, as serde does:
/// an `Err` from `f` (or from syn) is reported and ends that attribute's list.
fn each_serde_item(
    cx: &Ctxt,
    attrs: &[syn::Attribute],
    mut f: impl FnMut(syn::meta::ParseNestedMeta) -> syn::Result<()>,
) {
    for attr in attrs {
        if !attr.path().is_ident("serde") {
            continue;
        }
        if let syn::Meta::List(list) = &attr.meta
            && list.tokens.is_empty()
        {
            continue;
        }
        if let Err(err) = attr.parse_nested_meta(&mut f) {
            cx.syn_error(err);
        }
    }
}

/// The key of one item, for a `match`: one string per key instead of one comparison per
/// known key. Empty for a path that is not a single identifier (never a known key).
fn key(path: &syn::Path) -> String {
    path.get_ident().map(|i| i.to_string()).unwrap_or_default()
}
