//! Lockfile compatibility policies (`objfp::lock::Check`, `check_with_policy`): a change
//! the policy allows passes with a note, one that breaks it fails naming the breaking
//! changes and rules; transitive policies check every earlier version, which version 2
//! lockfiles keep as `[Name@n]` sections; version 1 files (objfp 0.1, objfp/1
//! fingerprints) are read and refused with the encoding message; the registry covers
//! every registered type.
//!
//! Every test works in its own directory and picks the mode explicitly
//! (`OBJFP_UPDATE` is process-global). The verdicts themselves are checked against the
//! real formats in `compat_wire.rs`; here the wire claim of each scenario is checked too,
//! with serde_json and postcard, so a passing check is one the format agrees with.
#![allow(dead_code)]

#[path = "support/tempdir.rs"]
mod tempdir;

use tempdir::TempDir;

use objfp::TypeFingerprint;
use objfp::compat::{Format, FormatSet, Policy};
use objfp::lock::{self, Check, Entry, LockError, Lockfile, Mode, entry};
use serde::{Deserialize, Serialize};

/// The versions of `Order` the scenarios move through.
mod v1 {
    use super::*;
    #[derive(Debug, Serialize, Deserialize, TypeFingerprint)]
    pub struct Order {
        pub id: u64,
        pub items: Vec<String>,
    }
}

/// A field added with a default: backward compatible in the self-describing formats.
mod v2 {
    use super::*;
    #[derive(Debug, Serialize, Deserialize, TypeFingerprint)]
    pub struct Order {
        pub id: u64,
        pub items: Vec<String>,
        #[serde(default)]
        pub note: Option<String>,
    }
}

/// The id became a string: breaking everywhere.
mod v3 {
    use super::*;
    #[derive(Debug, Serialize, Deserialize, TypeFingerprint)]
    pub struct Order {
        pub id: String,
        pub items: Vec<String>,
        #[serde(default)]
        pub note: Option<String>,
    }
}

/// A required field added: old data lacks it (backward breaks), old readers ignore it
/// (forward holds).
mod required {
    use super::*;
    #[derive(Debug, Serialize, Deserialize, TypeFingerprint)]
    pub struct Order {
        pub id: u64,
        pub items: Vec<String>,
        pub note: String,
    }
}

/// v2's note without its default: every writer writes it, so v2 -> this holds both ways.
mod strict {
    use super::*;
    #[derive(Debug, Serialize, Deserialize, TypeFingerprint)]
    pub struct Order {
        pub id: u64,
        pub items: Vec<String>,
        pub note: Option<String>,
    }
}

/// A count with a default, then without: each step is compatible, the two together are
/// not (v1 data has no count, and the last version requires one).
mod counted {
    use super::*;
    #[derive(Debug, Serialize, Deserialize, TypeFingerprint)]
    pub struct Order {
        pub id: u64,
        pub items: Vec<String>,
        #[serde(default)]
        pub count: u32,
    }
    pub mod strict {
        use super::*;
        #[derive(Debug, Serialize, Deserialize, TypeFingerprint)]
        pub struct Order {
            pub id: u64,
            pub items: Vec<String>,
            pub count: u32,
        }
    }
}

mod audit {
    use super::*;
    #[derive(Debug, Serialize, Deserialize, TypeFingerprint)]
    pub struct Audit {
        pub at: u64,
    }
    pub mod v2 {
        use super::*;
        #[derive(Debug, Serialize, Deserialize, TypeFingerprint)]
        pub struct Audit {
            pub at: u64,
            #[serde(default)]
            pub by: Option<String>,
        }
    }
}

fn order<T: TypeFingerprint>() -> [Entry; 1] {
    [entry::<T>("Order")]
}

fn json() -> Policy {
    Policy::backward(Format::Json)
}

fn record<T: TypeFingerprint>(s: &TempDir, policy: Policy) {
    Check::new(s.lockfile())
        .policy(policy)
        .mode(Mode::Update)
        .run(&order::<T>())
        .unwrap();
}

