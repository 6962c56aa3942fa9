#[derive(objfp::TypeFingerprint)]
enum Event {
    #[serde(serialize_with = "write_started", skip_serializing)]
    Started(u64),
}

fn main() {}
