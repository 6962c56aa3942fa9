pub struct Connection;

#[objfp::interface]
pub trait Service {
    fn call(&self, conn: Connection) -> u64;
}

fn main() {}
