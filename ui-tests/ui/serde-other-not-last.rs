#[derive(objfp::TypeFingerprint)]
enum Event {
    #[serde(other)]
    Unknown,
    Started,
}

fn main() {}
