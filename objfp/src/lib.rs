//! Compile-time structural fingerprints for wire types.
//!
//! `#[derive(TypeFingerprint)]` gives a type a `const` SHA-256 fingerprint of its
//! serialized shape: field and variant wire names, their order, serde attributes that
//! change the encoding, and (composed, not copied) the fingerprints of every type it
//! references. Two types share a fingerprint exactly when they have the same serialized
//! shape; a change three levels deep changes the root.
//!
//! ```
//! use objfp::TypeFingerprint;
//!
//! #[derive(TypeFingerprint)]
//! struct Item {
//!     sku: String,
//!     price_cents: u64,
//! }
//!
//! #[derive(TypeFingerprint)]
//! struct Order {
//!     id: u64,
//!     items: Vec<Item>,
//! }
//!
//! // A `const`, computed while compiling.
//! const ORDER: objfp::Fingerprint = <Order as TypeFingerprint>::FINGERPRINT;
//! println!("Order = {ORDER}");
//!
//! // Renaming the Rust type or spelling a field type differently is not a wire change...
//! type Sku = String;
//! #[derive(TypeFingerprint)]
//! struct Line {
//!     sku: Sku,
//!     price_cents: core::primitive::u64,
//! }
//! assert_eq!(Line::FINGERPRINT, Item::FINGERPRINT);
//!
//! // ...but changing a field's type is.
//! #[derive(TypeFingerprint)]
//! struct ItemV2 {
//!     sku: String,
//!     price_cents: u32,
//! }
//! assert_ne!(ItemV2::FINGERPRINT, Item::FINGERPRINT);
//! ```
//!
//! The canonical encoding is specified in `SPEC.md` at the repository root.
#![no_std]
#![deny(missing_docs)]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

#[cfg(feature = "alloc")]
pub mod compat;
mod describe;
#[cfg(feature = "alloc")]
pub mod diff;
pub mod encoding;
mod fingerprint;
mod impls;
pub mod interface;
#[cfg(feature = "std")]
pub mod lock;
mod pin;
pub mod sha256;

pub mod frame;
#[cfg(feature = "serde")]
mod serde_impls;
#[cfg(feature = "alloc")]
pub mod table;
mod verify;

pub use describe::{
    Attr, AttrIter, Attrs, Description, EnumShape, Field, FieldIter, Fields, Primitive, Shape,
    StructKind, StructShape, TypeRef, Variant, VariantIter, Variants,
};
pub use fingerprint::{Fingerprint, ParseFingerprintError, ShortFingerprint};
pub use interface::{InterfaceDescription, Method, Receiver};

#[cfg(feature = "serde")]
pub use serde_impls::Tagged;
#[cfg(feature = "registry")]
pub use table::Registration;
#[cfg(feature = "alloc")]
pub use table::{DecodeError, Decoders, FingerprintTable, TableEntry};
pub use verify::{Mismatch, verify};

/// Derives [`TypeFingerprint`](trait@TypeFingerprint); see the crate documentation and
/// `SPEC.md` for what the fingerprint covers.
pub use objfp_derive::TypeFingerprint;

/// Gives a trait an interface fingerprint: see [`InterfaceDescription`].
pub use objfp_derive::interface;

/// A trait's `&'static` [`InterfaceDescription`], however its path is spelled:
/// `objfp::interface_of!(api::Orders).fingerprint` (usable in `const`).
pub use objfp_derive::interface_of;

/// A type with a structural fingerprint of its serialized shape.
///
/// Derive it with `#[derive(TypeFingerprint)]`. Implementing it by hand is for types with
/// a hand-written `Serialize`: see [`encoding::opaque`] for the usual way.
///
/// ```
/// use objfp::{Fingerprint, TypeFingerprint};
///
/// #[derive(TypeFingerprint)]
/// enum Event {
///     Created { id: u64 },
///     Deleted(u64),
/// }
///
/// const EVENT: Fingerprint = <Event as TypeFingerprint>::FINGERPRINT;
/// assert_eq!(Event::DESCRIPTION.fingerprint, EVENT);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no fingerprint: it does not implement `TypeFingerprint`",
    label = "no fingerprint for this type",
    note = "derive it with `#[derive(objfp::TypeFingerprint)]`, or, for a type from another crate, \
            annotate the field with `#[fingerprint(as = \"SameShape\")]` or \
            `#[fingerprint(opaque = \"name\")]`"
)]
pub trait TypeFingerprint {
    /// SHA-256 of the type's canonical pre-image (`SPEC.md`).
    const FINGERPRINT: Fingerprint;
    /// What the fingerprint was computed from, for explaining differences.
    const DESCRIPTION: &'static Description;
    /// How the type is written inside the pre-image of a type that mentions it
    /// (`SPEC.md` §5): spelled out for primitives, options, sequences, maps, arrays and
    /// tuples, a reference to [`FINGERPRINT`](Self::FINGERPRINT) for everything else.
    ///
    /// Keep the default in a hand-written impl, unless it forwards to another type's
    /// fingerprint (`FINGERPRINT = <u32 as TypeFingerprint>::FINGERPRINT`): then forward
    /// this too, so that the type and the one it forwards to are one shape inside other
    /// types as well.
    const TYPE_EXPR: encoding::TypeExpr = encoding::TypeExpr::reference(Self::FINGERPRINT);
}

