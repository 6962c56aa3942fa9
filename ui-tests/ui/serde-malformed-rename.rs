#[derive(objfp::TypeFingerprint)]
struct Order {
    #[serde(rename(serialise = "order_id"))]
    id: u64,
}

fn main() {}
