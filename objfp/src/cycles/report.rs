//! Stage 4: the result. The groups found, what each member declares, the annotation to
//! write, and the text that says it.

use std::borrow::ToOwned;
use std::fmt;
use std::path::{Path, PathBuf};
use std::string::{String, ToString};
use std::vec::Vec;

/// A member of a [`Group`]: a type that derives the fingerprint, where it is, and what it
/// declares.
///
/// ```
/// let groups = objfp::cycles::find_in_sources(&[(
///     "src/ast.rs",
///     "#[derive(objfp::TypeFingerprint)]\nenum Expr { Lit(i64), Block(Box<Block>) }\n\
///      #[derive(objfp::TypeFingerprint)]\nstruct Block { exprs: Vec<Expr> }\n",
/// )])?;
/// let block = &groups.as_slice()[0].members()[0];
/// assert_eq!(block.name(), "Block");
/// assert_eq!(block.path(), std::path::Path::new("src/ast.rs"));
/// assert_eq!(block.line(), 4);
/// assert_eq!(block.declared(), None);
/// # Ok::<(), objfp::cycles::CycleError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub(super) name: String,
    pub(super) path: PathBuf,
    pub(super) line: usize,
    pub(super) declared: Option<Vec<String>>,
    pub(super) through_alias: Vec<(String, String)>,
}

impl Member {
    /// The type's name.
    ///
    /// ```
    /// # let groups = objfp::cycles::find_in_sources(&[("a.rs",
    /// #     "#[derive(objfp::TypeFingerprint)] struct A(Box<B>);
    /// #      #[derive(objfp::TypeFingerprint)] struct B(Vec<A>);")])?;
    /// let names: Vec<&str> = groups.as_slice()[0].members().iter().map(|m| m.name()).collect();
    /// assert_eq!(names, ["A", "B"]);
    /// # Ok::<(), objfp::cycles::CycleError>(())
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The file that defines it.
    ///
    /// ```
    /// # let groups = objfp::cycles::find_in_sources(&[("src/a.rs",
    /// #     "#[derive(objfp::TypeFingerprint)] struct A(Box<B>);
    /// #      #[derive(objfp::TypeFingerprint)] struct B(Vec<A>);")])?;
    /// assert_eq!(groups.as_slice()[0].members()[0].path().to_str(), Some("src/a.rs"));
    /// # Ok::<(), objfp::cycles::CycleError>(())
    /// ```
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The line of its name, from 1.
    ///
    /// ```
    /// # let groups = objfp::cycles::find_in_sources(&[("a.rs",
    /// #     "#[derive(objfp::TypeFingerprint)]\nstruct A(Box<B>);\n\
    /// #      #[derive(objfp::TypeFingerprint)]\nstruct B(Vec<A>);\n")])?;
    /// let lines: Vec<usize> = groups.as_slice()[0].members().iter().map(|m| m.line()).collect();
    /// assert_eq!(lines, [2, 4]);
    /// # Ok::<(), objfp::cycles::CycleError>(())
    /// ```
    pub fn line(&self) -> usize {
        self.line
    }

    /// The names its `#[fingerprint(cycle(...))]` lists, in the written order (the last
    /// segment of each path, `Self` as the type's own name), or `None` without one.
    ///
    /// ```
    /// # let groups = objfp::cycles::find_in_sources(&[("a.rs",
    /// #     "#[derive(objfp::TypeFingerprint)] #[fingerprint(cycle(B, crate::A))] struct A(Box<B>);
    /// #      #[derive(objfp::TypeFingerprint)] struct B(Vec<A>);")])?;
    /// let [a, b] = groups.as_slice()[0].members() else { unreachable!() };
    /// assert_eq!(a.declared(), Some(&["B".to_string(), "A".to_string()][..]));
    /// assert_eq!(b.declared(), None);
    /// # Ok::<(), objfp::cycles::CycleError>(())
    /// ```
    pub fn declared(&self) -> Option<&[String]> {
        self.declared.as_deref()
    }