fn verify<T: TypeFingerprint>(s: &TempDir, policy: Policy) -> Result<lock::Outcome, LockError> {
    Check::new(s.lockfile())
        .policy(policy)
        .mode(Mode::Verify)
        .run(&order::<T>())
}

fn mismatch(result: Result<lock::Outcome, LockError>) -> lock::Mismatch {
    match result {
        Err(LockError::Mismatch(m)) => m,
        other => panic!("expected a mismatch, got {other:?}"),
    }
}

/// The wire claim behind the v1 -> v2 scenarios: serde_json reads v1's bytes as v2
/// (the note takes its default), postcard does not read them back faithfully.
#[test]
fn the_formats_agree_with_the_v1_to_v2_verdict() {
    let old = v1::Order {
        id: 7,
        items: vec!["tea".into()],
    };
    let read: v2::Order = serde_json::from_slice(&serde_json::to_vec(&old).unwrap()).unwrap();
    assert_eq!(
        (read.id, read.items, read.note),
        (7, vec!["tea".into()], None)
    );
    // In postcard the old value alone ends early, and inside a sequence the next element
    // is read as the note: either way not the value written.
    let seq = postcard::to_allocvec(&vec![
        old,
        v1::Order {
            id: 8,
            items: vec![],
        },
    ])
    .unwrap();
    let read = postcard::from_bytes::<Vec<v2::Order>>(&seq);
    assert!(read.is_err() || read.unwrap().len() != 2);
}

#[test]
fn backward_policy_passes_a_compatible_change_with_a_note() {
    let s = TempDir::new("policy-compatible");
    record::<v1::Order>(&s, json());
    let before = std::fs::read_to_string(s.lockfile()).unwrap();
    let outcome = verify::<v2::Order>(&s, json()).unwrap();
    assert!(!outcome.is_up_to_date());
    assert!(!outcome.wrote());
    let changed = &outcome.compatible()[0];
    assert_eq!(changed.name, "Order");
    assert!(changed.passes());
    assert_eq!(
        changed.safe_formats(),
        FormatSet::of(&[
            Format::Json,
            Format::Cbor,
            Format::MessagePack,
            Format::MessagePackNamed
        ])
    );
    let note = outcome.to_string();
    for line in [
        "1 type changed within its policy, not recorded yet",
        &format!(
            "  changed Order: {} -> {}, keeps backward(json)",
            v1::Order::FINGERPRINT.short(),
            v2::Order::FINGERPRINT.short()
        ),
        "    Order.note: field added (#[serde(default)] Option<string>)  backward: json cbor msgpack msgpack-named; breaking: postcard bincode bincode-fixint",
        "    safe for backward compatibility in: json cbor msgpack msgpack-named",
        "To record it, so that later changes are checked against this version, rerun with OBJFP_UPDATE=1 and commit the lockfile.",
    ] {
        assert!(note.contains(line), "missing {line:?} in:\n{note}");
    }
    // A check only reads.
    assert_eq!(std::fs::read_to_string(s.lockfile()).unwrap(), before);
}

#[test]
fn backward_policy_fails_a_breaking_change_with_paths_and_rules() {
    let s = TempDir::new("policy-breaking");
    record::<v2::Order>(&s, json());
    let m = mismatch(verify::<v3::Order>(&s, json()));
    assert_eq!(m.changed.len(), 1);
    let changed = &m.changed[0];
    assert!(!changed.passes());
    assert_eq!(changed.policy, json());
    let breaking: Vec<&str> = changed.comparisons[0]
        .report
        .breaking(json())
        .map(|f| f.path())
        .collect();
    assert_eq!(breaking, ["Order.id"]);
    let text = m.to_string();
    for line in [
        "  changed Order: ",
        ", breaks backward(json)\n",
        "    Order.id: type changed u64 -> string  backward: none; breaking: json cbor msgpack msgpack-named postcard bincode bincode-fixint\n",
        "      breaks backward(json) in json [primitive-changed]: ",
        "Recording a change that breaks its policy drops the type's earlier versions.",
    ] {
        assert!(text.contains(line), "missing {line:?} in:\n{text}");
    }
    // The wire agrees: a number is not a string to serde_json.
    let old = serde_json::to_vec(&v2::Order {
        id: 7,
        items: vec![],
        note: None,
    })
    .unwrap();
    assert!(serde_json::from_slice::<v3::Order>(&old).is_err());
}

