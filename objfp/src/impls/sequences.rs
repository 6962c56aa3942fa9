//! Options, sequences, and the pointer types serde sees through.

use crate::__private::describe;
use crate::{Description, Fingerprint, Shape, TypeFingerprint, encoding};

impl<T: TypeFingerprint> TypeFingerprint for Option<T> {
    const FINGERPRINT: Fingerprint = encoding::option(T::FINGERPRINT);
    const DESCRIPTION: &'static Description = &Description {
        name: "Option",
        args: &[describe::<T>],
        fingerprint: Self::FINGERPRINT,
        shape: Shape::Option(describe::<T>),
    };
}

impl<T: TypeFingerprint> TypeFingerprint for [T] {
    const FINGERPRINT: Fingerprint = encoding::seq(T::FINGERPRINT);
    const DESCRIPTION: &'static Description = &Description {
        name: "[]",
        args: &[describe::<T>],
        fingerprint: Self::FINGERPRINT,
        shape: Shape::Seq(describe::<T>),
    };
}

#[cfg(feature = "alloc")]
impl<T: TypeFingerprint> TypeFingerprint for alloc::vec::Vec<T> {
    const FINGERPRINT: Fingerprint = encoding::seq(T::FINGERPRINT);
    const DESCRIPTION: &'static Description = &Description {
        name: "Vec",
        args: &[describe::<T>],
        fingerprint: Self::FINGERPRINT,
        shape: Shape::Seq(describe::<T>),
    };
}

impl<T: TypeFingerprint + ?Sized> TypeFingerprint for &T {
    const FINGERPRINT: Fingerprint = T::FINGERPRINT;
    const DESCRIPTION: &'static Description = T::DESCRIPTION;
}

#[cfg(feature = "alloc")]
impl<T: TypeFingerprint + ?Sized> TypeFingerprint for alloc::boxed::Box<T> {
    const FINGERPRINT: Fingerprint = T::FINGERPRINT;
    const DESCRIPTION: &'static Description = T::DESCRIPTION;
}
