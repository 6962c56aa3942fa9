//! The real format crates, a seeded value generator, and the check that a verdict agrees
//! with what the formats do.

use std::collections::BTreeMap;
use std::fmt::Debug;

use objfp::TypeFingerprint;
use objfp::compat::{self, Format, Report};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Writes `v` in `format`, with the crate and configuration the verdicts are about.
pub fn enc<T: Serialize + ?Sized>(format: Format, v: &T) -> Result<Vec<u8>, String> {
    let e = |e: &dyn std::fmt::Display| e.to_string();
    match format {
        Format::Json => serde_json::to_vec(v).map_err(|x| e(&x)),
        Format::Cbor => {
            let mut out = Vec::new();
            ciborium::into_writer(v, &mut out).map_err(|x| e(&x))?;
            Ok(out)
        }
        Format::MessagePack => rmp_serde::to_vec(v).map_err(|x| e(&x)),
        Format::MessagePackNamed => rmp_serde::to_vec_named(v).map_err(|x| e(&x)),
        Format::Postcard => postcard::to_allocvec(v).map_err(|x| e(&x)),
        Format::Bincode => {
            bincode::serde::encode_to_vec(v, bincode::config::standard()).map_err(|x| e(&x))
        }
        Format::BincodeFixint => {
            bincode::serde::encode_to_vec(v, bincode::config::legacy()).map_err(|x| e(&x))
        }
        _ => Err("format not covered".into()),
    }
}

/// How much bincode may allocate while decoding (a misread length must not exhaust memory).
const LIMIT: usize = 1 << 20;

/// Reads a `T` in `format`; every byte must be used.
pub fn dec<T: DeserializeOwned>(format: Format, b: &[u8]) -> Result<T, String> {
    let e = |e: &dyn std::fmt::Display| e.to_string();
    let rest = |n: usize| Err(format!("{n} trailing bytes"));
    match format {
        Format::Json => serde_json::from_slice(b).map_err(|x| e(&x)),
        Format::Cbor => {
            let mut r = b;
            let v = ciborium::from_reader(&mut r)
                .map_err(|x: ciborium::de::Error<std::io::Error>| e(&x))?;
            if r.is_empty() { Ok(v) } else { rest(r.len()) }
        }
        Format::MessagePack | Format::MessagePackNamed => {
            let mut r = b;
            let v = T::deserialize(&mut rmp_serde::Deserializer::new(&mut r)).map_err(|x| e(&x))?;
            if r.is_empty() { Ok(v) } else { rest(r.len()) }
        }
        Format::Postcard => {
            let (v, r) = postcard::take_from_bytes(b).map_err(|x| e(&x))?;
            if r.is_empty() { Ok(v) } else { rest(r.len()) }
        }
        Format::Bincode | Format::BincodeFixint => {
            let (v, n) = if format == Format::Bincode {
                let config = bincode::config::standard().with_limit::<LIMIT>();
                bincode::serde::decode_from_slice(b, config)
            } else {
                let config = bincode::config::legacy().with_limit::<LIMIT>();
                bincode::serde::decode_from_slice(b, config)
            }
            .map_err(|x| e(&x))?;
            if n == b.len() {
                Ok(v)
            } else {
                rest(b.len() - n)
            }
        }
        _ => Err("format not covered".into()),
    }
}

/// A small seeded generator (xorshift), biased towards the values that tell formats
/// apart: 0, 1, extremes, 127/128, 251..255, 0.1, multi-byte characters, invalid UTF-8.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

pub trait Gen: Sized {
    fn gen_with(r: &mut Rng) -> Self;
}