#[test]
fn forward_policy_is_the_other_direction() {
    let s = TempDir::new("policy-forward");
    record::<v1::Order>(&s, json());
    // A required field: new readers fail on old data, old readers ignore the field.
    let m = mismatch(verify::<required::Order>(&s, json()));
    assert!(
        m.to_string()
            .contains("[field-added-required]: The new reader reports the field missing"),
        "{m}"
    );
    let outcome = verify::<required::Order>(&s, Policy::forward(Format::Json)).unwrap();
    assert!(outcome.to_string().contains("keeps forward(json)"));
    // The wire agrees, both ways.
    let old = serde_json::to_vec(&v1::Order {
        id: 1,
        items: vec![],
    })
    .unwrap();
    assert!(serde_json::from_slice::<required::Order>(&old).is_err());
    let new = serde_json::to_vec(&required::Order {
        id: 1,
        items: vec![],
        note: "n".into(),
    })
    .unwrap();
    assert_eq!(serde_json::from_slice::<v1::Order>(&new).unwrap().id, 1);
}

#[test]
fn full_policy_needs_both_directions_in_every_listed_format() {
    let s = TempDir::new("policy-full");
    record::<v1::Order>(&s, json());
    // JSON (a map) reads the default field both ways; msgpack's arrays only backward.
    assert!(verify::<v2::Order>(&s, Policy::full(Format::Json)).is_ok());
    let m = mismatch(verify::<v2::Order>(
        &s,
        Policy::full([Format::Json, Format::MessagePack]),
    ));
    let text = m.to_string();
    assert!(text.contains(", breaks full(json, msgpack)\n"), "{text}");
    assert!(
        text.contains("breaks full(json, msgpack) in msgpack [field-appended-default]"),
        "{text}"
    );
    // The formats named in a policy are the ones that count: postcard breaks backward.
    let m = mismatch(verify::<v2::Order>(
        &s,
        Policy::backward([Format::Json, Format::Postcard]),
    ));
    assert!(
        m.to_string()
            .contains("breaks backward(json, postcard) in postcard [field-appended-default]"),
        "{m}"
    );
}

#[test]
fn policy_none_is_the_exact_check() {
    let s = TempDir::new("policy-none");
    record::<v1::Order>(&s, Policy::NONE);
    let m = mismatch(verify::<v2::Order>(&s, Policy::NONE));
    let text = m.to_string();
    // The structural diff, without verdicts.
    assert!(
        text.contains("    Order.note: field added (#[serde(default)] Option<string>)\n"),
        "{text}"
    );
    assert!(!text.contains("backward:"), "{text}");
    assert!(m.changed[0].comparisons.is_empty());
    // `check_with` is the same check.
    let err = lock::check_with(s.lockfile(), &order::<v2::Order>(), Mode::Verify).unwrap_err();
    assert_eq!(err.to_string(), LockError::Mismatch(m).to_string());
}

#[test]
fn a_type_can_have_its_own_policy() {
    let s = TempDir::new("policy-per-type");
    let before = [entry::<v1::Order>("Order"), entry::<audit::Audit>("Audit")];
    let after = [
        entry::<v2::Order>("Order"),
        entry::<audit::v2::Audit>("Audit"),
    ];
    let check = |mode| {
        Check::new(s.lockfile())
            .policy(json())
            .policy_for("Audit", Policy::NONE)
            .mode(mode)
    };
    check(Mode::Update).run(&before).unwrap();
    let m = match check(Mode::Verify).run(&after) {
        Err(LockError::Mismatch(m)) => m,
        other => panic!("{other:?}"),
    };
    // Both changes are the same kind; only Audit is under the exact check.
    let failing: Vec<&str> = m.changed.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(failing, ["Audit"]);
    // Without the override both pass.
    let outcome = Check::new(s.lockfile())
        .policy(json())
        .mode(Mode::Verify)
        .run(&after)
        .unwrap();
    let names: Vec<&str> = outcome
        .compatible()
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, ["Audit", "Order"]);
}

