#[derive(objfp::TypeFingerprint)]
struct Order {
    #[fingerprint(as = "String", opaque = "url")]
    home: String,
}

fn main() {}
