//! Primitives and strings: one `p` node each, named by the serde data model.
//!
//! Not implemented:
//! - `OsStr`/`OsString`: serde writes the enum `OsString { Unix(Vec<u8>) }` on Unix and
//!   `OsString { Windows(Vec<u16>) }` on Windows (variant index 0 or 1), so the shape
//!   depends on the target, and a fingerprint must not (`SPEC.md`, "Not significant").
//! - `fmt::Arguments`: serde writes it as a string (`collect_str`) but cannot read it back;
//!   it is not a wire type.
//! - `!`: unstable.

primitive! {
    [] bool => Bool;
    [] i8 => I8;
    [] i16 => I16;
    [] i32 => I32;
    [] i64 => I64;
    [] i128 => I128;
    // serde writes `isize`/`usize` as `i64`/`u64` on every target.
    [] isize => I64;
    [] u8 => U8;
    [] u16 => U16;
    [] u32 => U32;
    [] u64 => U64;
    [] u128 => U128;
    [] usize => U64;
    [] f32 => F32;
    [] f64 => F64;
    [] char => Char;
    [] str => String;
    [] () => Unit;
    // serde: `serialize_bytes(self.to_bytes())`, without the trailing NUL.
    [] core::ffi::CStr => Bytes;
}

#[cfg(feature = "alloc")]
primitive! {
    [] alloc::string::String => String;
    // serde: `serialize_bytes(self.to_bytes())`; read back with `deserialize_byte_buf`.
    [] alloc::ffi::CString => Bytes;
}

#[cfg(feature = "std")]
primitive! {
    // serde: `self.to_str()` written as a string (an error when it is not UTF-8).
    [] std::path::Path => String;
    // serde: `self.as_path().serialize(..)`.
    [] std::path::PathBuf => String;
}