#[test]
fn a_policy_for_a_type_not_listed_is_an_error() {
    let s = TempDir::new("policy-typo");
    let err = Check::new(s.lockfile())
        .policy_for("Ordr", json())
        .mode(Mode::Update)
        .run(&order::<v1::Order>())
        .unwrap_err();
    assert!(
        matches!(err, LockError::InvalidEntry { ref name, .. } if name == "Ordr"),
        "{err:?}"
    );
    assert!(err.to_string().contains("no listed type has this name"));
    assert!(!s.lockfile().exists());
}

#[test]
fn added_and_removed_types_fail_under_any_policy() {
    let s = TempDir::new("policy-added");
    record::<v1::Order>(&s, json());
    let entries = [entry::<v1::Order>("Order"), entry::<audit::Audit>("Audit")];
    let err = Check::new(s.lockfile())
        .policy(json())
        .mode(Mode::Verify)
        .run(&entries)
        .unwrap_err();
    assert!(err.to_string().contains("  added Audit: "), "{err}");
    let err = Check::new(s.lockfile())
        .policy(json())
        .mode(Mode::Verify)
        .run(&[])
        .unwrap_err();
    assert!(err.to_string().contains("  removed Order: "), "{err}");
}

#[test]
fn updates_keep_earlier_versions_newest_first() {
    let s = TempDir::new("policy-history");
    record::<v1::Order>(&s, json());
    let written = Check::new(s.lockfile())
        .policy(json())
        .mode(Mode::Update)
        .run(&order::<v2::Order>())
        .unwrap();
    assert!(written.wrote());
    assert_eq!(
        written.notes(),
        [format!(
            "Order: recorded {}; it keeps backward(json), and {} is kept as `[Order@1]`",
            v2::Order::FINGERPRINT.short(),
            v1::Order::FINGERPRINT.short()
        )]
    );
    record::<strict::Order>(&s, json());
    let text = std::fs::read_to_string(s.lockfile()).unwrap();
    let headers: Vec<&str> = text.lines().filter(|l| l.starts_with('[')).collect();
    assert_eq!(headers, ["[Order]", "[Order@2]", "[Order@1]"]);
    let lockfile = Lockfile::parse(&text).unwrap();
    assert_eq!(lockfile.version(), 2);
    assert_eq!(lockfile.encoding(), "objfp/2");
    assert_eq!(
        lockfile.fingerprint("Order"),
        Some(strict::Order::FINGERPRINT)
    );
    let history: Vec<_> = lockfile.history("Order").collect();
    assert_eq!(
        history,
        [(2, v2::Order::FINGERPRINT), (1, v1::Order::FINGERPRINT)]
    );
    // Each earlier version keeps its declarations, under the type's own name.
    let v1_section = &text[text.find("[Order@1]").unwrap()..];
    assert!(v1_section.contains("struct Order {\n    id: u64,\n    items: [string],\n}\n"));
    // The file reads back as written; an update with nothing changed leaves it alone.
    assert_eq!(lockfile.to_string(), text);
    let again = Check::new(s.lockfile())
        .policy(json())
        .mode(Mode::Update)
        .run(&order::<strict::Order>())
        .unwrap();
    assert!(!again.wrote());
    assert_eq!(std::fs::read_to_string(s.lockfile()).unwrap(), text);
}

