//! Code generation: the pipeline, then the tokens of the `TypeFingerprint` impl.
//!
//! The fingerprint is computed natively wherever the macro knows the bytes (the whole
//! pre-image of a type that references no other type, and every whole 64-byte block
//! before the first referenced fingerprint); const evaluation only finishes the hash
//! over the referenced fingerprints, because it costs milliseconds per block.

use proc_macro2::{Literal, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::ast::{Container, Style};
use crate::bound;
use crate::ctxt::Ctxt;
use crate::encode::{self, Node, Preimage, Ref, Tail};
use crate::recursion::{Cycle, Rewriter};
use crate::valid;

pub fn derive(input: &syn::DeriveInput) -> TokenStream {
    match expand(input) {
        Ok(tokens) => tokens,
        Err(err) => {
            // The errors, plus a stand-in impl so that uses of the type elsewhere do not
            // add a second wave of "trait not implemented" errors.
            let mut tokens = err.to_compile_error();
            tokens.extend(fallback(input));
            tokens
        }
    }
}

fn expand(input: &syn::DeriveInput) -> syn::Result<TokenStream> {
    let cx = Ctxt::default();
    let Some(cont) = Container::from_syn(&cx, input) else {
        return Err(cx
            .check()
            .expect_err("from_syn reports why it returned None"));
    };
    valid::check(&cx, &cont);
    let krate = bound::krate_path(&cont);
    let cycle = if cx.has_errors() {
        None
    } else {
        Cycle::detect(&cx, &cont)
    };
    let mut rewriter = Rewriter::new(&cont, cycle.as_ref(), krate.clone());
    let node = encode::canonical(&cx, &cont, &mut rewriter);
    cx.check()?;

    let generator = Gen { krate: &krate };
    let ident = cont.ident;
    let (generics, described_args) = bound::where_clause(&cont, &krate);
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();

    let own_fp = generator.fingerprint(&node);
    let mut checks = rewriter.same_type_checks();
    let (fingerprint, cycle_impl) = match &cycle {
        None => (own_fp, TokenStream::new()),
        Some(cycle) => {
            let members = &cycle.members;
            let locals = members.iter().map(|m| Ref::Local(m.clone())).collect();
            let group =
                generator.preimage(encode::group_preimage(members.len(), cycle.index, locals));
            // Every member must list the same members in the same order.
            for (i, member) in members.iter().enumerate() {
                if i != cycle.index {
                    checks.push(quote_spanned! {member.span()=>
                        #krate::__private::same_cycle::<
                            <#member as #krate::__private::CycleMember>::Cycle,
                            (#(#members,)*),
                        >()
                    });
                }
            }
            let cycle_impl = quote! {
                #[automatically_derived]
                impl #impl_generics #krate::__private::CycleMember for #ident #ty_generics #where_clause {
                    type Cycle = (#(#members,)*);
                    const LOCAL: #krate::Fingerprint = #own_fp;
                }
            };
            (group, cycle_impl)
        }
    };
    let fingerprint = generator.with_interfaces(&cont, fingerprint, &mut checks);
    // Compile-time checks ride on the fingerprint's initializer, so they are proven for
    // every instantiation of a generic type.
    let fingerprint = if checks.is_empty() {
        fingerprint
    } else {
        quote!({
            #( #checks; )*
            #fingerprint
        })
    };
    let description = generator.description(&cont, &node, &described_args);
    let type_expr = if cont.attrs.implements.is_empty() {
        generator.type_expr(&node)
    } else {
        TokenStream::new()
    };
    let pin = generator.pin(&cont);

    Ok(quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals, unused_qualifications, clippy::all)]
        const _: () = {
            #[automatically_derived]
            impl #impl_generics #krate::TypeFingerprint for #ident #ty_generics #where_clause {
                const FINGERPRINT: #krate::Fingerprint = #fingerprint;
                const DESCRIPTION: &'static #krate::Description = #description;
                #type_expr
            }
            #cycle_impl
            #pin
        };
    })
}

pub struct Gen<'a> {
    pub krate: &'a TokenStream,
}

