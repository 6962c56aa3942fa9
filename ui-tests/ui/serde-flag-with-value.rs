#[derive(objfp::TypeFingerprint)]
struct Order {
    #[serde(flatten = true)]
    meta: Vec<u8>,
}

fn main() {}
