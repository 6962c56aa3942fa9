#[derive(serde::Serialize, serde::Deserialize, objfp::TypeFingerprint)]
struct Range(#[serde(default)] u32, u32, #[serde(skip)] u8, u16);

fn main() {}
