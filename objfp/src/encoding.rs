//! The canonical pre-images of the shapes the derive does not produce itself: primitives,
//! options, sequences, maps, arrays, tuples, opaque names and recursion back-references.
//! Structs and enums are encoded by the derive (`objfp-derive/src/encode.rs`). `SPEC.md`
//! is the reference for every byte written here.
//!
//! Every pre-image is `MAGIC`, one tag byte, the node's own bytes, then the fingerprints
//! of the referenced types in order.
//!
//! ```
//! use objfp::{encoding, Primitive, TypeFingerprint};
//!
//! // Composition: the fingerprint of `Vec<u32>` hashes the fingerprint of `u32`.
//! let u32_fp = encoding::primitive(Primitive::U32);
//! assert_eq!(encoding::seq(u32_fp), <Vec<u32> as TypeFingerprint>::FINGERPRINT);
//! ```

use crate::sha256::Sha256;
use crate::{Fingerprint, Primitive};

/// The version tag that starts every pre-image. It changes whenever the pre-image of any
/// already specified shape changes.
pub const MAGIC: &[u8; 7] = b"objfp/1";

/// Tag bytes of the node kinds (`SPEC.md`, "Node tags").
pub mod tag {
    /// A serde primitive: `str` name.
    pub const PRIMITIVE: u8 = b'p';
    /// `Option<T>`: one reference.
    pub const OPTION: u8 = b'o';
    /// A sequence: one reference.
    pub const SEQ: u8 = b's';
    /// A map: two references (key, value).
    pub const MAP: u8 = b'm';
    /// `[T; N]`: `u64` length, one reference.
    pub const ARRAY: u8 = b'a';
    /// A tuple: `u32` arity, that many references.
    pub const TUPLE: u8 = b't';
    /// A struct (written by the derive).
    pub const STRUCT: u8 = b'S';
    /// An enum (written by the derive).
    pub const ENUM: u8 = b'E';
    /// An opaque named shape: `str` name.
    pub const OPAQUE: u8 = b'x';
    /// A shape with a meaning: `str` name, one reference (the shape on the wire).
    pub const NAMED: u8 = b'n';
    /// A back-reference to a member of the recursion group being defined: `u32` index.
    pub const REC: u8 = b'r';
    /// A member of a recursion group: `u32` size, `u32` index, one reference per member.
    pub const GROUP: u8 = b'g';
    /// Human-readable vs compact forms: two references.
    pub const READABLE: u8 = b'h';
    /// Serialize vs deserialize forms: two references.
    pub const PROXY: u8 = b'd';
    /// A trait's interface (written by `#[objfp::interface]`).
    pub const INTERFACE: u8 = b'i';
    /// A type with the interfaces it declares: `u32` count, the type's own fingerprint,
    /// then the interface fingerprints sorted bytewise.
    pub const IMPLEMENTS: u8 = b'I';
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

/// Fingerprint of a serde primitive.
///
/// ```
/// use objfp::{encoding, Primitive, TypeFingerprint};
/// assert_eq!(encoding::primitive(Primitive::U64), <usize as TypeFingerprint>::FINGERPRINT);
/// ```
pub const fn primitive(p: Primitive) -> Fingerprint {
    done(with_str(start(tag::PRIMITIVE), p.name()))
}

/// Fingerprint of `Option<T>` given `T`'s.
///
/// ```
/// use objfp::{encoding, TypeFingerprint};
/// assert_eq!(encoding::option(bool::FINGERPRINT), <Option<bool>>::FINGERPRINT);
/// ```
pub const fn option(item: Fingerprint) -> Fingerprint {
    done(start(tag::OPTION).update(&item.0))
}

/// Fingerprint of a sequence of `T` given `T`'s.
///
/// ```
/// use objfp::{encoding, TypeFingerprint};
/// assert_eq!(encoding::seq(u8::FINGERPRINT), <std::collections::VecDeque<u8>>::FINGERPRINT);
/// ```
pub const fn seq(item: Fingerprint) -> Fingerprint {
    done(start(tag::SEQ).update(&item.0))
}

/// Fingerprint of a map from `K` to `V`.
///
/// ```
/// use objfp::{encoding, TypeFingerprint};
/// use std::collections::BTreeMap;
/// assert_eq!(encoding::map(String::FINGERPRINT, u8::FINGERPRINT), <BTreeMap<String, u8>>::FINGERPRINT);
/// ```
pub const fn map(key: Fingerprint, value: Fingerprint) -> Fingerprint {
    done(start(tag::MAP).update(&key.0).update(&value.0))
}

/// Fingerprint of `[T; len]`.
///
/// ```
/// use objfp::{encoding, TypeFingerprint};
/// assert_eq!(encoding::array(4, u8::FINGERPRINT), <[u8; 4]>::FINGERPRINT);
/// ```
pub const fn array(len: u64, item: Fingerprint) -> Fingerprint {
    done(start(tag::ARRAY).update(&len.to_le_bytes()).update(&item.0))
}

/// Fingerprint of a tuple of the given element fingerprints (one or more elements).
///
/// ```
/// use objfp::{encoding, TypeFingerprint};
/// assert_eq!(encoding::tuple(&[u8::FINGERPRINT, bool::FINGERPRINT]), <(u8, bool)>::FINGERPRINT);
/// ```
pub const fn tuple(items: &[Fingerprint]) -> Fingerprint {
    let mut hasher = start(tag::TUPLE).update(&(items.len() as u32).to_le_bytes());
    let mut i = 0;
    while i < items.len() {
        hasher = hasher.update(&items[i].0);
        i += 1;
    }
    done(hasher)
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
/// defined (`SPEC.md`, "Recursion").
pub const fn rec(index: u32) -> Fingerprint {
    done(start(tag::REC).update(&index.to_le_bytes()))
}

/// Fingerprint of a type whose human-readable and compact serialized forms differ.
pub const fn readable(human: Fingerprint, compact: Fingerprint) -> Fingerprint {
    done(start(tag::READABLE).update(&human.0).update(&compact.0))
}

/// Fingerprint of a type that serializes as one shape and deserializes from another.
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