    /// The members of its group that it mentions through a type alias or a renaming
    /// import, as (member, the name written). The derive cannot see a member behind an
    /// alias (SPEC.md §8): rustc reports a cycle until that field spells the member out
    /// with `#[fingerprint(as = "..")]`.
    ///
    /// ```
    /// # let groups = objfp::cycles::find_in_sources(&[("a.rs",
    /// #     "type Kids = Vec<Node>;
    /// #      #[derive(objfp::TypeFingerprint)] struct Node { leaf: Box<Leaf> }
    /// #      #[derive(objfp::TypeFingerprint)] enum Leaf { End, More(Kids) }")])?;
    /// let leaf = &groups.as_slice()[0].members()[0];
    /// assert_eq!(leaf.name(), "Leaf");
    /// assert_eq!(leaf.through_alias(), [("Node".to_string(), "Kids".to_string())]);
    /// # Ok::<(), objfp::cycles::CycleError>(())
    /// ```
    pub fn through_alias(&self) -> &[(String, String)] {
        &self.through_alias
    }
}

/// A group of two or more mutually recursive types: the members of one
/// `#[fingerprint(cycle(...))]`, sorted by name (then file and line).
///
/// ```
/// let groups = objfp::cycles::find_in_sources(&[(
///     "src/ast.rs",
///     "#[derive(objfp::TypeFingerprint)] enum Expr { Lit(i64), Block(Box<Block>) }
///      #[derive(objfp::TypeFingerprint)] struct Block { exprs: Vec<Expr> }",
/// )])?;
/// let group = &groups.as_slice()[0];
/// assert_eq!(group.names(), ["Block", "Expr"]);
/// assert!(!group.is_declared());
/// assert_eq!(group.annotation(), "#[fingerprint(cycle(Block, Expr))]");
/// # Ok::<(), objfp::cycles::CycleError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub(super) members: Vec<Member>,
}

impl Group {
    /// The members, sorted by name.
    ///
    /// ```
    /// # let groups = objfp::cycles::find_in_sources(&[("a.rs",
    /// #     "#[derive(objfp::TypeFingerprint)] struct Z(Box<A>);
    /// #      #[derive(objfp::TypeFingerprint)] struct A(Vec<Z>);")])?;
    /// assert_eq!(groups.as_slice()[0].members()[0].name(), "A");
    /// # Ok::<(), objfp::cycles::CycleError>(())
    /// ```
    pub fn members(&self) -> &[Member] {
        &self.members
    }

    /// The members' names, sorted.
    ///
    /// ```
    /// # let groups = objfp::cycles::find_in_sources(&[("a.rs",
    /// #     "#[derive(objfp::TypeFingerprint)] struct Z(Box<A>);
    /// #      #[derive(objfp::TypeFingerprint)] struct A(Vec<Z>);")])?;
    /// assert_eq!(groups.as_slice()[0].names(), ["A", "Z"]);
    /// # Ok::<(), objfp::cycles::CycleError>(())
    /// ```
    pub fn names(&self) -> Vec<&str> {
        self.members.iter().map(|m| m.name.as_str()).collect()
    }

    /// Whether every member declares a `cycle(...)` listing exactly the members, in any
    /// order. The derive also needs the same order on every member: see
    /// [`is_correct`](Self::is_correct).
    ///
    /// ```
    /// # let groups = objfp::cycles::find_in_sources(&[("a.rs",
    /// #     "#[derive(objfp::TypeFingerprint)] #[fingerprint(cycle(A, B))] struct A(Box<B>);
    /// #      #[derive(objfp::TypeFingerprint)] #[fingerprint(cycle(B, A))] struct B(Vec<A>);")])?;
    /// let group = &groups.as_slice()[0];
    /// assert!(group.is_declared());
    /// assert!(!group.is_correct()); // two orders
    /// # Ok::<(), objfp::cycles::CycleError>(())
    /// ```
    pub fn is_declared(&self) -> bool {
        let mut names = self.names();
        names.sort_unstable();
        self.members.iter().all(|m| {
            m.declared.as_ref().is_some_and(|d| {
                let mut d: Vec<&str> = d.iter().map(String::as_str).collect();
                d.sort_unstable();
                d == names
            })
        })
    }

    /// Whether the group needs no change: declared on every member, with the same list in
    /// the same order, and no member mentions another through an alias
    /// ([`Member::through_alias`]).
    ///
    /// ```
    /// # let groups = objfp::cycles::find_in_sources(&[("a.rs",
    /// #     "#[derive(objfp::TypeFingerprint)] #[fingerprint(cycle(B, A))] struct A(Box<B>);
    /// #      #[derive(objfp::TypeFingerprint)] #[fingerprint(cycle(B, A))] struct B(Vec<A>);")])?;
    /// assert!(groups.as_slice()[0].is_correct());
    /// # Ok::<(), objfp::cycles::CycleError>(())
    /// ```
    pub fn is_correct(&self) -> bool {
        self.is_declared()
            && self.same_order()
            && self.members.iter().all(|m| m.through_alias.is_empty())
    }

