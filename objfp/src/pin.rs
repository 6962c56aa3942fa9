//! Pinned fingerprints: a const assertion whose failure message shows both values, so
//! updating a pin is a copy-paste from the compiler's output.

use crate::Fingerprint;

const MESSAGE_CAP: usize = 512;

/// Fails const evaluation, naming the type and both fingerprints, when `actual` differs
/// from the pinned `expected`.
#[doc(hidden)]
pub const fn check_pin(actual: Fingerprint, expected: Fingerprint, type_name: &str) {
    if actual.eq(&expected) {
        return;
    }
    let mut msg = Message::new();
    msg.push(b"the fingerprint of `");
    msg.push(type_name.as_bytes());
    msg.push(b"` changed: its serialized shape is not the pinned one\n");
    msg.push(b"       pinned: ");
    msg.push(&expected.to_hex_array());
    msg.push(b"\n       actual: ");
    msg.push(&actual.to_hex_array());
    msg.push(b"\nIf this wire change is intended, replace the pin with the actual value.");
    match core::str::from_utf8(msg.as_bytes()) {
        Ok(text) => panic!("{}", text),
        Err(_) => panic!("the fingerprint of a pinned type changed"),
    }
}

/// A fixed-size message buffer usable in `const fn` (no allocator at compile time).
struct Message {
    buf: [u8; MESSAGE_CAP],
    len: usize,
}

impl Message {
    const fn new() -> Self {
        Message {
            buf: [0; MESSAGE_CAP],
            len: 0,
        }
    }

    /// Appends as much of `bytes` as fits, never splitting a UTF-8 character.
    const fn push(&mut self, bytes: &[u8]) {
        let mut i = 0;
        while i < bytes.len() && self.len < MESSAGE_CAP {
            let width = utf8_width(bytes[i]);
            if self.len + width > MESSAGE_CAP || i + width > bytes.len() {
                return;
            }
            let mut k = 0;
            while k < width {
                self.buf[self.len] = bytes[i + k];
                self.len += 1;
                k += 1;
            }
            i += width;
        }
    }

    const fn as_bytes(&self) -> &[u8] {
        self.buf.split_at(self.len).0
    }
}

const fn utf8_width(first: u8) -> usize {
    match first {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

/// Parses the pin of `assert_fingerprint!`, failing const evaluation with a message that
/// says what is wrong with it.
#[doc(hidden)]
pub const fn parse_pin(hex: &str) -> Fingerprint {
    match Fingerprint::try_from_hex(hex) {
        Ok(fp) => fp,
        Err(crate::ParseFingerprintError::Length(len)) => {
            let mut msg = Message::new();
            msg.push(b"a pinned fingerprint is 64 hex digits, this one has ");
            msg.push_decimal(len);
            msg.push(b" characters");
            fail(msg)
        }
        Err(crate::ParseFingerprintError::Digit { index, found }) => {
            let mut msg = Message::new();
            msg.push(b"a pinned fingerprint is 64 hex digits (0-9, a-f or A-F); the character at position ");
            msg.push_decimal(index);
            msg.push(b" (counting from 0) is ");
            msg.push_char(found);
            msg.push(b", not a hex digit");
            fail(msg)
        }
    }
}

const fn fail(msg: Message) -> ! {
    match core::str::from_utf8(msg.as_bytes()) {
        Ok(text) => panic!("{}", text),
        Err(_) => panic!("malformed pinned fingerprint"),
    }
}

impl Message {
    /// `` `c` (U+XXXX)``, or only the code point for a control character.
    const fn push_char(&mut self, c: char) {
        let code = c as u32;
        let control = code < 0x20 || (code >= 0x7f && code < 0xa0);
        if !control {
            let mut buf = [0u8; 4];
            self.push(b"`");
            self.push(c.encode_utf8(&mut buf).as_bytes());
            self.push(b"` (");
        }
        self.push(b"U+");
        let mut digits = [b'0'; 6];
        let mut len = 0;
        let mut rest = code;
        while rest > 0 || len < 4 {
            digits[len] = b"0123456789ABCDEF"[(rest & 0xf) as usize];
            rest >>= 4;
            len += 1;
        }
        while len > 0 {
            len -= 1;
            self.push(&[digits[len]]);
        }
        if !control {
            self.push(b")");
        }
    }

    const fn push_decimal(&mut self, mut n: usize) {
        let mut digits = [0u8; 20];
        let mut count = 0;
        loop {
            digits[count] = b'0' + (n % 10) as u8;
            count += 1;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        while count > 0 {
            count -= 1;
            self.push(&[digits[count]]);
        }
    }
}

/// Fails the build when a type's fingerprint is not the pinned one: for generic
/// instantiations and types from other crates, which `#[fingerprint(expect = "...")]`
/// cannot reach. Use it at item level; the error shows both fingerprints.
///
/// ```
/// objfp::assert_fingerprint!(
///     u32,
///     "ebd8b522c7e40180fb1d412fef4ce7cf97abd7dfe01bdbb4c40fe2298871979c"
/// );
/// ```
///
/// A mismatch is a compile error:
///
/// ```compile_fail
/// objfp::assert_fingerprint!(
///     u64,
///     "ebd8b522c7e40180fb1d412fef4ce7cf97abd7dfe01bdbb4c40fe2298871979c"
/// );
/// ```
#[macro_export]
macro_rules! assert_fingerprint {
    ($ty:ty, $pin:literal $(,)?) => {
        const _: () = $crate::__private::check_pin(
            <$ty as $crate::TypeFingerprint>::FINGERPRINT,
            $crate::__private::parse_pin($pin),
            ::core::stringify!($ty),
        );
    };
}
