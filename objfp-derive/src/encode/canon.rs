//! The parsed input reduced to its canonical form: which fields and variants are on the
//! wire, their wire names, and what each field is fingerprinted as (SPEC.md §6, §7, §10).

use super::attrs::{enum_attrs, field_attrs, struct_attrs, variant_attrs, variant_name};
use super::{CanonField, CanonVariant, Node, Ref};
use crate::ast::{Container, Data, Field, Style, Variant};
use crate::ctxt::Ctxt;
use crate::helpers::{self, Side};

/// Reduces the input to its canonical form. `clean` receives the types of the fields
/// that had no error, so that the stand-in impl emitted after errors can still ask for
/// their `TypeFingerprint` impls in the same build.
pub fn canonical(
    cx: &Ctxt,
    cont: &Container,
    krate: &proc_macro2::TokenStream,
    clean: &mut Vec<syn::Type>,
) -> Node {
    if let Some(name) = &cont.attrs.opaque {
        return Node::Opaque(name.value());
    }
    let mut field_ref = |field: &Field| {
        let before = cx.error_count();
        let r = field_ref(cx, field, krate);
        if let Ref::Type { desc, .. } = &r
            && cx.error_count() == before
        {
            clean.push(desc.clone());
        }
        r
    };
    let own = match &cont.data {
        Data::Struct(style, fields) => {
            if cont.attrs.transparent.get().is_some() {
                return transparent(cx, cont, *style, fields, &mut field_ref);
            }
            Node::Struct {
                style: *style,
                attrs: struct_attrs(cont),
                fields: canon_fields(*style, fields, &mut field_ref),
            }
        }
        Data::Enum(variants) => Node::Enum {
            repr: cont.attrs.repr.clone().unwrap_or_default(),
            attrs: enum_attrs(cont),
            variants: canon_variants(cx, variants, cont.attrs.untagged, &mut field_ref),
        },
    };
    let proxy = |ty: &syn::Type| Ref::Type {
        fp: ty.clone(),
        desc: ty.clone(),
    };
    let ser = cont.attrs.into.as_ref().map(proxy);
    let de = cont
        .attrs
        .from
        .as_ref()
        .or(cont.attrs.try_from.as_ref())
        .map(proxy);
    match (ser, de) {
        (None, None) => own,
        (ser, de) => Node::Proxy {
            ser,
            de,
            own: Box::new(own),
        },
    }
}

/// `#[serde(transparent)]`: serde writes the one field that is not skipped when
/// serializing, and reads the one that is not skipped nor defaulted when deserializing,
/// `PhantomData` aside (serde_derive's rule). Usually one field, then the type is that
/// field's shape; two different ones make a serialize/deserialize pair.
fn transparent(
    cx: &Ctxt,
    cont: &Container,
    style: Style,
    fields: &[Field],
    field_ref: &mut impl FnMut(&Field) -> Ref,
) -> Node {
    let phantom = |f: &Field| match f.ty {
        syn::Type::Path(tp) => tp
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "PhantomData"),
        _ => false,
    };
    let candidates = || {
        fields
            .iter()
            .enumerate()
            .filter(|(_, f)| f.attrs.fp_skip.get().is_none() && !phantom(f))
    };
    let ser = candidates().find(|(_, f)| !f.attrs.skip_serializing);
    let de = candidates().find(|(_, f)| !f.attrs.skip_deserializing && f.attrs.default.is_none());
    match (ser, de) {
        (Some((i, a)), Some((j, b))) if i != j => Node::Proxy {
            ser: Some(field_ref(a)),
            de: Some(field_ref(b)),
            own: Box::new(Node::Struct {
                style,
                attrs: struct_attrs(cont),
                fields: canon_fields(style, fields, field_ref),
            }),
        },
        (Some((_, f)), _) | (None, Some((_, f))) => Node::SameAs(field_ref(f)),
        // serde_check reports serde's error; the build stops there.
        (None, None) => {
            if !cx.has_errors() {
                cx.error_spanned_by(
                    cont.ident,
                    "#[serde(transparent)] requires at least one field that is not skipped",
                );
            }
            Node::Opaque("transparent without a field".into())
        }
    }
}

