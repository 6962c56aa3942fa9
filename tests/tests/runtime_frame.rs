//! The frame header: layout, errors, and reading arbitrary bytes without panicking.

use objfp::frame::{
    self, FrameError, HEADER_LEN, Header, MAGIC, VERSION, expect, expect_one_of, read_header,
    write_header,
};
use objfp::{Fingerprint, TypeFingerprint};
use proptest::prelude::*;

#[allow(dead_code)]
#[derive(TypeFingerprint)]
struct Ping {
    seq: u32,
}

#[allow(dead_code)]
#[derive(TypeFingerprint)]
struct Pong {
    seq: u64,
}

fn valid_frame(payload: &[u8]) -> Vec<u8> {
    let mut buf = vec![0u8; HEADER_LEN + payload.len()];
    let n = write_header(&Ping::FINGERPRINT, &mut buf).unwrap();
    buf[n..].copy_from_slice(payload);
    buf
}

#[test]
fn layout_is_magic_version_fingerprint() {
    assert_eq!(HEADER_LEN, 37);
    let bytes = valid_frame(&[]);
    assert_eq!(&bytes[..4], b"OFP\0");
    assert_eq!(bytes[..4], MAGIC);
    // objfp/2 (SPEC.md §3): the version byte follows the encoding's version tag.
    assert_eq!(bytes[4], 2);
    assert_eq!(bytes[4], VERSION);
    assert_eq!(&bytes[5..37], Ping::FINGERPRINT.as_bytes());
    assert_eq!(Header::of::<Ping>().to_bytes().as_slice(), bytes.as_slice());
}

#[test]
fn write_then_read_round_trips_and_keeps_the_payload() {
    let framed = valid_frame(b"payload bytes");
    let (header, payload) = read_header(&framed).unwrap();
    assert_eq!(header, Header::new(Ping::FINGERPRINT));
    assert_eq!(header.version, VERSION);
    assert_eq!(payload, b"payload bytes");

    // Writing into a larger buffer leaves the rest alone.
    let mut buf = [0xaa; 64];
    assert_eq!(write_header(&Pong::FINGERPRINT, &mut buf), Ok(HEADER_LEN));
    assert!(buf[HEADER_LEN..].iter().all(|&b| b == 0xaa));
}

#[test]
fn write_into_a_short_buffer_fails_and_writes_nothing() {
    for len in 0..HEADER_LEN {
        let mut buf = vec![0x55; len];
        assert_eq!(
            write_header(&Ping::FINGERPRINT, &mut buf),
            Err(FrameError::TooShort {
                needed: HEADER_LEN,
                got: len
            })
        );
        assert!(buf.iter().all(|&b| b == 0x55));
    }
}

#[test]
fn every_truncation_of_a_valid_header_is_an_error_not_a_panic() {
    let framed = valid_frame(&[]);
    for len in 0..HEADER_LEN {
        assert_eq!(
            read_header(&framed[..len]),
            Err(FrameError::TooShort {
                needed: HEADER_LEN,
                got: len
            }),
            "truncated to {len} bytes"
        );
    }
    assert!(read_header(&framed).is_ok());
}

#[test]
fn bad_magic_and_unknown_version() {
    let framed = valid_frame(b"x");
    for i in 0..4 {
        let mut bad = framed.clone();
        bad[i] ^= 0x20;
        let err = read_header(&bad).unwrap_err();
        assert_eq!(
            err,
            FrameError::BadMagic {
                found: bad[..4].try_into().unwrap(),
                len: 4,
            }
        );
        assert!(err.to_string().contains("not an objfp frame"), "{err}");
    }
    assert!(matches!(
        read_header(b"{\"id\": 1}"),
        Err(FrameError::BadMagic { .. })
    ));

    for version in [0u8, 3, 9, 255] {
        let mut other = framed.clone();
        other[4] = version;
        let err = read_header(&other).unwrap_err();
        assert_eq!(err, FrameError::UnknownVersion(version));
        assert!(
            err.to_string().contains(&format!("version {version}")),
            "{err}"
        );
    }
    // A frame of objfp 0.1 says where it comes from.
    let mut old = framed.clone();
    old[4] = 1;
    let err = read_header(&old).unwrap_err();
    assert_eq!(err, FrameError::UnknownVersion(1));
    assert!(err.to_string().contains("objfp 0.1"), "{err}");
}

