use std::future::Future;

#[objfp::interface]
pub trait Fetch {
    fn fetch(&self) -> impl Future + Send;
}

fn main() {}