fn field_ref(cx: &Ctxt, field: &Field, krate: &proc_macro2::TokenStream) -> Ref {
    if let Some(name) = field.attrs.fp_opaque.get() {
        return Ref::Opaque(name.value());
    }
    let desc = match field.attrs.fp_as.get() {
        Some(ty) => ty.clone(),
        None => written_type(cx, field, krate),
    };
    Ref::Type {
        fp: desc.clone(),
        desc,
    }
}

/// What one side of a field is written or read with.
#[allow(clippy::large_enum_variant)]
enum SideShape {
    /// The field type's own `Serialize` / `Deserialize`.
    Own,
    /// A well-known helper, as a type with its shape.
    Known(syn::Type),
    /// A function objfp does not know.
    Unknown,
}

fn side_shape(cx: &Ctxt, field: &Field, side: Side, krate: &proc_macro2::TokenStream) -> SideShape {
    let with = &field.attrs.with;
    let path = match side {
        Side::Serialize => with.serializer(),
        Side::Deserialize => with.deserializer(),
    };
    let Some(path) = path else {
        return SideShape::Own;
    };
    match helpers::resolve(path, side, field.ty, krate) {
        Some(Ok(ty)) => SideShape::Known(ty),
        Some(Err(err)) => {
            cx.syn_error(err);
            SideShape::Own
        }
        None => SideShape::Unknown,
    }
}

