//! `serde_json` (feature `serde_json`, which enables objfp's `alloc`).
//!
//! A `Value` is self-describing: serde writes whatever it holds (`serialize_unit`,
//! `serialize_bool`, a number, `serialize_str`, a sequence or a map of further values)
//! and reads with `deserialize_any`, so it has no fixed shape: the opaque node
//! `"json-value"`. A `Number` writes `serialize_u64`, `serialize_i64` or `serialize_f64`
//! depending on its value (a struct with serde_json's private token under
//! `arbitrary_precision`): the opaque node `"json-number"`. `Map<String, Value>` is a map
//! from `string` to `"json-value"`.
//!
//! Not implemented: `RawValue` (feature `raw_value`), whose wire form is the raw JSON
//! text, and other `Map<K, V>` (serde_json implements `Serialize` only for
//! `Map<String, Value>`).

use alloc::string::String;

use ::serde_json::{Map, Number, Value};

opaque! {
    [] Value as "Value" => "json-value";
    [] Number as "Number" => "json-number";
}

map! {
    // serde: `serialize_map`, then each entry in the map's order.
    [] Map<String, Value> as "Map" => String, Value;
}
