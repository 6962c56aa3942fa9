//! `either` 1 (feature `either`): `Either<L, R>` derives serde's `Serialize` and
//! `Deserialize` with no serde attributes: the externally tagged enum
//! `Either<L, R> { Left(L), Right(R) }`, newtype variants `Left` (0) and `Right` (1).
//!
//! The `either::serde_untagged` and `serde_untagged_optional` field helpers write the
//! `L` or the `R` alone, untagged: annotate such a field with `#[fingerprint(as = "..")]`
//! naming an `#[serde(untagged)]` enum of the two.

use ::either::Either;

use crate::TypeFingerprint;

/// Private stand-ins declared the way serde writes the `either` types; never built.
mod mirror {
    #![allow(dead_code)]

    /// `either::Either<L, R>`: `#[derive(Serialize, Deserialize)]` with no serde attributes.
    #[derive(crate::TypeFingerprint)]
    #[fingerprint(crate = "crate")]
    pub(super) enum Either<L, R> {
        Left(L),
        Right(R),
    }
}

same_as! {
    [L: TypeFingerprint, R: TypeFingerprint] Either<L, R> => mirror::Either<L, R>;
}
