// The lockfile, one stage per file:
//
//   check.rs   Check::run: Mode::Update -> render.rs -> write the file (keeping history)
//                          Mode::Verify -> parse.rs -> compare each stored section, and
//                          under a policy run compat's rules against each stored version
//   outcome.rs what a passing check found (compatible changes, what an update wrote)
//   render.rs  descriptions -> shape graphs (diff's graph.rs) -> declarations, as text
//   token.rs   one section's lines -> tokens (the notation's words: primitives, keywords)
//   parse.rs   the document: `version`, `[Name]`, `fingerprint = ` -> decl.rs per section
//   decl.rs    tokens -> declarations and type expressions (a syntax tree)
//   build.rs   syntax tree -> the shape graph that check.rs walks against the current one
//   error.rs   LockError and the mismatch report
//
//! A checked-in lockfile of wire-type fingerprints, with a readable diff when one changes.
//!
//! List the types whose serialized shape must not change by accident (the *root* types:
//! messages, stored records), and call [`check`] from a test:
//!
//! ```
//! # mod example {
//! #[derive(objfp::TypeFingerprint)]
//! pub struct Item { pub sku: String, pub price: u32 }
//!
//! #[derive(objfp::TypeFingerprint)]
//! pub struct Order { pub id: u64, pub items: Vec<Item>, pub note: Option<String> }
//! # }
//! # use example::*;
//! # let dir = std::env::temp_dir().join(format!("objfp-doc-lock-{}", std::process::id()));
//! # std::fs::create_dir_all(&dir).unwrap();
//! # let lockfile = dir.join("fingerprints.lock");
//! # objfp::lock::check_with(&lockfile, &objfp::lock_entries![Order], objfp::lock::Mode::Update).unwrap();
//! // In a test, with the lockfile next to Cargo.toml:
//! // let lockfile = concat!(env!("CARGO_MANIFEST_DIR"), "/fingerprints.lock");
//! objfp::lock::check(&lockfile, &objfp::lock_entries![Order]).unwrap();
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```
//!
//! A normal run only reads the file, and fails when a listed type's fingerprint differs
//! from the stored one, when a type is listed that the file does not have, or when the file
//! has a type that is no longer listed. The error says what changed, path by path; here
//! for the file shown under [the format](#the-format), after `Item.price` became a `u64`,
//! `Order.note` and `Event::Archived` were added, `Refund` was listed and `Legacy` dropped:
//!
//! ```text
//! fingerprints.lock is out of date: 2 changed, 1 added, 1 removed
//!   changed Event: 312058079975 -> c94f297b1092
//!     Event::Created.(flatten): field added (#[serde(flatten)] Meta)
//!     Event::Archived: variant added
//!     Event: variant indices changed: Deleted 1 -> 2
//!   changed Order: 0f8d9053210d -> 1affdab75b47
//!     Order.items[].price: type changed u32 -> u64
//!     Order.note: field added (#[serde(default, skip_serializing_if = "is_none")] Option<string>)
//!   added Refund: f41dd09e19d5 (not in the lockfile)
//!   removed Legacy: 6fe4e90dbef6 (no longer listed)
//! If these wire changes are intended, rerun with OBJFP_UPDATE=1 to rewrite the lockfile, and commit it.
//! ```
//!
//! # Compatibility policies
//!
//! By default any change of a fingerprint fails: someone must look at it. Under a
//! compatibility [`Policy`](crate::compat::Policy) a change passes when it keeps the
//! policy by the rules of [`crate::compat`]: `backward` (new readers read old data),
//! `forward` (old readers read new data) or `full`, each for a list of formats, and each
//! against the last recorded version or, *transitive*, against every earlier version
//! the file keeps. Set one for the file with [`check_with_policy`], or per type with
//! [`Check`]:
//!
//! ```
//! # mod example {
//! # #[derive(objfp::TypeFingerprint)]
//! # pub struct Order { pub id: u64 }
//! # }
//! # use example::*;
//! use objfp::compat::{Format, Policy};
//! use objfp::lock::{self, Check};
//! # let dir = std::env::temp_dir().join(format!("objfp-doc-lock-policy-{}", std::process::id()));
//! # std::fs::create_dir_all(&dir).unwrap();
//! # let lockfile = dir.join("fingerprints.lock");
//! # lock::check_with(&lockfile, &objfp::lock_entries![Order], lock::Mode::Update).unwrap();
//!
//! // Every listed type: new readers must read what old writers sent, in JSON.
//! lock::check_with_policy(&lockfile, &objfp::lock_entries![Order], Policy::backward(Format::Json)).unwrap();
//! // Per type, and transitive:
//! Check::new(&lockfile)
//!     .policy(Policy::backward([Format::Json, Format::Cbor]).transitive())
//!     .policy_for("Order", Policy::full(Format::Json))
//!     .run(&objfp::lock_entries![Order])
//!     .unwrap();
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```
//!
//! A compatible change passes, and the [`Outcome`] notes it with the formats it is safe
//! for and how to record it; a breaking one fails with its verdicts beside each change
//! and the rules it breaks. The same change as above under `backward(json)`:
//!
//! ```text
//! fingerprints.lock is out of date: 2 changed (1 within its policy), 1 added, 1 removed
//!   changed Event: 312058079975 -> c94f297b1092, breaks backward(json)
//!     Event::Created.(flatten): field added (#[serde(flatten)] Meta)  backward: none; breaking: json cbor msgpack msgpack-named postcard bincode bincode-fixint
//!       breaks backward(json) in json [flatten-changed]: The field's contents move between a nested map and the enclosing one.
//!     Event::Archived: variant added  backward: json cbor msgpack msgpack-named postcard bincode bincode-fixint
//!     Event::Deleted: variant moved from index 1 to 2  backward: json cbor msgpack msgpack-named; breaking: postcard bincode bincode-fixint
//!     Event: internally tagged enum, which some formats cannot carry  backward: json cbor msgpack msgpack-named; breaking: postcard bincode bincode-fixint
//!     Event::Created.(flatten): flatten field, which some formats cannot carry  backward: json cbor msgpack msgpack-named; breaking: postcard bincode bincode-fixint
//!   changed Order: 0f8d9053210d -> 1affdab75b47, keeps backward(json)
//!     Order.items[].price: type changed u32 -> u64  backward: json cbor msgpack msgpack-named postcard bincode; breaking: bincode-fixint
//!     Order.note: field added (#[serde(default, skip_serializing_if = "is_none")] Option<string>)  backward: json cbor msgpack msgpack-named; breaking: postcard bincode bincode-fixint
//!     safe for backward compatibility in: json cbor msgpack msgpack-named
//!   added Refund: f41dd09e19d5 (not in the lockfile)
//!   removed Legacy: 6fe4e90dbef6 (no longer listed)
//! If these wire changes are intended, rerun with OBJFP_UPDATE=1 to rewrite the lockfile, and commit it.
//! Recording a change that breaks its policy drops the type's earlier versions.
//! ```
//!
//! Added and removed types fail under every policy; with the `registry` feature,
//! [`registered`] lists every type registered with [`register!`](crate::register), so a
//! new wire type cannot be left out of the check. An update under a policy keeps each
//! type's earlier versions in the file (`[Order@1]`, below) and adds the one it
//! replaces, for transitive checks; recording a change that breaks the policy starts the
//! type's history again. [`Policy::NONE`](crate::compat::Policy::NONE), the exact check,
//! keeps none.
//!
//! # Updating
//!
//! With the environment variable **`OBJFP_UPDATE=1`** (or `OBJFP_UPDATE=true`), [`check`]
//! writes the file from the listed types instead of comparing, and succeeds:
//!
//! ```text
//! OBJFP_UPDATE=1 cargo test
//! ```
//!
//! This is also how the file is created the first time. Only an update run writes, and it
//! leaves an up-to-date file untouched. It writes a temporary file next to the lockfile
//! and renames it over the lockfile, so a check running at the same time reads the old
//! file or the new one whole, never an empty or half-written one. Since environment variables are global to the test
//! process, tests of the checker itself should call [`check_with`] with an explicit
//! [`Mode`] instead.
//!
//! # The format
//!
//! A text file meant to be read in code review. One section per listed type, sorted by
//! name so that unrelated edits do not move each other; each section holds the type's
//! fingerprint and its canonical form written as declarations, one field per line, with
//! every type it references declared once after it:
//!
//! ```text
//! # objfp lockfile: the serialized shape and fingerprint of each listed wire type.
//! # Checked by objfp::lock::check; regenerate with OBJFP_UPDATE=1 cargo test.
//! version = 2
//! encoding = objfp/2
//!
//! [Event]
//! fingerprint = 3120580799757849851091643398803c07aa21d113417ef3055fbb2135228ed0
//! #[serde(tag = "type")]
//! enum Event {
//!     Created {
//!         id: u64,
//!     },
//!     Deleted {
//!         id: u64,
//!     },
//! }
//!
//! [Legacy]
//! fingerprint = 6fe4e90dbef6d806df3569fbbe6734937c744aba423310b3ee897de52523e1d2
//! struct Legacy {
//!     payload: [u8],
//! }
//!
//! [Order]
//! fingerprint = 0f8d9053210d511e87d595b71e29ec4affda114fb77b09a4b7d0681e3be81882
//! struct Order {
//!     id: u64,
//!     items: [Item],
//! }
//!
//! struct Item {
//!     sku: string,
//!     price: u32,
//! }
//! ```
//!
//! - `version = 2` comes first, then `encoding = objfp/2`: the encoding the fingerprints
//!   were computed with ([`ENCODING`]). Lines starting with `#` and a space are comments.
//! - `[Name]` starts a section; `Name` is the name given to [`entry`] (with
//!   [`lock_entries!`](crate::lock_entries), the type as written). `fingerprint = ` follows with 64 hex digits.
//! - `[Name@n]` sections, right after `[Name]` and newest first, are earlier versions of
//!   the type (`n` counts from 1, the oldest kept), written like the current one, under
//!   the type's own names: a `git diff` shows the changed fields in `[Name]` and the
//!   version they replace as a new `[Name@n]`. Only updates under a policy write them.
//! - The declarations spell the canonical form (`SPEC.md`), not the Rust source: names are
//!   wire names (after serde's renames), `#[serde(..)]` lists the wire-relevant attributes
//!   in objfp's canonical notation, and `#[repr(..)]` an enum's integer repr. Type
//!   expressions are primitives by serde name (`u32`, `string`, `bytes`, `unit`),
//!   `Option<T>`, `[T]` for every sequence (`Vec`, `VecDeque`, `HashSet`, ...),
//!   `Map<K, V>` for every map, `[T; N]`, tuples `(A, B)`, `(A,)` and `()`, and the names
//!   of declared types.
//! - Payloads follow serde's styles, and every form reads back with its field count:
//!
//!   | form | struct | variant |
//!   |---|---|---|
//!   | named | `struct S { a: T }`, `struct S {}` | `A { a: T }`, `A {}` |
//!   | newtype | `struct S(T);` | `A(T)` |
//!   | newtype whose field is `#[fingerprint(skip)]` | `struct S(#[fingerprint(skip)]);` | `A(#[fingerprint(skip)])` |
//!   | tuple | `struct S(A, B);`, one field on the wire `struct S(A,);`, none `struct S();` | `A(T, U)`, `A(T,)`, `A()` |
//!   | unit | `struct S;` | `A` |
//!
//!   Fields with attributes go one per line, the newtype's without a comma. A variant's
//!   explicit discriminant follows it (`A = 1`).
//! - Besides `struct` and `enum`, a section may declare `opaque Name = "shape-name"`,
//!   `named Name = "meaning" T` (a shape with a meaning, such as `"unix-seconds"` over
//!   `i64`), `readable Name { human: T, compact: U }` (addresses) and
//!   `proxy Name { serialize: T, deserialize: own, own: U }` (`#[serde(into, from)]`).
//!   A section whose type is not itself declared (say, `Vec<Order>`) starts with
//!   `type = [Order]`.
//! - Each type is declared once per section, so recursive types are finite. Two distinct
//!   types with the same name get `Name#2`, `Name#3`; a name that is not an identifier is
//!   quoted.
//! - An anonymous shape is declared too, `type Name = [..]`, where writing it inline would
//!   not be finite or readable: where a cycle closes (`#[serde(transparent)] struct
//!   Tree(Vec<Tree>)` is `type Vec = [Vec]`), below 128 levels of nesting, and where an
//!   expression would have more than 256 parts (descriptions share parts, so written out
//!   in full some would be exponentially long).
//!
//! **Why declarations, and what the checker compares.** Two layouts were considered:
//! this one, and one line per path (`Order.items[].price: u32`). A path per line makes
//! every line self-explanatory but repeats a type under every path that reaches it, grows
//! with the product of nesting and reuse, and must cut recursive types off; declarations
//! read like the code under review, list each type once, and a `git diff` of the file
//! shows a changed field in its struct. The path form is what the *checker* prints: it parses the
//! stored declarations back into a shape graph and walks it against the current
//! description with the same engine as [`diff`](crate::diff), so a failure lists changes
//! by path (`Order.items[].price: type changed u32 -> u64`) even though the old Rust type
//! no longer exists. Nested types carry no fingerprint in the file (a change deep down
//! would rewrite every line above it), so the stored side is compared structurally.
//!
//! The fingerprint is authoritative: a type whose fingerprint matches passes even if its
//! stored text is stale (a renamed Rust type), and the text is only used to explain a
//! mismatch, and to decide a policy: the compat rules run over the stored declarations,
//! so the old Rust type is not needed there either. The file is strict otherwise: a malformed or hand-edited file is a
//! [`LockError::Parse`] naming the line and what was expected, never a panic.
//!
//! # Version 1 files
//!
//! objfp 0.1 wrote `version = 1` files, without an `encoding` line, whose fingerprints are
//! of the encoding `objfp/1`. objfp reads them; since every fingerprint changed with
//! `objfp/2`, checking one fails once, with [`LockError::Encoding`] ("written by objfp/1:
//! every fingerprint changed with the encoding objfp/2 ...; rerun with OBJFP_UPDATE=1"),
//! not with a change listed for every type. (A version 1 file in which some listed type's
//! fingerprint matches was written by a pre-release objfp/2 build, and is compared as
//! usual.) A file of any other encoding, such as a later objfp's, is refused the same way.
//! An update rewrites the file in version 2.
//!
//! # Limits
//!
//! Reading and writing agree on what a lockfile may hold, so objfp never writes a file
//! it cannot read back, and a hostile file costs bounded time and memory:
//!
//! - **8 MiB** per file. [`Lockfile::read`] reads no more than that (and one byte), and
//!   [`render`] fails with [`LockError::TooLarge`] rather than write more. Real lockfiles
//!   are a few kilobytes per listed type. Reading costs time linear in the size and
//!   memory of some 35 to 55 times it (the worst 8 MiB files measured, a struct of a
//!   million fields or a tuple of two million elements, take 300 to 450 MB and a second
//!   or two in a debug build).
//! - **128** levels of nesting in a type expression (`Option<[(u8,)]>` is 3 deep); the
//!   writer declares deeper parts with `type`, and an expression has at most 256 parts.
//! - Comparing a stored description with the current one stops after a million pairs of
//!   types or a mebibyte of report, ending the report with
//!   [`ChangeKind::Truncated`](crate::diff::ChangeKind::Truncated). Under a policy, each
//!   stored version compared has the same budgets, and a comparison that reaches them
//!   ends with [`compat::ChangeKind::Truncated`](crate::compat::ChangeKind::Truncated),
//!   which breaks every policy. Earlier versions are sections like any other, parsed with
//!   the same limits; none of these walks recurses on the depth of the file.

