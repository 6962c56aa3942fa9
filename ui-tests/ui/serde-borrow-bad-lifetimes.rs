#[derive(objfp::TypeFingerprint)]
struct Order<'a> {
    #[serde(borrow = "a")]
    name: &'a str,
}

fn main() {}
