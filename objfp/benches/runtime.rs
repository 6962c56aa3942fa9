//! Run-time costs: verification, table lookup, frame headers, decoder dispatch.
//!
//! `cargo bench -p objfp --bench runtime`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use objfp::frame::{self, HEADER_LEN, Header};
use objfp::{Decoders, Description, Fingerprint, FingerprintTable, Shape, TypeFingerprint};

#[allow(dead_code)]
#[derive(TypeFingerprint)]
struct ItemV1 {
    sku: String,
    price: u32,
}

#[allow(dead_code)]
#[derive(TypeFingerprint)]
struct OrderV1 {
    id: u64,
    items: Vec<ItemV1>,
}

#[allow(dead_code)]
#[derive(TypeFingerprint)]
struct Item {
    sku: String,
    price: u64,
}

#[allow(dead_code)]
#[derive(TypeFingerprint)]
struct Order {
    id: u64,
    items: Vec<Item>,
    note: Option<String>,
}

/// A table of `n` entries: `n - 2` synthetic descriptions with pseudo-random fingerprints,
/// plus `OrderV1` and `Order`.
fn table_of(n: usize) -> FingerprintTable {
    let mut state = 0x243f_6a88_85a3_08d3_u64;
    let mut table = FingerprintTable::new();
    table
        .register::<OrderV1>("OrderV1")
        .register::<Order>("Order");
    for i in 0..n - 2 {
        let mut bytes = [0u8; 32];
        for chunk in bytes.chunks_mut(8) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            chunk.copy_from_slice(&state.to_le_bytes());
        }
        let description: &'static Description = Box::leak(Box::new(Description {
            name: "Synthetic",
            args: &[],
            fingerprint: Fingerprint::from_bytes(bytes),
            shape: Shape::Opaque("synthetic"),
        }));
        let name: &'static str = Box::leak(format!("Type{i}").into_boxed_str());
        table.register_description(name, description);
    }
    assert_eq!(table.len(), n);
    table
}

fn verify(c: &mut Criterion) {
    let table = table_of(1_000);
    c.bench_function("verify/match", |b| {
        b.iter(|| objfp::verify::<Order>(black_box(&Order::FINGERPRINT)))
    });
    c.bench_function("verify/mismatch", |b| {
        b.iter(|| objfp::verify::<Order>(black_box(&OrderV1::FINGERPRINT)))
    });
    c.bench_function("table_verify/match (1000 entries)", |b| {
        b.iter(|| table.verify::<Order>(black_box(&Order::FINGERPRINT)))
    });
    c.bench_function("table_verify/mismatch, unknown (1000 entries)", |b| {
        b.iter(|| table.verify::<Order>(black_box(&Item::FINGERPRINT)))
    });
    c.bench_function(
        "table_verify/mismatch, known, with diff (1000 entries)",
        |b| b.iter(|| table.verify::<Order>(black_box(&OrderV1::FINGERPRINT))),
    );
}

fn lookup(c: &mut Criterion) {
    let table = table_of(1_000);
    let hit = table.iter().nth(617).map(|e| e.fingerprint()).unwrap();
    let miss = Fingerprint::from_bytes([0x5a; 32]);
    c.bench_function("table_get/hit (1000 entries)", |b| {
        b.iter(|| table.get(black_box(&hit)).is_some())
    });
    c.bench_function("table_get/miss (1000 entries)", |b| {
        b.iter(|| table.get(black_box(&miss)).is_some())
    });
}

fn header(c: &mut Criterion) {
    let mut buf = [0u8; 64];
    c.bench_function("frame/write_header", |b| {
        b.iter(|| frame::write_header(black_box(&Order::FINGERPRINT), black_box(&mut buf)))
    });
    let mut framed = Header::of::<Order>().to_bytes().to_vec();
    framed.extend_from_slice(&[0u8; 27]);
    c.bench_function("frame/read_header", |b| {
        b.iter(|| frame::read_header(black_box(&framed)).map(|(h, p)| (h.fingerprint, p.len())))
    });
    c.bench_function("frame/expect", |b| {
        b.iter(|| frame::expect::<Order>(black_box(&framed)).map(<[u8]>::len))
    });
    assert_eq!(framed.len(), HEADER_LEN + 27);
}

fn decode(c: &mut Criterion) {
    let mut decoders: Decoders<usize, ()> = Decoders::new();
    decoders
        .register::<OrderV1>(|b| Ok(b.len()))
        .register::<Order>(|b| Ok(b.len() + 1));
    let mut framed = Header::of::<OrderV1>().to_bytes().to_vec();
    framed.extend_from_slice(&[0u8; 16]);
    c.bench_function("decoders/decode dispatch (2 decoders)", |b| {
        b.iter(|| decoders.decode(black_box(&framed)).ok())
    });
}

criterion_group!(benches, verify, lookup, header, decode);
criterion_main!(benches);
