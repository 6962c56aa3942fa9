//! `http_serde` (2.1.1, for `http` 1): one module per `http` type, each with an
//! `http_serde::option::*` twin for `Option`s of it, which writes `serialize_some` of the
//! same or `serialize_none`.
//!
//! | module | serde writes | shape |
//! |---|---|---|
//! | `method` | `serialize_str(method.as_str())` (`"GET"`, or an extension token) | `"http-method"` |
//! | `status_code` | `serialize_u16` (`404`) | `u16` |
//! | `uri` | `collect_str` of the `Uri` (`"https://example.com/a?b"`, `"/a"`, `"*"`) | `"http-uri"` |
//! | `authority` | `collect_str` of the `Authority` (`"user@example.com:8080"`) | `"http-authority"` |
//! | `version` | `serialize_str` of `"HTTP/0.9"`, `"HTTP/1.0"`, `"HTTP/1.1"`, `"HTTP/2.0"`, `"HTTP/3.0"` | `"http-version"` |
//! | `header_map` | `collect_map` from each header name (lower case) to its values | map `"http-header-name"` → [`HeaderValues`] |
//!
//! A status code is a plain `u16` (a value constraint, like `NonZeroU16`, not another
//! meaning of the number). The header values' form depends on the format
//! ([`HeaderValues`]).

use super::{Map, Seq, Text};
use crate::impls::with::OneOrMany;

/// `http::Method`'s text.
pub struct HttpMethod;
/// `http::Uri`'s text.
pub struct HttpUri;
/// `http::uri::Authority`'s text.
pub struct HttpAuthority;
/// `http::Version`'s text.
pub struct HttpVersion;
/// `http::HeaderName`'s text: a lower-case header name.
pub struct HttpHeaderName;

opaque! {
    [] HttpMethod as "HttpMethod" => "http-method";
    [] HttpUri as "HttpUri" => "http-uri";
    [] HttpAuthority as "HttpAuthority" => "http-authority";
    [] HttpVersion as "HttpVersion" => "http-version";
    [] HttpHeaderName as "HttpHeaderName" => "http-header-name";
}

/// The values of one header in `http_serde::header_map`. Human-readable formats: the one
/// value as a string when there is one and it is text, else the sequence of the values
/// that are text (`serde_with`'s `OneOrMany<String>`: an untagged one-or-sequence).
/// Compact formats: the sequence of every value's bytes, each `&[u8]`'s own `Serialize`,
/// a sequence of `u8` (not `serialize_bytes`).
pub struct HeaderValues;

readable! {
    [] HeaderValues as "HeaderValues": OneOrMany<Text> => Seq<Seq<u8>>;
}

/// `http_serde::header_map`'s map.
pub type HeaderMap = Map<HttpHeaderName, HeaderValues>;
