#[derive(objfp::TypeFingerprint)]
#[serde(into = "not a type!")]
struct Order {
    id: u64,
}

fn main() {}
