//! Recursive types. A fingerprint composes the fingerprints of field types, so a type that
//! contains itself (directly or through other types) would need its own fingerprint to
//! compute its own fingerprint: a const-evaluation cycle.
//!
//! The fix follows bin_prot's shapes and Avro's named types: inside the members of a
//! recursion group, a reference to a member is written as a back-reference by position
//! (`SPEC.md` §8). Each member's *local* fingerprint is then computable without the cycle,
//! and a member's fingerprint hashes its position with the local fingerprints of all
//! members, so a change anywhere in the cycle changes every member.
//!
//! Positions do not follow the order of `cycle(...)`: like Unison, members are ordered by
//! their fingerprints with the cycle removed (every member reference replaced by one
//! placeholder), so listing the members in another order changes nothing. Only members
//! whose structures are identical up to the cycle tie, and keep the listed order.
//!
//! Self-recursion (`Self`, the type's own name, or `self::Name`) is found without help.
//! Mutual recursion needs `#[fingerprint(cycle(A, B))]` on every member, listing the same
//! members in the same order; the generated code checks that at compile time, and that a
//! member spelled through a path (`crate::ast::Expr`) is the member.
//!
//! The stage runs on the canonical node, so it sees exactly the types the fingerprint
//! covers: a skipped field, a field fingerprinted `as` another type, and the argument of
//! `PhantomData` never make a type recursive.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

use crate::ast::Container;
use crate::ctxt::Ctxt;
use crate::encode::Node;

pub struct Cycle {
    /// The members as the user wrote them (`Self` for plain self-recursion).
    pub members: Vec<syn::Type>,
    /// This type's index among the members, as listed.
    pub index: usize,
    /// Whether the group was declared with `#[fingerprint(cycle(...))]`.
    pub declared: bool,
}

/// What a reference to a member becomes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Only find out whether any field type names a member.
    Probe,
    /// The placeholder that stands for "a member, whichever" (`SPEC.md` §8).
    Placeholder,
    /// The back-reference to the member's position.
    BackRef,
}

impl Cycle {
    /// Finds the group this type belongs to, if any, from `cycle(...)` or from the field
    /// types of the canonical node.
    pub fn detect(cx: &Ctxt, cont: &Container, node: &mut Node) -> Option<Cycle> {
        if let Some(members) = cont.attrs.cycle.get() {
            check_duplicates(cx, members);
            let index = members.iter().position(|m| names_type(m, cont.ident));
            return match index {
                Some(index) => Some(Cycle {
                    members: members.clone(),
                    index,
                    declared: true,
                }),
                None => {
                    cx.error_spanned_by(
                        cont.attrs.cycle.tokens(),
                        format!(
                            "`cycle(...)` must list every member of the cycle, including `{}` itself",
                            cont.ident
                        ),
                    );
                    None
                }
            };
        }
        let own = Cycle {
            members: vec![syn::parse_quote!(Self)],
            index: 0,
            declared: false,
        };
        let probe_cx = Ctxt::default();
        let mut probe = Rewriter::new(cont, &own, Mode::Probe, TokenStream::new());
        node.for_each_fp_type(&mut |ty| probe.rewrite(&probe_cx, &mut ty.clone()));
        probe.changed.then_some(own)
    }
}

/// `cycle(A, A)`: a member listed twice.
fn check_duplicates(cx: &Ctxt, members: &[syn::Type]) {
    let mut seen: Vec<String> = Vec::new();
    for m in members {
        let key = m.to_token_stream().to_string();
        if seen.contains(&key) {
            cx.error_spanned_by(
                m,
                format!("`{key}` is listed twice in `cycle(...)`; list each member once"),
            );
        } else {
            seen.push(key);
        }
    }
}

/// Rewrites references to group members inside field types.
pub struct Rewriter<'a> {
    own: &'a syn::Ident,
    own_args: Vec<String>,
    cycle: &'a Cycle,
    mode: Mode,
    /// Occurrences of members spelled by another name than `Self` that were replaced, to
    /// check at compile time that the name in the field is the member.
    pub replaced: Vec<(syn::Type, usize)>,
    /// Whether any reference was replaced.
    pub changed: bool,
    krate: TokenStream,
}

impl<'a> Rewriter<'a> {
    pub fn new(cont: &'a Container, cycle: &'a Cycle, mode: Mode, krate: TokenStream) -> Self {
        let own_args = cont
            .generics
            .params
            .iter()
            .map(|p| match p {
                syn::GenericParam::Type(t) => t.ident.to_string(),
                syn::GenericParam::Const(c) => c.ident.to_string(),
                syn::GenericParam::Lifetime(l) => l.lifetime.to_string(),
            })
            .collect();
        Rewriter {
            own: cont.ident,
            own_args,
            cycle,
            mode,
            replaced: Vec::new(),
            changed: false,
            krate,
        }
    }

