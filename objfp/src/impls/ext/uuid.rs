//! `uuid` (feature `uuid`), as its `serde` feature writes it (`src/external/serde_support.rs`):
//!
//! | type | human-readable | compact |
//! |---|---|---|
//! | `Uuid`, `NonNilUuid` | `serialize_str`, lower-case hyphenated (`67e55044-10b1-426f-9247-bb680e5fe0c8`) | `serialize_bytes`, the 16 bytes |
//! | `fmt::Hyphenated`, `fmt::Simple`, `fmt::Urn`, `fmt::Braced` | `serialize_str` in that format | the same string |
//!
//! `Uuid` reads any of the four formats (and a 16-element sequence) in human-readable
//! formats; each `fmt` type reads only its own format. The string is named after the
//! format written. The `uuid::serde::{compact, simple, braced, urn}` field helpers change
//! the shape: annotate such a field with `#[fingerprint(as = "[u8; 16]")]` (`compact`
//! writes a 16-tuple; objfp's array node stands for it, `SPEC.md` §9) or
//! `#[fingerprint(as = "uuid::fmt::Simple")]` and so on.

use ::uuid::fmt::{Braced, Hyphenated, Simple, Urn};
use ::uuid::{NonNilUuid, Uuid};

grammar! {
    /// The human-readable form of `Uuid`.
    HyphenatedUuid = "uuid-hyphenated";
}

readable! {
    [] Uuid as "Uuid": HyphenatedUuid => super::SerdeBytes;
    [] NonNilUuid as "NonNilUuid": HyphenatedUuid => super::SerdeBytes;
}

opaque! {
    [] Hyphenated as "Hyphenated" => "uuid-hyphenated";
    [] Simple as "Simple" => "uuid-simple";
    [] Urn as "Urn" => "uuid-urn";
    [] Braced as "Braced" => "uuid-braced";
}
