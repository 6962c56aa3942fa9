//! The canonical form of a derived type and its pre-image: the one place `SPEC.md` lives in
//! the derive. The stages, one file each:
//!
//! - `canon`: the parsed input reduced to what is on the wire (wire names, the fields and
//!   variants on the wire, what each field is fingerprinted as: SPEC.md §6, §7, §10);
//! - `attrs`: the wire-relevant attributes as sorted key/value pairs (SPEC.md §10.3);
//! - `bytes`: the node written byte by byte (SPEC.md §2, §3).
//!
//! The description the derive emits is generated from the same `Node`, so the two cannot
//! disagree.

mod attrs;
mod bytes;
mod canon;

pub use bytes::{Writer, group_preimage, midstate, opaque_fingerprint, pad64, sha256};
pub use canon::canonical;

use crate::ast::Style;

/// Starts every pre-image; bumped whenever any already specified pre-image changes.
pub const MAGIC: &[u8; 7] = b"objfp/2";

pub mod tag {
    pub const INTERFACE: u8 = b'i';
    pub const STRUCT: u8 = b'S';
    pub const ENUM: u8 = b'E';
    pub const OPAQUE: u8 = b'x';
    pub const GROUP: u8 = b'g';
}

/// A wire-relevant attribute: canonical key and value (`""` for flags).
pub type Attr = (&'static str, String);

/// The canonical form of a derived type.
// Built once per derive and dropped: boxing the large variants would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone)]
pub enum Node {
    Struct {
        style: Style,
        attrs: Vec<Attr>,
        fields: Vec<CanonField>,
    },
    Enum {
        repr: String,
        attrs: Vec<Attr>,
        variants: Vec<CanonVariant>,
    },
    Opaque(String),
    /// Same shape as another type: `#[serde(transparent)]`, or `from` and `into` naming
    /// one type.
    SameAs(Ref),
    /// Serialized as one shape and deserialized from another; `None` is the type's own
    /// structure, which is then in `own`.
    Proxy {
        ser: Option<Ref>,
        de: Option<Ref>,
        own: Box<Node>,
    },
}

#[derive(Clone)]
pub struct CanonField {
    pub name: String,
    pub attrs: Vec<Attr>,
    pub ty: Ref,
}

#[derive(Clone)]
pub struct CanonVariant {
    pub name: String,
    pub attrs: Vec<Attr>,
    pub discriminant: Option<i128>,
    pub style: Style,
    pub fields: Vec<CanonField>,
}

/// A referenced type, whose fingerprint goes into the pre-image.
#[derive(Clone)]
#[allow(clippy::large_enum_variant)]
pub enum Ref {
    /// `fp` is hashed (recursion rewritten to back-references); `desc` is described.
    Type { fp: syn::Type, desc: syn::Type },
    /// `#[fingerprint(opaque = "name")]`: known without const evaluation.
    Opaque(String),
    /// The local fingerprint of a recursion-group member (`recursion.rs`).
    Local(syn::Type),
}

/// A pre-image: bytes the macro knows, then (SPEC.md §3) either the type expressions of
/// the types the body mentions (structs, enums, interfaces: after padding the bytes to a
/// whole number of SHA-256 blocks) or whole fingerprints (recursion groups).
pub struct Preimage {
    pub bytes: Vec<u8>,
    pub tail: Tail,
}

pub enum Tail {
    /// `pad64(bytes) expr(t1) .. expr(tn)`.
    Exprs(Vec<Ref>),
    /// `bytes fp(r1) .. fp(rn)`.
    Fingerprints(Vec<Ref>),
}

/// The canonical bytes of a struct or enum body, in the pieces its description reuses.
pub struct Body {
    /// `str(repr)` for an enum, empty for a struct.
    pub repr: Vec<u8>,
    /// `attrs(container)`.
    pub attrs: Vec<u8>,
    /// `u8(style)` for a struct, empty for an enum.
    pub style: Vec<u8>,
    /// `u32(n) field*` for a struct, `u32(n) variant*` for an enum.
    pub items: Vec<u8>,
    /// The field types, in order (variant by variant for an enum).
    pub types: Vec<Ref>,
}

impl Node {
    /// The types the descriptions reference (the written field types, or what a field is
    /// fingerprinted as): what the generated code asks `TypeFingerprint` of.
    pub fn desc_types(&self) -> Vec<syn::Type> {
        let mut out = Vec::new();
        let mut visit = |r: &Ref| {
            if let Ref::Type { desc, .. } = r {
                out.push(desc.clone());
            }
        };
        match self {
            Node::Struct { fields, .. } => fields.iter().for_each(|x| visit(&x.ty)),
            Node::Enum { variants, .. } => variants
                .iter()
                .flat_map(|v| v.fields.iter())
                .for_each(|x| visit(&x.ty)),
            Node::Opaque(_) => {}
            Node::SameAs(r) => visit(r),
            Node::Proxy { ser, de, own } => {
                ser.iter().chain(de.iter()).for_each(&mut visit);
                out.extend(own.desc_types());
            }
        }
        out
    }

    /// Calls `f` on every referenced type whose fingerprint the pre-image uses (not the
    /// types kept for descriptions), so that `recursion` can rewrite references to the
    /// members of a recursion group.
    pub fn for_each_fp_type(&mut self, f: &mut impl FnMut(&mut syn::Type)) {
        let mut visit = |r: &mut Ref| {
            if let Ref::Type { fp, .. } = r {
                f(fp);
            }
        };
        match self {
            Node::Struct { fields, .. } => fields.iter_mut().for_each(|x| visit(&mut x.ty)),
            Node::Enum { variants, .. } => variants
                .iter_mut()
                .flat_map(|v| v.fields.iter_mut())
                .for_each(|x| visit(&mut x.ty)),
            Node::Opaque(_) => {}
            Node::SameAs(r) => visit(r),
            Node::Proxy { ser, de, own } => {
                ser.iter_mut().chain(de.iter_mut()).for_each(&mut visit);
                own.for_each_fp_type(f);
            }
        }
    }
}
