#[derive(objfp::TypeFingerprint)]
#[serde(expecting = "an order"x)]
struct Order {
    id: u64,
}

fn main() {}
