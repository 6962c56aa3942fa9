//! `#[serde(...)]` on an enum variant (serde_derive's `attr::Variant`), then its fields.

use std::collections::BTreeSet;

use syn::Token;

use super::field::{self, Field};
use super::{Once, Rules, SkipAndWith, Style, each_serde_item, key, unknown_attribute, value};
use crate::ctxt::Ctxt;

/// What the cross-checks need to know about a variant.
pub(super) struct Variant<'a> {
    pub original: &'a syn::Variant,
    pub style: Style,
    pub skip_serializing: bool,
    pub skip_deserializing: bool,
    pub other: bool,
    pub untagged: bool,
    pub serialize_with: bool,
    pub deserialize_with: bool,
    /// The variant's own `rename_all`, which applies to its fields.
    pub rename_all: Rules,
    pub fields: Vec<Field<'a>>,
}

/// `#[serde(borrow)]` on a newtype variant: applies to its field.
pub(super) struct Borrow {
    pub path: syn::Path,
    pub lifetimes: Option<BTreeSet<syn::Lifetime>>,
}

pub(super) fn read<'a>(
    cx: &Ctxt,
    variant: &'a syn::Variant,
    container_default: bool,
) -> Variant<'a> {
    let mut ser_name = Once::new("rename");
    let mut shared = SkipAndWith::new();
    let mut rename_all_ser = Once::new("rename_all");
    let mut rename_all_de = Once::new("rename_all");
    let mut ser_bound = Once::new("bound");
    let mut de_bound = Once::new("bound");
    let mut other = Once::new("other");
    let mut borrow = Once::new("borrow");
    let mut untagged = Once::new("untagged");

    each_serde_item(cx, &variant.attrs, |meta| {
        let key = key(&meta.path);
        if shared.read(cx, &key, &meta)? {
            return Ok(());
        }
        match key.as_str() {
            "rename" => {
                // Accepted names (`deserialize = ..`, any number) never conflict.
                let (ser, _) = value::multiple_renames(cx, &meta)?;
                ser_name.set_opt(cx, &meta.path, ser.map(drop));
            }
            "alias" => {
                value::lit_str(cx, "alias", "alias", &meta)?;
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
            "other" => other.set(cx, &meta.path, ()),
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
                if Style::of(&variant.fields) == Style::Newtype {
                    let path = meta.path.clone();
                    borrow.set(cx, &meta.path, Borrow { path, lifetimes });
                } else {
                    cx.error_spanned_by(
                        variant,
                        "#[serde(borrow)] may only be used on newtype variants",
                    );
                }
            }
            "untagged" => untagged.set(cx, &meta.path, ()),
            _ => return Err(meta.error(unknown_attribute("variant", &meta.path))),
        }
        Ok(())
    });

    let borrow = borrow.value();
    let (style, fields) = field::read_all(cx, &variant.fields, borrow.as_ref(), container_default);
    Variant {
        original: variant,
        style,
        skip_serializing: shared.skip_serializing.is_set(),
        skip_deserializing: shared.skip_deserializing.is_set(),
        other: other.is_set(),
        untagged: untagged.is_set(),
        serialize_with: shared.serialize_with.is_set(),
        deserialize_with: shared.deserialize_with.is_set(),
        rename_all: Rules {
            ser: rename_all_ser.value(),
            de: rename_all_de.value(),
        },
        fields,
    }
}
