#[derive(serde::Serialize, serde::Deserialize, objfp::TypeFingerprint)]
enum Status {
    #[serde(skp)]
    Open,
    Closed,
}

fn main() {}
