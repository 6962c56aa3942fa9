//! Summarises one `rustc -Z self-profile` output file for bench/bench.py.
//!
//!     profile-summary PATH/crate-PID.mm_profdata
//!
//! Prints, one record per line (tab-separated, all times in nanoseconds):
//!
//!     total <ns>                       sum of self time of every interval event
//!     bucket <name> <ns>               expansion, const_eval, rest (they add up to total)
//!     nested_in_const_eval <ns>        self time of other queries run *inside* const
//!                                      evaluation (counted in rest; see below)
//!     top <bucket> <label> <ns> <n>    the largest labels of each bucket, by self time
//!
//! Self time of an event = its duration minus that of its direct children (per thread).
//! Grouping, decided from the event names rustc 1.95 records with the default events:
//!
//! - expansion: `expand_crate` and everything that runs inside it (the derive macros'
//!   `expand_proc_macro` / `expand_derive_proc_macro_*`, parsing their output, the crate
//!   loading and name resolution done while expanding), plus any other `expand_*` or
//!   `macro_expand*` activity wherever it runs;
//! - const_eval: the self time of the const-evaluation queries themselves
//!   (`eval_to_allocation_raw`, `eval_to_const_value_raw`, `eval_to_valtree`,
//!   `valtree_to_const_val`, `eval_static_initializer`, `const_eval*`, `mir_for_ctfe` and
//!   its metadata decoding): the interpreter's work, wherever it was triggered from
//!   (`mir_borrowck`, `check_mod_type_wf`, the known-panics lint, ...). Queries that const
//!   evaluation calls *into* (the `typeck`, `mir_built`, `mir_borrowck` of a const's body,
//!   which rustc runs for every body anyway, whoever asks first) are not const evaluation:
//!   they stay in `rest` and are shown as `nested_in_const_eval`;
//! - rest: everything else (type checking, borrow checking, MIR passes, metadata, codegen,
//!   linking of the rlib, the profiler's own string table).

use analyzeme::{EventPayload, ProfilingData, Timestamp};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::SystemTime;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Bucket {
    Expansion,
    ConstEval,
    Rest,
}

impl Bucket {
    fn name(self) -> &'static str {
        match self {
            Bucket::Expansion => "expansion",
            Bucket::ConstEval => "const_eval",
            Bucket::Rest => "rest",
        }
    }
}

fn is_expansion(label: &str) -> bool {
    label.starts_with("expand_") || label.starts_with("macro_expand")
}

fn is_const_eval(label: &str) -> bool {
    label.starts_with("eval_to_")
        || label.starts_with("const_eval")
        || matches!(
            label,
            "valtree_to_const_val"
                | "eval_static_initializer"
                | "mir_for_ctfe"
                | "metadata_decode_entry_mir_for_ctfe"
        )
}

struct Ev {
    thread: u32,
    start: SystemTime,
    end: SystemTime,
    label: String,
}

/// Self time per group, and per (group, label).
#[derive(Debug, Default)]
struct Summary {
    total: i128,
    buckets: HashMap<Bucket, i128>,
    nested_in_const_eval: i128,
    labels: HashMap<(Bucket, String), (i128, usize)>,
}

