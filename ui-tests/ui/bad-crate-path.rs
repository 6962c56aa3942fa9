#[derive(objfp::TypeFingerprint)]
#[fingerprint(crate = "not a path")]
struct Order {
    id: u64,
}

fn main() {}
