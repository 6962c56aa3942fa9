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
use crate::recursion::{Cycle, Mode, Rewriter};
use crate::valid;

pub fn derive(input: &syn::DeriveInput) -> TokenStream {
    match expand(input) {
        Ok(tokens) => tokens,
        Err((err, stand_in)) => {
            // The errors, plus a stand-in impl so that uses of the type elsewhere do not
            // add a second wave of "trait not implemented" errors.
            let mut tokens = err.to_compile_error();
            tokens.extend(stand_in);
            tokens
        }
    }
}

/// The errors, and the stand-in impl to emit with them.
type Failure = (syn::Error, TokenStream);

fn expand(input: &syn::DeriveInput) -> Result<TokenStream, Failure> {
    let cx = Ctxt::default();
    let Some(cont) = Container::from_syn(&cx, input) else {
        let err = cx
            .check()
            .expect_err("from_syn reports why it returned None");
        return Err((err, fallback(input, None, &[])));
    };
    crate::serde_check::check(&cx, input);
    valid::check(&cx, &cont);
    let krate = bound::krate_path(&cont);
    let mut clean = Vec::new();
    let mut node = encode::canonical(&cx, &cont, &krate, &mut clean);
    let cycle = if cx.has_errors() {
        None
    } else {
        Cycle::detect(&cx, &cont, &mut node)
    };
    // The node with member references rewritten (SPEC.md §8): back-references for the
    // local fingerprint, and for a declared group the placeholder that orders members.
    let rewritten = |mode: Mode| -> (Node, Vec<TokenStream>) {
        let cycle = cycle.as_ref().expect("only called for recursion groups");
        let mut out = node.clone();
        let mut rw = Rewriter::new(&cont, cycle, mode, krate.clone());
        out.for_each_fp_type(&mut |ty| rw.rewrite(&cx, ty));
        (out, rw.same_type_checks())
    };
    let group = cycle.as_ref().map(|c| {
        let (backref, checks) = rewritten(Mode::BackRef);
        let placeholder = c.declared.then(|| rewritten(Mode::Placeholder).0);
        (backref, placeholder, checks)
    });
    if let Err(err) = cx.check() {
        return Err((err, fallback(input, Some(&cont), &clean)));
    }

    let generator = Gen { krate: &krate };
    let ident = cont.ident;
    let (generics, described_args) = bound::where_clause(&cont, &krate, &node.desc_types());
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();

    let mut checks = Vec::new();
    let (fingerprint, cycle_impl) = match (&cycle, group) {
        (Some(cycle), Some((backref, placeholder, same_type))) => {
            checks.extend(same_type);
            let members = &cycle.members;
            let local = generator.fingerprint(&backref);
            let (local0, position, fingerprint) = match &placeholder {
                // Self-recursion: a group of one, at position 0.
                None => {
                    let group =
                        encode::group_preimage(1, 0, vec![Ref::Local(syn::parse_quote!(Self))]);
                    (quote!(Self::LOCAL), quote!(0), generator.preimage(group))
                }
                Some(placeholder) => {
                    let locals0 = members
                        .iter()
                        .map(|m| quote!(<#m as #krate::__private::CycleMember>::LOCAL0));
                    let index = cycle.index;
                    let size = members.len() as u32;
                    let entries = members.iter().map(|m| {
                        quote!((<#m as #krate::__private::CycleMember>::POSITION, <#m as #krate::__private::CycleMember>::LOCAL))
                    });
                    (
                        generator.fingerprint(placeholder),
                        quote!(#krate::__private::cycle_position(&[#(#locals0),*], #index)),
                        quote!(#krate::__private::cycle_fingerprint(#size, <Self as #krate::__private::CycleMember>::POSITION, &[#(#entries),*])),
                    )
                }
            };
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
                    const LOCAL0: #krate::Fingerprint = #local0;
                    const POSITION: u32 = #position;
                    const LOCAL: #krate::Fingerprint = #local;
                }
            };
            (fingerprint, cycle_impl)
        }
        _ => (generator.fingerprint(&node), TokenStream::new()),
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
    // A member of a recursion group is always a reference: its fields name it.
    let mut type_expr = if cont.attrs.implements.is_empty() && cycle.is_none() {
        generator.type_expr(&node)
    } else {
        TokenStream::new()
    };
    let pin = generator.pin(&cont);
    // A non-generic type's fingerprint is a free const named like the type, so that when
    // rustc reports a cycle (an unannotated mutual recursion), its chain reads
    // `_::Expr` ... `_::Block` rather than `_::<impl at src/ast.rs:12:10>` (README,
    // "Recursive types"). Generic types cannot have one: their consts stay in the impl.
    // (Lifetimes count too: a free const could not name them.)
    let generic = !cont.generics.params.is_empty();
    let (named, fingerprint) = if generic {
        (TokenStream::new(), fingerprint)
    } else {
        if type_expr.is_empty() {
            // Straight to the named const: one step less in a cycle's chain.
            type_expr = quote!(const TYPE_EXPR: #krate::encoding::TypeExpr =
                #krate::encoding::TypeExpr::reference(#ident););
        }
        // `Self` only appears in a group's or an interface check's code: field types
        // that mention the type are rewritten to back-references.
        let mentions_self = node.desc_types().iter().any(|t| {
            use quote::ToTokens;
            tokens_mention_self(t.to_token_stream())
        });
        let body = if cycle.is_some() || !cont.attrs.implements.is_empty() || mentions_self {
            replace_self(fingerprint, ident)
        } else {
            fingerprint
        };
        // Spanned at the type's name: the chain's notes then point at each member.
        (
            quote_spanned!(ident.span()=> const #ident: #krate::Fingerprint = #body;),
            quote!(#ident),
        )
    };

    // rustc names an impl by where it is: at the type's name, it is the member's line.
    let impl_token = quote_spanned!(ident.span()=> impl);
    Ok(quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals, unused_qualifications, clippy::all)]
        const _: () = {
            #named
            #[automatically_derived]
            #impl_token #impl_generics #krate::TypeFingerprint for #ident #ty_generics #where_clause {
                const FINGERPRINT: #krate::Fingerprint = #fingerprint;
                const DESCRIPTION: &'static #krate::Description = #description;
                #type_expr
            }
            #cycle_impl
            #pin
        };
    })
}

/// Whether a field type says `Self` (`PhantomData<Self>`, `<Self as Trait>::Item`).
fn tokens_mention_self(tokens: TokenStream) -> bool {
    tokens.into_iter().any(|tt| match tt {
        proc_macro2::TokenTree::Ident(i) => i == "Self",
        proc_macro2::TokenTree::Group(g) => tokens_mention_self(g.stream()),
        _ => false,
    })
}

/// `Self` written as the type's name, for code outside the impl (non-generic types only,
/// where the two are the same type).
fn replace_self(tokens: TokenStream, ident: &syn::Ident) -> TokenStream {
    use proc_macro2::{Group, TokenTree};
    tokens
        .into_iter()
        .map(|tt| match tt {
            TokenTree::Ident(i) if i == "Self" => TokenTree::Ident(ident.clone()),
            TokenTree::Group(g) => {
                let mut out = Group::new(g.delimiter(), replace_self(g.stream(), ident));
                out.set_span(g.span());
                TokenTree::Group(out)
            }
            other => other,
        })
        .collect()
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
        if interfaces.len() > 1 {
            checks.push(quote!(#krate::__private::distinct_interfaces(&[#(#interfaces),*])));
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
            Ref::Type { desc, .. } => quote!(<#desc as #krate::TypeFingerprint>::DESCRIBE),
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

/// A stand-in impl emitted next to errors. It asks for the `TypeFingerprint` impl of every
/// field type that had no error, so that those errors come in the same build as the
/// derive's own (SPEC.md is silent on this; it is about the user's number of builds), and
/// it declares the type a member of its `cycle(...)` so that the other members do not
/// report it again.
fn fallback(
    input: &syn::DeriveInput,
    cont: Option<&Container>,
    clean: &[syn::Type],
) -> TokenStream {
    // The attributes are read again for the crate path and the cycle alone; any new
    // errors are dropped (they were reported the first time).
    let attrs = crate::attr::ContainerAttrs::from_attrs(&Ctxt::default(), &input.attrs);
    let krate = attrs
        .crate_path
        .as_ref()
        .map_or_else(|| quote!(::objfp), |path| quote!(#path));
    let ident = &input.ident;
    let generics = match cont {
        Some(cont) => bound::where_clause(cont, &krate, clean).0,
        None => input.generics.clone(),
    };
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let zero = quote!(#krate::Fingerprint::from_bytes([0; 32]));
    let count = clean.len();
    let cycle_impl = attrs.cycle.get().map(|members| {
        quote! {
            impl #impl_generics #krate::__private::CycleMember for #ident #ty_generics #where_clause {
                type Cycle = (#(#members,)*);
                const LOCAL0: #krate::Fingerprint = #zero;
                const POSITION: u32 = 0;
                const LOCAL: #krate::Fingerprint = #zero;
            }
        }
    });
    quote! {
        const _: () = {
            impl #impl_generics #krate::TypeFingerprint for #ident #ty_generics #where_clause {
                const FINGERPRINT: #krate::Fingerprint = {
                    let _: [#krate::TypeRef; #count] = [#(<#clean as #krate::TypeFingerprint>::DESCRIBE),*];
                    #zero
                };
                const DESCRIPTION: &'static #krate::Description = &#krate::Description {
                    name: "",
                    args: &[],
                    fingerprint: #zero,
                    shape: #krate::Shape::Opaque("derive failed"),
                };
            }
            #cycle_impl
        };
    }
}
