#[objfp::interface]
pub trait Store {
    fn put<T: Clone>(&mut self, value: T);
}

fn main() {}