impl Gen<'_> {
    /// The const expression of a node's fingerprint.
    fn fingerprint(&self, node: &Node) -> TokenStream {
        let krate = self.krate;
        match node {
            Node::Struct { .. } | Node::Enum { .. } => {
                let preimage = node.preimage().expect("structs and enums have pre-images");
                self.preimage(preimage)
            }
            Node::Opaque(name) => literal_fp(krate, encode::opaque_fingerprint(name)),
            Node::SameAs(r) => self.ref_fp(r),
            Node::Proxy { ser, de, own } => {
                let side = |r: &Option<Ref>| match r {
                    Some(r) => self.ref_fp(r),
                    None => self.fingerprint(own),
                };
                let (ser, de) = (side(ser), side(de));
                // One shape both ways is that shape, however the two types are spelled.
                quote!(#krate::encoding::proxy_or_same(#ser, #de))
            }
        }
    }

    fn ref_fp(&self, r: &Ref) -> TokenStream {
        let krate = self.krate;
        match r {
            Ref::Type { fp, .. } => quote!(<#fp as #krate::TypeFingerprint>::FINGERPRINT),
            Ref::Opaque(name) => literal_fp(krate, encode::opaque_fingerprint(name)),
            Ref::Local(member) => quote!(<#member as #krate::__private::CycleMember>::LOCAL),
        }
    }

    /// A type expression known to the macro (`#[fingerprint(opaque)]`): `R` and the
    /// fingerprint.
    fn known_expr(r: &Ref) -> Option<Vec<u8>> {
        match r {
            Ref::Opaque(name) => {
                let mut out = vec![b'R'];
                out.extend_from_slice(&encode::opaque_fingerprint(name));
                Some(out)
            }
            Ref::Type { .. } | Ref::Local(_) => None,
        }
    }

    fn expr(&self, r: &Ref) -> TokenStream {
        let krate = self.krate;
        match r {
            Ref::Type { fp, .. } => quote!(<#fp as #krate::TypeFingerprint>::TYPE_EXPR),
            Ref::Opaque(name) => {
                let fp = literal_fp(krate, encode::opaque_fingerprint(name));
                quote!(#krate::encoding::TypeExpr::reference(#fp))
            }
            Ref::Local(member) => quote!(#krate::encoding::TypeExpr::reference(
                <#member as #krate::__private::CycleMember>::LOCAL
            )),
        }
    }

    /// Hashes natively what is known; leaves the rest to const evaluation, which only
    /// ever sees whole blocks of the known part (SPEC.md §3).
    pub fn preimage(&self, p: Preimage) -> TokenStream {
        let krate = self.krate;
        match p.tail {
            Tail::Exprs(exprs) => {
                let mut bytes = p.bytes;
                encode::pad64(&mut bytes);
                let known: Option<Vec<Vec<u8>>> = exprs.iter().map(Self::known_expr).collect();
                if let Some(known) = known {
                    known.iter().for_each(|e| bytes.extend_from_slice(e));
                    return literal_fp(krate, encode::sha256(&bytes));
                }
                let (state, len, _) = encode::midstate(&bytes);
                let exprs = exprs.iter().map(|r| self.expr(r));
                quote! {
                    #krate::__private::finish_exprs(
                        #krate::__private::Midstate { h: [#(#state),*], len: #len },
                        &[#(#exprs),*],
                    )
                }
            }
            Tail::Fingerprints(refs) => {
                let (state, len, tail) = encode::midstate(&p.bytes);
                let tail = Literal::byte_string(tail);
                let refs = refs.iter().map(|r| self.ref_fp(r));
                quote! {
                    #krate::__private::finish(
                        #krate::__private::Midstate { h: [#(#state),*], len: #len },
                        #tail,
                        &[#(#refs),*],
                    )
                }
            }
        }
    }

    /// `const TYPE_EXPR` when it is not the default reference to the fingerprint: a type
    /// with the shape of another type is written like that type inside other types too.
    fn type_expr(&self, node: &Node) -> TokenStream {
        let krate = self.krate;
        let expr = match node {
            Node::SameAs(r @ Ref::Type { .. }) => self.expr(r),
            // Written as `into`'s type and read as something else: when both sides are one
            // shape, the type is that shape (SPEC.md §10), and written like it.
            Node::Proxy {
                ser: Some(ser),
                de,
                own,
            } => {
                let ser_expr = self.expr(ser);
                let ser_fp = self.ref_fp(ser);
                let de_fp = match de {
                    Some(de) => self.ref_fp(de),
                    None => self.fingerprint(own),
                };
                quote!(#krate::__private::proxy_expr(
                    #ser_expr,
                    #ser_fp,
                    #de_fp,
                    <Self as #krate::TypeFingerprint>::FINGERPRINT,
                ))
            }
            _ => return TokenStream::new(),
        };
        quote!(const TYPE_EXPR: #krate::encoding::TypeExpr = #expr;)
    }

    /// `#[fingerprint(implements(...))]`: checks that the type implements each trait and
    /// folds the traits' interface fingerprints in as a sorted set (SPEC.md §12).
    fn with_interfaces(
        &self,
        cont: &Container,
        fingerprint: TokenStream,
        checks: &mut Vec<TokenStream>,
    ) -> TokenStream {
        let krate = self.krate;
        if cont.attrs.implements.is_empty() {
            return fingerprint;
        }
        let mut interfaces = Vec::new();
        for (trait_path, interface) in &cont.attrs.implements {
            checks.push(quote_spanned! {trait_path.span()=>
                {
                    const fn implements<T: ?::core::marker::Sized + #trait_path>() {}
                    implements::<Self>()
                }
            });
            // The trait's interface const has the trait's own name (interface.rs), unless
            // `Trait as CONST` names one for a trait that cannot carry the attribute.
            let interface = interface.as_ref().unwrap_or(trait_path);
            interfaces.push(
                quote_spanned!(interface.span()=> #krate::__private::interface_of(#interface).fingerprint),
            );
        }
        quote!(#krate::interface::with_interfaces(#fingerprint, &[#(#interfaces),*]))
    }

    /// The `&'static Description` expression.
    fn description(&self, cont: &Container, node: &Node, args: &[syn::Ident]) -> TokenStream {
        let krate = self.krate;
        if let Node::SameAs(r) = node {
            return match r {
                Ref::Type { desc, .. } => quote!(<#desc as #krate::TypeFingerprint>::DESCRIPTION),
                Ref::Opaque(name) => self.opaque_description(name),
                Ref::Local(_) => unreachable!("locals only appear in recursion-group pre-images"),
            };
        }
        let name = cont.ident.to_string();
        let shape = self.shape(node, &self.implements_attrs(cont));
        quote! {
            &#krate::Description {
                name: #name,
                args: &[#(#krate::__private::describe::<#args>),*],
                fingerprint: <Self as #krate::TypeFingerprint>::FINGERPRINT,
                shape: #shape,
            }
        }
    }

    /// The shape's tokens; `extra` are description-only container attributes (`implements`).
    /// Struct and enum shapes reuse the canonical bytes of the pre-image body (SPEC.md §6,
    /// §7), which the runtime decodes when read: far cheaper to compile than a literal of
    /// nested structs and slices.
    fn shape(&self, node: &Node, extra: &[TokenStream]) -> TokenStream {
        let krate = self.krate;
        match node {
            Node::Struct { style, .. } => {
                let body = node.body().expect("structs have a body");
                let kind = kind(krate, *style);
                let attrs = Literal::byte_string(&body.attrs);
                let items = Literal::byte_string(&body.items);
                let types = body.types.iter().map(|r| self.type_ref(r));
                quote!(#krate::Shape::Struct(#krate::StructShape {
                    kind: #kind,
                    attrs: #krate::Attrs::__encoded(#attrs, &[#(#extra),*]),
                    fields: #krate::Fields::__encoded(#items, &[#(#types),*]),
                }))
            }
            Node::Enum { repr, .. } => {
                let body = node.body().expect("enums have a body");
                let attrs = Literal::byte_string(&body.attrs);
                let items = Literal::byte_string(&body.items);
                let types = body.types.iter().map(|r| self.type_ref(r));
                quote!(#krate::Shape::Enum(#krate::EnumShape {
                    repr: #repr,
                    attrs: #krate::Attrs::__encoded(#attrs, &[#(#extra),*]),
                    variants: #krate::Variants::__encoded(#items, &[#(#types),*]),
                }))
            }
            Node::Opaque(name) => quote!(#krate::Shape::Opaque(#name)),
            Node::SameAs(_) => unreachable!("described as the type it is the same as"),
            Node::Proxy { ser, de, own } => {
                let side = |r: &Option<Ref>| match r {
                    Some(r) => {
                        let r = self.type_ref(r);
                        quote!(::core::option::Option::Some(#r))
                    }
                    None => quote!(::core::option::Option::None),
                };
                let (ser, de) = (side(ser), side(de));
                let own = self.shape(own, extra);
                quote!(#krate::Shape::Proxy { serialize: #ser, deserialize: #de, own: &#own })
            }
        }
    }

    /// One `implements` attribute per declared trait, valued `"Name <interface hex>"`, so
    /// that diffs and lockfiles can say which interface changed. They are in the
    /// description only: the pre-image folds interfaces in through the `'I'` node.
    fn implements_attrs(&self, cont: &Container) -> Vec<TokenStream> {
        let krate = self.krate;
        let mut traits: Vec<_> = cont
            .attrs
            .implements
            .iter()
            .map(|(trait_path, interface)| {
                let name = trait_path
                    .segments
                    .last()
                    .map(|s| s.ident.to_string())
                    .unwrap_or_default();
                (name, interface.as_ref().unwrap_or(trait_path))
            })
            .collect();
        traits.sort_by(|a, b| a.0.cmp(&b.0));
        traits
            .into_iter()
            .map(|(name, interface)| {
                let len = name.len() + 1 + 64;
                quote!(#krate::Attr {
                    key: "implements",
                    value: {
                        const LABEL: [u8; #len] = #krate::__private::labelled_hex::<#len>(
                            #name,
                            #krate::__private::interface_of(#interface).fingerprint,
                        );
                        #krate::__private::utf8(&LABEL)
                    },
                })
            })
            .collect()
    }

    pub fn type_ref(&self, r: &Ref) -> TokenStream {
        let krate = self.krate;
        match r {
            Ref::Type { desc, .. } => quote!(#krate::__private::describe::<#desc>),
            Ref::Opaque(name) => {
                let desc = self.opaque_description(name);
                quote!({
                    fn opaque() -> &'static #krate::Description {
                        #desc
                    }
                    opaque
                })
            }
            Ref::Local(_) => unreachable!("locals only appear in recursion-group pre-images"),
        }
    }

    fn opaque_description(&self, name: &str) -> TokenStream {
        let krate = self.krate;
        let fp = literal_fp(krate, encode::opaque_fingerprint(name));
        quote!({
            const OPAQUE: #krate::Description = #krate::Description {
                name: #name,
                args: &[],
                fingerprint: #fp,
                shape: #krate::Shape::Opaque(#name),
            };
            &OPAQUE
        })
    }

    /// `#[fingerprint(expect = "...")]`: a const that fails to evaluate, with both values
    /// in the message, when the fingerprint differs from the pin.
    fn pin(&self, cont: &Container) -> TokenStream {
        let krate = self.krate;
        let Some((lit, expected)) = &cont.attrs.expect else {
            return TokenStream::new();
        };
        let ident = cont.ident;
        let name = ident.to_string();
        let expected = literal_fp(krate, *expected);
        quote_spanned! {lit.span()=>
            const _: () = #krate::__private::check_pin(
                <#ident as #krate::TypeFingerprint>::FINGERPRINT,
                #expected,
                #name,
            );
        }
    }
}

fn kind(krate: &TokenStream, style: Style) -> TokenStream {
    match style {
        Style::Named => quote!(#krate::StructKind::Named),
        Style::Newtype => quote!(#krate::StructKind::Newtype),
        Style::Tuple => quote!(#krate::StructKind::Tuple),
        Style::Unit => quote!(#krate::StructKind::Unit),
    }
}

fn literal_fp(krate: &TokenStream, fp: [u8; 32]) -> TokenStream {
    quote!(#krate::Fingerprint::from_bytes([#(#fp),*]))
}

/// A stand-in impl emitted next to errors.
fn fallback(input: &syn::DeriveInput) -> TokenStream {
    // Reached only with errors already reported; the attributes are read again for the
    // crate path alone, and any new errors are dropped (they were reported the first time).
    let krate = crate::attr::ContainerAttrs::from_attrs(&Ctxt::default(), &input.attrs)
        .crate_path
        .map_or_else(|| quote!(::objfp), |path| quote!(#path));
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        const _: () = {
            impl #impl_generics #krate::TypeFingerprint for #ident #ty_generics #where_clause {
                const FINGERPRINT: #krate::Fingerprint = #krate::Fingerprint::from_bytes([0; 32]);
                const DESCRIPTION: &'static #krate::Description = &#krate::Description {
                    name: "",
                    args: &[],
                    fingerprint: #krate::Fingerprint::from_bytes([0; 32]),
                    shape: #krate::Shape::Opaque("derive failed"),
                };
            }
        };
    }
}
