//! Interface fingerprints: what a trait offers (methods with their receivers, parameter and
//! return types, `async`-ness; associated types and consts), so two peers can check at a
//! handshake that they agree on the methods they will call.
//!
//! `#[objfp::interface]` on a trait emits its [`InterfaceDescription`], which
//! [`interface_of!`](crate::interface_of) reaches through any path to the trait;
//! `#[fingerprint(implements(Trait))]` on a derived type checks that the type implements
//! the trait and folds the interface fingerprint into the type's.

use crate::{Fingerprint, TypeRef};

/// The canonical form of a trait's interface, with its fingerprint (`SPEC.md` §12).
///
/// ```
/// #[derive(objfp::TypeFingerprint)]
/// pub struct Order { id: u64 }
///
/// #[objfp::interface]
/// pub trait Orders {
///     fn place(&mut self, order: Order) -> u64;
///     fn count(&self) -> usize;
/// }
///
/// const ORDERS: objfp::Fingerprint = objfp::interface_of!(Orders).fingerprint;
/// let iface = objfp::interface_of!(Orders);
/// assert_eq!(iface.name, "Orders");
/// assert_eq!(iface.methods[0].name, "count"); // sorted by name
/// assert_eq!(iface.fingerprint, ORDERS);
/// ```
///
/// A trait from another crate cannot carry the attribute; give it an interface by hand and
/// name it in `implements(Trait as CONST)`:
///
/// ```
/// use objfp::{encoding, InterfaceDescription};
///
/// /// Our stable name for "implements serde::Serialize".
/// pub const SERIALIZE: &InterfaceDescription = &InterfaceDescription {
///     name: "serde::Serialize",
///     fingerprint: encoding::opaque("interface serde::Serialize"),
///     methods: &[],
///     types: &[],
///     consts: &[],
/// };
///
/// #[derive(objfp::TypeFingerprint, serde::Serialize)]
/// #[fingerprint(implements(serde::Serialize as SERIALIZE))]
/// struct Order { id: u64 }
/// # fn main() {}
/// ```
#[derive(Debug)]
pub struct InterfaceDescription {
    /// The trait's name, for display only.
    pub name: &'static str,
    /// The interface fingerprint.
    pub fingerprint: Fingerprint,
    /// Methods sorted by name.
    pub methods: &'static [Method],
    /// Associated type names, sorted.
    pub types: &'static [&'static str],
    /// Associated consts sorted by name, with their types.
    pub consts: &'static [(&'static str, TypeRef)],
}

/// One method of an interface.
#[derive(Debug)]
pub struct Method {
    /// The method's name.
    pub name: &'static str,
    /// How it takes `self`.
    pub receiver: Receiver,
    /// Whether it is an `async fn`.
    pub is_async: bool,
    /// Parameter types in order (the receiver excluded).
    pub params: &'static [TypeRef],
    /// The return type (`()` when there is none; the output type for `async fn`).
    pub output: TypeRef,
}

/// How a method takes `self`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Receiver {
    /// No receiver: an associated function.
    None,
    /// `&self`
    Ref,
    /// `&mut self`
    RefMut,
    /// `self`
    Value,
    /// A typed receiver such as `self: Box<Self>`.
    Typed,
}

/// The sorted-set combination of a type's own fingerprint with the interface fingerprints
/// of the traits it declares, as the derive computes it for
/// `#[fingerprint(implements(...))]` (`SPEC.md` §12). Listing order does not matter.
///
/// ```
/// use objfp::{interface, Fingerprint};
/// let own = Fingerprint::from_bytes([1; 32]);
/// let (a, b) = (Fingerprint::from_bytes([2; 32]), Fingerprint::from_bytes([3; 32]));
/// assert_eq!(interface::with_interfaces(own, &[a, b]), interface::with_interfaces(own, &[b, a]));
/// ```
pub const fn with_interfaces(own: Fingerprint, interfaces: &[Fingerprint]) -> Fingerprint {
    const MAX: usize = 32;
    assert!(
        interfaces.len() <= MAX,
        "at most 32 traits in `implements(...)`"
    );
    let mut sorted = [Fingerprint([0; 32]); MAX];
    let mut n = 0;
    // Insertion sort: a handful of entries, in const evaluation.
    while n < interfaces.len() {
        let item = interfaces[n];
        let mut i = n;
        while i > 0 && less(&item, &sorted[i - 1]) {
            sorted[i] = sorted[i - 1];
            i -= 1;
        }
        sorted[i] = item;
        n += 1;
    }
    let mut hasher = crate::sha256::Sha256::new()
        .update(crate::encoding::MAGIC)
        .update(&[crate::encoding::tag::IMPLEMENTS])
        .update(&(interfaces.len() as u32).to_le_bytes())
        .update(&own.0);
    let mut i = 0;
    while i < n {
        hasher = hasher.update(&sorted[i].0);
        i += 1;
    }
    Fingerprint(hasher.finalize())
}

const fn less(a: &Fingerprint, b: &Fingerprint) -> bool {
    let mut i = 0;
    while i < 32 {
        if a.0[i] != b.0[i] {
            return a.0[i] < b.0[i];
        }
        i += 1;
    }
    false
}
