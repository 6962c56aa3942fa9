#[derive(objfp::TypeFingerprint)]
struct Order {
    #[serde(default, skip_serializing_if = "is empty")]
    tags: Vec<String>,
}

fn main() {}
