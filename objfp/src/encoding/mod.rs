//! The canonical pre-images of the nodes the derive does not write itself: type
//! expressions (primitives, options, sequences, maps, arrays, tuples: [`TypeExpr`]),
//! opaque and named shapes, the human-readable/compact and serialize/deserialize pairs,
//! and recursion back-references. Structs, enums and interfaces are encoded by the derive
//! (`objfp-derive/src/encode.rs`). `SPEC.md` is the reference for every byte written here.
//!
//! Every pre-image starts with [`MAGIC`] and one tag byte.
//!
//! ```
//! use objfp::{encoding::{self, TypeExpr}, Primitive, TypeFingerprint};
//!
//! // `Vec<u32>` is the type expression "sequence of u32".
//! let vec_u32 = TypeExpr::seq(TypeExpr::primitive(Primitive::U32));
//! assert_eq!(vec_u32.fingerprint(), <Vec<u32> as TypeFingerprint>::FINGERPRINT);
//! // A named shape composes the fingerprint of what is on the wire.
//! let secs = encoding::named("unix-seconds", <i64 as TypeFingerprint>::FINGERPRINT);
//! assert_ne!(secs, encoding::named("unix-seconds", <u64 as TypeFingerprint>::FINGERPRINT));
//! ```

use crate::sha256::Sha256;
use crate::{Fingerprint, Primitive};

pub(crate) mod expr;

pub use expr::TypeExpr;

/// The version tag that starts every pre-image. It changes whenever the pre-image of any
/// already specified shape changes.
pub const MAGIC: &[u8; 7] = b"objfp/2";

/// Tag bytes of the node kinds (`SPEC.md` §4).
pub mod tag {
    /// A type expression (`SPEC.md` §5): its tokens, then the fingerprints it references.
    pub const EXPR: u8 = b'e';
    /// A struct (written by the derive).
    pub const STRUCT: u8 = b'S';
    /// An enum (written by the derive).
    pub const ENUM: u8 = b'E';
    /// An opaque named shape: `str` name.
    pub const OPAQUE: u8 = b'x';
    /// A shape with a meaning: `str` name, one fingerprint (the shape on the wire).
    pub const NAMED: u8 = b'n';
    /// A back-reference to a member of the recursion group being defined: `u32` index.
    pub const REC: u8 = b'r';
    /// A member of a recursion group: `u32` size, `u32` index, one local fingerprint per
    /// member.
    pub const GROUP: u8 = b'g';
    /// Human-readable vs compact forms: two fingerprints.
    pub const READABLE: u8 = b'h';
    /// Serialize vs deserialize forms: two fingerprints.
    pub const PROXY: u8 = b'd';
    /// A trait's interface (written by `#[objfp::interface]`).
    pub const INTERFACE: u8 = b'i';
    /// A type with the interfaces it declares: `u32` count, the type's own fingerprint,
    /// then the interface fingerprints sorted bytewise.
    pub const IMPLEMENTS: u8 = b'I';
}

/// Tokens of a type expression (`SPEC.md` §5).
pub mod token {
    /// A primitive: followed by its one-byte code ([`Primitive::code`](crate::Primitive::code)).
    pub const PRIMITIVE: u8 = b'p';
    /// `Option<T>`: followed by `T`.
    pub const OPTION: u8 = b'o';
    /// A sequence: followed by the item.
    pub const SEQ: u8 = b's';
    /// A map: followed by the key, then the value.
    pub const MAP: u8 = b'm';
    /// `[T; N]`: followed by `u64(N)`, then `T`.
    pub const ARRAY: u8 = b'a';
    /// A tuple of 2 to 16 elements that are not all one type: `u8(n)`, then the elements.
    pub const TUPLE: u8 = b't';
    /// Any other type, by its fingerprint (which follows the tokens).
    pub const REF: u8 = b'R';
}

const fn start(tag: u8) -> Sha256 {
    Sha256::new().update(MAGIC).update(&[tag])
}

const fn with_str(hasher: Sha256, s: &str) -> Sha256 {
    hasher
        .update(&(s.len() as u32).to_le_bytes())
        .update(s.as_bytes())
}

const fn done(hasher: Sha256) -> Fingerprint {
    Fingerprint(hasher.finalize())
}

/// Fingerprint of a serde primitive: the type expression of the primitive alone.
///
/// ```
/// use objfp::{encoding, Primitive, TypeFingerprint};
/// assert_eq!(encoding::primitive(Primitive::U64), <usize as TypeFingerprint>::FINGERPRINT);
/// ```
pub const fn primitive(p: Primitive) -> Fingerprint {
    TypeExpr::primitive(p).fingerprint()
}

