#[derive(serde::Serialize, serde::Deserialize, objfp::TypeFingerprint)]
#[serde(default)]
struct Marker;

fn main() {}
