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
//!   changed Event: 5c33e36cc4c7 -> f1256338a042
//!     Event::Created.meta: field added (#[serde(flatten)] Meta)
//!     Event::Archived: variant added
//!     Event: variant indices changed: Deleted 1 -> 2
//!   changed Order: ee9182f56c75 -> 0f466658960c
//!     Order.items[].price: type changed u32 -> u64
//!     Order.note: field added (#[serde(default, skip_serializing_if)] Option<string>)
//!   added Refund: f9a26d20edbd (not in the lockfile)
//!   removed Legacy: 128d0fbcdb5c (no longer listed)
//! If these wire changes are intended, rerun with OBJFP_UPDATE=1 to rewrite the lockfile, and commit it.
//! ```
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
//! leaves an up-to-date file untouched. Since environment variables are global to the test
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
//! version = 1
//!
//! [Event]
//! fingerprint = 5c33e36cc4c7d2209cd4c5317bd745a0aee082c67d6163f7f8154e012e2a599f
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
//! fingerprint = 128d0fbcdb5c4dbc100a6ec87462e41e9027bf738e0becb94a9f0e3e0119e616
//! struct Legacy {
//!     payload: [u8],
//! }
//!
//! [Order]
//! fingerprint = ee9182f56c758797e8ad5f87d383601b06fee48eeec07684bcc26050549c4980
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
//! - `version = 1` comes first. Lines starting with `#` and a space are comments.
//! - `[Name]` starts a section; `Name` is the name given to [`entry`] (with
//!   [`lock_entries!`](crate::lock_entries), the type as written). `fingerprint = ` follows with 64 hex digits.
//! - The declarations spell the canonical form (`SPEC.md`), not the Rust source: names are
//!   wire names (after serde's renames), `#[serde(..)]` lists the wire-relevant attributes
//!   in objfp's canonical notation, and `#[repr(..)]` an enum's integer repr. Type
//!   expressions are primitives by serde name (`u32`, `string`, `bytes`, `unit`),
//!   `Option<T>`, `[T]` for every sequence (`Vec`, `VecDeque`, `HashSet`, ...),
//!   `Map<K, V>` for every map, `[T; N]`, tuples `(A, B)` and `(A,)`, and the names of
//!   declared types. Payloads follow serde's styles: `Name { a: T }`, the newtype
//!   `Name(T)`, the tuple `Name(A, B)` (one field on the wire: `Name(A,)`), and `Name`;
//!   a variant's explicit discriminant follows it (`A = 1`).
//! - Besides `struct` and `enum`, a section may declare `opaque Name = "shape-name"`,
//!   `readable Name { human: T, compact: U }` (addresses) and
//!   `proxy Name { serialize: T, deserialize: own, own: U }` (`#[serde(into, from)]`).
//!   A section whose type is not itself declared (say, `Vec<Order>`) starts with
//!   `type = [Order]`.
//! - Each type is declared once per section, so recursive types are finite. Two distinct
//!   types with the same name get `Name#2`, `Name#3`; a name that is not an identifier is
//!   quoted.
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
//! mismatch. The file is strict otherwise: a malformed or hand-edited file is a
//! [`LockError::Parse`] naming the line and what was expected, never a panic.

use std::borrow::{Cow, ToOwned};
use std::boxed::Box;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt;
use std::format;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::string::{String, ToString};
use std::vec::Vec;

use crate::diff::{
    Attrs, Change, Engine, Graph, Id, Node, NodeEnum, NodeField, NodeShape, NodeStruct,
    NodeVariant, attr_text, is_bare, name_token, quoted,
};
use crate::{Description, Fingerprint, Primitive, StructKind, TypeFingerprint};

/// The conventional file name, `fingerprints.lock`.
///
/// ```
/// assert_eq!(objfp::lock::DEFAULT_PATH, "fingerprints.lock");
/// ```
pub const DEFAULT_PATH: &str = "fingerprints.lock";

/// The format version this crate reads and writes (`version = 1`).
///
/// ```
/// assert_eq!(objfp::lock::VERSION, 1);
/// ```
pub const VERSION: u32 = 1;

/// The environment variable that makes [`check`] rewrite the lockfile: `OBJFP_UPDATE=1`.
///
/// ```
/// assert_eq!(objfp::lock::UPDATE_VAR, "OBJFP_UPDATE");
/// ```
pub const UPDATE_VAR: &str = "OBJFP_UPDATE";

const HEADER: &str = "# objfp lockfile: the serialized shape and fingerprint of each listed wire type.\n\
# Checked by objfp::lock::check; regenerate with OBJFP_UPDATE=1 cargo test.\n";

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

/// Checks the lockfile at `path` against `entries`, or rewrites it when `OBJFP_UPDATE=1`
/// (see [`Mode::from_env`]). Equivalent to `check_with(path, entries, Mode::from_env())`.
///
/// ```
/// #[derive(objfp::TypeFingerprint)]
/// struct Ping { seq: u32 }
///
/// let dir = std::env::temp_dir().join(format!("objfp-doc-check-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let path = dir.join("fingerprints.lock");
/// let _ = std::fs::remove_file(&path);
///
/// match objfp::lock::check(&path, &objfp::lock_entries![Ping]) {
///     // A normal run: the file does not exist yet.
///     Err(err) => assert!(err.to_string().contains("OBJFP_UPDATE=1")),
///     // Run with OBJFP_UPDATE=1: the file was written.
///     Ok(()) => assert!(path.exists()),
/// }
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn check(path: impl AsRef<Path>, entries: &[Entry]) -> Result<(), LockError> {
    check_with(path, entries, Mode::from_env())
}

/// Checks the lockfile at `path` against `entries` ([`Mode::Verify`]: reads only), or
/// writes it from `entries` ([`Mode::Update`]).
///
/// In verify mode the result is an error when the file is missing ([`LockError::Missing`]),
/// unreadable, malformed ([`LockError::Parse`]), or out of date ([`LockError::Mismatch`],
/// listing changed, added and removed types).
///
/// ```
/// use objfp::lock::{check_with, LockError, Mode};
///
/// mod v1 {
///     #[derive(objfp::TypeFingerprint)]
///     pub struct Order { pub id: u32 }
/// }
/// mod v2 {
///     #[derive(objfp::TypeFingerprint)]
///     pub struct Order { pub id: u64 }
/// }
///
/// let dir = std::env::temp_dir().join(format!("objfp-doc-check-with-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let path = dir.join("fingerprints.lock");
///
/// check_with(&path, &[objfp::lock::entry::<v1::Order>("Order")], Mode::Update).unwrap();
/// check_with(&path, &[objfp::lock::entry::<v1::Order>("Order")], Mode::Verify).unwrap();
///
/// let err = check_with(&path, &[objfp::lock::entry::<v2::Order>("Order")], Mode::Verify)
///     .unwrap_err();
/// assert!(matches!(err, LockError::Mismatch(_)));
/// assert!(err.to_string().contains("Order.id: type changed u32 -> u64"));
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn check_with(path: impl AsRef<Path>, entries: &[Entry], mode: Mode) -> Result<(), LockError> {
    let path = path.as_ref();
    validate(entries)?;
    match mode {
        Mode::Update => {
            let text = render(entries)?;
            let current = fs::read(path).ok();
            if current.as_deref() != Some(text.as_bytes()) {
                fs::write(path, text).map_err(|source| LockError::Io {
                    path: path.to_owned(),
                    source,
                })?;
                std::eprintln!("objfp: wrote {}", path.display());
            }
            Ok(())
        }
        Mode::Verify => {
            let lockfile = Lockfile::read(path)?;
            verify(path, &lockfile, entries)
        }
    }
}

