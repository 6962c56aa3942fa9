//! Evolving a wire type under a compatibility policy: a JSON order message whose
//! lockfile is checked under `backward(json)` (new readers must read what old writers
//! sent).
//!
//! 1. Version 1 is recorded in the lockfile.
//! 2. Version 2 adds a field with a default: the check passes, with a note on which
//!    formats the change is safe for; an update records it, and keeps version 1 as the
//!    type's history.
//! 3. Version 3 turns the order id into a string: the check fails, naming the breaking
//!    change and the rule it breaks.
//! 4. A version 2 reader decodes version 1 frames (backward compatible in JSON) with its
//!    own decoder, and refuses frames of a legacy version whose id was a string, naming
//!    the change, instead of failing deep inside serde or misreading them.
//!
//! Run with `cargo run -p objfp --example evolving`.

use std::fs;
use std::io;

use objfp::compat::{Format, Policy};
use objfp::lock::{self, Check, Mode};
use objfp::{Decoders, Fingerprint, TypeFingerprint, frame};
use serde::{Deserialize, Serialize};

mod v0 {
    use super::*;

    /// A legacy version, whose ids were strings.
    #[derive(Debug, Serialize, Deserialize, TypeFingerprint)]
    pub struct Order {
        pub id: String,
        pub items: Vec<String>,
    }
}

mod v1 {
    use super::*;

    #[derive(Debug, Serialize, Deserialize, TypeFingerprint)]
    pub struct Order {
        pub id: u64,
        pub items: Vec<String>,
    }
}

mod v2 {
    use super::*;

    /// Version 2: a note, which old messages do not have.
    #[derive(Debug, Serialize, Deserialize, TypeFingerprint)]
    pub struct Order {
        pub id: u64,
        pub items: Vec<String>,
        #[serde(default)]
        pub note: Option<String>,
    }
}

mod v3 {
    use super::*;

    /// An attempted version 3: ids become strings again.
    #[derive(Debug, Serialize, Deserialize, TypeFingerprint)]
    pub struct Order {
        pub id: String,
        pub items: Vec<String>,
        #[serde(default)]
        pub note: Option<String>,
    }
}

/// A frame: the fingerprint header, then the JSON body.
fn frame_of<T: Serialize + TypeFingerprint>(value: &T) -> Vec<u8> {
    framed(T::FINGERPRINT, &serde_json::to_vec(value).expect("JSON"))
}

fn framed(fingerprint: Fingerprint, body: &[u8]) -> Vec<u8> {
    let mut bytes = frame::Header::new(fingerprint).to_bytes().to_vec();
    bytes.extend_from_slice(body);
    bytes
}

fn main() -> io::Result<()> {
    let dir = std::env::temp_dir().join(format!("objfp-evolving-{}", std::process::id()));
    fs::create_dir_all(&dir)?;
    let lockfile = dir.join("fingerprints.lock");
    let policy = Policy::backward(Format::Json);
    let check = |mode: Mode| Check::new(&lockfile).policy(policy).mode(mode);

    println!("1. record version 1 under {policy}");
    check(Mode::Update)
        .run(&[lock::entry::<v1::Order>("Order")])
        .map_err(io::Error::other)?;

    println!("\n2. version 2: a field with a default");
    let v2 = [lock::entry::<v2::Order>("Order")];
    match check(Mode::Verify).run(&v2) {
        Ok(outcome) => println!("{}", indent(&outcome.to_string())),
        Err(err) => println!("{}", indent(&err.to_string())),
    }
    let recorded = check(Mode::Update).run(&v2).map_err(io::Error::other)?;
    println!("   recorded with OBJFP_UPDATE=1:");
    for note in recorded.notes() {
        println!("     {note}");
    }
    println!("   the lockfile now reads:");
    println!("{}", indent(&fs::read_to_string(&lockfile)?));

    println!("\n3. version 3: the id becomes a string");
    match check(Mode::Verify).run(&[lock::entry::<v3::Order>("Order")]) {
        Ok(outcome) => println!("{}", indent(&outcome.to_string())),
        Err(err) => println!("{}", indent(&err.to_string())),
    }

    println!("\n4. a version 2 reader");
    let mut decoders: Decoders<v2::Order, serde_json::Error> = Decoders::new();
    decoders
        .register::<v2::Order>(|bytes| serde_json::from_slice(bytes))
        .accept_older::<v1::Order, v2::Order>(Format::Json)
        .accept_older::<v0::Order, v2::Order>(Format::Json);
    let frames = [
        frame_of(&v1::Order {
            id: 7,
            items: vec!["tea".into()],
        }),
        frame_of(&v2::Order {
            id: 8,
            items: vec![],
            note: Some("gift".into()),
        }),
        frame_of(&v0::Order {
            id: "9".into(),
            items: vec![],
        }),
    ];
    for (i, frame) in frames.iter().enumerate() {
        match decoders.decode(frame) {
            Ok(order) => println!("   frame {i}: {order:?}"),
            Err(err) => println!("   frame {i}: {}", indent(&err.to_string()).trim_start()),
        }
    }

    fs::remove_dir_all(&dir)
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("   {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}
