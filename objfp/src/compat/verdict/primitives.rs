//! The rule for a primitive replaced by another.

use super::*;

pub(super) fn int_info(p: Primitive) -> Option<(bool, u32)> {
    Some(match p {
        Primitive::I8 => (true, 8),
        Primitive::I16 => (true, 16),
        Primitive::I32 => (true, 32),
        Primitive::I64 => (true, 64),
        Primitive::I128 => (true, 128),
        Primitive::U8 => (false, 8),
        Primitive::U16 => (false, 16),
        Primitive::U32 => (false, 32),
        Primitive::U64 => (false, 64),
        Primitive::U128 => (false, 128),
        _ => return None,
    })
}

pub(super) fn float_bits(p: Primitive) -> Option<u32> {
    match p {
        Primitive::F32 => Some(32),
        Primitive::F64 => Some(64),
        _ => None,
    }
}

/// Whether every value of an integer of `bits` bits is a float of `float` bits.
pub(super) fn exact(bits: u32, float: u32) -> bool {
    (float == 64 && bits <= 32) || (float == 32 && bits <= 16)
}

/// The rule for a primitive `old` replaced by `new`.
pub(crate) fn primitive_rule(old: Primitive, new: Primitive) -> &'static Rule {
    use Primitive as P;
    match (
        int_info(old),
        int_info(new),
        float_bits(old),
        float_bits(new),
    ) {
        (Some((s1, b1)), Some((s2, b2)), _, _) => match (s1, s2) {
            _ if s1 == s2 && b2 > b1 && b1 == 8 => &r::INT_WIDENED_FROM_BYTE,
            _ if s1 == s2 && b2 > b1 => &r::INT_WIDENED,
            _ if s1 == s2 && b2 == 8 => &r::INT_NARROWED_TO_BYTE,
            _ if s1 == s2 => &r::INT_NARROWED,
            (false, true) if b2 > b1 => &r::INT_TO_WIDER_SIGNED,
            (true, false) if b2 < b1 => &r::INT_TO_NARROWER_UNSIGNED,
            _ => &r::INT_SIGN_CHANGED,
        },
        (_, _, Some(32), Some(64)) => &r::FLOAT_WIDENED,
        (_, _, Some(64), Some(32)) => &r::FLOAT_NARROWED,
        (Some((_, bits)), _, _, Some(float)) if exact(bits, float) => &r::INT_TO_FLOAT,
        (_, Some((_, bits)), Some(float), _) if exact(bits, float) => &r::FLOAT_TO_INT,
        (Some(_), _, _, Some(_)) | (_, Some(_), Some(_), _) => &r::NUMBER_LOSSY,
        _ => match (old, new) {
            (P::Char, P::String) => &r::CHAR_TO_STRING,
            (P::String, P::Char) => &r::STRING_TO_CHAR,
            (P::String, P::Bytes) => &r::STRING_TO_BYTES,
            (P::Bytes, P::String) => &r::BYTES_TO_STRING,
            (P::Char, P::Bytes) => &r::CHAR_TO_BYTES,
            (P::Bytes, P::Char) => &r::BYTES_TO_CHAR,
            _ => &r::PRIMITIVE_CHANGED,
        },
    }
}
