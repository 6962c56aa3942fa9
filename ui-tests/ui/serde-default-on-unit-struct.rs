#[derive(objfp::TypeFingerprint)]
#[serde(default)]
struct Marker;

fn main() {}
