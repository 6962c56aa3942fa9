//! Reads the attributes that shape a fingerprint: our own `#[fingerprint(...)]`, serde's
//! `#[serde(...)]` (only what changes the wire), and `#[repr(...)]` on enums.
//!
//! Unknown `fingerprint` keys and duplicates are errors. Unknown `serde` keys are skipped
//! silently: validating serde's syntax is serde's job, and a serde release may add keys.

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::{LitStr, Token};

use crate::case::{AcceptedRules, RenameRule};
use crate::ctxt::Ctxt;
use crate::fnpath::FnPath;

const FINGERPRINT: &str = "fingerprint";
const SERDE: &str = "serde";
const REPR: &str = "repr";

/// A value that may be set once; a second setting is an error at the second token.
pub struct Once<T> {
    name: &'static str,
    value: Option<(T, TokenStream)>,
}

impl<T> Once<T> {
    fn none(name: &'static str) -> Self {
        Once { name, value: None }
    }

    fn set<A: ToTokens>(&mut self, cx: &Ctxt, tokens: A, value: T) {
        let tokens = tokens.into_token_stream();
        if self.value.is_some() {
            cx.error_spanned_by(tokens, format!("duplicate attribute `{}`", self.name));
        } else {
            self.value = Some((value, tokens));
        }
    }

    pub fn get(&self) -> Option<&T> {
        self.value.as_ref().map(|(v, _)| v)
    }

    /// The tokens the value was set from, to point later errors at them.
    pub fn tokens(&self) -> Option<&TokenStream> {
        self.value.as_ref().map(|(_, t)| t)
    }

    fn into_value(self) -> Option<T> {
        self.value.map(|(v, _)| v)
    }
}

/// A serde name that may differ between serializing and deserializing.
#[derive(Clone)]
pub struct SerDe<T> {
    pub ser: Option<T>,
    pub de: Option<T>,
}

impl<T> Default for SerDe<T> {
    fn default() -> Self {
        SerDe {
            ser: None,
            de: None,
        }
    }
}

/// `#[serde(default)]` or `#[serde(default = "path")]`.
#[derive(Clone)]
pub enum DefaultAttr {
    /// `Default::default`, in any spelling.
    Flag,
    Path(FnPath),
}

/// `with`, `serialize_with` and `deserialize_with` on a field or variant.
#[derive(Clone, Default)]
pub struct CustomWith {
    /// `with = "module"`: `module::serialize` and `module::deserialize`.
    pub with: Option<FnPath>,
    pub serialize_with: Option<FnPath>,
    pub deserialize_with: Option<FnPath>,
}

impl CustomWith {
    /// The serializer the field is written with, if it is not the field type's own.
    pub fn serializer(&self) -> Option<&FnPath> {
        self.with.as_ref().or(self.serialize_with.as_ref())
    }

    /// The deserializer the field is read with, if it is not the field type's own.
    pub fn deserializer(&self) -> Option<&FnPath> {
        self.with.as_ref().or(self.deserialize_with.as_ref())
    }
}

/// `#[fingerprint(...)]`, `#[serde(...)]` and `#[repr(...)]` on the struct or enum.
pub struct ContainerAttrs {
    pub crate_path: Option<syn::Path>,
    pub bound: Option<Vec<syn::WherePredicate>>,
    pub opaque: Option<LitStr>,
    /// `#[fingerprint(cycle(A, B))]`: the members of a mutual-recursion group, in order.
    pub cycle: Once<Vec<syn::Type>>,
    /// `#[fingerprint(expect = "hex")]`: the pinned fingerprint and its literal.
    pub expect: Option<(LitStr, [u8; 32])>,
    /// `#[fingerprint(implements(TraitA, path::TraitB as INTERFACE))]`: each trait, and the
    /// interface const when it is not the trait's own.
    pub implements: Vec<(syn::Path, Option<syn::Path>)>,
    pub rename: SerDe<String>,
    pub rename_all: SerDe<RenameRule>,
    pub rename_all_fields: SerDe<RenameRule>,
    pub tag: Option<String>,
    pub content: Option<String>,
    pub untagged: bool,
    pub default: Option<DefaultAttr>,
    pub deny_unknown_fields: bool,
    pub transparent: Once<()>,
    pub from: Option<syn::Type>,
    pub try_from: Option<syn::Type>,
    pub into: Option<syn::Type>,
    pub variant_identifier: bool,
    pub field_identifier: bool,
    /// The integer type of `#[repr(..)]`, normalized as serde writes it (`usize` -> `u64`).
    pub repr: Option<String>,
}

