#[derive(objfp::TypeFingerprint)]
#[serde(untagged, tag = "kind")]
enum Event {
    Started { at: u64 },
}

fn main() {}
