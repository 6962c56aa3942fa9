#[objfp::interface]
pub trait Named {
    fn name(&self) -> String;
}

#[derive(objfp::TypeFingerprint)]
#[fingerprint(implements(Named))]
struct Thing {
    id: u64,
}

fn main() {}