/// The lockfile text for `entries`: what [`Mode::Update`] writes.
///
/// ```
/// #[derive(objfp::TypeFingerprint)]
/// struct Point { x: i32, y: i32 }
///
/// let text = objfp::lock::render(&objfp::lock_entries![Point]).unwrap();
/// assert!(text.contains("version = 1\n\n[Point]\nfingerprint = 9500023baa075734"));
/// assert!(text.ends_with("struct Point {\n    x: i32,\n    y: i32,\n}\n"));
/// ```
pub fn render(entries: &[Entry]) -> Result<String, LockError> {
    validate(entries)?;
    let mut sorted: Vec<&Entry> = entries.iter().collect();
    sorted.sort_by(|a, b| a.name().cmp(b.name()));
    let mut out = String::from(HEADER);
    out.push_str(&format!("version = {VERSION}\n"));
    for e in sorted {
        out.push('\n');
        let (graph, root) = Graph::from_description(e.description);
        write_section(&mut out, e.name(), e.fingerprint(), &graph, root);
    }
    Ok(out)
}

fn validate(entries: &[Entry]) -> Result<(), LockError> {
    let mut seen = BTreeSet::new();
    for e in entries {
        let name = e.name();
        let reason = if name.is_empty() {
            Some("the name is empty")
        } else if name.trim() != name {
            Some("the name starts or ends with whitespace")
        } else if name.chars().any(char::is_control) {
            Some("the name contains a control character")
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

fn verify(path: &Path, lockfile: &Lockfile, entries: &[Entry]) -> Result<(), LockError> {
    let mut sorted: Vec<&Entry> = entries.iter().collect();
    sorted.sort_by(|a, b| a.name().cmp(b.name()));
    let mut mismatch = Mismatch {
        path: path.to_owned(),
        changed: Vec::new(),
        added: Vec::new(),
        removed: Vec::new(),
    };
    for e in sorted {
        match lockfile.section(e.name()) {
            None => mismatch.added.push((e.name().to_owned(), e.fingerprint())),
            Some(s) if s.fingerprint == e.fingerprint() => {}
            Some(s) => mismatch.changed.push(ChangedType {
                name: e.name().to_owned(),
                old: s.fingerprint,
                new: e.fingerprint(),
                changes: compare(s, e),
            }),
        }
    }
    for s in &lockfile.sections {
        if !entries.iter().any(|e| e.name() == s.name) {
            mismatch.removed.push((s.name.clone(), s.fingerprint));
        }
    }
    if mismatch.changed.is_empty() && mismatch.added.is_empty() && mismatch.removed.is_empty() {
        Ok(())
    } else {
        Err(LockError::Mismatch(mismatch))
    }
}

/// The structural changes from a stored section to the current description.
fn compare(stored: &Section, entry: &Entry) -> Vec<Change> {
    let (current, root) = Graph::from_description(entry.description);
    let current_labels = layout(&current, root).1;
    let stored_labels: BTreeMap<Id, String> = stored
        .graph
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| is_declared(&n.shape))
        .map(|(id, n)| (id, n.name.clone()))
        .collect();
    let render_old = |id: Id| expr(&stored.graph, &stored_labels, id, 0);
    let render_new = |id: Id| expr(&current, &current_labels, id, 0);
    let mut engine = Engine::new(&stored.graph, &current, &render_old, &render_new);
    engine.node(entry.name(), stored.root, root);
    engine.out
}

// ---------------------------------------------------------------------------------------
// Writing.

const RESERVED: &[&str] = &["Option", "Map", "own"];

const PRIMITIVES: [Primitive; 17] = [
    Primitive::Bool,
    Primitive::I8,
    Primitive::I16,
    Primitive::I32,
    Primitive::I64,
    Primitive::I128,
    Primitive::U8,
    Primitive::U16,
    Primitive::U32,
    Primitive::U64,
    Primitive::U128,
    Primitive::F32,
    Primitive::F64,
    Primitive::Char,
    Primitive::String,
    Primitive::Bytes,
    Primitive::Unit,
];

fn primitive_named(name: &str) -> Option<Primitive> {
    PRIMITIVES.iter().copied().find(|p| p.name() == name)
}

/// Type expressions deeper than this are cut off (only a hand-written description whose
/// sequence contains itself could get there).
const MAX_EXPR_DEPTH: usize = 64;

/// Declared kinds have a name and a declaration of their own in a lockfile; the others
/// are written as type expressions.
fn is_declared(shape: &NodeShape) -> bool {
    matches!(
        shape,
        NodeShape::Struct(_)
            | NodeShape::Enum(_)
            | NodeShape::Opaque(_)
            | NodeShape::Named(..)
            | NodeShape::Readable { .. }
            | NodeShape::Proxy { .. }
    )
}

/// The nodes a node references, in the order its rendering mentions them.
fn children(shape: &NodeShape) -> Vec<Id> {
    match shape {
        NodeShape::Primitive(_) | NodeShape::Opaque(_) => Vec::new(),
        NodeShape::Option(x)
        | NodeShape::Seq(x)
        | NodeShape::Array(_, x)
        | NodeShape::Named(_, x) => [*x].into(),
        NodeShape::Map(k, v) => [*k, *v].into(),
        NodeShape::Tuple(xs) => xs.clone(),
        NodeShape::Struct(s) => s.fields.iter().map(|f| f.ty).collect(),
        NodeShape::Enum(e) => e
            .variants
            .iter()
            .flat_map(|v| v.fields.iter().map(|f| f.ty))
            .collect(),
        NodeShape::Readable { human, compact } => [*human, *compact].into(),
        NodeShape::Proxy {
            serialize,
            deserialize,
            own,
        } => serialize
            .iter()
            .chain(deserialize)
            .copied()
            .chain([*own])
            .collect(),
    }
}

/// The declared nodes reachable from `root` in the order they are written (breadth first,
/// in order of first mention), and a unique label for each.
fn layout(graph: &Graph<'_>, root: Id) -> (Vec<Id>, BTreeMap<Id, String>) {
    fn mentions(graph: &Graph<'_>, id: Id, depth: usize, out: &mut Vec<Id>) {
        if is_declared(&graph.nodes[id].shape) {
            out.push(id);
        } else if depth < MAX_EXPR_DEPTH {
            for child in children(&graph.nodes[id].shape) {
                mentions(graph, child, depth + 1, out);
            }
        }
    }
    let mut order = Vec::new();
    let mut queued = BTreeSet::new();
    let mut queue = VecDeque::new();
    let mut first = Vec::new();
    mentions(graph, root, 0, &mut first);
    for id in first {
        if queued.insert(id) {
            queue.push_back(id);
        }
    }
    while let Some(id) = queue.pop_front() {
        order.push(id);
        let mut next = Vec::new();
        for child in children(&graph.nodes[id].shape) {
            mentions(graph, child, 0, &mut next);
        }
        for child in next {
            if queued.insert(child) {
                queue.push_back(child);
            }
        }
    }
    let mut taken: BTreeSet<String> = RESERVED.iter().map(|s| (*s).to_owned()).collect();
    taken.extend(PRIMITIVES.iter().map(|p| p.name().to_owned()));
    let mut labels = BTreeMap::new();
    for &id in &order {
        let base = match graph.nodes[id].name.as_str() {
            "" => "_",
            name => name,
        };
        let mut label = base.to_owned();
        let mut k = 2;
        while taken.contains(&label) {
            label = format!("{base}#{k}");
            k += 1;
        }
        taken.insert(label.clone());
        labels.insert(id, label);
    }
    (order, labels)
}

/// A label as a token: bare when it is an identifier with an optional `#n` suffix.
fn label_token(label: &str) -> String {
    let bare = match label.rsplit_once('#') {
        Some((base, n)) => is_bare(base) && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()),
        None => is_bare(label),
    };
    if bare {
        label.to_owned()
    } else {
        let mut out = String::new();
        let _ = quoted(&mut out, label);
        out
    }
}

/// A node as a type expression in the lockfile's notation.
fn expr(graph: &Graph<'_>, labels: &BTreeMap<Id, String>, id: Id, depth: usize) -> String {
    if let Some(label) = labels.get(&id) {
        return label_token(label);
    }
    if depth > MAX_EXPR_DEPTH {
        return "…".to_owned();
    }
    let sub = |id: Id| expr(graph, labels, id, depth + 1);
    match &graph.nodes[id].shape {
        NodeShape::Primitive(p) => p.name().to_owned(),
        NodeShape::Option(x) => format!("Option<{}>", sub(*x)),
        NodeShape::Seq(x) => format!("[{}]", sub(*x)),
        NodeShape::Map(k, v) => format!("Map<{}, {}>", sub(*k), sub(*v)),
        NodeShape::Array(n, x) => format!("[{}; {n}]", sub(*x)),
        NodeShape::Tuple(xs) => {
            let items: Vec<String> = xs.iter().map(|x| sub(*x)).collect();
            if items.len() == 1 {
                format!("({},)", items[0])
            } else {
                format!("({})", items.join(", "))
            }
        }
        // Declared nodes always have a label; this is only reached for a node outside
        // the section's layout.
        _ => label_token(&graph.nodes[id].name),
    }
}

fn write_section(out: &mut String, name: &str, fp: Fingerprint, graph: &Graph<'_>, root: Id) {
    let (order, labels) = layout(graph, root);
    out.push_str(&format!("[{name}]\nfingerprint = {fp}\n"));
    if !is_declared(&graph.nodes[root].shape) {
        out.push_str(&format!("type = {}\n", expr(graph, &labels, root, 0)));
    }
    for (i, &id) in order.iter().enumerate() {
        if i > 0 || !is_declared(&graph.nodes[root].shape) {
            out.push('\n');
        }
        write_decl(out, graph, &labels, id);
    }
}

fn attr_line(out: &mut String, indent: &str, attrs: &Attrs) {
    if attrs.is_empty() {
        return;
    }
    let items: Vec<String> = attrs.iter().map(|(k, v)| attr_text(k, v)).collect();
    out.push_str(&format!("{indent}#[serde({})]\n", items.join(", ")));
}

/// Writes a struct's or variant's fields and then `after`. A newtype's one field is
/// written `(T)`, a tuple's fields `(A, B)`, and a tuple of one field `(T,)`, as in
/// tuple types; fields with attributes go one per line.
fn write_fields(
    out: &mut String,
    indent: &str,
    kind: StructKind,
    fields: &[NodeField],
    ty: &dyn Fn(Id) -> String,
    after: &str,
) {
    let inline = fields.iter().all(|f| f.attrs.is_empty());
    match kind {
        StructKind::Unit => out.push_str(after),
        StructKind::Named if fields.is_empty() => out.push_str(&format!(" {{}}{after}")),
        StructKind::Newtype | StructKind::Tuple if inline => {
            let items: Vec<String> = fields.iter().map(|f| ty(f.ty)).collect();
            let comma = if kind == StructKind::Tuple && items.len() == 1 {
                ","
            } else {
                ""
            };
            out.push_str(&format!("({}{comma}){after}", items.join(", ")));
        }
        StructKind::Newtype | StructKind::Tuple | StructKind::Named => {
            let (open, close) = if kind == StructKind::Named {
                (" {", "}")
            } else {
                ("(", ")")
            };
            out.push_str(open);
            out.push('\n');
            let inner = format!("{indent}    ");
            // A newtype's field has no comma after it: `(T)`, not the tuple `(T,)`.
            let comma = if kind == StructKind::Newtype { "" } else { "," };
            for f in fields {
                attr_line(out, &inner, &f.attrs);
                if kind == StructKind::Named {
                    out.push_str(&format!("{inner}{}: {},\n", name_token(&f.name), ty(f.ty)));
                } else {
                    out.push_str(&format!("{inner}{}{comma}\n", ty(f.ty)));
                }
            }
            out.push_str(&format!("{indent}{close}{after}"));
        }
    }
}

fn write_decl(out: &mut String, graph: &Graph<'_>, labels: &BTreeMap<Id, String>, id: Id) {
    let label = label_token(&labels[&id]);
    let ty = |t: Id| expr(graph, labels, t, 0);
    match &graph.nodes[id].shape {
        NodeShape::Struct(s) => {
            attr_line(out, "", &s.attrs);
            out.push_str(&format!("struct {label}"));
            let after = if s.kind == StructKind::Named {
                "\n"
            } else {
                ";\n"
            };
            write_fields(out, "", s.kind, &s.fields, &ty, after);
        }
        NodeShape::Enum(e) => {
            if !e.repr.is_empty() {
                out.push_str(&format!("#[repr({})]\n", e.repr));
            }
            attr_line(out, "", &e.attrs);
            out.push_str(&format!("enum {label} {{\n"));
            for v in &e.variants {
                attr_line(out, "    ", &v.attrs);
                out.push_str(&format!("    {}", name_token(&v.name)));
                let after = match v.discriminant {
                    Some(d) => format!(" = {d},\n"),
                    None => ",\n".to_owned(),
                };
                write_fields(out, "    ", v.kind, &v.fields, &ty, &after);
            }
            out.push_str("}\n");
        }
        NodeShape::Opaque(name) => {
            let mut value = String::new();
            let _ = quoted(&mut value, name);
            out.push_str(&format!("opaque {label} = {value}\n"));
        }
        NodeShape::Named(name, inner) => {
            let mut value = String::new();
            let _ = quoted(&mut value, name);
            out.push_str(&format!("named {label} = {value} {}\n", ty(*inner)));
        }
        NodeShape::Readable { human, compact } => {
            out.push_str(&format!(
                "readable {label} {{\n    human: {},\n    compact: {},\n}}\n",
                ty(*human),
                ty(*compact)
            ));
        }
        NodeShape::Proxy {
            serialize,
            deserialize,
            own,
        } => {
            let side = |s: &Option<Id>| s.map_or_else(|| "own".to_owned(), ty);
            out.push_str(&format!(
                "proxy {label} {{\n    serialize: {},\n    deserialize: {},\n    own: {},\n}}\n",
                side(serialize),
                side(deserialize),
                ty(*own)
            ));
        }
        // Not declared kinds: never in the layout.
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------
// Reading.

/// A parsed lockfile: per listed type, its stored fingerprint and description.
///
/// ```
/// #[derive(objfp::TypeFingerprint)]
/// struct Ping { seq: u32 }
///
/// let text = objfp::lock::render(&objfp::lock_entries![Ping]).unwrap();
/// let lockfile = objfp::lock::Lockfile::parse(&text).unwrap();
/// use objfp::TypeFingerprint;
/// assert_eq!(lockfile.fingerprint("Ping"), Some(Ping::FINGERPRINT));
/// assert_eq!(lockfile.iter().count(), 1);
/// ```
#[derive(Debug)]
pub struct Lockfile {
    sections: Vec<Section>,
}

#[derive(Debug)]
struct Section {
    name: String,
    fingerprint: Fingerprint,
    graph: Graph<'static>,
    root: Id,
}

impl Lockfile {
    /// Reads and parses the file at `path`.
    ///
    /// ```
    /// use objfp::lock::{LockError, Lockfile};
    /// let err = Lockfile::read("/nonexistent/fingerprints.lock").unwrap_err();
    /// assert!(matches!(err, LockError::Missing { .. }));
    /// ```
    pub fn read(path: impl AsRef<Path>) -> Result<Lockfile, LockError> {
        let path = path.as_ref();
        let bytes = match fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(LockError::Missing {
                    path: path.to_owned(),
                });
            }
            Err(source) => {
                return Err(LockError::Io {
                    path: path.to_owned(),
                    source,
                });
            }
        };
        let text = std::str::from_utf8(&bytes).map_err(|e| {
            let line = 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            LockError::Parse {
                path: path.to_owned(),
                line,
                message: "the lockfile is not valid UTF-8".to_owned(),
            }
        })?;
        parse(text).map_err(|(line, message)| LockError::Parse {
            path: path.to_owned(),
            line,
            message,
        })
    }

    /// Parses lockfile text. Errors are [`LockError::Parse`] with an empty `path`.
    ///
    /// ```
    /// use objfp::lock::{LockError, Lockfile};
    /// let err = Lockfile::parse("version = 1\n\n[Order]\nfingerprint = xyz\n").unwrap_err();
    /// assert!(matches!(err, LockError::Parse { line: 4, .. }));
    /// ```
    pub fn parse(text: &str) -> Result<Lockfile, LockError> {
        parse(text).map_err(|(line, message)| LockError::Parse {
            path: PathBuf::new(),
            line,
            message,
        })
    }

    /// The stored fingerprint of the type listed as `name`.
    ///
    /// ```
    /// let lockfile = objfp::lock::Lockfile::parse("version = 1\n").unwrap();
    /// assert_eq!(lockfile.fingerprint("Order"), None);
    /// ```
    pub fn fingerprint(&self, name: &str) -> Option<Fingerprint> {
        self.section(name).map(|s| s.fingerprint)
    }

    /// The listed types and their stored fingerprints, in file order (sorted by name when
    /// the file was written by objfp).
    ///
    /// ```
    /// let lockfile = objfp::lock::Lockfile::parse("version = 1\n").unwrap();
    /// assert!(lockfile.iter().next().is_none());
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&str, Fingerprint)> + '_ {
        self.sections
            .iter()
            .map(|s| (s.name.as_str(), s.fingerprint))
    }

    fn section(&self, name: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.name == name)
    }
}