#[test]
fn transitive_policies_check_every_earlier_version() {
    let s = TempDir::new("policy-transitive");
    record::<v1::Order>(&s, json());
    record::<counted::Order>(&s, json());
    // counted -> strict holds (every writer writes the count); v1 -> strict does not.
    let outcome = verify::<counted::strict::Order>(&s, json()).unwrap();
    assert_eq!(outcome.compatible()[0].comparisons.len(), 1);
    let m = mismatch(verify::<counted::strict::Order>(&s, json().transitive()));
    let changed = &m.changed[0];
    assert_eq!(changed.comparisons.len(), 2);
    assert!(changed.comparisons[0].report.satisfies(json()));
    assert!(!changed.comparisons[1].report.satisfies(json()));
    assert_eq!(changed.comparisons[1].version, Some(1));
    assert_eq!(changed.comparisons[1].fingerprint, v1::Order::FINGERPRINT);
    let text = m.to_string();
    assert!(
        text.contains(", breaks backward-transitive(json)\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "    against Order@1 ({}):\n      Order.count: field added (u32)  backward: none;",
            v1::Order::FINGERPRINT.short()
        )),
        "{text}"
    );
    assert!(text.contains("[field-added-required]"), "{text}");
    // The wire agrees: counted's bytes read as strict, v1's do not.
    let from_counted = serde_json::to_vec(&counted::Order {
        id: 1,
        items: vec![],
        count: 0,
    })
    .unwrap();
    assert!(serde_json::from_slice::<counted::strict::Order>(&from_counted).is_ok());
    let from_v1 = serde_json::to_vec(&v1::Order {
        id: 1,
        items: vec![],
    })
    .unwrap();
    assert!(serde_json::from_slice::<counted::strict::Order>(&from_v1).is_err());
}

#[test]
fn recording_a_breaking_change_drops_the_history() {
    let s = TempDir::new("policy-restart");
    record::<v1::Order>(&s, json());
    record::<v2::Order>(&s, json());
    let written = Check::new(s.lockfile())
        .policy(json())
        .mode(Mode::Update)
        .run(&order::<v3::Order>())
        .unwrap();
    assert_eq!(
        written.notes(),
        [format!(
            "Order: recorded {}, which breaks backward(json): its 2 earlier versions are dropped",
            v3::Order::FINGERPRINT.short()
        )]
    );
    let lockfile = Lockfile::read(s.lockfile()).unwrap();
    assert_eq!(lockfile.history("Order").count(), 0);
    assert!(
        verify::<v3::Order>(&s, json().transitive())
            .unwrap()
            .is_up_to_date()
    );
}

#[test]
fn the_exact_check_keeps_no_history() {
    let s = TempDir::new("policy-exact-history");
    record::<v1::Order>(&s, json());
    record::<v2::Order>(&s, json());
    let written = Check::new(s.lockfile())
        .mode(Mode::Update)
        .run(&order::<v2::Order>())
        .unwrap();
    assert!(written.wrote());
    assert_eq!(
        written.notes(),
        ["Order: checked exactly (policy none), so its 1 earlier version are dropped"]
    );
    assert_eq!(
        Lockfile::read(s.lockfile())
            .unwrap()
            .history("Order")
            .count(),
        0
    );
}

/// The checked-in lockfile of `lockfile.rs`'s fixture types as objfp 0.1 wrote it: version
/// 1, objfp/1 fingerprints (`tests/fixtures/objfp1.lock`).
const OBJFP1: &str = include_str!("../fixtures/objfp1.lock");

#[test]
fn version_1_files_are_read() {
    let lockfile = Lockfile::parse(OBJFP1).unwrap();
    assert_eq!(lockfile.version(), 1);
    assert_eq!(lockfile.encoding(), "objfp/1");
    let names: Vec<&str> = lockfile.iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        ["kitchen_sink::Point", "v1::Event", "v1::List", "v1::Order"]
    );
    assert_eq!(lockfile.history("v1::Order").count(), 0);
    // Displayed, it is the version 2 text of the same content.
    let shown = lockfile.to_string();
    assert!(shown.contains("\nversion = 2\nencoding = objfp/1\n\n[kitchen_sink::Point]\n"));
    assert_eq!(Lockfile::parse(&shown).unwrap().to_string(), shown);
    // `@` means nothing in version 1.
    let text = "version = 1\n\n[Order@1]\nfingerprint = 0101010101010101010101010101010101010101010101010101010101010101\ntype = u8\n";
    assert_eq!(
        Lockfile::parse(text).unwrap().iter().next().unwrap().0,
        "Order@1"
    );
}