/// Not public API: what generated code calls. Changes without notice.
#[doc(hidden)]
pub mod __private {
    pub use crate::encoding::expr::finish_exprs;
    pub use crate::sha256::{Midstate, finish};
    use crate::{Description, Fingerprint, Shape, TypeFingerprint};

    /// Whether a type expression is an array (`a`): a tuple of one type is described as one.
    pub const fn is_array(expr: &crate::encoding::TypeExpr) -> bool {
        expr.head() == crate::encoding::token::ARRAY
    }

    /// The type expression of a `#[serde(into = "A", from = "B")]` type: `A`'s when both
    /// sides have one fingerprint (the type is then `A`'s shape), else a reference.
    pub const fn proxy_expr(
        ser: crate::encoding::TypeExpr,
        ser_fp: Fingerprint,
        de_fp: Fingerprint,
        fingerprint: Fingerprint,
    ) -> crate::encoding::TypeExpr {
        if ser_fp.eq(&de_fp) {
            ser
        } else {
            crate::encoding::TypeExpr::reference(fingerprint)
        }
    }

    /// 1, whatever `T`: counts the elements of a tuple in a macro.
    pub const fn one<T: ?Sized>() -> u64 {
        1
    }

    /// A [`TypeRef`](crate::TypeRef) for `T`.
    pub fn describe<T: TypeFingerprint + ?Sized>() -> &'static Description {
        T::DESCRIPTION
    }

    /// Stands for "member `I` of the recursion group being defined" inside the field types
    /// of a recursive type (`SPEC.md`, "Recursion").
    pub struct Rec<const I: u32>;

    impl<const I: u32> TypeFingerprint for Rec<I> {
        const FINGERPRINT: Fingerprint = crate::encoding::rec(I);
        const DESCRIPTION: &'static Description = &Description {
            name: "Rec",
            args: &[],
            fingerprint: Self::FINGERPRINT,
            shape: Shape::Opaque("recursion back-reference"),
        };
    }

    /// What `interface_of!` expands to: the trait's interface const, type-checked.
    pub const fn interface_of(
        interface: &'static crate::InterfaceDescription,
    ) -> &'static crate::InterfaceDescription {
        interface
    }

    /// `"label <64 hex digits>"` in a fixed buffer of `N = label.len() + 65` bytes.
    pub const fn labelled_hex<const N: usize>(label: &str, fp: Fingerprint) -> [u8; N] {
        let mut out = [b' '; N];
        let (label, hex) = (label.as_bytes(), fp.to_hex_array());
        let mut i = 0;
        while i < label.len() {
            out[i] = label[i];
            i += 1;
        }
        let mut j = 0;
        while j < 64 {
            out[label.len() + 1 + j] = hex[j];
            j += 1;
        }
        out
    }

    /// The text of a buffer built by [`labelled_hex`] (always UTF-8: an identifier and hex).
    pub const fn utf8(bytes: &'static [u8]) -> &'static str {
        match core::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => "",
        }
    }

    /// `Self` in an interface's signatures: whichever type implements the trait.
    pub struct SelfType;

    impl TypeFingerprint for SelfType {
        const FINGERPRINT: Fingerprint = crate::encoding::opaque("Self");
        const DESCRIPTION: &'static Description = &Description {
            name: "Self",
            args: &[],
            fingerprint: Self::FINGERPRINT,
            shape: Shape::Opaque("Self"),
        };
    }

    /// A member of a recursion group: its fingerprint with member references written as
    /// back-references, and the group (as a tuple type) so members can check they agree.
    pub trait CycleMember {
        /// The members of the group, in order.
        type Cycle;
        /// The member's local fingerprint.
        const LOCAL: Fingerprint;
    }

    /// Holds when every member of a cycle lists the same members in the same order.
    #[diagnostic::on_unimplemented(
        message = "the members of a `#[fingerprint(cycle(...))]` disagree: one lists `{Self}`, another `{T}`",
        label = "this member lists a different cycle",
        note = "every member of a cycle needs the same `#[fingerprint(cycle(A, B, ...))]`, same order"
    )]
    pub trait SameCycle<T> {}
    impl<T> SameCycle<T> for T {}

    /// Compile-time check that two cycle lists agree.
    pub const fn same_cycle<A: SameCycle<B>, B>() {}

    /// Holds when both are one type.
    #[diagnostic::on_unimplemented(
        message = "`{Self}` in a field is not the cycle member `{T}` of the same name",
        note = "a field naming a cycle member must name that very type"
    )]
    pub trait SameType<T: ?Sized> {}
    impl<T: ?Sized> SameType<T> for T {}

    /// Compile-time check that a name in a field is the cycle member it appears to be.
    pub const fn same_type<A: ?Sized + SameType<B>, B: ?Sized>() {}

    pub use crate::pin::{check_pin, parse_pin};
}
