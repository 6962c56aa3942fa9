//! `ulid` 3 (feature `ulid`, which enables objfp's `std` and ulid's own `std`: ulid 3.0's
//! `Deserialize` names `String`, which it imports only with its `std` feature): serde
//! writes `Ulid` with `serialize_str` of its 26-character Crockford base32 form
//! (`01HF7YAT00000000000000001A`) in every format, with no `is_human_readable` branch,
//! and reads it back only from a string in that grammar (upper or lower case): the opaque
//! node `"ulid-base32"`.
//!
//! The `ulid::serde::ulid_as_u128` field helper writes a `u128`, and `ulid_as_uuid` a
//! hyphenated UUID string: annotate such a field with `#[fingerprint(as = "u128")]` or
//! `#[fingerprint(as = "uuid::fmt::Hyphenated")]`.

use ::ulid::Ulid;

opaque! {
    [] Ulid as "Ulid" => "ulid-base32";
}
