//! Attributes: which keys changed, and which names a field or variant accepts.

use alloc::collections::BTreeMap;
use alloc::vec;

use super::*;

pub(crate) fn has(attrs: &Attrs, key: &str) -> bool {
    attrs.iter().any(|(k, _)| k == key)
}

/// Attributes of a field, variant or container that the rules look at (interfaces are
/// not wire attributes; accepted names are ruled by name).
pub(super) fn wire_attrs(attrs: &Attrs) -> impl Iterator<Item = &(Text, Text)> {
    attrs
        .iter()
        .filter(|(k, _)| k != "accepts" && k != "implements")
}

pub(super) fn attr_list(attrs: &Attrs) -> Vec<String> {
    texts(wire_attrs(attrs))
}

/// Keys whose values differ between two attribute lists.
pub(super) fn changed_keys<'x>(a: &'x Attrs, b: &'x Attrs) -> Vec<&'x str> {
    let mut by_key: BTreeMap<&str, (Vec<&str>, Vec<&str>)> = BTreeMap::new();
    for (k, v) in wire_attrs(a) {
        by_key.entry(k).or_default().0.push(v);
    }
    for (k, v) in wire_attrs(b) {
        by_key.entry(k).or_default().1.push(v);
    }
    by_key
        .into_iter()
        .filter(|(_, (va, vb))| va != vb)
        .map(|(k, _)| k)
        .collect()
}

/// The names a field or variant with these attributes reads: its `accepts` entries when
/// it has any (serde's `alias`es and its own name), else its name.
fn accepted<'x>(name: &'x str, attrs: &'x Attrs) -> impl Iterator<Item = &'x str> {
    let listed = has(attrs, "accepts");
    let own = (!listed).then_some(name);
    own.into_iter().chain(
        attrs
            .iter()
            .filter(|(k, _)| k == "accepts")
            .map(|(_, v)| v.as_ref()),
    )
}

/// Whether a field or variant with these attributes reads the wire name `wanted`.
pub(super) fn accepts(name: &str, attrs: &Attrs, wanted: &str) -> bool {
    accepted(name, attrs).any(|n| n == wanted)
}

/// Pairs items by exact name (in order of occurrence), then by accepted names: each new
/// item with the first old one still free. Short lists (every real type's) are scanned;
/// longer ones go through sorted maps, which keep it linearithmic in the number of items
/// and accepted names, whatever a lockfile holds. Both give the same pairs.
pub(super) fn pair<T>(
    old: &[T],
    new: &[T],
    name: impl Fn(&T) -> &str,
    attrs: impl Fn(&T) -> &Attrs,
) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    if old.len().saturating_mul(new.len()) <= 1024 {
        return pair_scan(old, new, name, attrs);
    }
    pair_sorted(old, new, name, attrs)
}

fn pair_scan<T>(
    old: &[T],
    new: &[T],
    name: impl Fn(&T) -> &str,
    attrs: impl Fn(&T) -> &Attrs,
) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let mut of_old = vec![None; old.len()];
    let mut of_new = vec![None; new.len()];
    for (j, n) in new.iter().enumerate() {
        if let Some(i) = (0..old.len()).find(|&i| of_old[i].is_none() && name(&old[i]) == name(n)) {
            of_old[i] = Some(j);
            of_new[j] = Some(i);
        }
    }
    for (j, n) in new.iter().enumerate() {
        if of_new[j].is_some() {
            continue;
        }
        let found = (0..old.len()).find(|&i| {
            of_old[i].is_none()
                && (accepts(name(n), attrs(n), name(&old[i]))
                    || accepts(name(&old[i]), attrs(&old[i]), name(n)))
        });
        if let Some(i) = found {
            of_old[i] = Some(j);
            of_new[j] = Some(i);
        }
    }
    (of_old, of_new)
}

