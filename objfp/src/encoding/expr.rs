//! Type expressions (`SPEC.md` §5): how a type is written inside the pre-image of a type
//! that mentions it. Primitives, options, sequences, maps, arrays and tuples are spelled
//! out; every other type (a struct, an enum, an opaque or named shape, ...) is a reference
//! to its fingerprint.
//!
//! Spelling the std shapes out is what keeps const evaluation cheap: a struct with a
//! `Vec<u32>` field hashes the four bytes `s p 0x08`, and `Vec<u32>`'s own fingerprint is
//! never computed unless something asks for it. Only references cost 32 bytes of hashing.
//!
//! A type expression is its tokens followed by the fingerprints of its references, in
//! token order. An expression longer than [`TypeExpr::MAX_TOKENS`] tokens bytes or with
//! more than [`TypeExpr::MAX_REFS`] references is written as a reference to the
//! fingerprint of that expression instead, so every expression has a bounded size.

use crate::encoding::{MAGIC, tag, token};
use crate::sha256::Sha256;
use crate::{Fingerprint, Primitive};

const NONE: Fingerprint = Fingerprint([0; 32]);

/// A type as written inside another type's pre-image (`SPEC.md` §5), with the fingerprints
/// it references. Every [`TypeFingerprint`](crate::TypeFingerprint) has one
/// ([`TypeFingerprint::TYPE_EXPR`](crate::TypeFingerprint::TYPE_EXPR)); build one by hand
/// only for a type that serde writes exactly as one of the std shapes.
///
/// ```
/// use objfp::{encoding::TypeExpr, Primitive, TypeFingerprint};
///
/// const MAP: TypeExpr = TypeExpr::map(
///     TypeExpr::primitive(Primitive::String),
///     TypeExpr::seq(TypeExpr::primitive(Primitive::U8)),
/// );
/// assert_eq!(MAP.tokens(), b"mp\x0esp\x06");
/// assert_eq!(
///     MAP.fingerprint(),
///     <std::collections::HashMap<String, Vec<u8>> as TypeFingerprint>::FINGERPRINT,
/// );
/// // Tuples of one type are arrays, as serde writes both.
/// const PAIR: TypeExpr = <(u8, u8) as TypeFingerprint>::TYPE_EXPR;
/// assert_eq!(PAIR.tokens(), <[u8; 2] as TypeFingerprint>::TYPE_EXPR.tokens());
/// ```
#[derive(Clone, Copy, Debug)]
pub struct TypeExpr {
    tokens: [u8; TypeExpr::MAX_TOKENS],
    len: usize,
    refs: [Fingerprint; TypeExpr::MAX_REFS],
    nrefs: usize,
}

impl TypeExpr {
    /// The most token bytes an expression is spelled out with (`SPEC.md` §5).
    pub const MAX_TOKENS: usize = 32;
    /// The most references an expression is spelled out with (`SPEC.md` §5).
    pub const MAX_REFS: usize = 4;

    /// A serde primitive: `p` and its code.
    pub const fn primitive(p: Primitive) -> TypeExpr {
        let mut tokens = [0; TypeExpr::MAX_TOKENS];
        tokens[0] = token::PRIMITIVE;
        tokens[1] = p.code();
        TypeExpr {
            tokens,
            len: 2,
            refs: [NONE; TypeExpr::MAX_REFS],
            nrefs: 0,
        }
    }

    /// Any type that is not a std shape, by its fingerprint: `R`.
    pub const fn reference(fingerprint: Fingerprint) -> TypeExpr {
        let mut tokens = [0; TypeExpr::MAX_TOKENS];
        tokens[0] = token::REF;
        TypeExpr {
            tokens,
            len: 1,
            refs: [fingerprint, NONE, NONE, NONE],
            nrefs: 1,
        }
    }

    /// `Option<T>`.
    pub const fn option(item: TypeExpr) -> TypeExpr {
        Self::node(token::OPTION, &[], &[item])
    }

    /// A sequence of `T` (`Vec<T>`, `[T]`, `HashSet<T>`, ...).
    pub const fn seq(item: TypeExpr) -> TypeExpr {
        Self::node(token::SEQ, &[], &[item])
    }

    /// A map from `K` to `V`.
    pub const fn map(key: TypeExpr, value: TypeExpr) -> TypeExpr {
        Self::node(token::MAP, &[], &[key, value])
    }

    /// `[T; len]`.
    pub const fn array(len: u64, item: TypeExpr) -> TypeExpr {
        Self::node(token::ARRAY, &len.to_le_bytes(), &[item])
    }

