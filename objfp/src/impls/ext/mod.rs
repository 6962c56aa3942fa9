//! `TypeFingerprint` for the types of third-party crates that wire types commonly hold,
//! one cargo feature per crate, named like the crate (`ordered-float` for
//! `ordered_float`), all off by default (`SPEC.md`, "Third-party types").
//!
//! Each impl follows what the crate's own `Serialize` writes, read from its source at the
//! version the dependency requires; each file says what that is, and which of the crate's
//! types and serde features are left out. The shapes are checked against the crates' real
//! serde output by `tests/tests/ext_impls.rs`, `ext_impls_more.rs` and `ext_impls_bson.rs`.
//!
//! A string whose grammar is fixed by the type (a timestamp, a UUID, a URL, a version,
//! a decimal number) is an opaque node named after the grammar, not the `string`
//! primitive, so that changing a `String` into a `Url`, or a `DateTime<Utc>` into a
//! `NaiveDateTime`, changes the fingerprint; a string that can hold any text
//! (`ArrayString`) is the primitive. The name says what is on the wire, never the crate:
//! two crates writing one grammar share the name.

/// The `bytes` primitive (what `serialize_bytes` writes), for the compact half of an `h`
/// node and for fields of mirror types.
#[cfg(any(feature = "uuid", feature = "bson"))]
pub(crate) struct SerdeBytes;

primitive! {
    #[cfg(any(feature = "uuid", feature = "bson"))]
    [] SerdeBytes => Bytes;
}

#[cfg(feature = "arrayvec")]
mod arrayvec;
#[cfg(feature = "bigdecimal")]
mod bigdecimal;
#[cfg(feature = "bson")]
mod bson;
#[cfg(feature = "bstr")]
mod bstr;
#[cfg(feature = "bytes")]
mod bytes;
#[cfg(feature = "camino")]
mod camino;
#[cfg(feature = "chrono")]
mod chrono;
#[cfg(feature = "chrono-tz")]
mod chrono_tz;
#[cfg(feature = "compact_str")]
mod compact_str;
#[cfg(feature = "either")]
mod either;
#[cfg(feature = "ethnum")]
mod ethnum;
#[cfg(feature = "hashbrown")]
mod hashbrown;
#[cfg(feature = "heapless")]
mod heapless;
#[cfg(feature = "indexmap")]
mod indexmap;
#[cfg(feature = "ipnet")]
mod ipnet;
#[cfg(feature = "jiff")]
mod jiff;
#[cfg(feature = "ordered-float")]
mod ordered_float;
#[cfg(feature = "rust_decimal")]
mod rust_decimal;
#[cfg(feature = "semver")]
mod semver;
#[cfg(feature = "serde_bytes")]
mod serde_bytes;
#[cfg(feature = "serde_json")]
mod serde_json;
#[cfg(feature = "smallvec")]
mod smallvec;
#[cfg(feature = "smol_str")]
mod smol_str;
#[cfg(feature = "time")]
mod time;
#[cfg(feature = "ulid")]
mod ulid;
#[cfg(feature = "url")]
mod url;
#[cfg(feature = "uuid")]
mod uuid;
