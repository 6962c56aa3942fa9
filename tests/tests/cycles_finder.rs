//! `objfp::cycles`, the source-level finder of mutual-recursion groups: every group in one
//! run, the annotation each member needs, and that the annotation is what the derive
//! accepts (the types of the first case, written out below with the printed annotations).
#![allow(dead_code)]

use std::path::Path;

use objfp::TypeFingerprint;
use objfp::cycles::{Finder, Groups, find, find_in_sources};

#[path = "support/tempdir.rs"]
mod tempdir;
use tempdir::TempDir;

fn groups(sources: &[(&str, &str)]) -> Groups {
    find_in_sources(sources).unwrap_or_else(|e| panic!("{e}"))
}

fn names(groups: &Groups) -> Vec<Vec<&str>> {
    groups.iter().map(|g| g.names()).collect()
}

// ---------------------------------------------------------------------------------------
// 1. Two interlocking groups, found in one run.
// ---------------------------------------------------------------------------------------

const SCHEMA_RS: &str = r#"use std::collections::BTreeMap;

#[derive(objfp::TypeFingerprint)]
pub struct Schema {
    pub data: SchemaData,
    pub kind: SchemaKind,
}

#[derive(objfp::TypeFingerprint)]
pub struct SchemaData {
    pub title: Option<String>,
}

#[derive(objfp::TypeFingerprint)]
pub enum SchemaKind {
    Any,
    OneOf { one_of: Vec<Box<Schema>> },
    Not(Box<Schema>),
}
"#;

const OPERATION_RS: &str = r#"use std::collections::BTreeMap;

#[derive(objfp::TypeFingerprint)]
pub struct Operation {
    pub id: String,
    pub schema: Option<crate::schema::Schema>,
    pub callbacks: BTreeMap<String, Callback>,
}

#[derive(objfp::TypeFingerprint)]
pub struct Callback {
    pub paths: BTreeMap<String, PathItem>,
}

#[derive(objfp::TypeFingerprint)]
pub struct PathItem {
    pub get: Option<Box<Operation>>,
}
"#;

const CASE_1_REPORT: &str = "\
group of 3: Callback, Operation, PathItem
  src/operation.rs:11: add #[fingerprint(cycle(Callback, Operation, PathItem))] to Callback
  src/operation.rs:4: add #[fingerprint(cycle(Callback, Operation, PathItem))] to Operation
  src/operation.rs:16: add #[fingerprint(cycle(Callback, Operation, PathItem))] to PathItem
group of 2: Schema, SchemaKind
  src/schema.rs:4: add #[fingerprint(cycle(Schema, SchemaKind))] to Schema
  src/schema.rs:15: add #[fingerprint(cycle(Schema, SchemaKind))] to SchemaKind
";

#[test]
fn interlocking_groups_are_all_reported_in_one_run() {
    let g = groups(&[
        ("src/schema.rs", SCHEMA_RS),
        ("src/operation.rs", OPERATION_RS),
    ]);
    assert_eq!(
        names(&g),
        [
            vec!["Callback", "Operation", "PathItem"],
            vec!["Schema", "SchemaKind"]
        ]
    );
    assert_eq!(g.to_string(), CASE_1_REPORT);
    let annotations: Vec<String> = g.iter().map(|g| g.annotation()).collect();
    assert_eq!(
        annotations,
        [
            "#[fingerprint(cycle(Callback, Operation, PathItem))]",
            "#[fingerprint(cycle(Schema, SchemaKind))]"
        ]
    );
    let err = g.check().unwrap_err();
    assert_eq!(err.report(), CASE_1_REPORT);
    let op = &g.as_slice()[0].members()[1];
    assert_eq!(
        (op.name(), op.path(), op.line()),
        ("Operation", Path::new("src/operation.rs"), 4)
    );
}

// ---------------------------------------------------------------------------------------
// 2. Self-recursion needs no annotation.
// ---------------------------------------------------------------------------------------

