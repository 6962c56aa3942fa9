//! Runs `objfp::cycles::Finder` over a source directory and prints every mutual-recursion
//! group it finds, one JSON object per member per line, for
//! `bench/realcrates/realcrates.py --cycles-first`.
//!
//!     cycles-probe DIR [DERIVE...]      (derive names default to TypeFingerprint)
//!
//! Each line:
//!
//!     {"group": 0, "name": "Schema", "file": "src/schema.rs", "line": 12,
//!      "cycle": ["AnySchema", "Schema"], "declared": null,
//!      "through_alias": [{"member": "MediaType", "alias": "Content"}]}
//!
//! `file` is the path as the finder read it (relative when DIR is). `cycle` is the list
//! every member of the group should declare (`Group::cycle_list`), `declared` what the
//! member declares today. `through_alias` is `Member::through_alias`: the group members
//! this one mentions through a type alias or a renaming import, and the name written.
//! The API names the member and the alias, not the field that writes it: the caller
//! finds the field (the one whose type mentions the alias) itself.
//!
//! Exit status 0 with the groups printed (none: no output), 2 on a usage or read error.

use std::fmt::Write as _;

fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn json_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.into_iter().map(json_str).collect();
    format!("[{}]", items.join(", "))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((dir, derives)) = args.split_first() else {
        eprintln!("usage: cycles-probe DIR [DERIVE...]");
        std::process::exit(2);
    };
    let mut finder = objfp::cycles::Finder::new();
    if !derives.is_empty() {
        let names: Vec<&str> = derives.iter().map(String::as_str).collect();
        finder = finder.derives(&names);
    }
    let groups = match finder.find(dir) {
        Ok(groups) => groups,
        Err(e) => {
            eprintln!("cycles-probe: {e}");
            std::process::exit(2);
        }
    };
    for (g, group) in groups.iter().enumerate() {
        let cycle = json_list(group.cycle_list());
        for m in group.members() {
            let declared = m.declared().map_or("null".to_string(), |d| {
                json_list(d.iter().map(String::as_str))
            });
            let alias: Vec<String> = m
                .through_alias()
                .iter()
                .map(|(to, alias)| {
                    format!(
                        "{{\"member\": {}, \"alias\": {}}}",
                        json_str(to),
                        json_str(alias)
                    )
                })
                .collect();
            println!(
                "{{\"group\": {g}, \"name\": {}, \"file\": {}, \"line\": {}, \"cycle\": {cycle}, \
                 \"declared\": {declared}, \"through_alias\": [{}]}}",
                json_str(m.name()),
                json_str(&m.path().to_string_lossy()),
                m.line(),
                alias.join(", ")
            );
        }
    }
}
