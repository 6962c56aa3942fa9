//! The canonical form of a derived type and its pre-image: the one place `SPEC.md` lives in
//! the derive. `canonical` reduces the parsed input to what is on the wire (wire names,
//! wire-relevant attributes as sorted key/value pairs, referenced types); `Node::preimage`
//! writes that form byte by byte. The description the derive emits is generated from the
//! same `Node`, so the two cannot disagree.

use crate::ast::{Container, Data, Field, Style, Variant};
use crate::ctxt::Ctxt;
use crate::recursion::Rewriter;

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

pub struct CanonField {
    pub name: String,
    pub attrs: Vec<Attr>,
    pub ty: Ref,
}

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

/// Reduces the input to its canonical form.
pub fn canonical(cx: &Ctxt, cont: &Container, rw: &mut Rewriter) -> Node {
    if let Some(name) = &cont.attrs.opaque {
        return Node::Opaque(name.value());
    }
    let mut field_ref = |field: &Field| field_ref(cx, field, rw);
    let own = match &cont.data {
        Data::Struct(style, fields) => {
            if cont.attrs.transparent.get().is_some()
                && let Some(field) = fields.iter().find(|f| !f.skipped())
            {
                return Node::SameAs(field_ref(field));
            }
            Node::Struct {
                style: *style,
                attrs: struct_attrs(cont),
                fields: canon_fields(*style, fields, &mut field_ref),
            }
        }
        Data::Enum(variants) => Node::Enum {
            repr: cont.attrs.repr.clone().unwrap_or_default(),
            attrs: enum_attrs(cont),
            variants: canon_variants(cx, variants, cont.attrs.untagged, &mut field_ref),
        },
    };
    let proxy = |ty: &syn::Type, rw: &mut Rewriter| {
        let mut fp = ty.clone();
        rw.rewrite(cx, &mut fp);
        Ref::Type {
            fp,
            desc: ty.clone(),
        }
    };
    let ser = cont.attrs.into.as_ref().map(|t| proxy(t, rw));
    let de = cont
        .attrs
        .from
        .as_ref()
        .or(cont.attrs.try_from.as_ref())
        .map(|t| proxy(t, rw));
    match (ser, de) {
        (None, None) => own,
        (ser, de) => Node::Proxy {
            ser,
            de,
            own: Box::new(own),
        },
    }
}

fn field_ref(cx: &Ctxt, field: &Field, rw: &mut Rewriter) -> Ref {
    if let Some(name) = field.attrs.fp_opaque.get() {
        return Ref::Opaque(name.value());
    }
    let desc = field.attrs.fp_as.get().unwrap_or(field.ty).clone();
    let mut fp = desc.clone();
    rw.rewrite(cx, &mut fp);
    Ref::Type { fp, desc }
}

fn canon_fields(
    style: Style,
    fields: &[Field],
    field_ref: &mut impl FnMut(&Field) -> Ref,
) -> Vec<CanonField> {
    if style == Style::Newtype {
        // serde writes a newtype struct's field whatever its skip attributes say, and
        // reads no attribute of it that changes the wire.
        return fields
            .iter()
            .filter(|f| f.attrs.fp_skip.get().is_none())
            .map(|f| CanonField {
                name: String::new(),
                attrs: Vec::new(),
                ty: field_ref(f),
            })
            .collect();
    }
    fields
        .iter()
        .filter(|f| !f.skipped())
        .map(|f| CanonField {
            name: f.name.ser.clone(),
            attrs: field_attrs(f),
            ty: field_ref(f),
        })
        .collect()
}

fn canon_variants(
    cx: &Ctxt,
    variants: &[Variant],
    untagged_enum: bool,
    field_ref: &mut impl FnMut(&Field) -> Ref,
) -> Vec<CanonVariant> {
    let discriminants = discriminants(cx, variants);
    variants
        .iter()
        .zip(discriminants)
        .map(|(v, discriminant)| {
            if v.skipped() {
                // Never on the wire, but it keeps its index, which compact formats write.
                return CanonVariant {
                    name: String::new(),
                    attrs: vec![("skip", String::new())],
                    discriminant,
                    style: Style::Unit,
                    fields: Vec::new(),
                };
            }
            let name = variant_name(v, untagged_enum);
            let attrs = variant_attrs(v, untagged_enum);
            let (style, fields) = match v.style {
                // serde writes a newtype variant whose one field is skipped as a unit variant.
                Style::Newtype if v.fields[0].skipped() => (Style::Unit, Vec::new()),
                // A newtype variant's field keeps its attributes (serde reads them).
                Style::Newtype => {
                    let f = &v.fields[0];
                    let field = CanonField {
                        name: String::new(),
                        attrs: field_attrs(f),
                        ty: field_ref(f),
                    };
                    (Style::Newtype, vec![field])
                }
                style => (style, canon_fields(style, &v.fields, field_ref)),
            };
            CanonVariant {
                name,
                attrs,
                discriminant,
                style,
                fields,
            }
        })
        .collect()
}