mod build;
mod check;
mod decl;
mod error;
mod outcome;
mod parse;
mod render;
mod token;

use std::borrow::{Cow, ToOwned};
use std::collections::BTreeSet;

use crate::{Description, Fingerprint, TypeFingerprint};

pub use check::{Check, check, check_with, check_with_policy};
pub use error::{ChangedType, Comparison, LockError, Mismatch};
pub use outcome::Outcome;
pub use parse::Lockfile;
pub use render::render;

/// The conventional file name, `fingerprints.lock`.
///
/// ```
/// assert_eq!(objfp::lock::DEFAULT_PATH, "fingerprints.lock");
/// ```
pub const DEFAULT_PATH: &str = "fingerprints.lock";

/// The format version this crate writes (`version = 2`); it also reads version 1, which
/// objfp 0.1 wrote.
///
/// ```
/// assert_eq!(objfp::lock::VERSION, 2);
/// ```
pub const VERSION: u32 = 2;

/// The encoding this crate's fingerprints are computed with, as a lockfile records it
/// (`encoding = objfp/2`): [`crate::encoding::MAGIC`] as text.
///
/// ```
/// assert_eq!(objfp::lock::ENCODING, "objfp/2");
/// assert_eq!(objfp::lock::ENCODING.as_bytes(), objfp::encoding::MAGIC);
/// ```
pub const ENCODING: &str = match core::str::from_utf8(crate::encoding::MAGIC) {
    Ok(s) => s,
    Err(_) => panic!("the encoding's magic is ASCII"),
};

