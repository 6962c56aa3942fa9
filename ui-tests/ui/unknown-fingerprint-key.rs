#[derive(objfp::TypeFingerprint)]
#[fingerprint(opaqe = "typo")]
struct Order {
    #[fingerprint(skipp)]
    id: u64,
}

fn main() {}
