//! A seeded fuzz test of every runtime parser: `Lockfile::parse` and `Lockfile::read`,
//! the lockfile check (the stored side of a diff comes from the file), the lockfile check
//! under a transitive policy (the compat walk over every stored version), `Fingerprint`'s
//! `from_str` and `try_from_hex`, `frame::read_header` and its checkers, and the serde
//! deserializers of `Fingerprint` and `Tagged` (serde_json and postcard).
//!
//! Inputs start from real ones (the rendered lockfiles of the corpus types, real frame
//! headers, real JSON and postcard encodings), mutated a few steps at a time (bit flips,
//! every byte value, tokens of the grammars, deletions, repetitions, splices), plus
//! structured generators: deep nesting of every recursive construct, huge repetition,
//! long names and lines, invalid UTF-8, Unicode spaces. Every result must be a success or
//! an error of the documented shape, with a short message: no panic, no crash.
//!
//! The work is bounded by iteration counts, never by a clock. `OBJFP_FUZZ_SEED=<n>` and
//! `OBJFP_FUZZ_SCALE=<k>` (iterations times k) explore further; a failure prints the seed,
//! the case and the input.
#![allow(dead_code)]
// `corpus::Deep` nests `Option` 140 deep.
#![recursion_limit = "512"]

#[path = "support/corpus.rs"]
mod corpus;
mod support;

use support::tempdir::TempDir;

use std::panic::{self, AssertUnwindSafe};

use objfp::compat::{FormatSet, Policy};
use objfp::frame::{self, FrameError, HEADER_LEN, Header, MAGIC, VERSION};
use objfp::lock::{self, Check, Entry, LockError, Lockfile, Mode};
use objfp::{Fingerprint, ParseFingerprintError, Tagged, TypeFingerprint};

