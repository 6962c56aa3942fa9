#[objfp::interface]
pub trait Store {
    fn key<const N: usize>(&self) -> [u8; N];
}

fn main() {}
