#[derive(objfp::TypeFingerprint)]
#[fingerprint(expect = "not hex")]
struct Short {
    id: u64,
}

#[derive(objfp::TypeFingerprint)]
#[fingerprint(expect = "zz00000000000000000000000000000000000000000000000000000000000000")]
struct BadDigit {
    id: u64,
}

fn main() {}
