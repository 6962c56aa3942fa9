//! `objfp::compat`: `COMPAT.md` and the rules in code are one table; the report's API,
//! paths, text, recursion and the shapes the wire suite does not cover.
#![allow(dead_code)]

use objfp::TypeFingerprint;
use objfp::compat::{self, Cell, Compatibility, Format, FormatSet, Policy, RULES};

const COMPAT_MD: &str = include_str!("../../COMPAT.md");

/// The rows of `COMPAT.md`'s rule table: id and the seven cells as written.
fn doc_rows() -> Vec<(String, Vec<String>)> {
    COMPAT_MD
        .lines()
        .filter(|l| l.starts_with("| `"))
        .filter_map(|l| {
            let cols: Vec<&str> = l.split(" | ").collect();
            let id = cols
                .first()?
                .trim_start_matches("| `")
                .trim_end_matches('`');
            (cols.len() >= 10).then(|| {
                (
                    id.to_owned(),
                    cols[2..9].iter().map(|c| c.trim().to_owned()).collect(),
                )
            })
        })
        .filter(|(id, _)| compat::rule(id).is_some() || id.contains('-'))
        .collect()
}

fn cell_text(rule: &compat::Rule, format: Format) -> String {
    let mut s = String::from(rule.cell(format).code());
    if rule.conservative.contains(format) {
        s.push('*');
    }
    s
}

#[test]
fn compat_md_table_is_the_rule_table() {
    let doc = doc_rows();
    let ids: Vec<&str> = doc.iter().map(|(id, _)| id.as_str()).collect();
    let code: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    assert_eq!(
        ids, code,
        "COMPAT.md rows and objfp::compat::RULES differ (ids or order)"
    );
    for (id, cells) in &doc {
        let rule = compat::rule(id).unwrap();
        let want: Vec<String> = Format::ALL.iter().map(|f| cell_text(rule, *f)).collect();
        assert_eq!(cells, &want, "COMPAT.md row {id}");
    }
}

#[test]
fn compat_md_lists_every_conservative_row() {
    let section = COMPAT_MD
        .split("## Conservative rows")
        .nth(1)
        .expect("a conservative section");
    let section = section.split("\n## ").next().unwrap();
    for rule in RULES.iter().filter(|r| !r.conservative.is_empty()) {
        let listed = section.lines().any(|l| {
            l.split('`')
                .nth(1)
                .is_some_and(|name| match name.strip_suffix('*') {
                    Some(prefix) => rule.id.starts_with(prefix),
                    None => name == rule.id,
                })
        });
        assert!(
            listed,
            "conservative rule {} is not in COMPAT.md's conservative rows",
            rule.id
        );
    }
}

#[test]
fn rule_ids_are_unique_and_cells_consistent() {
    let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    ids.sort_unstable();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate rule ids");
    for rule in RULES {
        for f in rule.conservative.iter() {
            let cell = rule.cell(f);
            assert!(
                !(cell.backward() && cell.forward()),
                "{}: a conservative cell must be breaking in some direction ({f})",
                rule.id
            );
        }
        assert!(
            !rule.why.is_empty() && !rule.change.is_empty(),
            "{}",
            rule.id
        );
    }
}

// ---- The report ------------------------------------------------------------------------

mod v1 {
    #[derive(objfp::TypeFingerprint)]
    pub struct Item {
        pub sku: String,
        pub price: u32,
    }
    #[derive(objfp::TypeFingerprint)]
    pub struct Order {
        pub id: u64,
        pub items: Vec<Item>,
    }
}

mod v2 {
    #[derive(objfp::TypeFingerprint)]
    pub struct Item {
        pub sku: String,
        pub price: u64,
    }
    #[derive(objfp::TypeFingerprint)]
    pub struct Order {
        pub id: u64,
        pub items: Vec<Item>,
        #[serde(default)]
        pub note: Option<String>,
    }
}
use serde as _;

