#[derive(objfp::TypeFingerprint)]
enum Event {
    Started(#[serde(flatten)] Vec<u8>),
}

fn main() {}
