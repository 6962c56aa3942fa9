//! The table of rules: for each kind of change, which formats read the other version's
//! values faithfully, backward and forward, and why. `COMPAT.md` at the repository root is
//! the same table for people; a test checks that the two agree row by row.

use super::format::{Format, FormatSet};

/// What one [`Rule`] says about one format.
///
/// ```
/// use objfp::compat::Cell;
///
/// assert!(Cell::Backward.backward());
/// assert!(!Cell::Backward.forward());
/// assert_eq!(Cell::Both.code(), "bf");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cell {
    /// Both directions read faithfully (`bf`).
    Both,
    /// Only backward: the new type reads what the old one wrote (`b-`).
    Backward,
    /// Only forward: the old type reads what the new one writes (`-f`).
    Forward,
    /// Neither direction (`--`).
    Neither,
    /// The format cannot carry the type at all (`na`): both verdicts are false.
    Unsupported,
    /// The rule never decides this format (`·`): another row does.
    Skip,
}

impl Cell {
    /// Whether the backward direction is allowed (also for [`Cell::Skip`]).
    ///
    /// ```
    /// assert!(objfp::compat::Cell::Skip.backward());
    /// ```
    pub const fn backward(self) -> bool {
        matches!(self, Cell::Both | Cell::Backward | Cell::Skip)
    }

    /// Whether the forward direction is allowed (also for [`Cell::Skip`]).
    ///
    /// ```
    /// assert!(objfp::compat::Cell::Forward.forward());
    /// ```
    pub const fn forward(self) -> bool {
        matches!(self, Cell::Both | Cell::Forward | Cell::Skip)
    }

    /// The cell as `COMPAT.md` writes it: `bf`, `b-`, `-f`, `--`, `na` or `·`.
    ///
    /// ```
    /// assert_eq!(objfp::compat::Cell::Unsupported.code(), "na");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            Cell::Both => "bf",
            Cell::Backward => "b-",
            Cell::Forward => "-f",
            Cell::Neither => "--",
            Cell::Unsupported => "na",
            Cell::Skip => "·",
        }
    }
}

/// One row of the rule table.
///
/// ```
/// let rule = objfp::compat::rule("field-added-default").unwrap();
/// assert!(rule.cell(objfp::compat::Format::Json).backward());
/// assert!(!rule.cell(objfp::compat::Format::Postcard).backward() || rule.cell(objfp::compat::Format::Postcard) == objfp::compat::Cell::Skip);
/// ```
#[derive(Debug)]
pub struct Rule {
    /// A stable id, such as `field-added-default`; `COMPAT.md` and the tests name rows by it.
    pub id: &'static str,
    /// The change, in words.
    pub change: &'static str,
    /// One cell per format, in [`Format::ALL`] order.
    pub cells: [Cell; 7],
    /// Formats where a direction the row calls breaking has no known witness: objfp says
    /// breaking because it cannot tell (see [`Rule::why`]).
    pub conservative: FormatSet,
    /// Why, in one or two sentences.
    pub why: &'static str,
}

impl Rule {
    /// The cell for `format`.
    ///
    /// ```
    /// use objfp::compat::{rule, Cell, Format};
    /// assert_eq!(rule("option-added").unwrap().cell(Format::Postcard), Cell::Neither);
    /// ```
    pub fn cell(&self, format: Format) -> Cell {
        let i = Format::ALL.iter().position(|f| *f == format).unwrap_or(0);
        self.cells[i]
    }
}

/// The rule with this id.
///
/// ```
/// assert!(objfp::compat::rule("variant-added").is_some());
/// assert!(objfp::compat::rule("no-such-rule").is_none());
/// ```
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}

