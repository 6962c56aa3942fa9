//! Reading: the document (`version`, one `[Name]` section per type, its fingerprint),
//! each section's declarations handed to `decl.rs`.

use std::borrow::ToOwned;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::format;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::string::{String, ToString};
use std::vec::Vec;

use crate::Fingerprint;
use crate::diff::{Graph, Id};

use super::build;
use super::decl::Body;
use super::token::tokenize;
use super::{LockError, VERSION};

/// A parsed lockfile: per listed type, its stored fingerprint and description.
///
/// ```
/// #[derive(objfp::TypeFingerprint)]
/// struct Ping { seq: u32 }
///
/// let text = objfp::lock::render(&objfp::lock_entries![Ping]).unwrap();
/// let lockfile = objfp::lock::Lockfile::parse(&text).unwrap();
/// use objfp::TypeFingerprint;
/// assert_eq!(lockfile.fingerprint("Ping"), Some(Ping::FINGERPRINT));
/// assert_eq!(lockfile.iter().count(), 1);
/// ```
#[derive(Debug)]
pub struct Lockfile {
    pub(super) sections: Vec<Section>,
    /// Each section's index in `sections`, by name.
    index: BTreeMap<String, usize>,
}

#[derive(Debug)]
pub(super) struct Section {
    pub(super) name: String,
    pub(super) fingerprint: Fingerprint,
    pub(super) graph: Graph<'static>,
    pub(super) root: Id,
    /// The label of each declared node.
    pub(super) labels: BTreeMap<Id, String>,
}

impl Lockfile {
    /// Reads and parses the file at `path`.
    ///
    /// ```
    /// use objfp::lock::{LockError, Lockfile};
    /// let err = Lockfile::read("/nonexistent/fingerprints.lock").unwrap_err();
    /// assert!(matches!(err, LockError::Missing { .. }));
    /// ```
    pub fn read(path: impl AsRef<Path>) -> Result<Lockfile, LockError> {
        let path = path.as_ref();
        let io_error = |source| LockError::Io {
            path: path.to_owned(),
            source,
        };
        let file = match fs::File::open(path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(LockError::Missing {
                    path: path.to_owned(),
                });
            }
            Err(source) => return Err(io_error(source)),
        };
        // Never more than the limit and one byte, however large the file.
        let mut bytes = Vec::new();
        file.take(MAX_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(io_error)?;
        if bytes.len() > MAX_BYTES {
            let (line, message) = too_large(&bytes);
            return Err(LockError::Parse {
                path: path.to_owned(),
                line,
                message,
            });
        }
        let text = std::str::from_utf8(&bytes).map_err(|e| {
            let line = 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            LockError::Parse {
                path: path.to_owned(),
                line,
                message: "the lockfile is not valid UTF-8".to_owned(),
            }
        })?;
        parse(text).map_err(|(line, message)| LockError::Parse {
            path: path.to_owned(),
            line,
            message,
        })
    }

    /// Parses lockfile text. Errors are [`LockError::Parse`] with an empty `path`.
    ///
    /// ```
    /// use objfp::lock::{LockError, Lockfile};
    /// let err = Lockfile::parse("version = 1\n\n[Order]\nfingerprint = xyz\n").unwrap_err();
    /// assert!(matches!(err, LockError::Parse { line: 4, .. }));
    /// ```
    pub fn parse(text: &str) -> Result<Lockfile, LockError> {
        parse(text).map_err(|(line, message)| LockError::Parse {
            path: PathBuf::new(),
            line,
            message,
        })
    }

    /// The stored fingerprint of the type listed as `name`.
    ///
    /// ```
    /// let lockfile = objfp::lock::Lockfile::parse("version = 1\n").unwrap();
    /// assert_eq!(lockfile.fingerprint("Order"), None);
    /// ```
    pub fn fingerprint(&self, name: &str) -> Option<Fingerprint> {
        self.section(name).map(|s| s.fingerprint)
    }

    /// The listed types and their stored fingerprints, in file order (sorted by name when
    /// the file was written by objfp).
    ///
    /// ```
    /// let lockfile = objfp::lock::Lockfile::parse("version = 1\n").unwrap();
    /// assert!(lockfile.iter().next().is_none());
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&str, Fingerprint)> + '_ {
        self.sections
            .iter()
            .map(|s| (s.name.as_str(), s.fingerprint))
    }

    pub(super) fn section(&self, name: &str) -> Option<&Section> {
        self.index.get(name).map(|&i| &self.sections[i])
    }
}

pub(super) type ParseResult<T> = Result<T, (usize, String)>;

/// Whether a line is blank or a comment (`#` not followed by `[`).
pub(super) fn is_skippable(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || (t.starts_with('#') && !t.starts_with("#["))
}

/// The value of a `key = value` line. Only ASCII whitespace surrounds the two, as for
/// fingerprints: another space is part of the text, and an error there.
fn key_value<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let (k, v) = line.split_once('=')?;
    (k.trim_ascii() == key).then(|| v.trim_ascii())
}

