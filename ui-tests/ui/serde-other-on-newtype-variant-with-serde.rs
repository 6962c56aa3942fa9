#[derive(serde::Serialize, serde::Deserialize, objfp::TypeFingerprint)]
#[serde(tag = "kind")]
enum Event {
    Start,
    #[serde(other)]
    Unknown(u8),
}

fn main() {}
