//! `camino` 1.2 (feature `camino`, which enables objfp's `std`: camino needs it), as its
//! `serde1` feature writes it: `Utf8PathBuf` and `Utf8Path` with `self.as_str().serialize(..)`
//! in every format, a string like `std`'s `PathBuf` and `Path` (`SPEC.md` §5); any UTF-8
//! text is a path, so the primitive `string`. They read a string, or bytes that are UTF-8.

use ::camino::{Utf8Path, Utf8PathBuf};

primitive! {
    [] Utf8Path => String;
    [] Utf8PathBuf => String;
}