#[test]
fn report_lists_each_change_with_path_verdict_and_rules() {
    let report = compat::check(v1::Order::DESCRIPTION, v2::Order::DESCRIPTION);
    let lines: Vec<String> = report
        .changes()
        .iter()
        .map(|f| format!("{}: {}", f.path(), f.change()))
        .collect();
    assert_eq!(
        lines,
        [
            "Order.items[].price: type changed u32 -> u64",
            "Order.note: field added (#[serde(default)] Option<string>)",
        ]
    );
    let note = &report.changes()[1];
    assert_eq!(
        note.verdict().backward.to_string(),
        "json cbor msgpack msgpack-named"
    );
    assert_eq!(
        note.verdict().forward.to_string(),
        "json cbor msgpack-named"
    );
    let rules: Vec<&str> = note.rules().map(|r| r.id).collect();
    assert_eq!(rules, ["field-added-default", "field-appended-default"]);
    // The price widening is read by varints but not by fixed-width integers.
    let price = &report.changes()[0];
    assert!(price.backward(Format::Postcard));
    assert!(!price.backward(Format::BincodeFixint));
    assert!(!price.forward(Format::Json));
    // Overall: what every change allows.
    assert_eq!(
        report.verdict().backward.to_string(),
        "json cbor msgpack msgpack-named"
    );
    assert_eq!(report.verdict().forward, FormatSet::EMPTY);
    assert!(report.satisfies(Policy::backward([Format::Json, Format::Cbor])));
    assert!(!report.satisfies(Policy::backward([Format::Json, Format::Postcard])));
    assert!(!report.satisfies(Policy::full(Format::Json)));
    assert!(!report.satisfies(Policy::NONE));
    assert_eq!(
        report.compatible_formats(Compatibility::Full),
        FormatSet::EMPTY
    );
}

#[test]
fn report_text() {
    let report = compat::check(v1::Order::DESCRIPTION, v2::Order::DESCRIPTION);
    let text = report.to_string();
    let expected = "\
Order -> Order: 2 changes
backward (new reads old): json cbor msgpack msgpack-named
forward (old reads new): none
Order.items[].price: type changed u32 -> u64
  backward: json cbor msgpack msgpack-named postcard bincode; breaking: bincode-fixint
  forward: none; breaking: json cbor msgpack msgpack-named postcard bincode bincode-fixint
  [int-widened] Self-describing formats and varints read a smaller value into a wider type; fixed-width integers change size. The old type cannot hold every new value. (breaks: json cbor msgpack msgpack-named postcard bincode bincode-fixint)
Order.note: field added (#[serde(default)] Option<string>)
  backward: json cbor msgpack msgpack-named; breaking: postcard bincode bincode-fixint
  forward: json cbor msgpack-named; breaking: msgpack postcard bincode bincode-fixint
  [field-added-default] A reader that misses the field uses its default; a reader that does not know it ignores it.
  [field-appended-default] A length-prefixed sequence that ends early gives the field its default; an old reader rejects the longer one; formats without lengths read past the value. (breaks: msgpack postcard bincode bincode-fixint)";
    assert_eq!(text, expected);
}

#[test]
fn identical_fingerprints_are_compatible_everywhere() {
    let report = compat::check(v1::Order::DESCRIPTION, v1::Order::DESCRIPTION);
    assert!(report.is_identical());
    assert!(report.changes().is_empty());
    for f in Format::ALL {
        assert!(report.backward(f) && report.forward(f));
    }
    assert_eq!(
        report.to_string(),
        "Order -> Order: identical fingerprints, compatible in every format"
    );
}

mod list_u32 {
    #[derive(objfp::TypeFingerprint)]
    pub enum List {
        Nil,
        Cons(u32, Box<List>),
    }
}
mod list_u64 {
    #[derive(objfp::TypeFingerprint)]
    pub enum List {
        Nil,
        Cons(u64, Box<List>),
    }
}
mod pair_v1 {
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(cycle(A, B))]
    pub struct A {
        pub b: Option<Box<B>>,
        pub n: u8,
    }
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(cycle(A, B))]
    pub struct B {
        pub a: Vec<A>,
    }
}
mod pair_v2 {
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(cycle(A, B))]
    pub struct A {
        pub b: Option<Box<B>>,
        pub n: u16,
    }
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(cycle(A, B))]
    pub struct B {
        pub a: Vec<A>,
    }
}