#[test]
fn self_recursion_is_not_a_group() {
    let g = groups(&[(
        "src/lib.rs",
        "#[derive(objfp::TypeFingerprint)] enum List { Nil, Cons(u32, Box<List>) }
         #[derive(objfp::TypeFingerprint)] struct Tree<T> { value: T, children: Vec<Tree<T>> }
         #[derive(objfp::TypeFingerprint)] struct Me { next: Option<Box<Self>> }",
    )]);
    assert!(g.is_empty(), "{g}");
    assert_eq!(g.to_string(), "no mutually recursive types\n");
    assert!(g.check().is_ok());
}

#[test]
fn same_name_in_two_modules_is_not_a_group() {
    // Each `List` names itself: the module defines the name.
    let g = groups(&[(
        "src/lib.rs",
        "mod a { #[derive(objfp::TypeFingerprint)] pub enum List { Nil, Cons(u8, Box<List>) } }
         mod b { #[derive(objfp::TypeFingerprint)] pub enum List { Nil, Cons(u64, Box<List>) } }
         #[test] fn t() {
             #[derive(objfp::TypeFingerprint)] struct A { b: Box<B> }
             #[derive(objfp::TypeFingerprint)] struct B { a: u8 }
         }
         #[test] fn u() {
             #[derive(objfp::TypeFingerprint)] struct A { b: u8 }
             #[derive(objfp::TypeFingerprint)] struct B { a: Vec<A> }
         }",
    )]);
    assert!(g.is_empty(), "{g}");
}

#[test]
fn types_in_a_function_body_form_groups_there() {
    let g = groups(&[(
        "src/lib.rs",
        "#[test] fn t() {
             #[derive(objfp::TypeFingerprint)] struct A { b: Box<B> }
             #[derive(objfp::TypeFingerprint)] struct B { a: Vec<A> }
         }",
    )]);
    assert_eq!(names(&g), [vec!["A", "B"]]);
}

#[test]
fn generic_parameters_are_not_mentions() {
    // `T` is the parameter, not the struct `T`.
    let g = groups(&[(
        "src/lib.rs",
        "#[derive(objfp::TypeFingerprint)] struct T { w: Wrap<u8> }
         #[derive(objfp::TypeFingerprint)] struct Wrap<T> { inner: Vec<T> }",
    )]);
    assert!(g.is_empty(), "{g}");
    let g = groups(&[(
        "src/lib.rs",
        "#[derive(objfp::TypeFingerprint)] struct T { w: Wrap<u8> }
         #[derive(objfp::TypeFingerprint)] struct Wrap<X> { inner: Vec<T> }",
    )]);
    assert_eq!(names(&g), [vec!["T", "Wrap"]]);
}

// ---------------------------------------------------------------------------------------
// 3. Aliases.
// ---------------------------------------------------------------------------------------

#[test]
fn a_member_behind_a_type_alias_is_found() {
    let source = |more: &str, attr: &str| {
        format!(
            "type Kids = Vec<Node>;\n\
             type Forest = Option<Kids>;\n\
             #[derive(objfp::TypeFingerprint)]\n{attr}\nstruct Node {{ leaf: Leaf }}\n\
             #[derive(objfp::TypeFingerprint)]\n{attr}\nenum Leaf {{ Value(u8), More({more}) }}\n"
        )
    };
    let g = groups(&[("src/lib.rs", &source("Forest", ""))]);
    assert_eq!(names(&g), [vec!["Leaf", "Node"]]);
    let leaf = &g.as_slice()[0].members()[0];
    assert_eq!(
        leaf.through_alias(),
        [("Node".to_string(), "Forest".to_string())]
    );
    // Declaring the group is not enough: the derive cannot see `Node` behind `Forest`.
    let declared = source("Forest", "#[fingerprint(cycle(Leaf, Node))]");
    let g = groups(&[("src/lib.rs", &declared)]);
    assert!(g.as_slice()[0].is_declared());
    assert_eq!(
        g.check().unwrap_err().report(),
        "group of 2: Leaf, Node\n\
         \x20 src/lib.rs:8: Leaf already has cycle(Leaf, Node)\n\
         \x20 src/lib.rs:8: Leaf mentions Node through `Forest`, which the derive cannot see \
         through: write that field with #[fingerprint(as = \"..\")] naming Node\n\
         \x20 src/lib.rs:5: Node already has cycle(Leaf, Node)\n"
    );
    // Spelled out with `as`, it is a direct mention.
    let spelled = source(
        "#[fingerprint(as = \"Option<Vec<Node>>\")] Forest",
        "#[fingerprint(cycle(Leaf, Node))]",
    );
    assert!(groups(&[("src/lib.rs", &spelled)]).check().is_ok());
}