/// An objfp 0.1 lockfile whose types did not change: every fingerprint differs with the
/// encoding. The check says so, once, and lists no structural change.
#[test]
fn an_objfp1_lockfile_gets_the_encoding_message() {
    let s = TempDir::new("policy-objfp1");
    std::fs::write(s.lockfile(), OBJFP1).unwrap();
    let lockfile = Lockfile::parse(OBJFP1).unwrap();
    // The same names, described the same way, with this objfp's fingerprints.
    let entries: Vec<Entry> = lockfile
        .iter()
        .map(|(name, _)| Entry::new(name.to_owned(), <u8 as TypeFingerprint>::DESCRIPTION))
        .collect();
    for policy in [Policy::NONE, json()] {
        let err = Check::new(s.lockfile())
            .policy(policy)
            .mode(Mode::Verify)
            .run(&entries)
            .unwrap_err();
        let LockError::Encoding {
            written, version, ..
        } = &err
        else {
            panic!("{err:?}")
        };
        assert_eq!((written.as_str(), *version), ("objfp/1", 1));
        let message = err.to_string();
        assert!(
            message.contains(
                "was written by objfp/1 (lockfile version 1): every fingerprint changed with \
                 the encoding objfp/2"
            ),
            "{message}"
        );
        assert!(message.contains("rerun with OBJFP_UPDATE=1"), "{message}");
        assert!(!message.contains("  changed "), "{message}");
    }
    // An update rewrites it in version 2, with no earlier versions of objfp/1.
    let written = Check::new(s.lockfile())
        .policy(json())
        .mode(Mode::Update)
        .run(&entries)
        .unwrap();
    assert!(written.wrote());
    assert!(written.notes()[0].contains("are of objfp/1 and cannot be compared"));
    let text = std::fs::read_to_string(s.lockfile()).unwrap();
    assert!(text.contains("\nversion = 2\nencoding = objfp/2\n"));
    assert!(!text.contains('@'));
}

/// A version 1 file whose fingerprints are this encoding's (written by a pre-release
/// objfp/2 build) is compared as usual: one matching fingerprint tells.
#[test]
fn a_version_1_file_with_current_fingerprints_is_compared() {
    let s = TempDir::new("policy-v1-current");
    let text = lock::render(&[entry::<v1::Order>("Order"), entry::<audit::Audit>("Audit")])
        .unwrap()
        .replace("version = 2\nencoding = objfp/2\n", "version = 1\n");
    std::fs::write(s.lockfile(), &text).unwrap();
    let same = [entry::<v1::Order>("Order"), entry::<audit::Audit>("Audit")];
    lock::check_with(s.lockfile(), &same, Mode::Verify).unwrap();
    let changed = [entry::<v2::Order>("Order"), entry::<audit::Audit>("Audit")];
    let err = lock::check_with(s.lockfile(), &changed, Mode::Verify).unwrap_err();
    assert!(
        err.to_string()
            .contains("    Order.note: field added (#[serde(default)] Option<string>)"),
        "{err}"
    );
}

#[test]
fn other_encodings_in_version_2_files() {
    let s = TempDir::new("policy-encodings");
    let text = lock::render(&order::<v1::Order>()).unwrap();
    for (encoding, expect) in [
        (
            "objfp/1",
            "every fingerprint changed with the encoding objfp/2",
        ),
        (
            "objfp/3",
            "which this objfp (objfp/2) does not know: upgrade objfp",
        ),
    ] {
        let file = text.replace("encoding = objfp/2", &format!("encoding = {encoding}"));
        std::fs::write(s.lockfile(), file).unwrap();
        // Even an identical type: the fingerprints are not comparable.
        let err = lock::check_with(s.lockfile(), &order::<v1::Order>(), Mode::Verify).unwrap_err();
        assert!(matches!(err, LockError::Encoding { .. }), "{err:?}");
        assert!(err.to_string().contains(expect), "{err}");
    }
}

