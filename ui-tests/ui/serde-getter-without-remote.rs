#[derive(objfp::TypeFingerprint)]
struct Order {
    #[serde(getter = "Order::id")]
    id: u64,
}

fn main() {}
