#[derive(objfp::TypeFingerprint)]
#[serde(field_identifier, variant_identifier)]
enum Field {
    Name,
}

fn main() {}
