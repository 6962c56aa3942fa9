//! IP and socket addresses: serde asks the serializer `is_human_readable()` and writes a
//! string in human-readable formats (JSON, TOML: `"10.0.0.1"`, `"[::1]:80"`), fingerprinted
//! as an opaque node named after its grammar (`"ipv4-address"`, ...), and a compact
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

// The text serde writes in human-readable formats has a grammar the type fixes, so it is
// a named opaque node, like the third-party types' strings (`SPEC.md` §5).
grammar! {
    Ipv4Text = "ipv4-address";
    Ipv6Text = "ipv6-address";
    IpText = "ip-address";
    SocketV4Text = "socket-address-v4";
    SocketV6Text = "socket-address-v6";
    SocketText = "socket-address";
}

readable! {
    [] Ipv4Addr as "Ipv4Addr": Ipv4Text => [u8; 4];
    [] Ipv6Addr as "Ipv6Addr": Ipv6Text => [u8; 16];
    [] IpAddr as "IpAddr": IpText => mirror::IpAddr;
    [] SocketAddrV4 as "SocketAddrV4": SocketV4Text => ([u8; 4], u16);
    [] SocketAddrV6 as "SocketAddrV6": SocketV6Text => ([u8; 16], u16);
    [] SocketAddr as "SocketAddr": SocketText => mirror::SocketAddr;
}
