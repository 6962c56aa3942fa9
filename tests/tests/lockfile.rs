//! `objfp::lock`: the checked-in lockfile, its diff on mismatch, update mode, and errors
//! for malformed files.
//!
//! Every test works in its own directory under the system temp dir and picks the mode
//! explicitly with `check_with`, because `OBJFP_UPDATE` is process-global and tests run in
//! parallel. Only `checked_in_fixture_is_up_to_date` goes through the environment.
#![allow(dead_code)]
// Trait resolution for the 200-deep field type in `deep` below.
#![recursion_limit = "512"]

mod support;

use support::tempdir::TempDir;

use std::path::Path;

use objfp::TypeFingerprint;
use objfp::lock::{self, LockError, Lockfile, Mode, check_with, entry};

fn short<T: TypeFingerprint>() -> String {
    T::FINGERPRINT.short().to_string()
}

fn parse_error(path: &Path, text: &str) -> (usize, String) {
    std::fs::write(path, text).unwrap();
    match Lockfile::read(path) {
        Err(LockError::Parse { line, message, .. }) => (line, message),
        other => panic!("expected a parse error, got {other:?}"),
    }
}

mod v1 {
    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    pub struct Item {
        pub sku: String,
        pub price: u32,
    }

    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    pub struct Order {
        pub id: u64,
        pub items: Vec<Item>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub note: Option<String>,
    }

    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    #[serde(tag = "type", rename_all = "snake_case")]
    pub enum Event {
        Created { id: u64 },
        Deleted { id: u64 },
    }

    #[derive(objfp::TypeFingerprint)]
    pub struct Legacy {
        pub payload: Vec<u8>,
    }

    #[derive(objfp::TypeFingerprint)]
    pub enum List {
        Nil,
        Cons(u32, Box<List>),
    }
}

mod v2 {
    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    pub struct Item {
        pub sku: String,
        pub price: u64,
    }

    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    pub struct Order {
        pub id: u64,
        pub items: Vec<Item>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub note: Option<String>,
    }

    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    #[serde(tag = "kind", rename_all = "snake_case")]
    pub enum Event {
        Created {
            id: u64,
            #[serde(flatten)]
            meta: Meta,
        },
        Archived,
    }

    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    pub struct Meta {
        pub by: String,
    }

    #[derive(objfp::TypeFingerprint)]
    pub struct Refund {
        pub order: u64,
    }

    #[derive(objfp::TypeFingerprint)]
    pub enum List {
        Nil,
        Cons(u64, Box<List>),
    }
}

/// Every kind of declaration the format has, for round trips.
mod kitchen_sink {
    use std::collections::{BTreeMap, HashMap, HashSet};

    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    #[serde(deny_unknown_fields)]
    pub struct Host {
        pub addr: std::net::IpAddr,
        pub socket: std::net::SocketAddr,
        pub ports: HashSet<u16>,
        pub labels: BTreeMap<String, Vec<Option<String>>>,
        pub hashes: HashMap<[u8; 32], (u64, bool)>,
        pub one: (u8,),
        pub timeout: std::time::Duration,
        pub tree: Tree,
        pub code: Code,
        #[serde(rename = "@weird name")]
        pub weird: Point,
        pub marker: Marker,
        pub wrapper: Wrapper,
        pub one_on_wire: OneOnWire,
        pub choice: Choice,
        pub legacy: Legacy,
        pub at: Timestamp,
        #[fingerprint(opaque = "unix-seconds")]
        pub seen: u64,
        pub nothing: (),
        pub bytes: std::ffi::CString,
        pub since: UnixSeconds,
    }

    /// A hand-written named shape: an `i64` that means seconds since the epoch.
    #[derive(serde::Serialize)]
    pub struct UnixSeconds(pub i64);

