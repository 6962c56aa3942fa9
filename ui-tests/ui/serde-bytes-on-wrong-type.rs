// `serde_bytes` writes byte containers; a `u32` field is not one.
#[derive(objfp::TypeFingerprint)]
struct Packet {
    #[serde(with = "serde_bytes")]
    len: u32,
}

fn main() {}
