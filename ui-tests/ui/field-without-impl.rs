struct NotFingerprinted;

#[derive(objfp::TypeFingerprint)]
struct Order {
    id: u64,
    extra: NotFingerprinted,
}

fn main() {}
