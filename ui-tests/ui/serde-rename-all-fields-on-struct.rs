#[derive(objfp::TypeFingerprint)]
#[serde(rename_all_fields = "camelCase")]
struct Order {
    order_id: u64,
}

fn main() {}
