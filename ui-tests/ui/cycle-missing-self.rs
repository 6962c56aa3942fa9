#[derive(objfp::TypeFingerprint)]
#[fingerprint(cycle(B))]
struct A {
    b: Option<Box<B>>,
}

#[derive(objfp::TypeFingerprint)]
#[fingerprint(cycle(A, B))]
struct B {
    a: Option<Box<A>>,
}

fn main() {}
