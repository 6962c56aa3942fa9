// Issue 12.6: every problem of a type is reported in one build, each once: the derive's
// own error (a custom serializer objfp cannot see) and the missing impl of another field.
struct NotFingerprinted;

#[derive(objfp::TypeFingerprint)]
struct Order {
    #[serde(serialize_with = "hex::serialize")]
    at: u64,
    extra: NotFingerprinted,
    list: Vec<NotFingerprinted>,
}

fn main() {}
