#[derive(objfp::TypeFingerprint)]
enum Status {
    #[serde(skp)]
    Open,
    Closed,
}

fn main() {}