/// Text from the file as a message shows it: at most 40 characters (then `…`), control
/// characters escaped, so that a message stays one short line whatever the file holds.
pub(super) fn excerpt(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == 40 {
            out.push('…');
            break;
        }
        if c.is_control() {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// A line, trimmed, in backticks, as [`excerpt`] shows it.
fn shorten(line: &str) -> String {
    format!("`{}`", excerpt(line.trim()))
}

/// The largest lockfile objfp reads, and writes: 8 MiB. A real lockfile is a few
/// kilobytes per listed type; the limit keeps a hostile file from costing more than a
/// bounded amount of time and memory (the shape graphs are some 30 times the text).
pub(super) const MAX_BYTES: usize = 8 << 20;

/// The error for text over [`MAX_BYTES`], on the line where it crosses the limit.
fn too_large(bytes: &[u8]) -> (usize, String) {
    let within = bytes.get(..MAX_BYTES).unwrap_or(bytes);
    let line = 1 + within.iter().filter(|&&b| b == b'\n').count();
    (
        line,
        format!(
            "the lockfile is larger than 8 MiB ({MAX_BYTES} bytes), the most objfp reads, from \
             this line on; objfp never writes one that large: check that this is the lockfile, \
             or split the listed types over several lockfiles"
        ),
    )
}

fn parse(text: &str) -> ParseResult<Lockfile> {
    if text.len() > MAX_BYTES {
        return Err(too_large(text.as_bytes()));
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    let next_content = |i: &mut usize| {
        while *i < lines.len() && is_skippable(lines[*i]) {
            *i += 1;
        }
    };
    next_content(&mut i);
    let Some(first) = lines.get(i) else {
        return Err((
            lines.len().max(1),
            format!("expected `version = {VERSION}`, found the end of the file"),
        ));
    };
    match key_value(first, "version") {
        Some(v) if v == VERSION.to_string() => {}
        Some(v) => {
            return Err((
                i + 1,
                format!(
                    "unsupported lockfile version `{}`: this objfp reads version {VERSION}",
                    excerpt(v)
                ),
            ));
        }
        None => {
            return Err((
                i + 1,
                format!(
                    "expected `version = {VERSION}` before anything else, found {}",
                    shorten(first)
                ),
            ));
        }
    }
    i += 1;
    let mut sections: Vec<Section> = Vec::new();
    let mut first_line: BTreeMap<String, usize> = BTreeMap::new();
    loop {
        next_content(&mut i);
        let Some(line) = lines.get(i) else { break };
        let header_line = i + 1;
        let t = line.trim_end();
        let name = match t.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            Some(name) if !name.trim().is_empty() && !line.starts_with(' ') => name.trim(),
            _ => {
                return Err((
                    header_line,
                    format!(
                        "expected a type header like `[Order]`, found {}",
                        shorten(line)
                    ),
                ));
            }
        };
        if let Some(first) = first_line.get(name) {
            return Err((
                header_line,
                format!(
                    "duplicate type `{}`: it is already listed at line {first}",
                    excerpt(name)
                ),
            ));
        }
        first_line.insert(name.to_owned(), header_line);
        i += 1;
        next_content(&mut i);
        let fp_line = i + 1;
        let fingerprint = match lines.get(i).and_then(|l| key_value(l, "fingerprint")) {
            Some(hex) => hex.parse::<Fingerprint>().map_err(|e| {
                let name = excerpt(name);
                (
                    fp_line,
                    format!("bad fingerprint for `{name}` after `fingerprint = `: {e}"),
                )
            })?,
            None => {
                let found = lines
                    .get(i)
                    .map_or("the end of the file".to_owned(), |l| shorten(l));
                return Err((
                    fp_line.min(lines.len().max(1)),
                    format!(
                        "expected `fingerprint = <64 hex digits>` after `[{}]`, found {found}",
                        excerpt(name)
                    ),
                ));
            }
        };
        i += 1;
        // The body runs to the next header (a line starting with `[`).
        let start = i;
        while i < lines.len() && !lines[i].starts_with('[') {
            i += 1;
        }
        let tokens = tokenize(&lines[start..i], start + 1)?;
        // "Unexpected end" points at the section's last line with content.
        let end_line = tokens.last().map_or(fp_line, |t| t.line);
        let ast = Body {
            toks: &tokens,
            pos: 0,
            end_line,
            fp_line,
        }
        .parse(name)?;
        // The tokens are done with: memory holds the syntax tree and the graph, not all three.
        drop(tokens);
        let (graph, root, labels) = build::section(name, ast, fp_line)?;
        sections.push(Section {
            name: name.to_owned(),
            fingerprint,
            graph,
            root,
            labels,
        });
    }
    let index = sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.clone(), i))
        .collect();
    Ok(Lockfile { sections, index })
}