    impl objfp::TypeFingerprint for UnixSeconds {
        const FINGERPRINT: objfp::Fingerprint =
            objfp::encoding::named("unix-seconds", <i64 as objfp::TypeFingerprint>::FINGERPRINT);
        const DESCRIPTION: &'static objfp::Description = &objfp::Description {
            name: "UnixSeconds",
            args: &[],
            fingerprint: Self::FINGERPRINT,
            shape: objfp::Shape::Named {
                name: "unix-seconds",
                inner: || <i64 as objfp::TypeFingerprint>::DESCRIPTION,
            },
        };
    }

    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    pub struct Tree {
        pub value: i64,
        pub children: Vec<Tree>,
    }

    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    #[repr(i16)]
    pub enum Code {
        Low = -3,
        High = 300,
    }

    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    pub struct Point(pub f32, #[serde(default)] pub f64);

    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    pub struct Marker;

    /// Serializes as a string, deserializes as itself: a `proxy` declaration.
    #[derive(objfp::TypeFingerprint, serde::Serialize, Clone)]
    #[serde(into = "String")]
    pub struct Legacy {
        pub len: u32,
    }

    impl From<Legacy> for String {
        fn from(l: Legacy) -> String {
            l.len.to_string()
        }
    }

    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    #[fingerprint(opaque = "rfc3339")]
    pub struct Timestamp(pub i64);

    /// A newtype: `(T)` in the lockfile.
    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    pub struct Wrapper(pub u64);

    /// A tuple struct with one field on the wire: `(T,)` in the lockfile.
    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    pub struct OneOnWire(pub u64, #[serde(skip)] pub u32);

    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    #[serde(untagged)]
    pub enum Choice {
        Number(u64),
        Pair(u8, u8),
        One(u8, #[serde(skip)] u8),
        Attributed(#[serde(skip_serializing)] u8),
        #[serde(skip)]
        Hidden,
        Empty {},
    }
}

#[test]
fn unchanged_types_pass() {
    let dir = TempDir::new("lockfile-unchanged");
    let path = dir.join("fingerprints.lock");
    let entries = objfp::lock_entries![v1::Order, v1::Event, v1::List];
    check_with(&path, &entries, Mode::Update).unwrap();
    check_with(&path, &entries, Mode::Verify).unwrap();
    // Listing order does not matter.
    let reversed = objfp::lock_entries![v1::List, v1::Event, v1::Order];
    check_with(&path, &reversed, Mode::Verify).unwrap();
}

#[test]
fn nested_change_fails_with_path_and_both_fingerprints() {
    let dir = TempDir::new("lockfile-nested");
    let path = dir.join("fingerprints.lock");
    check_with(&path, &[entry::<v1::Order>("Order")], Mode::Update).unwrap();
    let err = check_with(&path, &[entry::<v2::Order>("Order")], Mode::Verify).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("Order.items[].price"), "{message}");
    assert!(message.contains(&short::<v1::Order>()), "{message}");
    assert!(message.contains(&short::<v2::Order>()), "{message}");
    assert_eq!(
        message,
        format!(
            "{} is out of date: 1 changed, 0 added, 0 removed\n  \
             changed Order: {} -> {}\n    \
             Order.items[].price: type changed u32 -> u64\n\
             If these wire changes are intended, rerun with OBJFP_UPDATE=1 to rewrite the lockfile, and commit it.",
            path.display(),
            short::<v1::Order>(),
            short::<v2::Order>(),
        )
    );
    let LockError::Mismatch(mismatch) = err else {
        panic!("expected a mismatch")
    };
    assert_eq!(mismatch.changed.len(), 1);
    assert_eq!(mismatch.changed[0].old, v1::Order::FINGERPRINT);
    assert_eq!(mismatch.changed[0].new, v2::Order::FINGERPRINT);
    assert_eq!(mismatch.changed[0].changes[0].path, "Order.items[].price");
}

#[test]
fn enum_changes_are_explained_from_the_stored_text() {
    let dir = TempDir::new("lockfile-enum");
    let path = dir.join("fingerprints.lock");
    check_with(&path, &[entry::<v1::Event>("Event")], Mode::Update).unwrap();
    let Err(LockError::Mismatch(m)) =
        check_with(&path, &[entry::<v2::Event>("Event")], Mode::Verify)
    else {
        panic!("expected a mismatch")
    };
    let lines: Vec<String> = m.changed[0].changes.iter().map(|c| c.to_string()).collect();
    assert_eq!(
        lines,
        [
            r#"Event: serde: changed tag "type" -> "kind""#,
            "Event::deleted: variant removed",
            "Event::created.(flatten): field added (#[serde(flatten)] Meta)",
            "Event::archived: variant added",
        ]
    );
}

#[test]
fn recursive_change_is_found_in_the_stored_text() {
    let dir = TempDir::new("lockfile-recursive");
    let path = dir.join("fingerprints.lock");
    check_with(&path, &[entry::<v1::List>("List")], Mode::Update).unwrap();
    let Err(LockError::Mismatch(m)) = check_with(&path, &[entry::<v2::List>("List")], Mode::Verify)
    else {
        panic!("expected a mismatch")
    };
    let lines: Vec<String> = m.changed[0].changes.iter().map(|c| c.to_string()).collect();
    assert_eq!(lines, ["List::Cons.0: type changed u32 -> u64"]);
}

#[test]
fn added_and_removed_types_are_listed() {
    let dir = TempDir::new("lockfile-added-removed");
    let path = dir.join("fingerprints.lock");
    check_with(
        &path,
        &[entry::<v1::Order>("Order"), entry::<v1::Legacy>("Legacy")],
        Mode::Update,
    )
    .unwrap();
    let err = check_with(
        &path,
        &[entry::<v1::Order>("Order"), entry::<v2::Refund>("Refund")],
        Mode::Verify,
    )
    .unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("0 changed, 1 added, 1 removed"),
        "{message}"
    );
    assert!(
        message.contains(&format!(
            "  added Refund: {} (not in the lockfile)",
            short::<v2::Refund>()
        )),
        "{message}"
    );
    assert!(
        message.contains(&format!(
            "  removed Legacy: {} (no longer listed)",
            short::<v1::Legacy>()
        )),
        "{message}"
    );
    let LockError::Mismatch(m) = err else {
        panic!("expected a mismatch")
    };
    assert_eq!(m.added, [("Refund".to_owned(), v2::Refund::FINGERPRINT)]);
    assert_eq!(m.removed, [("Legacy".to_owned(), v1::Legacy::FINGERPRINT)]);
    assert!(m.changed.is_empty());
}

#[test]
fn update_rewrites_and_the_next_verify_passes() {
    let dir = TempDir::new("lockfile-update");
    let path = dir.join("fingerprints.lock");
    check_with(&path, &[entry::<v1::Order>("Order")], Mode::Update).unwrap();
    let before = std::fs::read_to_string(&path).unwrap();
    assert!(before.contains("    price: u32,\n"), "{before}");

    let new = [entry::<v2::Order>("Order"), entry::<v2::Refund>("Refund")];
    assert!(check_with(&path, &new, Mode::Verify).is_err());
    check_with(&path, &new, Mode::Update).unwrap();
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after.contains("    price: u64,\n"), "{after}");
    assert!(after.contains("[Refund]\n"), "{after}");
    check_with(&path, &new, Mode::Verify).unwrap();

    // Updating an up-to-date file leaves it as it is.
    check_with(&path, &new, Mode::Update).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), after);
}

#[test]
fn update_creates_a_missing_file_and_replaces_a_malformed_one() {
    let dir = TempDir::new("lockfile-update-create");
    let path = dir.join("fingerprints.lock");
    check_with(&path, &[entry::<v1::Order>("Order")], Mode::Update).unwrap();
    check_with(&path, &[entry::<v1::Order>("Order")], Mode::Verify).unwrap();
    std::fs::write(&path, "this is not a lockfile\n").unwrap();
    check_with(&path, &[entry::<v1::Order>("Order")], Mode::Update).unwrap();
    check_with(&path, &[entry::<v1::Order>("Order")], Mode::Verify).unwrap();
}

#[test]
fn verify_never_modifies_the_file() {
    let dir = TempDir::new("lockfile-read-only");
    let path = dir.join("fingerprints.lock");
    check_with(&path, &[entry::<v1::Order>("Order")], Mode::Update).unwrap();
    let before = std::fs::read(&path).unwrap();
    // Passing, failing and erroring runs alike.
    check_with(&path, &[entry::<v1::Order>("Order")], Mode::Verify).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), before);
    check_with(&path, &[entry::<v2::Order>("Order")], Mode::Verify).unwrap_err();
    assert_eq!(std::fs::read(&path).unwrap(), before);
    check_with(&path, &[entry::<v2::Refund>("Refund")], Mode::Verify).unwrap_err();
    assert_eq!(std::fs::read(&path).unwrap(), before);

    let stale = String::from_utf8(before.clone())
        .unwrap()
        .replace("u32", "u16");
    std::fs::write(&path, &stale).unwrap();
    check_with(&path, &[entry::<v1::Order>("Order")], Mode::Verify).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), stale);
}

