//! What a structural change is ([`Change`], [`ChangeKind`]) and how it reads: paths,
//! type names for people ([`type_name`]) and the quoting shared with the lockfile.

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::{Description, Shape, StructKind};

/// One difference between two descriptions: where, and what.
///
/// ```
/// use objfp::diff::{Change, ChangeKind};
///
/// let change = Change {
///     path: "Order.items[].price".to_owned(),
///     kind: ChangeKind::TypeChanged { old: "u32".to_owned(), new: "u64".to_owned() },
/// };
/// assert_eq!(change.to_string(), "Order.items[].price: type changed u32 -> u64");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Where the change is, such as `Order.items[].price` or `Event::Created.id` (see the
    /// [module documentation](crate::diff) for the syntax).
    pub path: String,
    /// What changed there.
    pub kind: ChangeKind,
}

/// What changed at a [`Change`]'s path. Types are rendered with [`type_name`] (in
/// lockfile comparisons, in the lockfile's notation).
///
/// ```
/// use objfp::diff::ChangeKind;
///
/// let kind = ChangeKind::AttrAdded { attr: "flatten".to_owned() };
/// assert_eq!(kind.to_string(), "serde: added flatten");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChangeKind {
    /// A field appeared; the path names it.
    FieldAdded {
        /// Its type.
        ty: String,
        /// Its wire-relevant serde attributes, as `key` or `key = "value"`.
        attrs: Vec<String>,
    },
    /// A field disappeared; the path names it.
    FieldRemoved {
        /// Its type.
        ty: String,
        /// Its wire-relevant serde attributes, as `key` or `key = "value"`.
        attrs: Vec<String>,
    },
    /// A field disappeared and one of the same type appeared at its position; the path is
    /// the struct or variant.
    FieldRenamed {
        /// The old wire name.
        old: String,
        /// The new wire name.
        new: String,
    },
    /// Fields present on both sides are in a different order; the path is the struct or
    /// variant.
    FieldsReordered {
        /// Those fields in the old order.
        old: Vec<String>,
        /// Those fields in the new order.
        new: Vec<String>,
    },
    /// A primitive type changed (`u32` to `u64`).
    TypeChanged {
        /// The old type.
        old: String,
        /// The new type.
        new: String,
    },
    /// The kind of shape changed (a sequence became an option, a struct an enum, a tuple
    /// got another element).
    ShapeChanged {
        /// The old type.
        old: String,
        /// The new type.
        new: String,
    },
    /// A variant appeared; the path names it.
    VariantAdded,
    /// A variant disappeared; the path names it.
    VariantRemoved,
    /// A variant disappeared and one with the same payload appeared at its position; the
    /// path is the enum.
    VariantRenamed {
        /// The old wire name.
        old: String,
        /// The new wire name.
        new: String,
    },
    /// Variants present on both sides are in a different order (compact formats write a
    /// variant's index); the path is the enum.
    VariantsReordered {
        /// Those variants in the old order.
        old: Vec<String>,
        /// Those variants in the new order.
        new: Vec<String>,
    },
    /// Variants kept their relative order but changed index, because variants were added
    /// or removed before them; formats that write a variant's index (bincode, postcard)
    /// read them as different variants. The path is the enum.
    VariantsRenumbered {
        /// Each moved variant: its name, old index and new index.
        moved: Vec<(String, usize, usize)>,
    },
    /// A struct or variant changed between named, tuple and unit form.
    KindChanged {
        /// The old form.
        old: StructKind,
        /// The new form.
        new: StructKind,
    },
    /// A wire-relevant serde attribute appeared, such as `flatten` or `tag = "type"`.
    AttrAdded {
        /// The attribute, as `key` or `key = "value"`.
        attr: String,
    },
    /// A wire-relevant serde attribute disappeared.
    AttrRemoved {
        /// The attribute, as `key` or `key = "value"`.
        attr: String,
    },
    /// A serde attribute's value changed (`tag = "type"` to `tag = "kind"`).
    AttrChanged {
        /// The attribute's key.
        key: String,
        /// The old value.
        old: String,
        /// The new value.
        new: String,
    },
    /// An enum's integer `#[repr]` changed; `""` for none.
    ReprChanged {
        /// The old repr.
        old: String,
        /// The new repr.
        new: String,
    },
    /// A variant's explicit discriminant changed.
    DiscriminantChanged {
        /// The old discriminant, if any.
        old: Option<i128>,
        /// The new discriminant, if any.
        new: Option<i128>,
    },
    /// An array's length changed; the item type is compared at `[]`.
    ArrayLenChanged {
        /// The old length.
        old: u64,
        /// The new length.
        new: u64,
    },
    /// The meaning of a named shape changed (`unix-seconds` to `unix-milliseconds`); the
    /// shape on the wire is compared at the same path.
    NamedChanged {
        /// The old name.
        old: String,
        /// The new name.
        new: String,
    },
    /// The name of an opaque shape changed.
    OpaqueChanged {
        /// The old name.
        old: String,
        /// The new name.
        new: String,
    },
    /// The report stops here, incomplete: the two shapes are too large or too different to
    /// explain within the diff's budgets (a million pairs of types compared, a mebibyte of
    /// report), which no diff of real types reaches. The changes before it are real; the
    /// path is the type diffed.
    Truncated,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.kind)
    }
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChangeKind::FieldAdded { ty, attrs } => {
                f.write_str("field added (")?;
                field_decl(f, ty, attrs)
            }
            ChangeKind::FieldRemoved { ty, attrs } => {
                f.write_str("field removed (")?;
                field_decl(f, ty, attrs)
            }
            ChangeKind::FieldRenamed { old, new } => write!(f, "field renamed {old} -> {new}"),
            ChangeKind::FieldsReordered { old, new } => {
                write!(f, "fields reordered ")?;
                list(f, old)?;
                f.write_str(" -> ")?;
                list(f, new)
            }
            ChangeKind::TypeChanged { old, new } => write!(f, "type changed {old} -> {new}"),
            ChangeKind::ShapeChanged { old, new } => write!(f, "shape changed {old} -> {new}"),
            ChangeKind::VariantAdded => f.write_str("variant added"),
            ChangeKind::VariantRemoved => f.write_str("variant removed"),
            ChangeKind::VariantRenamed { old, new } => {
                write!(f, "variant renamed {old} -> {new}")
            }
            ChangeKind::VariantsReordered { old, new } => {
                write!(f, "variants reordered ")?;
                list(f, old)?;
                f.write_str(" -> ")?;
                list(f, new)
            }
            ChangeKind::VariantsRenumbered { moved } => {
                f.write_str("variant indices changed:")?;
                for (i, (name, from, to)) in moved.iter().enumerate() {
                    let sep = if i == 0 { " " } else { ", " };
                    write!(f, "{sep}{name} {from} -> {to}")?;
                }
                Ok(())
            }
            ChangeKind::KindChanged { old, new } => {
                write!(f, "kind changed {} -> {}", kind_name(*old), kind_name(*new))
            }
            ChangeKind::AttrAdded { attr } => write!(f, "{}: added {attr}", attr_origin(attr)),
            ChangeKind::AttrRemoved { attr } => {
                write!(f, "{}: removed {attr}", attr_origin(attr))
            }
            ChangeKind::AttrChanged { key, old, new } => {
                write!(f, "{}: changed {key} ", attr_origin(key))?;
                quoted(f, old)?;
                f.write_str(" -> ")?;
                quoted(f, new)
            }
            ChangeKind::ReprChanged { old, new } => {
                write!(f, "repr changed {} -> {}", or_none(old), or_none(new))
            }
            ChangeKind::DiscriminantChanged { old, new } => {
                f.write_str("discriminant changed ")?;
                match old {
                    Some(d) => write!(f, "{d}")?,
                    None => f.write_str("none")?,
                }
                f.write_str(" -> ")?;
                match new {
                    Some(d) => write!(f, "{d}"),
                    None => f.write_str("none"),
                }
            }
            ChangeKind::ArrayLenChanged { old, new } => {
                write!(f, "array length changed {old} -> {new}")
            }
            ChangeKind::NamedChanged { old, new } => {
                f.write_str("meaning changed ")?;
                quoted(f, old)?;
                f.write_str(" -> ")?;
                quoted(f, new)
            }
            ChangeKind::OpaqueChanged { old, new } => {
                f.write_str("opaque name changed ")?;
                quoted(f, old)?;
                f.write_str(" -> ")?;
                quoted(f, new)
            }
            ChangeKind::Truncated => f.write_str(
                "more changes not shown: the two shapes are too large or too different to \
                 explain in full (the diff stops after a million pairs of types or a \
                 mebibyte of report)",
            ),
        }
    }
}

