#[derive(objfp::TypeFingerprint)]
#[serde(untagged)]
enum Event {
    Started(u64),
    #[serde(other)]
    Unknown,
}

fn main() {}
