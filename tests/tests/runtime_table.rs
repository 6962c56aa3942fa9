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
