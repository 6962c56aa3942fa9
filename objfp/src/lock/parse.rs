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
use super::{ENCODING, LockError, VERSION};

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
    /// The format version the file was written in: 1 or 2.
    pub(super) version: u32,
    /// The encoding of its fingerprints (`objfp/1` for every version 1 file).
    pub(super) encoding: String,
    pub(super) sections: Vec<Section>,
    /// Each section's index in `sections`, by name.
    index: BTreeMap<String, usize>,
}

/// One listed type: its current fingerprint and description, and its earlier versions.
#[derive(Debug)]
pub(super) struct Section {
    pub(super) name: String,
    pub(super) fingerprint: Fingerprint,
    pub(super) graph: Graph<'static>,
    pub(super) root: Id,
    /// The label of each declared node.
    pub(super) labels: BTreeMap<Id, String>,
    /// Earlier versions (`[Name@n]`), newest first.
    pub(super) history: Vec<Version>,
}

/// An earlier version of a listed type, `[Name@n]`.
#[derive(Debug)]
pub(super) struct Version {
    pub(super) number: u32,
    pub(super) fingerprint: Fingerprint,
    pub(super) graph: Graph<'static>,
    pub(super) root: Id,
    pub(super) labels: BTreeMap<Id, String>,
}

/// The versions of a format a lockfile may be written in.
const READS: &str = "1 and 2";

/// `Name@n`: the base name and `n` (1 or more), when `header` names an earlier version.
pub(super) fn split_version(header: &str) -> Option<(&str, u32)> {
    let (base, n) = header.rsplit_once('@')?;
    if base.is_empty() || n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = n.parse().ok()?;
    (n > 0).then_some((base, n))
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

    /// The earlier versions recorded for the type listed as `name` (sections
    /// `[name@n]`), newest first: each version's number and fingerprint. Empty for a
    /// type without history, or not listed.
    ///
    /// ```
    /// let text = "version = 2\nencoding = objfp/2\n\n\
    ///     [Id]\nfingerprint = 0101010101010101010101010101010101010101010101010101010101010101\ntype = u64\n\n\
    ///     [Id@1]\nfingerprint = 0202020202020202020202020202020202020202020202020202020202020202\ntype = u32\n";
    /// let lockfile = objfp::lock::Lockfile::parse(text).unwrap();
    /// let history: Vec<u32> = lockfile.history("Id").map(|(n, _)| n).collect();
    /// assert_eq!(history, [1]);
    /// assert_eq!(lockfile.iter().count(), 1);
    /// ```
    pub fn history(&self, name: &str) -> impl Iterator<Item = (u32, Fingerprint)> + '_ {
        self.section(name)
            .into_iter()
            .flat_map(|s| s.history.iter().map(|v| (v.number, v.fingerprint)))
    }

    /// The lockfile format version the file is written in: 1 (objfp 0.1) or 2.
    ///
    /// ```
    /// let lockfile = objfp::lock::Lockfile::parse("version = 1\n").unwrap();
    /// assert_eq!(lockfile.version(), 1);
    /// ```
    pub fn version(&self) -> u32 {
        self.version
    }

    /// The encoding its fingerprints were computed with, such as `objfp/2`
    /// ([`crate::encoding::MAGIC`]); `objfp/1` for a version 1 file, which objfp 0.1 wrote.
    ///
    /// ```
    /// let lockfile = objfp::lock::Lockfile::parse("version = 2\nencoding = objfp/2\n").unwrap();
    /// assert_eq!(lockfile.encoding(), "objfp/2");
    /// assert_eq!(objfp::lock::Lockfile::parse("version = 1\n").unwrap().encoding(), "objfp/1");
    /// ```
    pub fn encoding(&self) -> &str {
        &self.encoding
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
    let version = match key_value(first, "version") {
        Some("1") => 1,
        Some(v) if v == VERSION.to_string() => VERSION,
        Some(v) => {
            return Err((
                i + 1,
                format!(
                    "unsupported lockfile version `{}`: this objfp reads versions {READS}",
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
    };
    i += 1;
    // Version 1 files were written by objfp 0.1, whose fingerprints are objfp/1; version 2
    // says which encoding wrote its fingerprints.
    let encoding = if version == 1 {
        "objfp/1".to_owned()
    } else {
        next_content(&mut i);
        let found = lines.get(i).and_then(|l| key_value(l, "encoding"));
        match found {
            Some(e) if is_encoding_name(e) => {
                i += 1;
                e.to_owned()
            }
            _ => {
                let found = lines
                    .get(i)
                    .map_or("the end of the file".to_owned(), |l| shorten(l));
                return Err((
                    (i + 1).min(lines.len().max(1)),
                    format!(
                        "expected `encoding = {ENCODING}` (the encoding of the fingerprints) \
                         after `version = {VERSION}`, found {found}"
                    ),
                ));
            }
        }
    };
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
        // `[Name@n]` in version 2: an earlier version of the section just before.
        let earlier = if version >= 2 {
            split_version(name)
        } else {
            None
        };
        if let Some((base, n)) = earlier {
            let previous = sections.last().filter(|s| s.name == base);
            let Some(section) = previous else {
                return Err((
                    header_line,
                    format!(
                        "`[{}]` is an earlier version of `{}`: it goes right after `[{}]` and \
                         its newer versions",
                        excerpt(name),
                        excerpt(base),
                        excerpt(base)
                    ),
                ));
            };
            if let Some(newer) = section.history.last()
                && newer.number <= n
            {
                return Err((
                    header_line,
                    format!(
                        "earlier versions are listed newest first: `[{}]` comes before `@{}`",
                        excerpt(name),
                        newer.number
                    ),
                ));
            }
        }
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
        // An earlier version is declared under the type's own name.
        let label = earlier.map_or(name, |(base, _)| base);
        let ast = Body {
            toks: &tokens,
            pos: 0,
            end_line,
            fp_line,
        }
        .parse(label)?;
        // The tokens are done with: memory holds the syntax tree and the graph, not all three.
        drop(tokens);
        let (graph, root, labels) = build::section(label, ast, fp_line)?;
        match (earlier, sections.last_mut()) {
            (Some((_, number)), Some(section)) => section.history.push(Version {
                number,
                fingerprint,
                graph,
                root,
                labels,
            }),
            _ => sections.push(Section {
                name: name.to_owned(),
                fingerprint,
                graph,
                root,
                labels,
                history: Vec::new(),
            }),
        }
    }
    let index = sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.clone(), i))
        .collect();
    Ok(Lockfile {
        version,
        encoding,
        sections,
        index,
    })
}

/// An encoding's name as a lockfile records it: `objfp/` and a version, or another short
/// printable word (a future objfp's), never something that would need quoting.
fn is_encoding_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/._-+".contains(&b))
}
