//! The fingerprint table, verification messages and decoding by fingerprint.

use objfp::frame::{self, FrameError, Header};
use objfp::{DecodeError, Decoders, FingerprintTable, TypeFingerprint};
use serde::{Deserialize, Serialize};

mod v1 {
    use super::*;

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TypeFingerprint)]
    pub struct Item {
        pub sku: String,
        pub price: u32,
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TypeFingerprint)]
    pub struct Order {
        pub id: u64,
        pub items: Vec<Item>,
    }
}

mod v2 {
    use super::*;

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TypeFingerprint)]
    pub struct Item {
        pub sku: String,
        pub price: u64,
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TypeFingerprint)]
    pub struct Order {
        pub id: u64,
        pub items: Vec<Item>,
        pub note: Option<String>,
    }

    impl From<super::v1::Order> for Order {
        fn from(old: super::v1::Order) -> Self {
            Order {
                id: old.id,
                items: old
                    .items
                    .into_iter()
                    .map(|i| Item {
                        sku: i.sku,
                        price: i.price.into(),
                    })
                    .collect(),
                note: None,
            }
        }
    }
}

/// Same serialized shape as `v1::Order`, different Rust name.
#[derive(Debug, Serialize, Deserialize, TypeFingerprint)]
struct LegacyOrder {
    id: u64,
    items: Vec<v1::Item>,
}

#[derive(Debug, Serialize, Deserialize, TypeFingerprint)]
struct Invoice {
    number: u32,
}

fn table() -> FingerprintTable {
    let mut table = FingerprintTable::new();
    table
        .register::<v2::Order>("OrderV2")
        .register::<v1::Order>("OrderV1")
        .register::<LegacyOrder>("LegacyOrder")
        .register::<Invoice>("Invoice");
    table
}

#[test]
fn lookup_by_fingerprint() {
    let table = table();
    assert_eq!(table.len(), 3);
    assert!(!table.is_empty());

    let entry = table.get(&v2::Order::FINGERPRINT).expect("registered");
    assert_eq!(entry.fingerprint(), v2::Order::FINGERPRINT);
    assert_eq!(entry.name(), "OrderV2");
    assert_eq!(entry.names(), ["OrderV2"]);
    assert_eq!(entry.description().fingerprint, v2::Order::FINGERPRINT);
    assert_eq!(entry.description().name, "Order");

    assert!(table.contains(&Invoice::FINGERPRINT));
    assert!(table.get(&v2::Item::FINGERPRINT).is_none());
    assert!(!table.contains(&u8::FINGERPRINT));
}

#[test]
fn structurally_identical_types_share_an_entry_with_every_name() {
    assert_eq!(LegacyOrder::FINGERPRINT, v1::Order::FINGERPRINT);
    let mut table = table();
    let entry = table.get(&v1::Order::FINGERPRINT).expect("registered");
    assert_eq!(entry.names(), ["LegacyOrder", "OrderV1"]);

    // Registering a name again changes nothing.
    table.register::<LegacyOrder>("LegacyOrder");
    assert_eq!(
        table.get(&v1::Order::FINGERPRINT).unwrap().names(),
        ["LegacyOrder", "OrderV1"]
    );
    assert_eq!(table.len(), 3);
}

#[test]
fn iteration_order_is_by_fingerprint_then_name_whatever_the_registration_order() {
    let forward = table();
    let mut backward = FingerprintTable::new();
    backward
        .register::<Invoice>("Invoice")
        .register::<LegacyOrder>("LegacyOrder")
        .register::<v1::Order>("OrderV1")
        .register::<v2::Order>("OrderV2");

    let listing = |t: &FingerprintTable| -> Vec<(objfp::Fingerprint, Vec<&'static str>)> {
        t.iter()
            .map(|e| (e.fingerprint(), e.names().to_vec()))
            .collect()
    };
    assert_eq!(listing(&forward), listing(&backward));

    let fingerprints: Vec<_> = forward.iter().map(|e| e.fingerprint()).collect();
    let mut sorted = fingerprints.clone();
    sorted.sort();
    assert_eq!(fingerprints, sorted);
    for entry in &forward {
        assert!(entry.names().is_sorted());
    }
    assert_eq!(forward.iter().len(), 3);
    assert_eq!(
        forward
            .iter()
            .rev()
            .map(|e| e.fingerprint())
            .collect::<Vec<_>>(),
        sorted.into_iter().rev().collect::<Vec<_>>()
    );
}

