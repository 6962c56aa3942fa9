#[derive(objfp::TypeFingerprint)]
#[fingerprint(bound = "T TypeFingerprint")]
struct Wrapper<T> {
    inner: T,
}

fn main() {}
