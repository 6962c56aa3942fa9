#[derive(objfp::TypeFingerprint)]
enum Event {
    #[fingerprint(skip)]
    Created(u64),
}

fn main() {}
