#[derive(serde::Serialize, serde::Deserialize, objfp::TypeFingerprint)]
struct Order {
    #[serde(defualt)]
    id: u64,
}

fn main() {}