#[test]
fn a_renaming_import_is_followed_and_alias_loops_end() {
    let g = groups(&[
        (
            "src/a.rs",
            "use crate::b::Beta as Other;
             #[derive(objfp::TypeFingerprint)] struct Alpha { b: Box<Other> }",
        ),
        (
            "src/b.rs",
            "type L1 = L2; type L2 = (L1, Alpha);
             #[derive(objfp::TypeFingerprint)] pub struct Beta { a: Vec<L1> }",
        ),
    ]);
    assert_eq!(names(&g), [vec!["Alpha", "Beta"]]);
    let alpha = &g.as_slice()[0].members()[0];
    assert_eq!(
        alpha.through_alias(),
        [("Beta".to_string(), "Other".to_string())]
    );
    let beta = &g.as_slice()[0].members()[1];
    assert_eq!(
        beta.through_alias(),
        [("Alpha".to_string(), "L1".to_string())]
    );
}

// ---------------------------------------------------------------------------------------
// 4. What is not on the wire makes no edge.
// ---------------------------------------------------------------------------------------

/// `A` mentions `B` through `field`; `B` mentions `A`.
fn pair(field: &str) -> Groups {
    let source = format!(
        "#[derive(objfp::TypeFingerprint)] struct A {{ {field}, n: u8 }}
         #[derive(objfp::TypeFingerprint)] struct B {{ a: Vec<A> }}"
    );
    groups(&[("src/lib.rs", &source)])
}

#[test]
fn skipped_fields_phantom_data_and_as_make_no_edge() {
    for field in [
        "#[serde(skip)] b: Box<B>",
        "#[serde(skip_serializing, skip_deserializing)] b: Box<B>",
        "#[serde(skip_serializing)] #[serde(skip_deserializing)] b: Box<B>",
        "#[fingerprint(skip)] b: Box<B>",
        "#[fingerprint(as = \"u64\")] b: Box<B>",
        "#[fingerprint(opaque = \"b\")] b: Box<B>",
        "b: std::marker::PhantomData<B>",
        "b: PhantomData<(B, Vec<B>)>",
        "b: u8",
    ] {
        let g = pair(field);
        assert!(g.is_empty(), "{field}: {g}");
    }
    // The controls: each of these is an edge.
    for field in [
        "b: Box<B>",
        "#[serde(skip_serializing)] b: Box<B>",
        "#[serde(skip_deserializing)] b: Box<B>",
        "#[serde(skip_serializing_if = \"Option::is_none\")] b: Option<B>",
        "#[fingerprint(as = \"Vec<B>\")] b: u64",
        "b: (PhantomData<u8>, B)",
        "#[cfg_attr(feature = \"x\", serde(rename = \"c\"))] b: [B; 2]",
    ] {
        let g = pair(field);
        assert_eq!(names(&g), [vec!["A", "B"]], "{field}");
    }
}