    /// Whether every member declares the same list (or none does).
    fn same_order(&self) -> bool {
        self.members
            .windows(2)
            .all(|w| w[0].declared == w[1].declared)
    }

    /// The list every member should declare: the order most members already use if some
    /// member lists exactly the group (ties go to the order that sorts first), else the
    /// names sorted.
    ///
    /// ```
    /// # let groups = objfp::cycles::find_in_sources(&[("a.rs",
    /// #     "#[derive(objfp::TypeFingerprint)] #[fingerprint(cycle(B, A))] struct A(Box<B>);
    /// #      #[derive(objfp::TypeFingerprint)] struct B(Vec<A>);")])?;
    /// assert_eq!(groups.as_slice()[0].cycle_list(), ["B", "A"]);
    /// # Ok::<(), objfp::cycles::CycleError>(())
    /// ```
    pub fn cycle_list(&self) -> Vec<&str> {
        let names = self.names();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        let mut best: Option<(usize, Vec<&str>)> = None;
        for m in &self.members {
            let Some(d) = &m.declared else { continue };
            let d: Vec<&str> = d.iter().map(String::as_str).collect();
            let mut s = d.clone();
            s.sort_unstable();
            if s != sorted {
                continue;
            }
            let count = self
                .members
                .iter()
                .filter(|o| o.declared.as_ref().is_some_and(|od| od.iter().eq(d.iter())))
                .count();
            let better = match &best {
                None => true,
                Some((c, b)) => count > *c || (count == *c && d < *b),
            };
            if better {
                best = Some((count, d));
            }
        }
        best.map_or(names, |(_, d)| d)
    }

    /// The attribute every member should carry.
    ///
    /// ```
    /// # let groups = objfp::cycles::find_in_sources(&[("a.rs",
    /// #     "#[derive(objfp::TypeFingerprint)] struct A(Box<B>);
    /// #      #[derive(objfp::TypeFingerprint)] struct B(Vec<A>);")])?;
    /// assert_eq!(groups.as_slice()[0].annotation(), "#[fingerprint(cycle(A, B))]");
    /// # Ok::<(), objfp::cycles::CycleError>(())
    /// ```
    pub fn annotation(&self) -> String {
        std::format!("#[fingerprint(cycle({}))]", self.cycle_list().join(", "))
    }
}

impl fmt::Display for Group {
    /// The group and, for each member, what to do, one line each.
    ///
    /// ```
    /// # let groups = objfp::cycles::find_in_sources(&[("src/a.rs",
    /// #     "#[derive(objfp::TypeFingerprint)]\nstruct A(Box<B>);\n\
    /// #      #[derive(objfp::TypeFingerprint)]\n#[fingerprint(cycle(B))]\nstruct B(Vec<A>);\n")])?;
    /// assert_eq!(
    ///     groups.as_slice()[0].to_string(),
    ///     "group of 2: A, B\n\
    ///      \x20 src/a.rs:2: add #[fingerprint(cycle(A, B))] to A\n\
    ///      \x20 src/a.rs:5: change cycle(B) to cycle(A, B) on B\n"
    /// );
    /// # Ok::<(), objfp::cycles::CycleError>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = self.cycle_list().join(", ");
        write!(
            f,
            "group of {}: {}",
            self.members.len(),
            self.names().join(", ")
        )?;
        if self.is_declared() && !self.same_order() {
            write!(
                f,
                " (declared, but in different orders: the derive needs the same order on every member)"
            )?;
        }
        writeln!(f)?;
        for m in &self.members {
            let at = m.path.display();
            match &m.declared {
                None => writeln!(
                    f,
                    "  {at}:{}: add #[fingerprint(cycle({list}))] to {}",
                    m.line, m.name
                )?,
                Some(d) if d.join(", ") != list => writeln!(
                    f,
                    "  {at}:{}: change cycle({}) to cycle({list}) on {}",
                    m.line,
                    d.join(", "),
                    m.name
                )?,
                Some(_) => writeln!(f, "  {at}:{}: {} already has cycle({list})", m.line, m.name)?,
            }
            for (to, alias) in &m.through_alias {
                writeln!(
                    f,
                    "  {at}:{}: {} mentions {to} through `{alias}`, which the derive cannot \
                     see through: write that field with #[fingerprint(as = \"..\")] naming {to}",
                    m.line, m.name
                )?;
            }
        }
        Ok(())
    }
}

