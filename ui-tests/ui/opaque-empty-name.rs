#[derive(objfp::TypeFingerprint)]
#[fingerprint(opaque = "  ")]
struct Timestamp(i64);

fn main() {}
