//! Attributes: which keys changed, and which names a field or variant accepts.

use super::*;

pub(crate) fn has(attrs: Attrs, key: &str) -> bool {
    attrs.iter().any(|a| a.key == key)
}

/// Attributes of a field, variant or container that the rules look at (interfaces are
/// not wire attributes; accepted names are ruled by name).
pub(super) fn wire_attrs(attrs: Attrs) -> impl Iterator<Item = crate::Attr> {
    attrs
        .iter()
        .filter(|a| a.key != "accepts" && a.key != "implements")
}

pub(super) fn attr_list(attrs: Attrs) -> Vec<String> {
    wire_attrs(attrs)
        .map(|a| attr_text(a.key, a.value))
        .collect()
}

/// Keys whose values differ between two attribute lists.
pub(super) fn changed_keys(a: Attrs, b: Attrs) -> Vec<&'static str> {
    let mut keys: Vec<&str> = wire_attrs(a).chain(wire_attrs(b)).map(|x| x.key).collect();
    keys.sort_unstable();
    keys.dedup();
    keys.retain(|k| {
        let va = a.iter().filter(|x| x.key == *k).map(|x| x.value);
        let vb = b.iter().filter(|x| x.key == *k).map(|x| x.value);
        !va.eq(vb)
    });
    keys
}

/// Whether a field or variant with these attributes reads the wire name `name`.
pub(super) fn accepts(name: &str, attrs: Attrs, wanted: &str) -> bool {
    if has(attrs, "accepts") {
        attrs
            .iter()
            .any(|a| a.key == "accepts" && a.value == wanted)
    } else {
        name == wanted
    }
}

/// Pairs items by exact name (in order of occurrence), then by accepted names.
pub(super) fn pair<T>(
    old: &[T],
    new: &[T],
    name: impl Fn(&T) -> &str,
    attrs: impl Fn(&T) -> Attrs,
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

/// The rule for a name that changed (or whose accepted names did), by which side reads
/// the other's name.
pub(super) fn name_rule(
    old_name: &str,
    old_attrs: Attrs,
    new_name: &str,
    new_attrs: Attrs,
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

pub(super) fn accepts_list(attrs: Attrs) -> Vec<String> {
    attrs
        .iter()
        .filter(|a| a.key == "accepts")
        .map(|a| attr_text(a.key, a.value))
        .collect()
}

pub(super) fn changed_keys_accepts(a: Attrs, b: Attrs) -> bool {
    let x = a.iter().filter(|x| x.key == "accepts");
    let y = b.iter().filter(|x| x.key == "accepts");
    !x.eq(y)
}
