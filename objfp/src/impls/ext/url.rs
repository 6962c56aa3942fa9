//! `url` (feature `url`), as its `serde` feature writes it:
//!
//! - `Url`: `serialize_str(self.as_str())` in every format, a WHATWG URL: the opaque node
//!   `"url"`. It reads only strings that parse as a URL.
//! - `Host<S>`: serde's derive, the enum `Host<S> { Domain(S), Ipv4(Ipv4Addr),
//!   Ipv6(Ipv6Addr) }` (newtype variants 0, 1, 2), whose addresses are written as `std`'s
//!   are (`SPEC.md` §5).
//!
//! Not implemented: `Origin`, `Position`, `ParseError` (no `Serialize`).

use ::url::{Host, Url};

use crate::TypeFingerprint;

/// Private stand-ins declared the way serde writes the `url` types; never built.
mod mirror {
    #![allow(dead_code)]

    use core::net::{Ipv4Addr, Ipv6Addr};

    /// `url::Host<S>`: `#[derive(Serialize, Deserialize)]` with no serde attributes.
    #[derive(crate::TypeFingerprint)]
    #[fingerprint(crate = "crate")]
    pub(super) enum Host<S> {
        Domain(S),
        Ipv4(Ipv4Addr),
        Ipv6(Ipv6Addr),
    }
}

opaque! {
    [] Url as "Url" => "url";
}

same_as! {
    [S: TypeFingerprint] Host<S> => mirror::Host<S>;
}