#[test]
fn missing_file_says_how_to_create_it() {
    let dir = TempDir::new("lockfile-missing");
    let path = dir.join("fingerprints.lock");
    let err = check_with(&path, &[entry::<v1::Order>("Order")], Mode::Verify).unwrap_err();
    assert!(matches!(err, LockError::Missing { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("OBJFP_UPDATE=1"), "{message}");
    assert!(message.contains("does not exist"), "{message}");
    assert!(!path.exists());
}

#[test]
fn malformed_garbage_line() {
    let dir = TempDir::new("lockfile-garbage");
    let path = dir.join("fingerprints.lock");
    let (line, message) = parse_error(
        &path,
        "# comment\nversion = 1\n\n[Order]\nfingerprint = 687e03a8c91867b99d3385743f53df619cf4f47355bee50fc8d51637096e5140\nstruct Order {\n    id: u64,\n    what is this\n}\n",
    );
    assert_eq!(line, 8, "{message}");
    assert!(
        message.contains("expected `:` after the field name"),
        "{message}"
    );
    assert!(message.contains("`is`"), "{message}");

    let (line, message) = parse_error(&path, "version = 1\n\nhello world\n");
    assert_eq!(line, 3, "{message}");
    assert!(
        message.contains("expected a type header like `[Order]`"),
        "{message}"
    );

    let (line, message) = parse_error(
        &path,
        "version = 1\n[Order]\nfingerprint = 687e03a8c91867b99d3385743f53df619cf4f47355bee50fc8d51637096e5140\nstruct Order { id: u64 }\n%%%\n",
    );
    assert_eq!(line, 5, "{message}");
    assert!(message.contains("unexpected character `%`"), "{message}");
}

#[test]
fn malformed_bad_hex() {
    let dir = TempDir::new("lockfile-bad-hex");
    let path = dir.join("fingerprints.lock");
    let (line, message) = parse_error(
        &path,
        "version = 1\n\n[Order]\nfingerprint = 687e03a8c91867b99d3385743f53df619cf4f47355bee50fc8d51637096e51zz\nstruct Order;\n",
    );
    assert_eq!(line, 4, "{message}");
    assert!(message.contains("bad fingerprint for `Order`"), "{message}");
    assert!(message.contains("position 62"), "{message}");

    let (line, message) = parse_error(&path, "version = 1\n\n[Order]\nfingerprint = abc\n");
    assert_eq!(line, 4, "{message}");
    assert!(message.contains("64 hex digits"), "{message}");

    let (line, message) = parse_error(&path, "version = 1\n\n[Order]\nstruct Order;\n");
    assert_eq!(line, 4, "{message}");
    assert!(message.contains("expected `fingerprint = <64 hex digits>` after `[Order]`"));
}

#[test]
fn malformed_duplicate_type() {
    let dir = TempDir::new("lockfile-duplicate");
    let path = dir.join("fingerprints.lock");
    let fp = v1::Item::FINGERPRINT;
    let text = format!(
        "version = 1\n\n[Item]\nfingerprint = {fp}\nstruct Item {{\n    sku: string,\n    price: u32,\n}}\n\n[Item]\nfingerprint = {fp}\nstruct Item;\n"
    );
    let (line, message) = parse_error(&path, &text);
    assert_eq!(line, 10, "{message}");
    assert_eq!(
        message,
        "duplicate type `Item`: it is already listed at line 3"
    );

    // A type declared twice inside one section.
    let text = format!("version = 1\n[Item]\nfingerprint = {fp}\nstruct Item;\nstruct Item;\n");
    let (line, message) = parse_error(&path, &text);
    assert_eq!(line, 5, "{message}");
    assert!(message.contains("`Item` is declared twice"), "{message}");
}

#[test]
fn malformed_missing_or_wrong_version() {
    let dir = TempDir::new("lockfile-version");
    let path = dir.join("fingerprints.lock");
    let fp = v1::Item::FINGERPRINT;
    let (line, message) = parse_error(
        &path,
        &format!("# objfp lockfile\n\n[Item]\nfingerprint = {fp}\nstruct Item;\n"),
    );
    assert_eq!(line, 3, "{message}");
    assert!(
        message.contains("expected `version = 2` before anything else"),
        "{message}"
    );

    let (line, message) = parse_error(&path, "");
    assert_eq!(line, 1, "{message}");
    assert!(message.contains("expected `version = 2`"), "{message}");

    let (line, message) = parse_error(&path, "\nversion = 7\n");
    assert_eq!(line, 2, "{message}");
    assert!(
        message.contains("unsupported lockfile version `7`"),
        "{message}"
    );
}

#[test]
fn malformed_descriptions() {
    let dir = TempDir::new("lockfile-descriptions");
    let path = dir.join("fingerprints.lock");
    let fp = v1::Item::FINGERPRINT;
    let cases: &[(&str, usize, &str)] = &[
        // An undeclared type reference.
        (
            "struct Order {\n    items: [Item],\n}\n",
            6,
            "`Item` is not declared in this section",
        ),
        // A missing description.
        ("\n", 4, "expected the description of `Order`"),
        // An unknown declaration keyword.
        ("class Order {}\n", 5, "expected a declaration"),
        // An unterminated string.
        (
            "struct Order {\n    \"id: u64,\n}\n",
            6,
            "unterminated string",
        ),
        // An unclosed struct at the end of the section.
        (
            "struct Order {\n    id: u64,\n",
            6,
            "found the end of the section",
        ),
        // A bad array length.
        (
            "struct Order {\n    id: [u8; x],\n}\n",
            6,
            "an array length",
        ),
        // A 1-tuple without its comma.
        ("struct Order {\n    id: (u8),\n}\n", 6, "`(T,)`"),
        // `#[repr]` on a struct.
        ("#[repr(u8)]\nstruct Order;\n", 5, "only allowed on an enum"),
    ];
    for (body, want_line, want) in cases {
        let text = format!("version = 1\n\n[Order]\nfingerprint = {fp}\n{body}");
        let (line, message) = parse_error(&path, &text);
        assert_eq!(
            (line, message.contains(want)),
            (*want_line, true),
            "{body:?}: {message}"
        );
    }
}

#[test]
fn not_utf8_is_a_parse_error() {
    let dir = TempDir::new("lockfile-utf8");
    let path = dir.join("fingerprints.lock");
    std::fs::write(&path, b"version = 1\n\n[Or\xffder]\n").unwrap();
    let err = Lockfile::read(&path).unwrap_err();
    assert!(matches!(err, LockError::Parse { line: 3, .. }), "{err:?}");
}

#[test]
fn parse_errors_name_file_and_line() {
    let dir = TempDir::new("lockfile-display");
    let path = dir.join("fingerprints.lock");
    std::fs::write(&path, "version = 1\n[Order]\nfingerprint = nope\n").unwrap();
    let err = check_with(&path, &[entry::<v1::Order>("Order")], Mode::Verify).unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("{}:3: bad fingerprint", path.display())),
        "{message}"
    );
    let source: &dyn std::error::Error = &err;
    assert!(source.source().is_none());
}