/// `#[serde(a, b)] T)`: the rest of a field added/removed line.
fn field_decl(f: &mut fmt::Formatter<'_>, ty: &str, attrs: &[String]) -> fmt::Result {
    if !attrs.is_empty() {
        f.write_str("#[serde(")?;
        for (i, a) in attrs.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(a)?;
        }
        f.write_str(")] ")?;
    }
    write!(f, "{ty})")
}

fn or_none(s: &str) -> &str {
    if s.is_empty() { "none" } else { s }
}

fn list(f: &mut fmt::Formatter<'_>, names: &[String]) -> fmt::Result {
    f.write_str("(")?;
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        f.write_str(name)?;
    }
    f.write_str(")")
}

/// `named`, `tuple` or `unit`.
pub(crate) fn kind_name(kind: StructKind) -> &'static str {
    match kind {
        StructKind::Named => "named",
        StructKind::Newtype => "newtype",
        StructKind::Tuple => "tuple",
        StructKind::Unit => "unit",
    }
}

/// Writes `s` as a double-quoted string: `"` and `\` escaped, control characters as
/// `\u{..}`. Everything else is written as it is, so the output does not depend on the
/// Rust version (unlike `{:?}`).
pub(crate) fn quoted(out: &mut impl fmt::Write, s: &str) -> fmt::Result {
    out.write_char('"')?;
    for c in s.chars() {
        match c {
            '"' => out.write_str("\\\"")?,
            '\\' => out.write_str("\\\\")?,
            '\n' => out.write_str("\\n")?,
            '\t' => out.write_str("\\t")?,
            '\r' => out.write_str("\\r")?,
            c if c.is_control() => write!(out, "\\u{{{:x}}}", c as u32)?,
            c => out.write_char(c)?,
        }
    }
    out.write_char('"')
}

