// Issue 12.5: a field naming a type through a path whose last segment is a member's name
// is taken for the member, and checked: another type of that name is an error that says
// how to tell them apart.
mod v1 {
    #[derive(objfp::TypeFingerprint)]
    pub struct Block {
        pub old: u8,
    }
}

#[derive(objfp::TypeFingerprint)]
#[fingerprint(cycle(Expr, Block))]
enum Expr {
    Lit(i64),
    Old(v1::Block),
    New(Box<Block>),
}

#[derive(objfp::TypeFingerprint)]
#[fingerprint(cycle(Expr, Block))]
struct Block {
    exprs: Vec<Expr>,
}

fn main() {}
