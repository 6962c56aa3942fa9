//! serde's `rename_all` rules, reproduced exactly: the fingerprint hashes wire names, so a
//! rule must produce the same string serde_derive does.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RenameRule {
    Lower,
    Upper,
    Pascal,
    Camel,
    Snake,
    ScreamingSnake,
    Kebab,
    ScreamingKebab,
}

pub const RULE_NAMES: &[(&str, RenameRule)] = &[
    ("lowercase", RenameRule::Lower),
    ("UPPERCASE", RenameRule::Upper),
    ("PascalCase", RenameRule::Pascal),
    ("camelCase", RenameRule::Camel),
    ("snake_case", RenameRule::Snake),
    ("SCREAMING_SNAKE_CASE", RenameRule::ScreamingSnake),
    ("kebab-case", RenameRule::Kebab),
    ("SCREAMING-KEBAB-CASE", RenameRule::ScreamingKebab),
];

impl RenameRule {
    pub fn from_str(name: &str) -> Option<Self> {
        RULE_NAMES.iter().find(|(n, _)| *n == name).map(|(_, r)| *r)
    }

    /// Applies the rule to a variant name, which Rust writes in PascalCase.
    pub fn apply_to_variant(self, variant: &str) -> String {
        match self {
            RenameRule::Pascal => variant.to_owned(),
            RenameRule::Lower => variant.to_ascii_lowercase(),
            RenameRule::Upper => variant.to_ascii_uppercase(),
            RenameRule::Camel => {
                let mut chars = variant.chars();
                match chars.next() {
                    Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
                    None => String::new(),
                }
            }
            RenameRule::Snake => {
                let mut snake = String::new();
                for (i, ch) in variant.char_indices() {
                    if i > 0 && ch.is_uppercase() {
                        snake.push('_');
                    }
                    snake.push(ch.to_ascii_lowercase());
                }
                snake
            }
            RenameRule::ScreamingSnake => RenameRule::Snake
                .apply_to_variant(variant)
                .to_ascii_uppercase(),
            RenameRule::Kebab => RenameRule::Snake
                .apply_to_variant(variant)
                .replace('_', "-"),
            RenameRule::ScreamingKebab => RenameRule::ScreamingSnake
                .apply_to_variant(variant)
                .replace('_', "-"),
        }
    }

    /// Applies the rule to a field name, which Rust writes in snake_case.
    pub fn apply_to_field(self, field: &str) -> String {
        match self {
            RenameRule::Lower | RenameRule::Snake => field.to_owned(),
            RenameRule::Upper | RenameRule::ScreamingSnake => field.to_ascii_uppercase(),
            RenameRule::Pascal => {
                let mut pascal = String::new();
                let mut capitalize = true;
                for ch in field.chars() {
                    if ch == '_' {
                        capitalize = true;
                    } else if capitalize {
                        pascal.push(ch.to_ascii_uppercase());
                        capitalize = false;
                    } else {
                        pascal.push(ch);
                    }
                }
                pascal
            }
            RenameRule::Camel => {
                let pascal = RenameRule::Pascal.apply_to_field(field);
                let mut chars = pascal.chars();
                match chars.next() {
                    Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
                    None => String::new(),
                }
            }
            RenameRule::Kebab => field.replace('_', "-"),
            RenameRule::ScreamingKebab => RenameRule::ScreamingSnake
                .apply_to_field(field)
                .replace('_', "-"),
        }
    }
}

/// The list of accepted rule names, for error messages.
pub struct AcceptedRules;

impl fmt::Display for AcceptedRules {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (name, _)) in RULE_NAMES.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "\"{name}\"")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::RenameRule::{self, *};

    // Expected strings from serde's documented examples (serde.rs/container-attrs.html),
    // not from this implementation.
    #[test]
    fn variant_rules() {
        let cases: &[(RenameRule, &str, &str)] = &[
            (Lower, "VeryTasty", "verytasty"),
            (Upper, "VeryTasty", "VERYTASTY"),
            (Pascal, "VeryTasty", "VeryTasty"),
            (Camel, "VeryTasty", "veryTasty"),
            (Snake, "VeryTasty", "very_tasty"),
            (ScreamingSnake, "VeryTasty", "VERY_TASTY"),
            (Kebab, "VeryTasty", "very-tasty"),
            (ScreamingKebab, "VeryTasty", "VERY-TASTY"),
            (Snake, "A", "a"),
            (Snake, "Z42", "z42"),
        ];
        for (rule, input, expected) in cases {
            assert_eq!(rule.apply_to_variant(input), *expected, "{rule:?} {input}");
        }
    }

    #[test]
    fn field_rules() {
        let cases: &[(RenameRule, &str, &str)] = &[
            (Lower, "very_tasty", "very_tasty"),
            (Upper, "very_tasty", "VERY_TASTY"),
            (Pascal, "very_tasty", "VeryTasty"),
            (Camel, "very_tasty", "veryTasty"),
            (Snake, "very_tasty", "very_tasty"),
            (ScreamingSnake, "very_tasty", "VERY_TASTY"),
            (Kebab, "very_tasty", "very-tasty"),
            (ScreamingKebab, "very_tasty", "VERY-TASTY"),
            (Camel, "a", "a"),
            (Pascal, "z42", "Z42"),
        ];
        for (rule, input, expected) in cases {
            assert_eq!(rule.apply_to_field(input), *expected, "{rule:?} {input}");
        }
    }
}
