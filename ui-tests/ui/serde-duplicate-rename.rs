#[derive(objfp::TypeFingerprint)]
struct Order {
    #[serde(rename = "id")]
    #[serde(rename = "order_id")]
    id: u64,
}

fn main() {}