/// Every group of two or more mutually recursive types that was found, in a deterministic
/// order (by their members' names, then files and lines).
///
/// `Display` writes one block per group that needs a change (what to add or change on
/// each member, with file and line), then one line for the groups already declared.
///
/// ```
/// let groups = objfp::cycles::find_in_sources(&[(
///     "src/ast.rs",
///     "#[derive(objfp::TypeFingerprint)]
///      #[fingerprint(cycle(Block, Expr))]
///      enum Expr { Lit(i64), Block(Box<Block>) }
///      #[derive(objfp::TypeFingerprint)]
///      #[fingerprint(cycle(Block, Expr))]
///      struct Block { exprs: Vec<Expr> }",
/// )])?;
/// assert_eq!(groups.len(), 1);
/// assert_eq!(groups.to_string(), "1 group already declared correctly: Block, Expr\n");
/// assert!(groups.check().is_ok());
/// # Ok::<(), objfp::cycles::CycleError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Groups {
    pub(super) groups: Vec<Group>,
}

impl Groups {
    /// The groups.
    ///
    /// ```
    /// let groups = objfp::cycles::find_in_sources(&[("a.rs", "struct NotDerived;")])?;
    /// assert!(groups.as_slice().is_empty());
    /// # Ok::<(), objfp::cycles::CycleError>(())
    /// ```
    pub fn as_slice(&self) -> &[Group] {
        &self.groups
    }

    /// An iterator over the groups.
    ///
    /// ```
    /// # let groups = objfp::cycles::find_in_sources(&[("a.rs",
    /// #     "#[derive(objfp::TypeFingerprint)] struct A(Box<B>);
    /// #      #[derive(objfp::TypeFingerprint)] struct B(Vec<A>);")])?;
    /// for group in groups.iter() {
    ///     println!("{}", group.annotation());
    /// }
    /// # Ok::<(), objfp::cycles::CycleError>(())
    /// ```
    pub fn iter(&self) -> std::slice::Iter<'_, Group> {
        self.groups.iter()
    }

    /// How many groups were found.
    ///
    /// ```
    /// let groups = objfp::cycles::find_in_sources(&[("a.rs",
    ///     "#[derive(objfp::TypeFingerprint)] enum List { Nil, Cons(u32, Box<List>) }")])?;
    /// assert_eq!(groups.len(), 0); // a type that contains itself needs no annotation
    /// # Ok::<(), objfp::cycles::CycleError>(())
    /// ```
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// Whether no group was found.
    ///
    /// ```
    /// let groups = objfp::cycles::find_in_sources::<&str, &str>(&[])?;
    /// assert!(groups.is_empty());
    /// # Ok::<(), objfp::cycles::CycleError>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The groups that need a change ([`Group::is_correct`] is false).
    ///
    /// ```
    /// # let groups = objfp::cycles::find_in_sources(&[("a.rs",
    /// #     "#[derive(objfp::TypeFingerprint)] struct A(Box<B>);
    /// #      #[derive(objfp::TypeFingerprint)] struct B(Vec<A>);")])?;
    /// assert_eq!(groups.to_fix().count(), 1);
    /// # Ok::<(), objfp::cycles::CycleError>(())
    /// ```
    pub fn to_fix(&self) -> impl Iterator<Item = &Group> {
        self.groups.iter().filter(|g| !g.is_correct())
    }

    /// `Ok` if every group is declared correctly; else an error whose message is this
    /// report (see the [module documentation](super) for a `build.rs`).
    ///
    /// ```
    /// let groups = objfp::cycles::find_in_sources(&[("src/a.rs",
    ///     "#[derive(objfp::TypeFingerprint)] struct A(Box<B>);
    ///      #[derive(objfp::TypeFingerprint)] struct B(Vec<A>);")])?;
    /// let err = groups.check().unwrap_err();
    /// assert_eq!(err.to_string(), groups.to_string());
    /// assert!(err.to_string().contains("src/a.rs:1: add #[fingerprint(cycle(A, B))] to A"));
    /// # Ok::<(), objfp::cycles::CycleError>(())
    /// ```
    pub fn check(&self) -> Result<(), NeedsAnnotation> {
        if self.to_fix().next().is_none() {
            Ok(())
        } else {
            Err(NeedsAnnotation {
                report: self.to_string(),
            })
        }
    }
}

