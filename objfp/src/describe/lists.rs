//! The lists inside a description (attributes, fields, variants), stored either as a
//! `&'static` slice (hand-written descriptions) or as the canonical bytes of `SPEC.md`
//! §6–§7 that the derive already wrote for the fingerprint, plus the field types.
//!
//! The derive uses the encoded form because a description is compiled for every derived
//! type: one byte string and one slice of [`TypeRef`]s cost the compiler a fraction of a
//! nested literal of structs and slices (`BENCHMARKS.md`). Reading decodes lazily and
//! borrows every name from the `'static` bytes, so it allocates nothing. Malformed bytes
//! (only a hand-made `__encoded` list can have them) end the iteration early; they never
//! panic.

use core::fmt;

use super::{Attr, Field, StructKind, TypeRef, Variant};

/// Reads the canonical encoding: little-endian `u32` counts and lengths, UTF-8 strings.
#[derive(Clone, Copy)]
struct Cursor {
    bytes: &'static [u8],
}

impl Cursor {
    fn take(&mut self, n: usize) -> Option<&'static [u8]> {
        if n > self.bytes.len() {
            self.bytes = &[];
            return None;
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Some(head)
    }

    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    fn u32(&mut self) -> Option<usize> {
        let b = self.take(4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }

    fn i128(&mut self) -> Option<i128> {
        let b = self.take(16)?;
        let mut out = [0u8; 16];
        out.copy_from_slice(b);
        Some(i128::from_le_bytes(out))
    }

    fn str(&mut self) -> Option<&'static str> {
        let len = self.u32()?;
        core::str::from_utf8(self.take(len)?).ok()
    }

    /// Skips an attribute list, returning its bytes (count included).
    fn attrs(&mut self) -> Option<&'static [u8]> {
        let start = self.bytes;
        let count = self.u32()?;
        for _ in 0..count {
            self.str()?;
            self.str()?;
        }
        Some(&start[..start.len() - self.bytes.len()])
    }
}

