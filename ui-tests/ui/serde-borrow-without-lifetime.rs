#[derive(objfp::TypeFingerprint)]
struct Order {
    #[serde(borrow)]
    name: String,
}

fn main() {}
