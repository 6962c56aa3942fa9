mod as_str {
    pub fn serialize<S: serde::Serializer>(v: &u64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&v.to_string())
    }
}

#[derive(objfp::TypeFingerprint, serde::Serialize)]
enum Event {
    #[serde(serialize_with = "as_str::serialize")]
    Created(u64),
}

fn main() {}