type ParseResult<T> = Result<T, (usize, String)>;

/// Whether a line is blank or a comment (`#` not followed by `[`).
fn is_skippable(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || (t.starts_with('#') && !t.starts_with("#["))
}

fn key_value<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let (k, v) = line.split_once('=')?;
    (k.trim() == key).then(|| v.trim())
}

fn shorten(line: &str) -> String {
    let t = line.trim();
    if t.chars().count() > 40 {
        let s: String = t.chars().take(40).collect();
        format!("`{s}…`")
    } else {
        format!("`{t}`")
    }
}

fn parse(text: &str) -> ParseResult<Lockfile> {
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    let next_content = |i: &mut usize| {
        while *i < lines.len() && is_skippable(lines[*i]) {
            *i += 1;
        }
    };
    next_content(&mut i);
    let Some(first) = lines.get(i) else {
        return Err((
            lines.len().max(1),
            format!("expected `version = {VERSION}`, found the end of the file"),
        ));
    };
    match key_value(first, "version") {
        Some(v) if v == VERSION.to_string() => {}
        Some(v) => {
            return Err((
                i + 1,
                format!("unsupported lockfile version `{v}`: this objfp reads version {VERSION}"),
            ));
        }
        None => {
            return Err((
                i + 1,
                format!(
                    "expected `version = {VERSION}` before anything else, found {}",
                    shorten(first)
                ),
            ));
        }
    }
    i += 1;
    let mut sections: Vec<Section> = Vec::new();
    let mut first_line: BTreeMap<String, usize> = BTreeMap::new();
    loop {
        next_content(&mut i);
        let Some(line) = lines.get(i) else { break };
        let header_line = i + 1;
        let t = line.trim_end();
        let name = match t.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            Some(name) if !name.trim().is_empty() && !line.starts_with(' ') => name.trim(),
            _ => {
                return Err((
                    header_line,
                    format!(
                        "expected a type header like `[Order]`, found {}",
                        shorten(line)
                    ),
                ));
            }
        };
        if let Some(first) = first_line.get(name) {
            return Err((
                header_line,
                format!("duplicate type `{name}`: it is already listed at line {first}"),
            ));
        }
        first_line.insert(name.to_owned(), header_line);
        i += 1;
        next_content(&mut i);
        let fp_line = i + 1;
        let fingerprint = match lines.get(i).and_then(|l| key_value(l, "fingerprint")) {
            Some(hex) => hex
                .parse::<Fingerprint>()
                .map_err(|e| (fp_line, format!("bad fingerprint for `{name}`: {e}")))?,
            None => {
                let found = lines
                    .get(i)
                    .map_or("the end of the file".to_owned(), |l| shorten(l));
                return Err((
                    fp_line.min(lines.len().max(1)),
                    format!(
                        "expected `fingerprint = <64 hex digits>` after `[{name}]`, found {found}"
                    ),
                ));
            }
        };
        i += 1;
        // The body runs to the next header (a line starting with `[`).
        let start = i;
        while i < lines.len() && !lines[i].starts_with('[') {
            i += 1;
        }
        let tokens = tokenize(&lines[start..i], start + 1)?;
        // "Unexpected end" points at the section's last line with content.
        let end_line = tokens.last().map_or(fp_line, |t| t.line);
        let (graph, root) = Body {
            toks: &tokens,
            pos: 0,
            end_line,
            fp_line,
        }
        .parse(name)?;
        sections.push(Section {
            name: name.to_owned(),
            fingerprint,
            graph,
            root,
        });
    }
    Ok(Lockfile { sections })
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Int(i128),
    Punct(char),
}

