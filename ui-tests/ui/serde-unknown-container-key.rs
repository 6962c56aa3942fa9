#[derive(objfp::TypeFingerprint)]
#[serde(renmae = "order")]
struct Order {
    id: u64,
}

fn main() {}
