//! `TypeFingerprint` for core, alloc and std types, following what serde writes for each
//! (`SPEC.md`, "Standard types"). One file per family.

mod primitives;
mod sequences;