#[test]
fn skipped_variants_opaque_types_and_newtypes() {
    let two = |a: &str| {
        let source = format!(
            "{a}
             #[derive(objfp::TypeFingerprint)] struct B {{ a: Vec<A> }}"
        );
        groups(&[("src/lib.rs", &source)])
    };
    let none = [
        "#[derive(objfp::TypeFingerprint)] enum A { X, #[serde(skip)] Y(Box<B>) }",
        "#[derive(objfp::TypeFingerprint)] #[fingerprint(opaque = \"a\")] struct A { b: Box<B> }",
        // Not derived: not a candidate.
        "#[derive(Debug)] struct A { b: Box<B> }",
    ];
    for a in none {
        assert!(two(a).is_empty(), "{a}");
    }
    let edge = [
        "#[derive(objfp::TypeFingerprint)] enum A { X, #[serde(skip_serializing)] Y(Box<B>) }",
        // serde writes a newtype struct's field whatever its skip says.
        "#[derive(objfp::TypeFingerprint)] struct A(#[serde(skip)] Box<B>);",
        // The derive fingerprints the proxy type and the type's own fields.
        "#[derive(objfp::TypeFingerprint)] #[serde(into = \"Vec<B>\")] struct A { n: u8 }",
        "#[derive(objfp::TypeFingerprint)] #[serde(from = \"u8\")] struct A { b: Box<B> }",
        "#[cfg_attr(test, derive(objfp::TypeFingerprint))] struct A { b: Box<B> }",
    ];
    for a in edge {
        assert_eq!(names(&two(a)), [vec!["A", "B"]], "{a}");
    }
}

// ---------------------------------------------------------------------------------------
// 5. Declared groups.
// ---------------------------------------------------------------------------------------

fn expr_block(expr_attr: &str, block_attr: &str) -> Groups {
    let source = format!(
        "#[derive(objfp::TypeFingerprint)]\n{expr_attr}\nenum Expr {{ Lit(i64), Block(Box<Block>) }}\n\
         #[derive(objfp::TypeFingerprint)]\n{block_attr}\nstruct Block {{ exprs: Vec<Expr> }}\n"
    );
    groups(&[("src/ast.rs", &source)])
}

#[test]
fn a_correctly_declared_group_is_reported_as_declared() {
    let g = expr_block(
        "#[fingerprint(cycle(Expr, Block))]",
        "#[fingerprint(cycle(Expr, Block))]",
    );
    let group = &g.as_slice()[0];
    assert!(group.is_declared() && group.is_correct());
    assert_eq!(group.annotation(), "#[fingerprint(cycle(Expr, Block))]");
    assert_eq!(
        g.to_string(),
        "1 group already declared correctly: Block, Expr\n"
    );
    assert!(g.check().is_ok());
    // Paths and `Self` in the list are the members' names.
    let g = expr_block(
        "#[fingerprint(cycle(Self, crate::ast::Block))]",
        "#[fingerprint(cycle(Expr, Self))]",
    );
    assert!(g.check().is_ok(), "{g}");
}

#[test]
fn a_group_declared_on_one_member_is_reported_with_the_fix() {
    let g = expr_block("#[fingerprint(cycle(Expr, Block))]", "");
    assert!(!g.as_slice()[0].is_declared());
    assert_eq!(
        g.to_string(),
        "group of 2: Block, Expr\n\
         \x20 src/ast.rs:6: add #[fingerprint(cycle(Expr, Block))] to Block\n\
         \x20 src/ast.rs:3: Expr already has cycle(Expr, Block)\n"
    );
    let g = expr_block("#[fingerprint(cycle(Expr))]", "#[derive(Debug)]");
    assert_eq!(
        g.check().unwrap_err().report(),
        "group of 2: Block, Expr\n\
         \x20 src/ast.rs:6: add #[fingerprint(cycle(Block, Expr))] to Block\n\
         \x20 src/ast.rs:3: change cycle(Expr) to cycle(Block, Expr) on Expr\n"
    );
}

#[test]
fn a_group_declared_in_different_orders_is_reported_with_the_fix() {
    let g = expr_block(
        "#[fingerprint(cycle(Expr, Block))]",
        "#[fingerprint(cycle(Block, Expr))]",
    );
    let group = &g.as_slice()[0];
    assert!(group.is_declared());
    assert!(!group.is_correct());
    assert_eq!(
        g.to_string(),
        "group of 2: Block, Expr (declared, but in different orders: the derive needs the \
         same order on every member)\n\
         \x20 src/ast.rs:6: Block already has cycle(Block, Expr)\n\
         \x20 src/ast.rs:3: change cycle(Expr, Block) to cycle(Block, Expr) on Expr\n"
    );
    assert!(g.check().is_err());
}

