#[derive(objfp::TypeFingerprint)]
#[serde(content = "c")]
enum Event {
    Started(u64),
}

fn main() {}
