//! The tokens `#[objfp::interface]` adds after the trait: a hidden `const` with the
//! trait's own name holding its `InterfaceDescription`.
//!
//! Every part under `#[cfg]` carries its predicate into the generated arrays (rustc
//! removes an array element whose `cfg` does not hold), so the description and the
//! fingerprint follow the configuration together. The fingerprint is then assembled in
//! const evaluation over the elements present; without `#[cfg]` it is hashed natively
//! like a struct's, and both give the same value for the same items.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::canon::{Interface, Receiver};
use super::encode;
use super::parse::Header;
use crate::expand::Gen;

pub fn generate(krate: &TokenStream, header: &Header, iface: &Interface) -> TokenStream {
    let generator = Gen { krate };
    let fingerprint = if iface.has_cfg() {
        cfg_fingerprint(krate, iface)
    } else {
        generator.preimage(encode::preimage(iface))
    };
    let methods = iface.methods.iter().map(|m| {
        let cfg = m.cfg.attr();
        let name = &m.name;
        let receiver = match &m.receiver {
            Receiver::None => quote!(#krate::Receiver::None),
            Receiver::Ref => quote!(#krate::Receiver::Ref),
            Receiver::RefMut => quote!(#krate::Receiver::RefMut),
            Receiver::Value => quote!(#krate::Receiver::Value),
            Receiver::Typed(spelling) => quote!(#krate::Receiver::Typed(#spelling)),
        };
        let is_async = m.is_async;
        let params = m.params.iter().map(|(cfg, ty)| {
            let cfg = cfg.attr();
            let r = generator.type_ref(&encode::type_ref(ty));
            quote!(#cfg #r)
        });
        let output = generator.type_ref(&encode::type_ref(&m.output));
        quote! {
            #cfg #krate::Method {
                name: #name,
                receiver: #receiver,
                is_async: #is_async,
                params: &[#(#params),*],
                output: #output,
            }
        }
    });
    let types = iface.types.iter().map(|(cfg, name)| {
        let cfg = cfg.attr();
        quote!(#cfg #name)
    });
    let consts = iface.consts.iter().map(|c| {
        let cfg = c.cfg.attr();
        let name = &c.name;
        let r = generator.type_ref(&encode::type_ref(&c.ty));
        quote!(#cfg (#name, #r))
    });
    let name = super::canon::unraw(&header.ident);
    let description = quote! {
        #krate::InterfaceDescription {
            name: #name,
            fingerprint: #fingerprint,
            methods: &[#(#methods),*],
            types: &[#(#types),*],
            consts: &[#(#consts),*],
        }
    };
    hidden_const(krate, header, description)
}

/// What stands in for the description when the trait has errors, so that uses of
/// `interface_of!` elsewhere do not add a second wave of "not found" errors.
pub fn fallback(krate: &TokenStream, header: &Header) -> TokenStream {
    let name = super::canon::unraw(&header.ident);
    let description = quote! {
        #krate::InterfaceDescription {
            name: #name,
            fingerprint: #krate::Fingerprint::from_bytes([0; 32]),
            methods: &[],
            types: &[],
            consts: &[],
        }
    };
    hidden_const(krate, header, description)
}

/// The const is named like the trait: the trait is in the type namespace and the const in
/// the value namespace, so every path or `use` that reaches the trait reaches the const
/// too, and name resolution alone finds it (a glob import or a second name could be
/// shadowed or made ambiguous by other imports). The cost: a function, const or static of
/// the trait's name in the same module clashes with it. rustc then reports E0428 with the
/// const's "previous definition of the value `Trait`" at `#[objfp::interface]` (the item
/// has the attribute's span), which names the culprit; SPEC.md §12 and the docs say so.
fn hidden_const(krate: &TokenStream, header: &Header, description: TokenStream) -> TokenStream {
    let vis = &header.vis;
    let ident = &header.ident;
    quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals, unused_qualifications, deprecated, clippy::all)]
        #vis const #ident: &'static #krate::InterfaceDescription = &#description;
    }
}

/// `objfp::interface::cfg_fingerprint` over the parts present.
fn cfg_fingerprint(krate: &TokenStream, iface: &Interface) -> TokenStream {
    let expr = |ty: &syn::Type| quote!(<#ty as #krate::TypeFingerprint>::TYPE_EXPR);
    let methods = iface.methods.iter().map(|m| {
        let cfg = m.cfg.attr();
        let head = Literal::byte_string(&encode::method_head(m));
        let params = m.params.iter().map(|(cfg, ty)| {
            let cfg = cfg.attr();
            let e = expr(ty);
            quote!(#cfg #e)
        });
        let output = expr(&m.output);
        quote! {
            #cfg #krate::interface::CfgMethod {
                head: #head,
                params: &[#(#params),*],
                output: #output,
            }
        }
    });
    let types = iface.types.iter().map(|(cfg, name)| {
        let cfg = cfg.attr();
        let name = Literal::byte_string(&encode::name(name));
        quote!(#cfg #name)
    });
    let consts = iface.consts.iter().map(|c| {
        let cfg = c.cfg.attr();
        let name = Literal::byte_string(&encode::name(&c.name));
        let ty = expr(&c.ty);
        quote!(#cfg #krate::interface::CfgConst { name: #name, ty: #ty })
    });
    quote! {
        #krate::interface::cfg_fingerprint(
            &[#(#methods),*],
            &[#(#types),*],
            &[#(#consts),*],
        )
    }
}