/// Parses `"bf b- -f -- na . ..*"`: one token per format in [`Format::ALL`] order, `*`
/// marking a conservative breaking cell. A malformed row is a compile-time error.
const fn cells(spec: &str) -> ([Cell; 7], FormatSet) {
    let b = spec.as_bytes();
    let mut out = [Cell::Skip; 7];
    let mut conservative = FormatSet::EMPTY;
    let (mut i, mut n) = (0, 0);
    while i < b.len() {
        if b[i] == b' ' {
            i += 1;
            continue;
        }
        assert!(n < 7, "a rule has seven cells");
        let (cell, len) = match (b[i], if i + 1 < b.len() { b[i + 1] } else { b' ' }) {
            (b'b', b'f') => (Cell::Both, 2),
            (b'b', b'-') => (Cell::Backward, 2),
            (b'-', b'f') => (Cell::Forward, 2),
            (b'-', b'-') => (Cell::Neither, 2),
            (b'n', b'a') => (Cell::Unsupported, 2),
            (b'.', _) => (Cell::Skip, 1),
            _ => panic!("bad rule cell"),
        };
        out[n] = cell;
        i += len;
        if i < b.len() && b[i] == b'*' {
            conservative = conservative.union(FormatSet::only(Format::ALL[n]));
            i += 1;
        }
        n += 1;
    }
    assert!(n == 7, "a rule has seven cells");
    (out, conservative)
}

const fn row(id: &'static str, change: &'static str, spec: &str, why: &'static str) -> Rule {
    let (cells, conservative) = cells(spec);
    Rule {
        id,
        change,
        cells,
        conservative,
        why,
    }
}

//                                                    json cbor msgp mp-n post binc fixi
macro_rules! rules {
    ($($name:ident = $id:literal, $change:literal, $spec:literal, $why:literal;)*) => {
        $(pub(crate) const $name: Rule = row($id, $change, $spec, $why);)*
        /// Every rule, in the order of `COMPAT.md`.
        ///
        /// ```
        /// let ids: Vec<&str> = objfp::compat::RULES.iter().map(|r| r.id).collect();
        /// assert!(ids.contains(&"field-added-default"));
        /// ```
        pub static RULES: &[&Rule] = &[$(&$name),*];
    };
}

