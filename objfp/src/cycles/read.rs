//! Stage 1: the files. Every `.rs` file below a directory, in sorted order, read with a
//! size bound, lexed, checked for nesting that would overflow the parser's stack, and
//! parsed with `syn`, on a thread with a known stack.

use std::borrow::ToOwned;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::string::{String, ToString};
use std::vec::Vec;
use std::{format, vec};

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

use super::CycleError;

/// Files larger than this are refused.
pub const MAX_FILE_BYTES: u64 = 8 << 20;

/// The deepest nesting accepted (brackets, generic arguments, chains of prefix operators),
/// far beyond hand-written code and well within the parsing thread's stack. A `{..}` counts
/// [`BRACE_WEIGHT`] levels: items nest through braces, and an item costs the parser's stack
/// most (in a debug build, some 250 KiB for each `mod m { .. }` level).
pub const MAX_NESTING: usize = 160;

/// What one level of `{..}` counts towards [`MAX_NESTING`] (40 levels of braces).
pub const BRACE_WEIGHT: usize = 4;

/// The parsing thread's stack: `syn` parses recursively. At the nesting bound a debug build
/// needs between 8 and 16 MiB (`tests/tests/cycles_finder.rs`, the deep-nesting cases).
pub const PARSE_STACK_BYTES: usize = 64 << 20;

/// Every `.rs` file below `root` (or `root` itself if it is a file), sorted by path.
/// Directories named `target` and hidden directories are skipped; symbolic links to
/// directories are not followed.
pub fn rust_files(root: &Path) -> Result<Vec<PathBuf>, CycleError> {
    let meta = fs::metadata(root).map_err(|e| CycleError::io(root, e))?;
    if meta.is_file() {
        return Ok(vec![root.to_owned()]);
    }
    let mut out = Vec::new();
    let mut todo = vec![root.to_owned()];
    while let Some(dir) = todo.pop() {
        let entries = fs::read_dir(&dir).map_err(|e| CycleError::io(&dir, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| CycleError::io(&dir, e))?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let kind = entry.file_type().map_err(|e| CycleError::io(&path, e))?;
            if kind.is_dir() {
                if !name.starts_with('.') && name != "target" {
                    todo.push(path);
                }
            } else if name.ends_with(".rs")
                && (kind.is_file() || (kind.is_symlink() && path.is_file()))
            {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// A file's text, refused if larger than [`MAX_FILE_BYTES`] or not UTF-8.
pub fn read_source(path: &Path) -> Result<String, CycleError> {
    let file = fs::File::open(path).map_err(|e| CycleError::io(path, e))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| CycleError::io(path, e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(CycleError::TooLarge {
            path: path.to_owned(),
            limit: MAX_FILE_BYTES,
        });
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        CycleError::Parse {
            path: path.to_owned(),
            line: 1 + good.iter().filter(|&&b| b == b'\n').count(),
            message: "the file is not UTF-8".to_string(),
        }
    })
}

/// Parses `source` and hands the syntax tree to `f`, on a thread whose stack is
/// [`PARSE_STACK_BYTES`] (syntax trees are not `Send`: `f` reduces the tree to plain data).
pub fn parse_with<T: Send>(
    path: &Path,
    source: &str,
    f: impl FnOnce(&syn::File) -> T + Send,
) -> Result<T, CycleError> {
    if source.len() as u64 > MAX_FILE_BYTES {
        return Err(CycleError::TooLarge {
            path: path.to_owned(),
            limit: MAX_FILE_BYTES,
        });
    }
    let parse_err = |line: usize, message: String| CycleError::Parse {
        path: path.to_owned(),
        line,
        message,
    };
    let text = strip_preamble(source);
    let result = std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("objfp-cycles-parse".to_string())
            .stack_size(PARSE_STACK_BYTES)
            .spawn_scoped(scope, move || -> Result<T, (usize, String)> {
                let tokens: TokenStream = text
                    .parse()
                    .map_err(|e: proc_macro2::LexError| (e.span().start().line, e.to_string()))?;
                check_nesting(tokens.clone())?;
                let file: syn::File =
                    syn::parse2(tokens).map_err(|e| (e.span().start().line, e.to_string()))?;
                Ok(f(&file))
            });
        match worker {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|_| Err((0, "the parser failed".to_string()))),
            Err(e) => Err((0, format!("cannot start the parsing thread: {e}"))),
        }
    });
    result.map_err(|(line, message)| parse_err(line, message))
}

/// The text without a byte order mark and a `#!` line (kept as an empty line, so that
/// line numbers stay right).
fn strip_preamble(source: &str) -> String {
    let text = source.strip_prefix('\u{feff}').unwrap_or(source);
    if text.starts_with("#!") && !text.starts_with("#![") {
        let rest = text.find('\n').map_or("", |i| &text[i..]);
        return rest.to_string();
    }
    text.to_string()
}