#[test]
fn register_description_of_a_reachable_type() {
    let mut table = FingerprintTable::new();
    if let objfp::Shape::Seq(item) = <Vec<v1::Item> as TypeFingerprint>::DESCRIPTION.shape {
        table.register_description("Item", item());
    }
    assert_eq!(
        table.get(&v1::Item::FINGERPRINT).map(|e| e.name()),
        Some("Item")
    );
}

#[test]
fn verify_without_a_table() {
    assert!(objfp::verify::<v2::Order>(&v2::Order::FINGERPRINT).is_ok());

    let err = objfp::verify::<v2::Order>(&v1::Order::FINGERPRINT).unwrap_err();
    assert_eq!(err.expected(), v2::Order::FINGERPRINT);
    assert_eq!(err.received(), v1::Order::FINGERPRINT);
    assert!(
        err.expected_type().ends_with("v2::Order"),
        "{}",
        err.expected_type()
    );
    assert!(err.received_description().is_none());
    assert!(err.received_names().is_empty());
    assert!(err.changes().is_empty());

    let text = err.to_string();
    assert!(text.contains("`Order`"), "{text}");
    assert!(
        text.contains(&v2::Order::FINGERPRINT.short().to_string()),
        "{text}"
    );
    assert!(
        text.contains(&v1::Order::FINGERPRINT.short().to_string()),
        "{text}"
    );
    assert!(text.contains("FingerprintTable"), "{text}");
    assert!(text.lines().count() >= 3, "{text}");

    let as_error: &dyn std::error::Error = &err;
    assert!(as_error.source().is_none());
    assert!(format!("{err:?}").contains("Mismatch"));
}

#[test]
fn verify_with_a_table_names_the_writer_and_explains_the_change() {
    let table = table();
    assert!(table.verify::<v2::Order>(&v2::Order::FINGERPRINT).is_ok());

    let err = table
        .verify::<v2::Order>(&v1::Order::FINGERPRINT)
        .unwrap_err();
    assert_eq!(err.received_names(), ["LegacyOrder", "OrderV1"]);
    assert_eq!(
        err.received_description().map(|d| d.fingerprint),
        Some(v1::Order::FINGERPRINT)
    );
    let changes: Vec<String> = err.changes().iter().map(|c| c.to_string()).collect();
    assert_eq!(
        changes,
        objfp::diff::diff(v1::Order::DESCRIPTION, v2::Order::DESCRIPTION)
            .iter()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
    );
    assert!(
        changes
            .iter()
            .any(|c| c == "Order.items[].price: type changed u32 -> u64"),
        "{changes:?}"
    );

    let text = err.to_string();
    assert!(
        text.contains("`LegacyOrder` (same shape: `OrderV1`)"),
        "{text}"
    );
    assert!(
        text.contains("Order.items[].price: type changed u32 -> u64"),
        "{text}"
    );
    assert!(
        text.contains(&v1::Order::FINGERPRINT.short().to_string()),
        "{text}"
    );
    println!("{text}");
}

#[test]
fn verify_with_a_table_that_does_not_know_the_fingerprint() {
    let table = table();
    let err = table
        .verify::<v2::Order>(&v2::Item::FINGERPRINT)
        .unwrap_err();
    assert!(err.received_description().is_none());
    assert!(err.received_names().is_empty());
    assert!(err.changes().is_empty());
    let text = err.to_string();
    assert!(text.contains("not in the table"), "{text}");
    assert!(
        text.contains(&v2::Item::FINGERPRINT.short().to_string()),
        "{text}"
    );
}

