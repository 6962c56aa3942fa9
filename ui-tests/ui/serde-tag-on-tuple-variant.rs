#[derive(objfp::TypeFingerprint)]
#[serde(tag = "kind")]
enum Event {
    Started(u64),
    Moved(i32, i32),
}

fn main() {}
