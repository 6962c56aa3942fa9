//! Hand-written descriptions of shapes no derive writes, for the runtime's worst cases.

/// Descriptions whose type expression is exponentially longer than they are: each level a
/// tuple of eight of the next, 24 levels down to a primitive (as `type A = (B, B, ..)`
/// aliases can write it).
pub mod shared {
    use objfp::{Description, Fingerprint, Shape, TypeFingerprint, TypeRef};

    macro_rules! levels {
        ($leaf:ty; $($name:ident $next:ident $n:literal),*) => {
            $(
                pub static $name: Description = Description {
                    name: "",
                    args: &[],
                    fingerprint: Fingerprint::from_bytes([$n; 32]),
                    shape: Shape::Tuple(&{
                        const NEXT: TypeRef = || &$next;
                        [NEXT; 8]
                    }),
                };
            )*
            pub static Z: Description = Description {
                name: "",
                args: &[],
                fingerprint: Fingerprint::from_bytes([25; 32]),
                shape: Shape::Tuple(&{
                    const LEAF: TypeRef = || <$leaf as TypeFingerprint>::DESCRIPTION;
                    [LEAF; 2]
                }),
            };
        };
    }

    levels!(u8; A B 1, B C 2, C D 3, D E 4, E F 5, F G 6, G H 7, H I 8, I J 9, J K 10,
        K L 11, L M 12, M N 13, N O 14, O P 15, P Q 16, Q S 17, S T 18, T U 19, U V 20,
        V W 21, W X 22, X Y 23, Y Z 24);
}
