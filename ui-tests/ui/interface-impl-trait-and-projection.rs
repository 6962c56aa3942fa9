#[objfp::interface]
pub trait Source {
    type Item;
    fn next(&mut self) -> Option<Self::Item>;
    fn all(&self) -> impl Iterator<Item = u8>;
}

fn main() {}
