#[derive(objfp::TypeFingerprint, serde::Serialize)]
#[serde(rename_all = "camelcase")]
struct Order {
    order_id: u64,
}

fn main() {}