/// The environment variable that makes [`check`] rewrite the lockfile: `OBJFP_UPDATE=1`.
///
/// ```
/// assert_eq!(objfp::lock::UPDATE_VAR, "OBJFP_UPDATE");
/// ```
pub const UPDATE_VAR: &str = "OBJFP_UPDATE";

/// One root type to lock: a name and the type's description.
///
/// ```
/// use objfp::TypeFingerprint;
///
/// #[derive(TypeFingerprint)]
/// struct Order { id: u64 }
///
/// let e = objfp::lock::entry::<Order>("Order");
/// assert_eq!(e.name(), "Order");
/// assert_eq!(e.fingerprint(), Order::FINGERPRINT);
/// ```
#[derive(Clone, Debug)]
pub struct Entry {
    name: Cow<'static, str>,
    description: &'static Description,
}

impl Entry {
    /// An entry for a description, under a name.
    ///
    /// ```
    /// use objfp::TypeFingerprint;
    /// let e = objfp::lock::Entry::new("ids", <Vec<u64>>::DESCRIPTION);
    /// assert_eq!(e.description().name, "Vec");
    /// ```
    pub fn new(name: impl Into<Cow<'static, str>>, description: &'static Description) -> Self {
        Entry {
            name: name.into(),
            description,
        }
    }