fn kind_of(style: u8) -> Option<StructKind> {
    Some(match style {
        b'n' => StructKind::Named,
        b'w' => StructKind::Newtype,
        b't' => StructKind::Tuple,
        b'u' => StructKind::Unit,
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------
// Attributes.

/// The wire-relevant attributes of a struct, enum, variant or field, sorted by key and
/// value (`SPEC.md` §10), as [`Attr`]s.
///
/// ```
/// use objfp::{Attr, Attrs};
///
/// const ATTRS: Attrs = Attrs::new(&[Attr { key: "tag", value: "type" }]);
/// assert_eq!(ATTRS.len(), 1);
/// assert_eq!(ATTRS.get("tag"), Some("type"));
/// assert!(Attrs::EMPTY.is_empty());
/// ```
#[derive(Clone, Copy)]
pub struct Attrs {
    encoded: &'static [u8],
    list: &'static [Attr],
}

impl Attrs {
    /// No attributes.
    pub const EMPTY: Attrs = Attrs {
        encoded: &[],
        list: &[],
    };

    /// The attributes of a hand-written description.
    pub const fn new(list: &'static [Attr]) -> Attrs {
        Attrs { encoded: &[], list }
    }

    /// Not public API: canonical bytes (`u32(count) (str(key) str(value))*`) followed by
    /// `list`, as the derive emits them.
    #[doc(hidden)]
    pub const fn __encoded(encoded: &'static [u8], list: &'static [Attr]) -> Attrs {
        Attrs { encoded, list }
    }

    /// The attributes in order.
    pub fn iter(&self) -> AttrIter {
        let mut cursor = Cursor {
            bytes: self.encoded,
        };
        let remaining = cursor.u32().unwrap_or(0);
        AttrIter {
            cursor,
            remaining,
            list: self.list.iter(),
        }
    }

    /// How many attributes there are.
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    /// The value of the first attribute with this key (`""` for a flag).
    pub fn get(&self, key: &str) -> Option<&'static str> {
        self.iter().find(|a| a.key == key).map(|a| a.value)
    }
}

impl fmt::Debug for Attrs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl IntoIterator for Attrs {
    type Item = Attr;
    type IntoIter = AttrIter;
    fn into_iter(self) -> AttrIter {
        self.iter()
    }
}

/// Iterator over [`Attrs`].
#[derive(Clone)]
pub struct AttrIter {
    cursor: Cursor,
    remaining: usize,
    list: core::slice::Iter<'static, Attr>,
}

impl Iterator for AttrIter {
    type Item = Attr;

    fn next(&mut self) -> Option<Attr> {
        while self.remaining > 0 {
            self.remaining -= 1;
            match (self.cursor.str(), self.cursor.str()) {
                (Some(key), Some(value)) => return Some(Attr { key, value }),
                _ => self.remaining = 0,
            }
        }
        self.list.next().copied()
    }
}

// ---------------------------------------------------------------------------------------
// Fields.

#[derive(Clone, Copy)]
enum FieldsRepr {
    List(&'static [Field]),
    /// `u32(n) (str(name) attrs)*`, and one type per field.
    Encoded {
        bytes: &'static [u8],
        types: &'static [TypeRef],
    },
}

/// The fields of a struct or variant on the wire, in order, as [`Field`]s.
///
/// ```
/// use objfp::{Attrs, Field, Fields, TypeFingerprint};
///
/// const FIELDS: Fields = Fields::new(&[Field {
///     name: "id",
///     attrs: Attrs::EMPTY,
///     ty: || <u64 as TypeFingerprint>::DESCRIPTION,
/// }]);
/// assert_eq!(FIELDS.len(), 1);
/// assert_eq!(FIELDS.get(0).unwrap().name, "id");
/// assert!(FIELDS.get(1).is_none());
/// ```
#[derive(Clone, Copy)]
pub struct Fields {
    repr: FieldsRepr,
}

impl Fields {
    /// No fields.
    pub const EMPTY: Fields = Fields::new(&[]);

    /// The fields of a hand-written description.
    pub const fn new(list: &'static [Field]) -> Fields {
        Fields {
            repr: FieldsRepr::List(list),
        }
    }

    /// Not public API: the canonical field list (`u32(n) (str(name) attrs)*`) and the
    /// field types, as the derive emits them.
    #[doc(hidden)]
    pub const fn __encoded(bytes: &'static [u8], types: &'static [TypeRef]) -> Fields {
        Fields {
            repr: FieldsRepr::Encoded { bytes, types },
        }
    }

    /// The fields in order.
    pub fn iter(&self) -> FieldIter {
        match self.repr {
            FieldsRepr::List(list) => FieldIter {
                repr: FieldIterRepr::List(list.iter()),
            },
            FieldsRepr::Encoded { bytes, types } => {
                let mut cursor = Cursor { bytes };
                let n = cursor.u32().unwrap_or(0).min(types.len());
                FieldIter {
                    repr: FieldIterRepr::Encoded {
                        cursor,
                        types: types[..n].iter(),
                    },
                }
            }
        }
    }

    /// How many fields there are.
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    /// The field at `index`.
    pub fn get(&self, index: usize) -> Option<Field> {
        self.iter().nth(index)
    }
}

impl fmt::Debug for Fields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl IntoIterator for Fields {
    type Item = Field;
    type IntoIter = FieldIter;
    fn into_iter(self) -> FieldIter {
        self.iter()
    }
}

/// Iterator over [`Fields`].
#[derive(Clone)]
pub struct FieldIter {
    repr: FieldIterRepr,
}

#[derive(Clone)]
enum FieldIterRepr {
    List(core::slice::Iter<'static, Field>),
    Encoded {
        cursor: Cursor,
        types: core::slice::Iter<'static, TypeRef>,
    },
}

impl Iterator for FieldIter {
    type Item = Field;

    fn next(&mut self) -> Option<Field> {
        match &mut self.repr {
            FieldIterRepr::List(list) => list.next().copied(),
            FieldIterRepr::Encoded { cursor, types } => {
                let ty = *types.next()?;
                let (Some(name), Some(attrs)) = (cursor.str(), cursor.attrs()) else {
                    *types = [].iter();
                    return None;
                };
                Some(Field {
                    name,
                    attrs: Attrs::__encoded(attrs, &[]),
                    ty,
                })
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Variants.

#[derive(Clone, Copy)]
enum VariantsRepr {
    List(&'static [Variant]),
    /// `u32(n) (str(name) attrs disc u8(style) fields)*` and the types of every field of
    /// every variant, in order.
    Encoded {
        bytes: &'static [u8],
        types: &'static [TypeRef],
    },
}

/// The variants of an enum, in declaration order, as [`Variant`]s.
///
/// ```
/// use objfp::{Shape, StructKind, TypeFingerprint};
///
/// #[derive(TypeFingerprint)]
/// enum Event { Created { id: u64 }, Deleted(u64) }
///
/// let Shape::Enum(e) = Event::DESCRIPTION.shape else { unreachable!() };
/// let names: Vec<&str> = e.variants.iter().map(|v| v.name).collect();
/// assert_eq!(names, ["Created", "Deleted"]);
/// assert_eq!(e.variants.get(1).unwrap().kind, StructKind::Newtype);
/// ```
#[derive(Clone, Copy)]
pub struct Variants {
    repr: VariantsRepr,
}

impl Variants {
    /// No variants.
    pub const EMPTY: Variants = Variants::new(&[]);

    /// The variants of a hand-written description.
    pub const fn new(list: &'static [Variant]) -> Variants {
        Variants {
            repr: VariantsRepr::List(list),
        }
    }

    /// Not public API: the canonical variant list of `SPEC.md` §7 and the types of all
    /// fields of all variants, as the derive emits them.
    #[doc(hidden)]
    pub const fn __encoded(bytes: &'static [u8], types: &'static [TypeRef]) -> Variants {
        Variants {
            repr: VariantsRepr::Encoded { bytes, types },
        }
    }

    /// The variants in order.
    pub fn iter(&self) -> VariantIter {
        match self.repr {
            VariantsRepr::List(list) => VariantIter {
                repr: VariantIterRepr::List(list.iter()),
            },
            VariantsRepr::Encoded { bytes, types } => {
                let mut cursor = Cursor { bytes };
                let remaining = cursor.u32().unwrap_or(0);
                VariantIter {
                    repr: VariantIterRepr::Encoded {
                        cursor,
                        types,
                        remaining,
                    },
                }
            }
        }
    }

    /// How many variants there are.
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    /// The variant at `index`.
    pub fn get(&self, index: usize) -> Option<Variant> {
        self.iter().nth(index)
    }
}

impl fmt::Debug for Variants {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl IntoIterator for Variants {
    type Item = Variant;
    type IntoIter = VariantIter;
    fn into_iter(self) -> VariantIter {
        self.iter()
    }
}

/// Iterator over [`Variants`].
#[derive(Clone)]
pub struct VariantIter {
    repr: VariantIterRepr,
}

#[derive(Clone)]
enum VariantIterRepr {
    List(core::slice::Iter<'static, Variant>),
    Encoded {
        cursor: Cursor,
        types: &'static [TypeRef],
        remaining: usize,
    },
}

impl Iterator for VariantIter {
    type Item = Variant;

    fn next(&mut self) -> Option<Variant> {
        let (cursor, types, remaining) = match &mut self.repr {
            VariantIterRepr::List(list) => return list.next().copied(),
            VariantIterRepr::Encoded {
                cursor,
                types,
                remaining,
            } => (cursor, types, remaining),
        };
        if *remaining == 0 {
            return None;
        }
        *remaining -= 1;
        let variant = decode_variant(cursor, types);
        if variant.is_none() {
            *remaining = 0;
        }
        variant
    }
}

fn decode_variant(cursor: &mut Cursor, types: &mut &'static [TypeRef]) -> Option<Variant> {
    let name = cursor.str()?;
    let attrs = cursor.attrs()?;
    let discriminant = match cursor.u8()? {
        0 => None,
        1 => Some(cursor.i128()?),
        _ => return None,
    };
    let kind = kind_of(cursor.u8()?)?;
    let fields_start = cursor.bytes;
    let n = cursor.u32()?;
    for _ in 0..n {
        cursor.str()?;
        cursor.attrs()?;
    }
    let fields_bytes = &fields_start[..fields_start.len() - cursor.bytes.len()];
    if n > types.len() {
        return None;
    }
    let (own, rest) = types.split_at(n);
    *types = rest;
    Some(Variant {
        name,
        attrs: Attrs::__encoded(attrs, &[]),
        discriminant,
        kind,
        fields: Fields::__encoded(fields_bytes, own),
    })
}

#[cfg(all(test, feature = "alloc"))]
mod tests {
    use super::*;
    use crate::TypeFingerprint;

    fn u8_desc() -> &'static crate::Description {
        <u8 as TypeFingerprint>::DESCRIPTION
    }

    #[test]
    fn truncated_bytes_end_the_iteration() {
        // Two attributes announced, one and a half present.
        const BYTES: &[u8] = b"\x02\0\0\0\x03\0\0\0tag\x04\0\0\0type\x07\0\0\0flat";
        let attrs = Attrs::__encoded(BYTES, &[]);
        let all: alloc::vec::Vec<Attr> = attrs.iter().collect();
        assert_eq!(
            all,
            [Attr {
                key: "tag",
                value: "type"
            }]
        );
        // A field list announcing more fields than there are types stops at the types.
        const FIELDS: &[u8] = b"\x05\0\0\0\x01\0\0\0a\0\0\0\0";
        let fields = Fields::__encoded(FIELDS, &[u8_desc]);
        assert_eq!(fields.len(), 1);
        // Not UTF-8.
        let bad = Attrs::__encoded(b"\x01\0\0\0\x01\0\0\0\xff\0\0\0\0", &[]);
        assert!(bad.is_empty());
        let variants = Variants::__encoded(b"\x01\0\0\0\x01\0\0\0A\0\0\0\0\x02", &[]);
        assert!(variants.is_empty());
    }
}