#[test]
fn a_list_with_a_type_outside_the_group_is_reported() {
    let g = expr_block(
        "#[fingerprint(cycle(Expr, Block, Other))]",
        "#[fingerprint(cycle(Expr, Block, Other))]",
    );
    assert!(!g.as_slice()[0].is_declared());
    assert!(
        g.to_string()
            .contains("change cycle(Expr, Block, Other) to cycle(Block, Expr)")
    );
}

// ---------------------------------------------------------------------------------------
// 6. Paths.
// ---------------------------------------------------------------------------------------

#[test]
fn paths_name_their_last_segment() {
    let g = groups(&[(
        "src/ast.rs",
        "#[derive(objfp::TypeFingerprint)] pub enum Expr { Block(Box<crate::ast::Block>) }
         #[derive(objfp::TypeFingerprint)] pub struct Block { exprs: Vec<self::Expr> }",
    )]);
    assert_eq!(names(&g), [vec!["Block", "Expr"]]);
    let g = groups(&[(
        "src/ast.rs",
        "#[derive(objfp::TypeFingerprint)] pub enum Expr { Block(Box<::ast::Block>) }
         #[derive(objfp::TypeFingerprint)] pub struct Block { exprs: BTreeMap<String, super::Expr> }",
    )]);
    assert_eq!(names(&g), [vec!["Block", "Expr"]]);
}

#[test]
fn a_name_defined_twice_means_both() {
    let g = groups(&[
        (
            "src/v1.rs",
            "#[derive(objfp::TypeFingerprint)] pub struct Node { up: Box<crate::Root> }",
        ),
        (
            "src/v2.rs",
            "#[derive(objfp::TypeFingerprint)] pub struct Node { id: u8 }",
        ),
        (
            "src/lib.rs",
            "use v2::Node;
             #[derive(objfp::TypeFingerprint)] pub struct Root { node: Vec<Node> }",
        ),
    ]);
    // `Node` in lib.rs may be either: the edge to v1's is kept.
    assert_eq!(names(&g), [vec!["Node", "Root"]]);
    assert_eq!(g.as_slice()[0].members()[0].path(), Path::new("src/v1.rs"));
}

// ---------------------------------------------------------------------------------------
// 7. Determinism.
// ---------------------------------------------------------------------------------------

#[test]
fn output_is_deterministic_and_independent_of_file_order() {
    let files = [
        ("src/schema.rs", SCHEMA_RS),
        ("src/operation.rs", OPERATION_RS),
        (
            "src/ast.rs",
            "#[derive(objfp::TypeFingerprint)] #[fingerprint(cycle(Expr, Block))] enum Expr { B(Box<Block>) }
             #[derive(objfp::TypeFingerprint)] #[fingerprint(cycle(Expr, Block))] struct Block(Vec<Expr>);",
        ),
        (
            "src/dup.rs",
            "#[derive(objfp::TypeFingerprint)] struct Zeta { a: Box<Alpha> }
             #[derive(objfp::TypeFingerprint)] struct Alpha { z: Vec<Zeta>, m: Mid }
             #[derive(objfp::TypeFingerprint)] struct Mid { a: Option<Box<Alpha>> }",
        ),
    ];
    let first = groups(&files).to_string();
    assert_eq!(groups(&files).to_string(), first);
    let mut reversed = files;
    reversed.reverse();
    assert_eq!(groups(&reversed).to_string(), first);
    let rotated: Vec<(&str, &str)> = files.iter().cycle().skip(2).take(4).copied().collect();
    assert_eq!(groups(&rotated).to_string(), first);
    assert!(
        first.ends_with("1 group already declared correctly: Block, Expr\n"),
        "{first}"
    );
    assert!(
        first.starts_with("group of 3: Alpha, Mid, Zeta\n"),
        "{first}"
    );
}

