#[objfp::interface]
pub trait Store {
    fn put(&mut self, value: impl Into<u64>);
}

fn main() {}
