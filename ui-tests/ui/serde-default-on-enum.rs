#[derive(objfp::TypeFingerprint)]
#[serde(default)]
enum Level {
    Low,
}

fn main() {}
