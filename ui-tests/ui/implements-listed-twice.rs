// Finding 13: a trait listed twice in `implements(...)` is refused, with the duplicate
// pointed at.
#[objfp::interface]
pub trait Named {
    fn name(&self) -> String;
}

#[derive(objfp::TypeFingerprint)]
#[fingerprint(implements(Named, Named))]
struct Thing;

impl Named for Thing {
    fn name(&self) -> String {
        String::new()
    }
}

fn main() {}