    /// The name the type is listed under.
    ///
    /// ```
    /// assert_eq!(objfp::lock::entry::<u8>("byte").name(), "byte");
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The type's description.
    ///
    /// ```
    /// assert_eq!(objfp::lock::entry::<u8>("byte").description().name, "u8");
    /// ```
    pub fn description(&self) -> &'static Description {
        self.description
    }

    /// The type's current fingerprint.
    ///
    /// ```
    /// use objfp::TypeFingerprint;
    /// assert_eq!(objfp::lock::entry::<u8>("byte").fingerprint(), u8::FINGERPRINT);
    /// ```
    pub fn fingerprint(&self) -> Fingerprint {
        self.description.fingerprint
    }
}

/// An [`Entry`] for `T` under `name`.
///
/// ```
/// #[derive(objfp::TypeFingerprint)]
/// struct Order { id: u64 }
///
/// let entries = [objfp::lock::entry::<Order>("Order"), objfp::lock::entry::<Vec<Order>>("Orders")];
/// assert_eq!(entries[1].name(), "Orders");
/// ```
pub fn entry<T: TypeFingerprint + ?Sized>(name: impl Into<Cow<'static, str>>) -> Entry {
    Entry::new(name, T::DESCRIPTION)
}

/// An entry for every type registered with [`register!`](crate::register) anywhere in
/// the program (feature `registry`), under its registered name, sorted by name: a check
/// of these covers every wire type, so a new one cannot be left out of the lockfile (it
/// fails as *added* until an update records it). A type registered twice under one name
/// is listed once; two types under one name are an error when checked
/// ([`LockError::InvalidEntry`]).
///
/// ```
/// #[derive(objfp::TypeFingerprint)]
/// struct Heartbeat { at: u64 }
/// objfp::register!(Heartbeat, "Heartbeat");
///
/// let entries = objfp::lock::registered();
/// assert!(entries.iter().any(|e| e.name() == "Heartbeat"));
/// # let dir = std::env::temp_dir().join(format!("objfp-doc-registered-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir).unwrap();
/// # let lockfile = dir.join("fingerprints.lock");
/// # objfp::lock::check_with(&lockfile, &entries, objfp::lock::Mode::Update).unwrap();
/// // In a test, every registered wire type under one policy:
/// let policy = objfp::compat::Policy::backward(objfp::compat::Format::Json);
/// objfp::lock::check_with_policy(&lockfile, &objfp::lock::registered(), policy).unwrap();
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[cfg(feature = "registry")]
pub fn registered() -> std::vec::Vec<Entry> {
    let mut entries: std::vec::Vec<Entry> = inventory::iter::<crate::Registration>
        .into_iter()
        .map(|r| Entry::new(r.name(), r.description()))
        .collect();
    entries.sort_by(|a, b| {
        (a.name(), a.fingerprint().as_bytes()).cmp(&(b.name(), b.fingerprint().as_bytes()))
    });
    entries.dedup_by(|a, b| a.name() == b.name() && a.fingerprint() == b.fingerprint());
    entries
}

