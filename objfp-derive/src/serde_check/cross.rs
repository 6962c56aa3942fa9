//! The checks that look at more than one attribute (serde_derive's `check.rs`, and the
//! order of untagged variants from its `ast.rs`), in serde's order.

use super::container::{Container, Identifier, Tag};
use super::field::{Field, source_name};
use super::variant::Variant;
use super::{Data, Style};
use crate::ctxt::Ctxt;

pub(super) fn check(cx: &Ctxt, input: &syn::DeriveInput, cont: &Container, data: &Data) {
    default_on_tuple(cx, cont, data);
    remote_generic(cx, input, cont);
    getter(cx, input, cont, data);
    flatten(cx, data);
    if let Data::Enum(variants) = data {
        identifier(cx, cont, variants);
        variant_skip_attrs(cx, variants);
        internal_tag_field_name_conflict(cx, input, cont, variants);
    }
    adjacent_tag_conflict(cx, input, cont);
    transparent(cx, input, cont, data);
    from_and_try_from(cx, input, cont);
}

/// Variants marked `#[serde(untagged)]` come after all tagged ones.
pub(super) fn untagged_variants_last(cx: &Ctxt, variants: &[Variant]) {
    let Some(last_tagged) = variants.iter().rposition(|v| !v.untagged) else {
        return;
    };
    for variant in variants[..last_tagged].iter().filter(|v| v.untagged) {
        cx.error_spanned_by(
            &variant.original.ident,
            "all variants with the #[serde(untagged)] attribute must be placed at the end of the enum",
        );
    }
}

/// In a tuple struct, every field after one with a default has one too (unless the
/// struct has a default): a default only applies when the sequence ends there.
fn default_on_tuple(cx: &Ctxt, cont: &Container, data: &Data) {
    let Data::Struct(Style::Tuple, fields) = data else {
        return;
    };
    if cont.has_default {
        return;
    }
    let mut first_default = None;
    for field in fields.iter().filter(|f| !f.skip_deserializing) {
        if !field.has_default {
            if let Some(first) = first_default {
                cx.error_spanned_by(
                    &field.original.ty,
                    format!(
                        "field must have #[serde(default)] because previous field {first} has #[serde(default)]"
                    ),
                );
            }
        } else if first_default.is_none() {
            first_default = Some(field.index);
        }
    }
}

/// A generic remote definition takes the remote type's generics, not a concrete path.
fn remote_generic(cx: &Ctxt, input: &syn::DeriveInput, cont: &Container) {
    if let Some(remote) = &cont.remote
        && !input.generics.params.is_empty()
        && remote
            .segments
            .last()
            .is_some_and(|s| !s.arguments.is_none())
    {
        cx.error_spanned_by(remote, "remove generic parameters from this path");
    }
}

/// `getter` only in structs with `remote`.
fn getter(cx: &Ctxt, input: &syn::DeriveInput, cont: &Container, data: &Data) {
    match data {
        Data::Enum(variants) => {
            if variants.iter().flat_map(|v| &v.fields).any(|f| f.getter) {
                cx.error_spanned_by(
                    input,
                    "#[serde(getter = \"...\")] is not allowed in an enum",
                );
            }
        }
        Data::Struct(_, fields) => {
            if cont.remote.is_none() && fields.iter().any(|f| f.getter) {
                cx.error_spanned_by(
                    input,
                    "#[serde(getter = \"...\")] can only be used in structs that have #[serde(remote = \"...\")]",
                );
            }
        }
    }
}

/// `flatten` needs named fields (serde says "structs" for variants too).
fn flatten(cx: &Ctxt, data: &Data) {
    let check = |style: Style, fields: &[Field]| {
        let msg = match style {
            Style::Tuple => "#[serde(flatten)] cannot be used on tuple structs",
            Style::Newtype => "#[serde(flatten)] cannot be used on newtype structs",
            Style::Struct | Style::Unit => return,
        };
        for field in fields.iter().filter(|f| f.flatten) {
            cx.error_spanned_by(field.original, msg);
        }
    };
    match data {
        Data::Struct(style, fields) => check(*style, fields),
        Data::Enum(variants) => variants.iter().for_each(|v| check(v.style, &v.fields)),
    }
}