    /// A tuple: serde writes `(A, B)` as a 2-tuple, and `[T; 2]` as a 2-tuple too, so a
    /// tuple whose elements are all one type is the array of that type (`(T,)` is
    /// `[T; 1]`).
    ///
    /// # Panics
    /// With no elements or more than 255 (`()` is the primitive unit; serde implements
    /// tuples up to 16).
    pub const fn tuple(items: &[TypeExpr]) -> TypeExpr {
        assert!(
            !items.is_empty() && items.len() <= 255,
            "a tuple has 1 to 255 elements"
        );
        let mut i = 1;
        while i < items.len() {
            if !items[i].same(&items[0]) {
                return Self::node(token::TUPLE, &[items.len() as u8], items);
            }
            i += 1;
        }
        Self::array(items.len() as u64, items[0])
    }

    /// The token bytes.
    pub const fn tokens(&self) -> &[u8] {
        self.tokens.split_at(self.len).0
    }

    /// The fingerprints referenced, in token order.
    pub const fn refs(&self) -> &[Fingerprint] {
        self.refs.split_at(self.nrefs).0
    }

    /// The first token: what kind of expression this is (`encoding::token`).
    pub const fn head(&self) -> u8 {
        self.tokens[0]
    }

    /// Whether this is a lone reference (`R`): the type is not a std shape.
    pub const fn is_reference(&self) -> bool {
        self.len == 1 && self.tokens[0] == token::REF
    }

    /// Whether both are the same expression, so the same type shape.
    pub const fn same(&self, other: &TypeExpr) -> bool {
        if self.len != other.len || self.nrefs != other.nrefs {
            return false;
        }
        let mut i = 0;
        while i < self.len {
            if self.tokens[i] != other.tokens[i] {
                return false;
            }
            i += 1;
        }
        let mut i = 0;
        while i < self.nrefs {
            if !self.refs[i].eq(&other.refs[i]) {
                return false;
            }
            i += 1;
        }
        true
    }

    /// The fingerprint of the type this expression describes: the referenced fingerprint
    /// for a lone reference, else `H(MAGIC 'e' tokens refs)`.
    pub const fn fingerprint(&self) -> Fingerprint {
        if self.is_reference() {
            return self.refs[0];
        }
        Fingerprint(
            self.feed(Sha256::new().update(MAGIC).update(&[tag::EXPR]))
                .finalize(),
        )
    }

    /// Appends the expression as `SPEC.md` writes it: the tokens, then the references.
    pub(crate) const fn feed(&self, mut hasher: Sha256) -> Sha256 {
        hasher = hasher.update_prefix(&self.tokens, self.len);
        let mut i = 0;
        while i < self.nrefs {
            hasher = hasher.update(&self.refs[i].0);
            i += 1;
        }
        hasher
    }

    /// `tag header children`, or a reference to its fingerprint when it is too long.
    const fn node(tag_token: u8, header: &[u8], children: &[TypeExpr]) -> TypeExpr {
        let mut len = 1 + header.len();
        let mut nrefs = 0;
        let mut c = 0;
        while c < children.len() {
            len += children[c].len;
            nrefs += children[c].nrefs;
            c += 1;
        }
        if len > TypeExpr::MAX_TOKENS || nrefs > TypeExpr::MAX_REFS {
            let mut hasher = Sha256::new()
                .update(MAGIC)
                .update(&[tag::EXPR, tag_token])
                .update(header);
            let mut c = 0;
            while c < children.len() {
                hasher = hasher.update_prefix(&children[c].tokens, children[c].len);
                c += 1;
            }
            let mut c = 0;
            while c < children.len() {
                let mut r = 0;
                while r < children[c].nrefs {
                    hasher = hasher.update(&children[c].refs[r].0);
                    r += 1;
                }
                c += 1;
            }
            return TypeExpr::reference(Fingerprint(hasher.finalize()));
        }
        let mut out = TypeExpr {
            tokens: [0; TypeExpr::MAX_TOKENS],
            len,
            refs: [NONE; TypeExpr::MAX_REFS],
            nrefs,
        };
        out.tokens[0] = tag_token;
        let mut at = 1;
        let mut i = 0;
        while i < header.len() {
            out.tokens[at] = header[i];
            at += 1;
            i += 1;
        }
        let mut r = 0;
        let mut c = 0;
        while c < children.len() {
            let child = &children[c];
            let mut i = 0;
            while i < child.len {
                out.tokens[at] = child.tokens[i];
                at += 1;
                i += 1;
            }
            let mut k = 0;
            while k < child.nrefs {
                out.refs[r] = child.refs[k];
                r += 1;
                k += 1;
            }
            c += 1;
        }
        out
    }
}

/// Finishes the pre-image of a struct, enum or interface: the state after its natively
/// hashed, block-padded body, then the type expression of each field in order.
#[doc(hidden)]
pub const fn finish_exprs(state: crate::sha256::Midstate, exprs: &[TypeExpr]) -> Fingerprint {
    let mut hasher = Sha256::from_midstate(state);
    let mut i = 0;
    while i < exprs.len() {
        hasher = exprs[i].feed(hasher);
        i += 1;
    }
    Fingerprint(hasher.finalize())
}
