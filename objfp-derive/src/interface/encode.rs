//! The interface pre-image (SPEC.md §12), byte by byte: the body (methods, associated
//! types, associated consts, each sorted by name), zero-padded to whole 64-byte blocks,
//! then the type expressions of every parameter and return type, method by method, and of
//! every const type. Without `#[cfg]` the macro hashes the body natively; with it, the
//! same pieces go to `objfp::interface::cfg_fingerprint`, which assembles the items that
//! rustc kept (`expand.rs`).

use super::canon::{CanonMethod, Interface, Receiver};
use crate::encode::{MAGIC, Preimage, Ref, Tail, Writer, tag};

/// `str(name) u8(receiver) [str(receiver type)] u8(async)`: a method's bytes before its
/// parameter count.
pub fn method_head(m: &CanonMethod) -> Vec<u8> {
    let mut w = Writer::default();
    w.str(&m.name);
    match &m.receiver {
        Receiver::None => w.byte(b'n'),
        Receiver::Ref => w.byte(b'r'),
        Receiver::RefMut => w.byte(b'm'),
        Receiver::Value => w.byte(b'v'),
        Receiver::Typed(spelling) => {
            w.byte(b't');
            w.str(spelling);
        }
    }
    w.byte(u8::from(m.is_async));
    w.0
}

/// `str(name)`.
pub fn name(name: &str) -> Vec<u8> {
    let mut w = Writer::default();
    w.str(name);
    w.0
}

/// The reference the pre-image makes to a type of the signature (already rewritten for
/// use outside the trait, so it is also what the description names).
pub fn type_ref(ty: &syn::Type) -> Ref {
    Ref::Type {
        fp: ty.clone(),
        desc: ty.clone(),
    }
}

/// The whole pre-image, when no part is under `#[cfg]`.
pub fn preimage(iface: &Interface) -> Preimage {
    let mut w = Writer(MAGIC.to_vec());
    w.byte(tag::INTERFACE);
    let mut exprs = Vec::new();
    w.u32(iface.methods.len());
    for m in &iface.methods {
        w.0.extend(method_head(m));
        w.u32(m.params.len());
        exprs.extend(m.params.iter().map(|(_, ty)| type_ref(ty)));
        exprs.push(type_ref(&m.output));
    }
    w.u32(iface.types.len());
    iface.types.iter().for_each(|(_, t)| w.str(t));
    w.u32(iface.consts.len());
    for c in &iface.consts {
        w.str(&c.name);
        exprs.push(type_ref(&c.ty));
    }
    Preimage {
        bytes: w.0,
        tail: Tail::Exprs(exprs),
    }
}
