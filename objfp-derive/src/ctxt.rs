//! Collects every error found while reading the input, so the user sees all of them at
//! once instead of fixing one per compile.

use std::cell::RefCell;

use quote::ToTokens;

#[derive(Default)]
pub struct Ctxt {
    errors: RefCell<Option<syn::Error>>,
    count: std::cell::Cell<usize>,
}

impl Ctxt {
    /// An error pointing at `tokens`.
    pub fn error_spanned_by<T: ToTokens, M: std::fmt::Display>(&self, tokens: T, message: M) {
        self.syn_error(syn::Error::new_spanned(tokens.into_token_stream(), message));
    }

    pub fn syn_error(&self, err: syn::Error) {
        self.count.set(self.count.get() + 1);
        let mut errors = self.errors.borrow_mut();
        match errors.as_mut() {
            Some(existing) => existing.combine(err),
            None => *errors = Some(err),
        }
    }

    /// All errors so far, merged into one.
    pub fn check(self) -> syn::Result<()> {
        match self.errors.into_inner() {
            Some(err) => Err(err),
            None => Ok(()),
        }
    }

    /// How many errors have been reported, to tell which part of the input had one.
    pub fn error_count(&self) -> usize {
        self.count.get()
    }

    pub fn has_errors(&self) -> bool {
        self.errors.borrow().is_some()
    }
}
