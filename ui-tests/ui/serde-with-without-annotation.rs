mod as_url {
    pub fn serialize<S: serde::Serializer>(v: &u64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&v.to_string())
    }
}

#[derive(objfp::TypeFingerprint, serde::Serialize)]
struct Order {
    #[serde(serialize_with = "as_url::serialize")]
    id: u64,
}

fn main() {}
