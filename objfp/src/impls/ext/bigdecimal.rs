//! `bigdecimal` 0.4 (feature `bigdecimal`): serde writes `BigDecimal` with `collect_str`
//! in every format, its `Display` form: a decimal number, in scientific notation when the
//! exponent is large (`"1E+20"`, thresholds set at `bigdecimal`'s build time). It reads a
//! string or any number (only a string with its `string-only` feature). The opaque node
//! `"decimal-string"`, shared with `rust_decimal`'s `Decimal`, which reads this grammar
//! and writes a subset of it.

use ::bigdecimal::BigDecimal;

opaque! {
    [] BigDecimal as "BigDecimal" => "decimal-string";
}