fn decoders() -> Decoders<v2::Order, postcard::Error> {
    let mut decoders = Decoders::new();
    decoders
        .register::<v1::Order>(|bytes| {
            postcard::from_bytes::<v1::Order>(bytes).map(v2::Order::from)
        })
        .register::<v2::Order>(|bytes| postcard::from_bytes(bytes));
    decoders
}

fn framed<T: TypeFingerprint + Serialize>(value: &T) -> Vec<u8> {
    let mut out = Header::of::<T>().to_bytes().to_vec();
    out.extend(postcard::to_allocvec(value).unwrap());
    out
}

fn sample_v1() -> v1::Order {
    v1::Order {
        id: 7,
        items: vec![v1::Item {
            sku: "A-1".into(),
            price: 250,
        }],
    }
}

#[test]
fn decoders_accept_both_versions_and_upgrade_the_old_one() {
    let decoders = decoders();
    assert_eq!(decoders.len(), 2);
    assert!(decoders.accepts(&v1::Order::FINGERPRINT));
    assert!(decoders.accepts(&v2::Order::FINGERPRINT));

    let upgraded = decoders.decode(&framed(&sample_v1())).unwrap();
    assert_eq!(upgraded, v2::Order::from(sample_v1()));

    let current = v2::Order {
        id: 8,
        items: vec![],
        note: Some("gift".into()),
    };
    assert_eq!(decoders.decode(&framed(&current)).unwrap(), current);

    // The same payload without the header, its fingerprint carried elsewhere.
    let payload = postcard::to_allocvec(&sample_v1()).unwrap();
    assert_eq!(
        decoders
            .decode_payload(&v1::Order::FINGERPRINT, &payload)
            .unwrap()
            .id,
        7
    );
}

#[test]
fn decoders_reject_an_unknown_fingerprint_listing_what_they_accept() {
    let decoders = decoders();
    let err = decoders
        .decode(&framed(&Invoice { number: 1 }))
        .unwrap_err();
    let DecodeError::UnknownFingerprint { found, accepted } = &err else {
        panic!("expected UnknownFingerprint, got {err}");
    };
    assert_eq!(*found, Invoice::FINGERPRINT);
    let mut want = vec![v1::Order::FINGERPRINT, v2::Order::FINGERPRINT];
    want.sort();
    assert_eq!(accepted.iter().map(|a| a.0).collect::<Vec<_>>(), want);
    assert!(accepted.iter().any(|a| a.1.ends_with("v1::Order")));

    let text = err.to_string();
    assert!(text.contains("unknown fingerprint"), "{text}");
    assert!(
        text.contains(&Invoice::FINGERPRINT.short().to_string()),
        "{text}"
    );
    for fp in want {
        assert!(text.contains(&fp.short().to_string()), "{text}");
    }
    // `v1::Order` and `v2::Order` would both read `Order`: the list shows full paths.
    assert!(text.contains("runtime_table::v1::Order"), "{text}");
    assert!(text.contains("runtime_table::v2::Order"), "{text}");
    assert!(std::error::Error::source(&err).is_none());

    let empty: Decoders<(), ()> = Decoders::new();
    let err = empty.decode(&Header::of::<u8>().to_bytes()).unwrap_err();
    assert!(
        matches!(&err, DecodeError::UnknownFingerprint { accepted, .. } if accepted.is_empty())
    );
}

