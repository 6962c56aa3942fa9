//! The wire-relevant attributes of containers, variants and fields, as the sorted
//! key/value pairs of SPEC.md §10.3.

use super::Attr;
use crate::ast::{Container, Field, Variant};
use crate::attr::DefaultAttr;
use crate::fnpath::Role;
use crate::helpers::{self, Side};

/// The flags that are set, as attributes with empty values: each table below is the
/// SPEC.md §10 row for its level.
fn flags<'a>(set: &'a [(bool, &'static str)]) -> impl Iterator<Item = Attr> + 'a {
    set.iter()
        .filter(|(on, _)| *on)
        .map(|(_, key)| (*key, String::new()))
}

pub(super) fn struct_attrs(cont: &Container) -> Vec<Attr> {
    let a = &cont.attrs;
    let mut out: Vec<Attr> = flags(&[(a.deny_unknown_fields, "deny_unknown_fields")]).collect();
    out.extend(default_attr(&a.default));
    if let Some(tag) = &a.tag {
        // serde writes the struct's own (renamed) name as the tag's value.
        out.push(("tag", tag.clone()));
        let name = a.rename.ser.clone().unwrap_or_else(|| unraw(cont.ident));
        out.push(("tag_value", name));
    }
    sorted(out)
}

pub(super) fn enum_attrs(cont: &Container) -> Vec<Attr> {
    let a = &cont.attrs;
    let mut out: Vec<Attr> = flags(&[
        (a.untagged, "untagged"),
        (a.deny_unknown_fields, "deny_unknown_fields"),
        (a.variant_identifier, "variant_identifier"),
        (a.field_identifier, "field_identifier"),
    ])
    .collect();
    out.extend(a.tag.iter().map(|tag| ("tag", tag.clone())));
    out.extend(a.content.iter().map(|content| ("content", content.clone())));
    sorted(out)
}

/// An untagged variant's name is neither written nor read: serde tries the variants in
/// order, by shape alone.
fn untagged(v: &Variant, untagged_enum: bool) -> bool {
    untagged_enum || v.attrs.untagged
}

pub(super) fn variant_name(v: &Variant, untagged_enum: bool) -> String {
    if untagged(v, untagged_enum) {
        String::new()
    } else {
        v.name.ser.clone()
    }
}

pub(super) fn variant_attrs(v: &Variant, untagged_enum: bool) -> Vec<Attr> {
    let a = &v.attrs;
    let mut out: Vec<Attr> = flags(&[
        (a.skip_serializing, "skip_serializing"),
        (a.skip_deserializing, "skip_deserializing"),
        (a.other, "other"),
        (a.untagged, "untagged"),
    ])
    .collect();
    if let Some(path) = &a.with.deserialize_with
        && a.with.with.is_none()
    {
        // Read by a custom function, written by the payload's own `Serialize`.
        out.push(("deserialize_with", path.name(Role::Directed)));
    }
    if !untagged(v, untagged_enum) {
        names_attrs(&mut out, &v.name.ser, &v.name.de, &a.aliases);
    }
    sorted(out)
}

pub(super) fn field_attrs(f: &Field) -> Vec<Attr> {
    let a = &f.attrs;
    let mut out: Vec<Attr> = flags(&[
        (a.skip_serializing, "skip_serializing"),
        (a.skip_deserializing, "skip_deserializing"),
        (a.flatten, "flatten"),
    ])
    .collect();
    if let Some(predicate) = &a.skip_serializing_if {
        // The predicate decides what is written: its name counts (SPEC.md §10).
        out.push(("skip_serializing_if", predicate.name(Role::Plain)));
    }
    out.extend(default_attr(&a.default));
    out.extend(custom_attrs(f));
    if !a.flatten {
        // serde never writes a flattened field's own name, nor reads it.
        names_attrs(&mut out, &f.name.ser, &f.name.de, &a.aliases);
    }
    sorted(out)
}

/// `default`: `""` for `Default::default`, else the function's name.
fn default_attr(default: &Option<DefaultAttr>) -> Option<Attr> {
    Some(match default.as_ref()? {
        DefaultAttr::Flag => ("default", String::new()),
        DefaultAttr::Path(path) => ("default", path.name(Role::Plain)),
    })
}

/// The names of custom serializers and deserializers whose shape comes from elsewhere
/// (the field type, or an `as`/`opaque` annotation): swapping one for another is a
/// change. `with = "m"` is `serialize_with = "m::serialize"` and `deserialize_with =
/// "m::deserialize"`, so both spellings give one pair of names. Well-known helpers are not
/// listed: their shape says what they do.
fn custom_attrs(f: &Field) -> Vec<Attr> {
    let with = &f.attrs.with;
    let name = |side: Side| {
        let (path, role) = match (&with.with, side) {
            (Some(path), _) => (path, Role::Plain),
            (None, Side::Serialize) => (with.serialize_with.as_ref()?, Role::Directed),
            (None, Side::Deserialize) => (with.deserialize_with.as_ref()?, Role::Directed),
        };
        let known = helpers::resolve(path, side, f.ty, &proc_macro2::TokenStream::new());
        known.is_none().then(|| path.name(role))
    };
    let mut out = Vec::new();
    if let Some(name) = name(Side::Serialize) {
        out.push(("serialize_with", name));
    }
    if let Some(name) = name(Side::Deserialize) {
        out.push(("deserialize_with", name));
    }
    out
}

/// The serialized name is the field's name. The names accepted on input (the deserialize
/// name and the aliases) are written as one `accepts` entry each, unless they are just the
/// serialized name: so `rename = "a", alias = "b"` and
/// `rename(serialize = "a", deserialize = "b"), alias = "a"` are one shape.
fn names_attrs(out: &mut Vec<Attr>, ser: &str, de: &str, aliases: &[String]) {
    let mut accepted: Vec<&str> = std::iter::once(de)
        .chain(aliases.iter().map(String::as_str))
        .collect();
    accepted.sort_unstable();
    accepted.dedup();
    if accepted != [ser] {
        out.extend(
            accepted
                .into_iter()
                .map(|name| ("accepts", name.to_owned())),
        );
    }
}

fn unraw(ident: &syn::Ident) -> String {
    let name = ident.to_string();
    name.strip_prefix("r#").map(str::to_owned).unwrap_or(name)
}

fn sorted(mut attrs: Vec<Attr>) -> Vec<Attr> {
    attrs.sort();
    attrs.dedup();
    attrs
}