fn pair_sorted<T>(
    old: &[T],
    new: &[T],
    name: impl Fn(&T) -> &str,
    attrs: impl Fn(&T) -> &Attrs,
) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let mut of_old = vec![None; old.len()];
    let mut of_new = vec![None; new.len()];
    // Old items by name, and by each name they accept; each list in order.
    let mut by_name: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut by_accepted: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, o) in old.iter().enumerate() {
        by_name.entry(name(o)).or_default().push(i);
        for a in accepted(name(o), attrs(o)) {
            by_accepted.entry(a).or_default().push(i);
        }
    }
    // How far each name's list has been used up by exact matches.
    let mut next: BTreeMap<&str, usize> = BTreeMap::new();
    for (j, n) in new.iter().enumerate() {
        let list = by_name.get(name(n)).map_or(&[][..], Vec::as_slice);
        let k = next.entry(name(n)).or_insert(0);
        if let Some(&i) = list.get(*k) {
            *k += 1;
            of_old[i] = Some(j);
            of_new[j] = Some(i);
        }
    }
    for (j, n) in new.iter().enumerate() {
        if of_new[j].is_some() {
            continue;
        }
        // Old items whose name the new one accepts, or that accept the new one's name.
        let mut found: Option<usize> = None;
        let mut consider = |list: Option<&Vec<usize>>, of_old: &[Option<usize>]| {
            if let Some(&i) = list.into_iter().flatten().find(|&&i| of_old[i].is_none()) {
                found = Some(found.map_or(i, |f| f.min(i)));
            }
        };
        for a in accepted(name(n), attrs(n)) {
            consider(by_name.get(a), &of_old);
        }
        consider(by_accepted.get(name(n)), &of_old);
        if let Some(i) = found {
            of_old[i] = Some(j);
            of_new[j] = Some(i);
        }
    }
    (of_old, of_new)
}

/// The rule for a name that changed (or whose accepted names did), by which side reads
/// the other's name.
pub(super) fn name_rule(
    old_name: &str,
    old_attrs: &Attrs,
    new_name: &str,
    new_attrs: &Attrs,
) -> &'static Rule {
    let backward = accepts(new_name, new_attrs, old_name);
    let forward = accepts(old_name, old_attrs, new_name);
    match (backward, forward) {
        (true, true) if old_name == new_name => &r::ALIASES_CHANGED,
        (true, true) => &r::RENAMED_BOTH_ACCEPT,
        (true, false) => &r::RENAMED_NEW_ACCEPTS_OLD,
        (false, true) => &r::RENAMED_OLD_ACCEPTS_NEW,
        (false, false) => &r::ATTR_CHANGED,
    }
}

fn accepts_entries(attrs: &Attrs) -> impl Iterator<Item = &(Text, Text)> {
    attrs.iter().filter(|(k, _)| k == "accepts")
}

pub(super) fn accepts_list(attrs: &Attrs) -> Vec<String> {
    texts(accepts_entries(attrs))
}

pub(super) fn changed_keys_accepts(a: &Attrs, b: &Attrs) -> bool {
    !accepts_entries(a).eq(accepts_entries(b))
}

#[cfg(test)]
mod tests {
    use alloc::borrow::Cow;
    use alloc::vec::Vec;

    use super::{Attrs, pair_scan, pair_sorted};

    type Item = (&'static str, Attrs);

    fn name(x: &Item) -> &str {
        x.0
    }

    fn attrs(x: &Item) -> &Attrs {
        &x.1
    }

    /// The two ways of pairing agree, on lists with duplicates and accepted names.
    #[test]
    fn scan_and_sorted_pairing_agree() {
        let names = ["a", "b", "", "c", "a", "d", ""];
        let mut seed = 7u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let list = |n: usize, next: &mut dyn FnMut() -> u64| -> Vec<Item> {
            (0..n)
                .map(|_| {
                    let name = names[(next() % names.len() as u64) as usize];
                    let mut attrs = Attrs::new();
                    if next().is_multiple_of(3) {
                        for _ in 0..1 + next() % 2 {
                            let a = names[(next() % names.len() as u64) as usize];
                            attrs.push((Cow::Borrowed("accepts"), Cow::Borrowed(a)));
                        }
                    }
                    (name, attrs)
                })
                .collect()
        };
        for _ in 0..500 {
            let (n, m) = ((next() % 8) as usize, (next() % 8) as usize);
            let old = list(n, &mut next);
            let new = list(m, &mut next);
            assert_eq!(
                pair_scan(&old, &new, name, attrs),
                pair_sorted(&old, &new, name, attrs),
                "{old:?} {new:?}"
            );
        }
    }
}
