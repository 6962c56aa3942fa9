//! A corpus of types with every shape the lockfile writes (every declaration kind, every
//! struct and variant form, attributes, reprs and discriminants, recursion through declared
//! and anonymous shapes, deep nesting, shared parts, standard and third-party types): the
//! valid inputs the fuzz test starts from. Included by `fuzz_runtime.rs` alone (with
//! `#[path]`): `Deep` needs a raised `recursion_limit`.

use std::collections::{BTreeMap, HashMap, HashSet};

use objfp::lock::{Entry, entry};

use crate::support::shapes;

#[derive(objfp::TypeFingerprint, serde::Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Order {
    pub order_id: u64,
    pub items: Vec<Item>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(rename = "@weird name", alias = "w")]
    pub weird: (u8, i128, [u16; 3]),
    pub totals: BTreeMap<String, Vec<Option<(f32, f64)>>>,
    pub tags: HashSet<char>,
    pub at: std::time::SystemTime,
    pub addr: std::net::SocketAddr,
    pub blob: std::ffi::CString,
    pub nothing: (),
    #[fingerprint(opaque = "unix-seconds")]
    pub seen: u64,
}

#[derive(objfp::TypeFingerprint, serde::Serialize)]
pub struct Item {
    pub sku: String,
    pub price: Price,
}

#[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
pub struct Price(pub u64);

#[derive(objfp::TypeFingerprint, serde::Serialize)]
#[serde(tag = "type", content = "data")]
pub enum Event {
    Created {
        id: u64,
    },
    Deleted(u64),
    Moved(u8, u8),
    One(u8, #[serde(skip)] u8),
    Empty(),
    Nothing {},
    #[serde(skip)]
    Hidden,
    Archived,
}

#[derive(objfp::TypeFingerprint, serde::Serialize)]
#[repr(i16)]
pub enum Code {
    Low = -3,
    High = 300,
}

#[derive(objfp::TypeFingerprint, serde::Serialize)]
pub struct Unit;

#[derive(objfp::TypeFingerprint, serde::Serialize)]
pub struct Skipped(#[fingerprint(skip)] pub u64);

#[derive(objfp::TypeFingerprint, serde::Serialize)]
pub enum List {
    Nil,
    Cons(u32, Box<List>),
}

#[derive(objfp::TypeFingerprint, serde::Serialize)]
#[fingerprint(cycle(A, B))]
pub struct A {
    pub b: Option<Box<B>>,
}

#[derive(objfp::TypeFingerprint, serde::Serialize)]
#[fingerprint(cycle(A, B))]
pub struct B {
    pub a: Vec<A>,
    pub n: u8,
}

/// A sequence of itself: declared `type Vec = [Vec]`.
#[derive(objfp::TypeFingerprint, serde::Serialize)]
#[serde(transparent)]
pub struct Tree(pub Vec<Tree>);

#[derive(objfp::TypeFingerprint, serde::Serialize, Clone)]
#[serde(into = "String")]
pub struct Legacy {
    pub len: u32,
}

impl From<Legacy> for String {
    fn from(l: Legacy) -> String {
        l.len.to_string()
    }
}

#[derive(objfp::TypeFingerprint, serde::Serialize)]
#[serde(untagged)]
pub enum Choice {
    Number(u64),
    Text(String),
    Both { n: u64, t: String },
}

/// Nested 140 deep: past the 128 a lockfile expression may nest.
#[derive(objfp::TypeFingerprint)]
#[allow(clippy::type_complexity)]
pub struct Deep {
    pub f: Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<u8>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>,
}

/// Every type of the corpus, each listed under a name as a lockfile would.
pub fn entries() -> Vec<Entry> {
    let mut out = objfp::lock_entries![
        Order,
        Item,
        Price,
        Event,
        Code,
        Unit,
        Skipped,
        List,
        A,
        B,
        Tree,
        Legacy,
        Choice,
        Deep,
        Vec<Order>,
        Option<(u8, List)>,
        HashMap<String, Vec<u8>>,
        u32,
        std::net::IpAddr,
        std::time::Duration,
        Result<u8, String>,
        chrono::DateTime<chrono::Utc>,
        uuid::Uuid,
        serde_json::Value,
        rust_decimal::Decimal,
    ]
    .to_vec();
    out.push(Entry::new("Shared", &shapes::shared::A));
    out.push(entry::<Vec<Tree>>("Forest"));
    out
}
