pub struct Wrapper<T>(pub T);

#[derive(objfp::TypeFingerprint)]
#[serde(remote = "Wrapper<u8>")]
struct WrapperDef<T>(T);

fn main() {}
