#[derive(objfp::TypeFingerprint)]
struct Order {
    #[fingerprint(as = "u64", as = "u32")]
    id: u64,
}

fn main() {}