#[test]
fn recursive_descriptions_terminate_and_explain_once() {
    let report = compat::check(list_u32::List::DESCRIPTION, list_u64::List::DESCRIPTION);
    let lines: Vec<String> = report
        .changes()
        .iter()
        .map(|f| format!("{}: {}", f.path(), f.change()))
        .collect();
    assert_eq!(lines, ["List::Cons.0: type changed u32 -> u64"]);
    assert!(report.backward(Format::Json) && !report.forward(Format::Json));

    let report = compat::check(pair_v1::A::DESCRIPTION, pair_v2::A::DESCRIPTION);
    let lines: Vec<String> = report
        .changes()
        .iter()
        .map(|f| format!("{}: {}", f.path(), f.change()))
        .collect();
    assert_eq!(lines, ["A.n: type changed u8 -> u16"]);
    let report = compat::check(pair_v1::B::DESCRIPTION, pair_v2::B::DESCRIPTION);
    assert_eq!(report.changes().len(), 1);
    assert_eq!(report.changes()[0].path(), "B.a[].n");
}

#[test]
fn readable_types_compare_the_side_each_format_writes() {
    use std::net::{Ipv4Addr, Ipv6Addr};
    let report = compat::check(Ipv4Addr::DESCRIPTION, Ipv6Addr::DESCRIPTION);
    let lines: Vec<String> = report
        .changes()
        .iter()
        .map(|f| format!("{}: {}", f.path(), f.change()))
        .collect();
    assert_eq!(
        lines,
        [
            "Ipv6Addr<human>: opaque shape changed \"ipv4-address\" -> \"ipv6-address\"",
            "Ipv6Addr<compact>: length changed 4 -> 16",
        ]
    );
    // Each finding is about its own formats only.
    let human = &report.changes()[0];
    assert!(!human.backward(Format::Json) && human.backward(Format::Postcard));
    let compact = &report.changes()[1];
    assert!(compact.backward(Format::Json) && !compact.backward(Format::Postcard));
    assert_eq!(report.verdict().backward, FormatSet::EMPTY);
}

mod proxy_v1 {
    #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize, Clone)]
    #[serde(into = "u32", from = "u32")]
    pub struct Level {
        pub n: u32,
    }
    impl From<Level> for u32 {
        fn from(l: Level) -> u32 {
            l.n
        }
    }
    impl From<u32> for Level {
        fn from(n: u32) -> Level {
            Level { n }
        }
    }
}
mod proxy_v2 {
    #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize, Clone)]
    #[serde(into = "u32", from = "u64")]
    pub struct Level {
        pub n: u32,
    }
    impl From<Level> for u32 {
        fn from(l: Level) -> u32 {
            l.n
        }
    }
    impl From<u64> for Level {
        fn from(n: u64) -> Level {
            Level { n: n as u32 }
        }
    }
}

#[test]
fn proxies_compare_what_one_side_writes_with_what_the_other_reads() {
    // v2 reads a u64 (so it reads v1's u32) and writes a u32 (which v1 reads).
    let report = compat::check(proxy_v1::Level::DESCRIPTION, proxy_v2::Level::DESCRIPTION);
    for f in Format::ALL
        .into_iter()
        .filter(|f| *f != Format::BincodeFixint)
    {
        assert!(report.backward(f), "{f}\n{report}");
    }
    assert!(!report.backward(Format::BincodeFixint));
    for f in Format::ALL {
        assert!(report.forward(f), "{f}\n{report}");
    }
}

mod flat_v1 {
    #[derive(objfp::TypeFingerprint)]
    pub struct Meta {
        pub tag: String,
    }
    #[derive(objfp::TypeFingerprint)]
    pub struct Doc {
        pub id: u32,
        #[serde(flatten)]
        pub meta: Meta,
    }
}
mod flat_v2 {
    #[derive(objfp::TypeFingerprint)]
    pub struct Meta {
        pub tag: String,
    }
    #[derive(objfp::TypeFingerprint)]
    pub struct Doc {
        pub id: u64,
        #[serde(flatten)]
        pub meta: Meta,
    }
}

