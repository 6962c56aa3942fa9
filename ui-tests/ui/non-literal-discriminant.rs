const BASE: isize = 4;

#[derive(objfp::TypeFingerprint)]
enum Level {
    Low = BASE,
    High,
}

fn main() {}