/// `#[fingerprint(...)]` and `#[serde(...)]` on a variant.
pub struct VariantAttrs {
    pub rename: SerDe<String>,
    pub aliases: Vec<String>,
    pub rename_all: SerDe<RenameRule>,
    pub skip_serializing: bool,
    pub skip_deserializing: bool,
    pub other: bool,
    pub untagged: bool,
    pub with: CustomWith,
}

/// `#[fingerprint(...)]` and `#[serde(...)]` on a field.
pub struct FieldAttrs {
    pub rename: SerDe<String>,
    pub aliases: Vec<String>,
    pub skip_serializing: bool,
    pub skip_deserializing: bool,
    pub skip_serializing_if: Option<FnPath>,
    pub default: Option<DefaultAttr>,
    pub flatten: bool,
    pub with: CustomWith,
    /// `#[fingerprint(skip)]`.
    pub fp_skip: Once<()>,
    /// `#[fingerprint(as = "Type")]`.
    pub fp_as: Once<syn::Type>,
    /// `#[fingerprint(opaque = "name")]`.
    pub fp_opaque: Once<LitStr>,
}

impl ContainerAttrs {
    pub fn from_attrs(cx: &Ctxt, attrs: &[syn::Attribute]) -> Self {
        // serde's syntax errors are `serde_check`'s to report, once, as serde words them.
        let quiet = Ctxt::default();
        let mut crate_path = Once::none("crate");
        let mut bound = Once::none("bound");
        let mut opaque = Once::none("opaque");
        let mut cycle = Once::none("cycle");
        let mut expect = Once::none("expect");
        let mut implements = Once::none("implements");
        let mut out = ContainerAttrs {
            crate_path: None,
            bound: None,
            opaque: None,
            cycle: Once::none("cycle"),
            expect: None,
            implements: Vec::new(),
            rename: SerDe::default(),
            rename_all: SerDe::default(),
            rename_all_fields: SerDe::default(),
            tag: None,
            content: None,
            untagged: false,
            default: None,
            deny_unknown_fields: false,
            transparent: Once::none("transparent"),
            from: None,
            try_from: None,
            into: None,
            variant_identifier: false,
            field_identifier: false,
            repr: None,
        };
        each_meta(cx, attrs, FINGERPRINT, |meta| {
            if meta.path.is_ident("crate") {
                // #[fingerprint(crate = "path::to::objfp")]
                let lit: LitStr = meta.value()?.parse()?;
                let path = lit.parse::<syn::Path>().map_err(|_| {
                    syn::Error::new(lit.span(), "expected a path, such as \"::objfp\"")
                })?;
                crate_path.set(cx, &meta.path, path);
            } else if meta.path.is_ident("bound") {
                // #[fingerprint(bound = "T: TypeFingerprint")]
                let lit: LitStr = meta.value()?.parse()?;
                let preds = lit
                    .parse_with(Punctuated::<syn::WherePredicate, Token![,]>::parse_terminated)
                    .map_err(|e| {
                        syn::Error::new(
                            lit.span(),
                            format!("expected where-clause predicates: {e}"),
                        )
                    })?;
                bound.set(cx, &meta.path, preds.into_iter().collect());
            } else if meta.path.is_ident("opaque") {
                // #[fingerprint(opaque = "stable-name")]
                opaque.set(cx, &meta.path, opaque_name(&meta)?);
            } else if meta.path.is_ident("cycle") {
                // #[fingerprint(cycle(A, B))]
                let content;
                syn::parenthesized!(content in meta.input);
                let types = Punctuated::<syn::Type, Token![,]>::parse_terminated(&content)?;
                cycle.set(cx, &meta.path, types.into_iter().collect());
            } else if meta.path.is_ident("implements") {
                // #[fingerprint(implements(TraitA, path::TraitB, Foreign as MY_CONST))]
                let content;
                syn::parenthesized!(content in meta.input);
                let traits = Punctuated::<Implemented, Token![,]>::parse_terminated(&content)?;
                let mut seen: Vec<String> = Vec::new();
                for t in &traits {
                    let key = t.0.to_token_stream().to_string();
                    if seen.contains(&key) {
                        cx.error_spanned_by(
                            &t.0,
                            format!(
                                "`{key}` is listed twice in `implements(...)`; list each trait once"
                            ),
                        );
                    }
                    seen.push(key);
                }
                implements.set(
                    cx,
                    &meta.path,
                    traits.into_iter().map(|t| (t.0, t.1)).collect(),
                );
            } else if meta.path.is_ident("expect") {
                // #[fingerprint(expect = "64 hex digits")]
                let lit: LitStr = meta.value()?.parse()?;
                let bytes = parse_pin(&lit)?;
                expect.set(cx, &meta.path, (lit, bytes));
            } else {
                return Err(meta.error(unknown_key(
                    &meta.path,
                    "on a type",
                    "crate, bound, opaque, cycle, expect, implements",
                )));
            }
            Ok(())
        });
        each_meta(&quiet, attrs, SERDE, |meta| {
            let key = path_key(&meta.path);
            match key.as_str() {
                "rename" => out.rename = parse_ser_de_str(&meta)?,
                "rename_all" => out.rename_all = parse_ser_de_rule(&meta)?,
                "rename_all_fields" => out.rename_all_fields = parse_ser_de_rule(&meta)?,
                "tag" => out.tag = Some(lit_value(&meta)?),
                "content" => out.content = Some(lit_value(&meta)?),
                "untagged" => out.untagged = true,
                "default" => out.default = Some(default_attr(&meta)?),
                "deny_unknown_fields" => out.deny_unknown_fields = true,
                "transparent" => out.transparent.set(&quiet, &meta.path, ()),
                "from" => out.from = Some(lit_type(&meta)?),
                "try_from" => out.try_from = Some(lit_type(&meta)?),
                "into" => out.into = Some(lit_type(&meta)?),
                "variant_identifier" => out.variant_identifier = true,
                "field_identifier" => out.field_identifier = true,
                // bound, crate, remote, expecting: no wire effect (SPEC.md).
                _ => skip_value(&meta)?,
            }
            Ok(())
        });
        // A malformed `#[repr]` is rustc's to report; only the integer type matters here.
        for attr in attrs.iter().filter(|a| a.path().is_ident(REPR)) {
            let _ = attr.parse_nested_meta(|meta| {
                let key = path_key(&meta.path);
                if let Some(int) = repr_int(&key) {
                    out.repr = Some(int.to_owned());
                }
                skip_value(&meta)
            });
        }
        out.crate_path = crate_path.into_value();
        out.bound = bound.into_value();
        out.opaque = opaque.into_value();
        out.cycle = cycle;
        out.expect = expect.into_value();
        out.implements = implements.into_value().unwrap_or_default();
        out
    }
}