#[test]
fn expect_checks_the_type() {
    let framed = valid_frame(b"abc");
    assert_eq!(expect::<Ping>(&framed), Ok(&b"abc"[..]));

    let err = expect::<Pong>(&framed).unwrap_err();
    let FrameError::Mismatch {
        expected_type,
        expected,
        found,
    } = err
    else {
        panic!("expected a mismatch, got {err}");
    };
    assert!(expected_type.ends_with("Pong"), "{expected_type}");
    assert_eq!(expected, Pong::FINGERPRINT);
    assert_eq!(found, Ping::FINGERPRINT);
    let text = err.to_string();
    assert!(text.contains("`Pong`"), "{text}");
    assert!(
        text.contains(&Ping::FINGERPRINT.short().to_string()),
        "{text}"
    );
    assert!(
        text.contains(&Pong::FINGERPRINT.short().to_string()),
        "{text}"
    );

    // Header errors come first.
    assert_eq!(
        expect::<Ping>(&framed[..10]),
        Err(FrameError::TooShort {
            needed: HEADER_LEN,
            got: 10
        })
    );
}

#[test]
fn expect_one_of_dispatches_or_reports_the_unknown_fingerprint() {
    let accepted = [Ping::FINGERPRINT, Pong::FINGERPRINT];
    let framed = valid_frame(b"1");
    let (header, payload) = expect_one_of(&framed, &accepted).unwrap();
    assert_eq!(header.fingerprint, Ping::FINGERPRINT);
    assert_eq!(payload, b"1");

    let other = Header::of::<String>().to_bytes();
    let err = expect_one_of(&other, &accepted).unwrap_err();
    assert_eq!(
        err,
        FrameError::UnknownFingerprint {
            found: String::FINGERPRINT
        }
    );
    assert!(
        err.to_string()
            .contains(&String::FINGERPRINT.short().to_string())
    );
    assert!(expect_one_of(&other, &[]).is_err());
}

#[test]
fn errors_display_one_readable_line_each() {
    let errors = [
        FrameError::TooShort {
            needed: HEADER_LEN,
            got: 3,
        },
        FrameError::BadMagic {
            found: *b"{\"a\"",
            len: 4,
        },
        FrameError::BadMagic {
            found: *b"{}\0\0",
            len: 2,
        },
        FrameError::UnknownVersion(7),
        FrameError::UnknownFingerprint {
            found: Fingerprint::from_bytes([1; 32]),
        },
        FrameError::Mismatch {
            expected_type: "app::Order",
            expected: Fingerprint::from_bytes([2; 32]),
            found: Fingerprint::from_bytes([3; 32]),
        },
    ];
    for err in errors {
        let text = err.to_string();
        assert!(!text.is_empty() && !text.contains('\n'), "{text:?}");
        let _: &dyn std::error::Error = &err;
    }
}

