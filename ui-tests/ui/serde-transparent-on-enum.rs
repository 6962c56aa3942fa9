#[derive(objfp::TypeFingerprint)]
#[serde(transparent)]
enum Id {
    Number(u64),
}

fn main() {}
