//! `Fingerprint` from text: `str::parse`, `try_from_hex`, `from_hex`, and the pins of
//! `assert_fingerprint!`; what their errors say.

use std::panic;

use objfp::{Fingerprint, ParseFingerprintError, TypeFingerprint};

fn hex() -> String {
    u32::FINGERPRINT.to_string()
}

/// The message of the panic `f` raises.
fn panic_message(f: impl FnOnce() + panic::UnwindSafe) -> String {
    let hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let payload = panic::catch_unwind(f).expect_err("expected a panic");
    panic::set_hook(hook);
    match payload.downcast::<String>() {
        Ok(s) => *s,
        Err(payload) => payload
            .downcast::<&str>()
            .map(|s| (*s).to_owned())
            .unwrap_or_default(),
    }
}

#[test]
fn hex_in_either_case_parses() {
    let fp = u32::FINGERPRINT;
    assert_eq!(hex().parse::<Fingerprint>(), Ok(fp));
    assert_eq!(hex().to_uppercase().parse::<Fingerprint>(), Ok(fp));
    assert_eq!(Fingerprint::try_from_hex(&hex().to_uppercase()), Ok(fp));
}

/// Audit finding 11.5: "this text has 65 characters" counted bytes, and a non-ASCII
/// character was shown as the character of its first byte (`é` as `Ã`). Lengths count
/// characters and say so; the character shown is the one in the text.
#[test]
fn fingerprint_errors_count_characters_and_show_them() {
    // 63 hex digits and an `é`: 64 characters (65 bytes).
    let text = format!("{}é", &hex()[..63]);
    let err = text.parse::<Fingerprint>().unwrap_err();
    assert_eq!(
        err,
        ParseFingerprintError::Digit {
            index: 63,
            found: 'é'
        }
    );
    let message = err.to_string();
    assert!(message.contains("'é' at position 63"), "{message}");
    assert!(!message.contains('Ã'), "{message}");
    assert_eq!(Fingerprint::try_from_hex(&text), Err(err));

    // 32 `é`: 64 bytes, 32 characters.
    let text = "é".repeat(32);
    let err = text.parse::<Fingerprint>().unwrap_err();
    assert_eq!(err, ParseFingerprintError::Length(32));
    assert!(
        err.to_string().contains("this text has 32 characters"),
        "{err}"
    );
    assert_eq!(
        "".parse::<Fingerprint>().unwrap_err().to_string(),
        "a fingerprint is 64 hex digits, this text has 0 characters"
    );
    // A four-byte character.
    let text = format!("{}🦀", &hex()[..63]);
    assert_eq!(
        text.parse::<Fingerprint>(),
        Err(ParseFingerprintError::Digit {
            index: 63,
            found: '🦀'
        })
    );
}

/// Audit finding 11.5: positions were counted in the trimmed text; they are positions in
/// the text given.
#[test]
fn fingerprint_error_positions_are_in_the_original_text() {
    let text = format!("  \t{}zz ", &hex()[..62]);
    assert_eq!(
        text.parse::<Fingerprint>(),
        Err(ParseFingerprintError::Digit {
            index: 65,
            found: 'z'
        })
    );
}

/// Audit finding 11.5: `from_hex`'s panic said `a-f` though `A-F` is accepted too.
#[test]
fn fingerprint_from_hex_panic_names_both_cases() {
    let message = panic_message(|| {
        let _ = Fingerprint::from_hex(&"zz".repeat(32));
    });
    assert!(message.contains("0-9, a-f or A-F"), "{message}");
    let message = panic_message(|| {
        let _ = Fingerprint::from_hex("abc");
    });
    assert!(message.contains("exactly 64 hex digits"), "{message}");
}

/// The same classes in the pins of `assert_fingerprint!` (their const-evaluation errors):
/// characters counted, the character shown, both cases named.
#[test]
fn pin_errors_count_characters_and_show_them() {
    let message = panic_message(|| {
        let _ = objfp::__private::parse_pin(&"é".repeat(32));
    });
    assert!(message.contains("this one has 32 characters"), "{message}");
    let text = format!("{}é", &hex()[..63]);
    let message = panic_message(move || {
        let _ = objfp::__private::parse_pin(&text);
    });
    assert!(
        message.contains("(0-9, a-f or A-F); the character at position 63"),
        "{message}"
    );
    assert!(message.contains("`é` (U+00E9)"), "{message}");
    let text = format!("{}\n", &hex()[..63]);
    let message = panic_message(move || {
        let _ = objfp::__private::parse_pin(&text);
    });
    assert!(message.contains("is U+000A, not a hex digit"), "{message}");
}

/// Audit finding 11.6: `str::parse` trimmed Unicode whitespace (U+3000, U+2028, NEL, ...),
/// so text a reader would not see as a fingerprint parsed as one. Surrounding ASCII
/// whitespace is ignored; any other character is an error at its position. The same in a
/// lockfile's `fingerprint = ` line.
#[test]
fn fingerprint_from_str_trims_ascii_whitespace_only() {
    let fp = u32::FINGERPRINT;
    for ascii in [" ", "\t", "\r\n", "\n", " \t ", "\x0c"] {
        assert_eq!(
            format!("{ascii}{}{ascii}", hex()).parse(),
            Ok(fp),
            "{ascii:?}"
        );
    }
    for other in [
        '\u{3000}', '\u{2028}', '\u{85}', '\u{a0}', '\u{feff}', '\u{200b}',
    ] {
        assert_eq!(
            format!("{other}{}", hex()).parse::<Fingerprint>(),
            Err(ParseFingerprintError::Length(65)),
            "{other:?}"
        );
        let text = format!("{}{other}", &hex()[..63]);
        assert_eq!(
            text.parse::<Fingerprint>(),
            Err(ParseFingerprintError::Digit {
                index: 63,
                found: other
            }),
            "{other:?}"
        );
    }
    let text = format!(
        "version = 1\n\n[u32]\nfingerprint = \u{3000}{}\ntype = u32\n",
        hex()
    );
    let err = objfp::lock::Lockfile::parse(&text).unwrap_err();
    assert!(
        matches!(err, objfp::lock::LockError::Parse { line: 4, .. }),
        "{err}"
    );
    let text = format!(
        "version = 1\n\n[u32]\nfingerprint =  {} \ntype = u32\n",
        hex()
    );
    assert_eq!(
        objfp::lock::Lockfile::parse(&text)
            .unwrap()
            .fingerprint("u32"),
        Some(fp)
    );
}
