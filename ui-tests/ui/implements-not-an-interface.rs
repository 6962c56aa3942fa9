// Finding 21: `implements(..)` naming a trait that has no `#[objfp::interface]`. rustc's
// own error (E0423, a name-resolution error, before any trait check an objfp diagnostic
// could hook) says "expected value, found trait"; the derive's docs and the README explain
// it. This case pins the message so that a better one is noticed.
#[derive(objfp::TypeFingerprint, Debug)]
#[fingerprint(implements(std::fmt::Debug))]
struct Thing {
    id: u64,
}

fn main() {}
