//! `serde_bytes` (0.11.19): `#[serde(with = "serde_bytes")]` writes a byte container with
//! `serialize_bytes` (the `bytes` primitive, not a sequence of `u8`), in every format, and
//! an `Option` of one with `serialize_some` / `serialize_none`. What it writes depends on
//! the field's type, so the derive names `<Field as SerdeBytes>::Shape`; the impls are
//! serde_bytes's own (`serde_bytes::Serialize`): `[u8]`, `[u8; N]`, `Vec<u8>`,
//! `Cow<[u8]>`, `Box<T>`, `&T`, `Option<T>`, and with objfp's `serde_bytes` feature its
//! `Bytes`, `ByteBuf`, `ByteArray<N>`. It reads bytes, a string or a sequence of `u8`
//! (`deserialize_bytes` and friends): the `bytes` primitive's readers.

use super::Bytes;

/// The shape `serde_bytes` writes for a field of this type.
#[diagnostic::on_unimplemented(
    message = "`serde_bytes` does not apply to a field of type `{Self}`",
    note = "serde_bytes writes `Vec<u8>`, `[u8]`, `[u8; N]`, `Cow<[u8]>`, its own `Bytes`, `ByteBuf` and `ByteArray<N>` (with objfp's `serde_bytes` feature), and `Box`es, references and `Option`s of them"
)]
pub trait SerdeBytes {
    /// What is written.
    type Shape: crate::TypeFingerprint + ?Sized;
}

impl SerdeBytes for [u8] {
    type Shape = Bytes;
}

impl<const N: usize> SerdeBytes for [u8; N] {
    type Shape = Bytes;
}

#[cfg(feature = "alloc")]
impl SerdeBytes for alloc::vec::Vec<u8> {
    type Shape = Bytes;
}

#[cfg(feature = "alloc")]
impl SerdeBytes for alloc::borrow::Cow<'_, [u8]> {
    type Shape = Bytes;
}

#[cfg(feature = "alloc")]
impl<T: SerdeBytes + ?Sized> SerdeBytes for alloc::boxed::Box<T> {
    type Shape = T::Shape;
}

impl<T: SerdeBytes + ?Sized> SerdeBytes for &T {
    type Shape = T::Shape;
}

impl<T: SerdeBytes> SerdeBytes for Option<T>
where
    T::Shape: Sized,
{
    type Shape = Option<T::Shape>;
}

#[cfg(feature = "serde_bytes")]
impl SerdeBytes for ::serde_bytes::Bytes {
    type Shape = Bytes;
}

#[cfg(all(feature = "serde_bytes", feature = "alloc"))]
impl SerdeBytes for ::serde_bytes::ByteBuf {
    type Shape = Bytes;
}

#[cfg(all(feature = "serde_bytes", feature = "alloc"))]
impl SerdeBytes for alloc::borrow::Cow<'_, ::serde_bytes::Bytes> {
    type Shape = Bytes;
}

#[cfg(feature = "serde_bytes")]
impl<const N: usize> SerdeBytes for ::serde_bytes::ByteArray<N> {
    type Shape = Bytes;
}
