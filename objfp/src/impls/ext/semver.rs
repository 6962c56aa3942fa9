//! `semver` (feature `semver`): serde writes `Version`, `VersionReq` and `Comparator` with
//! `collect_str` in every format, each in its own grammar (`1.2.3-rc.1+build`, Cargo's
//! `>=1.2, <2`, `^1.2`), and reads each only from a string in that grammar: the opaque
//! nodes `"semver-version"`, `"semver-version-req"` and `"semver-comparator"`.
//!
//! Not implemented: `Prerelease`, `BuildMetadata` (no `Serialize`).

use ::semver::{Comparator, Version, VersionReq};

opaque! {
    [] Version as "Version" => "semver-version";
    [] VersionReq as "VersionReq" => "semver-version-req";
    [] Comparator as "Comparator" => "semver-comparator";
}
