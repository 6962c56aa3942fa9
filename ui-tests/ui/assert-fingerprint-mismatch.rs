#[derive(objfp::TypeFingerprint)]
struct Wrapper<T> {
    inner: T,
}

objfp::assert_fingerprint!(
    Wrapper<u32>,
    "2da6d65e31f33308b6e11b0d30e89247dc84d66874bbe2caa408914b73a0e81a"
);

fn main() {}