#[test]
fn decoders_report_frame_and_payload_errors() {
    let decoders = decoders();

    let err = decoders.decode(b"not a frame at all").unwrap_err();
    assert!(matches!(
        err,
        DecodeError::Frame(FrameError::BadMagic { .. })
    ));
    assert!(std::error::Error::source(&err).is_some());

    let mut truncated = framed(&sample_v1());
    truncated.truncate(frame::HEADER_LEN + 2);
    let err = decoders.decode(&truncated).unwrap_err();
    let DecodeError::Payload {
        type_name,
        fingerprint,
        error,
    } = &err
    else {
        panic!("expected a payload error, got {err}");
    };
    assert!(type_name.ends_with("v1::Order"));
    assert_eq!(*fingerprint, v1::Order::FINGERPRINT);
    assert_eq!(*error, postcard::Error::DeserializeUnexpectedEnd);
    let text = err.to_string();
    assert!(text.contains("`Order`"), "{text}");
    assert!(std::error::Error::source(&err).is_some());
}

#[test]
fn a_later_decoder_for_the_same_fingerprint_replaces_the_earlier() {
    let mut decoders: Decoders<&'static str, ()> = Decoders::new();
    decoders
        .register::<v1::Order>(|_| Ok("first"))
        .register::<LegacyOrder>(|_| Ok("second"));
    assert_eq!(decoders.len(), 1);
    assert_eq!(
        decoders.decode(&Header::of::<v1::Order>().to_bytes()).ok(),
        Some("second")
    );
}

#[test]
fn lookup_when_fingerprints_share_long_prefixes() {
    // Synthetic descriptions whose fingerprints agree on their first 8 (or 31) bytes.
    fn leak(fp: [u8; 32]) -> &'static objfp::Description {
        Box::leak(Box::new(objfp::Description {
            name: "Synthetic",
            args: &[],
            fingerprint: objfp::Fingerprint::from_bytes(fp),
            shape: objfp::Shape::Opaque("synthetic"),
        }))
    }
    let mut fps = Vec::new();
    for last in [9u8, 3, 200, 0, 77] {
        let mut fp = [0x42; 32];
        fp[31] = last;
        fps.push(fp);
        let mut other = [0x42; 32];
        other[8] = last;
        fps.push(other);
    }
    let mut table = FingerprintTable::new();
    for (i, fp) in fps.iter().enumerate() {
        let name: &'static str = Box::leak(format!("T{i}").into_boxed_str());
        table.register_description(name, leak(*fp));
    }
    assert_eq!(table.len(), fps.len());
    for (i, fp) in fps.iter().enumerate() {
        let entry = table
            .get(&objfp::Fingerprint::from_bytes(*fp))
            .expect("present");
        assert_eq!(entry.name(), format!("T{i}"));
    }
    let mut absent = [0x42; 32];
    absent[31] = 1;
    assert!(table.get(&objfp::Fingerprint::from_bytes(absent)).is_none());
    absent = [0x41; 32];
    assert!(table.get(&objfp::Fingerprint::from_bytes(absent)).is_none());
    absent = [0xff; 32];
    assert!(table.get(&objfp::Fingerprint::from_bytes(absent)).is_none());
    let listed: Vec<_> = table.iter().map(|e| e.fingerprint()).collect();
    assert!(listed.is_sorted());
}

mod support;

crate::lock_round_trip_test!(
    v1::Item,
    v1::Order,
    v2::Item,
    v2::Order,
    LegacyOrder,
    Invoice
);

// ---------------------------------------------------------------------------------------
// Readers that accept older versions when they are backward compatible
// (`FingerprintTable::verify_compatible`, `Decoders::accept_older`). Each verdict is
// checked against the real format too: an accepted version decodes faithfully, a refused
// one does not.

mod evolving {
    use super::*;

