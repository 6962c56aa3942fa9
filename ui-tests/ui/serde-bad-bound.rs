#[derive(objfp::TypeFingerprint)]
#[serde(bound = "T Clone")]
struct Wrapper<T> {
    value: T,
}

fn main() {}