/// The type whose fingerprint is the field's wire shape: the declared type, or what a
/// well-known helper writes and reads. A custom deserializer objfp does not know only
/// decides what is accepted (it is recorded as an attribute, SPEC.md §10); a custom
/// serializer objfp does not know needs `#[fingerprint(as | opaque)]` (SPEC.md §10).
fn written_type(cx: &Ctxt, field: &Field, krate: &proc_macro2::TokenStream) -> syn::Type {
    let ser = side_shape(cx, field, Side::Serialize, krate);
    let de = side_shape(cx, field, Side::Deserialize, krate);
    if let SideShape::Unknown = ser {
        let tokens = field.attrs.with.serializer().map(|p| &p.tokens);
        cx.error_spanned_by(
            tokens,
            "objfp cannot see the wire shape of this custom serializer; add \
             `#[fingerprint(as = \"Type\")]` naming a type with the same serialized shape, \
             or `#[fingerprint(opaque = \"name\")]` with a name for it",
        );
        return field.ty.clone();
    }
    let side_ty = |s: SideShape| match s {
        SideShape::Known(ty) => ty,
        SideShape::Own | SideShape::Unknown => field.ty.clone(),
    };
    let (ser, de) = (side_ty(ser), side_ty(de));
    use quote::ToTokens;
    if ser.to_token_stream().to_string() == de.to_token_stream().to_string() {
        ser
    } else {
        // Written as one shape and read as another: both count (SPEC.md §10).
        syn::parse_quote!(#krate::__private::ReadAs<#ser, #de>)
    }
}

fn canon_fields(
    style: Style,
    fields: &[Field],
    field_ref: &mut impl FnMut(&Field) -> Ref,
) -> Vec<CanonField> {
    if style == Style::Newtype {
        // serde writes a newtype struct's field whatever its skip attributes say, and
        // reads no attribute of it that changes the wire.
        return fields
            .iter()
            .filter(|f| f.attrs.fp_skip.get().is_none())
            .map(|f| CanonField {
                name: String::new(),
                attrs: Vec::new(),
                ty: field_ref(f),
            })
            .collect();
    }
    fields
        .iter()
        .filter(|f| !f.skipped())
        .map(|f| CanonField {
            // serde never writes a flattened field's own name (SPEC.md §6).
            name: if f.attrs.flatten {
                String::new()
            } else {
                f.name.ser.clone()
            },
            attrs: field_attrs(f),
            ty: field_ref(f),
        })
        .collect()
}

fn canon_variants(
    cx: &Ctxt,
    variants: &[Variant],
    untagged_enum: bool,
    field_ref: &mut impl FnMut(&Field) -> Ref,
) -> Vec<CanonVariant> {
    let discriminants = discriminants(cx, variants);
    // Skipped variants after the last one on the wire move no index: they are left out
    // (SPEC.md §7).
    let live = variants
        .iter()
        .rposition(|v| !v.skipped())
        .map_or(0, |last| last + 1);
    variants[..live]
        .iter()
        .zip(discriminants)
        .map(|(v, discriminant)| {
            if v.skipped() {
                // Never on the wire, but it keeps its index, which compact formats write.
                return CanonVariant {
                    name: String::new(),
                    attrs: vec![("skip", String::new())],
                    discriminant,
                    style: Style::Unit,
                    fields: Vec::new(),
                };
            }
            let name = variant_name(v, untagged_enum);
            let attrs = variant_attrs(v, untagged_enum);
            let (style, fields) = match v.style {
                // serde writes a newtype variant whose one field is skipped as a unit variant.
                Style::Newtype if v.fields[0].skipped() => (Style::Unit, Vec::new()),
                // A newtype variant's field keeps its attributes (serde reads them).
                Style::Newtype => {
                    let f = &v.fields[0];
                    let field = CanonField {
                        name: String::new(),
                        attrs: field_attrs(f),
                        ty: field_ref(f),
                    };
                    (Style::Newtype, vec![field])
                }
                style => (style, canon_fields(style, &v.fields, field_ref)),
            };
            CanonVariant {
                name,
                attrs,
                discriminant,
                style,
                fields,
            }
        })
        .collect()
}

/// Explicit discriminants, evaluated natively: integer literals (optionally negated), and
/// implicit ones counting up from the previous. `None` for every variant when the enum
/// declares none. Anything else is an error asking for a literal.
fn discriminants(cx: &Ctxt, variants: &[Variant]) -> Vec<Option<i128>> {
    if variants.iter().all(|v| v.discriminant.is_none()) {
        return vec![None; variants.len()];
    }
    let mut next: i128 = 0;
    variants
        .iter()
        .map(|v| {
            if let Some(expr) = v.discriminant {
                match literal_int(expr) {
                    Some(value) => next = value,
                    // A literal too large for 128 bits: rustc reports it ("integer
                    // literal is too large"), and the build fails there; a second message
                    // would only repeat it.
                    None if is_int_literal(expr) => {}
                    None => cx.error_spanned_by(
                        expr,
                        "objfp reads discriminants as integer literals; write the value, \
                         such as `= 4` or `= -1`",
                    ),
                }
            }
            let value = next;
            next = next.wrapping_add(1);
            Some(value)
        })
        .collect()
}

/// An integer literal, optionally negated or parenthesized, whatever its value.
fn is_int_literal(expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(_),
            ..
        }) => true,
        syn::Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Neg(_),
            expr,
            ..
        })
        | syn::Expr::Paren(syn::ExprParen { expr, .. })
        | syn::Expr::Group(syn::ExprGroup { expr, .. }) => is_int_literal(expr),
        _ => false,
    }
}

fn literal_int(expr: &syn::Expr) -> Option<i128> {
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(int),
            ..
        }) => {
            // u128 values above i128::MAX keep their bit pattern (SPEC.md).
            int.base10_parse::<i128>()
                .ok()
                .or_else(|| int.base10_parse::<u128>().ok().map(|v| v as i128))
        }
        syn::Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Neg(_),
            expr,
            ..
        }) => literal_int(expr).map(i128::wrapping_neg),
        syn::Expr::Paren(p) => literal_int(&p.expr),
        syn::Expr::Group(g) => literal_int(&g.expr),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_discriminants() {
        let cases: &[(&str, i128)] = &[("4", 4), ("-1", -1), ("(7)", 7), ("0x10", 16)];
        for (src, want) in cases {
            let expr: syn::Expr = syn::parse_str(src).unwrap();
            assert_eq!(literal_int(&expr), Some(*want), "{src}");
        }
        let expr: syn::Expr = syn::parse_str("A + 1").unwrap();
        assert_eq!(literal_int(&expr), None);
    }
}
