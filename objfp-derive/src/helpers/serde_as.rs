//! serde_with's `As::<T>`: what `#[serde_as(as = "T")]` hands to serde
//! (`#[serde(with = "::serde_with::As::<T>")]`, or `serialize_with = "..::serialize"` /
//! `deserialize_with = "..::deserialize"` for `serialize_as` / `deserialize_as`).
//!
//! `T` mirrors the field type, with adapters at some positions and `_` (`Same`) meaning
//! "the field type's own serialization here". The written shape comes from walking `T`
//! and the field type together: `Vec<(_, DisplayFromStr)>` over `Vec<(String, u64)>` is
//! a sequence of `(String, string)`. Where the two do not line up, or an adapter is not
//! one objfp knows, the field gets a spanned error that says so.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

use super::Side;
use crate::fnpath::FnPath;

pub fn resolve(
    path: &FnPath,
    as_segment: &syn::PathSegment,
    side: Side,
    field_ty: &syn::Type,
    with: &TokenStream,
) -> Option<syn::Result<syn::Type>> {
    let syn::PathArguments::AngleBracketed(args) = &as_segment.arguments else {
        return None;
    };
    let mut types = args.args.iter().filter_map(|a| match a {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    });
    let (Some(as_ty), None) = (types.next(), types.next()) else {
        return None;
    };
    let walk = Walk {
        with,
        side,
        path,
        depth: 0,
    };
    Some(walk.walk(as_ty, field_ty).and_then(syn::parse2))
}

/// Sequences serde_with maps element by element (`Vec<A>` over `Vec<T>`).
const SEQUENCES: &[&str] = &[
    "Vec",
    "VecDeque",
    "LinkedList",
    "BinaryHeap",
    "BTreeSet",
    "HashSet",
    "IndexSet",
    "Seq",
];

/// Maps serde_with maps entry by entry (`BTreeMap<A, B>` over `BTreeMap<K, V>`), and
/// `Map<A, B>`, which writes a sequence of pairs as a map.
const MAPS: &[&str] = &["BTreeMap", "HashMap", "IndexMap", "Map"];

/// Wrappers whose type arguments serde_with maps one by one, writing what serde writes
/// for the wrapper (`Option<A>` over `Option<T>`: `serialize_some` of `T` as `A`).
const WRAPPERS: &[&str] = &[
    "Option",
    "Box",
    "Rc",
    "Arc",
    "Cell",
    "RefCell",
    "Mutex",
    "RwLock",
    "Result",
    "Bound",
    "Range",
    "RangeFrom",
    "RangeTo",
    "RangeInclusive",
];

/// Deeper than this, the `as` type is taken as not lining up (no stack overflow on a
/// pathological type).
const MAX_DEPTH: u32 = 32;

struct Walk<'a> {
    with: &'a TokenStream,
    side: Side,
    path: &'a FnPath,
    depth: u32,
}

