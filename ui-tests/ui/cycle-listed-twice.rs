// Finding 13: a member listed twice in `cycle(...)` is refused, with the duplicate
// pointed at.
#[derive(objfp::TypeFingerprint)]
#[fingerprint(cycle(List, List))]
enum List {
    Nil,
    Cons(u32, Box<List>),
}

fn main() {}
