//! A serializer that records every call serde makes, with names, lengths and values, in
//! a human-readable or a compact mode: two values with equal records are written alike by
//! every serde format. Shared by the integration tests that check objfp's impls against
//! what serde really writes (`mod support;` in each: every test file is its own crate).
#![allow(dead_code)]
use std::fmt::{self, Display, Write};

use serde::Serialize;
use serde::ser::{self, Serializer};

pub fn human<T: Serialize + ?Sized>(value: &T) -> String {
    record(value, true)
}

pub fn compact<T: Serialize + ?Sized>(value: &T) -> String {
    record(value, false)
}

/// What a value writes in the four ways the helper tests compare: the recording
/// serializer's human-readable and compact records, serde_json's text and postcard's bytes.
pub type Written = (String, String, String, Vec<u8>);

/// `value` written in the four ways of [`Written`].
pub fn written<T: Serialize + ?Sized>(value: &T) -> Written {
    (
        human(value),
        compact(value),
        serde_json::to_string(value).expect("serde_json writes it"),
        postcard::to_allocvec(value).expect("postcard writes it"),
    )
}

/// Asserts that `real` (what a helper wrote) is exactly what serde writes for `reference`,
/// in both modes and in serde_json and postcard.
#[track_caller]
pub fn writes_as<R: Serialize + ?Sized>(real: Written, reference: &R) {
    let expected = written(reference);
    assert_eq!(real.0, expected.0, "human-readable");
    assert_eq!(real.1, expected.1, "compact");
    assert_eq!(real.2, expected.2, "serde_json");
    assert_eq!(real.3, expected.3, "postcard");
}

fn record<T: Serialize + ?Sized>(value: &T, human: bool) -> String {
    let mut trace = Trace {
        out: String::new(),
        human,
    };
    value.serialize(&mut trace).expect("serializable");
    trace.out
}

struct Trace {
    out: String,
    human: bool,
}

impl Trace {
    fn put(&mut self, token: impl Display) -> Result<(), Error> {
        write!(self.out, "{token} ").unwrap();
        Ok(())
    }
}

#[derive(Debug)]
pub struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

macro_rules! scalars {
    ($($method:ident: $ty:ty,)*) => {$(
        fn $method(self, v: $ty) -> Result<(), Error> {
            self.put(format_args!("{}:{:?}", stringify!($ty), v))
        }
    )*};
}

impl Serializer for &mut Trace {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn is_human_readable(&self) -> bool {
        self.human
    }

    scalars! {
        serialize_bool: bool,
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_i128: i128,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_u128: u128,
        serialize_f32: f32,
        serialize_f64: f64,
        serialize_char: char,
        serialize_str: &str,
        serialize_bytes: &[u8],
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.put("none")
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        self.put("some")?;
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.put("unit")
    }

    fn serialize_unit_struct(self, name: &'static str) -> Result<(), Error> {
        self.put(format_args!("unit_struct:{name}"))
    }

    fn serialize_unit_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.put(format_args!("unit_variant:{name}:{index}:{variant}"))
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.put(format_args!("newtype_struct:{name}"))?;
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.put(format_args!("newtype_variant:{name}:{index}:{variant}"))?;
        value.serialize(self)
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self, Error> {
        self.put(format_args!("seq:{len:?} ["))?;
        Ok(self)
    }

    fn serialize_tuple(self, len: usize) -> Result<Self, Error> {
        self.put(format_args!("tuple:{len} ("))?;
        Ok(self)
    }

    fn serialize_tuple_struct(self, name: &'static str, len: usize) -> Result<Self, Error> {
        self.put(format_args!("tuple_struct:{name}:{len} ("))?;
        Ok(self)
    }

    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self, Error> {
        self.put(format_args!(
            "tuple_variant:{name}:{index}:{variant}:{len} ("
        ))?;
        Ok(self)
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Self, Error> {
        self.put(format_args!("map:{len:?} {{"))?;
        Ok(self)
    }

    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Self, Error> {
        self.put(format_args!("struct:{name}:{len} {{"))?;
        Ok(self)
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self, Error> {
        self.put(format_args!(
            "struct_variant:{name}:{index}:{variant}:{len} {{"
        ))?;
        Ok(self)
    }
}

impl ser::SerializeSeq for &mut Trace {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        self.put("]")
    }
}

macro_rules! tuple_like {
    ($($trait:ident::$method:ident),*) => {$(
        impl ser::$trait for &mut Trace {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                value.serialize(&mut **self)
            }
            fn end(self) -> Result<(), Error> {
                self.put(")")
            }
        }
    )*};
}

tuple_like!(
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for &mut Trace {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.put("key")?;
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.put("value")?;
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        self.put("}")
    }
}

macro_rules! struct_like {
    ($($trait:ident),*) => {$(
        impl ser::$trait for &mut Trace {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.put(format_args!("{key}:"))?;
                value.serialize(&mut **self)
            }
            fn skip_field(&mut self, key: &'static str) -> Result<(), Error> {
                self.put(format_args!("skip:{key}"))
            }
            fn end(self) -> Result<(), Error> {
                self.put("}")
            }
        }
    )*};
}

struct_like!(SerializeStruct, SerializeStructVariant);
