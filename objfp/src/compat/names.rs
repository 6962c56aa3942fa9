//! Type names and path segments for reports, in the notation of `objfp::diff`.

use alloc::format;
use alloc::string::String;
use core::fmt::Write;

use crate::{Description, Shape};

/// How deep type arguments are rendered before `…`.
const MAX_DEPTH: usize = 16;

/// `Vec<Item>`, `Option<string>`, `[u8; 4]`, `(u8, bool)`, or a derived type's name.
pub(crate) fn type_name(d: &Description) -> String {
    let mut out = String::new();
    write_name(&mut out, d, 0);
    out
}

fn write_name(out: &mut String, d: &Description, depth: usize) {
    if depth > MAX_DEPTH {
        out.push('…');
        return;
    }
    let arg = |out: &mut String, t: &crate::TypeRef| write_name(out, t(), depth + 1);
    let name_or = |fallback: &'static str| if d.name.is_empty() { fallback } else { d.name };
    match &d.shape {
        Shape::Primitive(p) => out.push_str(p.name()),
        Shape::Option(item) => {
            out.push_str(name_or("Option"));
            out.push('<');
            arg(out, item);
            out.push('>');
        }
        Shape::Seq(item) if d.name.is_empty() || d.name == "[]" => {
            out.push('[');
            arg(out, item);
            out.push(']');
        }
        Shape::Seq(item) => {
            out.push_str(d.name);
            out.push('<');
            arg(out, item);
            out.push('>');
        }
        Shape::Map { key, value } => {
            out.push_str(name_or("Map"));
            out.push('<');
            arg(out, key);
            out.push_str(", ");
            arg(out, value);
            out.push('>');
        }
        Shape::Array { len, item } => {
            out.push('[');
            arg(out, item);
            let _ = write!(out, "; {len}]");
        }
        Shape::Tuple(items) => {
            out.push('(');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                arg(out, item);
            }
            if items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        _ => {
            out.push_str(d.name);
            if !d.args.is_empty() {
                out.push('<');
                for (i, t) in d.args.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    arg(out, t);
                }
                out.push('>');
            }
        }
    }
}

/// Whether `s` can stand in a path without quotes.
fn is_bare(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// `s` double-quoted, with `"`, `\` and control characters escaped.
pub(crate) fn quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A field or variant name as a path segment: bare when it can be, else quoted.
pub(crate) fn push_name(out: &mut String, s: &str) {
    if is_bare(s) {
        out.push_str(s);
    } else {
        quoted(out, s);
    }
}

/// A name as a string, for change texts.
pub(crate) fn name_token(s: &str) -> String {
    let mut out = String::new();
    push_name(&mut out, s);
    out
}

/// An attribute as people write it: `flatten`, or `default = "zero"`.
pub(crate) fn attr_text(key: &str, value: &str) -> String {
    if value.is_empty() {
        String::from(key)
    } else {
        let mut out = format!("{key} = ");
        quoted(&mut out, value);
        out
    }
}
