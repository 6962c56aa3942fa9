#[derive(objfp::TypeFingerprint)]
struct Order<'a> {
    #[serde(borrow = "'a + 'b")]
    name: &'a str,
}

fn main() {}