#[test]
fn lockfiles_are_written_in_version_2() {
    let text = lock::render(&order::<v1::Order>()).unwrap();
    assert!(
        text.contains("\nversion = 2\nencoding = objfp/2\n\n[Order]\n"),
        "{text}"
    );
    assert_eq!(lock::VERSION, 2);
    assert_eq!(lock::ENCODING, "objfp/2");
}

#[test]
fn version_2_syntax_errors() {
    let fp = v1::Order::FINGERPRINT;
    let head = "version = 2\nencoding = objfp/2\n";
    let cases: &[(String, usize, &str)] = &[
        (
            "version = 2\n\n[Order]\n".to_owned(),
            3,
            "expected `encoding = objfp/2` (the encoding of the fingerprints) after `version = 2`",
        ),
        (
            format!("{head}\n[Order@1]\nfingerprint = {fp}\ntype = u8\n"),
            4,
            "`[Order@1]` is an earlier version of `Order`: it goes right after `[Order]`",
        ),
        (
            format!(
                "{head}\n[Order]\nfingerprint = {fp}\ntype = u8\n\n[Audit]\nfingerprint = {fp}\ntype = u8\n\n[Order@1]\nfingerprint = {fp}\ntype = u8\n"
            ),
            12,
            "`[Order@1]` is an earlier version of `Order`: it goes right after `[Order]`",
        ),
        (
            format!(
                "{head}\n[Order]\nfingerprint = {fp}\ntype = u8\n\n[Order@1]\nfingerprint = {fp}\ntype = u8\n\n[Order@2]\nfingerprint = {fp}\ntype = u8\n"
            ),
            12,
            "earlier versions are listed newest first: `[Order@2]` comes before `@1`",
        ),
        (
            format!(
                "{head}\n[Order]\nfingerprint = {fp}\ntype = u8\n\n[Order@1]\nfingerprint = {fp}\ntype = u8\n\n[Order@1]\n"
            ),
            12,
            "duplicate type `Order@1`",
        ),
        (
            format!(
                "{head}\n[Order]\nfingerprint = {fp}\ntype = u8\n\n[Order@1]\nfingerprint = {fp}\n"
            ),
            9,
            "expected the description of `Order` after its fingerprint",
        ),
    ];
    for (text, line, message) in cases {
        match Lockfile::parse(text) {
            Err(LockError::Parse {
                line: got,
                message: m,
                ..
            }) => {
                assert_eq!(got, *line, "{m}\n{text}");
                assert!(m.contains(message), "{m}\n{text}");
            }
            other => panic!("expected a parse error for\n{text}got {other:?}"),
        }
    }
    // `@0` and `@` without digits are part of a name, not versions.
    let text = format!(
        "{head}\n[Order@0]\nfingerprint = {fp}\ntype = u8\n\n[a@b]\nfingerprint = {fp}\ntype = u8\n"
    );
    let names: Vec<String> = Lockfile::parse(&text)
        .unwrap()
        .iter()
        .map(|(n, _)| n.to_owned())
        .collect();
    assert_eq!(names, ["Order@0", "a@b"]);
}

#[test]
fn entry_names_cannot_look_like_earlier_versions() {
    let err = lock::render(&[entry::<v1::Order>("Order@2")]).unwrap_err();
    assert!(
        err.to_string().contains(
            "the name ends in `@` and a number, which the lockfile uses for earlier versions"
        ),
        "{err}"
    );
    assert!(lock::render(&[entry::<v1::Order>("Order@v2")]).is_ok());
}