rules! {
    // Named fields, matched by name: formats that write a struct as a map.
    FIELD_ADDED_DEFAULT = "field-added-default", "named field added, with `#[serde(default)]` (or a container default)",
        "bf bf bf bf . . .",
        "A reader that misses the field uses its default; a reader that does not know it ignores it.";
    FIELD_ADDED_OPTION = "field-added-option", "named field added, an `Option` without `default`",
        "bf bf bf bf . . .",
        "serde_derive reads a missing `Option` field as `None` when the struct comes as a map; unknown fields are ignored.";
    FIELD_ADDED_REQUIRED = "field-added-required", "named field added, neither `default` nor `Option`",
        "-f -f -f -f . . .",
        "The new reader reports the field missing in old data; the old reader ignores it.";
    FIELD_ADDED_DENIED = "field-added-denied", "named field added while the old type has `deny_unknown_fields`",
        "b- b- b- b- . . .",
        "The old reader rejects the unknown field.";
    FIELD_REMOVED_DEFAULT = "field-removed-default", "named field removed that had `default`",
        "bf bf bf bf . . .",
        "The new reader ignores the old field; the old reader uses the default when it is missing.";
    FIELD_REMOVED_OPTION = "field-removed-option", "named field removed that was an `Option` without `default`",
        "bf bf bf bf . . .",
        "The new reader ignores the old field; the old reader reads it as `None` when it is missing.";
    FIELD_REMOVED_REQUIRED = "field-removed-required", "named field removed that was required",
        "b- b- b- b- . . .",
        "The new reader ignores the old field; the old reader reports it missing.";
    FIELD_REMOVED_DENIED = "field-removed-denied", "named field removed while the new type has `deny_unknown_fields`",
        "-f -f -f -f . . .",
        "The new reader rejects the field old data still has.";
    RENAMED_NEW_ACCEPTS_OLD = "renamed-new-accepts-old", "field or variant renamed; the new one accepts the old name (`alias`)",
        "b- b- b- b- . . .",
        "The new reader takes the old name; the old reader does not know the new name, so the value is lost.";
    RENAMED_OLD_ACCEPTS_NEW = "renamed-old-accepts-new", "field or variant renamed to a name the old one already accepted",
        "-f -f -f -f . . .",
        "The old reader takes the new name; the new reader does not know the old name.";
    RENAMED_BOTH_ACCEPT = "renamed-both-accept", "field or variant renamed; each side accepts the other's name",
        "bf bf bf bf . . .",
        "Each reader accepts the name the other writes.";
    ALIASES_CHANGED = "aliases-changed", "accepted names (`alias`) changed, the written name kept",
        "bf bf bf bf bf bf bf",
        "Writers write only the serialized name, which both readers accept.";
    // Positions: named fields in formats that write a struct as an array, and the
    // elements of tuple structs, tuple variants, tuples and arrays in every format.
    FIELD_MOVED = "field-moved", "named field on both sides at another position",
        ". . -- . -- -- --",
        "Formats that write fields by position read it into another field.";
    FIELD_APPENDED_DEFAULT = "field-appended-default", "field appended after the old ones, with `default`",
        "b- b- b- b- -- -- --",
        "A length-prefixed sequence that ends early gives the field its default; an old reader rejects the longer one; formats without lengths read past the value.";
    FIELD_APPENDED = "field-appended", "field appended after the old ones, without `default`",
        "-- -- -- -- -- -- --",
        "The new reader finds too few elements; the old reader too many (or, without lengths, reads past the value).";
    FIELD_TRUNCATED_DEFAULT = "field-truncated-default", "last fields removed that had `default`",
        "-f -f -f -f -- -- --",
        "The old reader gives the missing elements their default; the new reader rejects the longer sequence.";
    FIELD_TRUNCATED = "field-truncated", "last fields removed",
        "-- -- -- -- -- -- --",
        "Each reader finds a different number of elements.";
    FIELD_OMITTED_NEW_REQUIRES = "field-omitted-new-requires", "the old type may leave the field out (`skip_serializing_if`), the new one requires it",
        "-f -f -f* -f . . .",
        "Old data without the field fails in the new reader. In msgpack (arrays) a writer can leave out only its last fields (else it cannot read itself back).";
    FIELD_OMITTED_OLD_REQUIRES = "field-omitted-old-requires", "the new type may leave the field out, the old one requires it",
        "b- b- b-* b- . . .",
        "New data without the field fails in the old reader. In msgpack (arrays) only the last fields can be left out.";
    FIELD_DEFAULT_CHANGED = "field-default-changed", "field `default` added, removed or changed",
        "bf bf bf bf bf bf bf",
        "Writers always write the field (unless `skip_serializing_if`, ruled separately), so the default is never used.";
    CONTAINER_DEFAULT_CHANGED = "container-default-changed", "struct-level `#[serde(default)]` added or removed",
        "bf bf bf bf bf bf bf",
        "Writers write every field; what a missing field gets matters only with fields added or removed (ruled separately).";
    DENY_UNKNOWN_FIELDS_CHANGED = "deny-unknown-fields-changed", "`deny_unknown_fields` added or removed",
        "bf bf bf bf bf bf bf",
        "Both write only fields both know; fields added or removed are ruled separately.";
    FIELD_SKIP_CHANGED = "field-skip-changed", "`skip_serializing` or `skip_deserializing` added or removed",
        "--* --* --* --* --* --* --*",
        "A one-way skip means a writer and reader of one type disagree about the field; objfp does not model which values survive.";
    FIELD_DESERIALIZE_WITH = "field-deserialize-with", "a field with `deserialize_with` changed (its function or its type)",
        "--* --* --* --* --* --* --*",
        "The function decides what is accepted; objfp cannot see it.";
    FLATTEN_CHANGED = "flatten-changed", "`flatten` added to or removed from a field",
        "-- -- -- -- -- -- --",
        "The field's contents move between a nested map and the enclosing one.";
    ATTR_CHANGED = "attr-changed", "another serde attribute changed",
        "--* --* --* --* --* --* --*",
        "Attributes without a rule of their own are taken as breaking.";
    // Primitives.
    INT_WIDENED = "int-widened", "integer widened, same signedness, from 16 bits or more (`u32` -> `u64`)",
        "b- b- b- b- b- b- --",
        "Self-describing formats and varints read a smaller value into a wider type; fixed-width integers change size. The old type cannot hold every new value.";
    INT_WIDENED_FROM_BYTE = "int-widened-from-byte", "integer widened from 8 bits (`u8` -> `u16`)",
        "b- b- b- b- -- -- --",
        "postcard and bincode write `u8`/`i8` as a raw byte, not a varint: values from 128 (postcard) or 251 (bincode) are misread.";
    INT_NARROWED = "int-narrowed", "integer narrowed, same signedness, to 16 bits or more",
        "-f -f -f -f -f -f --",
        "The mirror of `int-widened`.";
    INT_NARROWED_TO_BYTE = "int-narrowed-to-byte", "integer narrowed to 8 bits",
        "-f -f -f -f -- -- --",
        "The mirror of `int-widened-from-byte`.";
    INT_TO_WIDER_SIGNED = "int-to-wider-signed", "unsigned integer to a wider signed one (`u32` -> `i64`)",
        "b- b- b- b- -- -- --",
        "Self-describing formats carry the number; postcard and bincode read an unsigned varint as a zigzag one (1 becomes -1).";
    INT_TO_NARROWER_UNSIGNED = "int-to-narrower-unsigned", "signed integer to a narrower unsigned one (`i64` -> `u32`)",
        "-f -f -f -f -- -- --",
        "The mirror of `int-to-wider-signed`.";
    INT_SIGN_CHANGED = "int-sign-changed", "other integer changes (`u32` -> `i32`, `i32` -> `u64`)",
        "-- -- -- -- -- -- --",
        "Each side has values the other cannot hold, or varints are misread.";
    FLOAT_WIDENED = "float-widened", "`f32` -> `f64`",
        "-- b- b- b- -- -- --",
        "JSON writes `0.1f32` as `0.1`, which `f64` reads as another value; CBOR and MessagePack keep the `f32` bits. Fixed-size floats change size.";
    FLOAT_NARROWED = "float-narrowed", "`f64` -> `f32`",
        "-- -f -f -f -- -- --",
        "The mirror of `float-widened`.";
    INT_TO_FLOAT = "int-to-float", "integer to a float that holds all its values (`u32` -> `f64`, `u16` -> `f32`)",
        "b- -- b- b- -- -- --",
        "JSON and MessagePack read an integer as a float; ciborium does not; floats are never read as integers.";
    FLOAT_TO_INT = "float-to-int", "float to an integer it holds exactly (`f64` -> `u32`)",
        "-f -- -f -f -- -- --",
        "The mirror of `int-to-float`.";
    NUMBER_LOSSY = "number-lossy", "integer to a float that cannot hold all its values, or the reverse (`u64` -> `f64`)",
        "-- -- -- -- -- -- --",
        "Some values change.";
    CHAR_TO_STRING = "char-to-string", "`char` -> `String`",
        "b- b- b- b- b- -- --",
        "A char is written as a one-character string, except by bincode (raw UTF-8, no length).";
    STRING_TO_CHAR = "string-to-char", "`String` -> `char`",
        "-f -f -f -f -f -- --",
        "The mirror of `char-to-string`.";
    STRING_TO_BYTES = "string-to-bytes", "string -> bytes (`serialize_bytes`)",
        "b- -- b- b- b- b- b-",
        "Byte readers accept strings (JSON, MessagePack) or the same length-prefixed bytes; ciborium keeps text and bytes apart; not every byte string is UTF-8.";
    BYTES_TO_STRING = "bytes-to-string", "bytes -> string",
        "-f -- -f -f -f -f -f",
        "The mirror of `string-to-bytes`.";
    CHAR_TO_BYTES = "char-to-bytes", "`char` -> bytes",
        "b- -- b- b- b- -- --",
        "The one-character string is read as its UTF-8 bytes where byte readers accept strings (see `string-to-bytes`); bincode writes a char without a length.";
    BYTES_TO_CHAR = "bytes-to-char", "bytes -> `char`",
        "-f -- -f -f -f -- --",
        "The mirror of `char-to-bytes`.";
    PRIMITIVE_CHANGED = "primitive-changed", "another primitive change (`bool` -> `u8`, `u32` -> `String`)",
        "-- -- -- -- -- -- --",
        "A value of one kind is not a value of the other, even where the bytes decode.";
    // Shapes.
    OPTION_ADDED = "option-added", "`T` -> `Option<T>`",
        "b- b- b- b- -- -- --",
        "Self-describing readers read a present value as `Some`; `None` is written as null, which `T` rejects. postcard and bincode write a tag byte first.";
    OPTION_REMOVED = "option-removed", "`Option<T>` -> `T`",
        "-f -f -f -f -- -- --",
        "The mirror of `option-added`.";
    NEWTYPE_WRAPPED = "newtype-wrapped", "`T` -> a newtype struct around `T` (or back)",
        "bf bf bf bf bf bf bf",
        "Every one of these formats writes a newtype struct as its field.";
    TUPLE_STRUCT_TUPLE = "tuple-struct-tuple", "tuple -> tuple struct with the same fields (or back)",
        "bf bf bf bf bf bf bf",
        "Both are written as a sequence of their fields.";
    STRUCT_TUPLE_TO_NAMED = "struct-tuple-to-named", "tuple struct -> named struct with the same field types",
        "b- -- bf b- bf bf bf",
        "serde_derive reads a named struct from a sequence too; ciborium does not hand it one; a tuple struct cannot read a map.";
    STRUCT_NAMED_TO_TUPLE = "struct-named-to-tuple", "named struct -> tuple struct with the same field types",
        "-f -- bf -f bf bf bf",
        "The mirror of `struct-tuple-to-named`.";
    KIND_CHANGED = "kind-changed", "struct or variant form changed otherwise (unit, newtype, tuple, named)",
        "--* --* --* --* --* --* --*",
        "Some of these decode in some formats (a tuple variant and a struct variant are the same bytes in postcard); objfp does not rule them one by one.";
    ARRAY_TO_SEQ = "array-to-seq", "`[T; N]` -> `Vec<T>`",
        "b- b- b- b- -- -- --",
        "Self-describing formats write both as a sequence; postcard and bincode write a length only for the `Vec`.";
    SEQ_TO_ARRAY = "seq-to-array", "`Vec<T>` -> `[T; N]`",
        "-f -f -f -f -- -- --",
        "The mirror of `array-to-seq`.";
    LEN_CHANGED = "len-changed", "array or tuple length changed",
        "-- -- -- -- -- -- --",
        "Readers expect exactly their length.";
    MAP_TO_SEQ = "map-to-seq", "map -> sequence of (key, value) pairs",
        "-- -- -- -- b- b- b-",
        "postcard and bincode write a map as its pairs; self-describing formats keep maps and sequences apart; a map cannot hold two pairs with one key.";
    SEQ_TO_MAP = "seq-to-map", "sequence of (key, value) pairs -> map",
        "-- -- -- -- -f -f -f",
        "The mirror of `map-to-seq`.";
    BYTES_SEQ = "bytes-seq", "bytes <-> `Vec<u8>`",
        "bf bf bf bf bf bf bf",
        "Every byte-string reader here also takes a sequence of `u8`, and the reverse; postcard and bincode write both as length and raw bytes.";
    SHAPE_CHANGED = "shape-changed", "any other change of shape (a sequence became a map, a struct an enum)",
        "--* --* --* --* --* --* --*",
        "Taken as breaking; some such changes happen to decode.";
    NAMED_CHANGED = "named-changed", "named shape's meaning changed (`unix-seconds` -> `unix-milliseconds`)",
        "-- -- -- -- -- -- --",
        "The bytes may decode, but they mean another value.";
    NAMED_WRAPPED = "named-wrapped", "a named shape replaced by its bare shape, or the reverse",
        "--* --* --* --* --* --* --*",
        "objfp cannot tell whether the other side means the same thing.";
    OPAQUE_CHANGED = "opaque-changed", "opaque shape changed",
        "--* --* --* --* --* --* --*",
        "objfp cannot see into opaque shapes.";
    // Enums.
    VARIANT_ADDED = "variant-added", "variant added",
        "b- b- b- b- b- b- b-",
        "Every old value still exists; the old reader rejects the new variant.";
    VARIANT_ADDED_OTHER = "variant-added-other", "unit variant added while the old enum has `#[serde(other)]`",
        "bf bf bf bf bf bf bf",
        "The old reader reads the unknown variant as its `other` variant.";
    VARIANT_REMOVED = "variant-removed", "variant removed",
        "-f -f -f -f -f -f -f",
        "Old data may hold the variant the new reader no longer knows.";
    VARIANT_REMOVED_OTHER = "variant-removed-other", "unit variant removed while the new enum has `#[serde(other)]`",
        "bf bf bf bf bf bf bf",
        "The new reader reads the removed variant as its `other` variant.";
    VARIANT_MOVED = "variant-moved", "variant on both sides at another index",
        ". . . . -- -- --",
        "postcard and bincode write a variant's index, so it reads as another variant.";
    VARIANT_OTHER_CHANGED = "variant-other-changed", "`#[serde(other)]` added or removed",
        "bf bf bf bf bf bf bf",
        "It only matters for variants one side does not have (ruled separately).";
    DISCRIMINANT_CHANGED = "discriminant-changed", "explicit discriminant or `#[repr]` changed",
        "--* --* --* --* --* --* --*",
        "serde_derive ignores discriminants but `serde_repr` writes them, and objfp cannot see which is used.";
    TAGGING_CHANGED = "tagging-changed", "enum or struct tagging changed (`tag`, `content`, `untagged`)",
        "-- -- -- -- -- -- --",
        "The value is laid out differently.";
    UNTAGGED_VARIANT_APPENDED = "untagged-variant-appended", "variant appended to an untagged enum",
        "b- b- b- b- . . .",
        "Old values still match their variant first; new values may match an old variant or none.";
    UNTAGGED_CHANGED = "untagged-changed", "other change to an untagged enum",
        "--* --* --* --* . . .",
        "Which variant an untagged value matches depends on every variant before it; objfp does not decide it.";
    // What a format cannot carry.
    UNSUPPORTED_FLATTEN = "unsupported-flatten", "a `flatten` field",
        ". . . . na na na",
        "serde writes it as a map of unknown length; postcard and bincode need lengths.";
    UNSUPPORTED_INTERNAL_TAG = "unsupported-internal-tag", "an internally tagged enum (`tag`)",
        ". . . . na na na",
        "Reading it needs `deserialize_any`, which postcard and bincode do not have.";
    UNSUPPORTED_ADJACENT_TAG = "unsupported-adjacent-tag", "an adjacently tagged enum (`tag` + `content`)",
        ". . na . na na na",
        "Its reader wants a map or identifiers: rmp-serde's arrays and postcard and bincode fail.";
    UNSUPPORTED_UNTAGGED = "unsupported-untagged", "an untagged enum or variant",
        ". . na* . na na na",
        "Reading it needs `deserialize_any`; with structs as arrays rmp-serde cannot read struct variants back.";
    UNSUPPORTED_STRUCT_TAG = "unsupported-struct-tag", "a struct with `tag`",
        ". . na . na na na",
        "The tag is an extra field that positional readers do not expect.";
}
