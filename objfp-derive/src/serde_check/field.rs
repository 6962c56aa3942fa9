//! `#[serde(...)]` on a field (serde_derive's `attr::Field`), including which lifetimes a
//! `borrow` can borrow.

use std::collections::BTreeSet;

use proc_macro2::{Spacing, TokenStream, TokenTree};
use syn::{LitStr, Token};

use super::variant::Borrow;
use super::{Once, SkipAndWith, Style, each_serde_item, key, unknown_attribute, value};
use crate::ctxt::Ctxt;

/// What the cross-checks need to know about a field.
pub(super) struct Field<'a> {
    pub original: &'a syn::Field,
    /// Position among its siblings (the name serde uses for a tuple field).
    pub index: usize,
    pub skip_serializing: bool,
    pub skip_deserializing: bool,
    pub skip_serializing_if: bool,
    /// Its own `default`, or the implicit one of a `skip_deserializing` field.
    pub has_default: bool,
    pub getter: bool,
    pub flatten: bool,
    /// `rename` (serialize direction).
    pub ser_name: Option<LitStr>,
    /// `rename` (deserialize direction, any number), then `alias`es.
    pub de_names: Vec<LitStr>,
    /// Whether `de_names` starts with a deserialize `rename` (the accepted name).
    pub de_renamed: bool,
}

pub(super) fn read_all<'a>(
    cx: &Ctxt,
    fields: &'a syn::Fields,
    borrow: Option<&Borrow>,
    container_default: bool,
) -> (Style, Vec<Field<'a>>) {
    let fields_out = fields
        .iter()
        .enumerate()
        .map(|(i, f)| read(cx, i, f, borrow, container_default))
        .collect();
    (Style::of(fields), fields_out)
}

fn read<'a>(
    cx: &Ctxt,
    index: usize,
    field: &'a syn::Field,
    variant_borrow: Option<&Borrow>,
    container_default: bool,
) -> Field<'a> {
    let mut ser_name = Once::new("rename");
    let mut de_renames = Vec::new();
    let mut aliases = Vec::new();
    let mut shared = SkipAndWith::new();
    let mut skip_serializing_if = Once::new("skip_serializing_if");
    let mut default = Once::new("default");
    let mut ser_bound = Once::new("bound");
    let mut de_bound = Once::new("bound");
    let mut borrowed = Once::new("borrow");
    let mut getter = Once::new("getter");
    let mut flatten = Once::new("flatten");

    if let Some(borrow) = variant_borrow
        && let Some(borrowable) = borrowable_lifetimes(cx, index, field)
    {
        if let Some(lifetimes) = &borrow.lifetimes {
            missing_lifetimes(cx, index, field, lifetimes, &borrowable);
        }
        borrowed.set(cx, &borrow.path, ());
    }

    each_serde_item(cx, &field.attrs, |meta| {
        let key = key(&meta.path);
        if shared.read(cx, &key, &meta)? {
            return Ok(());
        }
        match key.as_str() {
            "rename" => {
                let (ser, de) = value::multiple_renames(cx, &meta)?;
                ser_name.set_opt(cx, &meta.path, ser);
                de_renames.extend(de);
            }
            "alias" => {
                if let Some(lit) = value::lit_str(cx, "alias", "alias", &meta)? {
                    aliases.push(lit);
                }
            }
            "default" => {
                if meta.input.peek(Token![=]) {
                    if value::expr_path(cx, "default", &meta)? {
                        default.set(cx, &meta.path, ());
                    }
                } else {
                    default.set(cx, &meta.path, ());
                }
            }
            "skip_serializing_if" => {
                if value::expr_path(cx, "skip_serializing_if", &meta)? {
                    skip_serializing_if.set(cx, &meta.path, ());
                }
            }
            "bound" => {
                let (ser, de) = value::bounds(cx, &meta)?;
                ser_bound.set_opt(cx, &meta.path, ser.then_some(()));
                de_bound.set_opt(cx, &meta.path, de.then_some(()));
            }
            "borrow" => {
                let lifetimes = if meta.input.peek(Token![=]) {
                    Some(value::lifetimes(cx, &meta)?)
                } else {
                    None
                };
                if let Some(borrowable) = borrowable_lifetimes(cx, index, field) {
                    if let Some(lifetimes) = &lifetimes {
                        missing_lifetimes(cx, index, field, lifetimes, &borrowable);
                    }
                    borrowed.set(cx, &meta.path, ());
                }
            }
            "getter" => {
                if value::expr_path(cx, "getter", &meta)? {
                    getter.set(cx, &meta.path, ());
                }
            }
            "flatten" => flatten.set(cx, &meta.path, ()),
            _ => return Err(meta.error(unknown_attribute("field", &meta.path))),
        }
        Ok(())
    });

    let skip_deserializing = shared.skip_deserializing.is_set();
    if !container_default && skip_deserializing {
        default.set_if_none(());
    }
    let de_renamed = !de_renames.is_empty();
    de_renames.extend(aliases);
    Field {
        original: field,
        index,
        skip_serializing: shared.skip_serializing.is_set(),
        skip_deserializing,
        skip_serializing_if: skip_serializing_if.is_set(),
        has_default: default.is_set(),
        getter: getter.is_set(),
        flatten: flatten.is_set(),
        ser_name: ser_name.value(),
        de_names: de_renames,
        de_renamed,
    }
}