/// Whether `s` can be written without quotes in a path or a lockfile: an ASCII letter or
/// `_`, then letters, digits, `_` or `-`.
pub(crate) fn is_bare(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// A name as a path segment or lockfile token: bare when [`is_bare`], else quoted.
pub(crate) fn name_token(s: &str) -> String {
    if is_bare(s) {
        s.to_owned()
    } else {
        let mut out = String::new();
        let _ = quoted(&mut out, s);
        out
    }
}

/// An attribute as people write it: `flatten`, or `tag = "type"`.
pub(crate) fn attr_text(key: &str, value: &str) -> String {
    if value.is_empty() {
        key.to_owned()
    } else {
        let mut out = format!("{key} = ");
        let _ = quoted(&mut out, value);
        out
    }
}

/// objfp's interfaces (`#[fingerprint(implements(..))]`), the rest are serde's.
fn attr_origin(attr: &str) -> &'static str {
    if attr.starts_with("implements") {
        "interface"
    } else {
        "serde"
    }
}

/// How deep [`type_name`] renders type arguments before writing `…`.
const MAX_NAME_DEPTH: usize = 16;

/// About how long a [`type_name`] gets before the rest is written `…`: a type expression
/// can be exponentially longer than its description (`type A = (B, B); type B = (C, C);`).
const MAX_NAME_LEN: usize = 256;

/// A type expression for people: primitives by name (`u32`, `string`), `Vec<Item>`,
/// `Option<T>`, `HashMap<K, V>`, `[T; N]`, `[T]`, `(A, B)`, and derived types by name.
/// Names are the Rust ones from the descriptions, which are not part of the fingerprint.
/// Deeply nested arguments, and whatever comes after the first 256 bytes or so, are cut
/// off with `…`, so this is quick on any description.
///
/// ```
/// use std::collections::HashMap;
/// use objfp::{diff::type_name, TypeFingerprint};
///
/// #[derive(TypeFingerprint)]
/// struct Item {
///     sku: String,
/// }
///
/// assert_eq!(type_name(<Vec<Item>>::DESCRIPTION), "Vec<Item>");
/// assert_eq!(type_name(<Option<[u8; 4]>>::DESCRIPTION), "Option<[u8; 4]>");
/// assert_eq!(type_name(<HashMap<String, (u8, bool)>>::DESCRIPTION), "HashMap<string, (u8, bool)>");
/// ```
pub fn type_name(d: &Description) -> String {
    let mut out = String::new();
    write_type_name(&mut out, d, 0);
    if out.len() > 2 * MAX_NAME_LEN {
        // One very long name (a hand-written description's).
        let mut end = MAX_NAME_LEN;
        while !out.is_char_boundary(end) {
            end -= 1;
        }
        out.truncate(end);
        out.push('…');
    }
    out
}

fn write_type_name(out: &mut String, d: &Description, depth: usize) {
    if out.len() >= MAX_NAME_LEN {
        if !out.ends_with('…') {
            out.push('…');
        }
        return;
    }
    if depth > MAX_NAME_DEPTH {
        out.push('…');
        return;
    }
    let arg = |out: &mut String, t: &crate::TypeRef| write_type_name(out, t(), depth + 1);
    match &d.shape {
        Shape::Primitive(p) => out.push_str(p.name()),
        Shape::Option(item) => {
            out.push_str(if d.name.is_empty() { "Option" } else { d.name });
            out.push('<');
            arg(out, item);
            out.push('>');
        }
        Shape::Seq(item) => {
            if d.name == "[]" || d.name.is_empty() {
                out.push('[');
                arg(out, item);
                out.push(']');
            } else {
                out.push_str(d.name);
                out.push('<');
                arg(out, item);
                out.push('>');
            }
        }
        Shape::Map { key, value } => {
            out.push_str(if d.name.is_empty() { "Map" } else { d.name });
            out.push('<');
            arg(out, key);
            out.push_str(", ");
            arg(out, value);
            out.push('>');
        }
        Shape::Array { len, item } => {
            out.push('[');
            arg(out, item);
            out.push_str(&format!("; {len}]"));
        }
        Shape::Tuple(items) => {
            out.push('(');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                arg(out, item);
            }
            if items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        Shape::Struct(_)
        | Shape::Enum(_)
        | Shape::Opaque(_)
        | Shape::Named { .. }
        | Shape::Readable { .. }
        | Shape::Proxy { .. } => {
            out.push_str(d.name);
            if !d.args.is_empty() {
                out.push('<');
                for (i, t) in d.args.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    arg(out, t);
                }
                out.push('>');
            }
        }
    }
}