/// A hostile file: a chain of 50 000 declarations, checked under a transitive policy
/// against a recursive type. The compat walk keeps its own stack and budgets, like the
/// diff's, and ends the report with a truncation that counts as breaking.
#[test]
fn the_policy_check_is_bounded_on_deep_files() {
    #[derive(TypeFingerprint)]
    struct R {
        n: Option<Box<R>>,
        v: u32,
    }
    let s = TempDir::new("policy-deep");
    let depth = 50_000;
    let fp = objfp::Fingerprint::from_bytes([1; 32]);
    let mut text = format!("version = 2\nencoding = objfp/2\n\n[R]\nfingerprint = {fp}\n");
    for level in 0..depth {
        text.push_str(&format!(
            "struct L{level} {{\n    n: L{},\n    v: u64,\n}}\n",
            level + 1
        ));
    }
    text.push_str(&format!("struct L{depth} {{\n    v: u32,\n}}\n"));
    std::fs::write(s.lockfile(), &text).unwrap();
    let result = Check::new(s.lockfile())
        .policy(Policy::full(FormatSet::ALL).transitive())
        .mode(Mode::Verify)
        .run(&[entry::<R>("R")]);
    let m = mismatch(result);
    let report = &m.changed[0].comparisons[0].report;
    assert!(!report.satisfies(Policy::backward(Format::Json)));
    assert!(m.to_string().len() < 8 << 20);
}

objfp::register!(v1::Order, "Order");
objfp::register!(audit::Audit, "Audit");

/// With the registry, a check covers every registered type: one registered after the
/// lockfile was written fails as added until an update records it.
#[test]
fn a_check_of_registered_types_covers_every_one() {
    let s = TempDir::new("policy-registry");
    let registered = lock::registered();
    let names: Vec<&str> = registered.iter().map(|e| e.name()).collect();
    assert!(
        names.contains(&"Order") && names.contains(&"Audit"),
        "{names:?}"
    );
    // A lockfile written before `Audit` was registered.
    let before: Vec<Entry> = registered
        .iter()
        .filter(|e| e.name() != "Audit")
        .cloned()
        .collect();
    Check::new(s.lockfile())
        .policy(json())
        .mode(Mode::Update)
        .run(&before)
        .unwrap();
    let err = Check::new(s.lockfile())
        .policy(json())
        .mode(Mode::Verify)
        .run(&lock::registered())
        .unwrap_err();
    assert!(
        err.to_string().contains(&format!(
            "  added Audit: {} (not in the lockfile)",
            audit::Audit::FINGERPRINT.short()
        )),
        "{err}"
    );
    Check::new(s.lockfile())
        .policy(json())
        .mode(Mode::Update)
        .run(&lock::registered())
        .unwrap();
    assert!(
        Check::new(s.lockfile())
            .policy(json())
            .mode(Mode::Verify)
            .run(&lock::registered())
            .unwrap()
            .is_up_to_date()
    );
}

/// An update of a version 1 file whose fingerprints are this encoding's (one listed type
/// unchanged tells) keeps the version it replaces, like an update of a version 2 file.
#[test]
fn an_update_of_a_version_1_file_with_current_fingerprints_keeps_history() {
    let s = TempDir::new("policy-v1-current-update");
    let text = lock::render(&[entry::<v1::Order>("Order"), entry::<audit::Audit>("Audit")])
        .unwrap()
        .replace("version = 2\nencoding = objfp/2\n", "version = 1\n");
    std::fs::write(s.lockfile(), &text).unwrap();
    Check::new(s.lockfile())
        .policy(json())
        .mode(Mode::Update)
        .run(&[entry::<v2::Order>("Order"), entry::<audit::Audit>("Audit")])
        .unwrap();
    let lockfile = Lockfile::read(s.lockfile()).unwrap();
    assert_eq!(lockfile.version(), 2);
    let history: Vec<_> = lockfile.history("Order").collect();
    assert_eq!(history, [(1, v1::Order::FINGERPRINT)]);
}
