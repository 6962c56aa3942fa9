//! `claim!`: a type whose fingerprint is spelled from SPEC.md with `objfp::encoding`, to
//! compare a derive's result with (the well-known helpers' tests).

/// A type whose fingerprint is the named shape `$name` over `$inner`, the opaque grammar
/// node `$name`, or `encoding::$f(A, B)` (the `proxy` and `readable` pairs), spelled from
/// SPEC.md §10b.
#[macro_export]
macro_rules! claim {
    ($ty:ident = named($name:literal, $inner:ty)) => {
        struct $ty;
        impl objfp::TypeFingerprint for $ty {
            const FINGERPRINT: objfp::Fingerprint =
                objfp::encoding::named($name, <$inner as objfp::TypeFingerprint>::FINGERPRINT);
            const DESCRIPTION: &'static objfp::Description = &objfp::Description {
                name: stringify!($ty),
                args: &[],
                fingerprint: Self::FINGERPRINT,
                shape: objfp::Shape::Named {
                    name: $name,
                    inner: <$inner as objfp::TypeFingerprint>::DESCRIBE,
                },
            };
        }
    };
    ($ty:ident = opaque($name:literal)) => {
        struct $ty;
        impl objfp::TypeFingerprint for $ty {
            const FINGERPRINT: objfp::Fingerprint = objfp::encoding::opaque($name);
            const DESCRIPTION: &'static objfp::Description = &objfp::Description {
                name: stringify!($ty),
                args: &[],
                fingerprint: Self::FINGERPRINT,
                shape: objfp::Shape::Opaque($name),
            };
        }
    };
    ($ty:ident = $f:ident($a:ty, $b:ty)) => {
        struct $ty;
        impl objfp::TypeFingerprint for $ty {
            const FINGERPRINT: objfp::Fingerprint = objfp::encoding::$f(
                <$a as objfp::TypeFingerprint>::FINGERPRINT,
                <$b as objfp::TypeFingerprint>::FINGERPRINT,
            );
            const DESCRIPTION: &'static objfp::Description = &objfp::Description {
                name: stringify!($ty),
                args: &[],
                fingerprint: Self::FINGERPRINT,
                shape: objfp::Shape::Opaque("test stand-in"),
            };
        }
    };
}