    /// What a reference to member `index` becomes.
    fn replacement(&self, index: usize) -> syn::Type {
        let krate = &self.krate;
        match self.mode {
            Mode::Probe | Mode::Placeholder => syn::parse_quote!(#krate::__private::CycleRef),
            Mode::BackRef if !self.cycle.declared => {
                syn::parse_quote!(#krate::__private::Rec<0>)
            }
            Mode::BackRef => {
                let member = if index == self.cycle.index {
                    syn::parse_quote!(Self)
                } else {
                    self.cycle.members[index].clone()
                };
                syn::parse_quote!(#krate::__private::RecTo<#member>)
            }
        }
    }

    /// Replaces every reference to a group member in `ty`.
    pub fn rewrite(&mut self, cx: &Ctxt, ty: &mut syn::Type) {
        match ty {
            syn::Type::Path(tp) => {
                if let Some(index) = self.member_index(cx, tp) {
                    if self.cycle.declared && !is_self(tp) && self.mode == Mode::BackRef {
                        self.replaced.push((syn::Type::Path(tp.clone()), index));
                    }
                    *ty = self.replacement(index);
                    self.changed = true;
                    return;
                }
                // `PhantomData<T>` is a unit struct whatever `T` (SPEC.md §5).
                if tp
                    .path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "PhantomData")
                {
                    return;
                }
                if let Some(qself) = &mut tp.qself {
                    self.rewrite(cx, &mut qself.ty);
                }
                for seg in &mut tp.path.segments {
                    if let syn::PathArguments::AngleBracketed(args) = &mut seg.arguments {
                        for arg in &mut args.args {
                            if let syn::GenericArgument::Type(inner) = arg {
                                self.rewrite(cx, inner);
                            }
                        }
                    }
                }
            }
            syn::Type::Reference(r) => self.rewrite(cx, &mut r.elem),
            syn::Type::Array(a) => self.rewrite(cx, &mut a.elem),
            syn::Type::Slice(s) => self.rewrite(cx, &mut s.elem),
            syn::Type::Paren(p) => self.rewrite(cx, &mut p.elem),
            syn::Type::Group(g) => self.rewrite(cx, &mut g.elem),
            syn::Type::Ptr(p) => self.rewrite(cx, &mut p.elem),
            syn::Type::Tuple(t) => {
                for elem in &mut t.elems {
                    self.rewrite(cx, elem);
                }
            }
            _ => {}
        }
    }

    /// The member a path names, if any.
    ///
    /// For a declared group, a path whose last segment is a member's name names that
    /// member, whatever its prefix (`crate::ast::Expr`); the generated code then checks
    /// that it is the very type. For self-recursion, only `Self`, the bare name and
    /// `self::Name` count: a longer path such as `v1::Node` may be an older type of the
    /// same name, and an unrecognised spelling of the type itself is reported by rustc as
    /// a cycle, never computed wrong.
    fn member_index(&self, cx: &Ctxt, tp: &syn::TypePath) -> Option<usize> {
        if is_self(tp) {
            return Some(self.cycle.index);
        }
        if tp.qself.is_some() {
            return None;
        }
        let seg = tp.path.segments.last()?;
        if !self.cycle.declared {
            let segments = &tp.path.segments;
            let plain = tp.path.leading_colon.is_none()
                && (segments.len() == 1 || (segments.len() == 2 && segments[0].ident == "self"));
            if plain && seg.ident == *self.own {
                self.check_own_args(cx, seg);
                return Some(self.cycle.index);
            }
            return None;
        }
        for (i, member) in self.cycle.members.iter().enumerate() {
            let Some(member_seg) = last_segment(member) else {
                continue;
            };
            let member_ident = if is_self_type(member) {
                self.own
            } else {
                &member_seg.ident
            };
            if *member_ident == seg.ident {
                if i == self.cycle.index {
                    self.check_own_args(cx, seg);
                }
                return Some(i);
            }
        }
        None
    }

    /// A recursive reference must use the type's own parameters in order: `Tree<X>` inside
    /// `Tree<X>`. Anything else is polymorphic recursion, whose canonical form is infinite.
    fn check_own_args(&self, cx: &Ctxt, seg: &syn::PathSegment) {
        if self.mode != Mode::BackRef {
            return;
        }
        let args: Vec<String> = match &seg.arguments {
            syn::PathArguments::None => Vec::new(),
            syn::PathArguments::AngleBracketed(a) => a
                .args
                .iter()
                .map(|a| a.to_token_stream().to_string().replace(' ', ""))
                .collect(),
            syn::PathArguments::Parenthesized(_) => vec!["()".into()],
        };
        let own: Vec<String> = self.own_args.iter().map(|a| a.replace(' ', "")).collect();
        if args != own && !args.is_empty() {
            cx.error_spanned_by(
                seg,
                format!(
                    "`{}` refers to itself with other type arguments (polymorphic recursion), \
                     which has no finite fingerprint; use `{}<{}>` or `Self`",
                    self.own,
                    self.own,
                    own.join(", ")
                ),
            );
        }
    }

    /// Compile-time checks that each replaced name really is the member listed in
    /// `cycle(...)`, so a same-named type from elsewhere cannot be mistaken for it.
    pub fn same_type_checks(&self) -> Vec<TokenStream> {
        let krate = &self.krate;
        self.replaced
            .iter()
            .map(|(written, index)| {
                let member = &self.cycle.members[*index];
                quote!(#krate::__private::same_type::<#written, #member>())
            })
            .collect()
    }
}

fn is_self(tp: &syn::TypePath) -> bool {
    tp.qself.is_none() && tp.path.is_ident("Self")
}

fn is_self_type(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(tp) if is_self(tp))
}

fn last_segment(ty: &syn::Type) -> Option<&syn::PathSegment> {
    match ty {
        syn::Type::Path(tp) => tp.path.segments.last(),
        _ => None,
    }
}

/// Whether a type in `cycle(...)` names the type being derived.
fn names_type(ty: &syn::Type, ident: &syn::Ident) -> bool {
    match ty {
        syn::Type::Path(tp) if is_self(tp) => true,
        _ => last_segment(ty).is_some_and(|seg| seg.ident == *ident),
    }
}
