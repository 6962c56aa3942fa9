#[derive(serde::Serialize, serde::Deserialize, objfp::TypeFingerprint)]
#[serde(from = "u64", try_from = "i64")]
struct Id {
    value: u64,
}

fn main() {}
