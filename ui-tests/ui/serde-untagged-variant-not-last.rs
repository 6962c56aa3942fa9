#[derive(objfp::TypeFingerprint)]
enum Value {
    #[serde(untagged)]
    Number(u64),
    Text(String),
}

fn main() {}
