#[derive(objfp::TypeFingerprint)]
#[serde(rename_all_fields = "camelcase")]
enum Event {
    Started { at_time: u64 },
}

fn main() {}