impl VariantAttrs {
    pub fn from_attrs(cx: &Ctxt, attrs: &[syn::Attribute]) -> Self {
        let quiet = Ctxt::default();
        let mut out = VariantAttrs {
            rename: SerDe::default(),
            aliases: Vec::new(),
            rename_all: SerDe::default(),
            skip_serializing: false,
            skip_deserializing: false,
            other: false,
            untagged: false,
            with: CustomWith::default(),
        };
        each_meta(cx, attrs, FINGERPRINT, |meta| {
            Err(meta.error(unknown_key(
                &meta.path,
                "on a variant",
                "none; put `#[fingerprint(...)]` on the type or on a field",
            )))
        });
        each_meta(&quiet, attrs, SERDE, |meta| {
            let key = path_key(&meta.path);
            match key.as_str() {
                "rename" => out.rename = parse_ser_de_str(&meta)?,
                "alias" => out.aliases.push(lit_value(&meta)?),
                "rename_all" => out.rename_all = parse_ser_de_rule(&meta)?,
                "skip" => {
                    out.skip_serializing = true;
                    out.skip_deserializing = true;
                }
                "skip_serializing" => out.skip_serializing = true,
                "skip_deserializing" => out.skip_deserializing = true,
                "other" => out.other = true,
                "untagged" => out.untagged = true,
                "with" | "serialize_with" | "deserialize_with" => {
                    custom_with(&mut out.with, &key, &meta)?;
                }
                _ => skip_value(&meta)?,
            }
            Ok(())
        });
        out
    }
}

