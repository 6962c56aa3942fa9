//! Attribute values, read as serde_derive reads them: the same syn parsers in the same
//! order, so that a syn error (which ends the attribute's list) happens at the same token,
//! and serde's own errors (which do not) are reported with its messages.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::{Lifetime, LitStr, Token};

use super::{duplicate_attribute, expected_string};
use crate::ctxt::Ctxt;

/// `key = "..."`: the literal, or `None` (reported) when the value is another expression.
pub(super) fn lit_str(
    cx: &Ctxt,
    attr: &str,
    item: &str,
    meta: &ParseNestedMeta,
) -> syn::Result<Option<LitStr>> {
    let expr: syn::Expr = meta.value()?.parse()?;
    let mut value = &expr;
    while let syn::Expr::Group(group) = value {
        value = &group.expr;
    }
    if let syn::Expr::Lit(syn::ExprLit {
        lit: syn::Lit::Str(lit),
        ..
    }) = value
    {
        let suffix = lit.suffix();
        if !suffix.is_empty() {
            cx.error_spanned_by(
                lit,
                format!("unexpected suffix `{suffix}` on string literal"),
            );
        }
        Ok(Some(lit.clone()))
    } else {
        cx.error_spanned_by(&expr, expected_string(attr, item));
        Ok(None)
    }
}

/// `key = "path::to::function"` (`with`, `default`, `getter`, ...): whether it is one.
pub(super) fn expr_path(cx: &Ctxt, attr: &str, meta: &ParseNestedMeta) -> syn::Result<bool> {
    let Some(lit) = lit_str(cx, attr, attr, meta)? else {
        return Ok(false);
    };
    Ok(match lit.parse::<syn::ExprPath>() {
        Ok(_) => true,
        Err(_) => {
            cx.error_spanned_by(&lit, failed_path(&lit));
            false
        }
    })
}

/// `key = "path"` (`remote`, `crate`).
pub(super) fn path(
    cx: &Ctxt,
    attr: &str,
    meta: &ParseNestedMeta,
) -> syn::Result<Option<syn::Path>> {
    let Some(lit) = lit_str(cx, attr, attr, meta)? else {
        return Ok(None);
    };
    Ok(match lit.parse::<syn::Path>() {
        Ok(path) => Some(path),
        Err(_) => {
            cx.error_spanned_by(&lit, failed_path(&lit));
            None
        }
    })
}

fn failed_path(lit: &LitStr) -> String {
    format!("failed to parse path: {:?}", lit.value())
}

/// `key = "Type"` (`from`, `try_from`, `into`): whether it is one.
pub(super) fn ty(cx: &Ctxt, attr: &str, meta: &ParseNestedMeta) -> syn::Result<bool> {
    let Some(lit) = lit_str(cx, attr, attr, meta)? else {
        return Ok(false);
    };
    Ok(match lit.parse::<syn::Type>() {
        Ok(_) => true,
        Err(_) => {
            cx.error_spanned_by(&lit, super::failed_to_parse_type(attr, &lit.value()));
            false
        }
    })
}

/// `bound = "T: Trait"` (or inside `bound(serialize = ..)`). serde counts the setting even
/// when the predicates do not parse, so this always yields one.
fn where_predicates(
    cx: &Ctxt,
    attr: &str,
    item: &str,
    meta: &ParseNestedMeta,
) -> syn::Result<Option<()>> {
    if let Some(lit) = lit_str(cx, attr, item, meta)?
        && let Err(err) =
            lit.parse_with(Punctuated::<syn::WherePredicate, Token![,]>::parse_terminated)
    {
        cx.error_spanned_by(&lit, err);
    }
    Ok(Some(()))
}