/// Fingerprint of an opaque named shape: what a type with a hand-written `Serialize` can
/// use when objfp cannot see its structure. Choose a name that says what is on the wire
/// (`"rfc3339-timestamp"`), never one derived from a module path: renaming a module must
/// not change a fingerprint. Change the name whenever the wire form changes.
///
/// ```
/// use objfp::{encoding, Description, Fingerprint, Shape, TypeFingerprint};
///
/// struct Timestamp(i64); // serialized by hand as an RFC 3339 string
///
/// impl TypeFingerprint for Timestamp {
///     const FINGERPRINT: Fingerprint = encoding::opaque("rfc3339-timestamp");
///     const DESCRIPTION: &'static Description = &Description {
///         name: "Timestamp",
///         args: &[],
///         fingerprint: Self::FINGERPRINT,
///         shape: Shape::Opaque("rfc3339-timestamp"),
///     };
/// }
/// assert_ne!(Timestamp::FINGERPRINT, encoding::opaque("unix-seconds"));
/// ```
pub const fn opaque(name: &str) -> Fingerprint {
    done(with_str(start(tag::OPAQUE), name))
}

/// Fingerprint of a shape with a meaning the bare shape does not say: `inner` is what is
/// on the wire, `name` what it means (`SPEC.md` §4). Changing either changes the result.
///
/// ```
/// use objfp::{encoding, TypeFingerprint};
/// let secs = encoding::named("unix-seconds", i64::FINGERPRINT);
/// assert_ne!(secs, encoding::named("unix-milliseconds", i64::FINGERPRINT));
/// assert_ne!(secs, i64::FINGERPRINT);
/// ```
pub const fn named(name: &str, inner: Fingerprint) -> Fingerprint {
    done(with_str(start(tag::NAMED), name).update(&inner.0))
}

/// Fingerprint of the back-reference to member `index` of the recursion group being
/// defined (`SPEC.md`, "Recursion"). Only the index counts:
///
/// ```
/// use objfp::encoding;
/// assert_eq!(encoding::rec(0), encoding::rec(0));
/// assert_ne!(encoding::rec(0), encoding::rec(1));
/// ```
pub const fn rec(index: u32) -> Fingerprint {
    done(start(tag::REC).update(&index.to_le_bytes()))
}

/// Fingerprint of a type whose human-readable and compact serialized forms differ.
///
/// ```
/// use objfp::{encoding, TypeFingerprint};
/// // Text in JSON, a byte array in postcard: the order of the two forms counts.
/// let text_or_bytes = encoding::readable(String::FINGERPRINT, <[u8; 4]>::FINGERPRINT);
/// assert_ne!(text_or_bytes, encoding::readable(<[u8; 4]>::FINGERPRINT, String::FINGERPRINT));
/// assert_ne!(text_or_bytes, String::FINGERPRINT);
/// ```
pub const fn readable(human: Fingerprint, compact: Fingerprint) -> Fingerprint {
    done(start(tag::READABLE).update(&human.0).update(&compact.0))
}

/// Fingerprint of a type that serializes as one shape and deserializes from another.
///
/// ```
/// use objfp::{encoding, TypeFingerprint};
/// // Writes a `u64`, reads a `String`: not the same as the reverse.
/// let p = encoding::proxy(u64::FINGERPRINT, String::FINGERPRINT);
/// assert_ne!(p, encoding::proxy(String::FINGERPRINT, u64::FINGERPRINT));
/// ```
pub const fn proxy(serialize: Fingerprint, deserialize: Fingerprint) -> Fingerprint {
    done(
        start(tag::PROXY)
            .update(&serialize.0)
            .update(&deserialize.0),
    )
}

/// [`proxy`], or the one shape when both directions have it (`SPEC.md` §10): how the
/// derive fingerprints `#[serde(from = "..", into = "..")]`.
///
/// ```
/// use objfp::{encoding, TypeFingerprint};
/// assert_eq!(encoding::proxy_or_same(u8::FINGERPRINT, u8::FINGERPRINT), u8::FINGERPRINT);
/// assert_ne!(encoding::proxy_or_same(u8::FINGERPRINT, u16::FINGERPRINT), u8::FINGERPRINT);
/// ```
pub const fn proxy_or_same(serialize: Fingerprint, deserialize: Fingerprint) -> Fingerprint {
    if serialize.eq(&deserialize) {
        serialize
    } else {
        proxy(serialize, deserialize)
    }
}
