//! serde support: `Fingerprint` as data and `Tagged<T>`, with serde_json and postcard.

use objfp::{Fingerprint, Tagged, TypeFingerprint};
use serde::de::value::{BytesDeserializer, Error as ValueError, SeqDeserializer};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TypeFingerprint)]
struct PriceV1 {
    cents: u32,
    currency: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TypeFingerprint)]
struct Price {
    cents: u64,
    currency: String,
}

fn price_v1() -> PriceV1 {
    PriceV1 {
        cents: 250,
        currency: "EUR".into(),
    }
}

#[test]
fn fingerprint_is_a_hex_string_in_json() {
    let fp = Price::FINGERPRINT;
    let json = serde_json::to_string(&fp).unwrap();
    assert_eq!(json, format!("\"{fp}\""));
    assert_eq!(json.len(), 64 + 2);
    assert_eq!(serde_json::from_str::<Fingerprint>(&json).unwrap(), fp);

    // Either case is accepted.
    let upper = format!("\"{}\"", fp.to_string().to_uppercase());
    assert_eq!(serde_json::from_str::<Fingerprint>(&upper).unwrap(), fp);

    // Inside a struct, as a map key's value.
    let value = serde_json::json!({ "schema": fp });
    assert_eq!(value["schema"], serde_json::Value::String(fp.to_string()));
}

#[test]
fn fingerprint_json_errors() {
    let short = serde_json::from_str::<Fingerprint>("\"abcd\"").unwrap_err();
    assert!(short.to_string().contains("64 hex digits"), "{short}");
    let bad = format!("\"{}\"", "g".repeat(64));
    let err = serde_json::from_str::<Fingerprint>(&bad).unwrap_err();
    assert!(err.to_string().contains("position 0"), "{err}");
    assert!(serde_json::from_str::<Fingerprint>("42").is_err());
}

#[test]
fn fingerprint_is_32_raw_bytes_in_postcard() {
    let fp = Price::FINGERPRINT;
    let bytes = postcard::to_allocvec(&fp).unwrap();
    assert_eq!(bytes.len(), 33);
    assert_eq!(bytes[0], 32); // the varint length of serialize_bytes
    assert_eq!(&bytes[1..], fp.as_bytes());
    assert_eq!(postcard::from_bytes::<Fingerprint>(&bytes).unwrap(), fp);

    let mut wrong_len = vec![31u8];
    wrong_len.extend_from_slice(&fp.as_bytes()[..31]);
    assert!(postcard::from_bytes::<Fingerprint>(&wrong_len).is_err());
    assert!(postcard::from_bytes::<Fingerprint>(&bytes[..20]).is_err());
}

#[test]
fn fingerprint_accepts_bytes_and_a_sequence_of_32_u8() {
    let fp = Price::FINGERPRINT;

    let from_bytes =
        Fingerprint::deserialize(BytesDeserializer::<ValueError>::new(fp.as_bytes())).unwrap();
    assert_eq!(from_bytes, fp);

    let from_seq = Fingerprint::deserialize(SeqDeserializer::<_, ValueError>::new(
        fp.as_bytes().iter().copied(),
    ))
    .unwrap();
    assert_eq!(from_seq, fp);

    // serde_json reads a sequence of numbers through the same visitor (as `Value`).
    let numbers = serde_json::to_value(fp.as_bytes()).unwrap();
    let seq = SeqDeserializer::<_, ValueError>::new(
        numbers
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_u64().unwrap() as u8),
    );
    assert_eq!(Fingerprint::deserialize(seq).unwrap(), fp);

    let too_short = SeqDeserializer::<_, ValueError>::new(fp.as_bytes()[..31].iter().copied());
    assert!(Fingerprint::deserialize(too_short).is_err());
    let too_long = SeqDeserializer::<_, ValueError>::new([0u8; 33].into_iter());
    assert!(Fingerprint::deserialize(too_long).is_err());
    let short_bytes = BytesDeserializer::<ValueError>::new(&[1, 2, 3]);
    assert!(Fingerprint::deserialize(short_bytes).is_err());
}

