#[derive(objfp::TypeFingerprint)]
#[serde(tag = "t", content = "t")]
enum Event {
    Started(u64),
}

fn main() {}
