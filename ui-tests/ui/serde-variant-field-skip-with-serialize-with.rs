#[derive(objfp::TypeFingerprint)]
enum Event {
    #[serde(serialize_with = "write_started")]
    Started {
        #[serde(skip_serializing_if = "Option::is_none")]
        at: Option<u64>,
    },
}

fn main() {}
