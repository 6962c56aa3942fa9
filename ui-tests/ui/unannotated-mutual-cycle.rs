// Mutual recursion needs `#[fingerprint(cycle(A, B))]` on both types; without it rustc
// reports a cycle while evaluating the fingerprint (never a wrong value).
#[derive(objfp::TypeFingerprint)]
struct A {
    b: Option<Box<B>>,
}

#[derive(objfp::TypeFingerprint)]
struct B {
    a: Option<Box<A>>,
}

const _: objfp::Fingerprint = <A as objfp::TypeFingerprint>::FINGERPRINT;

fn main() {}