impl<'a> IntoIterator for &'a Groups {
    type Item = &'a Group;
    type IntoIter = std::slice::Iter<'a, Group>;

    /// ```
    /// # let groups = objfp::cycles::find_in_sources::<&str, &str>(&[])?;
    /// for group in &groups {
    ///     println!("{group}");
    /// }
    /// # Ok::<(), objfp::cycles::CycleError>(())
    /// ```
    fn into_iter(self) -> Self::IntoIter {
        self.groups.iter()
    }
}

impl IntoIterator for Groups {
    type Item = Group;
    type IntoIter = std::vec::IntoIter<Group>;

    /// ```
    /// # let groups = objfp::cycles::find_in_sources::<&str, &str>(&[])?;
    /// let all: Vec<objfp::cycles::Group> = groups.into_iter().collect();
    /// assert!(all.is_empty());
    /// # Ok::<(), objfp::cycles::CycleError>(())
    /// ```
    fn into_iter(self) -> Self::IntoIter {
        self.groups.into_iter()
    }
}

impl fmt::Display for Groups {
    /// The report: a block per group to fix, then a line for the groups declared.
    ///
    /// ```
    /// let groups = objfp::cycles::find_in_sources::<&str, &str>(&[])?;
    /// assert_eq!(groups.to_string(), "no mutually recursive types\n");
    /// # Ok::<(), objfp::cycles::CycleError>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.groups.is_empty() {
            return writeln!(f, "no mutually recursive types");
        }
        for g in self.to_fix() {
            write!(f, "{g}")?;
        }
        let ok: Vec<String> = self
            .groups
            .iter()
            .filter(|g| g.is_correct())
            .map(|g| g.names().join(", "))
            .collect();
        if !ok.is_empty() {
            let noun = if ok.len() == 1 { "group" } else { "groups" };
            writeln!(
                f,
                "{} {noun} already declared correctly: {}",
                ok.len(),
                ok.join("; ")
            )?;
        }
        Ok(())
    }
}

/// The error of [`Groups::check`]: some group needs an annotation. Its message is the
/// report ([`Groups`]'s `Display`).
///
/// ```
/// # let groups = objfp::cycles::find_in_sources(&[("a.rs",
/// #     "#[derive(objfp::TypeFingerprint)] struct A(Box<B>);
/// #      #[derive(objfp::TypeFingerprint)] struct B(Vec<A>);")])?;
/// if let Err(todo) = groups.check() {
///     for line in todo.report().lines() {
///         println!("cargo:warning={line}");
///     }
/// }
/// # Ok::<(), objfp::cycles::CycleError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NeedsAnnotation {
    report: String,
}

impl NeedsAnnotation {
    /// The report, one line per member to change.
    ///
    /// ```
    /// # let groups = objfp::cycles::find_in_sources(&[("a.rs",
    /// #     "#[derive(objfp::TypeFingerprint)] struct A(Box<B>);
    /// #      #[derive(objfp::TypeFingerprint)] struct B(Vec<A>);")])?;
    /// let todo = groups.check().unwrap_err();
    /// assert!(todo.report().starts_with("group of 2: A, B\n"));
    /// # Ok::<(), objfp::cycles::CycleError>(())
    /// ```
    pub fn report(&self) -> &str {
        &self.report
    }
}

impl fmt::Display for NeedsAnnotation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.report)
    }
}

impl std::error::Error for NeedsAnnotation {}

/// Builds the groups from the components (sorting members and groups).
pub(super) fn groups(mut groups: Vec<Group>) -> Groups {
    for g in &mut groups {
        g.members
            .sort_by(|a, b| (&a.name, &a.path, a.line).cmp(&(&b.name, &b.path, b.line)));
    }
    groups.sort_by(|a, b| {
        let key = |g: &Group| {
            g.members
                .iter()
                .map(|m| (m.name.clone(), m.path.clone(), m.line))
                .collect::<Vec<_>>()
        };
        key(a).cmp(&key(b))
    });
    Groups { groups }
}

/// A member from its parts.
pub(super) fn member(
    name: &str,
    path: &Path,
    line: usize,
    declared: Option<&[String]>,
    through_alias: Vec<(String, String)>,
) -> Member {
    Member {
        name: name.to_owned(),
        path: path.to_owned(),
        line,
        declared: declared.map(<[String]>::to_vec),
        through_alias,
    }
}