/// `other` at most on the last unit variant, never in an untagged enum or a variant
/// identifier; identifiers hold unit variants (a field identifier may end with a newtype
/// catch-all).
fn identifier(cx: &Ctxt, cont: &Container, variants: &[Variant]) {
    let untagged = matches!(cont.tag, Tag::None);
    for (i, variant) in variants.iter().enumerate() {
        let last = i + 1 == variants.len();
        let msg = match (variant.style, cont.identifier, variant.other) {
            (_, Identifier::Variant, true) => {
                "#[serde(other)] may not be used on a variant identifier".to_owned()
            }
            (_, Identifier::No, true) if untagged => {
                "#[serde(other)] cannot appear on untagged enum".to_owned()
            }
            (Style::Unit, _, true) if last => continue,
            (Style::Unit, _, true) => "#[serde(other)] must be on the last variant".to_owned(),
            (_, _, true) => "#[serde(other)] must be on a unit variant".to_owned(),
            (_, Identifier::No, false) | (Style::Unit, _, false) => continue,
            (Style::Newtype, Identifier::Field, false) if last => continue,
            (Style::Newtype, Identifier::Field, false) => {
                format!("`{}` must be the last variant", variant.original.ident)
            }
            (_, Identifier::Field, false) => {
                "#[serde(field_identifier)] may only contain unit variants".to_owned()
            }
            (_, Identifier::Variant, false) => {
                "#[serde(variant_identifier)] may only contain unit variants".to_owned()
            }
        };
        cx.error_spanned_by(variant.original, msg);
    }
}

/// A variant with its own (de)serializer cannot skip itself or its fields that way.
fn variant_skip_attrs(cx: &Ctxt, variants: &[Variant]) {
    for variant in variants {
        let ident = &variant.original.ident;
        let report = |msg: String| cx.error_spanned_by(variant.original, msg);
        if variant.serialize_with {
            if variant.skip_serializing {
                report(format!(
                    "variant `{ident}` cannot have both #[serde(serialize_with)] and #[serde(skip_serializing)]"
                ));
            }
            for field in &variant.fields {
                if field.skip_serializing {
                    report(format!(
                        "variant `{ident}` cannot have both #[serde(serialize_with)] and a field {} marked with #[serde(skip_serializing)]",
                        member(field)
                    ));
                }
                if field.skip_serializing_if {
                    report(format!(
                        "variant `{ident}` cannot have both #[serde(serialize_with)] and a field {} marked with #[serde(skip_serializing_if)]",
                        member(field)
                    ));
                }
            }
        }
        if variant.deserialize_with {
            if variant.skip_deserializing {
                report(format!(
                    "variant `{ident}` cannot have both #[serde(deserialize_with)] and #[serde(skip_deserializing)]"
                ));
            }
            for field in variant.fields.iter().filter(|f| f.skip_deserializing) {
                report(format!(
                    "variant `{ident}` cannot have both #[serde(deserialize_with)] and a field {} marked with #[serde(skip_deserializing)]",
                    member(field)
                ));
            }
        }
    }
}

/// A field as serde names it in messages: `` `name` `` or `#0`.
fn member(field: &Field) -> String {
    match &field.original.ident {
        Some(ident) => format!("`{ident}`"),
        None => format!("#{}", field.index),
    }
}