fn summarize(data: &ProfilingData) -> Summary {
    let mut evs: Vec<Ev> = Vec::new();
    for e in data.iter_full() {
        if let EventPayload::Timestamp(Timestamp::Interval { start, end }) = e.payload {
            evs.push(Ev {
                thread: e.thread_id,
                start,
                end,
                label: e.label.into_owned(),
            });
        }
    }
    // Parents before children: by thread, start, then longest first.
    evs.sort_by(|a, b| {
        (a.thread, a.start, std::cmp::Reverse(a.end)).cmp(&(
            b.thread,
            b.start,
            std::cmp::Reverse(b.end),
        ))
    });
    let dur = |e: &Ev| {
        e.end
            .duration_since(e.start)
            .map(|d| d.as_nanos() as i128)
            .unwrap_or(0)
    };
    let mut self_ns: Vec<i128> = evs.iter().map(dur).collect();
    let mut in_expansion = vec![false; evs.len()];
    let mut in_const_eval = vec![false; evs.len()];
    let mut stack: Vec<usize> = Vec::new();
    for i in 0..evs.len() {
        while let Some(&t) = stack.last() {
            let p = &evs[t];
            if p.thread == evs[i].thread && p.start <= evs[i].start && p.end >= evs[i].end {
                break;
            }
            stack.pop();
        }
        let (pe, pc) = match stack.last() {
            Some(&t) => {
                self_ns[t] -= self_ns[i];
                (in_expansion[t], in_const_eval[t])
            }
            None => (false, false),
        };
        in_expansion[i] = pe || is_expansion(&evs[i].label);
        in_const_eval[i] = pc || is_const_eval(&evs[i].label);
        stack.push(i);
    }
    let mut sum = Summary::default();
    for (i, e) in evs.iter().enumerate() {
        let b = if in_expansion[i] {
            Bucket::Expansion
        } else if is_const_eval(&e.label) {
            Bucket::ConstEval
        } else {
            if in_const_eval[i] {
                sum.nested_in_const_eval += self_ns[i];
            }
            Bucket::Rest
        };
        sum.total += self_ns[i];
        *sum.buckets.entry(b).or_default() += self_ns[i];
        let l = sum.labels.entry((b, e.label.clone())).or_default();
        l.0 += self_ns[i];
        l.1 += 1;
    }
    sum
}

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: profile-summary PATH.mm_profdata");
        return ExitCode::from(2);
    };
    let stem = path.strip_suffix(".mm_profdata").unwrap_or(&path);
    let data = match ProfilingData::new(Path::new(stem)) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("profile-summary: cannot read {path}: {e}");
            return ExitCode::from(1);
        }
    };
    let sum = summarize(&data);
    // Written whole at the end; a closed pipe (`| head`) is not an error worth a panic.
    let mut out = String::new();
    out += &format!("total\t{}\n", sum.total);
    for b in [Bucket::Expansion, Bucket::ConstEval, Bucket::Rest] {
        let ns = sum.buckets.get(&b).copied().unwrap_or(0);
        out += &format!("bucket\t{}\t{ns}\n", b.name());
    }
    out += &format!("nested_in_const_eval\t{}\n", sum.nested_in_const_eval);
    let mut top: Vec<_> = sum.labels.into_iter().collect();
    top.sort_by_key(|a| (a.0 .0, -a.1 .0));
    let mut shown: HashMap<Bucket, usize> = HashMap::new();
    for ((b, label), (ns, n)) in top {
        let k = shown.entry(b).or_default();
        if *k < 8 {
            *k += 1;
            out += &format!("top\t{}\t{label}\t{ns}\t{n}\n", b.name());
        }
    }
    let _ = std::io::stdout().write_all(out.as_bytes());
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;
    use analyzeme::ProfilingDataBuilder;

    fn get(s: &Summary, b: Bucket) -> i128 {
        s.buckets.get(&b).copied().unwrap_or(0)
    }

    /// A profile shaped like rustc's: macro expansion with a derive inside it, then
    /// borrow checking that triggers const evaluation, which type-checks a const's body.
    #[test]
    fn groups_self_time() {
        let mut b = ProfilingDataBuilder::new();
        b.interval("GenericActivity", "expand_crate", 0, 0, 100, |b| {
            b.interval("GenericActivity", "expand_proc_macro", 0, 10, 50, |b| {
                // Work done while expanding counts as expansion, whatever its name.
                b.interval("Query", "metadata_register_crate", 0, 20, 30, |_| {});
            });
        });
        b.interval("Query", "mir_borrowck", 0, 100, 400, |b| {
            b.interval("Query", "eval_to_allocation_raw", 0, 110, 310, |b| {
                b.interval("Query", "typeck", 0, 120, 160, |_| {});
                b.interval("Query", "eval_to_const_value_raw", 0, 200, 220, |_| {});
            });
        });
        // Another thread: its events nest only among themselves.
        b.interval("Query", "typeck", 1, 150, 170, |_| {});
        let s = summarize(&b.into_profiling_data());
        // expand_crate 60 + expand_proc_macro 30 + metadata_register_crate 10.
        assert_eq!(get(&s, Bucket::Expansion), 100);
        // eval_to_allocation_raw 200 - 40 - 20 = 140, plus eval_to_const_value_raw 20.
        assert_eq!(get(&s, Bucket::ConstEval), 160);
        // mir_borrowck 300 - 200 = 100, typeck 40 inside const eval, typeck 20 on thread 1.
        assert_eq!(get(&s, Bucket::Rest), 160);
        assert_eq!(s.nested_in_const_eval, 40);
        assert_eq!(s.total, 420);
        assert_eq!(
            s.labels[&(Bucket::Rest, "typeck".to_string())],
            (60, 2),
            "typeck's self time from both threads"
        );
    }

    #[test]
    fn names() {
        assert!(is_const_eval("eval_to_allocation_raw"));
        assert!(is_const_eval("const_eval_resolve"));
        assert!(is_const_eval("mir_for_ctfe"));
        assert!(!is_const_eval("mir_borrowck"));
        assert!(is_expansion("expand_derive_proc_macro_outer"));
        assert!(!is_expansion("typeck"));
    }
}
