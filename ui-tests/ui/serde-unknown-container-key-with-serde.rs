#[derive(serde::Serialize, serde::Deserialize, objfp::TypeFingerprint)]
#[serde(renmae = "order")]
struct Order {
    id: u64,
}

fn main() {}
