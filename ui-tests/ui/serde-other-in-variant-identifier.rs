#[derive(objfp::TypeFingerprint)]
#[serde(variant_identifier)]
enum Kind {
    Started,
    #[serde(other)]
    Unknown,
}

fn main() {}
