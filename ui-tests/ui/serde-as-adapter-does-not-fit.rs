// What `#[serde_as(as = "Vec<DisplayFromStr>")]` hands to serde, on a field that is not a
// sequence: serde_with would not compile it either, and objfp cannot tell what it writes.
#[derive(objfp::TypeFingerprint)]
struct Order {
    #[serde(with = "::serde_with::As::<Vec<::serde_with::DisplayFromStr>>")]
    id: u32,
}

fn main() {}