impl fmt::Display for Tok {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tok::Ident(s) => write!(f, "`{s}`"),
            Tok::Str(s) => {
                f.write_str("`")?;
                quoted(f, s)?;
                f.write_str("`")
            }
            Tok::Int(n) => write!(f, "`{n}`"),
            Tok::Punct(c) => write!(f, "`{c}`"),
        }
    }
}

struct Token {
    tok: Tok,
    line: usize,
}

fn tokenize(lines: &[&str], first_line: usize) -> ParseResult<Vec<Token>> {
    let mut out = Vec::new();
    for (k, line) in lines.iter().enumerate() {
        let n = first_line + k;
        if is_skippable(line) {
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c.is_whitespace() {
                i += 1;
            } else if c.is_ascii_alphabetic() || c == '_' {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_ascii_alphanumeric() || chars[i] == '_' || chars[i] == '-')
                {
                    i += 1;
                }
                // A `#2` suffix of a label.
                if i + 1 < chars.len() && chars[i] == '#' && chars[i + 1].is_ascii_digit() {
                    i += 1;
                    while i < chars.len() && chars[i].is_ascii_digit() {
                        i += 1;
                    }
                }
                out.push(Token {
                    tok: Tok::Ident(chars[start..i].iter().collect()),
                    line: n,
                });
            } else if c.is_ascii_digit()
                || (c == '-' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()))
            {
                let start = i;
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                let s: String = chars[start..i].iter().collect();
                let value = s
                    .parse::<i128>()
                    .map_err(|_| (n, format!("number `{s}` is out of range")))?;
                out.push(Token {
                    tok: Tok::Int(value),
                    line: n,
                });
            } else if c == '"' {
                i += 1;
                let mut s = String::new();
                loop {
                    let Some(&c) = chars.get(i) else {
                        return Err((n, "unterminated string: expected a closing `\"`".to_owned()));
                    };
                    i += 1;
                    match c {
                        '"' => break,
                        '\\' => {
                            let e = chars.get(i).copied();
                            i += 1;
                            match e {
                                Some('"') => s.push('"'),
                                Some('\\') => s.push('\\'),
                                Some('n') => s.push('\n'),
                                Some('t') => s.push('\t'),
                                Some('r') => s.push('\r'),
                                Some('u') if chars.get(i) == Some(&'{') => {
                                    let close = chars[i..].iter().position(|&c| c == '}');
                                    let code = close.and_then(|close| {
                                        let hex: String = chars[i + 1..i + close].iter().collect();
                                        i += close + 1;
                                        u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                                    });
                                    match code {
                                        Some(c) => s.push(c),
                                        None => {
                                            return Err((
                                                n,
                                                "bad escape: expected `\\u{hex}` with a valid code point"
                                                    .to_owned(),
                                            ));
                                        }
                                    }
                                }
                                _ => {
                                    return Err((
                                        n,
                                        "bad escape in string: expected one of \\\" \\\\ \\n \\t \\r \\u{..}"
                                            .to_owned(),
                                    ));
                                }
                            }
                        }
                        c => s.push(c),
                    }
                }
                out.push(Token {
                    tok: Tok::Str(s),
                    line: n,
                });
            } else if "{}()[]<>,;:=#".contains(c) {
                out.push(Token {
                    tok: Tok::Punct(c),
                    line: n,
                });
                i += 1;
            } else {
                return Err((n, format!("unexpected character `{c}`")));
            }
        }
    }
    Ok(out)
}

