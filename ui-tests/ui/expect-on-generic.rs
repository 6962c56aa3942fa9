#[derive(objfp::TypeFingerprint)]
#[fingerprint(expect = "0000000000000000000000000000000000000000000000000000000000000000")]
struct Wrapper<T> {
    inner: T,
}

fn main() {}