#[test]
fn tagged_round_trips_in_json() {
    let tagged = Tagged::new(price_v1());
    assert_eq!(tagged.fingerprint(), PriceV1::FINGERPRINT);
    let json = serde_json::to_string(&tagged).unwrap();
    assert_eq!(
        json,
        format!(
            "[\"{}\",{{\"cents\":250,\"currency\":\"EUR\"}}]",
            PriceV1::FINGERPRINT
        )
    );
    let back: Tagged<PriceV1> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, tagged);
    assert_eq!(back.cents, 250); // Deref
    assert_eq!(back.into_inner(), price_v1());
}

#[test]
fn tagged_refuses_another_shape_in_json_naming_both_fingerprints() {
    let json = serde_json::to_string(&Tagged::new(price_v1())).unwrap();
    let err = serde_json::from_str::<Tagged<Price>>(&json).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("fingerprint mismatch"), "{text}");
    assert!(text.contains("`Price`"), "{text}");
    assert!(
        text.contains(&Price::FINGERPRINT.short().to_string()),
        "{text}"
    );
    assert!(
        text.contains(&PriceV1::FINGERPRINT.short().to_string()),
        "{text}"
    );
    // Refused on the tag, although the payload would have decoded as `Price`.
    assert!(serde_json::from_str::<Price>(&serde_json::to_string(&price_v1()).unwrap()).is_ok());
}

#[test]
fn tagged_json_structure_errors() {
    assert!(serde_json::from_str::<Tagged<u8>>("[]").is_err());
    let only_tag = format!("[\"{}\"]", u8::FINGERPRINT);
    assert!(serde_json::from_str::<Tagged<u8>>(&only_tag).is_err());
    let wrong_value = format!("[\"{}\",\"x\"]", u8::FINGERPRINT);
    assert!(serde_json::from_str::<Tagged<u8>>(&wrong_value).is_err());
    assert!(serde_json::from_str::<Tagged<u8>>("{\"value\": 1}").is_err());
}

#[test]
fn tagged_round_trips_and_refuses_in_postcard() {
    let tagged = Tagged::new(price_v1());
    let bytes = postcard::to_allocvec(&tagged).unwrap();
    // The raw fingerprint (length-prefixed bytes) comes first.
    assert_eq!(bytes[0], 32);
    assert_eq!(&bytes[1..33], PriceV1::FINGERPRINT.as_bytes());
    assert_eq!(
        &bytes[33..],
        postcard::to_allocvec(&price_v1()).unwrap().as_slice()
    );

    let back: Tagged<PriceV1> = postcard::from_bytes(&bytes).unwrap();
    assert_eq!(back.value, price_v1());

    // postcard would happily read the v1 payload as `Price` (both start with a varint):
    let untagged = postcard::to_allocvec(&price_v1()).unwrap();
    assert!(postcard::from_bytes::<Price>(&untagged).is_ok());
    // the tag refuses it.
    let err = postcard::from_bytes::<Tagged<Price>>(&bytes).unwrap_err();
    assert_eq!(err, postcard::Error::SerdeDeCustom);
}

#[test]
fn tagged_of_generic_and_nested_types() {
    let value: Vec<Tagged<u16>> = vec![Tagged::new(1), 2.into()];
    let json = serde_json::to_string(&value).unwrap();
    let back: Vec<Tagged<u16>> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, value);
    let err = serde_json::from_str::<Vec<Tagged<u32>>>(&json).unwrap_err();
    assert!(err.to_string().contains("`u32`"), "{err}");

    let bytes = postcard::to_allocvec(&Tagged::new(Some(vec![1u8, 2]))).unwrap();
    let back: Tagged<Option<Vec<u8>>> = postcard::from_bytes(&bytes).unwrap();
    assert_eq!(back.value, Some(vec![1, 2]));
}

/// Audit finding 11.5 in the serde messages: a sequence of 40 bytes was reported as
/// "invalid length 33"; the length reported is the sequence's.
#[test]
fn fingerprint_seq_length_errors_say_the_length() {
    // Postcard's compact form: `deserialize_bytes` reaches a sequence of `u8` here.
    let too_long = SeqDeserializer::<_, ValueError>::new([0u8; 40].into_iter());
    let err = Fingerprint::deserialize(too_long).unwrap_err().to_string();
    assert!(err.contains("invalid length 40"), "{err}");
    let too_short = SeqDeserializer::<_, ValueError>::new([0u8; 3].into_iter());
    let err = Fingerprint::deserialize(too_short).unwrap_err().to_string();
    assert!(err.contains("invalid length 3"), "{err}");
}

mod support;

crate::lock_round_trip_test!(PriceV1, Price);
