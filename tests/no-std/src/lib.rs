//! A `#![no_std]` crate using objfp with default features off: derived fingerprints,
//! pins, frame headers and verification with `core` only, no allocator.
//!
//! Build it alone (`cargo build -p objfp-no-std-check`): in a workspace build, features are
//! unified across members and objfp would be built with `std`.
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use objfp::frame::{self, FrameError, HEADER_LEN, Header};
use objfp::{Fingerprint, TypeFingerprint};

/// A sensor reading, pinned with the derive's `expect`.
#[derive(Clone, Copy, Debug, PartialEq, TypeFingerprint)]
#[fingerprint(expect = "7fa33bc671ce967e3f79d69f00a4b78b589c4e2c854cf2fb256a6725f0197216")]
pub struct Reading {
    /// Which sensor.
    pub sensor: u16,
    /// The value, in thousandths.
    pub value: i32,
    /// Status bits.
    pub flags: [u8; 4],
    /// Whether the sensor was calibrated, when known.
    pub calibrated: Option<bool>,
}

/// The messages a device sends.
#[derive(Clone, Copy, Debug, PartialEq, TypeFingerprint)]
pub enum Message {
    /// Liveness.
    Ping,
    /// One reading.
    Reading(Reading),
    /// A summary of several readings.
    Batch {
        /// The first reading.
        first: Reading,
        /// How many readings there were.
        count: u8,
    },
}

/// A recursive type through a reference, which needs no allocator.
#[derive(TypeFingerprint)]
pub struct Chain<'a> {
    /// The payload.
    pub value: u32,
    /// The rest of the chain.
    pub next: Option<&'a Chain<'a>>,
}

// A generic instantiation, which `#[fingerprint(expect = "...")]` cannot reach.
objfp::assert_fingerprint!(
    [Option<Reading>; 2],
    "433d66827901e5817069cf5f481390dbc702d6c12c49846e26a1d77100fa8373"
);

/// The frame header of a [`Message`], computed while compiling.
pub const MESSAGE_HEADER: [u8; HEADER_LEN] = Header::of::<Message>().to_bytes();

/// The fingerprint of [`Message`], as a constant.
pub const MESSAGE: Fingerprint = <Message as TypeFingerprint>::FINGERPRINT;

/// Writes the header of a [`Message`] frame; the payload goes after the returned length.
pub fn write_message_header(out: &mut [u8]) -> Result<usize, FrameError> {
    frame::write_header(&Message::FINGERPRINT, out)
}

/// The payload of a [`Message`] frame, refusing frames of any other type.
pub fn message_payload(bytes: &[u8]) -> Result<&[u8], FrameError> {
    frame::expect::<Message>(bytes)
}

/// Whether a fingerprint received out of band is that of [`Message`].
pub fn is_message(received: &Fingerprint) -> bool {
    objfp::verify::<Message>(received).is_ok()
}

/// Formats a verification failure into a fixed buffer: `Display` needs no allocator.
pub fn explain(received: &Fingerprint, out: &mut [u8]) -> usize {
    use core::fmt::Write;

    struct Buf<'a>(&'a mut [u8], usize);
    impl Write for Buf<'_> {
        fn write_str(&mut self, s: &str) -> core::fmt::Result {
            let room = self.0.len() - self.1;
            let n = s.len().min(room);
            self.0[self.1..self.1 + n].copy_from_slice(&s.as_bytes()[..n]);
            self.1 += n;
            Ok(())
        }
    }

    let mut buf = Buf(out, 0);
    if let Err(mismatch) = objfp::verify::<Message>(received) {
        let _ = write!(buf, "{mismatch}");
    }
    buf.1
}