macro_rules! gen_int {
    ($($t:ty),*) => {$(
        impl Gen for $t {
            fn gen_with(r: &mut Rng) -> Self {
                let edges: [i128; 12] = [0, 1, 2, 127, 128, 200, 251, 255, 256, 65_535, -1, -129];
                match r.below(4) {
                    0 => <$t>::MAX,
                    1 => <$t>::MIN,
                    2 => {
                        let e = edges[r.below(edges.len())];
                        <$t>::try_from(e).unwrap_or(<$t>::MAX)
                    }
                    _ => {
                        let wide = (r.next() as u128) << 64 | r.next() as u128;
                        let shift = r.below(128) as u32;
                        (wide >> shift) as $t
                    }
                }
            }
        }
    )*};
}
gen_int!(u8, u16, u32, u64, u128, i8, i16, i32, i64, i128);

impl Gen for f32 {
    fn gen_with(r: &mut Rng) -> Self {
        [0.1, 0.5, 1.0, -2.25, 3.0e38, 16_777_217.0, 7.0][r.below(7)]
    }
}
impl Gen for f64 {
    fn gen_with(r: &mut Rng) -> Self {
        [
            0.1,
            0.5,
            1.0,
            -2.25,
            1e300,
            9_007_199_254_740_993.0,
            7.0,
            0.1f32 as f64,
        ][r.below(8)]
    }
}
impl Gen for bool {
    fn gen_with(r: &mut Rng) -> Self {
        r.below(2) == 0
    }
}
impl Gen for char {
    fn gen_with(r: &mut Rng) -> Self {
        ['a', 'é', '字', '🦀', 'Z'][r.below(5)]
    }
}
impl Gen for String {
    fn gen_with(r: &mut Rng) -> Self {
        ["", "a", "hé", "abc", "x🦀y"][r.below(5)].to_owned()
    }
}
impl Gen for () {
    fn gen_with(_: &mut Rng) -> Self {}
}
impl Gen for bytes::Bytes {
    fn gen_with(r: &mut Rng) -> Self {
        let all: [&'static [u8]; 4] = [b"", b"ab", b"\xff\x00", b"z"];
        bytes::Bytes::from_static(all[r.below(4)])
    }
}
impl<T: Gen> Gen for Option<T> {
    fn gen_with(r: &mut Rng) -> Self {
        if r.below(3) == 0 {
            None
        } else {
            Some(T::gen_with(r))
        }
    }
}
impl<T: Gen> Gen for Vec<T> {
    fn gen_with(r: &mut Rng) -> Self {
        (0..r.below(4)).map(|_| T::gen_with(r)).collect()
    }
}
impl<K: Gen + Ord, V: Gen> Gen for BTreeMap<K, V> {
    fn gen_with(r: &mut Rng) -> Self {
        (0..r.below(4))
            .map(|_| (K::gen_with(r), V::gen_with(r)))
            .collect()
    }
}
impl<T: Gen, const N: usize> Gen for [T; N] {
    fn gen_with(r: &mut Rng) -> Self {
        std::array::from_fn(|_| T::gen_with(r))
    }
}
impl<A: Gen, B: Gen> Gen for (A, B) {
    fn gen_with(r: &mut Rng) -> Self {
        (A::gen_with(r), B::gen_with(r))
    }
}

/// Defines a wire type (struct or enum) with the derives the suite needs and a
/// generator that picks every field (and every variant) from [`Gen`].
#[macro_export]
macro_rules! wire {
    ($(#[$m:meta])* struct $name:ident { $($(#[$fm:meta])* $f:ident : $t:ty),* $(,)? }) => {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
        $(#[$m])* pub struct $name { $($(#[$fm])* pub $f: $t),* }
        impl $crate::support::Gen for $name {
            #[allow(unused_variables)]
            fn gen_with(r: &mut $crate::support::Rng) -> Self { $name { $($f: $crate::support::Gen::gen_with(r)),* } }
        }
    };
    ($(#[$m:meta])* struct $name:ident ( $($(#[$fm:meta])* $t:ty),* $(,)? );) => {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
        $(#[$m])* pub struct $name ( $($(#[$fm])* pub $t),* );
        impl $crate::support::Gen for $name {
            #[allow(unused_variables)]
            fn gen_with(r: &mut $crate::support::Rng) -> Self { $name ( $(<$t as $crate::support::Gen>::gen_with(r)),* ) }
        }
    };
    ($(#[$m:meta])* enum $name:ident { $($(#[$vm:meta])* $v:ident $( ( $($tt:ty),* ) )? $( { $($(#[$vfm:meta])* $vf:ident : $vt:ty),* } )? $(= $d:expr)? ),* $(,)? }) => {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
        $(#[$m])* pub enum $name { $($(#[$vm])* $v $( ( $($tt),* ) )? $( { $($(#[$vfm])* $vf: $vt),* } )? $(= $d)? ),* }
        impl $crate::support::Gen for $name {
            #[allow(unused_assignments, unused_variables)]
            fn gen_with(r: &mut $crate::support::Rng) -> Self {
                let names: &[&str] = &[$(stringify!($v)),*];
                let k = r.below(names.len());
                let mut i = 0;
                $(
                    if k == i { return $crate::wire!(@build $name $v $( ( $($tt),* ) )? $( { $($vf: $vt),* } )? r); }
                    i += 1;
                )*
                unreachable!()
            }
        }
    };
    (@build $n:ident $v:ident ( $($tt:ty),* ) $r:ident) => { $n::$v($(<$tt as $crate::support::Gen>::gen_with($r)),*) };
    (@build $n:ident $v:ident { $($vf:ident : $vt:ty),* } $r:ident) => { $n::$v { $($vf: $crate::support::Gen::gen_with($r)),* } };
    (@build $n:ident $v:ident $r:ident) => { $n::$v };
}

/// Marks the end of the data, so a reader that stops early or reads too far is caught.
const SENTINEL: u32 = 0x00C0_FFEE;
/// Values tried per direction and format.
const VALUES: usize = 48;

/// What a format does with values of `W` read as `R`.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Values that the writer round-trips and the reader read faithfully.
    pub faithful: usize,
    /// A value that the writer round-trips and the reader fails on or misreads.
    pub witness: Option<String>,
    /// A value that the writer itself cannot round-trip in this format.
    pub uncarried: Option<String>,
}

/// Writes generated `W` values (two or three at a time, in a `Vec`, followed by a
/// sentinel) and reads them as `R`; `expect` says what each value must read as (`None`:
/// the reader has no faithful image of it).
pub fn probe<W, R>(format: Format, seed: u64, expect: &dyn Fn(&W, Format) -> Option<R>) -> Outcome
where
    W: Serialize + DeserializeOwned + Gen + Clone + PartialEq + Debug,
    R: DeserializeOwned + PartialEq + Debug,
{
    let mut rng = Rng::new(seed ^ (format as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    let mut out = Outcome::default();
    let mut done = 0;
    while done < VALUES {
        let n = 2 + rng.below(2);
        done += n;
        let mut good = Vec::new();
        for _ in 0..n {
            let v = W::gen_with(&mut rng);
            let pair = (vec![v.clone(), v.clone()], SENTINEL);
            let round = enc(format, &pair).and_then(|b| dec::<(Vec<W>, u32)>(format, &b));
            match round {
                Ok(back) if back == pair => good.push(v),
                other => {
                    out.uncarried
                        .get_or_insert_with(|| format!("{v:?}: {other:?}"));
                }
            }
        }
        if good.is_empty() {
            continue;
        }
        let bytes = match enc(format, &(good.clone(), SENTINEL)) {
            Ok(b) => b,
            Err(e) => {
                out.uncarried.get_or_insert(e);
                continue;
            }
        };
        let read = dec::<(Vec<R>, u32)>(format, &bytes);
        let expected: Vec<Option<R>> = good.iter().map(|v| expect(v, format)).collect();
        let ok = match &read {
            Ok((rs, s)) => {
                *s == SENTINEL
                    && rs.len() == expected.len()
                    && rs.iter().zip(&expected).all(|(r, e)| e.as_ref() == Some(r))
            }
            Err(_) => false,
        };
        if ok {
            out.faithful += good.len();
        } else if out.witness.is_none() {
            out.witness = Some(format!(
                "wrote {good:?}, read {read:?}, expected {expected:?}"
            ));
        }
    }
    out
}

/// Checks one direction of a verdict against what `format` does: a compatible verdict
/// needs every value read faithfully, a breaking one a witness (or a conservative rule),
/// an unsupported one a value the format cannot round-trip.
pub fn agree(
    report: &Report,
    format: Format,
    backward: bool,
    outcome: &Outcome,
    other_uncarried: bool,
    label: &str,
) -> Result<(), String> {
    let claim = if backward {
        report.backward(format)
    } else {
        report.forward(format)
    };
    let dir = if backward { "backward" } else { "forward" };
    if claim {
        if let Some(w) = &outcome.witness {
            return Err(format!(
                "{label}: {format} {dir} said compatible, but {w}\n{report}"
            ));
        }
        if outcome.faithful == 0 {
            return Err(format!(
                "{label}: {format} {dir} said compatible, but no value was carried ({:?})\n{report}",
                outcome.uncarried
            ));
        }
        return Ok(());
    }
    if report.unsupported().contains(format) {
        if outcome.uncarried.is_none()
            && !other_uncarried
            && !conservative(report, format, backward)
        {
            return Err(format!(
                "{label}: {format} said it cannot carry the type, but every value round-tripped\n{report}"
            ));
        }
        return Ok(());
    }
    if outcome.witness.is_some() {
        return Ok(());
    }
    // No witness: only a rule that is conservative here may say breaking.
    if conservative(report, format, backward) {
        return Ok(());
    }
    Err(format!(
        "{label}: {format} {dir} said breaking, but {} values read faithfully and no witness was found\n{report}",
        outcome.faithful
    ))
}

/// Whether every rule that breaks `format` in this direction is marked conservative
/// there (so a missing witness is what the row says).
fn conservative(report: &Report, format: Format, backward: bool) -> bool {
    let breaking: Vec<bool> = report
        .changes()
        .iter()
        .flat_map(|f| f.reasons())
        .filter(|r| {
            let v = r.verdict();
            if backward {
                !v.backward.contains(format)
            } else {
                !v.forward.contains(format)
            }
        })
        .map(|r| r.rule.conservative.contains(format))
        .collect();
    !breaking.is_empty() && breaking.iter().all(|c| *c)
}

/// The rule ids in a report, sorted and without duplicates.
pub fn rule_ids(report: &Report) -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = report
        .changes()
        .iter()
        .flat_map(|f| f.rules().map(|r| r.id))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The whole check for one pair of versions: the report names exactly `rules`, and in
/// every format and direction the verdict agrees with the real crates.
pub fn verify<O, N>(
    label: &str,
    rules: &[&str],
    backward: &dyn Fn(&O, Format) -> Option<N>,
    forward: &dyn Fn(&N, Format) -> Option<O>,
) -> Result<(), String>
where
    O: TypeFingerprint + Serialize + DeserializeOwned + Gen + Clone + PartialEq + Debug,
    N: TypeFingerprint + Serialize + DeserializeOwned + Gen + Clone + PartialEq + Debug,
{
    let report = compat::check(O::DESCRIPTION, N::DESCRIPTION);
    let mut want: Vec<&str> = rules.to_vec();
    want.sort_unstable();
    want.dedup();
    let got = rule_ids(&report);
    if got != want {
        return Err(format!(
            "{label}: rules {got:?}, expected {want:?}\n{report}"
        ));
    }
    let seed = label.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    });
    let mut errors = Vec::new();
    for format in Format::ALL {
        let b = probe::<O, N>(format, seed, backward);
        let f = probe::<N, O>(format, seed.rotate_left(7), forward);
        if let Err(e) = agree(&report, format, true, &b, f.uncarried.is_some(), label) {
            errors.push(e);
        }
        if let Err(e) = agree(&report, format, false, &f, b.uncarried.is_some(), label) {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n\n"))
    }
}