enum Expr {
    Prim(Primitive),
    Option(Box<Expr>),
    Seq(Box<Expr>),
    Map(Box<Expr>, Box<Expr>),
    Array(u64, Box<Expr>),
    Tuple(Vec<Expr>),
    Named(String, usize),
}

struct FieldAst {
    name: String,
    attrs: Attrs,
    ty: Expr,
}

struct VariantAst {
    name: String,
    attrs: Attrs,
    discriminant: Option<i128>,
    kind: StructKind,
    fields: Vec<FieldAst>,
}

enum DeclAst {
    Struct {
        kind: StructKind,
        attrs: Attrs,
        fields: Vec<FieldAst>,
    },
    Enum {
        repr: String,
        attrs: Attrs,
        variants: Vec<VariantAst>,
    },
    Opaque(String),
    Named(String, Expr),
    Readable {
        human: Expr,
        compact: Expr,
    },
    Proxy {
        serialize: Option<Expr>,
        deserialize: Option<Expr>,
        own: Expr,
    },
}

/// Parser of one section's declarations.
struct Body<'t> {
    toks: &'t [Token],
    pos: usize,
    /// The line reported for "unexpected end".
    end_line: usize,
    fp_line: usize,
}

impl Body<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|t| &t.tok)
    }

    fn peek2(&self) -> Option<&Tok> {
        self.toks.get(self.pos + 1).map(|t| &t.tok)
    }

    fn line(&self) -> usize {
        self.toks.get(self.pos).map_or(self.end_line, |t| t.line)
    }

    fn found(&self) -> String {
        match self.peek() {
            Some(t) => t.to_string(),
            None => "the end of the section".to_owned(),
        }
    }

    fn err<T>(&self, expected: &str) -> ParseResult<T> {
        Err((
            self.line(),
            format!("expected {expected}, found {}", self.found()),
        ))
    }

    fn is_punct(&self, c: char) -> bool {
        self.peek() == Some(&Tok::Punct(c))
    }

    fn eat(&mut self, c: char) -> bool {
        if self.is_punct(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: char, expected: &str) -> ParseResult<()> {
        if self.eat(c) {
            Ok(())
        } else {
            self.err(expected)
        }
    }

    fn keyword(&mut self, word: &str) -> ParseResult<()> {
        if self.peek() == Some(&Tok::Ident(word.to_owned())) {
            self.pos += 1;
            Ok(())
        } else {
            self.err(&format!("`{word}`"))
        }
    }

    /// An identifier or a quoted string.
    fn name(&mut self, what: &str) -> ParseResult<String> {
        match self.peek() {
            Some(Tok::Ident(s)) | Some(Tok::Str(s)) => {
                let s = s.clone();
                self.pos += 1;
                Ok(s)
            }
            _ => self.err(what),
        }
    }

    fn parse(mut self, section: &str) -> ParseResult<(Graph<'static>, Id)> {
        if self.toks.is_empty() {
            return Err((
                self.fp_line,
                format!("expected the description of `{section}` after its fingerprint"),
            ));
        }
        let mut root_expr = None;
        if self.peek() == Some(&Tok::Ident("type".to_owned()))
            && self.peek2() == Some(&Tok::Punct('='))
        {
            self.pos += 2;
            root_expr = Some(self.expr()?);
        }
        let mut decls: Vec<(String, usize, DeclAst)> = Vec::new();
        while self.peek().is_some() {
            decls.push(self.decl()?);
        }
        // Every label gets its node first, so that declarations can refer to each other.
        let mut graph = Graph::default();
        let mut ids: BTreeMap<String, Id> = BTreeMap::new();
        for (label, line, _) in &decls {
            if ids.contains_key(label) {
                return Err((
                    *line,
                    format!("`{label}` is declared twice in `[{section}]`"),
                ));
            }
            let id = graph.push(Node {
                fp: None,
                name: label.clone(),
                desc: None,
                shape: NodeShape::Tuple(Vec::new()),
            });
            ids.insert(label.clone(), id);
        }
        let mut build = Build {
            graph: &mut graph,
            ids: &ids,
        };
        for (label, _, decl) in decls {
            let shape = build.decl(decl)?;
            build.graph.nodes[ids[&label]].shape = shape;
        }
        let root = match root_expr {
            Some(e) => build.expr(e)?,
            None => match ids.values().min() {
                Some(&first) => first,
                None => {
                    return Err((
                        self.fp_line,
                        format!("expected a declaration of `{section}`"),
                    ));
                }
            },
        };
        Ok((graph, root))
    }

    /// `#[serde(..)]` and `#[repr(..)]` lines.
    fn attrs(&mut self) -> ParseResult<(Attrs, Option<(String, usize)>)> {
        let mut attrs = Attrs::new();
        let mut repr = None;
        while self.is_punct('#') {
            self.pos += 1;
            self.expect('[', "`[` after `#`")?;
            let line = self.line();
            match self.peek() {
                Some(Tok::Ident(w)) if w == "serde" => {
                    self.pos += 1;
                    self.expect('(', "`(` after `serde`")?;
                    while !self.eat(')') {
                        let key = self.name("an attribute name or `)`")?;
                        let value = if self.eat('=') {
                            match self.peek() {
                                Some(Tok::Str(s)) => {
                                    let s = s.clone();
                                    self.pos += 1;
                                    s
                                }
                                _ => return self.err("a quoted attribute value"),
                            }
                        } else {
                            String::new()
                        };
                        attrs.push((key, value));
                        if !self.eat(',') && !self.is_punct(')') {
                            return self.err("`,` or `)` in `#[serde(..)]`");
                        }
                    }
                }
                Some(Tok::Ident(w)) if w == "repr" => {
                    self.pos += 1;
                    self.expect('(', "`(` after `repr`")?;
                    let r = self.name("an integer type in `#[repr(..)]`")?;
                    self.expect(')', "`)` after the repr")?;
                    repr = Some((r, line));
                }
                _ => return self.err("`serde` or `repr` in an attribute"),
            }
            self.expect(']', "`]` closing the attribute")?;
        }
        Ok((attrs, repr))
    }

    fn no_repr(repr: Option<(String, usize)>) -> ParseResult<()> {
        match repr {
            Some((_, line)) => Err((line, "`#[repr(..)]` is only allowed on an enum".to_owned())),
            None => Ok(()),
        }
    }

    fn decl(&mut self) -> ParseResult<(String, usize, DeclAst)> {
        let (attrs, repr) = self.attrs()?;
        let line = self.line();
        let word = match self.peek() {
            Some(Tok::Ident(w)) => w.clone(),
            _ => {
                return self
                    .err("a declaration (`struct`, `enum`, `opaque`, `readable` or `proxy`)");
            }
        };
        let plain = |attrs: &Attrs, repr: Option<(String, usize)>| -> ParseResult<()> {
            Self::no_repr(repr)?;
            if attrs.is_empty() {
                Ok(())
            } else {
                Err((line, format!("`#[serde(..)]` is not allowed on `{word}`")))
            }
        };
        let decl = match word.as_str() {
            "struct" => {
                self.pos += 1;
                Self::no_repr(repr)?;
                let label = self.name("a type name after `struct`")?;
                let (kind, fields) = self.payload()?;
                if kind != StructKind::Named {
                    self.expect(';', "`;` after a tuple or unit struct")?;
                }
                (
                    label,
                    DeclAst::Struct {
                        kind,
                        attrs,
                        fields,
                    },
                )
            }
            "enum" => {
                self.pos += 1;
                let label = self.name("a type name after `enum`")?;
                self.expect('{', "`{` after the enum's name")?;
                let mut variants = Vec::new();
                while !self.eat('}') {
                    variants.push(self.variant()?);
                    if !self.eat(',') && !self.is_punct('}') {
                        return self.err("`,` or `}` after a variant");
                    }
                }
                (
                    label,
                    DeclAst::Enum {
                        repr: repr.map(|(r, _)| r).unwrap_or_default(),
                        attrs,
                        variants,
                    },
                )
            }
            "opaque" => {
                self.pos += 1;
                plain(&attrs, repr)?;
                let label = self.name("a type name after `opaque`")?;
                self.expect('=', "`=` after the opaque type's name")?;
                let name = match self.peek() {
                    Some(Tok::Str(s)) => s.clone(),
                    _ => return self.err("the quoted name of the opaque shape"),
                };
                self.pos += 1;
                (label, DeclAst::Opaque(name))
            }
            "named" => {
                self.pos += 1;
                plain(&attrs, repr)?;
                let label = self.name("a type name after `named`")?;
                self.expect('=', "`=` after the named shape's type name")?;
                let name = match self.peek() {
                    Some(Tok::Str(s)) => s.clone(),
                    _ => return self.err("the quoted meaning of the named shape"),
                };
                self.pos += 1;
                let inner = self.expr()?;
                (label, DeclAst::Named(name, inner))
            }
            "readable" => {
                self.pos += 1;
                plain(&attrs, repr)?;
                let label = self.name("a type name after `readable`")?;
                self.expect('{', "`{` after the type's name")?;
                self.keyword("human")?;
                self.expect(':', "`:` after `human`")?;
                let human = self.expr()?;
                self.expect(',', "`,` after the human-readable form")?;
                self.keyword("compact")?;
                self.expect(':', "`:` after `compact`")?;
                let compact = self.expr()?;
                self.eat(',');
                self.expect('}', "`}` closing the declaration")?;
                (label, DeclAst::Readable { human, compact })
            }
            "proxy" => {
                self.pos += 1;
                plain(&attrs, repr)?;
                let label = self.name("a type name after `proxy`")?;
                self.expect('{', "`{` after the type's name")?;
                self.keyword("serialize")?;
                self.expect(':', "`:` after `serialize`")?;
                let serialize = self.side()?;
                self.expect(',', "`,` after the serialized form")?;
                self.keyword("deserialize")?;
                self.expect(':', "`:` after `deserialize`")?;
                let deserialize = self.side()?;
                self.expect(',', "`,` after the deserialized form")?;
                self.keyword("own")?;
                self.expect(':', "`:` after `own`")?;
                let own = self.expr()?;
                self.eat(',');
                self.expect('}', "`}` closing the declaration")?;
                (
                    label,
                    DeclAst::Proxy {
                        serialize,
                        deserialize,
                        own,
                    },
                )
            }
            _ => {
                return self
                    .err("a declaration (`struct`, `enum`, `opaque`, `readable` or `proxy`)");
            }
        };
        Ok((decl.0, line, decl.1))
    }

    fn side(&mut self) -> ParseResult<Option<Expr>> {
        if self.peek() == Some(&Tok::Ident("own".to_owned())) {
            self.pos += 1;
            Ok(None)
        } else {
            self.expr().map(Some)
        }
    }

    /// `;`-less payload: nothing (unit), `( .. )` or `{ .. }`.
    fn payload(&mut self) -> ParseResult<(StructKind, Vec<FieldAst>)> {
        let mut fields = Vec::new();
        if self.eat('(') {
            let mut trailing = false;
            while !self.eat(')') {
                let (attrs, repr) = self.attrs()?;
                Self::no_repr(repr)?;
                let ty = self.expr()?;
                fields.push(FieldAst {
                    name: String::new(),
                    attrs,
                    ty,
                });
                trailing = self.eat(',');
                if !trailing && !self.is_punct(')') {
                    return self.err("`,` or `)` after a field");
                }
            }
            // `(T)` is a newtype, `(T,)` a tuple of one field.
            let kind = if fields.len() == 1 && !trailing {
                StructKind::Newtype
            } else {
                StructKind::Tuple
            };
            Ok((kind, fields))
        } else if self.eat('{') {
            while !self.eat('}') {
                let (attrs, repr) = self.attrs()?;
                Self::no_repr(repr)?;
                let name = self.name("a field name or `}`")?;
                self.expect(':', "`:` after the field name")?;
                let ty = self.expr()?;
                fields.push(FieldAst { name, attrs, ty });
                if !self.eat(',') && !self.is_punct('}') {
                    return self.err("`,` or `}` after a field");
                }
            }
            Ok((StructKind::Named, fields))
        } else {
            Ok((StructKind::Unit, fields))
        }
    }

    fn variant(&mut self) -> ParseResult<VariantAst> {
        let (attrs, repr) = self.attrs()?;
        Self::no_repr(repr)?;
        let name = self.name("a variant name or `}`")?;
        let (kind, fields) = self.payload()?;
        let discriminant = if self.eat('=') {
            match self.peek() {
                Some(Tok::Int(n)) => {
                    let n = *n;
                    self.pos += 1;
                    Some(n)
                }
                _ => return self.err("an integer discriminant after `=`"),
            }
        } else {
            None
        };
        Ok(VariantAst {
            name,
            attrs,
            discriminant,
            kind,
            fields,
        })
    }

    fn expr(&mut self) -> ParseResult<Expr> {
        let line = self.line();
        match self.peek().cloned() {
            Some(Tok::Ident(word)) => {
                self.pos += 1;
                if let Some(p) = primitive_named(&word) {
                    return Ok(Expr::Prim(p));
                }
                if word == "Option" && self.eat('<') {
                    let item = self.expr()?;
                    self.expect('>', "`>` closing `Option<..>`")?;
                    return Ok(Expr::Option(Box::new(item)));
                }
                if word == "Map" && self.eat('<') {
                    let key = self.expr()?;
                    self.expect(',', "`,` between the key and value types of `Map<K, V>`")?;
                    let value = self.expr()?;
                    self.expect('>', "`>` closing `Map<K, V>`")?;
                    return Ok(Expr::Map(Box::new(key), Box::new(value)));
                }
                Ok(Expr::Named(word, line))
            }
            Some(Tok::Str(label)) => {
                self.pos += 1;
                Ok(Expr::Named(label, line))
            }
            Some(Tok::Punct('[')) => {
                self.pos += 1;
                let item = self.expr()?;
                if self.eat(']') {
                    return Ok(Expr::Seq(Box::new(item)));
                }
                self.expect(';', "`]` or `; N]` after the item type")?;
                let len = match self.peek() {
                    Some(Tok::Int(n)) => u64::try_from(*n).ok(),
                    _ => None,
                };
                let Some(len) = len else {
                    return self.err("an array length");
                };
                self.pos += 1;
                self.expect(']', "`]` after the array length")?;
                Ok(Expr::Array(len, Box::new(item)))
            }
            Some(Tok::Punct('(')) => {
                self.pos += 1;
                let mut items = Vec::new();
                let mut trailing = false;
                while !self.eat(')') {
                    items.push(self.expr()?);
                    trailing = self.eat(',');
                    if !trailing && !self.is_punct(')') {
                        return self.err("`,` or `)` in a tuple");
                    }
                }
                if items.is_empty() || (items.len() == 1 && !trailing) {
                    return Err((
                        line,
                        "a tuple has one element written `(T,)` or more".to_owned(),
                    ));
                }
                Ok(Expr::Tuple(items))
            }
            _ => self.err("a type"),
        }
    }
}

