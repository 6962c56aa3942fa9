#[derive(objfp::TypeFingerprint)]
#[serde(expecting = 5)]
struct Order {
    id: u64,
}

fn main() {}
