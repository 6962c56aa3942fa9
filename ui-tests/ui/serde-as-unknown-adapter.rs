// A serde_with adapter objfp does not know (here the user's own `SerializeAs`).
#[derive(objfp::TypeFingerprint)]
struct Order {
    #[serde(with = "::serde_with::As::<Vec<crate::Shouty>>")]
    tags: Vec<String>,
}

fn main() {}