/// Explicit discriminants, evaluated natively: integer literals (optionally negated), and
/// implicit ones counting up from the previous. `None` for every variant when the enum
/// declares none. Anything else is an error asking for a literal.
fn discriminants(cx: &Ctxt, variants: &[Variant]) -> Vec<Option<i128>> {
    if variants.iter().all(|v| v.discriminant.is_none()) {
        return vec![None; variants.len()];
    }
    let mut next: i128 = 0;
    variants
        .iter()
        .map(|v| {
            if let Some(expr) = v.discriminant {
                match literal_int(expr) {
                    Some(value) => next = value,
                    None => cx.error_spanned_by(
                        expr,
                        "objfp reads discriminants as integer literals; write the value, \
                         such as `= 4` or `= -1`",
                    ),
                }
            }
            let value = next;
            next = next.wrapping_add(1);
            Some(value)
        })
        .collect()
}

fn literal_int(expr: &syn::Expr) -> Option<i128> {
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(int),
            ..
        }) => {
            // u128 values above i128::MAX keep their bit pattern (SPEC.md).
            int.base10_parse::<i128>()
                .ok()
                .or_else(|| int.base10_parse::<u128>().ok().map(|v| v as i128))
        }
        syn::Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Neg(_),
            expr,
            ..
        }) => literal_int(expr).map(i128::wrapping_neg),
        syn::Expr::Paren(p) => literal_int(&p.expr),
        syn::Expr::Group(g) => literal_int(&g.expr),
        _ => None,
    }
}

