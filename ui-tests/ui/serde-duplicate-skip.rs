#[derive(objfp::TypeFingerprint)]
enum Event {
    #[serde(skip, skip)]
    Started,
    Stopped,
}

fn main() {}