#[test]
fn every_declaration_kind_round_trips() {
    let dir = TempDir::new("lockfile-round-trip");
    let path = dir.join("fingerprints.lock");
    let entries = objfp::lock_entries![
        kitchen_sink::Host,
        Vec<v1::Order>,
        u32,
        Option<(u8, v1::List)>
    ];
    check_with(&path, &entries, Mode::Update).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("readable IpAddr {\n    human: ip-address,\n    compact: IpAddr#2,\n}"),
        "{text}"
    );
    assert!(
        text.contains("#[repr(i16)]\nenum Code {\n    Low = -3,\n    High = 300,\n}"),
        "{text}"
    );
    assert!(text.contains("    \"@weird name\": Point,\n"), "{text}");
    assert!(
        text.contains("struct Point(\n    f32,\n    #[serde(default)]\n    f64,\n);"),
        "{text}"
    );
    assert!(text.contains("struct Wrapper(u64);\n"), "{text}");
    assert!(
        text.contains(
            "proxy Legacy {\n    serialize: string,\n    deserialize: own,\n    own: Legacy#2,\n}\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("\nstruct Legacy#2 {\n    len: u32,\n}\n"),
        "{text}"
    );
    assert!(
        text.contains("\nopaque Timestamp = \"rfc3339\"\n"),
        "{text}"
    );
    assert!(text.contains("    seen: unix-seconds,\n"), "{text}");
    assert!(
        text.contains("\nopaque unix-seconds = \"unix-seconds\"\n"),
        "{text}"
    );
    assert!(text.contains("struct OneOnWire(u64,);\n"), "{text}");
    assert!(text.contains("    since: UnixSeconds,\n"), "{text}");
    assert!(
        text.contains("\nnamed UnixSeconds = \"unix-seconds\" i64\n"),
        "{text}"
    );
    assert!(
        text.contains("    \"\"(\n        #[serde(skip_serializing)]\n        u8\n    ),\n"),
        "{text}"
    );
    assert!(text.contains("[Vec<v1::Order>]\nfingerprint = "), "{text}");
    assert!(text.contains("type = [Order]\n"), "{text}");
    assert!(text.contains("type = Option<(u8, List)>\n"), "{text}");

    // Make every stored fingerprint stale: the checker then walks each stored description
    // against the current one, and a faithful round trip finds no structural difference.
    let lockfile = Lockfile::parse(&text).unwrap();
    let mut stale = text.clone();
    for (_, fp) in lockfile.iter() {
        let mut bytes = *fp.as_bytes();
        bytes[0] ^= 0xff;
        stale = stale.replace(
            &fp.to_string(),
            &objfp::Fingerprint::from_bytes(bytes).to_string(),
        );
    }
    std::fs::write(&path, &stale).unwrap();
    let Err(LockError::Mismatch(m)) = check_with(&path, &entries, Mode::Verify) else {
        panic!("expected a mismatch")
    };
    assert_eq!(m.changed.len(), 4);
    for changed in &m.changed {
        assert!(
            changed.changes.is_empty(),
            "{}: {:?}",
            changed.name,
            changed.changes
        );
    }
    assert!(
        m.to_string()
            .contains("(no difference in the stored description")
    );
}

#[test]
fn sections_are_sorted_and_rendering_is_deterministic() {
    let a = lock::render(&objfp::lock_entries![v1::Order, v1::Event, v1::Legacy]).unwrap();
    let b = lock::render(&objfp::lock_entries![v1::Legacy, v1::Order, v1::Event]).unwrap();
    assert_eq!(a, b);
    let headers: Vec<&str> = a.lines().filter(|l| l.starts_with('[')).collect();
    assert_eq!(headers, ["[v1::Event]", "[v1::Legacy]", "[v1::Order]"]);
    assert!(a.starts_with("# objfp lockfile"));
    assert!(a.contains("\nversion = 2\nencoding = objfp/2\n"));
}

#[test]
fn the_format_reads_like_the_types() {
    let text = lock::render(&[entry::<v1::Order>("Order")]).unwrap();
    assert_eq!(
        text,
        format!(
            "# objfp lockfile: the serialized shape and fingerprint of each listed wire type.\n\
             # Checked by objfp::lock::check; regenerate with OBJFP_UPDATE=1 cargo test.\n\
             version = 2\n\
             encoding = objfp/2\n\
             \n\
             [Order]\n\
             fingerprint = {}\n\
             struct Order {{\n    \
                 id: u64,\n    \
                 items: [Item],\n    \
                 #[serde(default, skip_serializing_if = \"is_none\")]\n    \
                 note: Option<string>,\n\
             }}\n\
             \n\
             struct Item {{\n    \
                 sku: string,\n    \
                 price: u32,\n\
             }}\n",
            v1::Order::FINGERPRINT
        )
    );
}

#[test]
fn invalid_entries_are_rejected() {
    let dir = TempDir::new("lockfile-entries");
    let path = dir.join("fingerprints.lock");
    let err = check_with(
        &path,
        &[entry::<v1::Order>("Order"), entry::<v2::Order>("Order")],
        Mode::Update,
    )
    .unwrap_err();
    assert!(matches!(err, LockError::InvalidEntry { .. }), "{err:?}");
    assert!(err.to_string().contains("listed twice"));
    assert!(!path.exists());
    let err = check_with(&path, &[entry::<v1::Order>("a\nb")], Mode::Update).unwrap_err();
    assert!(matches!(err, LockError::InvalidEntry { .. }), "{err:?}");
}

#[test]
fn update_variable_values() {
    assert_eq!(Mode::parse(Some("1")), Mode::Update);
    assert_eq!(Mode::parse(Some("true")), Mode::Update);
    assert_eq!(Mode::parse(Some("TRUE")), Mode::Update);
    assert_eq!(Mode::parse(Some("0")), Mode::Verify);
    assert_eq!(Mode::parse(Some("false")), Mode::Verify);
    assert_eq!(Mode::parse(Some("")), Mode::Verify);
    assert_eq!(Mode::parse(None), Mode::Verify);
}

#[test]
fn entry_names_from_the_macro() {
    let entries = objfp::lock_entries![v1::Order, Vec<v1::Item>, u32];
    let names: Vec<&str> = entries.iter().map(|e| e.name()).collect();
    assert_eq!(names, ["v1::Order", "Vec<v1::Item>", "u32"]);
    assert_eq!(entries[0].fingerprint(), v1::Order::FINGERPRINT);
}

/// The checked-in fixture, checked the way a project checks its own lockfile:
/// `OBJFP_UPDATE=1 cargo test -p objfp-tests --test lockfile` rewrites it.
#[test]
fn checked_in_fixture_is_up_to_date() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/fingerprints.lock");
    lock::check(
        path,
        &objfp::lock_entries![v1::Order, v1::Event, v1::List, kitchen_sink::Point],
    )
    .unwrap_or_else(|e| panic!("{e}"));
}

/// A lockfile section with one struct `Deep` whose field has type `ty`.
fn section_with_field(ty: &str) -> String {
    format!(
        "version = 1\n\n[Deep]\nfingerprint = {}\nstruct Deep {{\n    f: {ty},\n}}\n",
        v1::Item::FINGERPRINT
    )
}

