#[derive(objfp::TypeFingerprint)]
#[serde(tag = "kindName", rename_all_fields = "camelCase")]
enum Event {
    Started { kind_name: u64 },
}

fn main() {}
