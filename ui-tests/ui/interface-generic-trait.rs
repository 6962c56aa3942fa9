#[objfp::interface]
pub trait Store<'a, T> {
    fn get(&'a self) -> T;
}

fn main() {}