/// Audit finding 11.1: a 1.5 KB line nesting `[` or `Option<` 700 deep overflowed the
/// parser's stack (a process abort). Every recursive part of the grammar is bounded: type
/// expressions nest at most 128 deep (the limit the module documentation states), and a
/// deeper one is a parse error on its line, never a crash.
#[test]
fn lockfile_parse_bounds_nesting_depth() {
    let shapes: [(&str, &str); 5] = [
        ("[", "]"),
        ("Option<", ">"),
        ("(", ",)"),
        ("Map<u8, ", ">"),
        ("[", "; 3]"),
    ];
    for (open, close) in shapes {
        for depth in [20_000, 700, 129] {
            let ty = format!("{}u8{}", open.repeat(depth), close.repeat(depth));
            match Lockfile::parse(&section_with_field(&ty)) {
                Err(LockError::Parse { line, message, .. }) => {
                    assert_eq!(line, 6, "{open}: {message}");
                    assert!(message.contains("nested more than 128 deep"), "{message}");
                }
                Err(other) => panic!("{open} x{depth}: expected a parse error, got {other:?}"),
                Ok(_) => panic!("{open} x{depth}: expected a parse error, the text was read"),
            }
        }
        // At the limit the expression is read.
        let ty = format!("{}u8{}", open.repeat(128), close.repeat(128));
        Lockfile::parse(&section_with_field(&ty)).unwrap_or_else(|e| panic!("{open}: {e}"));
    }
    // Every place a type expression can stand: the root, a named shape, a readable one.
    let deep = format!("{}u8{}", "[".repeat(700), "]".repeat(700));
    let fp = v1::Item::FINGERPRINT;
    for body in [
        format!("type = {deep}\n"),
        format!("named N = \"meaning\" {deep}\n"),
        format!("readable R {{\n    human: {deep},\n    compact: u8,\n}}\n"),
        format!("enum E {{\n    A({deep}),\n}}\n"),
    ] {
        let text = format!("version = 1\n\n[Deep]\nfingerprint = {fp}\n{body}");
        let err = Lockfile::parse(&text).unwrap_err();
        assert!(
            err.to_string().contains("nested more than 128 deep"),
            "{err}"
        );
    }
}

/// Audit finding 11.1, second half: a hostile multi-megabyte lockfile is rejected before
/// it is parsed, with the limit in the message (8 MiB, far above any real lockfile).
#[test]
fn lockfile_parse_bounds_input_size() {
    let dir = TempDir::new("lockfile-input-size");
    let path = dir.join("fingerprints.lock");
    let mut text = lock::render(&objfp::lock_entries![v1::Order]).unwrap();
    let comment = "# padding\n";
    while text.len() <= 8 << 20 {
        text.push_str(comment);
    }
    let err = Lockfile::parse(&text).unwrap_err();
    let LockError::Parse { line, message, .. } = &err else {
        panic!("expected a parse error, got {err:?}")
    };
    assert!(message.contains("larger than 8 MiB"), "{message}");
    assert!(*line > 1, "{line}");
    std::fs::write(&path, &text).unwrap();
    let err = Lockfile::read(&path).unwrap_err();
    assert!(err.to_string().contains("larger than 8 MiB"), "{err}");
    // Just under the limit the same file is read.
    text.truncate(8 << 20);
    let cut = text.rfind('\n').unwrap() + 1;
    text.truncate(cut);
    Lockfile::parse(&text).unwrap();
}

mod huge {
    use objfp::{
        Attrs, Description, Field, Fields, Shape, StructKind, StructShape, TypeFingerprint,
    };

    const FIELD: Field = Field {
        name: "f",
        attrs: Attrs::EMPTY,
        ty: || <u8 as TypeFingerprint>::DESCRIPTION,
    };
    /// `    f: u8,\n` is 11 bytes: 800 000 of them are more than 8 MiB.
    static FIELDS: [Field; 800_000] = [FIELD; 800_000];
    pub static WIDE: Description = Description {
        name: "Wide",
        args: &[],
        fingerprint: objfp::Fingerprint::from_bytes([7; 32]),
        shape: Shape::Struct(StructShape {
            kind: StructKind::Named,
            attrs: Attrs::EMPTY,
            fields: Fields::new(&FIELDS),
        }),
    };
}

/// The writer refuses what the reader would: a lockfile over 8 MiB is an error, not a
/// file that every later check rejects.
#[test]
fn lockfile_render_refuses_a_file_parse_would_reject() {
    let err = lock::render(&[lock::Entry::new("Wide", &huge::WIDE)]).unwrap_err();
    assert!(
        matches!(err, LockError::TooLarge { limit, .. } if limit == 8 << 20),
        "{err:?}"
    );
    assert!(err.to_string().contains("split the listed types"), "{err}");
    let dir = TempDir::new("lockfile-too-large");
    let path = dir.join("fingerprints.lock");
    let err = check_with(
        &path,
        &[lock::Entry::new("Wide", &huge::WIDE)],
        Mode::Update,
    );
    assert!(matches!(err, Err(LockError::TooLarge { .. })), "{err:?}");
    assert!(!path.exists());
}

/// `Lk0 { a: Lk1, b: Lk1 }`, `Lk1 { a: Lk2, b: Lk2 }`, ... down to `Lk32 { x: .. }`: 33
/// types, each field type used twice.
macro_rules! chain {
    ($a:ident, $leaf:ty; $($t:ident $next:ident),*) => {
        $(
            #[derive(objfp::TypeFingerprint)]
            pub struct $t {
                pub $a: $next,
                pub b: $next,
            }
        )*
        #[derive(objfp::TypeFingerprint)]
        pub struct Lk32 {
            pub x: $leaf,
        }
    };
}

macro_rules! chain_of_32 {
    ($a:ident, $leaf:ty) => {
        chain!($a, $leaf; Lk0 Lk1, Lk1 Lk2, Lk2 Lk3, Lk3 Lk4, Lk4 Lk5, Lk5 Lk6, Lk6 Lk7,
            Lk7 Lk8, Lk8 Lk9, Lk9 Lk10, Lk10 Lk11, Lk11 Lk12, Lk12 Lk13, Lk13 Lk14,
            Lk14 Lk15, Lk15 Lk16, Lk16 Lk17, Lk17 Lk18, Lk18 Lk19, Lk19 Lk20, Lk20 Lk21,
            Lk21 Lk22, Lk22 Lk23, Lk23 Lk24, Lk24 Lk25, Lk25 Lk26, Lk26 Lk27, Lk27 Lk28,
            Lk28 Lk29, Lk29 Lk30, Lk30 Lk31, Lk31 Lk32);
    };
}

mod chain_v1 {
    chain_of_32!(a, u32);
}

/// Field `a` renamed to `a2` at every level, and the leaf's type changed.
mod chain_v2 {
    chain_of_32!(a2, u64);
}

/// Audit finding 11.3: comparing a lockfile was exponential in the depth of a type whose
/// field types are used twice with a rename at every level (3.3 s at depth 20, 48 s at
/// 24): the rename check compared each pair of subtrees again from scratch, and inside it
/// every level asked again. Depth 32 now gives the exact report, each level explained
/// once: two lines per level and the leaf's change.
#[test]
fn lockfile_compare_is_linear_in_graph_size() {
    let dir = TempDir::new("lockfile-linear");
    let path = dir.join("fingerprints.lock");
    check_with(&path, &[entry::<chain_v1::Lk0>("Lk0")], Mode::Update).unwrap();
    let Err(LockError::Mismatch(m)) =
        check_with(&path, &[entry::<chain_v2::Lk0>("Lk0")], Mode::Verify)
    else {
        panic!("expected a mismatch")
    };
    let lines: Vec<String> = m.changed[0].changes.iter().map(|c| c.to_string()).collect();
    let mut want = Vec::new();
    let mut at = "Lk0".to_owned();
    for level in 1..=32 {
        want.push(format!("{at}.a: field removed (Lk{level})"));
        want.push(format!("{at}.a2: field added (Lk{level})"));
        at.push_str(".b");
    }
    want.push(format!("{at}.x: type changed u32 -> u64"));
    assert_eq!(lines, want);
}