impl Walk<'_> {
    fn deeper(&self) -> Walk<'_> {
        Walk {
            with: self.with,
            side: self.side,
            path: self.path,
            depth: self.depth + 1,
        }
    }

    fn error(&self, message: String) -> syn::Error {
        syn::Error::new_spanned(&self.path.tokens, message)
    }

    fn mismatch(&self, adapter: &syn::Type, field: &syn::Type, needs: &str) -> syn::Error {
        self.error(format!(
            "the `#[serde_as]` type `{}` does not line up with the field type `{}`: `{}` \
             needs {needs} there. objfp reads what serde_with writes by walking both \
             types together; fix the `as` type, or spell the field type out if it is an \
             alias, or annotate the field with `#[fingerprint(as = \"Type\")]` naming a \
             type with the written shape",
            show(&self.path_as()),
            show(field),
            show(adapter),
        ))
    }

    /// The whole `as` type, for messages.
    fn path_as(&self) -> TokenStream {
        let Some(expr) = &self.path.path else {
            return TokenStream::new();
        };
        for seg in &expr.path.segments {
            if seg.ident == "As"
                && let syn::PathArguments::AngleBracketed(args) = &seg.arguments
            {
                return args.args.to_token_stream();
            }
        }
        TokenStream::new()
    }

    /// The type whose shape is what serde_with writes (or reads) for a value of type `field`
    /// through adapter `adapter`.
    fn walk(&self, adapter: &syn::Type, field: &syn::Type) -> syn::Result<TokenStream> {
        if self.depth > MAX_DEPTH {
            return Err(self.error(format!(
                "the `#[serde_as]` type `{}` is nested too deeply for objfp to follow: \
                 annotate the field with `#[fingerprint(as = \"Type\")]`",
                show(&self.path_as())
            )));
        }
        let adapter = ungroup(adapter);
        let field = ungroup(field);
        let w = self.with;
        let next = self.deeper();
        match adapter {
            syn::Type::Infer(_) => Ok(field.to_token_stream()),
            syn::Type::Reference(a) => match field {
                syn::Type::Reference(f) => next.walk(&a.elem, &f.elem).map(|inner| {
                    let (lifetime, mutability) = (&f.lifetime, &f.mutability);
                    quote!(& #lifetime #mutability #inner)
                }),
                _ => Err(self.mismatch(adapter, field, "a reference")),
            },
            syn::Type::Tuple(a) => match field {
                syn::Type::Tuple(f) if f.elems.len() == a.elems.len() => {
                    let items = a
                        .elems
                        .iter()
                        .zip(&f.elems)
                        .map(|(a, f)| next.walk(a, f))
                        .collect::<syn::Result<Vec<_>>>()?;
                    Ok(quote!((#(#items,)*)))
                }
                _ => Err(self.mismatch(adapter, field, &format!("a tuple of {}", a.elems.len()))),
            },
            syn::Type::Array(a) => match field {
                syn::Type::Array(f) => {
                    let item = next.walk(&a.elem, &f.elem)?;
                    let len = &f.len;
                    Ok(quote!([#item; #len]))
                }
                _ => Err(self.mismatch(adapter, field, "an array")),
            },
            syn::Type::Slice(a) => match field {
                syn::Type::Slice(f) => {
                    let item = next.walk(&a.elem, &f.elem)?;
                    Ok(quote!([#item]))
                }
                _ => Err(self.mismatch(adapter, field, "a slice")),
            },
            syn::Type::Path(a) if a.qself.is_none() => {
                let Some(seg) = a.path.segments.last() else {
                    return Err(self.unknown(adapter));
                };
                let name = seg.ident.to_string();
                let args = type_args(seg);
                self.path_adapter(&name, &args, adapter, field, &next, w)
            }
            _ => Err(self.unknown(adapter)),
        }
    }

    fn unknown(&self, adapter: &syn::Type) -> syn::Error {
        self.error(format!(
            "objfp does not know the serde_with adapter `{}` in `#[serde_as]` type `{}`, so \
             it cannot see what this field is written as: annotate the field with \
             `#[fingerprint(as = \"Type\")]` naming a type with the same serialized shape, \
             or `#[fingerprint(opaque = \"name\")]` with a name for it (SPEC.md §10b lists \
             the adapters objfp knows)",
            show(adapter),
            show(&self.path_as()),
        ))
    }

    fn path_adapter(
        &self,
        name: &str,
        args: &[&syn::Type],
        adapter: &syn::Type,
        field: &syn::Type,
        next: &Walk<'_>,
        w: &TokenStream,
    ) -> syn::Result<TokenStream> {
        // The adapter's own type argument, or `Same` when it is left out.
        let inner = |i: usize| -> syn::Result<TokenStream> {
            match args.get(i) {
                Some(a) => next.walk(a, field),
                None => Ok(field.to_token_stream()),
            }
        };
        match name {
            "Same" if args.is_empty() => Ok(field.to_token_stream()),
            "DisplayFromStr" | "NoneAsEmptyString" => Ok(quote!(#w::Text)),
            "Bytes" if args.is_empty() => Ok(quote!(#w::Bytes)),
            "Base64" => self.base64(args, w),
            "Hex" => match args.first().map(|a| last_ident(a)) {
                None => Ok(quote!(#w::HexLowercase)),
                Some(Some(f)) if f == "Lowercase" => Ok(quote!(#w::HexLowercase)),
                Some(Some(f)) if f == "Uppercase" => Ok(quote!(#w::HexUppercase)),
                Some(_) => Err(self.unknown(adapter)),
            },
            "DefaultOnNull" => {
                let inner = inner(0)?;
                Ok(quote!(::core::option::Option<#inner>))
            }
            "DefaultOnError" => inner(0),
            "FromInto" | "TryFromInto" | "FromIntoRef" | "TryFromIntoRef" => match args {
                [target] => Ok(target.to_token_stream()),
                _ => Err(self.unknown(adapter)),
            },
            "IfIsHumanReadable" => {
                let human = inner(0)?;
                let compact = inner(1)?;
                Ok(quote!(#w::Readable<#human, #compact>))
            }
            "OneOrMany" => {
                let Some(item_adapter) = args.first() else {
                    return Err(self.unknown(adapter));
                };
                let Some(item) = seq_item(field) else {
                    return Err(self.mismatch(adapter, field, "a sequence"));
                };
                let item = next.walk(item_adapter, &item)?;
                let prefer_many = match args.get(1).map(|a| last_ident(a)) {
                    None => false,
                    Some(Some(f)) if f == "PreferOne" => false,
                    Some(Some(f)) if f == "PreferMany" => true,
                    Some(_) => return Err(self.unknown(adapter)),
                };
                Ok(if prefer_many && self.side == Side::Serialize {
                    quote!(#w::Seq<#item>)
                } else {
                    quote!(#w::OneOrMany<#item>)
                })
            }
            _ => {
                if let Some(tokens) = self.duration(name, args, adapter, w) {
                    return tokens;
                }
                self.container(name, args, adapter, field, next, w)
            }
        }
    }

    /// serde_with's std containers and wrappers, mapped element by element.
    fn container(
        &self,
        name: &str,
        args: &[&syn::Type],
        adapter: &syn::Type,
        field: &syn::Type,
        next: &Walk<'_>,
        w: &TokenStream,
    ) -> syn::Result<TokenStream> {
        if SEQUENCES.contains(&name) {
            let [item_adapter] = args else {
                return Err(self.unknown(adapter));
            };
            let item = match (seq_item(field), map_entry(field)) {
                (Some(item), _) => item,
                // `Vec<(A, B)>` over a map: serde_with writes its entries as pairs.
                (None, Some((k, v))) => syn::parse_quote!((#k, #v)),
                (None, None) => return Err(self.mismatch(adapter, field, "a sequence or a map")),
            };
            let item = next.walk(item_adapter, &item)?;
            return Ok(quote!(#w::Seq<#item>));
        }
        if MAPS.contains(&name) {
            let [key_adapter, value_adapter, ..] = args else {
                return Err(self.unknown(adapter));
            };
            let (key, value) = match (map_entry(field), seq_item(field).as_ref().and_then(pair)) {
                (Some(entry), _) => entry,
                // `BTreeMap<A, B>` over a sequence of pairs: serde_with writes a map.
                (None, Some(entry)) => entry,
                (None, None) => {
                    return Err(self.mismatch(adapter, field, "a map or a sequence of pairs"));
                }
            };
            let key = next.walk(key_adapter, &key)?;
            let value = next.walk(value_adapter, &value)?;
            return Ok(quote!(#w::Map<#key, #value>));
        }
        if WRAPPERS.contains(&name) {
            // The field's own wrapper (as the user spells it), its type arguments walked.
            let syn::Type::Path(f) = field else {
                return Err(self.mismatch(adapter, field, &format!("`{name}<..>`")));
            };
            let Some(seg) = f.path.segments.last().filter(|s| s.ident == name) else {
                return Err(self.mismatch(adapter, field, &format!("`{name}<..>`")));
            };
            let syn::PathArguments::AngleBracketed(f_args) = &seg.arguments else {
                return Err(self.mismatch(adapter, field, &format!("`{name}<..>`")));
            };
            let mut rebuilt = f.clone();
            let mut new_args = f_args.clone();
            let mut adapters = args.iter();
            for arg in new_args.args.iter_mut() {
                if let syn::GenericArgument::Type(t) = arg
                    && let Some(a) = adapters.next()
                {
                    *t = syn::parse2(next.walk(a, t)?)?;
                }
            }
            if adapters.next().is_some() {
                return Err(self.mismatch(adapter, field, &format!("`{name}<..>`")));
            }
            if let Some(last) = rebuilt.path.segments.last_mut() {
                last.arguments = syn::PathArguments::AngleBracketed(new_args);
            }
            return Ok(rebuilt.to_token_stream());
        }
        Err(self.unknown(adapter))
    }

    /// `DurationSeconds<FORMAT>`, `TimestampMilliSecondsWithFrac<FORMAT>`, ...
    fn duration(
        &self,
        name: &str,
        args: &[&syn::Type],
        adapter: &syn::Type,
        w: &TokenStream,
    ) -> Option<syn::Result<TokenStream>> {
        let (family, rest) = if let Some(rest) = name.strip_prefix("Duration") {
            ("Duration", rest)
        } else {
            ("Unix", name.strip_prefix("Timestamp")?)
        };
        let (unit, frac) = match rest.strip_suffix("WithFrac") {
            Some(unit) => (unit, true),
            None => (rest, false),
        };
        let unit = match unit {
            "Seconds" => "Seconds",
            "MilliSeconds" => "Milliseconds",
            "MicroSeconds" => "Microseconds",
            "NanoSeconds" => "Nanoseconds",
            _ => return None,
        };
        let marker = quote::format_ident!("{family}{unit}");
        let format = match args.first() {
            None if frac => quote!(::core::primitive::f64),
            None if family == "Duration" => quote!(::core::primitive::u64),
            None => quote!(::core::primitive::i64),
            Some(f) => match last_ident(f).as_deref() {
                Some(
                    p @ ("i8" | "i16" | "i32" | "i64" | "i128" | "u8" | "u16" | "u32" | "u64"
                    | "u128" | "f32" | "f64" | "bool"),
                ) => {
                    let p = quote::format_ident!("{p}");
                    quote!(::core::primitive::#p)
                }
                Some("String") if frac => quote!(#w::DecimalString),
                Some("String") => quote!(#w::DecimalIntegerString),
                _ => return Some(Err(self.unknown(adapter))),
            },
        };
        let shape = quote!(#w::#marker<#format>);
        // `Flexible` reads more than it writes (numbers from strings and the reverse):
        // what is accepted changed, so the read side says so (SPEC.md §10b).
        match args.get(1).map(|s| last_ident(s)) {
            None | Some(Some(_)) if args.len() < 2 => Some(Ok(shape)),
            Some(Some(s)) if s == "Strict" => Some(Ok(shape)),
            Some(Some(s)) if s == "Flexible" => Some(Ok(if self.side == Side::Deserialize {
                quote!(#w::Flexible<#shape>)
            } else {
                shape
            })),
            _ => Some(Err(self.unknown(adapter))),
        }
    }

    fn base64(&self, args: &[&syn::Type], w: &TokenStream) -> syn::Result<TokenStream> {
        let alphabet = match args.first().map(|a| last_ident(a)) {
            None => "Standard".to_owned(),
            Some(Some(a)) => a,
            Some(None) => String::new(),
        };
        let padding = match args.get(1).map(|a| last_ident(a)) {
            None => "Padded".to_owned(),
            Some(Some(p)) => p,
            Some(None) => String::new(),
        };
        let known_alphabet = matches!(
            alphabet.as_str(),
            "Standard" | "UrlSafe" | "Crypt" | "Bcrypt" | "ImapMutf7" | "BinHex"
        );
        let known_padding = matches!(padding.as_str(), "Padded" | "Unpadded");
        if !known_alphabet || !known_padding || args.len() > 2 {
            return Err(self.error(format!(
                "objfp does not know the base64 alphabet or padding of `Base64<{}>` in \
                 `#[serde_as]` type `{}`: serde_with's are `Standard`, `UrlSafe`, `Crypt`, \
                 `Bcrypt`, `ImapMutf7`, `BinHex` and `Padded`, `Unpadded`; annotate the field \
                 with `#[fingerprint(opaque = \"name\")]` naming the text's grammar otherwise",
                args.iter().map(show).collect::<Vec<_>>().join(", "),
                show(&self.path_as()),
            )));
        }
        let marker = quote::format_ident!("Base64{alphabet}{padding}");
        Ok(quote!(#w::#marker))
    }
}

fn ungroup(ty: &syn::Type) -> &syn::Type {
    match ty {
        syn::Type::Paren(p) => ungroup(&p.elem),
        syn::Type::Group(g) => ungroup(&g.elem),
        _ => ty,
    }
}

/// The type arguments of a path segment (lifetimes and consts left out).
fn type_args(seg: &syn::PathSegment) -> Vec<&syn::Type> {
    match &seg.arguments {
        syn::PathArguments::AngleBracketed(args) => args
            .args
            .iter()
            .filter_map(|a| match a {
                syn::GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn last_ident(ty: &syn::Type) -> Option<String> {
    match ungroup(ty) {
        syn::Type::Path(p) if p.qself.is_none() => {
            p.path.segments.last().map(|s| s.ident.to_string())
        }
        _ => None,
    }
}

/// The element type of a sequence field (`Vec<T>`, `BTreeSet<T>`, `[T]`, `Box<[T]>`,
/// `[T; N]`).
fn seq_item(field: &syn::Type) -> Option<syn::Type> {
    match ungroup(field) {
        syn::Type::Slice(s) => Some((*s.elem).clone()),
        syn::Type::Array(a) => Some((*a.elem).clone()),
        syn::Type::Path(p) if p.qself.is_none() => {
            let seg = p.path.segments.last()?;
            let args = type_args(seg);
            let name = seg.ident.to_string();
            if SEQUENCES.contains(&name.as_str()) || name == "SmallVec" {
                let first = (*args.first()?).clone();
                if name == "SmallVec" {
                    // `SmallVec<[T; N]>`.
                    return match first {
                        syn::Type::Array(a) => Some(*a.elem),
                        _ => None,
                    };
                }
                return Some(first);
            }
            if name == "Box"
                && let [inner] = args.as_slice()
                && let syn::Type::Slice(s) = ungroup(inner)
            {
                return Some((*s.elem).clone());
            }
            None
        }
        _ => None,
    }
}

/// The key and value types of a map field (`BTreeMap<K, V>`, `HashMap<K, V, S>`, ...).
fn map_entry(field: &syn::Type) -> Option<(syn::Type, syn::Type)> {
    match ungroup(field) {
        syn::Type::Path(p) if p.qself.is_none() => {
            let seg = p.path.segments.last()?;
            if !MAPS.contains(&seg.ident.to_string().as_str()) {
                return None;
            }
            match type_args(seg).as_slice() {
                [k, v, ..] => Some(((*k).clone(), (*v).clone())),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The two types of a pair `(K, V)`.
fn pair(ty: &syn::Type) -> Option<(syn::Type, syn::Type)> {
    match ungroup(ty) {
        syn::Type::Tuple(t) if t.elems.len() == 2 => {
            let mut it = t.elems.iter();
            Some((it.next()?.clone(), it.next()?.clone()))
        }
        _ => None,
    }
}

/// A type as a person writes it: `Vec<(String, u64)>`, not `Vec < (String , u64) >`.
fn show(tokens: &impl ToTokens) -> String {
    let text = tokens.to_token_stream().to_string();
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ' ' {
            let prev = out.chars().last();
            let next = chars.peek().copied();
            let tight = |ch: Option<char>| {
                matches!(
                    ch,
                    Some('<' | '>' | '(' | ')' | '[' | ']' | ':' | ',' | ';' | '&')
                )
            };
            if matches!(prev, Some(',' | ';')) || !(tight(prev) || tight(next)) {
                out.push(' ');
            }
            continue;
        }
        out.push(c);
    }
    out
}
