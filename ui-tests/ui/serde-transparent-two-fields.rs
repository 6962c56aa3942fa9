#[derive(objfp::TypeFingerprint)]
#[serde(transparent)]
struct Id {
    value: u64,
    version: u8,
}

fn main() {}