/// `borrow = "'a + 'b"`: the lifetimes (empty when malformed, which is reported).
pub(super) fn lifetimes(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<BTreeSet<Lifetime>> {
    let Some(lit) = lit_str(cx, "borrow", "borrow", meta)? else {
        return Ok(BTreeSet::new());
    };
    let parsed = lit.parse_with(|input: ParseStream| {
        let mut set = BTreeSet::new();
        while !input.is_empty() {
            let lifetime: Lifetime = input.parse()?;
            if set.contains(&lifetime) {
                cx.error_spanned_by(&lit, format!("duplicate borrowed lifetime `{lifetime}`"));
            } else {
                set.insert(lifetime);
            }
            if input.is_empty() {
                break;
            }
            input.parse::<Token![+]>()?;
        }
        Ok(set)
    });
    match parsed {
        Ok(set) => {
            if set.is_empty() {
                cx.error_spanned_by(&lit, "at least one lifetime must be borrowed");
            }
            Ok(set)
        }
        Err(_) => {
            cx.error_spanned_by(
                &lit,
                format!("failed to parse borrowed lifetimes: {:?}", lit.value()),
            );
            Ok(BTreeSet::new())
        }
    }
}

/// The values given for one direction (serde's `VecAttr`).
pub(super) struct Many<T> {
    name: &'static str,
    /// The tokens of the second value, where serde reports a duplicate.
    second: TokenStream,
    values: Vec<T>,
}

impl<T> Many<T> {
    fn new(name: &'static str) -> Self {
        Many {
            name,
            second: TokenStream::new(),
            values: Vec::new(),
        }
    }

    fn insert(&mut self, tokens: &syn::Path, value: T) {
        if self.values.len() == 1 {
            self.second = tokens.to_token_stream();
        }
        self.values.push(value);
    }

    /// The one value; two or more are a duplicate (reported) and count as none.
    pub(super) fn at_most_one(mut self, cx: &Ctxt) -> Option<T> {
        if self.values.len() > 1 {
            cx.error_spanned_by(self.second, duplicate_attribute(self.name));
            None
        } else {
            self.values.pop()
        }
    }

    pub(super) fn all(self) -> Vec<T> {
        self.values
    }
}

/// `attr = value` (both directions) or `attr(serialize = value, deserialize = value)`.
fn ser_and_de<T: Clone>(
    cx: &Ctxt,
    attr: &'static str,
    meta: &ParseNestedMeta,
    mut f: impl FnMut(&Ctxt, &str, &str, &ParseNestedMeta) -> syn::Result<Option<T>>,
) -> syn::Result<(Many<T>, Many<T>)> {
    let mut ser = Many::new(attr);
    let mut de = Many::new(attr);
    let lookahead = meta.input.lookahead1();
    if lookahead.peek(Token![=]) {
        if let Some(both) = f(cx, attr, attr, meta)? {
            ser.insert(&meta.path, both.clone());
            de.insert(&meta.path, both);
        }
    } else if lookahead.peek(syn::token::Paren) {
        meta.parse_nested_meta(|inner| {
            match super::key(&inner.path).as_str() {
                "serialize" => {
                    if let Some(v) = f(cx, attr, "serialize", &inner)? {
                        ser.insert(&inner.path, v);
                    }
                }
                "deserialize" => {
                    if let Some(v) = f(cx, attr, "deserialize", &inner)? {
                        de.insert(&inner.path, v);
                    }
                }
                _ => {
                    return Err(inner.error(format_args!(
                        "malformed {attr} attribute, expected `{attr}(serialize = ..., deserialize = ...)`"
                    )));
                }
            }
            Ok(())
        })?;
    } else {
        return Err(lookahead.error());
    }
    Ok((ser, de))
}

/// `rename`/`rename_all`/`rename_all_fields` on a container: at most one name each way.
pub(super) fn renames(
    cx: &Ctxt,
    attr: &'static str,
    meta: &ParseNestedMeta,
) -> syn::Result<(Option<LitStr>, Option<LitStr>)> {
    let (ser, de) = ser_and_de(cx, attr, meta, lit_str)?;
    Ok((ser.at_most_one(cx), de.at_most_one(cx)))
}

/// `rename` on a variant or field: one serialized name, any number of accepted ones.
pub(super) fn multiple_renames(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
) -> syn::Result<(Option<LitStr>, Vec<LitStr>)> {
    let (ser, de) = ser_and_de(cx, "rename", meta, lit_str)?;
    Ok((ser.at_most_one(cx), de.all()))
}

/// `bound`: whether each direction is set.
pub(super) fn bounds(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<(bool, bool)> {
    let (ser, de) = ser_and_de(cx, "bound", meta, where_predicates)?;
    Ok((ser.at_most_one(cx).is_some(), de.at_most_one(cx).is_some()))
}

/// `rename_all = "rule"` or `rename_all(serialize = .., deserialize = ..)`, into `ser` and
/// `de` (which report duplicates). An unknown rule is reported once, at the literal.
pub(super) fn rename_rules(
    cx: &Ctxt,
    attr: &'static str,
    meta: &ParseNestedMeta,
    ser: &mut super::Once<crate::case::RenameRule>,
    de: &mut super::Once<crate::case::RenameRule>,
) -> syn::Result<()> {
    let one_name = meta.input.peek(Token![=]);
    let (ser_lit, de_lit) = renames(cx, attr, meta)?;
    set_rules(cx, meta, one_name, (ser_lit, de_lit), ser, de);
    Ok(())
}

/// The second half of [`rename_rules`], for `rename_all_fields`, whose placement serde
/// checks between reading the value and the rules.
pub(super) fn set_rules(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    one_name: bool,
    (ser_lit, de_lit): (Option<LitStr>, Option<LitStr>),
    ser: &mut super::Once<crate::case::RenameRule>,
    de: &mut super::Once<crate::case::RenameRule>,
) {
    for (lit, slot, report) in [(ser_lit, ser, true), (de_lit, de, !one_name)] {
        let Some(lit) = lit else { continue };
        let value = lit.value();
        match crate::case::RenameRule::from_str(&value) {
            Some(rule) => slot.set(cx, &meta.path, rule),
            None if report => cx.error_spanned_by(&lit, super::unknown_rename_rule(&value)),
            None => {}
        }
    }
}

/// Whether `path` is exactly the one identifier `name` (`Self`), as serde compares it.
pub(super) fn is_primitive_path(path: &syn::Path, name: &str) -> bool {
    path.leading_colon.is_none()
        && path.segments.len() == 1
        && path.segments[0].ident == name
        && path.segments[0].arguments.is_none()
}
