//! The derive input as objfp sees it: syn's tree plus parsed attributes and resolved wire
//! names. Borrows from syn and keeps the original nodes so every later error can point
//! at the token that caused it.

use crate::attr::{ContainerAttrs, FieldAttrs, SerDe, VariantAttrs};
use crate::case::RenameRule;
use crate::ctxt::Ctxt;

pub struct Container<'a> {
    pub ident: &'a syn::Ident,
    pub generics: &'a syn::Generics,
    pub attrs: ContainerAttrs,
    pub data: Data<'a>,
}

pub enum Data<'a> {
    Struct(Style, Vec<Field<'a>>),
    Enum(Vec<Variant<'a>>),
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Named,
    /// Exactly one unnamed field *declared* (serde's newtype, whatever is skipped).
    Newtype,
    Tuple,
    Unit,
}

pub struct Variant<'a> {
    pub attrs: VariantAttrs,
    pub style: Style,
    pub fields: Vec<Field<'a>>,
    pub discriminant: Option<&'a syn::Expr>,
    pub name: WireName,
}

pub struct Field<'a> {
    pub attrs: FieldAttrs,
    pub ty: &'a syn::Type,
    /// The wire name; empty for tuple fields.
    pub name: WireName,
}

/// A name as serialized and as accepted when deserializing.
pub struct WireName {
    pub ser: String,
    pub de: String,
}

impl<'a> Container<'a> {
    /// Reads the input; `None` for a union (reported in `cx`).
    pub fn from_syn(cx: &Ctxt, input: &'a syn::DeriveInput) -> Option<Self> {
        let attrs = ContainerAttrs::from_attrs(cx, &input.attrs);
        let data = match &input.data {
            syn::Data::Struct(data) => {
                let (style, fields) = fields_from_syn(cx, &data.fields, &attrs.rename_all);
                Data::Struct(style, fields)
            }
            syn::Data::Enum(data) => Data::Enum(
                data.variants
                    .iter()
                    .map(|v| Variant::from_syn(cx, v, &attrs))
                    .collect(),
            ),
            syn::Data::Union(data) => {
                cx.error_spanned_by(
                    data.union_token,
                    "TypeFingerprint cannot be derived for a union: serde has no union shape; \
                     implement TypeFingerprint by hand with objfp::encoding::opaque",
                );
                return None;
            }
        };
        Some(Container {
            ident: &input.ident,
            generics: &input.generics,
            attrs,
            data,
        })
    }
}

impl<'a> Variant<'a> {
    fn from_syn(cx: &Ctxt, variant: &'a syn::Variant, container: &ContainerAttrs) -> Self {
        let attrs = VariantAttrs::from_attrs(cx, &variant.attrs);
        let name = resolve_name(&variant.ident, &attrs.rename, &container.rename_all, true);
        // A variant's own rename_all wins over the container's rename_all_fields.
        let field_rule = SerDe {
            ser: attrs.rename_all.ser.or(container.rename_all_fields.ser),
            de: attrs.rename_all.de.or(container.rename_all_fields.de),
        };
        let (style, fields) = fields_from_syn(cx, &variant.fields, &field_rule);
        Variant {
            attrs,
            style,
            fields,
            discriminant: variant.discriminant.as_ref().map(|(_, expr)| expr),
            name,
        }
    }

    /// Skipped in both directions: the variant never appears on the wire, but it still
    /// takes up its index, which compact formats write.
    pub fn skipped(&self) -> bool {
        self.attrs.skip_serializing && self.attrs.skip_deserializing
    }
}

impl Field<'_> {
    /// Absent from the wire in both directions (`#[serde(skip)]`, `#[fingerprint(skip)]`).
    pub fn skipped(&self) -> bool {
        (self.attrs.skip_serializing && self.attrs.skip_deserializing)
            || self.attrs.fp_skip.get().is_some()
    }
}

fn fields_from_syn<'a>(
    cx: &Ctxt,
    fields: &'a syn::Fields,
    rule: &SerDe<RenameRule>,
) -> (Style, Vec<Field<'a>>) {
    let style = match fields {
        syn::Fields::Named(_) => Style::Named,
        syn::Fields::Unnamed(f) if f.unnamed.len() == 1 => Style::Newtype,
        syn::Fields::Unnamed(_) => Style::Tuple,
        syn::Fields::Unit => Style::Unit,
    };
    let fields = fields
        .iter()
        .map(|field| {
            let attrs = FieldAttrs::from_attrs(cx, &field.attrs);
            let name = match &field.ident {
                Some(ident) => resolve_name(ident, &attrs.rename, rule, false),
                None => WireName {
                    ser: String::new(),
                    de: String::new(),
                },
            };
            Field {
                attrs,
                ty: &field.ty,
                name,
            }
        })
        .collect();
    (style, fields)
}

/// serde's rule: an explicit `rename` wins, else `rename_all` applied to the identifier
/// without its `r#` prefix, else the identifier.
fn resolve_name(
    ident: &syn::Ident,
    rename: &SerDe<String>,
    rule: &SerDe<RenameRule>,
    is_variant: bool,
) -> WireName {
    let plain = ident.to_string();
    let plain = plain.strip_prefix("r#").unwrap_or(&plain).to_owned();
    let apply = |rule: Option<RenameRule>| match rule {
        Some(rule) if is_variant => rule.apply_to_variant(&plain),
        Some(rule) => rule.apply_to_field(&plain),
        None => plain.clone(),
    };
    WireName {
        ser: rename.ser.clone().unwrap_or_else(|| apply(rule.ser)),
        de: rename.de.clone().unwrap_or_else(|| apply(rule.de)),
    }
}
