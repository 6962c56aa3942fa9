#[derive(objfp::TypeFingerprint)]
struct Meta {
    name: String,
}

#[derive(objfp::TypeFingerprint)]
struct Pair(u8, #[serde(flatten)] Meta);

fn main() {}
