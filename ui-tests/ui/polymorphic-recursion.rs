#[derive(objfp::TypeFingerprint)]
struct Nested<T> {
    value: T,
    deeper: Option<Box<Nested<Vec<T>>>>,
}

fn main() {}
