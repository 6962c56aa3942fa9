// Finding 13, another spelling: two paths to one trait are one interface listed twice.
mod api {
    #[objfp::interface]
    pub trait Named {
        fn name(&self) -> String;
    }
}
use api::Named;

#[derive(objfp::TypeFingerprint)]
#[fingerprint(implements(Named, api::Named))]
struct Thing;

impl Named for Thing {
    fn name(&self) -> String {
        String::new()
    }
}

const _: objfp::Fingerprint = <Thing as objfp::TypeFingerprint>::FINGERPRINT;

fn main() {}