/// Per statement of one bracket level: how deep the parser would recurse on it.
#[derive(Default, Clone, Copy)]
struct Segment {
    /// `<` not yet closed by `>`.
    angle: usize,
    /// Consecutive prefix operators and keywords (`&`, `*`, `!`, `-`, `|`, `.`, `mut`,
    /// `return`, ...): unary expressions, references, pointers, closures, ranges.
    run: usize,
    /// `->` and single `=` since the last `;`, `,` or `{..}`.
    chain: usize,
    /// `else` in a chain of `if .. else if ..`: its syntax tree nests one level for each
    /// (cheaply: [`ELSE_WEIGHT`] of them count one level).
    elses: usize,
}

/// How many `else` of one `if` chain count one level of nesting.
const ELSE_WEIGHT: usize = 8;

impl Segment {
    fn score(&self) -> usize {
        self.angle + self.run + self.chain + self.elses / ELSE_WEIGHT
    }
}

/// Refuses token streams nested deeper than [`MAX_NESTING`] (counted without recursion),
/// so that the recursive parser cannot overflow its stack. Counts are a little generous
/// (a comparison counts as an open `<` until the end of its statement).
fn check_nesting(tokens: TokenStream) -> Result<(), (usize, String)> {
    // Each open group: its tokens, its nesting (weighted), its statement so far.
    let mut stack: Vec<(proc_macro2::token_stream::IntoIter, usize, Segment)> =
        vec![(tokens.into_iter(), 0, Segment::default())];
    let mut prev: Option<TokenTree> = None;
    while let Some((iter, _, _)) = stack.last_mut() {
        let Some(tt) = iter.next() else {
            stack.pop();
            prev = None;
            continue;
        };
        let Some((_, depth, seg)) = stack.last_mut() else {
            break;
        };
        let depth = *depth;
        let mut run_token = false;
        match &tt {
            TokenTree::Group(g) => {
                if g.delimiter() == Delimiter::Brace {
                    seg.chain = 0;
                }
            }
            TokenTree::Punct(p) => {
                let joint_prev =
                    matches!(&prev, Some(TokenTree::Punct(q)) if q.spacing() == Spacing::Joint);
                let prev_char = match &prev {
                    Some(TokenTree::Punct(q)) => Some(q.as_char()),
                    _ => None,
                };
                match p.as_char() {
                    ';' => *seg = Segment::default(),
                    ',' => seg.chain = 0,
                    '<' => seg.angle += 1,
                    '>' if joint_prev && matches!(prev_char, Some('-')) => seg.chain += 1,
                    '>' if joint_prev && matches!(prev_char, Some('=')) => {}
                    '>' => seg.angle = seg.angle.saturating_sub(1),
                    '=' if !joint_prev && p.spacing() == Spacing::Alone => seg.chain += 1,
                    '&' | '*' | '!' | '-' | '|' | '.' | '\'' => run_token = true,
                    _ => {}
                }
            }
            TokenTree::Ident(i) => {
                let word = i.to_string();
                let after_else = matches!(&prev, Some(TokenTree::Ident(e)) if *e == "else");
                match word.as_str() {
                    "else" => seg.elses += 1,
                    "if" if !after_else => {
                        seg.angle = 0;
                        seg.elses = 0;
                    }
                    "if" => {}
                    "while" | "match" | "let" => seg.angle = 0,
                    "mut" | "const" | "dyn" | "impl" | "move" | "ref" | "return" | "break"
                    | "static" | "async" | "unsafe" | "yield" | "box" => run_token = true,
                    _ => {}
                }
                // The name of a lifetime (`'a`) continues the run of `&'a &'a`.
                if matches!(&prev, Some(TokenTree::Punct(q)) if q.as_char() == '\'') {
                    run_token = true;
                }
            }
            TokenTree::Literal(_) => {}
        }
        if run_token {
            seg.run += 1;
        } else {
            seg.run = 0;
        }
        if depth + seg.score() > MAX_NESTING {
            return Err((
                tt.span().start().line,
                format!(
                    "nesting deeper than {MAX_NESTING} (brackets, generic arguments or \
                     operators); refused to protect the parser's stack"
                ),
            ));
        }
        if let TokenTree::Group(g) = &tt {
            prev = None;
            let weight = match g.delimiter() {
                Delimiter::Brace => BRACE_WEIGHT,
                _ => 1,
            };
            stack.push((g.stream().into_iter(), depth + weight, Segment::default()));
        } else {
            prev = Some(tt);
        }
    }
    Ok(())
}