/// An array of [`lock::Entry`](crate::lock::Entry) values, one per type, each named by
/// the type as written (`stringify!`).
///
/// ```
/// #[derive(objfp::TypeFingerprint)]
/// struct Order { id: u64 }
/// mod v2 {
///     #[derive(objfp::TypeFingerprint)]
///     pub struct Order { pub id: u64 }
/// }
///
/// let entries = objfp::lock_entries![Order, v2::Order, Vec<Order>];
/// let names: Vec<&str> = entries.iter().map(|e| e.name()).collect();
/// assert_eq!(names, ["Order", "v2::Order", "Vec<Order>"]);
/// ```
#[macro_export]
macro_rules! lock_entries {
    ($($ty:ty),* $(,)?) => {
        [$($crate::lock::entry::<$ty>(::core::stringify!($ty))),*]
    };
}

/// What [`check_with`] does.
///
/// ```
/// use objfp::lock::Mode;
/// assert_eq!(Mode::parse(Some("1")), Mode::Update);
/// assert_eq!(Mode::parse(Some("true")), Mode::Update);
/// assert_eq!(Mode::parse(Some("0")), Mode::Verify);
/// assert_eq!(Mode::parse(None), Mode::Verify);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Compare with the file; never write it.
    Verify,
    /// Write the file from the entries (when its content differs).
    Update,
}

