//! `ipnet` 2 (feature `ipnet`), as its `serde` feature writes it: like `std`'s IP
//! addresses (`SPEC.md` §5), a string in human-readable formats and octets in compact
//! ones, so each is an `h` node:
//!
//! | type | human-readable | compact |
//! |---|---|---|
//! | `Ipv4Net` | `collect_str`, `10.1.0.0/16`: opaque `"ipv4-network"` | `serialize_tuple(5)`: the 4 octets, then the prefix length, a 5-tuple of `u8` (not `([u8; 4], u8)`) |
//! | `Ipv6Net` | `collect_str`, `fd00::/8`: opaque `"ipv6-network"` | `serialize_tuple(17)`: the 16 octets, then the prefix length, a 17-tuple of `u8` |
//! | `IpNet` | `Ipv4Net`'s or `Ipv6Net`'s string: opaque `"ip-network"` | `serialize_newtype_variant` `V4` (0) / `V6` (1) of the compact forms above |
//!
//! The `ser_as_str` feature changes only how the string is produced. Not implemented:
//! `Ipv4AddrRange`, `Ipv6AddrRange`, `Ipv4Subnets`, `Ipv6Subnets`, `IpSubnets`,
//! `IpAddrRange` (no `Serialize`).

use ::ipnet::{IpNet, Ipv4Net, Ipv6Net};

grammar! {
    /// The human-readable form of `Ipv4Net`.
    Ipv4Network = "ipv4-network";
    /// The human-readable form of `Ipv6Net`.
    Ipv6Network = "ipv6-network";
    /// The human-readable form of `IpNet`.
    IpNetwork = "ip-network";
}

/// The compact form of `Ipv6Net`: a 17-tuple of `u8`, longer than any Rust tuple type
/// objfp (or serde) implements; a tuple of one type is the array of that type
/// (`SPEC.md` §5).
pub(crate) struct Ipv6NetCompact;

same_as! {
    [] Ipv6NetCompact => [u8; 17];
}

/// Private stand-ins declared the way serde writes the `ipnet` types; never built.
mod mirror {
    #![allow(dead_code)]

    /// The compact form of `IpNet`: newtype variants `V4` (0) and `V6` (1) holding the
    /// compact forms of `Ipv4Net` and `Ipv6Net`.
    #[derive(crate::TypeFingerprint)]
    #[fingerprint(crate = "crate")]
    pub(super) enum IpNet {
        V4((u8, u8, u8, u8, u8)),
        V6(super::Ipv6NetCompact),
    }
}

readable! {
    [] Ipv4Net as "Ipv4Net": Ipv4Network => (u8, u8, u8, u8, u8);
    [] Ipv6Net as "Ipv6Net": Ipv6Network => Ipv6NetCompact;
    [] IpNet as "IpNet": IpNetwork => mirror::IpNet;
}