/// The flags that are set, as attributes with empty values: each table below is the
/// SPEC.md §10 row for its level.
fn flags<'a>(set: &'a [(bool, &'static str)]) -> impl Iterator<Item = Attr> + 'a {
    set.iter()
        .filter(|(on, _)| *on)
        .map(|(_, key)| (*key, String::new()))
}

fn struct_attrs(cont: &Container) -> Vec<Attr> {
    let a = &cont.attrs;
    let mut out: Vec<Attr> = flags(&[
        (a.default, "default"),
        (a.deny_unknown_fields, "deny_unknown_fields"),
    ])
    .collect();
    if let Some(tag) = &a.tag {
        // serde writes the struct's own (renamed) name as the tag's value.
        out.push(("tag", tag.clone()));
        let name = a.rename.ser.clone().unwrap_or_else(|| unraw(cont.ident));
        out.push(("tag_value", name));
    }
    sorted(out)
}

fn enum_attrs(cont: &Container) -> Vec<Attr> {
    let a = &cont.attrs;
    let mut out: Vec<Attr> = flags(&[
        (a.untagged, "untagged"),
        (a.deny_unknown_fields, "deny_unknown_fields"),
        (a.variant_identifier, "variant_identifier"),
        (a.field_identifier, "field_identifier"),
    ])
    .collect();
    out.extend(a.tag.iter().map(|tag| ("tag", tag.clone())));
    out.extend(a.content.iter().map(|content| ("content", content.clone())));
    sorted(out)
}

/// An untagged variant's name is neither written nor read: serde tries the variants in
/// order, by shape alone.
fn untagged(v: &Variant, untagged_enum: bool) -> bool {
    untagged_enum || v.attrs.untagged
}

fn variant_name(v: &Variant, untagged_enum: bool) -> String {
    if untagged(v, untagged_enum) {
        String::new()
    } else {
        v.name.ser.clone()
    }
}

fn variant_attrs(v: &Variant, untagged_enum: bool) -> Vec<Attr> {
    let a = &v.attrs;
    let mut out: Vec<Attr> = flags(&[
        (a.skip_serializing, "skip_serializing"),
        (a.skip_deserializing, "skip_deserializing"),
        (a.other, "other"),
        (a.untagged, "untagged"),
    ])
    .collect();
    if !untagged(v, untagged_enum) {
        names_attrs(&mut out, &v.name.ser, &v.name.de, &a.aliases);
    }
    sorted(out)
}

fn field_attrs(f: &Field) -> Vec<Attr> {
    let a = &f.attrs;
    let mut out: Vec<Attr> = flags(&[
        (a.skip_serializing, "skip_serializing"),
        (a.skip_deserializing, "skip_deserializing"),
        (a.skip_serializing_if, "skip_serializing_if"),
        (a.default, "default"),
        (a.flatten, "flatten"),
    ])
    .collect();
    names_attrs(&mut out, &f.name.ser, &f.name.de, &a.aliases);
    sorted(out)
}

/// The serialized name is the field's name. The names accepted on input (the deserialize
/// name and the aliases) are written as one `accepts` entry each, unless they are just the
/// serialized name: so `rename = "a", alias = "b"` and
/// `rename(serialize = "a", deserialize = "b"), alias = "a"` are one shape.
fn names_attrs(out: &mut Vec<Attr>, ser: &str, de: &str, aliases: &[String]) {
    let mut accepted: Vec<&str> = std::iter::once(de)
        .chain(aliases.iter().map(String::as_str))
        .collect();
    accepted.sort_unstable();
    accepted.dedup();
    if accepted != [ser] {
        out.extend(
            accepted
                .into_iter()
                .map(|name| ("accepts", name.to_owned())),
        );
    }
}

fn unraw(ident: &syn::Ident) -> String {
    let name = ident.to_string();
    name.strip_prefix("r#").map(str::to_owned).unwrap_or(name)
}

fn sorted(mut attrs: Vec<Attr>) -> Vec<Attr> {
    attrs.sort();
    attrs.dedup();
    attrs
}

/// Byte writer of the canonical encoding (SPEC.md §2).
#[derive(Default)]
pub struct Writer(pub Vec<u8>);

impl Writer {
    pub fn byte(&mut self, b: u8) {
        self.0.push(b);
    }

    pub fn u32(&mut self, n: usize) {
        // Counts and lengths are u32 little-endian; nothing in a Rust type gets near 2^32.
        self.0.extend_from_slice(&(n as u32).to_le_bytes());
    }

    pub fn str(&mut self, s: &str) {
        self.u32(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }

    pub fn attrs(&mut self, attrs: &[Attr]) {
        self.u32(attrs.len());
        for (key, value) in attrs {
            self.str(key);
            self.str(value);
        }
    }

    /// `u32(n) (str(name) attrs)*`; the types go to `types`.
    fn fields(&mut self, fields: &[CanonField], types: &mut Vec<Ref>) {
        self.u32(fields.len());
        for field in fields {
            self.str(&field.name);
            self.attrs(&field.attrs);
            types.push(field.ty.clone());
        }
    }
}

fn style_byte(style: Style) -> u8 {
    match style {
        Style::Named => b'n',
        Style::Newtype => b'w',
        Style::Tuple => b't',
        Style::Unit => b'u',
    }
}

impl Node {
    /// The canonical body of a struct or enum node, in pieces (SPEC.md §6, §7).
    pub fn body(&self) -> Option<Body> {
        let mut types = Vec::new();
        match self {
            Node::Struct {
                style,
                attrs,
                fields,
            } => {
                let mut a = Writer::default();
                a.attrs(attrs);
                let mut items = Writer::default();
                items.fields(fields, &mut types);
                Some(Body {
                    repr: Vec::new(),
                    attrs: a.0,
                    style: vec![style_byte(*style)],
                    items: items.0,
                    types,
                })
            }
            Node::Enum {
                repr,
                attrs,
                variants,
            } => {
                let mut r = Writer::default();
                r.str(repr);
                let mut a = Writer::default();
                a.attrs(attrs);
                let mut items = Writer::default();
                items.u32(variants.len());
                for v in variants {
                    items.str(&v.name);
                    items.attrs(&v.attrs);
                    match v.discriminant {
                        None => items.byte(0),
                        Some(d) => {
                            items.byte(1);
                            items.0.extend_from_slice(&d.to_le_bytes());
                        }
                    }
                    items.byte(style_byte(v.style));
                    items.fields(&v.fields, &mut types);
                }
                Some(Body {
                    repr: r.0,
                    attrs: a.0,
                    style: Vec::new(),
                    items: items.0,
                    types,
                })
            }
            Node::Opaque(_) | Node::SameAs(_) | Node::Proxy { .. } => None,
        }
    }

    /// The pre-image of a struct or enum node. Other nodes are composed from
    /// fingerprints by the runtime's `encoding` functions (see `expand`).
    pub fn preimage(&self) -> Option<Preimage> {
        let body = self.body()?;
        let tag = match self {
            Node::Struct { .. } => tag::STRUCT,
            _ => tag::ENUM,
        };
        let mut bytes = MAGIC.to_vec();
        bytes.push(tag);
        for piece in [&body.repr, &body.attrs, &body.style, &body.items] {
            bytes.extend_from_slice(piece);
        }
        Some(Preimage {
            bytes,
            tail: Tail::Exprs(body.types),
        })
    }
}

/// Pre-image of member `index` of a recursion group of `size` members; the refs are the
/// members' local fingerprints, in order.
pub fn group_preimage(size: usize, index: usize, locals: Vec<Ref>) -> Preimage {
    let mut w = Writer(MAGIC.to_vec());
    w.byte(tag::GROUP);
    w.u32(size);
    w.u32(index);
    Preimage {
        bytes: w.0,
        tail: Tail::Fingerprints(locals),
    }
}

/// One method of an interface, in canonical form.
pub struct InterfaceMethod {
    pub name: String,
    pub receiver: crate::interface::Receiver,
    pub is_async: bool,
    pub params: Vec<Ref>,
    pub output: Ref,
}

/// Pre-image of a trait's interface (SPEC.md §12): methods, associated types and consts,
/// each list already sorted by name; then the type expressions of every parameter,
/// return and const type.
pub fn interface_preimage(
    methods: &[InterfaceMethod],
    types: &[String],
    consts: &[(String, Ref)],
) -> Preimage {
    use crate::interface::Receiver;
    let mut w = Writer(MAGIC.to_vec());
    w.byte(tag::INTERFACE);
    let mut exprs = Vec::new();
    w.u32(methods.len());
    for m in methods {
        w.str(&m.name);
        w.byte(match m.receiver {
            Receiver::None => b'n',
            Receiver::Ref => b'r',
            Receiver::RefMut => b'm',
            Receiver::Value => b'v',
            Receiver::Typed => b't',
        });
        w.byte(u8::from(m.is_async));
        w.u32(m.params.len());
        exprs.extend(m.params.iter().cloned());
        exprs.push(m.output.clone());
    }
    w.u32(types.len());
    types.iter().for_each(|t| w.str(t));
    w.u32(consts.len());
    for (name, ty) in consts {
        w.str(name);
        exprs.push(ty.clone());
    }
    Preimage {
        bytes: w.0,
        tail: Tail::Exprs(exprs),
    }
}

/// Pads to a whole number of 64-byte SHA-256 blocks with zero bytes (SPEC.md §3), so
/// that const evaluation starts on a block boundary.
pub fn pad64(bytes: &mut Vec<u8>) {
    while !bytes.len().is_multiple_of(64) {
        bytes.push(0);
    }
}

/// Fingerprint of an opaque named shape, computed here.
pub fn opaque_fingerprint(name: &str) -> [u8; 32] {
    let mut w = Writer(MAGIC.to_vec());
    w.byte(tag::OPAQUE);
    w.str(name);
    sha256(&w.0)
}

pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).into()
}

/// Hashes the whole 64-byte blocks of `bytes` natively; returns the chaining state, the
/// number of bytes hashed, and the remaining tail for const evaluation.
pub fn midstate(bytes: &[u8]) -> ([u32; 8], u64, &[u8]) {
    let mut state: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let whole = bytes.len() / 64 * 64;
    let blocks: Vec<[u8; 64]> = bytes[..whole]
        .chunks_exact(64)
        .map(|c| c.try_into().expect("chunks_exact yields 64 bytes"))
        .collect();
    sha2::block_api::compress256(&mut state, &blocks);
    (state, whole as u64, &bytes[whole..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn midstate_then_tail_equals_one_shot() {
        for len in [0usize, 1, 63, 64, 65, 127, 128, 200] {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 7 + 3) as u8).collect();
            let (state, done, tail) = midstate(&bytes);
            assert_eq!(done as usize + tail.len(), len);
            // Finish the hash with the state by hand: pad the tail and compress.
            let mut msg = tail.to_vec();
            msg.push(0x80);
            while msg.len() % 64 != 56 {
                msg.push(0);
            }
            msg.extend_from_slice(&((len as u64) * 8).to_be_bytes());
            let mut state = state;
            let blocks: Vec<[u8; 64]> = msg
                .chunks_exact(64)
                .map(|c| c.try_into().unwrap())
                .collect();
            sha2::block_api::compress256(&mut state, &blocks);
            let digest: Vec<u8> = state.iter().flat_map(|w| w.to_be_bytes()).collect();
            assert_eq!(digest, sha256(&bytes).to_vec(), "len {len}");
        }
    }

    #[test]
    fn literal_discriminants() {
        let cases: &[(&str, i128)] = &[("4", 4), ("-1", -1), ("(7)", 7), ("0x10", 16)];
        for (src, want) in cases {
            let expr: syn::Expr = syn::parse_str(src).unwrap();
            assert_eq!(literal_int(&expr), Some(*want), "{src}");
        }
        let expr: syn::Expr = syn::parse_str("A + 1").unwrap();
        assert_eq!(literal_int(&expr), None);
    }
}
