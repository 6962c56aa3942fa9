//! IP and socket addresses: serde asks the serializer `is_human_readable()` and writes a
//! string in human-readable formats (JSON, TOML: `"10.0.0.1"`, `"[::1]:80"`) and a compact
//! form otherwise (bincode, postcard). Each type is an `h` node of the two forms; the
//! compact form is spelled as a type objfp already knows (nested addresses inside a compact
//! form are compact too, since they go to the same serializer):
//!
//! | type | compact form (serde) | compact type |
//! |---|---|---|
//! | `Ipv4Addr` | `self.octets()`, a 4-tuple of `u8` | `[u8; 4]` |
//! | `Ipv6Addr` | `self.octets()`, a 16-tuple of `u8` | `[u8; 16]` |
//! | `IpAddr` | newtype variants `V4`/`V6` (indices 0, 1) of the above | `mirror::IpAddr` |
//! | `SocketAddrV4` | the tuple `(ip, port)` | `([u8; 4], u16)` |
//! | `SocketAddrV6` | the tuple `(ip, port)`: flow info and scope id are not written, and read back as 0 | `([u8; 16], u16)` |
//! | `SocketAddr` | newtype variants `V4`/`V6` (indices 0, 1) of the above | `mirror::SocketAddr` |
//!
//! Every address type serde implements is here.

use core::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};

use super::mirror;
use crate::__private::describe;
use crate::{Description, Fingerprint, Shape, TypeFingerprint, encoding};

/// `Type: human => compact;`
macro_rules! readable {
    ($($ty:ident: $human:ty => $compact:ty;)*) => {$(
        impl TypeFingerprint for $ty {
            const FINGERPRINT: Fingerprint = encoding::readable(
                <$human as TypeFingerprint>::FINGERPRINT,
                <$compact as TypeFingerprint>::FINGERPRINT,
            );
            const DESCRIPTION: &'static Description = &Description {
                name: stringify!($ty),
                args: &[],
                fingerprint: Self::FINGERPRINT,
                shape: Shape::Readable {
                    human: describe::<$human>,
                    compact: describe::<$compact>,
                },
            };
        }
    )*};
}

readable! {
    Ipv4Addr: str => [u8; 4];
    Ipv6Addr: str => [u8; 16];
    IpAddr: str => mirror::IpAddr;
    SocketAddrV4: str => ([u8; 4], u16);
    SocketAddrV6: str => ([u8; 16], u16);
    SocketAddr: str => mirror::SocketAddr;
}
