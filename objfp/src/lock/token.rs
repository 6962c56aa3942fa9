//! Reading, first stage: one section's lines as tokens, and the notation's words.

use std::borrow::ToOwned;
use std::fmt;
use std::format;
use std::string::String;
use std::vec::Vec;

use crate::Primitive;
use crate::diff::quoted;

use super::parse::{ParseResult, excerpt, is_skippable};

pub(super) const RESERVED: &[&str] = &["Option", "Map", "own"];

pub(super) const PRIMITIVES: [Primitive; 17] = [
    Primitive::Bool,
    Primitive::I8,
    Primitive::I16,
    Primitive::I32,
    Primitive::I64,
    Primitive::I128,
    Primitive::U8,
    Primitive::U16,
    Primitive::U32,
    Primitive::U64,
    Primitive::U128,
    Primitive::F32,
    Primitive::F64,
    Primitive::Char,
    Primitive::String,
    Primitive::Bytes,
    Primitive::Unit,
];

pub(super) fn primitive_named(name: &str) -> Option<Primitive> {
    PRIMITIVES.iter().copied().find(|p| p.name() == name)
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tok {
    Ident(String),
    Str(String),
    Int(i128),
    Punct(char),
}

impl fmt::Display for Tok {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tok::Ident(s) => write!(f, "`{}`", excerpt(s)),
            Tok::Str(s) => {
                let mut text = String::new();
                quoted(&mut text, s)?;
                write!(f, "`{}`", excerpt(&text))
            }
            Tok::Int(n) => write!(f, "`{n}`"),
            Tok::Punct(c) => write!(f, "`{c}`"),
        }
    }
}

pub(super) struct Token {
    pub(super) tok: Tok,
    pub(super) line: usize,
}

pub(super) fn tokenize(lines: &[&str], first_line: usize) -> ParseResult<Vec<Token>> {
    let mut out = Vec::new();
    for (k, line) in lines.iter().enumerate() {
        let n = first_line + k;
        if is_skippable(line) {
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c.is_whitespace() {
                i += 1;
            } else if c.is_ascii_alphabetic() || c == '_' {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_ascii_alphanumeric() || chars[i] == '_' || chars[i] == '-')
                {
                    i += 1;
                }
                // A `#2` suffix of a label.
                if i + 1 < chars.len() && chars[i] == '#' && chars[i + 1].is_ascii_digit() {
                    i += 1;
                    while i < chars.len() && chars[i].is_ascii_digit() {
                        i += 1;
                    }
                }
                out.push(Token {
                    tok: Tok::Ident(chars[start..i].iter().collect()),
                    line: n,
                });
            } else if c.is_ascii_digit()
                || (c == '-' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()))
            {
                let start = i;
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                let s: String = chars[start..i].iter().collect();
                let value = s
                    .parse::<i128>()
                    .map_err(|_| (n, format!("number `{}` is out of range", excerpt(&s))))?;
                out.push(Token {
                    tok: Tok::Int(value),
                    line: n,
                });
            } else if c == '"' {
                i += 1;
                let mut s = String::new();
                loop {
                    let Some(&c) = chars.get(i) else {
                        return Err((n, "unterminated string: expected a closing `\"`".to_owned()));
                    };
                    i += 1;
                    match c {
                        '"' => break,
                        '\\' => {
                            let e = chars.get(i).copied();
                            i += 1;
                            match e {
                                Some('"') => s.push('"'),
                                Some('\\') => s.push('\\'),
                                Some('n') => s.push('\n'),
                                Some('t') => s.push('\t'),
                                Some('r') => s.push('\r'),
                                Some('u') if chars.get(i) == Some(&'{') => {
                                    let close = chars[i..].iter().position(|&c| c == '}');
                                    let code = close.and_then(|close| {
                                        let hex: String = chars[i + 1..i + close].iter().collect();
                                        i += close + 1;
                                        u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                                    });
                                    match code {
                                        Some(c) => s.push(c),
                                        None => {
                                            return Err((
                                                n,
                                                "bad escape: expected `\\u{hex}` with a valid code point"
                                                    .to_owned(),
                                            ));
                                        }
                                    }
                                }
                                _ => {
                                    return Err((
                                        n,
                                        "bad escape in string: expected one of \\\" \\\\ \\n \\t \\r \\u{..}"
                                            .to_owned(),
                                    ));
                                }
                            }
                        }
                        c => s.push(c),
                    }
                }
                out.push(Token {
                    tok: Tok::Str(s),
                    line: n,
                });
            } else if "{}()[]<>,;:=#".contains(c) {
                out.push(Token {
                    tok: Tok::Punct(c),
                    line: n,
                });
                i += 1;
            } else {
                let c = excerpt(c.encode_utf8(&mut [0; 4]));
                return Err((n, format!("unexpected character `{c}`")));
            }
        }
    }
    Ok(out)
}
