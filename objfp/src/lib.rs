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
#[cfg(feature = "cycles")]
pub mod cycles;
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

/// Derives [`TypeFingerprint`](trait@TypeFingerprint) for a struct or enum: a `const`
/// SHA-256 fingerprint of its serialized shape (`SPEC.md` says byte by byte what counts),
/// and a [`Description`] of it.
///
/// The derive reads the type's fields and variants and the `#[serde(...)]` attributes that
/// change what is written or accepted, exactly as serde_derive interprets them (attributes
/// serde would reject are rejected with serde's own message, so a type with both derives
/// shows each error once). It needs no serde derive on the type itself.
///
/// ```
/// #[derive(objfp::TypeFingerprint, serde::Serialize)]
/// #[serde(tag = "type", rename_all = "snake_case")]
/// enum Event {
///     Created { id: u64, #[serde(default, skip_serializing_if = "Option::is_none")] by: Option<String> },
///     Deleted { id: u64 },
/// }
/// ```
///
/// # Attributes
///
/// On the type, `#[fingerprint(...)]`:
///
/// | attribute | effect |
/// |---|---|
/// | `opaque = "name"` | the type is a named shape objfp does not look into: for a hand-written `Serialize`; name what it writes (`"rfc3339-timestamp"`), never a module path |
/// | `cycle(A, B, ...)` | declares a mutual recursion: every member lists every member, in the same order; the order changes no fingerprint except between members whose structures are identical (`SPEC.md` §8) |
/// | `implements(Trait, ...)` | folds in the interface fingerprints of traits marked [`#[objfp::interface]`](macro@interface) and checks the type implements them; for a trait of another crate, `Trait as CONST` with a hand-written [`InterfaceDescription`] |
/// | `expect = "64 hex digits"` | pins the fingerprint: the build fails, showing both values, when it changes |
/// | `crate = "path"` | the path of this crate, for a re-export |
/// | `bound = "T: TypeFingerprint"` | replaces the inferred where-clause |
///
/// On a field, `#[fingerprint(...)]`: `skip` (not on the wire), `as = "Type"` (fingerprint
/// the field as a type with the same serialized shape), `opaque = "name"` (a named shape).
/// A field with a custom serializer (`#[serde(with = ..)]`, `serialize_with`) needs one of
/// them unless objfp knows the helper (`SPEC.md` §10b); `deserialize_with` alone needs
/// nothing (the field is written by its own type; the function's name is recorded).
///
/// ```
/// mod url_serde {
///     pub fn serialize<S: serde::Serializer>(u: &String, s: S) -> Result<S::Ok, S::Error> { s.serialize_str(u) }
/// }
///
/// #[derive(objfp::TypeFingerprint, serde::Serialize)]
/// struct Profile {
///     #[serde(serialize_with = "url_serde::serialize")]
///     #[fingerprint(as = "String")]
///     home: String,
///     #[serde(skip)]
///     #[fingerprint(skip)]
///     cache: Vec<u8>,
/// }
/// ```
///
/// # Errors you may meet
///
/// - **A field type without an impl** (`E0277`, "`X` has no fingerprint"): derive it too,
///   or, for a type with a hand-written `Serialize`, derive it with
///   `#[fingerprint(opaque = "...")]`; for a type of another crate, turn on objfp's feature
///   for that crate (see `Cargo.toml`) or annotate the field.
/// - **A mutual recursion without `cycle(...)`** (`E0391`, "cycle detected when simplifying
///   constant for the type system `_::A`"): the chain names the members as `_::A`, `_::B`,
///   ...; add `#[fingerprint(cycle(A, B, ...))]` to each. A member behind a type alias is
///   not seen: spell the field's type out with `#[fingerprint(as = "...")]`. rustc shows
///   one group per build; with the `cycles` feature, `objfp::cycles::find("src")` lists
///   every group, and each alias to spell out, at once.
/// - **`implements(Trait)` for a trait without `#[objfp::interface]`** (`E0423`, "expected
///   value, found trait"): mark the trait, or give it an interface by hand and write
///   `implements(Trait as CONST)`.
/// - **A pin that no longer matches** (`E0080`, "the fingerprint of `X` changed"): the
///   message shows both values; replace the pin if the wire change is intended.
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
    note = "if serde's derive writes `{Self}`, derive it with `#[derive(objfp::TypeFingerprint)]`; \
            if `{Self}` implements `Serialize` by hand, derive it with \
            `#[fingerprint(opaque = \"name-of-what-it-writes\")]` on the type (deriving it \
            without would fingerprint its Rust layout, not what it writes)",
    note = "for a type from another crate, turn on objfp's feature for that crate if it has one; \
            otherwise annotate the field with `#[fingerprint(as = \"SameShape\")]` or \
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
    /// Not public API: a [`TypeRef`] to [`DESCRIPTION`](Self::DESCRIPTION), for the
    /// descriptions the derive writes (an associated const, so that a field type without
    /// an impl is one error, not one per use).
    #[doc(hidden)]
    const DESCRIBE: TypeRef = __private::describe::<Self>;
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

    /// Fails const evaluation when `implements(...)` names one interface twice, however
    /// its path is spelled (the derive already refuses the same spelling twice).
    pub const fn distinct_interfaces(interfaces: &[Fingerprint]) {
        let mut i = 0;
        while i < interfaces.len() {
            let mut j = i + 1;
            while j < interfaces.len() {
                if interfaces[i].eq(&interfaces[j]) {
                    panic!(
                        "`implements(...)` lists one interface twice (two paths to one trait, \
                         or two traits with one interface); list each once"
                    );
                }
                j += 1;
            }
            i += 1;
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

    /// A member of a recursion group (`SPEC.md` §8), as the derive implements it.
    #[diagnostic::on_unimplemented(
        message = "`{Self}` is listed in a `#[fingerprint(cycle(...))]` but does not declare it",
        label = "this member does not say `#[fingerprint(cycle(...))]`",
        note = "add the same `#[fingerprint(cycle(...))]` line to `{Self}`: every member of a cycle lists every member, in the same order"
    )]
    pub trait CycleMember {
        /// The members of the group, as listed.
        type Cycle;
        /// The member's fingerprint with every member reference replaced by the
        /// placeholder: what orders the members.
        const LOCAL0: Fingerprint;
        /// The member's position in the group.
        const POSITION: u32;
        /// The member's local fingerprint: member references are back-references to
        /// positions.
        const LOCAL: Fingerprint;
    }

    /// Stands for "a member of the recursion group" while the members are ordered.
    pub struct CycleRef;

    impl TypeFingerprint for CycleRef {
        const FINGERPRINT: Fingerprint = crate::encoding::rec(u32::MAX);
        const DESCRIPTION: &'static Description = &Description {
            name: "CycleRef",
            args: &[],
            fingerprint: Self::FINGERPRINT,
            shape: Shape::Opaque("recursion placeholder"),
        };
    }

    /// The back-reference to member `M` of the recursion group being defined.
    pub struct RecTo<M: ?Sized>(core::marker::PhantomData<M>);

    impl<M: CycleMember + ?Sized> TypeFingerprint for RecTo<M> {
        const FINGERPRINT: Fingerprint = crate::encoding::rec(M::POSITION);
        const DESCRIPTION: &'static Description = &Description {
            name: "Rec",
            args: &[],
            fingerprint: Self::FINGERPRINT,
            shape: Shape::Opaque("recursion back-reference"),
        };
    }

    /// The position of member `index` among members with these placeholder fingerprints:
    /// ordered by fingerprint, then by listed position (`SPEC.md` §8).
    pub const fn cycle_position(locals0: &[Fingerprint], index: usize) -> u32 {
        let own = &locals0[index];
        let mut position = 0;
        let mut j = 0;
        while j < locals0.len() {
            if less(&locals0[j], own) || (j < index && locals0[j].eq(own)) {
                position += 1;
            }
            j += 1;
        }
        position
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

    /// `H(MAGIC 'g' u32(size) u32(position) local*)`, the locals in position order
    /// (`SPEC.md` §8).
    pub const fn cycle_fingerprint(
        size: u32,
        position: u32,
        members: &[(u32, Fingerprint)],
    ) -> Fingerprint {
        let mut hasher = crate::sha256::Sha256::new()
            .update(crate::encoding::MAGIC)
            .update(&[crate::encoding::tag::GROUP])
            .update(&size.to_le_bytes())
            .update(&position.to_le_bytes());
        let mut p = 0;
        while p < members.len() as u32 {
            let mut m = 0;
            while m < members.len() {
                if members[m].0 == p {
                    hasher = hasher.update(&members[m].1.0);
                }
                m += 1;
            }
            p += 1;
        }
        Fingerprint(hasher.finalize())
    }

    /// A field written as `W` and read as `R` (a well-known helper on one side only).
    pub struct ReadAs<W: ?Sized, R: ?Sized>(
        core::marker::PhantomData<W>,
        core::marker::PhantomData<R>,
    );

    impl<W: TypeFingerprint + ?Sized, R: TypeFingerprint + ?Sized> TypeFingerprint for ReadAs<W, R> {
        const FINGERPRINT: Fingerprint =
            crate::encoding::proxy_or_same(W::FINGERPRINT, R::FINGERPRINT);
        const TYPE_EXPR: crate::encoding::TypeExpr = proxy_expr(
            W::TYPE_EXPR,
            W::FINGERPRINT,
            R::FINGERPRINT,
            Self::FINGERPRINT,
        );
        const DESCRIPTION: &'static Description = &Description {
            name: "field",
            args: &[],
            fingerprint: Self::FINGERPRINT,
            shape: Shape::Proxy {
                serialize: Some(describe::<W>),
                deserialize: Some(describe::<R>),
                own: &Shape::Opaque("field"),
            },
        };
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
        label = "objfp took this for the member `{T}` of `cycle(...)`",
        note = "a field whose type is named like a member of `cycle(...)` is taken for that member; \
                for another type of the same name, use a type alias with another name \
                (`type OldName = path::Name;`)"
    )]
    pub trait SameType<T: ?Sized> {}
    impl<T: ?Sized> SameType<T> for T {}

    /// Compile-time check that a name in a field is the cycle member it appears to be.
    pub const fn same_type<A: ?Sized + SameType<B>, B: ?Sized>() {}

    pub use crate::pin::{check_pin, parse_pin};

    pub use crate::impls::with;
}