impl Mode {
    /// [`Mode::Update`] when `OBJFP_UPDATE` is `1` or `true` (any case), else
    /// [`Mode::Verify`].
    ///
    /// ```
    /// let mode = objfp::lock::Mode::from_env();
    /// assert_eq!(
    ///     mode == objfp::lock::Mode::Update,
    ///     matches!(std::env::var("OBJFP_UPDATE").as_deref(), Ok("1") | Ok("true") | Ok("TRUE") | Ok("True")),
    /// );
    /// ```
    pub fn from_env() -> Mode {
        Mode::parse(std::env::var(UPDATE_VAR).ok().as_deref())
    }

    /// The mode an `OBJFP_UPDATE` value selects: `1` or `true` (any case) update.
    ///
    /// ```
    /// assert_eq!(objfp::lock::Mode::parse(Some("TRUE")), objfp::lock::Mode::Update);
    /// ```
    pub fn parse(value: Option<&str>) -> Mode {
        match value.map(str::trim) {
            Some(v) if v == "1" || v.eq_ignore_ascii_case("true") => Mode::Update,
            _ => Mode::Verify,
        }
    }
}

pub(super) fn validate(entries: &[Entry]) -> Result<(), LockError> {
    let mut seen = BTreeSet::new();
    for e in entries {
        let name = e.name();
        let reason = if name.is_empty() {
            Some("the name is empty")
        } else if name.trim() != name {
            Some("the name starts or ends with whitespace")
        } else if name.chars().any(char::is_control) {
            Some("the name contains a control character")
        } else if parse::split_version(name).is_some() {
            Some(
                "the name ends in `@` and a number, which the lockfile uses for earlier versions of a type",
            )
        } else if !seen.insert(name) {
            Some("the name is listed twice")
        } else {
            None
        };
        if let Some(reason) = reason {
            return Err(LockError::InvalidEntry {
                name: name.to_owned(),
                reason: reason.to_owned(),
            });
        }
    }
    Ok(())
}
