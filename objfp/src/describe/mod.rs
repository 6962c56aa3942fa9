//! The canonical form of a type, readable at run time.
//!
//! Every [`TypeFingerprint`](crate::TypeFingerprint) carries a static [`Description`]: what
//! its fingerprint was computed from (struct and field wire names, variants, serde
//! attributes, the referenced types), so that tools can say *what* changed between two
//! fingerprints rather than only *that* they differ. Descriptions are plain static data
//! (no allocation); referenced types are [`TypeRef`] function pointers so that recursive
//! types describe themselves without a compile-time cycle.
//!
//! A structural diff walks two descriptions side by side, descending only where the
//! fingerprints differ.

use crate::Fingerprint;

mod lists;

pub use lists::{AttrIter, Attrs, FieldIter, Fields, VariantIter, Variants};

/// A reference to another type's description. A function pointer rather than a
/// reference, so that a recursive type's description can point at itself.
pub type TypeRef = fn() -> &'static Description;

/// The canonical form of one type.
///
/// ```
/// use objfp::{Shape, TypeFingerprint};
///
/// let d = <Vec<u32> as TypeFingerprint>::DESCRIPTION;
/// assert_eq!(d.fingerprint, <Vec<u32> as TypeFingerprint>::FINGERPRINT);
/// match d.shape {
///     Shape::Seq(item) => assert_eq!(item().name, "u32"),
///     _ => unreachable!(),
/// }
/// ```
#[derive(Debug)]
pub struct Description {
    /// A display name: the Rust type name for derived types (`"Order"`), the type
    /// constructor for standard types (`"Vec"`). Not part of the fingerprint.
    pub name: &'static str,
    /// Type arguments, for display only (`Wrapper<u32>` shows `u32`).
    pub args: &'static [TypeRef],
    /// The type's fingerprint.
    pub fingerprint: Fingerprint,
    /// What the fingerprint was computed from.
    pub shape: Shape,
}

/// The kind of a canonical form and its parts. See `SPEC.md` for the encoding of each.
#[derive(Debug)]
#[non_exhaustive]
pub enum Shape {
    /// A serde primitive: integers, floats, `bool`, `char`, strings, bytes, unit.
    Primitive(Primitive),
    /// `Option<T>`.
    Option(TypeRef),
    /// A variable-length sequence: `Vec<T>`, `[T]`, `VecDeque<T>`, `HashSet<T>`, ...
    Seq(TypeRef),
    /// A map: `HashMap<K, V>`, `BTreeMap<K, V>`.
    Map {
        /// The key type.
        key: TypeRef,
        /// The value type.
        value: TypeRef,
    },
    /// A fixed-length array `[T; N]`.
    Array {
        /// `N`.
        len: u64,
        /// `T`.
        item: TypeRef,
    },
    /// A tuple `(A,)`, `(A, B)`, ... (`()` is [`Primitive::Unit`]).
    Tuple(&'static [TypeRef]),
    /// A struct (named, tuple or unit).
    Struct(StructShape),
    /// An enum.
    Enum(EnumShape),
    /// A named shape objfp cannot see into (`#[fingerprint(opaque = "...")]`).
    Opaque(&'static str),
    /// A shape with a meaning the bare shape does not say: `chrono::serde::ts_seconds`
    /// writes an `i64` that counts seconds since the Unix epoch, the named shape
    /// `"unix-seconds"` over `i64`. Two named shapes are the same only when both the name
    /// and the inner shape are.
    Named {
        /// What the shape means, such as `"unix-seconds"`.
        name: &'static str,
        /// The shape on the wire.
        inner: TypeRef,
    },
    /// A type whose serialized form differs between human-readable formats (JSON, TOML)
    /// and compact ones (bincode, postcard), such as `IpAddr`.
    Readable {
        /// The shape in human-readable formats.
        human: TypeRef,
        /// The shape in compact formats.
        compact: TypeRef,
    },
    /// A type that serializes as one shape and deserializes from another
    /// (`#[serde(into = "A")]`, `#[serde(from = "B")]`).
    Proxy {
        /// The type written, or `None` for the type's own structure (`own`).
        serialize: Option<TypeRef>,
        /// The type read, or `None` for the type's own structure (`own`).
        deserialize: Option<TypeRef>,
        /// The type's own structure.
        own: &'static Shape,
    },
}

/// The serde data model's primitive types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Primitive {
    /// `bool`
    Bool,
    /// `i8`
    I8,
    /// `i16`
    I16,
    /// `i32`
    I32,
    /// `i64` (and `isize`, which serde writes as `i64`)
    I64,
    /// `i128`
    I128,
    /// `u8`
    U8,
    /// `u16`
    U16,
    /// `u32`
    U32,
    /// `u64` (and `usize`, which serde writes as `u64`)
    U64,
    /// `u128`
    U128,
    /// `f32`
    F32,
    /// `f64`
    F64,
    /// `char`
    Char,
    /// A UTF-8 string: `str`, `String`, `Box<str>`, `Cow<str>`, `Path`.
    String,
    /// A byte string, as `serialize_bytes` writes it (`CString`, `serde_bytes`).
    Bytes,
    /// `()`
    Unit,
}

impl Primitive {
    /// The one-byte code of the primitive in type expressions (`SPEC.md` §5): its position
    /// in the list above, from `bool` (0) to `()` (16).
    ///
    /// ```
    /// assert_eq!(objfp::Primitive::U32.code(), 8);
    /// assert_eq!(objfp::Primitive::String.code(), 14);
    /// ```
    pub const fn code(self) -> u8 {
        match self {
            Primitive::Bool => 0,
            Primitive::I8 => 1,
            Primitive::I16 => 2,
            Primitive::I32 => 3,
            Primitive::I64 => 4,
            Primitive::I128 => 5,
            Primitive::U8 => 6,
            Primitive::U16 => 7,
            Primitive::U32 => 8,
            Primitive::U64 => 9,
            Primitive::U128 => 10,
            Primitive::F32 => 11,
            Primitive::F64 => 12,
            Primitive::Char => 13,
            Primitive::String => 14,
            Primitive::Bytes => 15,
            Primitive::Unit => 16,
        }
    }

