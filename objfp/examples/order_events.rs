//! The whole objfp workflow on a small versioned protocol: order events written to a file
//! with postcard, each framed with its type's fingerprint.
//!
//! 1. `OrderEventV1` is pinned: a change to its shape would fail the build (see README,
//!    "Real-world example", for the error).
//! 2. `OrderEventV2` is the change that would have broken that pin (wider amounts, a new
//!    variant); it gets a pin of its own.
//! 3. The lockfile check shows a reviewer what changed between the two, as paths.
//! 4. A reader that accepts both versions through a decoder table, upgrading V1 events,
//!    and refuses bytes it cannot place.
//!
//! Run with `cargo run -p objfp --example order_events`.

use std::fs;
use std::io::{self, Read, Write};

use objfp::frame::{self, HEADER_LEN};
use objfp::lock::{self, Mode};
use objfp::{Decoders, TypeFingerprint};
use serde::{Deserialize, Serialize};

/// Version 1, as deployed writers send it. Pinned: changing its shape is a build error.
#[derive(Debug, Serialize, Deserialize, TypeFingerprint)]
#[serde(rename_all = "snake_case")]
#[fingerprint(expect = "83efc2fa2f1adbe203e825b784a805bbd2d9f39d5ecbf0a06956cbec148c92d3")]
pub enum OrderEventV1 {
    Placed { order_id: u64, amount_cents: u32 },
    Cancelled { order_id: u64 },
}

/// Version 2: amounts in `u64`, and refunds.
#[derive(Debug, Serialize, Deserialize, TypeFingerprint)]
#[serde(rename_all = "snake_case")]
#[fingerprint(expect = "6df6255f6c91df40957f6d7685f65da983a4b5686712d4dc56fc68614bda2a20")]
pub enum OrderEventV2 {
    Placed { order_id: u64, amount_cents: u64 },
    Cancelled { order_id: u64 },
    Refunded { order_id: u64, amount_cents: u64 },
}

impl From<OrderEventV1> for OrderEventV2 {
    fn from(old: OrderEventV1) -> Self {
        match old {
            OrderEventV1::Placed {
                order_id,
                amount_cents,
            } => OrderEventV2::Placed {
                order_id,
                amount_cents: amount_cents.into(),
            },
            OrderEventV1::Cancelled { order_id } => OrderEventV2::Cancelled { order_id },
        }
    }
}

/// Appends one framed event: header (magic, version, fingerprint), length, postcard body.
fn write_event<T: Serialize + TypeFingerprint>(out: &mut impl Write, event: &T) -> io::Result<()> {
    let body = postcard::to_allocvec(event).map_err(io::Error::other)?;
    let mut header = [0u8; HEADER_LEN];
    frame::write_header(&T::FINGERPRINT, &mut header).map_err(io::Error::other)?;
    out.write_all(&((HEADER_LEN + body.len()) as u32).to_le_bytes())?;
    out.write_all(&header)?;
    out.write_all(&body)
}

fn read_frames(mut input: impl Read) -> io::Result<Vec<Vec<u8>>> {
    let mut frames = Vec::new();
    let mut len = [0u8; 4];
    while input.read_exact(&mut len).is_ok() {
        let mut frame = vec![0u8; u32::from_le_bytes(len) as usize];
        input.read_exact(&mut frame)?;
        frames.push(frame);
    }
    Ok(frames)
}

fn main() -> io::Result<()> {
    let dir = std::env::temp_dir().join(format!("objfp-order-events-{}", std::process::id()));
    fs::create_dir_all(&dir)?;

    println!("1. pinned fingerprints");
    println!("   OrderEventV1 {}", OrderEventV1::FINGERPRINT);
    println!("   OrderEventV2 {}", OrderEventV2::FINGERPRINT);

    println!("\n2. a lockfile written for V1, checked after the V2 change");
    let lockfile = dir.join("fingerprints.lock");
    let before = [lock::entry::<OrderEventV1>("OrderEvent")];
    let after = [lock::entry::<OrderEventV2>("OrderEvent")];
    lock::check_with(&lockfile, &before, Mode::Update).map_err(io::Error::other)?;
    match lock::check_with(&lockfile, &after, Mode::Verify) {
        Ok(()) => println!("   unchanged"),
        Err(err) => println!("{}", indent(&err.to_string())),
    }

    println!("\n3. an event log written by V1 and V2 writers, and a stray record");
    let log = dir.join("events.bin");
    let mut out = fs::File::create(&log)?;
    write_event(
        &mut out,
        &OrderEventV1::Placed {
            order_id: 1,
            amount_cents: 1250,
        },
    )?;
    write_event(
        &mut out,
        &OrderEventV2::Refunded {
            order_id: 1,
            amount_cents: 250,
        },
    )?;
    write_event(&mut out, &OrderEventV1::Cancelled { order_id: 2 })?;
    let stray = b"{\"type\":\"placed\"}";
    out.write_all(&(stray.len() as u32).to_le_bytes())?;
    out.write_all(stray)?;
    drop(out);

    println!("\n4. a V2 reader that upgrades V1 events");
    let mut decoders: Decoders<OrderEventV2, postcard::Error> = Decoders::new();
    decoders.register::<OrderEventV2>(|bytes| postcard::from_bytes(bytes));
    decoders.register::<OrderEventV1>(|bytes| {
        postcard::from_bytes::<OrderEventV1>(bytes).map(OrderEventV2::from)
    });
    for (i, frame) in read_frames(fs::File::open(&log)?)?.iter().enumerate() {
        match decoders.decode(frame) {
            Ok(event) => println!("   record {i}: {event:?}"),
            Err(err) => println!("   record {i}: rejected:\n{}", indent(&err.to_string())),
        }
    }

    fs::remove_dir_all(&dir)
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("     {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}
