#[derive(objfp::TypeFingerprint)]
#[serde(field_identifier)]
enum Field {
    Name,
    Pair(u8, u8),
}

fn main() {}
