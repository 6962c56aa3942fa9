#[derive(objfp::TypeFingerprint)]
enum Event {
    #[serde(borrow)]
    Started,
}

fn main() {}
