objfp::assert_fingerprint!(u32, "2da6d65e");
objfp::assert_fingerprint!(
    u64,
    "2da6d65e31f33308b6e11b0d30e89247dc84d66874bbe2caa408914b73a0e8zz"
);

fn main() {}
