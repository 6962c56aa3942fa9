macro_rules! getter {
    () => {
        fn get(&self) -> u64;
    };
}

#[objfp::interface]
pub trait Store {
    getter!();
}

fn main() {}