/// The field's name as serde writes it in messages: the identifier without `r#`, or the
/// position of a tuple field.
pub(super) fn source_name(index: usize, field: &syn::Field) -> String {
    match &field.ident {
        Some(ident) => {
            let name = ident.to_string();
            match name.strip_prefix("r#") {
                Some(raw) => raw.to_owned(),
                None => name,
            }
        }
        None => index.to_string(),
    }
}

/// Every lifetime in the field's type that a `borrow` could borrow, or `None` (reported)
/// when there is none.
fn borrowable_lifetimes(
    cx: &Ctxt,
    index: usize,
    field: &syn::Field,
) -> Option<BTreeSet<syn::Lifetime>> {
    let mut out = BTreeSet::new();
    collect_lifetimes(&field.ty, &mut out);
    if out.is_empty() {
        let name = source_name(index, field);
        cx.error_spanned_by(field, format!("field `{name}` has no lifetimes to borrow"));
        None
    } else {
        Some(out)
    }
}

fn missing_lifetimes(
    cx: &Ctxt,
    index: usize,
    field: &syn::Field,
    wanted: &BTreeSet<syn::Lifetime>,
    borrowable: &BTreeSet<syn::Lifetime>,
) {
    for lifetime in wanted.difference(borrowable) {
        let name = source_name(index, field);
        cx.error_spanned_by(
            field,
            format!("field `{name}` does not have lifetime {lifetime}"),
        );
    }
}

/// The lifetimes serde considers borrowable in `ty`: those in references and in generic
/// arguments, not those bound inside function pointers or trait objects.
fn collect_lifetimes(ty: &syn::Type, out: &mut BTreeSet<syn::Lifetime>) {
    match ty {
        syn::Type::Slice(ty) => collect_lifetimes(&ty.elem, out),
        syn::Type::Array(ty) => collect_lifetimes(&ty.elem, out),
        syn::Type::Ptr(ty) => collect_lifetimes(&ty.elem, out),
        syn::Type::Reference(ty) => {
            out.extend(ty.lifetime.iter().cloned());
            collect_lifetimes(&ty.elem, out);
        }
        syn::Type::Tuple(ty) => ty.elems.iter().for_each(|t| collect_lifetimes(t, out)),
        syn::Type::Path(ty) => {
            if let Some(qself) = &ty.qself {
                collect_lifetimes(&qself.ty, out);
            }
            for segment in &ty.path.segments {
                if let syn::PathArguments::AngleBracketed(args) = &segment.arguments {
                    for arg in &args.args {
                        match arg {
                            syn::GenericArgument::Lifetime(lifetime) => {
                                out.insert(lifetime.clone());
                            }
                            syn::GenericArgument::Type(ty) => collect_lifetimes(ty, out),
                            syn::GenericArgument::AssocType(assoc) => {
                                collect_lifetimes(&assoc.ty, out)
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
        syn::Type::Paren(ty) => collect_lifetimes(&ty.elem, out),
        syn::Type::Group(ty) => collect_lifetimes(&ty.elem, out),
        syn::Type::Macro(ty) => lifetimes_in_tokens(ty.mac.tokens.clone(), out),
        _ => {}
    }
}

/// A macro's arguments are not types yet: every `'ident` in them counts.
fn lifetimes_in_tokens(tokens: TokenStream, out: &mut BTreeSet<syn::Lifetime>) {
    let mut iter = tokens.into_iter();
    while let Some(tt) = iter.next() {
        match &tt {
            TokenTree::Punct(p) if p.as_char() == '\'' && p.spacing() == Spacing::Joint => {
                if let Some(TokenTree::Ident(ident)) = iter.next() {
                    out.insert(syn::Lifetime {
                        apostrophe: p.span(),
                        ident,
                    });
                }
            }
            TokenTree::Group(group) => lifetimes_in_tokens(group.stream(), out),
            _ => {}
        }
    }
}
