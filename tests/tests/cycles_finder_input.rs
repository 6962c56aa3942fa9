//! `objfp::cycles` on bad input: files that do not parse, nesting that would overflow the
//! parser's stack, missing directories, large and non-UTF-8 files, random bytes. Every
//! one is an `Err` naming the file (and line), never a panic or a crash.

use std::path::Path;

use objfp::cycles::{CycleError, find, find_in_sources};

#[path = "support/tempdir.rs"]
mod tempdir;
use tempdir::TempDir;

// ---------------------------------------------------------------------------------------

#[test]
fn a_file_that_does_not_parse_is_an_error_with_file_and_line() {
    let err = find_in_sources(&[
        ("src/good.rs", "struct A;"),
        (
            "src/bad.rs",
            "struct A;\n\nstruct B {\n    x: u8\n    y: u8,\n}\n",
        ),
    ])
    .unwrap_err();
    let CycleError::Parse {
        path,
        line,
        message,
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(
        (path.as_path(), *line),
        (Path::new("src/bad.rs"), 5),
        "{message}"
    );
    assert!(err.to_string().starts_with("src/bad.rs:5: "), "{err}");
    // A lexer error (an unclosed string) has a line too.
    let err = find_in_sources(&[("a.rs", "\n\nconst S: &str = \"open;\n")]).unwrap_err();
    assert!(matches!(err, CycleError::Parse { .. }), "{err}");
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = |open: &str, inner: &str, close: &str, n: usize| {
        format!(
            "struct S {{ x: {}{inner}{} }}",
            open.repeat(n),
            close.repeat(n)
        )
    };
    let exprs = |open: &str, inner: &str, close: &str, n: usize| {
        format!(
            "fn f() {{ let x = {}{inner}{}; }}",
            open.repeat(n),
            close.repeat(n)
        )
    };
    let cases: Vec<Box<dyn Fn(usize) -> String>> = vec![
        Box::new(|n| deep("Vec<", "u8", ">", n)),
        Box::new(|n| deep("(", "u8", ",)", n)),
        Box::new(|n| deep("[", "u8", "; 1]", n)),
        Box::new(|n| deep("&", "u8", "", n)),
        Box::new(|n| deep("&'a ", "u8", "", n)),
        Box::new(|n| deep("*const ", "u8", "", n)),
        Box::new(|n| deep("fn() -> ", "u8", "", n)),
        Box::new(|n| deep("Box<dyn Fn() -> ", "u8", ">", n)),
        Box::new(|n| exprs("!", "x", "", n)),
        Box::new(|n| exprs("-", "x", "", n)),
        Box::new(|n| exprs("|| ", "x", "", n)),
        Box::new(|n| exprs("move || ", "x", "", n)),
        Box::new(|n| exprs("(", "x", ")", n)),
        Box::new(|n| exprs("{", "x", "}", n)),
        Box::new(|n| exprs("a = ", "x", "", n)),
        Box::new(|n| exprs("..", "x", "", n)),
        Box::new(|n| exprs("return ", "x", "", n)),
        Box::new(|n| format!("{}{}", "mod m { ".repeat(n), "}".repeat(n))),
        Box::new(|n| format!("{}{}", "fn f() { ".repeat(n), "}".repeat(n))),
        Box::new(|n| {
            format!(
                "{}{}",
                "impl X { fn f() { struct S; ".repeat(n),
                "} }".repeat(n)
            )
        }),
        Box::new(|n| format!("{}{}", "trait T { fn f() { ".repeat(n), "} }".repeat(n))),
    ];
    for (i, case) in cases.iter().enumerate() {
        // Just below the bound: parsed (or refused), never a crash.
        for n in [30, 39, 60, 150] {
            let _ = find_in_sources(&[("a.rs", case(n))]);
        }
        let Err(err) = find_in_sources(&[("src/deep.rs", case(100_000))]) else {
            panic!("case {i}: no error")
        };
        assert!(
            err.to_string()
                .starts_with("src/deep.rs:1: nesting deeper than 160"),
            "case {i}: {err}"
        );
    }
    // `else if` chains nest cheaply: long ones are parsed, very long ones refused.
    let chain = |n| format!("fn f() {{ if a {{}} {} }}", "else if a {} ".repeat(n));
    assert!(find_in_sources(&[("a.rs", chain(1000))]).is_ok());
    assert!(find_in_sources(&[("a.rs", chain(100_000))]).is_err());
    // Independent `if .. else` statements do not add up.
    let flat = format!("fn f() {{ {} }}", "if a {} else {} ".repeat(100_000));
    assert!(find_in_sources(&[("a.rs", flat)]).is_ok());
    // Ordinary code is far from the bound.
    assert!(find_in_sources(&[("a.rs", deep("Vec<", "u8", ">", 60))]).is_ok());
}

#[test]
fn a_missing_directory_is_an_error_naming_it() {
    let err = find("/no/such/objfp/dir").unwrap_err();
    assert!(matches!(&err, CycleError::Io { path, .. } if path == Path::new("/no/such/objfp/dir")));
    assert!(err.to_string().starts_with("/no/such/objfp/dir: "), "{err}");
}

#[test]
fn large_and_non_utf8_files_are_errors() {
    let big = " ".repeat(8 << 20 | 1);
    let err = find_in_sources(&[("big.rs", big.as_str())]).unwrap_err();
    assert!(matches!(err, CycleError::TooLarge { .. }), "{err}");
    let dir = TempDir::new("cycles-bad-files");
    dir.write_bytes("src/a.rs", b"struct A;\n\xff\xfe");
    let err = find(dir.path()).unwrap_err();
    assert!(
        err.to_string().ends_with("a.rs:2: the file is not UTF-8"),
        "{err}"
    );
    dir.write_bytes("src/a.rs", &vec![b' '; (8 << 20) + 1]);
    let err = find(dir.path()).unwrap_err();
    assert!(matches!(err, CycleError::TooLarge { .. }), "{err}");
}

#[test]
fn random_input_never_panics() {
    // xorshift, fixed seed: the same inputs on every run.
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let pieces = [
        "#[derive(objfp::TypeFingerprint)]",
        "#[fingerprint(cycle(A, B))]",
        "#[serde(skip)]",
        "#[fingerprint(as = \"Vec<A>\")]",
        "struct",
        "enum",
        "type",
        "mod",
        "fn",
        "A",
        "B",
        "Self",
        "PhantomData",
        "<",
        ">",
        "(",
        ")",
        "{",
        "}",
        "[",
        "]",
        ",",
        ";",
        ":",
        "=",
        "::",
        "&",
        "'a",
        "\"",
        "'",
        "/*",
        "*/",
        "//",
        "\n",
        "r#",
        "#",
        "!",
        "0",
        "-",
    ];
    for _ in 0..2000 {
        let len = (next() % 60) as usize;
        let mut text = String::new();
        for _ in 0..len {
            text.push_str(pieces[(next() % pieces.len() as u64) as usize]);
            text.push(' ');
        }
        let _ = find_in_sources(&[("a.rs", text.as_str())]);
        let bytes: Vec<u8> = (0..len * 3).map(|_| next() as u8).collect();
        let _ = find_in_sources(&[("b.rs", String::from_utf8_lossy(&bytes).as_ref())]);
    }
}
