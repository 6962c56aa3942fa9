//! Code shared by the integration tests (each test file is its own crate and declares
//! `mod support;`).
#![allow(dead_code)]

pub mod lock;
pub mod preimage;
pub mod shapes;
pub mod trace;

use objfp::{Fingerprint, Primitive, TypeFingerprint, encoding};

/// `T`'s fingerprint, after checking that its description carries the same one.
pub fn fp<T: TypeFingerprint + ?Sized>() -> Fingerprint {
    assert_eq!(
        T::DESCRIPTION.fingerprint,
        T::FINGERPRINT,
        "the description of {} carries another fingerprint",
        T::DESCRIPTION.name
    );
    T::FINGERPRINT
}

pub fn prim(p: Primitive) -> Fingerprint {
    encoding::primitive(p)
}
