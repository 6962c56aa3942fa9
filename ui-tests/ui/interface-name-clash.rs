// `#[objfp::interface]` defines a hidden const named like the trait, in the value
// namespace; a function of that name in the same module clashes with it.
#[objfp::interface]
pub trait Orders {
    fn count(&self) -> usize;
}

#[allow(non_snake_case)]
pub fn Orders() {}

fn main() {}
