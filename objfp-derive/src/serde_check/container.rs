//! `#[serde(...)]` on the struct or enum (serde_derive's `attr::Container`).

use proc_macro2::{Span, TokenStream};
use syn::Token;

use super::value::{self, is_primitive_path};
use super::{Once, Rules, each_serde_item, key, unknown_attribute};
use crate::ctxt::Ctxt;

/// What the cross-checks need to know about the container.
pub(super) struct Container {
    pub has_default: bool,
    pub rename_all_fields: Rules,
    pub transparent: bool,
    pub from: bool,
    pub try_from: bool,
    pub into: bool,
    pub remote: Option<syn::Path>,
    pub tag: Tag,
    pub identifier: Identifier,
}

/// serde's enum representation (`TagType`).
pub(super) enum Tag {
    External,
    Internal(String),
    Adjacent(String, String),
    /// `untagged`.
    None,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Identifier {
    No,
    Field,
    Variant,
}

const UNTAGGED_ENUMS: &str = "#[serde(untagged)] can only be used on enums";
const TAG_PLACE: &str =
    "#[serde(tag = \"...\")] can only be used on enums and structs with named fields";
const CONTENT_ENUMS: &str = "#[serde(content = \"...\")] can only be used on enums";
const FIELDS_ENUMS: &str = "#[serde(rename_all_fields)] can only be used on enums";

pub(super) fn read(cx: &Ctxt, input: &syn::DeriveInput) -> Container {
    let mut ser_name = Once::new("rename");
    let mut de_name = Once::new("rename");
    let mut transparent = Once::new("transparent");
    let mut deny_unknown_fields = Once::new("deny_unknown_fields");
    let mut default = Once::new("default");
    let mut rename_all_ser = Once::new("rename_all");
    let mut rename_all_de = Once::new("rename_all");
    let mut fields_ser = Once::new("rename_all_fields");
    let mut fields_de = Once::new("rename_all_fields");
    let mut ser_bound = Once::new("bound");
    let mut de_bound = Once::new("bound");
    let mut untagged = Once::new("untagged");
    let mut tag = Once::new("tag");
    let mut content = Once::new("content");
    let mut from = Once::new("from");
    let mut try_from = Once::new("try_from");
    let mut into = Once::new("into");
    let mut remote = Once::new("remote");
    let mut field_identifier = Once::new("field_identifier");
    let mut variant_identifier = Once::new("variant_identifier");
    let mut krate = Once::new("crate");
    let mut expecting = Once::new("expecting");

    let is_enum = matches!(input.data, syn::Data::Enum(_));
    // `Some(has fields)` for a struct.
    let struct_fields = match &input.data {
        syn::Data::Struct(data) => Some(&data.fields),
        _ => None,
    };

    each_serde_item(cx, &input.attrs, |meta| {
        match key(&meta.path).as_str() {
            "rename" => {
                let (ser, de) = value::renames(cx, "rename", &meta)?;
                ser_name.set_opt(cx, &meta.path, ser.map(drop));
                de_name.set_opt(cx, &meta.path, de.map(drop));
            }
            "rename_all" => {
                value::rename_rules(
                    cx,
                    "rename_all",
                    &meta,
                    &mut rename_all_ser,
                    &mut rename_all_de,
                )?;
            }
            "rename_all_fields" => {
                let one_name = meta.input.peek(Token![=]);
                let lits = value::renames(cx, "rename_all_fields", &meta)?;
                if is_enum {
                    value::set_rules(cx, &meta, one_name, lits, &mut fields_ser, &mut fields_de);
                } else {
                    cx.syn_error(meta.error(FIELDS_ENUMS));
                }
            }
            "transparent" => transparent.set(cx, &meta.path, ()),
            "deny_unknown_fields" => deny_unknown_fields.set(cx, &meta.path, ()),
            "default" => {
                if meta.input.peek(Token![=]) {
                    if value::expr_path(cx, "default", &meta)? {
                        match struct_fields {
                            Some(syn::Fields::Unit) => cx.syn_error(meta.error(
                                "#[serde(default = \"...\")] can only be used on structs that have fields",
                            )),
                            Some(_) => default.set(cx, &meta.path, ()),
                            None => cx.syn_error(
                                meta.error("#[serde(default = \"...\")] can only be used on structs"),
                            ),
                        }
                    }
                } else {
                    match struct_fields {
                        // serde points at the (empty) fields: the derive's call site.
                        Some(fields @ syn::Fields::Unit) => cx.error_spanned_by(
                            fields,
                            "#[serde(default)] can only be used on structs that have fields",
                        ),
                        Some(_) => default.set(cx, &meta.path, ()),
                        None => cx
                            .syn_error(meta.error("#[serde(default)] can only be used on structs")),
                    }
                }
            }
            "bound" => {
                let (ser, de) = value::bounds(cx, &meta)?;
                ser_bound.set_opt(cx, &meta.path, ser.then_some(()));
                de_bound.set_opt(cx, &meta.path, de.then_some(()));
            }
            "untagged" => {
                if is_enum {
                    untagged.set(cx, &meta.path, ());
                } else {
                    cx.syn_error(meta.error(UNTAGGED_ENUMS));
                }
            }
            "tag" => {
                if let Some(lit) = value::lit_str(cx, "tag", "tag", &meta)? {
                    match (is_enum, struct_fields) {
                        (true, _) | (_, Some(syn::Fields::Named(_))) => {
                            tag.set(cx, &meta.path, lit.value())
                        }
                        _ => cx.syn_error(meta.error(TAG_PLACE)),
                    }
                }
            }
            "content" => {
                if let Some(lit) = value::lit_str(cx, "content", "content", &meta)? {
                    if is_enum {
                        content.set(cx, &meta.path, lit.value());
                    } else {
                        cx.syn_error(meta.error(CONTENT_ENUMS));
                    }
                }
            }
            "from" => {
                if value::ty(cx, "from", &meta)? {
                    from.set(cx, &meta.path, ());
                }
            }
            "try_from" => {
                if value::ty(cx, "try_from", &meta)? {
                    try_from.set(cx, &meta.path, ());
                }
            }
            "into" => {
                if value::ty(cx, "into", &meta)? {
                    into.set(cx, &meta.path, ());
                }
            }
            "remote" => {
                if let Some(path) = value::path(cx, "remote", &meta)? {
                    let path = if is_primitive_path(&path, "Self") {
                        syn::Path::from(input.ident.clone())
                    } else {
                        path
                    };
                    remote.set(cx, &meta.path, path);
                }
            }
            "field_identifier" => field_identifier.set(cx, &meta.path, ()),
            "variant_identifier" => variant_identifier.set(cx, &meta.path, ()),
            "crate" => {
                if let Some(path) = value::path(cx, "crate", &meta)? {
                    krate.set(cx, &meta.path, path);
                }
            }
            "expecting" => {
                if let Some(lit) = value::lit_str(cx, "expecting", "expecting", &meta)? {
                    expecting.set(cx, &meta.path, lit);
                }
            }
            _ => return Err(meta.error(unknown_attribute("container", &meta.path))),
        }
        Ok(())
    });

    Container {
        has_default: default.is_set(),
        rename_all_fields: Rules {
            ser: fields_ser.value(),
            de: fields_de.value(),
        },
        transparent: transparent.is_set(),
        from: from.is_set(),
        try_from: try_from.is_set(),
        into: into.is_set(),
        remote: remote.value(),
        tag: decide_tag(cx, input, untagged.first(), tag.first(), content.first()),
        identifier: decide_identifier(
            cx,
            input,
            field_identifier.first(),
            variant_identifier.first(),
        ),
    }
}

/// serde's `decide_tag`: which combinations of `untagged`, `tag` and `content` are one
/// representation, each conflict reported at every key involved.
fn decide_tag(
    cx: &Ctxt,
    input: &syn::DeriveInput,
    untagged: Option<(Span, ())>,
    tag: Option<(Span, String)>,
    content: Option<(Span, String)>,
) -> Tag {
    match (untagged, tag, content) {
        (None, None, None) => Tag::External,
        (Some(_), None, None) => Tag::None,
        (None, Some((_, tag)), None) => {
            if let syn::Data::Enum(data) = &input.data
                && let Some(variant) = data
                    .variants
                    .iter()
                    .find(|v| matches!(&v.fields, syn::Fields::Unnamed(f) if f.unnamed.len() != 1))
            {
                cx.error_spanned_by(
                    variant,
                    "#[serde(tag = \"...\")] cannot be used with tuple variants",
                );
            }
            Tag::Internal(tag)
        }
        (Some((untagged, ())), Some((tag, _)), None) => {
            let msg = "enum cannot be both untagged and internally tagged";
            at(cx, untagged, msg);
            at(cx, tag, msg);
            Tag::External
        }
        (None, None, Some((content, _))) => {
            let msg = "#[serde(tag = \"...\", content = \"...\")] must be used together";
            at(cx, content, msg);
            Tag::External
        }
        (Some((untagged, ())), None, Some((content, _))) => {
            let msg = "untagged enum cannot have #[serde(content = \"...\")]";
            at(cx, untagged, msg);
            at(cx, content, msg);
            Tag::External
        }
        (None, Some((_, tag)), Some((_, content))) => Tag::Adjacent(tag, content),
        (Some((untagged, ())), Some((tag, _)), Some((content, _))) => {
            let msg = "untagged enum cannot have #[serde(tag = \"...\", content = \"...\")]";
            at(cx, untagged, msg);
            at(cx, tag, msg);
            at(cx, content, msg);
            Tag::External
        }
    }
}

/// serde's `decide_identifier`: `field_identifier`/`variant_identifier` on enums only,
/// one of them; a struct or union is reported at its keyword.
fn decide_identifier(
    cx: &Ctxt,
    input: &syn::DeriveInput,
    field: Option<(Span, ())>,
    variant: Option<(Span, ())>,
) -> Identifier {
    let keyword = || -> TokenStream {
        match &input.data {
            syn::Data::Struct(data) => quote::ToTokens::to_token_stream(&data.struct_token),
            syn::Data::Union(data) => quote::ToTokens::to_token_stream(&data.union_token),
            syn::Data::Enum(data) => quote::ToTokens::to_token_stream(&data.enum_token),
        }
    };
    let is_enum = matches!(input.data, syn::Data::Enum(_));
    match (field, variant) {
        (None, None) => Identifier::No,
        (Some((field, ())), Some((variant, ()))) => {
            let msg =
                "#[serde(field_identifier)] and #[serde(variant_identifier)] cannot both be set";
            at(cx, field, msg);
            at(cx, variant, msg);
            Identifier::No
        }
        (Some(_), None) if is_enum => Identifier::Field,
        (None, Some(_)) if is_enum => Identifier::Variant,
        (Some(_), None) => {
            cx.error_spanned_by(
                keyword(),
                "#[serde(field_identifier)] can only be used on an enum",
            );
            Identifier::No
        }
        (None, Some(_)) => {
            cx.error_spanned_by(
                keyword(),
                "#[serde(variant_identifier)] can only be used on an enum",
            );
            Identifier::No
        }
    }
}

/// An error at the key whose span a [`super::Once`] kept.
fn at(cx: &Ctxt, span: Span, msg: &str) {
    cx.syn_error(syn::Error::new(span, msg));
}