/// `R { n: R, v: u64 }`: a recursive type, so a stored chain of any depth meets a new
/// pair at every level.
#[derive(objfp::TypeFingerprint)]
pub struct R {
    pub n: Box<R>,
    pub v: u64,
}

/// Audit finding 11.1, every recursive walk: the parser is not the only recursion. A
/// stored chain of 50 000 declarations against a recursive type took the diff walk 50 000
/// frames deep (a stack overflow); and the report's paths alone would add up to gigabytes.
/// The walk keeps its own stack and stops at its report budget, saying so.
#[test]
fn lockfile_check_bounds_reference_depth() {
    let depth = 50_000;
    let mut text = format!(
        "version = 2\nencoding = objfp/2\n\n[R]\nfingerprint = {}\n",
        objfp::Fingerprint::from_bytes([1; 32])
    );
    for level in 0..depth {
        text.push_str(&format!(
            "struct L{level} {{\n    n: L{},\n    v: u32,\n}}\n",
            level + 1
        ));
    }
    text.push_str(&format!("struct L{depth} {{\n    v: u32,\n}}\n"));
    let dir = TempDir::new("lockfile-reference-depth");
    let path = dir.join("fingerprints.lock");
    std::fs::write(&path, &text).unwrap();
    let Err(LockError::Mismatch(m)) = check_with(&path, &[entry::<R>("R")], Mode::Verify) else {
        panic!("expected a mismatch")
    };
    let changes = &m.changed[0].changes;
    assert!(changes.len() < 100, "{}", changes.len());
    assert_eq!(changes.last().unwrap().path, "R");
    assert_eq!(
        changes.last().unwrap().kind,
        objfp::diff::ChangeKind::Truncated
    );
    assert!(m.to_string().contains("R: more changes not shown"));
}

/// `options!(u8; x x x)` is `Option<Option<Option<u8>>>`, one per `x`.
macro_rules! options {
    ($t:ty;) => { $t };
    ($t:ty; $head:tt $($rest:tt)*) => { Option<options!($t; $($rest)*)> };
}

/// `vecs!(u8; x x)` is `Vec<Vec<u8>>`, one per `x`.
macro_rules! vecs {
    ($t:ty;) => { $t };
    ($t:ty; $head:tt $($rest:tt)*) => { Vec<vecs!($t; $($rest)*)> };
}

mod deep {
    /// Audit finding 11.2's field: nested 72 deep, which the writer cut off with `…`.
    #[derive(objfp::TypeFingerprint)]
    pub struct Deep72 {
        pub f: options!(u8; x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x),
    }

    /// Deeper than a lockfile expression may nest (128): written with a `type`
    /// declaration for the part below.
    #[derive(objfp::TypeFingerprint)]
    pub struct Deep200 {
        pub f: vecs!(u8; x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x),
    }

    /// A sequence of itself: no finite type expression.
    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    #[serde(transparent)]
    pub struct Tree(pub Vec<Tree>);

    #[derive(objfp::TypeFingerprint)]
    pub struct Forest {
        pub trees: Vec<Tree>,
        pub maybe: Option<Tree>,
    }
}

/// Audit finding 11.2: objfp wrote lockfiles it could not read. A field nested 72 deep
/// was written with `…` (the old cut-off at 64), every later check failed on that
/// character, and `OBJFP_UPDATE=1` wrote it again; `#[serde(transparent)] struct
/// Tree(Vec<Tree>)` (real code) and descriptions that share parts did the same. Whatever
/// the description, the file reads back as the same text and the same shapes.
#[test]
fn lockfile_render_writes_what_parse_reads() {
    let text = lock::render(&objfp::lock_entries![deep::Deep72]).unwrap();
    assert!(!text.contains('…'), "{text}");
    assert!(
        text.contains(&format!(
            "    f: {}u8{},\n",
            "Option<".repeat(72),
            ">".repeat(72)
        )),
        "{text}"
    );
    let text = lock::render(&objfp::lock_entries![deep::Deep200]).unwrap();
    assert!(!text.contains('…'), "{text}");
    let deepest_line = text.lines().map(|l| l.matches('[').count()).max().unwrap();
    assert!(deepest_line <= 128, "{deepest_line}");
    let text = lock::render(&objfp::lock_entries![deep::Tree]).unwrap();
    assert!(text.contains("\ntype Vec = [Vec]\n"), "{text}");

    lock_round_trip!(
        deep::Deep72,
        deep::Deep200,
        deep::Tree,
        deep::Forest,
        Vec<deep::Tree>
    );
    support::lock::round_trip(&[lock::Entry::new("Shared", &support::shapes::shared::A)]);
    let text = lock::render(&[lock::Entry::new("Shared", &support::shapes::shared::A)]).unwrap();
    assert!(text.len() < 20_000, "{} bytes", text.len());

    // The file is also what an update writes, and what the next check reads.
    let dir = TempDir::new("lockfile-writes-what-it-reads");
    let path = dir.join("fingerprints.lock");
    let entries = objfp::lock_entries![deep::Deep72, deep::Deep200, deep::Tree];
    check_with(&path, &entries, Mode::Update).unwrap();
    check_with(&path, &entries, Mode::Verify).unwrap();
}

/// Structs and variants of every form, with 0, 1 and 2 fields, with and without field
/// attributes, written by hand: the derive makes only some of them.
mod kinds {
    use objfp::{
        Attr, Attrs, Description, EnumShape, Field, Fields, Fingerprint, Shape, StructKind,
        StructShape, TypeFingerprint, Variant, Variants,
    };

    const DEFAULT: &[Attr] = &[Attr {
        key: "default",
        value: "",
    }];

    fn field(name: &'static str, attrs: &'static [Attr]) -> Field {
        Field {
            name,
            attrs: Attrs::new(attrs),
            ty: || <u8 as TypeFingerprint>::DESCRIPTION,
        }
    }

    /// `count` fields for `kind`: named `a`, `b` or positional.
    fn fields(kind: StructKind, count: usize, attrs: bool) -> Fields {
        let attrs: &'static [Attr] = if attrs { DEFAULT } else { &[] };
        let names = if kind == StructKind::Named {
            ["a", "b"]
        } else {
            ["", ""]
        };
        Fields::new(Vec::leak(
            names[..count].iter().map(|n| field(n, attrs)).collect(),
        ))
    }

