// Finding 21: a discriminant no 128-bit integer holds is rustc's error alone ("integer
// literal is too large"), not objfp's misleading "write the value, such as `= 4`".
#[derive(objfp::TypeFingerprint)]
enum Code {
    A = 340282366920938463463374607431768211456,
}

fn main() {}