#[test]
fn find_reads_a_directory_in_sorted_order_and_skips_target_and_hidden() {
    let dir = TempDir::new("cycles-sorted");
    dir.write("src/schema.rs", SCHEMA_RS);
    dir.write("src/operation.rs", OPERATION_RS);
    // Neither of these is read (each would add a group, or fail to parse).
    dir.write(
        "src/target/x.rs",
        "#[derive(objfp::TypeFingerprint)] struct Callback(Vec<Schema>);",
    );
    dir.write("src/.hidden/x.rs", "not rust");
    dir.write("src/notes.txt", "not rust");
    let g = find(dir.path().join("src")).unwrap();
    let expected = CASE_1_REPORT.replace("src/", &format!("{}/src/", dir.path().display()));
    assert_eq!(g.to_string(), expected);
}

// ---------------------------------------------------------------------------------------
// 8. Against the real derive (bad input: `cycles_finder_input.rs`), and on this repository's own tests.
// ---------------------------------------------------------------------------------------

// real:begin
/// Case 1's types with the annotations the finder prints for them (`Vec<Box<..>>` as
/// openapiv3 writes it).
#[allow(clippy::vec_box)]
mod real {
    use std::collections::BTreeMap;

    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(cycle(Schema, SchemaKind))]
    pub struct Schema {
        pub data: SchemaData,
        pub kind: SchemaKind,
    }

    #[derive(objfp::TypeFingerprint)]
    pub struct SchemaData {
        pub title: Option<String>,
    }

    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(cycle(Schema, SchemaKind))]
    pub enum SchemaKind {
        Any,
        OneOf { one_of: Vec<Box<Schema>> },
        Not(Box<Schema>),
    }

    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(cycle(Callback, Operation, PathItem))]
    pub struct Operation {
        pub id: String,
        pub schema: Option<super::real::Schema>,
        pub callbacks: BTreeMap<String, Callback>,
    }

    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(cycle(Callback, Operation, PathItem))]
    pub struct Callback {
        pub paths: BTreeMap<String, PathItem>,
    }

    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(cycle(Callback, Operation, PathItem))]
    pub struct PathItem {
        pub get: Option<Box<Operation>>,
    }
}
// real:end

#[test]
fn the_printed_annotations_are_what_the_derive_accepts() {
    let this = include_str!("cycles_finder.rs");
    let start = this.find("// real:begin").unwrap();
    let end = this.find("// real:end").unwrap();
    let written = groups(&[("cycles_finder.rs", &this[start..end])]);
    // The module above declares exactly what the finder prints for case 1.
    assert!(written.check().is_ok(), "{written}");
    let printed = groups(&[
        ("src/schema.rs", SCHEMA_RS),
        ("src/operation.rs", OPERATION_RS),
    ]);
    let annotations = |g: &Groups| g.iter().map(|g| g.annotation()).collect::<Vec<_>>();
    assert_eq!(annotations(&written), annotations(&printed));
    assert_eq!(names(&written), names(&printed));
    for a in annotations(&printed) {
        assert!(this[start..end].contains(&a), "{a}");
    }
    // ...and the derive computes their fingerprints.
    let fps = [
        real::Schema::FINGERPRINT,
        real::SchemaKind::FINGERPRINT,
        real::SchemaData::FINGERPRINT,
        real::Operation::FINGERPRINT,
        real::Callback::FINGERPRINT,
        real::PathItem::FINGERPRINT,
    ];
    for (i, a) in fps.iter().enumerate() {
        assert_ne!(a.as_bytes(), &[0; 32]);
        for b in &fps[i + 1..] {
            assert_ne!(a, b);
        }
    }
}

#[test]
fn this_repositorys_own_tests_are_declared_correctly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let g = find(&dir).unwrap_or_else(|e| panic!("{e}"));
    assert!(g.check().is_ok(), "{g}");
    // It does find the groups the tests declare (recursion.rs, spec_golden.rs, ...).
    assert!(g.len() >= 5, "{g}");
}

#[test]
fn finder_with_other_derive_names() {
    let source = "#[derive(Serialize, Deserialize)] struct A { b: Box<B> }
                  #[derive(serde::Serialize)] struct B { a: Vec<A> }";
    assert!(groups(&[("a.rs", source)]).is_empty());
    let g = Finder::new()
        .derives(&["Serialize"])
        .find_in_sources(&[("a.rs", source)])
        .unwrap();
    assert_eq!(names(&g), [vec!["A", "B"]]);
}