impl FieldAttrs {
    pub fn from_attrs(cx: &Ctxt, attrs: &[syn::Attribute]) -> Self {
        let quiet = Ctxt::default();
        let mut out = FieldAttrs {
            rename: SerDe::default(),
            aliases: Vec::new(),
            skip_serializing: false,
            skip_deserializing: false,
            skip_serializing_if: None,
            default: None,
            flatten: false,
            with: CustomWith::default(),
            fp_skip: Once::none("skip"),
            fp_as: Once::none("as"),
            fp_opaque: Once::none("opaque"),
        };
        each_meta(cx, attrs, FINGERPRINT, |meta| {
            if meta.path.is_ident("skip") {
                // #[fingerprint(skip)]
                out.fp_skip.set(cx, &meta.path, ());
            } else if meta.path.is_ident("as") {
                // #[fingerprint(as = "Type")]
                let ty = lit_type(&meta)?;
                out.fp_as.set(cx, &meta.path, ty);
            } else if meta.path.is_ident("opaque") {
                // #[fingerprint(opaque = "stable-name")]
                let name = opaque_name(&meta)?;
                out.fp_opaque.set(cx, &meta.path, name);
            } else {
                return Err(meta.error(unknown_key(&meta.path, "on a field", "skip, as, opaque")));
            }
            Ok(())
        });
        each_meta(&quiet, attrs, SERDE, |meta| {
            let key = path_key(&meta.path);
            match key.as_str() {
                "rename" => out.rename = parse_ser_de_str(&meta)?,
                "alias" => out.aliases.push(lit_value(&meta)?),
                "skip" => {
                    out.skip_serializing = true;
                    out.skip_deserializing = true;
                }
                "skip_serializing" => out.skip_serializing = true,
                "skip_deserializing" => out.skip_deserializing = true,
                "skip_serializing_if" => {
                    let lit: LitStr = meta.value()?.parse()?;
                    out.skip_serializing_if = Some(FnPath::new(&lit, meta.path.to_token_stream()));
                }
                "default" => out.default = Some(default_attr(&meta)?),
                "flatten" => out.flatten = true,
                "with" | "serialize_with" | "deserialize_with" => {
                    custom_with(&mut out.with, &key, &meta)?;
                }
                _ => skip_value(&meta)?,
            }
            Ok(())
        });
        out
    }
}

/// `default` or `default = "path"`.
fn default_attr(meta: &ParseNestedMeta) -> syn::Result<DefaultAttr> {
    if !meta.input.peek(Token![=]) {
        return Ok(DefaultAttr::Flag);
    }
    let lit: LitStr = meta.value()?.parse()?;
    let path = FnPath::new(&lit, meta.path.to_token_stream());
    Ok(if crate::fnpath::is_default_default(&path.segments()) {
        DefaultAttr::Flag
    } else {
        DefaultAttr::Path(path)
    })
}

/// `with`, `serialize_with` or `deserialize_with = "path"`.
fn custom_with(out: &mut CustomWith, key: &str, meta: &ParseNestedMeta) -> syn::Result<()> {
    let lit: LitStr = meta.value()?.parse()?;
    let path = Some(FnPath::new(&lit, meta.path.to_token_stream()));
    match key {
        "with" => out.with = path,
        "serialize_with" => out.serialize_with = path,
        _ => out.deserialize_with = path,
    }
    Ok(())
}

/// Runs `f` on every item of every `#[name(...)]` attribute, collecting errors in `cx`.
fn each_meta(
    cx: &Ctxt,
    attrs: &[syn::Attribute],
    name: &str,
    mut f: impl FnMut(ParseNestedMeta) -> syn::Result<()>,
) {
    for attr in attrs.iter().filter(|a| a.path().is_ident(name)) {
        if let Err(err) = attr.parse_nested_meta(&mut f) {
            cx.syn_error(err);
        }
    }
}

fn path_key(path: &syn::Path) -> String {
    path.get_ident()
        .map(|i| i.to_string())
        .unwrap_or_else(|| path.to_token_stream().to_string())
}

fn unknown_key(path: &syn::Path, place: &str, expected: &str) -> String {
    format!(
        "unknown fingerprint attribute `{}` {place}; expected one of: {expected}",
        path.to_token_stream()
    )
}

fn lit_value(meta: &ParseNestedMeta) -> syn::Result<String> {
    let lit: LitStr = meta.value()?.parse()?;
    Ok(lit.value())
}

fn lit_type(meta: &ParseNestedMeta) -> syn::Result<syn::Type> {
    let lit: LitStr = meta.value()?.parse()?;
    lit.parse::<syn::Type>()
        .map_err(|_| syn::Error::new(lit.span(), "expected a type, such as \"String\""))
}

fn opaque_name(meta: &ParseNestedMeta) -> syn::Result<LitStr> {
    let lit: LitStr = meta.value()?.parse()?;
    if lit.value().trim().is_empty() {
        return Err(syn::Error::new(
            lit.span(),
            "an opaque name must say what is on the wire, such as \"rfc3339-timestamp\"",
        ));
    }
    Ok(lit)
}

