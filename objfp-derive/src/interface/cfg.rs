//! `#[cfg]` on trait items. An attribute macro sees its input before `cfg` is evaluated,
//! so an item under `#[cfg(any())]` is still in the tokens. The macro cannot evaluate the
//! predicate itself (it does not know the features or the target); it reduces each item's
//! `cfg` and `cfg_attr(.., cfg(..))` attributes to one predicate and puts it on everything
//! it generates for the item, so that rustc keeps or drops both together.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::quote;

/// The predicate under which an item exists; `None` when it always does.
#[derive(Clone, Default)]
pub struct Cond(Option<TokenStream>);

impl Cond {
    pub fn is_always(&self) -> bool {
        self.0.is_none()
    }

    /// Both hold.
    pub fn and(&self, other: &Cond) -> Cond {
        match (&self.0, &other.0) {
            (None, _) => other.clone(),
            (_, None) => self.clone(),
            (Some(a), Some(b)) => Cond(Some(quote!(all(#a, #b)))),
        }
    }

    /// The item is absent: `not(p)` (`any()`, never, for an item that always exists).
    pub fn not(&self) -> Cond {
        match &self.0 {
            None => Cond(Some(quote!(any()))),
            Some(p) => Cond(Some(quote!(not(#p)))),
        }
    }

    /// The `#[cfg(..)]` attribute to put on what is generated for the item, if any.
    pub fn attr(&self) -> TokenStream {
        match &self.0 {
            None => TokenStream::new(),
            Some(p) => quote!(#[cfg(#p)]),
        }
    }

    /// The condition that a list of attributes (the contents of each `#[..]`) puts on
    /// their item: `cfg(p)` is `p`; `cfg_attr(p, a, b)` is `any(not(p), q)` where `q` is
    /// the condition `a, b` put, so nothing when they hold no `cfg`. Other attributes do
    /// not remove items. Malformed `cfg`s are left to rustc, which reports them on the
    /// trait itself.
    pub fn of_attrs<'a>(attrs: impl IntoIterator<Item = &'a TokenStream>) -> Cond {
        let mut all = Vec::new();
        for attr in attrs {
            if let Some(p) = condition(attr) {
                all.push(p);
            }
        }
        match all.len() {
            0 => Cond(None),
            1 => Cond(all.pop()),
            _ => Cond(Some(quote!(all(#(#all),*)))),
        }
    }
}

/// The condition of one attribute's contents (`cfg(..)`, `cfg_attr(..)`), if any.
fn condition(attr: &TokenStream) -> Option<TokenStream> {
    let tokens: Vec<TokenTree> = attr.clone().into_iter().collect();
    let [TokenTree::Ident(name), TokenTree::Group(args)] = tokens.as_slice() else {
        return None;
    };
    if args.delimiter() != Delimiter::Parenthesis {
        return None;
    }
    if name == "cfg" {
        return Some(args.stream());
    }
    if name != "cfg_attr" {
        return None;
    }
    let mut parts = split_commas(args.stream()).into_iter();
    let predicate = parts.next().filter(|p| !p.is_empty())?;
    let inner: Vec<TokenStream> = parts.filter(|p| !p.is_empty()).collect();
    let Cond(Some(q)) = Cond::of_attrs(&inner) else {
        return None;
    };
    Some(quote!(any(not(#predicate), #q)))
}

/// Splits at top-level commas (commas inside groups are inside their group's token).
fn split_commas(tokens: TokenStream) -> Vec<TokenStream> {
    let mut parts = Vec::new();
    let mut part = TokenStream::new();
    for tt in tokens {
        match &tt {
            TokenTree::Punct(p) if p.as_char() == ',' => parts.push(std::mem::take(&mut part)),
            _ => part.extend([tt]),
        }
    }
    parts.push(part);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cond(attrs: &[&str]) -> String {
        let attrs: Vec<TokenStream> = attrs.iter().map(|a| a.parse().unwrap()).collect();
        Cond::of_attrs(&attrs).attr().to_string()
    }

    #[test]
    fn cfg_and_cfg_attr_reduce_to_one_predicate() {
        assert_eq!(cond(&["doc = \"x\"", "allow(unused)"]), "");
        assert_eq!(cond(&["cfg(unix)"]), "# [cfg (unix)]");
        assert_eq!(
            cond(&["cfg(unix)", "cfg(feature = \"a\")"]),
            "# [cfg (all (unix , feature = \"a\"))]"
        );
        assert_eq!(
            cond(&["cfg_attr(test, cfg(unix), allow(x))"]),
            "# [cfg (any (not (test) , unix))]"
        );
        assert_eq!(
            cond(&["cfg_attr(a, cfg_attr(b, cfg(c)))"]),
            "# [cfg (any (not (a) , any (not (b) , c)))]"
        );
        assert_eq!(cond(&["cfg_attr(test, doc = \"x\")"]), "");
        // Malformed: left to rustc.
        assert_eq!(cond(&["cfg", "cfg_attr()", "cfg[x]"]), "");
    }
}
