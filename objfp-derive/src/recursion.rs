//! Recursive types. A fingerprint composes the fingerprints of field types, so a type that
//! contains itself (directly or through other types) would need its own fingerprint to
//! compute its own fingerprint: a const-evaluation cycle.
//!
//! The fix follows bin_prot's shapes and Avro's named types: inside the members of a
//! recursion group, a reference to a member is written as a back-reference by index
//! (`Rec<i>`). Each member's *local* fingerprint is then computable without the cycle, and
//! a member's fingerprint hashes its index with the local fingerprints of all members
//! (`SPEC.md`, "Recursion"). So a change anywhere in the cycle changes every member.
//!
//! Self-recursion (`Self` or the type's own name in a field) is found here without help.
//! Mutual recursion needs `#[fingerprint(cycle(A, B))]` on every member, listing the same
//! members in the same order; the generated code checks that at compile time.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

use crate::ast::Container;
use crate::ctxt::Ctxt;

pub struct Cycle {
    /// The members as the user wrote them (`Self` for plain self-recursion).
    pub members: Vec<syn::Type>,
    /// This type's index among the members.
    pub index: usize,
    /// Whether the group was declared with `#[fingerprint(cycle(...))]`.
    pub declared: bool,
}

/// What replaces references to members: the type as written, and its back-reference.
pub struct Rewriter<'a> {
    own: &'a syn::Ident,
    own_args: Vec<String>,
    cycle: Option<&'a Cycle>,
    /// Occurrences of declared members that were replaced, to check at compile time that
    /// the name in the field is the member named in `cycle(...)`.
    pub replaced: Vec<(syn::Type, usize)>,
    /// Whether any reference was replaced.
    pub changed: bool,
    krate: TokenStream,
}

impl Cycle {
    /// Finds the group this type belongs to, if any.
    pub fn detect(cx: &Ctxt, cont: &Container) -> Option<Cycle> {
        if let Some(members) = cont.attrs.cycle.get() {
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
        // Probe with a one-member group; errors are reported by the real rewrite later.
        let own = Cycle {
            members: vec![syn::parse_quote!(Self)],
            index: 0,
            declared: false,
        };
        let probe_cx = Ctxt::default();
        let mut probe = Rewriter::new(cont, Some(&own), TokenStream::new());
        for field in cont.all_fields() {
            probe.rewrite(&probe_cx, &mut field.ty.clone());
        }
        let found = probe.changed;
        found.then_some(own)
    }
}

impl<'a> Rewriter<'a> {
    pub fn new(cont: &'a Container, cycle: Option<&'a Cycle>, krate: TokenStream) -> Self {
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
            replaced: Vec::new(),
            changed: false,
            krate,
        }
    }

    /// Replaces every reference to a group member in `ty` with `Rec<index>`.
    pub fn rewrite(&mut self, cx: &Ctxt, ty: &mut syn::Type) {
        let Some(cycle) = self.cycle else { return };
        match ty {
            syn::Type::Path(tp) => {
                if let Some(index) = self.member_index(cx, tp, cycle) {
                    if cycle.declared && !is_self(tp) {
                        self.replaced.push((syn::Type::Path(tp.clone()), index));
                    }
                    let index = index as u32;
                    let krate = &self.krate;
                    *ty = syn::parse_quote!(#krate::__private::Rec<#index>);
                    self.changed = true;
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

    /// The member a path names, if any. Only `Self` and single-segment names are taken as
    /// members: a longer path such as `other::Node` may be another type of the same name,
    /// and guessing wrong would silently change the fingerprint. An unrecognised spelling
    /// of a member is left alone, which rustc reports as a cycle (never a wrong value).
    fn member_index(&self, cx: &Ctxt, tp: &syn::TypePath, cycle: &Cycle) -> Option<usize> {
        if is_self(tp) {
            return Some(cycle.index);
        }
        if tp.qself.is_some() || tp.path.leading_colon.is_some() || tp.path.segments.len() != 1 {
            return None;
        }
        let seg = &tp.path.segments[0];
        for (i, member) in cycle.members.iter().enumerate() {
            let Some(member_seg) = last_segment(member) else {
                continue;
            };
            if member_seg.ident != seg.ident {
                continue;
            }
            if i == cycle.index || (!cycle.declared && seg.ident == *self.own) {
                self.check_own_args(cx, seg);
            }
            return Some(i);
        }
        if !cycle.declared && seg.ident == *self.own {
            self.check_own_args(cx, seg);
            return Some(cycle.index);
        }
        None
    }

    /// A recursive reference must use the type's own parameters in order: `Tree<X>` inside
    /// `Tree<X>`. Anything else is polymorphic recursion, whose canonical form is infinite.
    fn check_own_args(&self, cx: &Ctxt, seg: &syn::PathSegment) {
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
        let Some(cycle) = self.cycle else {
            return Vec::new();
        };
        let krate = &self.krate;
        self.replaced
            .iter()
            .map(|(written, index)| {
                let member = &cycle.members[*index];
                quote!(#krate::__private::same_type::<#written, #member>())
            })
            .collect()
    }
}

fn is_self(tp: &syn::TypePath) -> bool {
    tp.qself.is_none() && tp.path.is_ident("Self")
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
