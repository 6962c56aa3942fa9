//! A versioned message stream: writers of three versions of `Order` send postcard payloads
//! framed with the objfp header; a reader that knows versions 1 and 2 decodes both
//! (upgrading version 1 as it reads), and rejects version 3, which it has never seen, with
//! a message a person can act on.
//!
//! Run with `cargo run -p objfp --example versioned_stream --features serde`.

use objfp::frame::{self, HEADER_LEN};
use objfp::{Decoders, FingerprintTable, TypeFingerprint};
use serde::{Deserialize, Serialize};

/// What the oldest writers still send.
mod v1 {
    use super::*;

    #[derive(Debug, Serialize, Deserialize, TypeFingerprint)]
    pub struct Item {
        pub sku: String,
        pub price_cents: u32,
    }

    #[derive(Debug, Serialize, Deserialize, TypeFingerprint)]
    pub struct Order {
        pub id: u64,
        pub items: Vec<Item>,
    }
}

/// The current version: wider prices and a note.
mod v2 {
    use super::*;

    #[derive(Debug, Serialize, Deserialize, TypeFingerprint)]
    pub struct Item {
        pub sku: String,
        pub price_cents: u64,
    }

    #[derive(Debug, Serialize, Deserialize, TypeFingerprint)]
    pub struct Order {
        pub id: u64,
        pub items: Vec<Item>,
        pub note: Option<String>,
    }

    /// Reading version 1 upgrades it.
    impl From<super::v1::Order> for Order {
        fn from(old: super::v1::Order) -> Self {
            Order {
                id: old.id,
                items: old
                    .items
                    .into_iter()
                    .map(|item| Item {
                        sku: item.sku,
                        price_cents: item.price_cents.into(),
                    })
                    .collect(),
                note: None,
            }
        }
    }
}

/// A newer writer, deployed before this reader was upgraded.
mod v3 {
    use super::*;

    #[derive(Debug, Serialize, Deserialize, TypeFingerprint)]
    pub struct Order {
        pub id: u64,
        pub items: Vec<super::v2::Item>,
        pub note: Option<String>,
        pub currency: String,
    }
}

/// Appends one message to the stream: a `u32` length, then the frame (the 37-byte
/// header and the postcard payload).
fn send<T: Serialize + TypeFingerprint>(stream: &mut Vec<u8>, message: &T) {
    let payload = postcard::to_allocvec(message).expect("postcard serializes the message");
    let mut framed = vec![0u8; HEADER_LEN];
    frame::write_header(&T::FINGERPRINT, &mut framed).expect("the buffer holds a header");
    framed.extend_from_slice(&payload);
    let len = u32::try_from(framed.len()).expect("a message under 4 GiB");
    stream.extend_from_slice(&len.to_le_bytes());
    stream.extend_from_slice(&framed);
}

/// Splits the stream into frames.
fn frames(mut stream: &[u8]) -> impl Iterator<Item = &[u8]> {
    std::iter::from_fn(move || {
        let (len, rest) = stream.split_first_chunk::<4>()?;
        let len = usize::try_from(u32::from_le_bytes(*len)).ok()?;
        let (framed, rest) = rest.split_at_checked(len)?;
        stream = rest;
        Some(framed)
    })
}

fn main() {
    // The writers.
    let mut stream = Vec::new();
    send(
        &mut stream,
        &v1::Order {
            id: 1,
            items: vec![v1::Item {
                sku: "TEA-01".into(),
                price_cents: 450,
            }],
        },
    );
    send(
        &mut stream,
        &v2::Order {
            id: 2,
            items: vec![v2::Item {
                sku: "CUP-07".into(),
                price_cents: 5_000_000_000,
            }],
            note: Some("gift wrap".into()),
        },
    );
    send(
        &mut stream,
        &v3::Order {
            id: 3,
            items: vec![],
            note: None,
            currency: "EUR".into(),
        },
    );
    // Something that is not a frame at all.
    stream.extend_from_slice(&9u32.to_le_bytes());
    stream.extend_from_slice(b"{\"id\": 4}");

    // The reader knows versions 1 and 2 and produces version 2.
    let mut decoders: Decoders<v2::Order, postcard::Error> = Decoders::new();
    decoders
        .register_named::<v1::Order>("OrderV1", |bytes| {
            postcard::from_bytes::<v1::Order>(bytes).map(Into::into)
        })
        .register_named::<v2::Order>("OrderV2", |bytes| postcard::from_bytes(bytes));

    let mut known = FingerprintTable::new();
    known
        .register::<v1::Order>("OrderV1")
        .register::<v2::Order>("OrderV2");

    println!("reader accepts:");
    for entry in &known {
        println!(
            "  {}  {}",
            entry.fingerprint().short(),
            entry.names().join(", ")
        );
    }
    println!(
        "(a newer writer sends OrderV3 = {})",
        v3::Order::FINGERPRINT.short()
    );
    println!();

    for (i, framed) in frames(&stream).enumerate() {
        println!("message {}:", i + 1);
        let written_as = frame::read_header(framed)
            .ok()
            .and_then(|(header, _)| known.get(&header.fingerprint))
            .map_or("?", |entry| entry.name());
        match decoders.decode(framed) {
            Ok(order) => println!("  accepted (written as {written_as}): {order:?}"),
            Err(err) => {
                println!("  rejected:");
                for line in err.to_string().lines() {
                    println!("    {line}");
                }
            }
        }

        // A strict consumer that takes only the current version explains what it sees.
        if let Ok((header, _)) = frame::read_header(framed)
            && let Err(mismatch) = known.verify::<v2::Order>(&header.fingerprint)
        {
            println!("  a reader of OrderV2 only would say:");
            for line in mismatch.to_string().lines() {
                println!("    {line}");
            }
        }
        println!();
    }

    tagged_json();
}

/// With the `serde` feature, a value can carry its fingerprint inside the payload instead
/// of a header: `Tagged<T>` refuses data written as another shape.
#[cfg(feature = "serde")]
fn tagged_json() {
    use objfp::Tagged;

    let old = Tagged::new(v1::Order {
        id: 5,
        items: vec![],
    });
    let json = serde_json::to_string(&old).expect("serde_json serializes the message");
    println!("tagged JSON from an OrderV1 writer: {json}");
    match serde_json::from_str::<Tagged<v2::Order>>(&json) {
        Ok(order) => println!("  accepted: {:?}", order.value),
        Err(err) => println!("  Tagged<OrderV2> refuses it: {err}"),
    }
}

#[cfg(not(feature = "serde"))]
fn tagged_json() {
    println!("(run with `--features serde` to see `Tagged<T>` refuse a JSON message)");
}