/// Turns parsed declarations into graph nodes.
struct Build<'a> {
    graph: &'a mut Graph<'static>,
    ids: &'a BTreeMap<String, Id>,
}

impl Build<'_> {
    fn node(&mut self, shape: NodeShape) -> Id {
        self.graph.push(Node {
            fp: None,
            name: String::new(),
            desc: None,
            shape,
        })
    }

    fn expr(&mut self, e: Expr) -> ParseResult<Id> {
        let shape =
            match e {
                Expr::Named(label, line) => {
                    return self.ids.get(&label).copied().ok_or_else(|| {
                        (line, format!("`{label}` is not declared in this section"))
                    });
                }
                Expr::Prim(p) => NodeShape::Primitive(p),
                Expr::Option(x) => NodeShape::Option(self.expr(*x)?),
                Expr::Seq(x) => NodeShape::Seq(self.expr(*x)?),
                Expr::Map(k, v) => NodeShape::Map(self.expr(*k)?, self.expr(*v)?),
                Expr::Array(n, x) => NodeShape::Array(n, self.expr(*x)?),
                Expr::Tuple(xs) => {
                    let ids = xs
                        .into_iter()
                        .map(|x| self.expr(x))
                        .collect::<ParseResult<Vec<Id>>>()?;
                    NodeShape::Tuple(ids)
                }
            };
        Ok(self.node(shape))
    }

    fn fields(&mut self, fields: Vec<FieldAst>) -> ParseResult<Vec<NodeField>> {
        fields
            .into_iter()
            .map(|f| {
                Ok(NodeField {
                    name: f.name,
                    attrs: f.attrs,
                    ty: self.expr(f.ty)?,
                })
            })
            .collect()
    }

    fn decl(&mut self, d: DeclAst) -> ParseResult<NodeShape> {
        Ok(match d {
            DeclAst::Struct {
                kind,
                attrs,
                fields,
            } => NodeShape::Struct(NodeStruct {
                kind,
                attrs,
                fields: self.fields(fields)?,
            }),
            DeclAst::Enum {
                repr,
                attrs,
                variants,
            } => NodeShape::Enum(NodeEnum {
                repr,
                attrs,
                variants: variants
                    .into_iter()
                    .map(|v| {
                        Ok(NodeVariant {
                            name: v.name,
                            attrs: v.attrs,
                            discriminant: v.discriminant,
                            kind: v.kind,
                            fields: self.fields(v.fields)?,
                        })
                    })
                    .collect::<ParseResult<Vec<_>>>()?,
            }),
            DeclAst::Opaque(name) => NodeShape::Opaque(name),
            DeclAst::Named(name, inner) => NodeShape::Named(name, self.expr(inner)?),
            DeclAst::Readable { human, compact } => NodeShape::Readable {
                human: self.expr(human)?,
                compact: self.expr(compact)?,
            },
            DeclAst::Proxy {
                serialize,
                deserialize,
                own,
            } => NodeShape::Proxy {
                serialize: serialize.map(|e| self.expr(e)).transpose()?,
                deserialize: deserialize.map(|e| self.expr(e)).transpose()?,
                own: self.expr(own)?,
            },
        })
    }
}

