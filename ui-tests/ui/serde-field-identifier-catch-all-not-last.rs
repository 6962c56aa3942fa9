#[derive(objfp::TypeFingerprint)]
#[serde(field_identifier)]
enum Field {
    Name,
    Other(String),
    Id,
}

fn main() {}
