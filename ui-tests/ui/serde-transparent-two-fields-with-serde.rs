#[derive(serde::Serialize, serde::Deserialize, objfp::TypeFingerprint)]
#[serde(transparent)]
struct Id {
    value: u64,
    version: u8,
}

fn main() {}
