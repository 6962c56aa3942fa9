#[derive(serde::Serialize, serde::Deserialize, objfp::TypeFingerprint)]
#[serde(tag = "kind")]
struct Pair(u8, u16);

fn main() {}
