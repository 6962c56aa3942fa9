//! `ordered_float` 5 (feature `ordered-float`): serde writes `OrderedFloat<T>` and
//! `NotNan<T>` as the `T` they hold (`self.0.serialize(..)`), so each is transparent, like
//! `Box<T>`. Reading NaN into a `NotNan` is an error, not a different shape.

use ::ordered_float::{NotNan, OrderedFloat};

use crate::TypeFingerprint;

same_as! {
    [T: TypeFingerprint] OrderedFloat<T> => T;
    [T: TypeFingerprint] NotNan<T> => T;
}
