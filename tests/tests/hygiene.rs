//! The generated code only uses absolute paths: it compiles next to types that shadow the
//! prelude, under `#![no_implicit_prelude]`-style scopes, and with objfp renamed.
#![allow(dead_code, non_camel_case_types)]

extern crate objfp as renamed_objfp;

mod shadowing {
    // Types named like the ones generated code might reach for without a full path.
    struct Result;
    struct Option;
    struct Some;
    struct None;
    struct Vec;
    struct String;
    struct Box;
    struct Fingerprint;
    struct Description;
    struct TypeFingerprint;
    struct u8;

    #[derive(objfp::TypeFingerprint)]
    pub struct Plain {
        pub id: core::primitive::u64,
        pub tags: std::vec::Vec<std::string::String>,
    }

    #[derive(objfp::TypeFingerprint)]
    pub enum Both {
        A(core::primitive::u32),
        B {
            x: std::option::Option<core::primitive::bool>,
        },
    }
}

mod reference {
    #[derive(objfp::TypeFingerprint)]
    pub struct Plain {
        pub id: u64,
        pub tags: Vec<String>,
    }
}

mod no_prelude {
    #![no_implicit_prelude]

    #[derive(::objfp::TypeFingerprint)]
    pub struct Plain {
        pub id: u64,
        pub tags: ::std::vec::Vec<::std::string::String>,
    }
}

mod renamed {
    #[derive(super::renamed_objfp::TypeFingerprint)]
    #[fingerprint(crate = "crate::renamed_objfp")]
    pub struct Plain {
        pub id: u64,
        pub tags: Vec<String>,
    }
}

mod bounds {
    use objfp::TypeFingerprint;

    pub trait Store {
        type Key;
    }

    /// An associated type in a field gets a bound on the field type.
    #[derive(objfp::TypeFingerprint)]
    pub struct Keyed<S: Store> {
        pub key: S::Key,
    }

    /// `bound` replaces the inferred bounds.
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(bound = "T: TypeFingerprint + Clone")]
    pub struct Wrapper<T> {
        pub inner: T,
    }

    /// A parameter used only in `PhantomData` needs no bound.
    #[derive(objfp::TypeFingerprint)]
    pub struct Tagged<Marker> {
        pub id: u64,
        pub marker: core::marker::PhantomData<Marker>,
    }

    /// Const generics and lifetimes.
    #[derive(objfp::TypeFingerprint)]
    pub struct Buffer<'a, const N: usize> {
        pub data: [u8; N],
        pub label: &'a str,
    }

    pub struct NoFingerprint;
    pub struct ByU32;
    impl Store for ByU32 {
        type Key = u32;
    }

    pub fn checks() {
        assert_eq!(<Keyed<ByU32>>::FINGERPRINT, <Keyed2>::FINGERPRINT);
        assert_eq!(
            <Wrapper<u8>>::FINGERPRINT,
            <Wrapper<u8>>::DESCRIPTION.fingerprint
        );
        // No `NoFingerprint: TypeFingerprint` needed:
        let _ = <Tagged<NoFingerprint>>::FINGERPRINT;
        assert_ne!(
            <Buffer<'static, 4>>::FINGERPRINT,
            <Buffer<'static, 5>>::FINGERPRINT
        );
    }

    #[derive(objfp::TypeFingerprint)]
    pub struct Keyed2 {
        pub key: u32,
    }
}

#[test]
fn generated_code_ignores_shadowed_names() {
    use objfp::TypeFingerprint;
    assert_eq!(shadowing::Plain::FINGERPRINT, reference::Plain::FINGERPRINT);
    let _ = shadowing::Both::DESCRIPTION;
}

#[test]
fn generated_code_needs_no_prelude() {
    use objfp::TypeFingerprint;
    assert_eq!(
        no_prelude::Plain::FINGERPRINT,
        reference::Plain::FINGERPRINT
    );
}

#[test]
fn crate_attribute_reaches_a_renamed_objfp() {
    use objfp::TypeFingerprint;
    assert_eq!(renamed::Plain::FINGERPRINT, reference::Plain::FINGERPRINT);
}

#[test]
fn bounds_are_inferred_only_where_needed_and_can_be_replaced() {
    bounds::checks();
}

mod support;

// The lockfile round trip for the types above (tests/support/lock.rs).
crate::lock_round_trip_test!(
    shadowing::Plain,
    shadowing::Both,
    reference::Plain,
    no_prelude::Plain,
    renamed::Plain,
    bounds::Keyed<bounds::ByU32>,
    bounds::Wrapper<u8>,
    bounds::Tagged<bounds::NoFingerprint>,
    bounds::Buffer<'static, 4>,
    bounds::Keyed2
);
