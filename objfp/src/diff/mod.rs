// Structural diffs, one stage per file:
//
//   graph.rs   Description -> Graph: each distinct type once, recursion as cycles
//              (lock/ parses lockfile text into the same Graph)
//   walk.rs    (Graph, Graph) -> Vec<Change>: both sides in step, each pair of nodes once
//   same.rs    the walk's rename checks: structural equality, decided once per pair
//   report.rs  Change and ChangeKind, how they read, and type names for people
//
//   diff(old, new) = walk(graph(old), graph(new))
//
//! Structural diffs: *what* changed between two descriptions, not only *that* their
//! fingerprints differ.
//!
//! [`diff`] walks two [`Description`]s side by side and reports each difference as a
//! [`Change`]: a path that reads like code and what happened there.
//!
//! ```
//! mod v1 {
//!     #[derive(objfp::TypeFingerprint)]
//!     pub struct Item { pub sku: String, pub price: u32 }
//!     #[derive(objfp::TypeFingerprint)]
//!     pub struct Order { pub id: u64, pub items: Vec<Item> }
//! }
//! mod v2 {
//!     #[derive(objfp::TypeFingerprint)]
//!     pub struct Item { pub sku: String, pub price: u64 }
//!     #[derive(objfp::TypeFingerprint)]
//!     pub struct Order { pub id: u64, pub items: Vec<Item>, pub note: Option<String> }
//! }
//!
//! use objfp::TypeFingerprint;
//! let changes = objfp::diff::diff(v1::Order::DESCRIPTION, v2::Order::DESCRIPTION);
//! let lines: Vec<String> = changes.iter().map(|c| c.to_string()).collect();
//! assert_eq!(lines, [
//!     "Order.items[].price: type changed u32 -> u64",
//!     "Order.note: field added (Option<string>)",
//! ]);
//! ```
//!
//! # Paths
//!
//! A path starts with the name of the type diffed and then follows the serialized shape:
//!
//! | step | path | example |
//! |---|---|---|
//! | named field | `.name` | `Order.id` |
//! | tuple field, tuple element | `.0`, `.1`, ... | `List::Cons.0` |
//! | enum variant | `::Variant` | `Event::Created.id` |
//! | sequence or array item | `[]` | `Order.items[].price` |
//! | `Option` payload | `?` | `Order.note?` |
//! | map key, map value | `{key}`, `{value}` | `Order.totals{value}` |
//! | human-readable / compact form | `<human>`, `<compact>` | `Host.addr<compact>` |
//! | serialized / deserialized form | `<serialize>`, `<deserialize>` | `Legacy<serialize>` |
//! | flattened field (serde never writes its name) | `.(flatten)`, `.(flatten 2)`, ... | `Event.(flatten).id` |
//!
//! Names are wire names (after serde's `rename` and `rename_all`). A name that is not a
//! plain identifier (letters, digits, `_`, `-`, not starting with a digit) is written as a
//! quoted string: `Order."@type"`.
//!
//! # What is reported
//!
//! The walk descends only where the fingerprints of the two sides differ, so an unchanged
//! subtree costs nothing and is never mentioned. Each differing pair of types is explained
//! once, at the first path (in declaration order) where the walk reaches it: a type used by
//! two fields is explained under the first, and a recursive type (whose description points
//! back at itself) is explained once, so the walk always terminates. The work is linear in
//! the size of the two descriptions: the rename checks below remember each pair they have
//! decided. A diff stops at budgets no real one reaches (a million pairs of types
//! compared, a mebibyte of report) and then ends with [`ChangeKind::Truncated`].
//!
//! Fields and variants are matched by wire name. A field that disappears while another one
//! with the same type appears at the same position is reported as a rename; likewise a
//! variant with the same payload. Order matters on the wire: fields or variants that
//! swapped places are reported as reordered, and variants that moved because another was
//! inserted or removed before them as `variant indices changed` (formats such as bincode
//! write a variant's index). Names and Rust spellings that are not part of the
//! fingerprint (a type's own name, `Vec` versus `VecDeque`) are never reported.
//!
//! # Verdicts
//!
//! Whether a change is safe, format by format, is [`compat::check`](crate::compat::check)'s
//! question: its report lists the changes with the verdict of each beside it.
//!
//! ```
//! # mod v1 {
//! #     #[derive(objfp::TypeFingerprint)]
//! #     pub struct Order { pub id: u64 }
//! # }
//! # mod v2 {
//! #     #[derive(objfp::TypeFingerprint)]
//! #     pub struct Order { pub id: u64, #[serde(default)] pub note: Option<String> }
//! # }
//! # use serde as _;
//! use objfp::TypeFingerprint;
//! use objfp::compat::Compatibility;
//! let report = objfp::compat::check(v1::Order::DESCRIPTION, v2::Order::DESCRIPTION);
//! assert_eq!(
//!     report.with_verdicts(Compatibility::Backward).to_string(),
//!     "Order.note: field added (#[serde(default)] Option<string>)  \
//!      backward: json cbor msgpack msgpack-named; breaking: postcard bincode bincode-fixint\n",
//! );
//! ```

mod graph;
mod report;
mod same;
#[cfg(test)]
mod tests;
mod walk;

use alloc::vec::Vec;

use crate::Description;

pub(crate) use graph::{Graph, Id};
// The graph's parts, the walk's path tree and budgets, and the notation's quoting, for
// `compat` and `lock` (feature `std`).
#[cfg_attr(not(feature = "std"), allow(unused_imports))]
pub(crate) use graph::{
    Attrs, Node, NodeEnum, NodeField, NodeShape, NodeStruct, NodeVariant, Text,
};
pub use report::{Change, ChangeKind, type_name};
#[cfg_attr(not(feature = "std"), allow(unused_imports))]
pub(crate) use report::{attr_text, is_bare, name_token, quoted};
pub(crate) use same::Equality;
pub(crate) use walk::{Budget, Engine, MAX_REPORT_BYTES, Render};

/// The changes that turn `old` into `new`, in the order the walk meets them; empty when
/// the fingerprints are equal. Paths start with `new`'s [`type_name`].
///
/// ```
/// mod v1 {
///     #[derive(objfp::TypeFingerprint)]
///     pub enum Event { Created { id: u64 }, Deleted(u64) }
/// }
/// mod v2 {
///     #[derive(objfp::TypeFingerprint)]
///     pub enum Event { Created { id: u64, by: String }, Deleted(u64), Archived }
/// }
///
/// use objfp::TypeFingerprint;
/// let changes = objfp::diff::diff(v1::Event::DESCRIPTION, v2::Event::DESCRIPTION);
/// let lines: Vec<String> = changes.iter().map(ToString::to_string).collect();
/// assert_eq!(lines, [
///     "Event::Created.by: field added (string)",
///     "Event::Archived: variant added",
/// ]);
/// assert!(objfp::diff::diff(v1::Event::DESCRIPTION, v1::Event::DESCRIPTION).is_empty());
/// ```
pub fn diff(old: &Description, new: &Description) -> Vec<Change> {
    if old.fingerprint == new.fingerprint {
        return Vec::new();
    }
    let (old_graph, old_root) = Graph::from_description(old);
    let (new_graph, new_root) = Graph::from_description(new);
    let render_old = |id: Id| old_graph.rust_name(id);
    let render_new = |id: Id| new_graph.rust_name(id);
    Engine::new(&old_graph, &new_graph, &render_old, &render_new).walk(
        &type_name(new),
        old_root,
        new_root,
    )
}
