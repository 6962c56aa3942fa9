//! Code shared by the integration tests (each test file is its own crate and declares
//! `mod support;`).
#![allow(dead_code)]

pub mod claim;
pub mod lock;
pub mod preimage;
pub mod shapes;
pub mod tempdir;
pub mod trace;

use objfp::{Fingerprint, Primitive, TypeFingerprint};

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

/// A type expression built from SPEC.md §5 by the tests' own encoder
/// ([`preimage::Expr`]), comparable with a [`Fingerprint`]: the fingerprint of the type it
/// describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct E(pub preimage::Expr);

impl E {
    pub fn fp(&self) -> Fingerprint {
        Fingerprint::from_bytes(self.0.fp())
    }
}

impl PartialEq<Fingerprint> for E {
    fn eq(&self, other: &Fingerprint) -> bool {
        self.fp() == *other
    }
}

impl PartialEq<E> for Fingerprint {
    fn eq(&self, other: &E) -> bool {
        *self == other.fp()
    }
}

impl From<E> for Fingerprint {
    fn from(e: E) -> Fingerprint {
        e.fp()
    }
}

pub fn prim(p: Primitive) -> E {
    E(preimage::Expr::prim(p.name()))
}

/// A type that is not a std shape, by its fingerprint.
pub fn reference(fp: Fingerprint) -> E {
    E(preimage::Expr::reference(*fp.as_bytes()))
}

pub fn option(item: E) -> E {
    E(preimage::Expr::option(item.0))
}

pub fn seq(item: E) -> E {
    E(preimage::Expr::seq(item.0))
}

pub fn map(key: E, value: E) -> E {
    E(preimage::Expr::map(key.0, value.0))
}

pub fn array(len: u64, item: E) -> E {
    E(preimage::Expr::array(len, item.0))
}

pub fn tuple(items: &[E]) -> E {
    let items: Vec<_> = items.iter().map(|e| e.0).collect();
    E(preimage::Expr::tuple(&items))
}
