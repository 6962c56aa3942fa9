#[objfp::interface]
pub struct NotATrait {
    id: u64,
}

fn main() {}