// ---------------------------------------------------------------------------------------
// A small deterministic generator (xorshift64*): the same seed, the same inputs.

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15 | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn seed() -> u64 {
    std::env::var("OBJFP_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x0bf9_2024)
}

fn scale(iterations: usize) -> usize {
    let k = std::env::var("OBJFP_FUZZ_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1usize);
    iterations * k.max(1)
}

/// Runs `check` on `input`; on a panic, fails with the seed, the case and the input.
fn run<I: std::fmt::Debug + ?Sized>(case: &str, index: usize, input: &I, check: impl FnOnce()) {
    if panic::catch_unwind(AssertUnwindSafe(check)).is_err() {
        let shown = format!("{input:?}");
        let shown: String = shown.chars().take(4000).collect();
        panic!(
            "fuzz case {case} #{index} failed (OBJFP_FUZZ_SEED={}); input ({} chars shown):\n{shown}",
            seed(),
            shown.chars().count()
        );
    }
}

// ---------------------------------------------------------------------------------------
// Mutations.

/// Pieces of the lockfile grammar and of what breaks parsers: inserted at random places.
const TOKENS: &[&str] = &[
    "[",
    "]",
    "{",
    "}",
    "(",
    ")",
    "<",
    ">",
    ",",
    ";",
    ":",
    "=",
    "#",
    "\"",
    "\\",
    "\\u{",
    "\\u{110000}",
    "\\u{d800}",
    "#2",
    "type",
    "type =",
    "struct",
    "enum",
    "named",
    "opaque",
    "readable",
    "proxy",
    "own",
    "human",
    "compact",
    "serialize",
    "deserialize",
    "Option<",
    "Map<",
    "Map<u8, ",
    "[u8; ",
    "; 18446744073709551616]",
    "#[serde(",
    "#[repr(",
    "#[repr(u8)]",
    "#[fingerprint(skip)]",
    "#[serde(flatten)]\n",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "[Name]\n",
    "fingerprint = ",
    "version = 1\n",
    "version = 2\n",
    "encoding = objfp/2\n",
    "encoding = objfp/1\n",
    "encoding = objfp/3\n",
    "@1]\n",
    "@2]\n",
    "@0]",
    "@4294967296]",
    "[Name@1]\n",
    "# comment\n",
    "u8",
    "string",
    "unit",
    "é",
    "\u{3000}",
    "\u{2028}",
    "\u{85}",
    "\u{feff}",
    "🦀",
    "\0",
    "\u{7f}",
    "0",
    "-",
    "-170141183460469231731687303715884105729",
    "170141183460469231731687303715884105727",
    "(u8,)",
    "()",
    "(u8)",
    "_#2",
    "\"quoted name\"",
    "= 1",
    "= -1",
];

/// Mutates `bytes` in place with 1 to 8 random edits; `donors` give splices.
fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>, donors: &[Vec<u8>]) {
    for _ in 0..1 + rng.below(8) {
        let len = bytes.len();
        let at = if len == 0 { 0 } else { rng.below(len + 1) };
        match rng.below(10) {
            // A bit flip.
            0 if len > 0 => {
                let i = rng.below(len);
                bytes[i] ^= 1 << rng.below(8);
            }
            // Any byte value, replacing or inserted.
            1 if len > 0 => {
                let i = rng.below(len);
                bytes[i] = rng.next() as u8;
            }
            2 => bytes.insert(at, rng.next() as u8),
            // A token of the grammar.
            3 | 4 => {
                let token = rng.pick(TOKENS).as_bytes().to_vec();
                bytes.splice(at..at, token);
            }
            // A deletion.
            5 if len > 0 => {
                let end = (at + 1 + rng.below(64)).min(len);
                let start = at.min(end.saturating_sub(1));
                bytes.drain(start..end);
            }
            // A repetition, from twice to a thousand times.
            6 if len > 0 => {
                let start = rng.below(len);
                let end = (start + 1 + rng.below(32)).min(len);
                let piece = bytes[start..end].to_vec();
                let times = *rng.pick(&[2, 3, 10, 100, 1000]);
                let repeated: Vec<u8> = piece
                    .iter()
                    .copied()
                    .cycle()
                    .take(piece.len() * times)
                    .collect();
                bytes.splice(end..end, repeated);
            }
            // A splice from another input.
            7 if !donors.is_empty() => {
                let donor = rng.pick(donors);
                if !donor.is_empty() {
                    let start = rng.below(donor.len());
                    let end = (start + 1 + rng.below(200)).min(donor.len());
                    bytes.splice(at..at, donor[start..end].iter().copied());
                }
            }
            // Swap two lines.
            8 => {
                let text = String::from_utf8_lossy(bytes).into_owned();
                let mut lines: Vec<&str> = text.split('\n').collect();
                if lines.len() > 1 {
                    let (i, j) = (rng.below(lines.len()), rng.below(lines.len()));
                    lines.swap(i, j);
                    *bytes = lines.join("\n").into_bytes();
                }
            }
            // A truncation.
            _ => bytes.truncate(at),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Lockfiles.

/// What a parse error must look like: a line in the text, a short one-line message.
fn check_parse_error(text: &str, err: &LockError) {
    let LockError::Parse {
        line,
        message,
        path,
    } = err
    else {
        panic!("Lockfile::parse returned {err:?}");
    };
    let lines = text.lines().count().max(1);
    assert!(*line >= 1 && *line <= lines + 1, "line {line} of {lines}");
    assert!(
        !message.is_empty() && !message.contains('\n'),
        "{message:?}"
    );
    assert!(message.len() < 600, "a {}-byte message", message.len());
    assert!(path.as_os_str().is_empty());
    let shown = err.to_string();
    assert!(shown.len() < 700, "{shown}");
}

/// Parses `text`; what parses must display as text that parses to the same display.
fn check_lockfile_text(text: &str) -> Option<Lockfile> {
    match Lockfile::parse(text) {
        Err(err) => {
            check_parse_error(text, &err);
            None
        }
        Ok(lockfile) => {
            let shown = lockfile.to_string();
            let again = Lockfile::parse(&shown).unwrap_or_else(|e| {
                panic!("a parsed lockfile displays as unreadable text: {e}\n{shown}")
            });
            assert_eq!(again.to_string(), shown, "display is not a fixpoint");
            for (name, fp) in lockfile.iter() {
                assert_eq!(lockfile.fingerprint(name), Some(fp));
                // Earlier versions newest first, numbered from 1.
                let numbers: Vec<u32> = lockfile.history(name).map(|(n, _)| n).collect();
                assert!(numbers.windows(2).all(|w| w[0] > w[1]), "{numbers:?}");
                assert!(numbers.iter().all(|&n| n >= 1));
            }
            Some(lockfile)
        }
    }
}

/// Checks the file's text against `entries`: the parse error of [`check_parse_error`], a
/// pass, or a bounded mismatch report. The stored side of every comparison is the
/// (mutated) file, so this drives the diff walk over hostile graphs.
fn check_against(scratch: &TempDir, bytes: &[u8], entries: &[Entry]) {
    let path = scratch.lockfile();
    std::fs::write(&path, bytes).unwrap();
    let exact = lock::check_with(&path, entries, Mode::Verify).map(|()| None);
    check_result(bytes, exact);
    // Under the strictest policy, every changed type is compared with the compat rules
    // against each version the file stores for it.
    let strict = Policy::full(FormatSet::ALL).transitive();
    let policy = Check::new(&path)
        .policy(strict)
        .mode(Mode::Verify)
        .run(entries)
        .map(Some);
    check_result(bytes, policy);
}

fn check_result(bytes: &[u8], result: Result<Option<lock::Outcome>, LockError>) {
    match result {
        Ok(None) => {}
        Ok(Some(outcome)) => {
            let note = outcome.to_string();
            let walks: usize = outcome
                .compatible()
                .iter()
                .map(|c| 1 + c.comparisons.len())
                .sum();
            assert!(
                note.len() <= (walks + 1) * (1 << 21),
                "a {}-byte note",
                note.len()
            );
        }
        Err(err @ LockError::Encoding { .. }) => {
            let message = err.to_string();
            assert!(!message.contains('\n') && message.len() < 600, "{message}");
        }
        Err(LockError::Mismatch(m)) => {
            let report = m.to_string();
            // The diff's budgets: a mebibyte of report per changed type and per version it
            // is compared with under a policy, and its lines.
            let walks: usize = m.changed.iter().map(|c| 1 + c.comparisons.len()).sum();
            assert!(
                report.len() <= (walks + 1) * (1 << 21),
                "a {}-byte report",
                report.len()
            );
            for changed in &m.changed {
                assert!(
                    changed.changes.len() <= 1 << 16,
                    "{} changes",
                    changed.changes.len()
                );
                for c in &changed.comparisons {
                    let n = c.report.changes().len();
                    assert!(n <= 1 << 16, "{n} findings");
                }
            }
        }
        Err(err @ LockError::Parse { .. }) => {
            let text = String::from_utf8_lossy(bytes);
            let LockError::Parse { line, message, .. } = &err else {
                unreachable!()
            };
            assert!(*line >= 1 && *line <= text.lines().count().max(1) + 1);
            assert!(!message.is_empty() && message.len() < 600, "{message:?}");
        }
        Err(other) => panic!("the check returned {other:?}"),
    }
}

/// The valid lockfiles the mutations start from: each corpus type alone, all of them,
/// and the checked-in fixture.
fn lockfile_seeds(entries: &[Entry]) -> Vec<Vec<u8>> {
    let mut seeds: Vec<Vec<u8>> = entries
        .iter()
        .map(|e| lock::render(std::slice::from_ref(e)).unwrap().into_bytes())
        .collect();
    seeds.push(lock::render(entries).unwrap().into_bytes());
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/fingerprints.lock");
    seeds.push(std::fs::read(fixture).unwrap());
    // A version 1 file, as objfp 0.1 wrote it (objfp/1 fingerprints).
    let objfp1 = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/objfp1.lock");
    seeds.push(std::fs::read(objfp1).unwrap());
    // Version 2 files with history: each type followed by two earlier versions, the
    // shapes of other corpus types.
    for (i, e) in entries.iter().enumerate() {
        let mut text = lock::render(std::slice::from_ref(e)).unwrap();
        for (k, n) in [(i + 1, 2), (i + 7, 1)] {
            let other = &entries[k % entries.len()];
            let body = lock::render(&[Entry::new("History", other.description())]).unwrap();
            let at = body.find("[History]").unwrap();
            text.push('\n');
            text.push_str(&body[at..].replacen("[History]", &format!("[{}@{n}]", e.name()), 1));
        }
        seeds.push(text.into_bytes());
    }
    // Real inputs are valid: what objfp writes, it reads back.
    for seed in &seeds {
        let text = std::str::from_utf8(seed).unwrap();
        assert!(
            check_lockfile_text(text).is_some(),
            "a rendered lockfile does not parse:\n{text}"
        );
    }
    seeds
}

/// Structured hostile lockfiles: every recursive construct nested deep, huge repetition,
/// long names, lines and strings; the section is named after a corpus type, so that the
/// check compares it with that type's description.
fn lockfile_generated(rng: &mut Rng, entries: &[Entry]) -> String {
    let fp = Fingerprint::from_bytes([rng.next() as u8; 32]);
    let name = rng.pick(entries).name().to_owned();
    let version = if rng.chance(20) {
        "version = 1\n".to_owned()
    } else {
        "version = 2\nencoding = objfp/2\n".to_owned()
    };
    // The hostile body is the current section's, or an earlier version's.
    let head = if rng.chance(50) {
        format!("{version}\n[{name}]\nfingerprint = {fp}\n")
    } else {
        format!(
            "{version}\n[{name}]\nfingerprint = {fp}\ntype = u8\n\n[{name}@1]\nfingerprint = {fp}\n"
        )
    };
    let depth = *rng.pick(&[127, 128, 129, 1000, 50_000]);
    let deep = |open: &str, close: &str| format!("{}u8{}", open.repeat(depth), close.repeat(depth));
    let body = match rng.below(14) {
        0 => format!("struct T {{\n    f: {},\n}}\n", deep("[", "]")),
        1 => format!("type = {}\n", deep("Option<", ">")),
        2 => format!("type = {}\n", deep("(", ",)")),
        3 => format!("type = {}\n", deep("Map<u8, ", ">")),
        4 => format!("type T = {}\n", deep("[", "; 2]")),
        5 => format!("named T = \"m\" {}\n", deep("[", "]")),
        6 => format!(
            "readable T {{\n    human: {},\n    compact: u8,\n}}\n",
            deep("(", ",)")
        ),
        // A chain of declarations, each referring to the next.
        7 => (0..depth.min(5_000))
            .map(|i| format!("struct T{i} {{\n    n: T{},\n    v: u32,\n}}\n", i + 1))
            .chain(std::iter::once(format!(
                "struct T{} {{}}\n",
                depth.min(5_000)
            )))
            .collect(),
        // Many sections.
        8 => (0..depth.min(5_000))
            .map(|i| format!("struct S{i};\n\n[S{i}]\nfingerprint = {fp}\n"))
            .chain(std::iter::once("struct T;\n".to_owned()))
            .collect(),
        // A long name, line or string.
        9 => format!("struct {} {{}}\n", "x".repeat(depth)),
        10 => format!("opaque T = \"{}\"\n", "\\\"".repeat(depth)),
        11 => format!("struct T {{ {} }}\n", "a: u8, ".repeat(depth)),
        12 => format!(
            "#[serde({})]\nstruct T {{}}\n",
            (0..depth.min(5_000))
                .map(|i| format!("k{} = \"v\"", i % 7))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => format!(
            "enum T {{\n{}}}\n",
            (0..depth.min(5_000))
                .map(|i| format!("    V{i} = {i},\n"))
                .collect::<String>()
        ),
    };
    format!("{head}{body}")
}

#[test]
fn lockfile_parsers_never_panic_and_fail_in_shape() {
    let entries = corpus::entries();
    let seeds = lockfile_seeds(&entries);
    let scratch = TempDir::new("fuzz-lockfile");
    let mut rng = Rng::new(seed());
    for i in 0..scale(1500) {
        let mut bytes = if i % 10 == 9 {
            lockfile_generated(&mut rng, &entries).into_bytes()
        } else {
            let mut bytes = rng.pick(&seeds).clone();
            mutate(&mut rng, &mut bytes, &seeds);
            bytes
        };
        if i % 50 == 0 {
            // A lockfile over the size limit, and one of bytes that are not UTF-8.
            if i % 100 == 0 {
                bytes.extend(std::iter::repeat_n(b'#', 8 << 20));
            } else {
                bytes.extend([0xff, 0xfe, 0xc0, 0x80]);
            }
        }
        run(
            "lockfile",
            i,
            &String::from_utf8_lossy(&bytes[..bytes.len().min(2000)]),
            || {
                match std::str::from_utf8(&bytes) {
                    Ok(text) => {
                        check_lockfile_text(text);
                    }
                    Err(_) => {
                        // Only `read` sees the bytes themselves.
                        std::fs::write(scratch.lockfile(), &bytes).unwrap();
                        match Lockfile::read(scratch.lockfile()) {
                            Err(LockError::Parse { line, message, .. }) => {
                                assert!(line >= 1 && !message.is_empty() && message.len() < 600);
                            }
                            other => panic!("read of non-UTF-8 bytes returned {other:?}"),
                        }
                        check_lockfile_text(&String::from_utf8_lossy(&bytes));
                    }
                }
                // Now as a checked-in file against the corpus: a section that parses is
                // compared with the current description of the entry of its name.
                if i % 3 == 0 {
                    check_against(&scratch, &bytes, &entries);
                }
            },
        );
    }
}

// ---------------------------------------------------------------------------------------
// Fingerprints from text.

/// `str::parse` and `try_from_hex` against an independent reading: 64 hex digits, for
/// `parse` within ASCII whitespace; otherwise the length in characters or the first
/// character that is not a hex digit, at its position in the text given.
fn check_fingerprint_text(text: &str) {
    let expect = |digits: &str, offset: usize| -> Result<(), ParseFingerprintError> {
        let count = digits.chars().count();
        if count != 64 {
            return Err(ParseFingerprintError::Length(count));
        }
        match digits.chars().position(|c| !c.is_ascii_hexdigit()) {
            Some(i) => Err(ParseFingerprintError::Digit {
                index: offset + i,
                found: digits.chars().nth(i).unwrap(),
            }),
            None => Ok(()),
        }
    };
    let check = |got: Result<Fingerprint, ParseFingerprintError>,
                 want: Result<(), ParseFingerprintError>,
                 digits: &str| {
        match (got, want) {
            (Ok(fp), Ok(())) => assert_eq!(fp.to_string(), digits.to_ascii_lowercase()),
            (Err(e), Err(w)) => {
                assert_eq!(e, w);
                let message = e.to_string();
                assert!(!message.contains('\n') && message.len() < 200, "{message}");
            }
            (got, want) => panic!("got {got:?}, want {want:?}"),
        }
    };
    check(Fingerprint::try_from_hex(text), expect(text, 0), text);
    let trimmed = text.trim_ascii();
    let leading = text.len() - text.trim_ascii_start().len();
    check(
        text.parse::<Fingerprint>(),
        expect(trimmed, leading),
        trimmed,
    );
}

#[test]
fn fingerprint_parsers_never_panic_and_fail_in_shape() {
    let hex = u32::FINGERPRINT.to_string();
    let seeds: Vec<Vec<u8>> = [
        hex.clone(),
        hex.to_uppercase(),
        format!(" \t{hex}\r\n"),
        format!("\u{3000}{hex}\u{2028}"),
        format!("\u{85}{hex}"),
        hex[..63].to_owned(),
        format!("{hex}0"),
        "é".repeat(64),
        String::new(),
    ]
    .into_iter()
    .map(String::into_bytes)
    .collect();
    let mut rng = Rng::new(seed() ^ 1);
    for i in 0..scale(20_000) {
        let mut bytes = rng.pick(&seeds).clone();
        mutate(&mut rng, &mut bytes, &seeds);
        if i % 1000 == 0 {
            bytes.extend(std::iter::repeat_n(b'a', 1 << 20));
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        run("fingerprint", i, &text, || check_fingerprint_text(&text));
    }
    // Every character class next to real digits.
    for c in (0..0x3400).filter_map(char::from_u32) {
        let text = format!("{c}{}", &hex[1..]);
        run("fingerprint char", c as usize, &text, || {
            check_fingerprint_text(&text)
        });
    }
}

// ---------------------------------------------------------------------------------------
// Frames.

fn check_frame(bytes: &[u8]) {
    let prefix = bytes.len().min(4);
    let starts_like_a_frame = bytes[..prefix] == MAGIC[..prefix];
    match frame::read_header(bytes) {
        Ok((header, payload)) => {
            assert!(bytes.len() >= HEADER_LEN && bytes[..4] == MAGIC && bytes[4] == VERSION);
            assert_eq!(header.fingerprint.as_bytes()[..], bytes[5..HEADER_LEN]);
            assert_eq!(payload, &bytes[HEADER_LEN..]);
        }
        Err(FrameError::TooShort { needed, got }) => {
            assert!(starts_like_a_frame && got == bytes.len() && needed == HEADER_LEN);
            assert!(bytes.len() < HEADER_LEN);
        }
        Err(FrameError::BadMagic { found, len }) => {
            assert!(!starts_like_a_frame && len == prefix && found[..len] == bytes[..len]);
        }
        Err(FrameError::UnknownVersion(v)) => {
            assert!(bytes.len() > 4 && bytes[..4] == MAGIC && bytes[4] == v && v != VERSION);
        }
        Err(other) => panic!("read_header returned {other:?}"),
    }
    for result in [
        frame::expect::<u32>(bytes).map(|_| ()),
        frame::expect_one_of(bytes, &[u32::FINGERPRINT, String::FINGERPRINT]).map(|_| ()),
    ] {
        if let Err(e) = result {
            let message = e.to_string();
            assert!(!message.is_empty() && !message.contains('\n') && message.len() < 400);
        }
    }
}

#[test]
fn frame_reader_never_panics_and_fails_in_shape() {
    let mut seeds: Vec<Vec<u8>> = [
        Header::of::<u32>().to_bytes().to_vec(),
        Header::of::<corpus::Order>().to_bytes().to_vec(),
        b"{\"id\": 1}".to_vec(),
        Vec::new(),
    ]
    .into();
    let mut with_payload = Header::of::<String>().to_bytes().to_vec();
    with_payload.extend(postcard::to_allocvec("payload").unwrap());
    seeds.push(with_payload);
    let mut rng = Rng::new(seed() ^ 2);
    for i in 0..scale(20_000) {
        let mut bytes = rng.pick(&seeds).clone();
        mutate(&mut rng, &mut bytes, &seeds);
        run("frame", i, &bytes, || check_frame(&bytes));
    }
    // Every byte value at every position of a header, and every length.
    let header = Header::of::<u32>().to_bytes();
    for at in 0..HEADER_LEN {
        for b in 0..=255u8 {
            let mut bytes = header.to_vec();
            bytes[at] = b;
            for len in [at, at + 1, HEADER_LEN] {
                run("frame byte", at * 256 + b as usize, &bytes[..len], || {
                    check_frame(&bytes[..len])
                });
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// serde: `Fingerprint` and `Tagged`.

/// An error message of a bounded length: ours are short; the formats' own ("invalid type:
/// string \"..\"") may quote the input, but no more.
fn short_error(message: String, input: &[u8]) {
    assert!(!message.is_empty(), "an empty message");
    assert!(
        message.len() < 4 * input.len() + 1000,
        "a {}-byte message",
        message.len()
    );
}

fn check_serde_json(bytes: &[u8]) {
    if let Ok(fp) = serde_json::from_slice::<Fingerprint>(bytes) {
        // Only a JSON string that parses as a fingerprint.
        let value: serde_json::Value = serde_json::from_slice(bytes).unwrap();
        assert_eq!(value.as_str().unwrap().parse::<Fingerprint>(), Ok(fp));
    } else if let Err(e) = serde_json::from_slice::<Fingerprint>(bytes) {
        short_error(e.to_string(), bytes);
    }
    match serde_json::from_slice::<Tagged<corpus::Price>>(bytes) {
        Ok(tagged) => assert_eq!(tagged.fingerprint(), corpus::Price::FINGERPRINT),
        Err(e) => short_error(e.to_string(), bytes),
    }
    match serde_json::from_slice::<Tagged<Vec<Option<u8>>>>(bytes) {
        Ok(tagged) => assert_eq!(tagged.fingerprint(), <Vec<Option<u8>>>::FINGERPRINT),
        Err(e) => short_error(e.to_string(), bytes),
    }
}

fn check_postcard(bytes: &[u8]) {
    match postcard::from_bytes::<Fingerprint>(bytes) {
        Ok(fp) => assert_eq!(bytes.get(1..33), Some(&fp.as_bytes()[..])),
        Err(e) => short_error(e.to_string(), bytes),
    }
    match postcard::from_bytes::<Tagged<corpus::Price>>(bytes) {
        Ok(tagged) => assert_eq!(tagged.fingerprint(), corpus::Price::FINGERPRINT),
        Err(e) => short_error(e.to_string(), bytes),
    }
    match postcard::from_bytes::<Tagged<Vec<String>>>(bytes) {
        Ok(tagged) => assert_eq!(tagged.fingerprint(), <Vec<String>>::FINGERPRINT),
        Err(e) => short_error(e.to_string(), bytes),
    }
}

#[test]
fn serde_deserializers_never_panic_and_fail_in_shape() {
    let fp = corpus::Price::FINGERPRINT;
    let json_seeds: Vec<Vec<u8>> = vec![
        serde_json::to_vec(&fp).unwrap(),
        serde_json::to_vec(&Tagged::new(corpus::Price(7))).unwrap(),
        serde_json::to_vec(&Tagged::new(vec![Some(1u8), None])).unwrap(),
        serde_json::to_vec(&fp.as_bytes()).unwrap(),
        format!("\"\u{3000}{fp}\"").into_bytes(),
        b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[".to_vec(),
    ];
    let postcard_seeds: Vec<Vec<u8>> = vec![
        postcard::to_allocvec(&fp).unwrap(),
        postcard::to_allocvec(&Tagged::new(corpus::Price(7))).unwrap(),
        postcard::to_allocvec(&Tagged::new(vec!["a".to_owned(); 3])).unwrap(),
    ];
    let mut rng = Rng::new(seed() ^ 3);
    for i in 0..scale(8_000) {
        let mut bytes = rng.pick(&json_seeds).clone();
        mutate(&mut rng, &mut bytes, &json_seeds);
        if i % 500 == 0 {
            // Deep nesting and a long string.
            bytes = if i % 1000 == 0 {
                "[".repeat(100_000).into_bytes()
            } else {
                format!("\"{}\"", "a".repeat(1 << 20)).into_bytes()
            };
        }
        run("serde_json", i, &String::from_utf8_lossy(&bytes), || {
            check_serde_json(&bytes)
        });

        let mut bytes = rng.pick(&postcard_seeds).clone();
        mutate(&mut rng, &mut bytes, &postcard_seeds);
        run("postcard", i, &bytes, || check_postcard(&bytes));
    }
}