/// A small deterministic PRNG (xorshift64*), so the loop below needs no seed handling.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// Checks what `read_header` says about `bytes` against an independent reading of the
/// layout; panics (failing the test) only if they disagree.
fn check_read(bytes: &[u8]) {
    let result = read_header(bytes);
    let magic_ok = bytes.len() >= 4 && bytes[..4] == MAGIC;
    // The bytes there are agree with the magic (all four, or as many as there are).
    let prefix = bytes.len().min(4);
    let starts_like_a_frame = bytes[..prefix] == MAGIC[..prefix];
    match result {
        Ok((header, payload)) => {
            assert!(magic_ok && bytes.len() >= HEADER_LEN && bytes[4] == VERSION);
            assert_eq!(header.fingerprint.as_bytes()[..], bytes[5..37]);
            assert_eq!(payload, &bytes[HEADER_LEN..]);
            assert_eq!(
                frame::expect_one_of(bytes, &[header.fingerprint]),
                Ok((header, payload))
            );
        }
        Err(FrameError::TooShort { needed, got }) => {
            assert_eq!((needed, got), (HEADER_LEN, bytes.len()));
            assert!(bytes.len() < HEADER_LEN && starts_like_a_frame);
        }
        Err(FrameError::BadMagic { found, len }) => {
            assert!(!starts_like_a_frame);
            assert_eq!(len, prefix);
            assert_eq!(found[..len], bytes[..len]);
            assert!(found[len..].iter().all(|&b| b == 0));
        }
        Err(FrameError::UnknownVersion(v)) => {
            assert!(magic_ok && bytes[4] == v && v != VERSION);
        }
        Err(other) => panic!("read_header returned {other:?}"),
    }
    // The other readers must not panic either.
    let _ = expect::<Ping>(bytes);
    let _ = expect_one_of(bytes, &[Ping::FINGERPRINT]);
}

#[test]
fn many_random_byte_strings_never_panic() {
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    for i in 0..20_000 {
        let len = (rng.next() % 80) as usize;
        let mut bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        // Make a good share of them start like a frame so the later checks run.
        if i % 2 == 0 && len >= 4 {
            bytes[..4].copy_from_slice(&MAGIC);
            if i % 4 == 0 && len >= 5 {
                bytes[4] = VERSION;
            }
        }
        check_read(&bytes);
    }
}

proptest! {
    // No regression files written into the source tree.
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..128)) {
        check_read(&bytes);
    }

    #[test]
    fn arbitrary_bytes_after_the_magic_never_panic(
        version in prop_oneof![Just(VERSION), any::<u8>()],
        rest in proptest::collection::vec(any::<u8>(), 0..64),
    ) {
        let mut bytes = MAGIC.to_vec();
        bytes.push(version);
        bytes.extend(rest);
        check_read(&bytes);
    }

    #[test]
    fn any_fingerprint_and_payload_round_trip(
        fp in any::<[u8; 32]>(),
        payload in proptest::collection::vec(any::<u8>(), 0..64),
    ) {
        let fp = Fingerprint::from_bytes(fp);
        let mut buf = vec![0u8; HEADER_LEN];
        prop_assert_eq!(write_header(&fp, &mut buf), Ok(HEADER_LEN));
        buf.extend_from_slice(&payload);
        let (header, rest) = read_header(&buf).unwrap();
        prop_assert_eq!(header, Header::new(fp));
        prop_assert_eq!(rest, &payload[..]);
    }
}

/// Audit finding 11.5, frames: `b"{}"` (JSON) was called a truncated frame. Data whose
/// first bytes already differ from the magic is not a frame, however short it is; only
/// data that starts like a frame and stops is truncated.
#[test]
fn frame_short_data_that_is_not_a_frame_says_so() {
    for data in [&b"{}"[..], b"x", b"OX", b"OFPx", b"\0"] {
        let err = read_header(data).unwrap_err();
        assert!(
            matches!(err, FrameError::BadMagic { len, .. } if len == data.len().min(4)),
            "{data:?}: {err:?}"
        );
        let text = err.to_string();
        assert!(text.starts_with("not an objfp frame"), "{text}");
        assert!(!text.contains("truncated"), "{text}");
    }
    assert_eq!(
        read_header(b"{}").unwrap_err().to_string(),
        "not an objfp frame: expected the magic bytes [4f, 46, 50, 00] (\"OFP\\0\"), found [7b, 7d]"
    );
    for data in [&b""[..], b"O", b"OFP", b"OFP\0", b"OFP\0\x02"] {
        let err = read_header(data).unwrap_err();
        assert_eq!(
            err,
            FrameError::TooShort {
                needed: HEADER_LEN,
                got: data.len()
            }
        );
        assert!(
            err.to_string().starts_with("truncated objfp frame"),
            "{err}"
        );
    }
}

mod support;

crate::lock_round_trip_test!(Ping, Pong);