    pub mod v1 {
        use super::*;
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TypeFingerprint)]
        pub struct Order {
            pub id: u64,
            pub items: Vec<String>,
        }
    }

    /// A field with a default: v2 reads v1's JSON (the note is `None`), not its postcard.
    pub mod v2 {
        use super::*;
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TypeFingerprint)]
        pub struct Order {
            pub id: u64,
            pub items: Vec<String>,
            #[serde(default)]
            pub note: Option<String>,
        }
    }

    /// A legacy version whose ids were strings: v2 reads it in no format.
    pub mod v0 {
        use super::*;
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TypeFingerprint)]
        pub struct Order {
            pub id: String,
            pub items: Vec<String>,
        }
    }

    pub fn old() -> v1::Order {
        v1::Order {
            id: 7,
            items: vec!["tea".into()],
        }
    }

    pub fn json_frame<T: TypeFingerprint + Serialize>(value: &T) -> Vec<u8> {
        let mut out = Header::of::<T>().to_bytes().to_vec();
        out.extend(serde_json::to_vec(value).unwrap());
        out
    }
}

use evolving::{v0, v1 as e1, v2 as e2};
use objfp::compat::{Format, Policy};
use objfp::table::Accepted;

fn versions() -> FingerprintTable {
    let mut table = FingerprintTable::new();
    table
        .register::<e1::Order>("OrderV1")
        .register::<v0::Order>("OrderV0")
        .register::<e2::Order>("Order");
    table
}

#[test]
fn a_table_accepts_an_older_version_the_reader_reads_in_its_format() {
    let table = versions();
    assert!(matches!(
        table.verify_compatible::<e2::Order>(&e2::Order::FINGERPRINT, Format::Json),
        Ok(Accepted::Same)
    ));
    match table
        .verify_compatible::<e2::Order>(&e1::Order::FINGERPRINT, Format::Json)
        .unwrap()
    {
        Accepted::Compatible {
            entry,
            format,
            report,
        } => {
            assert_eq!(entry.names(), ["OrderV1"]);
            assert_eq!(format, Format::Json);
            assert!(report.satisfies(Policy::backward(Format::Json)));
        }
        other => panic!("{other:?}"),
    }
    // The format agrees: the old JSON reads as the new type.
    let bytes = serde_json::to_vec(&evolving::old()).unwrap();
    let read: e2::Order = serde_json::from_slice(&bytes).unwrap();
    assert_eq!((read.id, read.note), (7, None));
}

#[test]
fn a_table_refuses_a_version_the_reader_does_not_read_naming_the_change() {
    let table = versions();
    // v1 in postcard: no lengths, so the new field is read from whatever follows.
    let err = table
        .verify_compatible::<e2::Order>(&e1::Order::FINGERPRINT, Format::Postcard)
        .unwrap_err();
    assert_eq!(err.format(), Some(Format::Postcard));
    assert_eq!(err.received_names(), ["OrderV1"]);
    let report = err.compat_report().unwrap();
    let breaking: Vec<&str> = report
        .breaking(Policy::backward(Format::Postcard))
        .map(|f| f.path())
        .collect();
    assert_eq!(breaking, ["Order.note"]);
    let text = err.to_string();
    for line in [
        "received: ",
        "`Order` does not read what `OrderV1` writes in postcard: these changes break backward compatibility",
        "    Order.note: field added (#[serde(default)] Option<string>)  backward: json cbor msgpack msgpack-named; breaking: postcard bincode bincode-fixint",
        "      [field-appended-default] ",
    ] {
        assert!(text.contains(line), "missing {line:?} in:\n{text}");
    }
    // The format agrees: v1 values in a sequence do not come back as v2 values.
    let seq = postcard::to_allocvec(&vec![evolving::old(), evolving::old()]).unwrap();
    let read = postcard::from_bytes::<Vec<e2::Order>>(&seq);
    assert!(
        read.as_ref().is_err() || read.as_ref().unwrap().len() != 2,
        "{read:?}"
    );

    // v0 in JSON: a string id is not a number.
    let err = table
        .verify_compatible::<e2::Order>(&v0::Order::FINGERPRINT, Format::Json)
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("    Order.id: type changed string -> u64  backward: none;"),
        "{err}"
    );
    let legacy = serde_json::to_vec(&v0::Order {
        id: "7".into(),
        items: vec![],
    })
    .unwrap();
    assert!(serde_json::from_slice::<e2::Order>(&legacy).is_err());

    // A fingerprint the table does not know is not compared at all.
    let err = table
        .verify_compatible::<e2::Order>(&u8::FINGERPRINT, Format::Json)
        .unwrap_err();
    assert!(err.compat_report().is_none() && err.format().is_none());
    assert!(err.to_string().contains("not in the table"), "{err}");
}

