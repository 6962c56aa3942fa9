//! `compat::check` against `diff::diff` on the same pair: a 50-type graph in which 10
//! types changed (a field `x: u32` became another type, a different one in each).
//!
//! `cargo bench -p objfp --bench compat`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use objfp::TypeFingerprint;

/// Types `T0` .. `T49` as a binary tree (`Ti` refers to `T(2i+1)` and `T(2i+2)`), each also
/// using shared standard types: 50 derived types (plus `Leaf`) reachable from `T0`.
macro_rules! graph {
    ($($name:ident : $x:ty => $left:ty, $right:ty;)*) => {$(
        #[allow(dead_code)]
        #[derive(TypeFingerprint)]
        pub struct $name {
            pub id: u64,
            pub label: String,
            pub x: $x,
            pub tags: Vec<String>,
            pub scores: std::collections::BTreeMap<String, f64>,
            pub left: Option<Box<$left>>,
            pub right: Vec<$right>,
        }
    )*};
}

mod v1 {
    use objfp::TypeFingerprint;

    graph! {
        T0: u32 => T1, T2;
        T1: u32 => T3, T4;
        T2: u32 => T5, T6;
        T3: u32 => T7, T8;
        T4: u32 => T9, T10;
        T5: u32 => T11, T12;
        T6: u32 => T13, T14;
        T7: u32 => T15, T16;
        T8: u32 => T17, T18;
        T9: u32 => T19, T20;
        T10: u32 => T21, T22;
        T11: u32 => T23, T24;
        T12: u32 => T25, T26;
        T13: u32 => T27, T28;
        T14: u32 => T29, T30;
        T15: u32 => T31, T32;
        T16: u32 => T33, T34;
        T17: u32 => T35, T36;
        T18: u32 => T37, T38;
        T19: u32 => T39, T40;
        T20: u32 => T41, T42;
        T21: u32 => T43, T44;
        T22: u32 => T45, T46;
        T23: u32 => T47, T48;
        T24: u32 => T49, Leaf;
        T25: u32 => Leaf, Leaf;
        T26: u32 => Leaf, Leaf;
        T27: u32 => Leaf, Leaf;
        T28: u32 => Leaf, Leaf;
        T29: u32 => Leaf, Leaf;
        T30: u32 => Leaf, Leaf;
        T31: u32 => Leaf, Leaf;
        T32: u32 => Leaf, Leaf;
        T33: u32 => Leaf, Leaf;
        T34: u32 => Leaf, Leaf;
        T35: u32 => Leaf, Leaf;
        T36: u32 => Leaf, Leaf;
        T37: u32 => Leaf, Leaf;
        T38: u32 => Leaf, Leaf;
        T39: u32 => Leaf, Leaf;
        T40: u32 => Leaf, Leaf;
        T41: u32 => Leaf, Leaf;
        T42: u32 => Leaf, Leaf;
        T43: u32 => Leaf, Leaf;
        T44: u32 => Leaf, Leaf;
        T45: u32 => Leaf, Leaf;
        T46: u32 => Leaf, Leaf;
        T47: u32 => Leaf, Leaf;
        T48: u32 => Leaf, Leaf;
        T49: u32 => Leaf, Leaf;
    }

    #[allow(dead_code)]
    #[derive(TypeFingerprint)]
    pub struct Leaf {
        pub done: bool,
    }
}

mod v2 {
    use objfp::TypeFingerprint;

    graph! {
        T0: u64 => T1, T2;
        T1: u32 => T3, T4;
        T2: u32 => T5, T6;
        T3: u32 => T7, T8;
        T4: u32 => T9, T10;
        T5: i64 => T11, T12;
        T6: u32 => T13, T14;
        T7: u32 => T15, T16;
        T8: u32 => T17, T18;
        T9: u32 => T19, T20;
        T10: u16 => T21, T22;
        T11: u32 => T23, T24;
        T12: u32 => T25, T26;
        T13: u32 => T27, T28;
        T14: u32 => T29, T30;
        T15: String => T31, T32;
        T16: u32 => T33, T34;
        T17: u32 => T35, T36;
        T18: u32 => T37, T38;
        T19: u32 => T39, T40;
        T20: f64 => T41, T42;
        T21: u32 => T43, T44;
        T22: u32 => T45, T46;
        T23: u32 => T47, T48;
        T24: u32 => T49, Leaf;
        T25: Option<u32> => Leaf, Leaf;
        T26: u32 => Leaf, Leaf;
        T27: u32 => Leaf, Leaf;
        T28: u32 => Leaf, Leaf;
        T29: u32 => Leaf, Leaf;
        T30: Vec<u32> => Leaf, Leaf;
        T31: u32 => Leaf, Leaf;
        T32: u32 => Leaf, Leaf;
        T33: u32 => Leaf, Leaf;
        T34: u32 => Leaf, Leaf;
        T35: i32 => Leaf, Leaf;
        T36: u32 => Leaf, Leaf;
        T37: u32 => Leaf, Leaf;
        T38: u32 => Leaf, Leaf;
        T39: u32 => Leaf, Leaf;
        T40: u128 => Leaf, Leaf;
        T41: u32 => Leaf, Leaf;
        T42: u32 => Leaf, Leaf;
        T43: u32 => Leaf, Leaf;
        T44: u32 => Leaf, Leaf;
        T45: u8 => Leaf, Leaf;
        T46: u32 => Leaf, Leaf;
        T47: u32 => Leaf, Leaf;
        T48: u32 => Leaf, Leaf;
        T49: u32 => Leaf, Leaf;
    }

    #[allow(dead_code)]
    #[derive(TypeFingerprint)]
    pub struct Leaf {
        pub done: bool,
    }
}

fn compat_vs_diff(c: &mut Criterion) {
    let (old, new) = (v1::T0::DESCRIPTION, v2::T0::DESCRIPTION);
    assert_eq!(objfp::diff::diff(old, new).len(), 10);
    let report = objfp::compat::check(old, new);
    assert_eq!(report.changes().len(), 10);
    c.bench_function("compat::check (50 types, 10 changes)", |b| {
        b.iter(|| objfp::compat::check(black_box(old), black_box(new)))
    });
    c.bench_function("diff::diff (50 types, 10 changes)", |b| {
        b.iter(|| objfp::diff::diff(black_box(old), black_box(new)))
    });
    c.bench_function("compat::check (identical)", |b| {
        b.iter(|| objfp::compat::check(black_box(old), black_box(old)))
    });
}

criterion_group!(benches, compat_vs_diff);
criterion_main!(benches);
