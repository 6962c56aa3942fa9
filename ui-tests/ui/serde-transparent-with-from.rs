#[derive(objfp::TypeFingerprint)]
#[serde(transparent, from = "u64")]
struct Id {
    value: u64,
}

fn main() {}
