//! Values a refusal shows: what the client sent (an `aud`, a `kid`, a `typ`, a certificate's
//! subject), made fit for a log line. This is the one place that sanitises them: every error
//! that carries a value the client chose carries it as a [`Shown`] or a [`ShownList`].
//!
//! crate policy: a value the client chose may hold anything, a line break that forges a second
//! log line, terminal escapes, bidirectional overrides that make a log lie, or megabytes. Shown,
//! it is cut to [`MAX_SHOWN_CHARS`] characters, every control and invisible character is
//! escaped (`\n`, `\u{202e}`), and it is quoted. Only public values are shown: the errors never
//! build one from a secret, a MAC, a signature or a whole assertion.

use std::fmt;

/// The most characters of one value a refusal shows; the rest is cut, and the cut is said.
pub const MAX_SHOWN_CHARS: usize = 256;

/// The most values of a list (an `aud` array, a certificate's subjectAltName entries) a refusal
/// shows; how many more there were is said.
pub const MAX_SHOWN_VALUES: usize = 4;

/// A value the client sent, sanitised for a log: at most [`MAX_SHOWN_CHARS`] characters, with
/// control and invisible characters escaped as Rust's `char::escape_debug` writes them (a `"`
/// and a `\` escaped too). `Display` and `Debug` write it quoted, followed by how many
/// characters were cut, if any: `"https://as.example/"`, `"aaaa…" (cut: 300 characters)`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Shown {
    /// The escaped text, without quotes.
    text: String,
    /// The length of the value in characters, when it was cut.
    cut_from: Option<usize>,
}

impl Shown {
    /// Sanitises `raw`: cuts it to [`MAX_SHOWN_CHARS`] characters and escapes every control
    /// and invisible character, `"` and `\`.
    pub fn new(raw: &str) -> Self {
        let mut text = String::with_capacity(raw.len().min(MAX_SHOWN_CHARS));
        let mut chars = raw.chars();
        for c in chars.by_ref().take(MAX_SHOWN_CHARS) {
            match c {
                // Printable and harmless in a quoted value: kept as is.
                '\'' => text.push(c),
                // Everything else `escape_debug` leaves alone is printable; it escapes `"`,
                // `\`, controls (C0, DEL, C1), format characters (bidirectional overrides,
                // zero-width joiners), separators other than the space, unassigned and private
                // characters.
                _ => text.extend(c.escape_debug()),
            }
        }
        let rest = chars.count();
        let cut_from = (rest > 0).then(|| MAX_SHOWN_CHARS.saturating_add(rest));
        Self { text, cut_from }
    }

    /// The sanitised text, without quotes.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the value was longer than [`MAX_SHOWN_CHARS`] and was cut.
    pub fn was_cut(&self) -> bool {
        self.cut_from.is_some()
    }
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.cut_from {
            None => write!(f, "\"{}\"", self.text),
            Some(length) => write!(f, "\"{}…\" (cut: {length} characters)", self.text),
        }
    }
}

impl fmt::Debug for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl From<&str> for Shown {
    fn from(raw: &str) -> Self {
        Self::new(raw)
    }
}

/// Several values the client sent (an `aud` array, subjectAltName entries), each a [`Shown`],
/// at most [`MAX_SHOWN_VALUES`] of them. `Display` writes a single string as the string and an
/// array as `["a", "b"]`, with `… N more` when values were left out.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ShownList {
    values: Vec<Shown>,
    omitted: usize,
    array: bool,
}

impl ShownList {
    /// One value sent as a string (not an array).
    pub fn one(raw: &str) -> Self {
        Self {
            values: vec![Shown::new(raw)],
            omitted: 0,
            array: false,
        }
    }

