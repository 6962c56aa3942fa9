#[derive(objfp::TypeFingerprint)]
#[serde(field_identifier)]
struct Field {
    name: String,
}

fn main() {}
