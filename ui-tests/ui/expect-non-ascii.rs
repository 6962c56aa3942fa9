// Finding 21: a pin with a non-ASCII character names the character, and counts
// characters, not bytes.
#[derive(objfp::TypeFingerprint)]
#[fingerprint(expect = "e9eba936203661f319eb8276833299f4ec35522a7f7e2a85d1e2b0ee0843939é")]
struct Order {
    id: u64,
}

fn main() {}
