#[derive(serde::Serialize, serde::Deserialize, objfp::TypeFingerprint)]
struct Meta {
    name: String,
}

#[derive(serde::Serialize, serde::Deserialize, objfp::TypeFingerprint)]
struct Pair(u8, #[serde(flatten)] Meta);

fn main() {}
