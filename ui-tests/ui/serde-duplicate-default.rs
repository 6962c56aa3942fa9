#[derive(objfp::TypeFingerprint)]
struct Order {
    #[serde(default, default = "zero")]
    id: u64,
}

fn main() {}
