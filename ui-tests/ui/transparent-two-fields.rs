#[derive(objfp::TypeFingerprint, serde::Serialize)]
#[serde(transparent)]
struct Id {
    value: u64,
    #[serde(skip)]
    cache: u64,
    version: u8,
}

fn main() {}
