#[derive(objfp::TypeFingerprint)]
struct Order {
    #[serde(defualt)]
    id: u64,
}

fn main() {}