fn json_reader() -> Decoders<e2::Order, serde_json::Error> {
    let mut decoders = Decoders::new();
    decoders
        .register::<e2::Order>(|b| serde_json::from_slice(b))
        .accept_older::<e1::Order, e2::Order>(Format::Json)
        .accept_older::<v0::Order, e2::Order>(Format::Json);
    decoders
}

#[test]
fn decoders_read_a_compatible_older_version_with_the_readers_decoder() {
    let decoders = json_reader();
    assert!(decoders.accepts(&e1::Order::FINGERPRINT));
    assert!(!decoders.accepts(&v0::Order::FINGERPRINT));
    // Only the registered decoder is listed.
    assert_eq!(decoders.len(), 1);
    let read = decoders
        .decode(&evolving::json_frame(&evolving::old()))
        .unwrap();
    assert_eq!(
        read,
        e2::Order {
            id: 7,
            items: vec!["tea".into()],
            note: None
        }
    );
}

#[test]
fn decoders_refuse_an_incompatible_older_version_naming_the_change() {
    let decoders = json_reader();
    let frame = evolving::json_frame(&v0::Order {
        id: "7".into(),
        items: vec![],
    });
    let err = decoders.decode(&frame).unwrap_err();
    let DecodeError::Incompatible {
        found,
        format,
        report,
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(*found, v0::Order::FINGERPRINT);
    assert_eq!(*format, Format::Json);
    assert!(!report.backward(Format::Json));
    let text = err.to_string();
    for line in [
        "refused data written as `runtime_table::evolving::v0::Order`",
        "does not read it faithfully in json",
        "    Order.id: type changed string -> u64  backward: none; breaking: json",
        "      [primitive-changed] ",
    ] {
        assert!(text.contains(line), "missing {line:?} in:\n{text}");
    }
    // The same older version in a format the reader's type does read is accepted: the
    // check is per format.
    let mut postcard_reader: Decoders<e2::Order, postcard::Error> = Decoders::new();
    postcard_reader
        .register::<e2::Order>(|b| postcard::from_bytes(b))
        .accept_older::<e1::Order, e2::Order>(Format::Postcard);
    let mut frame = Header::of::<e1::Order>().to_bytes().to_vec();
    frame.extend(postcard::to_allocvec(&evolving::old()).unwrap());
    assert!(matches!(
        postcard_reader.decode(&frame),
        Err(DecodeError::Incompatible { .. })
    ));
}

#[test]
fn an_older_version_needs_the_readers_decoder_and_yields_to_its_own() {
    // The reader's type has no decoder: the older version is unknown, as before.
    let mut decoders: Decoders<e2::Order, serde_json::Error> = Decoders::new();
    decoders.accept_older::<e1::Order, e2::Order>(Format::Json);
    assert!(matches!(
        decoders.decode(&evolving::json_frame(&evolving::old())),
        Err(DecodeError::UnknownFingerprint { .. })
    ));
    // A decoder of the older version's own takes precedence.
    decoders
        .register::<e2::Order>(|b| serde_json::from_slice(b))
        .register::<e1::Order>(|_| {
            Ok(e2::Order {
                id: 0,
                items: vec![],
                note: Some("upgraded".into()),
            })
        });
    let read = decoders
        .decode(&evolving::json_frame(&evolving::old()))
        .unwrap();
    assert_eq!(read.note.as_deref(), Some("upgraded"));
}