    /// The name used in descriptions and lockfiles.
    ///
    /// ```
    /// assert_eq!(objfp::Primitive::U64.name(), "u64");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Primitive::Bool => "bool",
            Primitive::I8 => "i8",
            Primitive::I16 => "i16",
            Primitive::I32 => "i32",
            Primitive::I64 => "i64",
            Primitive::I128 => "i128",
            Primitive::U8 => "u8",
            Primitive::U16 => "u16",
            Primitive::U32 => "u32",
            Primitive::U64 => "u64",
            Primitive::U128 => "u128",
            Primitive::F32 => "f32",
            Primitive::F64 => "f64",
            Primitive::Char => "char",
            Primitive::String => "string",
            Primitive::Bytes => "bytes",
            Primitive::Unit => "unit",
        }
    }
}

/// Named, tuple or unit: the form of a struct or of an enum variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StructKind {
    /// `struct S { a: T }`
    Named,
    /// Exactly one unnamed field declared: `struct S(T);` (serde's newtype)
    Newtype,
    /// Two or more unnamed fields declared: `struct S(T, U);`
    Tuple,
    /// `struct S;`
    Unit,
}

/// A wire-relevant attribute in canonical form, such as `tag = "type"` or `flatten`
/// (value `""`). Lists of attributes are sorted by key, then value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Attr {
    /// The attribute's canonical key (see `SPEC.md`).
    pub key: &'static str,
    /// Its value; `""` for flags.
    pub value: &'static str,
}

/// One field of a struct or variant, as it appears on the wire.
///
/// ```
/// use objfp::{Shape, TypeFingerprint};
///
/// #[derive(TypeFingerprint)]
/// struct Order {
///     #[serde(default)]
///     id: u64,
/// }
///
/// let Shape::Struct(s) = Order::DESCRIPTION.shape else { unreachable!() };
/// let id = s.fields.get(0).unwrap();
/// assert_eq!(id.name, "id");
/// assert_eq!(id.attrs.get("default"), Some(""));
/// assert_eq!((id.ty)().name, "u64");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// The wire name (after `rename`/`rename_all`); `""` for tuple fields and for
    /// `#[serde(flatten)]` fields, whose own name serde never writes.
    pub name: &'static str,
    /// Wire-relevant attributes of the field, sorted.
    pub attrs: Attrs,
    /// The field's type.
    pub ty: TypeRef,
}

/// A struct's canonical form.
#[derive(Clone, Copy, Debug)]
pub struct StructShape {
    /// Named, tuple or unit.
    pub kind: StructKind,
    /// Wire-relevant container attributes, sorted; then one `implements` entry per trait
    /// declared with `#[fingerprint(implements(..))]`, valued `"Trait <interface hex>"`
    /// (description only: interfaces enter the fingerprint through the `'I'` node).
    pub attrs: Attrs,
    /// The fields on the wire, in declaration order (skipped fields are absent).
    pub fields: Fields,
}

/// An enum's canonical form.
#[derive(Clone, Copy, Debug)]
pub struct EnumShape {
    /// The integer `#[repr]`, such as `"u8"`, or `""` when there is none.
    pub repr: &'static str,
    /// Wire-relevant container attributes, sorted (`tag`, `content`, `untagged`, ...), then
    /// `implements` entries as for [`StructShape::attrs`].
    pub attrs: Attrs,
    /// The variants on the wire, in declaration order.
    pub variants: Variants,
}

/// One enum variant's canonical form.
#[derive(Clone, Copy, Debug)]
pub struct Variant {
    /// The wire name (after `rename`/`rename_all`); `""` for untagged variants and for
    /// the placeholder of a skipped variant that still takes up its index.
    pub name: &'static str,
    /// Wire-relevant attributes of the variant, sorted.
    pub attrs: Attrs,
    /// The explicit discriminant, when the enum declares any; as the two's-complement
    /// bit pattern for `u128` values above `i128::MAX`.
    pub discriminant: Option<i128>,
    /// Named, tuple or unit.
    pub kind: StructKind,
    /// The fields on the wire, in declaration order.
    pub fields: Fields,
}
