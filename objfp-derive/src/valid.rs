//! Checks that need the whole input: combinations of attributes that cannot produce a
//! faithful fingerprint. Each error points at the offending token and says how to fix it.

use crate::ast::{Container, Data, Field, Variant};
use crate::ctxt::Ctxt;

pub fn check(cx: &Ctxt, cont: &Container) {
    check_container(cx, cont);
    // An opaque type has no fields on the wire: how they are serialized does not matter.
    if cont.attrs.opaque.is_some() {
        return;
    }
    match &cont.data {
        Data::Struct(_, fields) => fields.iter().for_each(|f| check_field(cx, f)),
        Data::Enum(variants) => variants.iter().for_each(|v| check_variant(cx, v)),
    }
}

fn check_container(cx: &Ctxt, cont: &Container) {
    let attrs = &cont.attrs;
    if let (Some(_), Some(tokens)) = (&attrs.opaque, attrs.cycle.tokens()) {
        cx.error_spanned_by(
            tokens,
            "conflicting attributes: an opaque type has no fields, so it cannot be in a cycle",
        );
    }
    if let Some((lit, _)) = &attrs.expect
        && (cont.generics.type_params().next().is_some()
            || cont.generics.const_params().next().is_some())
    {
        cx.error_spanned_by(
            lit,
            "a generic type has one fingerprint per instantiation; pin each one with \
                 `objfp::assert_fingerprint!(Type<Args>, \"...\")`",
        );
    }
}

fn check_variant(cx: &Ctxt, variant: &Variant) {
    let with = &variant.attrs.with;
    // `deserialize_with` alone only decides what is accepted (SPEC.md §10).
    let written_by_custom = with.with.as_ref().or(with.serialize_with.as_ref());
    if let Some(tokens) = written_by_custom.map(|p| &p.tokens) {
        cx.error_spanned_by(
            tokens,
            "objfp cannot see the wire shape of a variant with a custom serializer; \
             move the payload into a newtype and annotate it, or make the whole type \
             `#[fingerprint(opaque = \"name\")]`",
        );
    }
    variant.fields.iter().for_each(|f| check_field(cx, f));
}

fn check_field(cx: &Ctxt, field: &Field) {
    let a = &field.attrs;
    let overrides = [
        a.fp_skip.tokens().map(|t| ("skip", t)),
        a.fp_as.tokens().map(|t| ("as", t)),
        a.fp_opaque.tokens().map(|t| ("opaque", t)),
    ];
    let set: Vec<_> = overrides.iter().flatten().collect();
    if let [(first, _), (second, tokens), ..] = set.as_slice() {
        cx.error_spanned_by(
            tokens,
            format!("conflicting attributes: `{first}` and `{second}` on one field; keep one"),
        );
    }
}
