//! Interface fingerprints: what a trait offers (methods with their receivers, parameter and
//! return types, `async`-ness; associated types and consts), so two peers can check at a
//! handshake that they agree on the methods they will call.
//!
//! `#[objfp::interface]` on a trait emits its [`InterfaceDescription`], which
//! [`interface_of!`](crate::interface_of) reaches through any path to the trait;
//! `#[fingerprint(implements(Trait))]` on a derived type checks that the type implements
//! the trait and folds the interface fingerprint into the type's.

use crate::encoding::TypeExpr;
use crate::sha256::Sha256;
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
/// What counts (`SPEC.md` §12 has every rule): each method's name, receiver (by meaning:
/// `self: &Self` is `&self`; a typed receiver such as `self: Box<Self>` by its type's
/// name), `async`-ness (`-> impl Future<Output = T>` is `async fn -> T`), parameter and
/// return types; associated types by name; associated consts with their types. `Self` in
/// a signature is the opaque shape `"Self"`; lifetimes do not count; items, parameters and
/// receivers under `#[cfg]` count exactly when the `cfg` holds:
///
/// ```
/// #[objfp::interface]
/// pub trait Store<'a> {
///     fn get(&'a self, key: &'a str) -> Option<&'a str>;
///     fn merge(&mut self, other: &Self);
///     #[cfg(any())] // never holds
///     fn debug_dump(&self) -> String;
/// }
///
/// #[objfp::interface]
/// pub trait Plain {
///     fn get(&self, key: &str) -> Option<&str>;
///     fn merge(&mut self, other: &Self);
/// }
///
/// assert_eq!(objfp::interface_of!(Store).fingerprint, objfp::interface_of!(Plain).fingerprint);
/// // Any path to the trait reaches its interface, `use` included.
/// use Store as Renamed;
/// assert_eq!(objfp::interface_of!(Renamed).name, "Store");
/// ```
///
/// The interface lives in a hidden `const` that the attribute defines next to the trait,
/// with the trait's own name (the trait is in the type namespace, the const in the value
/// namespace). A function, const or static of that name in the same module clashes with
/// it: rustc's E0428 then shows the "previous definition of the value" at
/// `#[objfp::interface]`; rename one of the two.
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
///
/// ```
/// #[objfp::interface]
/// pub trait Store {
///     async fn get(&self, key: String) -> Option<Vec<u8>>;
/// }
///
/// let get = &objfp::interface_of!(Store).methods[0];
/// assert_eq!(get.name, "get");
/// assert_eq!(get.receiver, objfp::Receiver::Ref);
/// assert!(get.is_async);
/// assert_eq!(get.params.len(), 1);
/// assert_eq!((get.output)().name, "Option");
/// ```
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

/// How a method takes `self`: one value per meaning, however it is spelled (`SPEC.md` §12).
///
/// ```
/// #[objfp::interface]
/// pub trait Node {
///     fn id(self: &Self) -> u64;
///     fn boxed(self: Box<Self>) -> u64;
/// }
///
/// let node = objfp::interface_of!(Node);
/// assert_eq!(node.methods[0].receiver, objfp::Receiver::Typed("Box<Self>"));
/// assert_eq!(node.methods[1].receiver, objfp::Receiver::Ref); // as `&self`
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Receiver {
    /// No receiver: an associated function.
    None,
    /// `&self`, `&'a self`, `self: &Self`.
    Ref,
    /// `&mut self`, `self: &mut Self`.
    RefMut,
    /// `self`, `mut self`, `self: Self`.
    Value,
    /// Any other receiver type, written as `SPEC.md` §12 spells it: the last segment of
    /// each path, lifetimes left out (`self: std::pin::Pin<&'a mut Self>` is
    /// `"Pin<&mut Self>"`).
    Typed(&'static str),
}

/// One method of a trait whose items are under `#[cfg]`, as generated code passes it to
/// [`cfg_fingerprint`]: what `#[cfg]` removes is left out of the array.
#[doc(hidden)]
pub struct CfgMethod<'a> {
    /// `str(name) u8(receiver) [str(receiver type)] u8(async)` (`SPEC.md` §12).
    pub head: &'a [u8],
    /// The parameters' type expressions.
    pub params: &'a [TypeExpr],
    /// The return type's.
    pub output: TypeExpr,
}

/// One associated const, for [`cfg_fingerprint`].
#[doc(hidden)]
pub struct CfgConst<'a> {
    /// `str(name)`.
    pub name: &'a [u8],
    /// The const type's expression.
    pub ty: TypeExpr,
}

/// The interface fingerprint (`SPEC.md` §12) over the items present, each list sorted by
/// name: what generated code computes when an item is under `#[cfg]`, so that the
/// fingerprint follows the configuration. `types` holds `str(name)` of each associated
/// type. Without `#[cfg]`, the derive hashes the same bytes natively.
#[doc(hidden)]
pub const fn cfg_fingerprint(
    methods: &[CfgMethod<'_>],
    types: &[&[u8]],
    consts: &[CfgConst<'_>],
) -> Fingerprint {
    let mut hasher = Sha256::new()
        .update(crate::encoding::MAGIC)
        .update(&[crate::encoding::tag::INTERFACE]);
    let mut len = crate::encoding::MAGIC.len() + 1;
    hasher = hasher.update(&(methods.len() as u32).to_le_bytes());
    len += 4;
    let mut i = 0;
    while i < methods.len() {
        hasher = hasher
            .update(methods[i].head)
            .update(&(methods[i].params.len() as u32).to_le_bytes());
        len += methods[i].head.len() + 4;
        i += 1;
    }
    hasher = hasher.update(&(types.len() as u32).to_le_bytes());
    len += 4;
    let mut i = 0;
    while i < types.len() {
        hasher = hasher.update(types[i]);
        len += types[i].len();
        i += 1;
    }
    hasher = hasher.update(&(consts.len() as u32).to_le_bytes());
    len += 4;
    let mut i = 0;
    while i < consts.len() {
        hasher = hasher.update(consts[i].name);
        len += consts[i].name.len();
        i += 1;
    }
    // The body is zero-padded to whole 64-byte blocks before the type expressions.
    let zeros = [0u8; 64];
    hasher = hasher.update(zeros.split_at((64 - len % 64) % 64).0);
    let mut i = 0;
    while i < methods.len() {
        let mut p = 0;
        while p < methods[i].params.len() {
            hasher = methods[i].params[p].feed(hasher);
            p += 1;
        }
        hasher = methods[i].output.feed(hasher);
        i += 1;
    }
    let mut i = 0;
    while i < consts.len() {
        hasher = consts[i].ty.feed(hasher);
        i += 1;
    }
    Fingerprint(hasher.finalize())
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