#[test]
fn formats_that_cannot_carry_a_type_are_named_and_false_both_ways() {
    let report = compat::check(flat_v1::Doc::DESCRIPTION, flat_v2::Doc::DESCRIPTION);
    assert_eq!(
        report.unsupported().to_string(),
        "postcard bincode bincode-fixint"
    );
    for f in report.unsupported().iter() {
        assert!(!report.backward(f) && !report.forward(f));
    }
    assert!(report.backward(Format::Json));
    let unsupported: Vec<String> = report
        .changes()
        .iter()
        .filter(|f| !f.unsupported().is_empty())
        .map(|f| format!("{}: {}", f.path(), f.change()))
        .collect();
    // objfp/2 names a flatten field "" (serde never writes its name): its path is
    // `.(flatten)`, as in `diff`.
    assert_eq!(
        unsupported,
        ["Doc.(flatten): flatten field, which some formats cannot carry"]
    );
}

#[test]
fn format_names_round_trip() {
    for f in Format::ALL {
        assert_eq!(Format::from_name(f.name()), Some(f));
    }
    assert_eq!(
        FormatSet::ALL.to_string(),
        "json cbor msgpack msgpack-named postcard bincode bincode-fixint"
    );
    assert_eq!(Cell::Skip.code(), "·");
}

/// A large graph with many changes: checking stays linear (the walk visits each pair
/// once), so this finishes at once; no time is asserted.
#[test]
fn many_shared_types_are_explained_once() {
    let report = compat::check(Vec::<v1::Order>::DESCRIPTION, Vec::<v2::Order>::DESCRIPTION);
    assert_eq!(report.changes().len(), 2);
    assert_eq!(report.changes()[0].path(), "Vec<Order>[].items[].price");
}

mod twice_v1 {
    #[derive(objfp::TypeFingerprint)]
    pub struct P {
        pub a: u32,
        pub b: u32,
    }
}
mod twice_v2 {
    #[derive(objfp::TypeFingerprint)]
    pub struct P {
        pub a: u64,
        pub b: u64,
    }
}

#[test]
fn the_same_change_in_two_fields_is_reported_at_both() {
    let report = compat::check(twice_v1::P::DESCRIPTION, twice_v2::P::DESCRIPTION);
    let paths: Vec<&str> = report.changes().iter().map(|f| f.path()).collect();
    assert_eq!(paths, ["P.a", "P.b"]);
}

/// Hand-written descriptions that loop through a wrapper alone (no struct or enum).
struct LoopA;
struct LoopB;
impl TypeFingerprint for LoopA {
    const FINGERPRINT: objfp::Fingerprint = objfp::encoding::opaque("loop-a");
    const DESCRIPTION: &'static objfp::Description = &objfp::Description {
        name: "LoopA",
        args: &[],
        fingerprint: Self::FINGERPRINT,
        shape: objfp::Shape::Option(|| LoopA::DESCRIPTION),
    };
}
impl TypeFingerprint for LoopB {
    const FINGERPRINT: objfp::Fingerprint = objfp::encoding::opaque("loop-b");
    const DESCRIPTION: &'static objfp::Description = &objfp::Description {
        name: "LoopB",
        args: &[],
        fingerprint: Self::FINGERPRINT,
        shape: objfp::Shape::Option(|| LoopB::DESCRIPTION),
    };
}

#[test]
fn descriptions_that_loop_without_a_struct_terminate() {
    let report = compat::check(LoopA::DESCRIPTION, LoopB::DESCRIPTION);
    assert_eq!(report.changes().len(), 1);
    assert_eq!(
        report.changes()[0].rules().next().unwrap().id,
        "shape-changed"
    );
    assert_eq!(report.verdict().full(), FormatSet::EMPTY);
}
