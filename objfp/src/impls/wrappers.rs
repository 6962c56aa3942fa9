//! Wrappers serde sees through: each serializes as the value it holds (and deserializes
//! from it), so each takes the fingerprint and description of that value's type.
//!
//! `Cow<'_, T>` writes a `T` and reads a `T::Owned`; every std pair (`str`/`String`,
//! `[T]`/`Vec<T>`, `CStr`/`CString`, `Path`/`PathBuf`, `T`/`T` for `T: Clone`) has one
//! shape, so `Cow` is `T`. `Rc` and `Arc` need serde's `rc` feature; serde writes the value
//! behind the pointer each time it is referenced, without sharing.
//!
//! Not implemented:
//! - `Rc`'s and `Arc`'s `Weak<T>`: serde writes `self.upgrade()`, an `Option<T>`, and reads
//!   an `Option<T>` only to drop it. Not in `SPEC.md` yet.
//! - `AtomicBool`, `AtomicU8` .. `AtomicUsize`: serde (with `std`) writes the loaded value,
//!   so each would be its primitive (`AtomicUsize` is `u64`). Not in `SPEC.md` yet.
//! - `Pin`, `ManuallyDrop`, `OnceCell`, `UnsafeCell`: serde does not implement them.

#[cfg(feature = "alloc")]
use alloc::borrow::{Cow, ToOwned};
#[cfg(feature = "alloc")]
use alloc::boxed::Box;
#[cfg(feature = "alloc")]
use alloc::rc::Rc;
#[cfg(all(feature = "alloc", target_has_atomic = "ptr"))]
use alloc::sync::Arc;
use core::cell::{Cell, RefCell};
use core::cmp::Reverse;
use core::num::{
    NonZeroI8, NonZeroI16, NonZeroI32, NonZeroI64, NonZeroI128, NonZeroIsize, NonZeroU8,
    NonZeroU16, NonZeroU32, NonZeroU64, NonZeroU128, NonZeroUsize, Saturating, Wrapping,
};
#[cfg(feature = "std")]
use std::sync::{Mutex, RwLock};

use crate::TypeFingerprint;

// serde: `(**self).serialize(..)`. Written out rather than through `same_as!`: these are
// the usual links of a recursive type, so they appear in the chain rustc prints for an
// unannotated cycle, where one line each reads better than a macro invocation.
impl<T: TypeFingerprint + ?Sized> TypeFingerprint for &T {
    const FINGERPRINT: crate::Fingerprint = T::FINGERPRINT;
    const DESCRIPTION: &'static crate::Description = T::DESCRIPTION;
    const TYPE_EXPR: crate::encoding::TypeExpr = T::TYPE_EXPR;
}

impl<T: TypeFingerprint + ?Sized> TypeFingerprint for &mut T {
    const FINGERPRINT: crate::Fingerprint = T::FINGERPRINT;
    const DESCRIPTION: &'static crate::Description = T::DESCRIPTION;
    const TYPE_EXPR: crate::encoding::TypeExpr = T::TYPE_EXPR;
}

#[cfg(feature = "alloc")]
impl<T: TypeFingerprint + ?Sized> TypeFingerprint for Box<T> {
    const FINGERPRINT: crate::Fingerprint = T::FINGERPRINT;
    const DESCRIPTION: &'static crate::Description = T::DESCRIPTION;
    const TYPE_EXPR: crate::encoding::TypeExpr = T::TYPE_EXPR;
}

#[cfg(feature = "alloc")]
impl<T: TypeFingerprint + ?Sized> TypeFingerprint for Rc<T> {
    const FINGERPRINT: crate::Fingerprint = T::FINGERPRINT;
    const DESCRIPTION: &'static crate::Description = T::DESCRIPTION;
    const TYPE_EXPR: crate::encoding::TypeExpr = T::TYPE_EXPR;
}

#[cfg(all(feature = "alloc", target_has_atomic = "ptr"))]
impl<T: TypeFingerprint + ?Sized> TypeFingerprint for Arc<T> {
    const FINGERPRINT: crate::Fingerprint = T::FINGERPRINT;
    const DESCRIPTION: &'static crate::Description = T::DESCRIPTION;
    const TYPE_EXPR: crate::encoding::TypeExpr = T::TYPE_EXPR;
}

same_as! {
    #[cfg(feature = "alloc")]
    [T: TypeFingerprint + ToOwned + ?Sized] Cow<'_, T> => T;

    // serde: `self.get().serialize(..)`; like serde, only for `T: Copy`.
    [T: TypeFingerprint + Copy] Cell<T> => T;
    // serde: the borrowed value (an error while mutably borrowed).
    [T: TypeFingerprint + ?Sized] RefCell<T> => T;
    // serde: the locked value (an error when poisoned).
    #[cfg(feature = "std")]
    [T: TypeFingerprint + ?Sized] Mutex<T> => T;
    #[cfg(feature = "std")]
    [T: TypeFingerprint + ?Sized] RwLock<T> => T;

    // serde: `self.0.serialize(..)`.
    [T: TypeFingerprint] Wrapping<T> => T;
    [T: TypeFingerprint] Saturating<T> => T;
    [T: TypeFingerprint] Reverse<T> => T;

    // serde: `self.get().serialize(..)`; reading 0 is an error, not a different shape.
    [] NonZeroU8 => u8;
    [] NonZeroU16 => u16;
    [] NonZeroU32 => u32;
    [] NonZeroU64 => u64;
    [] NonZeroU128 => u128;
    [] NonZeroUsize => usize;
    [] NonZeroI8 => i8;
    [] NonZeroI16 => i16;
    [] NonZeroI32 => i32;
    [] NonZeroI64 => i64;
    [] NonZeroI128 => i128;
    [] NonZeroIsize => isize;
}
