#[derive(objfp::TypeFingerprint)]
#[fingerprint(expect = "0000000000000000000000000000000000000000000000000000000000000000")]
struct Order {
    id: u64,
}

fn main() {}