/// `key = "x"` or `key(serialize = "a", deserialize = "b")`.
fn parse_ser_de_lits(meta: &ParseNestedMeta) -> syn::Result<SerDe<LitStr>> {
    if meta.input.peek(Token![=]) {
        let lit: LitStr = meta.value()?.parse()?;
        return Ok(SerDe {
            ser: Some(lit.clone()),
            de: Some(lit),
        });
    }
    let mut out = SerDe::default();
    meta.parse_nested_meta(|inner| {
        if inner.path.is_ident("serialize") {
            out.ser = Some(inner.value()?.parse()?);
        } else if inner.path.is_ident("deserialize") {
            out.de = Some(inner.value()?.parse()?);
        } else {
            skip_value(&inner)?;
        }
        Ok(())
    })?;
    Ok(out)
}

fn parse_ser_de_str(meta: &ParseNestedMeta) -> syn::Result<SerDe<String>> {
    let lits = parse_ser_de_lits(meta)?;
    Ok(SerDe {
        ser: lits.ser.map(|l| l.value()),
        de: lits.de.map(|l| l.value()),
    })
}

fn parse_ser_de_rule(meta: &ParseNestedMeta) -> syn::Result<SerDe<RenameRule>> {
    let lits = parse_ser_de_lits(meta)?;
    let rule = |lit: Option<LitStr>| -> syn::Result<Option<RenameRule>> {
        match lit {
            None => Ok(None),
            Some(lit) => RenameRule::from_str(&lit.value()).map(Some).ok_or_else(|| {
                syn::Error::new(
                    lit.span(),
                    format!("unknown rename rule; serde accepts {AcceptedRules}"),
                )
            }),
        }
    };
    Ok(SerDe {
        ser: rule(lits.ser)?,
        de: rule(lits.de)?,
    })
}

/// Consumes `= value` or `(...)` after a key we do not interpret.
fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        let value = meta.value()?;
        skip_until_comma(value)
    } else if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        content.parse::<TokenStream>().map(drop)
    } else {
        Ok(())
    }
}

fn skip_until_comma(input: ParseStream) -> syn::Result<()> {
    input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((tt, next)) = rest.token_tree() {
            if let TokenTree::Punct(p) = &tt
                && p.as_char() == ','
            {
                break;
            }
            rest = next;
        }
        Ok(((), rest))
    })
}

fn repr_int(name: &str) -> Option<&'static str> {
    Some(match name {
        "u8" => "u8",
        "u16" => "u16",
        "u32" => "u32",
        "u64" | "usize" => "u64",
        "u128" => "u128",
        "i8" => "i8",
        "i16" => "i16",
        "i32" => "i32",
        "i64" | "isize" => "i64",
        "i128" => "i128",
        _ => return None,
    })
}

/// Parses a pinned fingerprint, with errors on the literal that say what is wrong.
fn parse_pin(lit: &LitStr) -> syn::Result<[u8; 32]> {
    let text = lit.value();
    let err = |msg: String| {
        syn::Error::new(
            lit.span(),
            format!(
                "{msg}; copy the fingerprint from the compile error or from `fingerprints.lock`"
            ),
        )
    };
    // Characters, not bytes: `é` is one character of the text the user sees.
    let chars: Vec<char> = text.chars().collect();
    if let Some((position, bad)) = chars
        .iter()
        .enumerate()
        .find(|(_, c)| !c.is_ascii_hexdigit())
    {
        return Err(err(format!(
            "a pinned fingerprint is 64 hex digits (0-9, a-f or A-F); character {} is {bad:?}, \
             not a hex digit",
            position + 1
        )));
    }
    if chars.len() != 64 {
        return Err(err(format!(
            "a pinned fingerprint is 64 hex digits, this one has {}",
            chars.len()
        )));
    }
    let mut out = [0u8; 32];
    for (i, pair) in chars.chunks(2).enumerate() {
        let digit = |c: char| c.to_digit(16).unwrap_or(0);
        out[i] = (digit(pair[0]) * 16 + digit(pair[1])) as u8;
    }
    Ok(out)
}

/// `Trait` or `Trait as INTERFACE_CONST` in `implements(...)`.
struct Implemented(syn::Path, Option<syn::Path>);

impl syn::parse::Parse for Implemented {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let path: syn::Path = input.parse()?;
        let interface = if input.peek(Token![as]) {
            input.parse::<Token![as]>()?;
            Some(input.parse()?)
        } else {
            None
        };
        Ok(Implemented(path, interface))
    }
}