    /// Values sent as an array, or several values of one kind.
    pub fn many<'a>(raw: impl IntoIterator<Item = &'a str>) -> Self {
        let mut values = Vec::new();
        let mut omitted = 0usize;
        for value in raw {
            if values.len() < MAX_SHOWN_VALUES {
                values.push(Shown::new(value));
            } else {
                omitted = omitted.saturating_add(1);
            }
        }
        Self {
            values,
            omitted,
            array: true,
        }
    }

    /// Counts `more` values left out before the list was made (of a list cut by its maker).
    pub(crate) fn add_omitted(&mut self, more: usize) {
        self.omitted = self.omitted.saturating_add(more);
    }

    /// The values shown (at most [`MAX_SHOWN_VALUES`]).
    pub fn values(&self) -> &[Shown] {
        &self.values
    }

    /// How many values were left out.
    pub fn omitted(&self) -> usize {
        self.omitted
    }
}

impl fmt::Display for ShownList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.array, self.values.as_slice()) {
            (false, [one]) => write!(f, "{one}"),
            (_, values) => {
                f.write_str("[")?;
                for (i, value) in values.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{value}")?;
                }
                if self.omitted > 0 {
                    write!(f, ", … {} more", self.omitted)?;
                }
                f.write_str("]")
            }
        }
    }
}

impl fmt::Debug for ShownList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Shows an optional JSON string member that was present: the string, or `(not a string)`
/// when it was another JSON type.
pub(crate) struct NotAString<'a>(pub(crate) &'a Option<Shown>);

impl fmt::Display for NotAString<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(value) => write!(f, "{value}"),
            None => f.write_str("(not a string)"),
        }
    }
}

/// Shows an optional JSON string member: the string, or `(absent or not a string)`.
pub(crate) struct Absent<'a>(pub(crate) &'a Option<Shown>);

impl fmt::Display for Absent<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(value) => write!(f, "{value}"),
            None => f.write_str("(absent or not a string)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_values_are_quoted_unchanged() {
        let shown = Shown::new("https://as.example/ é 'x'");
        assert_eq!(shown.to_string(), "\"https://as.example/ é 'x'\"");
        assert_eq!(format!("{shown:?}"), shown.to_string());
        assert!(!shown.was_cut());
    }

    #[test]
    fn control_and_invisible_characters_are_escaped() {
        // A forged log line, a terminal escape, a bidirectional override, a zero-width space,
        // a NUL, DEL and a C1 control.
        let raw = "a\r\nlevel=INFO forged\u{1b}[31m\u{202e}\u{200b}\0\u{7f}\u{85}\"\\";
        let shown = Shown::new(raw).to_string();
        for bad in [
            '\r', '\n', '\u{1b}', '\u{202e}', '\u{200b}', '\0', '\u{7f}', '\u{85}',
        ] {
            assert!(!shown.contains(bad), "{shown}");
        }
        assert_eq!(
            shown,
            r#""a\r\nlevel=INFO forged\u{1b}[31m\u{202e}\u{200b}\0\u{7f}\u{85}\"\\""#
        );
    }

    #[test]
    fn long_values_are_cut_and_the_cut_is_said() {
        let exact = "a".repeat(MAX_SHOWN_CHARS);
        assert_eq!(Shown::new(&exact).to_string(), format!("\"{exact}\""));
        let long = "é".repeat(MAX_SHOWN_CHARS + 44);
        let shown = Shown::new(&long);
        assert!(shown.was_cut());
        assert_eq!(shown.as_str().chars().count(), MAX_SHOWN_CHARS);
        assert!(shown.to_string().ends_with("…\" (cut: 300 characters)"));
        // A megabyte shows as a bounded line.
        assert!(Shown::new(&"x".repeat(1 << 20)).to_string().len() < 400);
    }

    #[test]
    fn lists_show_a_bounded_number_of_values() {
        assert_eq!(ShownList::one("a").to_string(), "\"a\"");
        assert_eq!(ShownList::many(["a"]).to_string(), "[\"a\"]");
        assert_eq!(ShownList::many([]).to_string(), "[]");
        let many = ShownList::many(["a", "b", "c", "d", "e", "f"]);
        assert_eq!(many.to_string(), r#"["a", "b", "c", "d", … 2 more]"#);
        assert_eq!((many.values().len(), many.omitted()), (MAX_SHOWN_VALUES, 2));
    }
}