    fn description(shape: Shape, n: u8) -> &'static Description {
        Box::leak(Box::new(Description {
            name: "S",
            args: &[],
            fingerprint: Fingerprint::from_bytes([n; 32]),
            shape,
        }))
    }

    /// A struct and an enum with one variant of that form, for every form, field count
    /// and with or without attributes; the `bool` says whether the form takes that count.
    pub fn all() -> Vec<(String, &'static Description, bool)> {
        let mut out = Vec::new();
        let mut n = 0;
        for kind in [
            StructKind::Named,
            StructKind::Newtype,
            StructKind::Tuple,
            StructKind::Unit,
        ] {
            for count in 0..=2 {
                for attrs in [false, true] {
                    if attrs && count == 0 {
                        continue;
                    }
                    let valid = match kind {
                        StructKind::Unit => count == 0,
                        StructKind::Newtype => count <= 1,
                        _ => true,
                    };
                    n += 1;
                    let label = format!("{kind:?}{count}{}", if attrs { "a" } else { "" });
                    let fields = fields(kind, count, attrs);
                    let strukt = Shape::Struct(StructShape {
                        kind,
                        attrs: Attrs::EMPTY,
                        fields,
                    });
                    out.push((format!("struct {label}"), description(strukt, n), valid));
                    let variants = Variants::new(Vec::leak(vec![Variant {
                        name: "V",
                        attrs: Attrs::EMPTY,
                        discriminant: None,
                        kind,
                        fields,
                    }]));
                    let enumm = Shape::Enum(EnumShape {
                        repr: "",
                        attrs: Attrs::EMPTY,
                        variants,
                    });
                    out.push((format!("enum {label}"), description(enumm, n + 100), valid));
                }
            }
        }
        out
    }

    /// Audit finding 11.4's type: a newtype whose one field the fingerprint leaves out.
    #[derive(objfp::TypeFingerprint)]
    pub struct N(#[fingerprint(skip)] pub u64);

    #[derive(objfp::TypeFingerprint)]
    pub struct S();

    #[derive(objfp::TypeFingerprint)]
    pub struct One(pub u8, #[serde(skip)] pub u8);

    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    pub enum E {
        A(),
        B(u8),
        C(u8, #[serde(skip)] u8),
        D {},
        F,
    }
}

/// Audit finding 11.4: `struct N(#[fingerprint(skip)] u64)` (newtype style, no field on
/// the wire) was written `struct N();` and read back as a tuple struct, so every later
/// check reported "kind changed tuple -> newtype". Every form with every field count the
/// descriptions allow reads back as itself (notation in the `lock` module documentation:
/// `(T)` newtype, `(#[fingerprint(skip)])` newtype without its field, `()` and `(T,)`
/// tuples of none and one); the counts a form cannot have are an error, not a file.
#[test]
fn lockfile_round_trips_every_kind_and_field_count() {
    let text = lock::render(&objfp::lock_entries![kinds::N]).unwrap();
    assert!(
        text.contains("\nstruct N(#[fingerprint(skip)]);\n"),
        "{text}"
    );
    lock_round_trip!(kinds::N, kinds::S, kinds::One, kinds::E);
    for (name, description, valid) in kinds::all() {
        let entry = lock::Entry::new(name.clone(), description);
        if valid {
            support::lock::round_trip(&[entry]);
        } else {
            let err = lock::render(&[entry]).unwrap_err();
            assert!(
                matches!(&err, LockError::InvalidEntry { reason, .. } if reason.contains("malformed")),
                "{name}: {err}"
            );
        }
    }
}

/// Audit finding 11.5 in the lockfile's messages: text from the file is quoted at most 40
/// characters long and with control characters escaped, so a message stays a short line
/// whatever the file holds, and shows what is there.
#[test]
fn lockfile_messages_quote_file_text_shortly() {
    let long = "x".repeat(10_000);
    let err = Lockfile::parse(&section_with_field(&long)).unwrap_err();
    let message = err.to_string();
    assert!(message.len() < 200, "{} bytes", message.len());
    assert!(
        message.contains(&format!("`{}…` is not declared", "x".repeat(40))),
        "{message}"
    );
    let err = Lockfile::parse(&section_with_field("u8\u{0}")).unwrap_err();
    assert!(
        err.to_string().contains("unexpected character `\\u{0}`"),
        "{err}"
    );
    let err = Lockfile::parse(&section_with_field("é")).unwrap_err();
    assert!(
        err.to_string().contains("unexpected character `é`"),
        "{err}"
    );
    let text = format!("version = 1\n[{long}]\nfingerprint = {long}\n");
    let message = Lockfile::parse(&text).unwrap_err().to_string();
    assert!(message.len() < 300, "{message}");
    assert!(
        message.contains("this text has 10000 characters"),
        "{message}"
    );
}

/// Audit finding 11.7: `OBJFP_UPDATE` wrote the lockfile in place, so a check running at
/// the same time could read it empty or half written. The update writes a temporary file
/// next to it and renames it over the lockfile: whoever opened the old file reads the old
/// text whole, whoever opens it after reads the new text whole. Checked without timing:
/// a handle opened before the update still reads the complete old text after it.
#[cfg(unix)]
#[test]
fn lockfile_update_replaces_the_file_atomically() {
    use std::io::{Read, Seek, SeekFrom};

    let dir = TempDir::new("lockfile-atomic");
    let path = dir.join("fingerprints.lock");
    check_with(&path, &[entry::<v1::Order>("Order")], Mode::Update).unwrap();
    let old = std::fs::read_to_string(&path).unwrap();
    let mut reader = std::fs::File::open(&path).unwrap();

    check_with(&path, &[entry::<v2::Order>("Order")], Mode::Update).unwrap();
    let new = std::fs::read_to_string(&path).unwrap();
    assert_ne!(old, new);
    let mut seen = String::new();
    reader.seek(SeekFrom::Start(0)).unwrap();
    reader.read_to_string(&mut seen).unwrap();
    assert_eq!(seen, old, "the file was rewritten in place");

    // Nothing but the lockfile is left next to it.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["fingerprints.lock"]);
}

/// When the update cannot replace the lockfile (here the path is a directory), it fails
/// with the path and removes its temporary file.
#[test]
fn lockfile_update_failure_leaves_no_temporary_file() {
    let dir = TempDir::new("lockfile-atomic-failure");
    let path = dir.join("fingerprints.lock");
    std::fs::create_dir(&path).unwrap();
    std::fs::write(path.join("keep"), "a directory that is not empty").unwrap();
    let err = check_with(&path, &[entry::<v1::Order>("Order")], Mode::Update).unwrap_err();
    assert!(matches!(err, LockError::Io { .. }), "{err:?}");
    assert!(err.to_string().contains("fingerprints.lock"), "{err}");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["fingerprints.lock"]);
}

crate::lock_round_trip_test!(
    v1::Item,
    v1::Order,
    v1::Event,
    v1::Legacy,
    v1::List,
    v2::Item,
    v2::Order,
    v2::Event,
    v2::Meta,
    v2::Refund,
    v2::List,
    kitchen_sink::Host,
    kitchen_sink::Tree,
    kitchen_sink::Code,
    kitchen_sink::Point,
    kitchen_sink::Marker,
    kitchen_sink::Legacy,
    kitchen_sink::Timestamp,
    kitchen_sink::Wrapper,
    kitchen_sink::OneOnWire,
    kitchen_sink::Choice,
    kitchen_sink::UnixSeconds,
    chain_v1::Lk0,
    chain_v2::Lk0,
    chain_v2::Lk32,
    R,
    deep::Deep72,
    deep::Deep200,
    deep::Tree,
    deep::Forest,
    kinds::N,
    kinds::S,
    kinds::One,
    kinds::E,
);

/// The round trip for standard and third-party types (`objfp`'s own impls): maps, sets,
/// wrappers, addresses with a human-readable and a compact form, named and opaque
/// shapes, and `serde_json::Value`, which contains itself.
#[test]
fn lockfile_round_trip_of_std_and_third_party_types() {
    use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
    lock_round_trip!(
        HashMap<String, Vec<u8>>,
        BTreeMap<u64, Option<String>>,
        HashSet<(u8, char)>,
        BTreeSet<i128>,
        VecDeque<f32>,
        Box<str>,
        std::borrow::Cow<'static, str>,
        std::rc::Rc<[u16]>,
        [u8; 32],
        (u8,),
        (),
        std::time::Duration,
        std::time::SystemTime,
        std::net::IpAddr,
        std::net::Ipv6Addr,
        std::net::SocketAddr,
        std::net::SocketAddrV4,
        Result<u8, String>,
        std::ops::Range<u32>,
        std::ops::Bound<i64>,
        std::ffi::CString,
        std::num::NonZeroU32,
        std::marker::PhantomData<u8>,
        chrono::DateTime<chrono::Utc>,
        chrono::NaiveDate,
        uuid::Uuid,
        url::Url,
        rust_decimal::Decimal,
        bigdecimal::BigDecimal,
        semver::Version,
        semver::VersionReq,
        serde_json::Value,
        serde_json::Map<String, serde_json::Value>,
        indexmap::IndexMap<String, u8, std::hash::RandomState>,
        time::OffsetDateTime,
        smallvec::SmallVec<[u8; 4]>,
        arrayvec::ArrayVec<u8, 4>,
        arrayvec::ArrayString<8>,
        bytes::Bytes,
        ipnet::IpNet,
        ordered_float::OrderedFloat<f64>,
        hashbrown::HashMap<u8, u8>,
    );
}

/// Named shapes by hand: over a sequence nested 200 deep, over a sequence of itself, and
/// with a meaning that needs quoting.
mod named {
    use objfp::{Description, Fingerprint, Shape, TypeFingerprint};

    pub static DEEP: Description = Description {
        name: "Deep",
        args: &[],
        fingerprint: Fingerprint::from_bytes([0xd1; 32]),
        shape: Shape::Named {
            name: "very deep",
            inner: || {
                <vecs!(u8; x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x) as TypeFingerprint>::DESCRIPTION
            },
        },
    };

    pub static ITSELF: Description = Description {
        name: "Itself",
        args: &[],
        fingerprint: Fingerprint::from_bytes([0xd2; 32]),
        shape: Shape::Named {
            name: "a \"quoted\"\nmeaning é",
            inner: || &SEQ,
        },
    };

    static SEQ: Description = Description {
        name: "Vec",
        args: &[],
        fingerprint: Fingerprint::from_bytes([0xd3; 32]),
        shape: Shape::Seq(|| &ITSELF),
    };

    pub struct Millis;

    impl TypeFingerprint for Millis {
        const FINGERPRINT: Fingerprint =
            objfp::encoding::named("unix-milliseconds", <i64 as TypeFingerprint>::FINGERPRINT);
        const DESCRIPTION: &'static Description = &Description {
            name: "UnixSeconds",
            args: &[],
            fingerprint: Self::FINGERPRINT,
            shape: Shape::Named {
                name: "unix-milliseconds",
                inner: || <i64 as TypeFingerprint>::DESCRIPTION,
            },
        };
    }

    /// `kitchen_sink::Host` with `since` in milliseconds.
    #[derive(objfp::TypeFingerprint)]
    pub struct Seen {
        pub since: super::kitchen_sink::UnixSeconds,
    }

    pub mod v2 {
        #[derive(objfp::TypeFingerprint)]
        pub struct Seen {
            pub since: super::Millis,
        }
    }
}

