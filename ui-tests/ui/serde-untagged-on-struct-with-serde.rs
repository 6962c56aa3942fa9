#[derive(serde::Serialize, serde::Deserialize, objfp::TypeFingerprint)]
#[serde(untagged)]
struct Order {
    id: u64,
}

fn main() {}