/// In an internally tagged enum, no field of a struct variant is written or accepted under
/// the tag's name.
fn internal_tag_field_name_conflict(
    cx: &Ctxt,
    input: &syn::DeriveInput,
    cont: &Container,
    variants: &[Variant],
) {
    let Tag::Internal(tag) = &cont.tag else {
        return;
    };
    for variant in variants {
        if variant.style != Style::Struct || variant.untagged {
            continue;
        }
        let rules = variant.rename_all.or(cont.rename_all_fields);
        for field in &variant.fields {
            let check_ser = !(field.skip_serializing || variant.skip_serializing);
            let check_de = !(field.skip_deserializing || variant.skip_deserializing);
            if !check_ser && !check_de {
                continue;
            }
            let source = source_name(field.index, field.original);
            let renamed = |rule: Option<crate::case::RenameRule>| match rule {
                Some(rule) => rule.apply_to_field(&source),
                None => source.clone(),
            };
            let ser = match &field.ser_name {
                Some(lit) => lit.value(),
                None => renamed(rules.ser),
            };
            let conflict = (check_ser && ser == *tag)
                || (check_de
                    && (field.de_names.iter().any(|lit| lit.value() == *tag)
                        || (!field.de_renamed && renamed(rules.de) == *tag)));
            if conflict {
                cx.error_spanned_by(
                    input,
                    format!("variant field name `{tag}` conflicts with internal tag"),
                );
                return;
            }
        }
    }
}

/// In an adjacently tagged enum, the tag and content keys differ.
fn adjacent_tag_conflict(cx: &Ctxt, input: &syn::DeriveInput, cont: &Container) {
    if let Tag::Adjacent(tag, content) = &cont.tag
        && tag == content
    {
        cx.error_spanned_by(
            input,
            format!("enum tags `{tag}` for type and content conflict with each other"),
        );
    }
}

const AT_MOST_ONE: &str =
    "#[serde(transparent)] requires struct to have at most one transparent field";

/// `transparent`: a struct with fields, without `from`/`try_from`/`into`, with exactly one
/// field that is not skipped and not `PhantomData`. serde counts fields per derive; the
/// count is reported when both of serde's derives would reject it (in `Serialize`'s
/// words), since a type may derive only one of them and objfp cannot tell which.
fn transparent(cx: &Ctxt, input: &syn::DeriveInput, cont: &Container, data: &Data) {
    if !cont.transparent {
        return;
    }
    for (set, name) in [
        (cont.from, "from"),
        (cont.try_from, "try_from"),
        (cont.into, "into"),
    ] {
        if set {
            cx.error_spanned_by(
                input,
                format!("#[serde(transparent)] is not allowed with #[serde({name} = \"...\")]"),
            );
        }
    }
    let fields = match data {
        Data::Enum(_) => {
            cx.error_spanned_by(input, "#[serde(transparent)] is not allowed on an enum");
            return;
        }
        Data::Struct(Style::Unit, _) => {
            cx.error_spanned_by(
                input,
                "#[serde(transparent)] is not allowed on a unit struct",
            );
            return;
        }
        Data::Struct(_, fields) => fields,
    };
    let count = |allow: fn(&Field) -> bool| {
        fields
            .iter()
            .filter(|f| !is_phantom_data(&f.original.ty) && allow(f))
            .count()
    };
    let ser = count(|f| !f.skip_serializing);
    let de = count(|f| !f.skip_deserializing && !f.has_default);
    if ser != 1 && de != 1 {
        let msg = if ser > 1 {
            AT_MOST_ONE
        } else {
            "#[serde(transparent)] requires at least one field that is not skipped"
        };
        cx.error_spanned_by(input, msg);
    }
}

fn is_phantom_data(ty: &syn::Type) -> bool {
    let mut ty = ty;
    while let syn::Type::Group(group) = ty {
        ty = &group.elem;
    }
    matches!(ty, syn::Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "PhantomData"))
}

fn from_and_try_from(cx: &Ctxt, input: &syn::DeriveInput, cont: &Container) {
    if cont.from && cont.try_from {
        cx.error_spanned_by(
            input,
            "#[serde(from = \"...\")] and #[serde(try_from = \"...\")] conflict with each other",
        );
    }
}