// ---------------------------------------------------------------------------------------
// Errors.

/// Why [`check`] failed.
///
/// ```
/// use objfp::lock::{check_with, LockError, Mode};
///
/// let err = check_with("/nonexistent/fingerprints.lock", &[], Mode::Verify).unwrap_err();
/// assert!(matches!(err, LockError::Missing { .. }));
/// assert!(err.to_string().contains("OBJFP_UPDATE=1"));
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum LockError {
    /// The lockfile does not exist (run with `OBJFP_UPDATE=1` to create it).
    Missing {
        /// The lockfile's path.
        path: PathBuf,
    },
    /// The lockfile could not be read or written.
    Io {
        /// The lockfile's path.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// The lockfile is malformed.
    Parse {
        /// The lockfile's path (empty for [`Lockfile::parse`]).
        path: PathBuf,
        /// The 1-based line of the problem.
        line: usize,
        /// What was expected and what was found.
        message: String,
    },
    /// The lockfile does not match the listed types.
    Mismatch(Mismatch),
    /// An entry cannot be written to a lockfile (an empty or duplicate name, or one with
    /// control characters or surrounding whitespace).
    InvalidEntry {
        /// The entry's name.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
}

/// How a lockfile differs from the listed types: [`LockError::Mismatch`].
///
/// ```
/// mod v1 {
///     #[derive(objfp::TypeFingerprint)]
///     pub struct Order { pub id: u32 }
/// }
/// mod v2 {
///     #[derive(objfp::TypeFingerprint)]
///     pub struct Order { pub id: u32, pub note: String }
/// }
/// use objfp::lock::{check_with, entry, LockError, Mode};
///
/// let dir = std::env::temp_dir().join(format!("objfp-doc-mismatch-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let path = dir.join("fingerprints.lock");
/// check_with(&path, &[entry::<v1::Order>("Order")], Mode::Update).unwrap();
/// let Err(LockError::Mismatch(m)) = check_with(&path, &[entry::<v2::Order>("Order")], Mode::Verify)
/// else { panic!() };
/// assert_eq!(m.changed[0].changes[0].to_string(), "Order.note: field added (string)");
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[derive(Debug)]
pub struct Mismatch {
    /// The lockfile's path.
    pub path: PathBuf,
    /// Types whose fingerprint changed, sorted by name.
    pub changed: Vec<ChangedType>,
    /// Types listed but not in the file, with their fingerprints, sorted by name.
    pub added: Vec<(String, Fingerprint)>,
    /// Types in the file but no longer listed, with their stored fingerprints.
    pub removed: Vec<(String, Fingerprint)>,
}

/// A listed type whose fingerprint differs from the stored one.
///
/// ```
/// let changed = objfp::lock::ChangedType {
///     name: "Order".to_owned(),
///     old: objfp::Fingerprint::from_bytes([1; 32]),
///     new: objfp::Fingerprint::from_bytes([2; 32]),
///     changes: Vec::new(),
/// };
/// assert_eq!(changed.old.short().to_string(), "010101010101");
/// ```
#[derive(Debug)]
pub struct ChangedType {
    /// The name it is listed under.
    pub name: String,
    /// The stored fingerprint.
    pub old: Fingerprint,
    /// The current fingerprint.
    pub new: Fingerprint,
    /// What changed, from the stored description to the current one.
    pub changes: Vec<Change>,
}

fn file_name(path: &Path) -> String {
    path.display().to_string()
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} is out of date: {} changed, {} added, {} removed",
            file_name(&self.path),
            self.changed.len(),
            self.added.len(),
            self.removed.len()
        )?;
        for c in &self.changed {
            writeln!(
                f,
                "  changed {}: {} -> {}",
                c.name,
                c.old.short(),
                c.new.short()
            )?;
            if c.changes.is_empty() {
                writeln!(
                    f,
                    "    (no difference in the stored description: the fingerprints differ in \
                     how recursion is folded, or the stored text was edited)"
                )?;
            }
            for change in &c.changes {
                writeln!(f, "    {change}")?;
            }
        }
        for (name, fp) in &self.added {
            writeln!(f, "  added {name}: {} (not in the lockfile)", fp.short())?;
        }
        for (name, fp) in &self.removed {
            writeln!(f, "  removed {name}: {} (no longer listed)", fp.short())?;
        }
        write!(
            f,
            "If these wire changes are intended, rerun with {UPDATE_VAR}=1 to rewrite the lockfile, and commit it."
        )
    }
}

impl fmt::Display for LockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LockError::Missing { path } => write!(
                f,
                "{} does not exist: run the tests with {UPDATE_VAR}=1 to create it",
                file_name(path)
            ),
            LockError::Io { path, source } => {
                write!(f, "cannot access {}: {source}", file_name(path))
            }
            LockError::Parse {
                path,
                line,
                message,
            } => {
                if path.as_os_str().is_empty() {
                    write!(f, "lockfile line {line}: {message}")
                } else {
                    write!(f, "{}:{line}: {message}", file_name(path))
                }
            }
            LockError::Mismatch(m) => fmt::Display::fmt(m, f),
            LockError::InvalidEntry { name, reason } => {
                write!(f, "cannot lock the entry {name:?}: {reason}")
            }
        }
    }
}

impl std::error::Error for LockError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LockError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
