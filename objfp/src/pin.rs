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