/// Item E: named shapes (`named Label = "meaning" T`) survive the restructuring: they
/// round-trip whatever their inner shape and meaning, a stored one is compared by meaning
/// and then by inner shape, and a deep or hostile one is bounded like every declaration.
#[test]
fn lockfile_named_shapes_round_trip_and_are_bounded() {
    let entries = [
        lock::Entry::new("Deep", &named::DEEP),
        lock::Entry::new("Itself", &named::ITSELF),
    ];
    let text = lock::render(&entries).unwrap();
    assert!(
        text.contains("named Itself = \"a \\\"quoted\\\"\\nmeaning é\" [Itself]\n"),
        "{text}"
    );
    assert!(text.contains("named Deep = \"very deep\" [[[["), "{text}");
    support::lock::round_trip(&entries);

    // A stored named shape against the current one: the meaning, then the inner shape.
    let dir = TempDir::new("lockfile-named");
    let path = dir.join("fingerprints.lock");
    check_with(&path, &[entry::<named::Seen>("Seen")], Mode::Update).unwrap();
    let Err(LockError::Mismatch(m)) =
        check_with(&path, &[entry::<named::v2::Seen>("Seen")], Mode::Verify)
    else {
        panic!("expected a mismatch")
    };
    let lines: Vec<String> = m.changed[0].changes.iter().map(|c| c.to_string()).collect();
    assert_eq!(
        lines,
        [r#"Seen.since: meaning changed "unix-seconds" -> "unix-milliseconds""#]
    );

    // Hostile text: bounded as every declaration is.
    let fp = v1::Item::FINGERPRINT;
    let parse =
        |body: &str| Lockfile::parse(&format!("version = 1\n\n[N]\nfingerprint = {fp}\n{body}\n"));
    let deep = format!("{}u8{}", "Option<".repeat(5000), ">".repeat(5000));
    let err = parse(&format!("named N = \"m\" {deep}")).unwrap_err();
    assert!(
        err.to_string().contains("nested more than 128 deep"),
        "{err}"
    );
    let err = parse(&format!("named N = \"{}\" u8 u8", "m".repeat(100_000))).unwrap_err();
    assert!(err.to_string().len() < 300, "{err}");
    for body in [
        "named N = u8",
        "named N = \"m\"",
        "named = \"m\" u8",
        "#[serde(flatten)]\nnamed N = \"m\" u8",
        "named N = \"m\" N",
    ] {
        match parse(body) {
            Err(LockError::Parse { .. }) => {}
            // `named N = "m" N` is a named shape of itself: finite in the file, and read.
            Ok(lockfile) if body.ends_with(" N") => assert!(lockfile.fingerprint("N").is_some()),
            other => panic!("{body:?}: {other:?}"),
        }
    }
}
