//! The one place that turns text into doc comments. Lowering uses it for spec text, emit
//! for the last step of every doc line, so what rustdoc, clippy and rustc see is decided here.
//!
//! Vendor docs are plain text, not Markdown. Copied into rustdoc as they are, they would be
//! read as Markdown: a fenced or indented block becomes a doctest that `cargo test` compiles
//! and runs, a wrapped list item trips `clippy::doc_lazy_continuation`, `(https://…)` trips
//! `rustdoc::bare_urls`, `[x]` a broken intra-doc link, `<b>` an HTML tag. So spec text is
//! written as plain text that Markdown cannot restructure:
//!
//! - nothing at the start of a line can open a block: leading spaces and tabs become
//!   no-break spaces (no indented code block, and the indentation still shows), and a first
//!   character that could open a heading, list, quote, fence, thematic break or setext
//!   underline is backslash-escaped;
//! - backticks that pair up on the same line stay inline code; any other backtick is
//!   escaped, so no code span (and no fence) can reach across lines;
//! - outside inline code, `\ [ ] < >` and entity-like `&…;` are escaped, and every
//!   `http(s)://` URL becomes an autolink;
//! - each line ends in a hard break when the next line goes on, so line breaks survive.
//!
//! Text that is a name or a value rather than prose (an enum value, a wire name, a pattern,
//! a path) becomes inline code ([`code`]); a source URL becomes an autolink when it is a
//! plain URL ([`link`]). Finally every doc line goes through [`doc_line`], which writes out
//! control characters and the bidirectional controls rustc refuses in comments.

/// The characters rustc refuses in comments (`text_direction_codepoint_in_comment`) and
/// literals: they can make code read differently from how it compiles.
const BIDI_CONTROLS: [char; 9] = [
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}',
];

/// A no-break space: shows as a space, but is not indentation to Markdown.
const NBSP: char = '\u{A0}';

/// Whether `c` is written out as an escape rather than copied into a comment.
fn must_escape(c: char) -> bool {
    c.is_control() || BIDI_CONTROLS.contains(&c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Text with control characters, bidirectional controls and line separators written out
/// (`\n`, `\u{202e}`), for a place that must stay one line and show them: a `//` comment,
/// inline code.
pub fn escape_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if must_escape(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// The last step for every doc line, whoever wrote it: led by a space (so `///` text never
/// starts `////` or `///!`), tabs as spaces, and [`escape_controls`] for the rest (rustc
/// refuses a bare CR and bidirectional controls in a doc comment; others would garble it).
pub fn doc_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 1);
    if !line.is_empty() {
        out.push(' ');
    }
    for c in line.chars() {
        match c {
            '\t' => out.push_str("    "),
            c if must_escape(c) => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    out
}

/// Spec prose (docs, descriptions) as doc lines that Markdown reads as plain text: one entry
/// per line of `text`, none holding a newline.
pub fn prose(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text.lines().map(prose_line).collect();
    hard_breaks(&mut lines);
    lines
}

/// Spec text written inside a generated line (a title in a list item, a version): its lines
/// joined by spaces, escaped as [`prose`].
pub fn inline(text: &str) -> String {
    let joined: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    prose_line(&joined.join(" "))
}

/// Text shown as inline code: one line (controls written out), in a backtick fence longer
/// than any backtick run inside it.
pub fn code(text: &str) -> String {
    if text.is_empty() {
        return "(empty)".to_owned();
    }
    let text = escape_controls(text);
    let fence = "`".repeat(longest_backtick_run(&text) + 1);
    // Markdown strips one space from each side when both are there: pad when the text
    // itself begins or ends with a backtick or a space.
    let pad = text.starts_with(['`', ' ']) || text.ends_with(['`', ' ']);
    let space = if pad { " " } else { "" };
    format!("{fence}{space}{text}{space}{fence}")
}

/// The length of the longest run of backticks in `text`: a Markdown code fence (inline or
/// block) one longer holds `text` verbatim.
pub(crate) fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

/// A source URL: an autolink when it is one plain `http(s)` URL, else inline code.
pub fn link(url: &str) -> String {
    let plain = (url.starts_with("https://") || url.starts_with("http://"))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || must_escape(c) || matches!(c, '<' | '>' | '`'));
    if plain { format!("<{url}>") } else { code(url) }
}

/// Ends each line that a non-blank line follows in a hard break (`\`), so the page's line
/// breaks survive; a blank line still separates paragraphs.
fn hard_breaks(lines: &mut [String]) {
    for i in 1..lines.len() {
        if !lines[i].is_empty() && !lines[i - 1].is_empty() {
            lines[i - 1].push('\\');
        }
    }
}

/// One line of prose, neutralised (see the module docs).
fn prose_line(line: &str) -> String {
    let line = line.trim_end_matches([' ', '\t', '\r']);
    let content = line.trim_start_matches([' ', '\t']);
    if content.is_empty() {
        return String::new();
    }
    let mut out = String::with_capacity(line.len() + 8);
    for c in line[..line.len() - content.len()].chars() {
        let width = if c == '\t' { 4 } else { 1 };
        out.extend(std::iter::repeat_n(NBSP, width));
    }
    // A first character that could open a block is escaped, so the line is a paragraph
    // line whatever follows. Backticks are left to `inline_text`, which escapes them unless
    // they pair up on the line (and a pair cannot open a fence); `>` it escapes anyway.
    let marker = block_marker_len(content);
    let (head, rest) = content.split_at(marker);
    if marker > 0 {
        let (digits, last) = head.split_at(marker - 1);
        out.push_str(digits);
        out.push('\\');
        out.push_str(last);
    }
    inline_text(rest, &mut out);
    out
}

/// The length in bytes of what opens a block at the start of `content`: `#`, `>`, `-`,
/// `+`, `*`, `=`, `_`, `~`, `|`, `:` (a table's alignment row), or an ordered-list number
/// (`12.`, `3)`). 0: nothing.
fn block_marker_len(content: &str) -> usize {
    if content.starts_with(['#', '>', '-', '+', '*', '=', '_', '~', '|', ':']) {
        return 1;
    }
    let digits = content.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) && content[digits..].starts_with(['.', ')']) {
        return digits + 1;
    }
    0
}

/// Inline escaping of one line: pairs of backtick runs stay code spans, everything else is
/// plain text with Markdown's punctuation escaped and URLs made autolinks.
fn inline_text(line: &str, out: &mut String) {
    let bytes = line.as_bytes();
    let mut i = 0;
    let mut plain_start = 0;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let run = run_len(bytes, i);
            match closing_run(bytes, i + run, run) {
                Some(close) => {
                    plain(&line[plain_start..i], out);
                    out.push_str(&line[i..close + run]);
                    i = close + run;
                    plain_start = i;
                }
                None => {
                    plain(&line[plain_start..i], out);
                    for _ in 0..run {
                        out.push_str("\\`");
                    }
                    i += run;
                    plain_start = i;
                }
            }
        } else {
            i += 1;
        }
    }
    plain(&line[plain_start..], out);
}

fn run_len(bytes: &[u8], start: usize) -> usize {
    bytes[start..].iter().take_while(|&&b| b == b'`').count()
}

/// The start of the next backtick run of exactly `len` at or after `from`.
fn closing_run(bytes: &[u8], from: usize, len: usize) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let run = run_len(bytes, i);
            if run == len {
                return Some(i);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

/// Text outside inline code: escapes, and URLs as autolinks.
fn plain(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(start) = find_url(rest) {
        escape_plain(&rest[..start], out);
        let url = url_at(&rest[start..]);
        out.push('<');
        out.push_str(url);
        out.push('>');
        rest = &rest[start + url.len()..];
    }
    escape_plain(rest, out);
}

fn find_url(text: &str) -> Option<usize> {
    match (text.find("https://"), text.find("http://")) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The URL at the start of `text`: up to whitespace or a character an autolink cannot hold,
/// without trailing punctuation (and without a `)` or `]` it did not open).
fn url_at(text: &str) -> &str {
    let end = text
        .find(|c: char| c.is_whitespace() || must_escape(c) || matches!(c, '<' | '>' | '`' | '"'))
        .unwrap_or(text.len());
    let mut url = &text[..end];
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '*', '_', '~']);
        let trimmed = match trimmed.chars().last() {
            Some(close @ (')' | ']')) => {
                let open = if close == ')' { '(' } else { '[' };
                let opens = trimmed.matches(open).count();
                let closes = trimmed.matches(close).count();
                if closes > opens {
                    &trimmed[..trimmed.len() - 1]
                } else {
                    trimmed
                }
            }
            _ => trimmed,
        };
        if trimmed.len() == url.len() {
            return url;
        }
        url = trimmed;
    }
}

fn escape_plain(text: &str, out: &mut String) {
    for (i, c) in text.char_indices() {
        let escape = match c {
            '\\' | '[' | ']' | '<' | '>' => true,
            '&' => is_entity(&text[i..]),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Whether `text` starts with something Markdown reads as an entity (`&amp;`, `&#39;`).
fn is_entity(text: &str) -> bool {
    let body = &text[1..];
    let name = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
        .unwrap_or(body.len());
    name > 0 && body[name..].starts_with(';')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_line_can_open_a_block() {
        let text = "```rust\nfn x() {}\n```\n~~~\ny\n~~~\n    indented\n\ttabbed\n- item\n1. one\n2) two\n# head\n> quote\n===\n| a |";
        let lines = prose(text);
        let expected = [
            "\\`\\`\\`rust\\",
            "fn x() {}\\",
            "\\`\\`\\`\\",
            "\\~~~\\",
            "y\\",
            "\\~~~\\",
            "\u{a0}\u{a0}\u{a0}\u{a0}indented\\",
            "\u{a0}\u{a0}\u{a0}\u{a0}tabbed\\",
            "\\- item\\",
            "1\\. one\\",
            "2\\) two\\",
            "\\# head\\",
            "\\> quote\\",
            "\\===\\",
            "\\| a |",
        ];
        assert_eq!(lines, expected);
    }

    #[test]
    fn code_spans_pair_on_their_line_or_are_escaped() {
        assert_eq!(prose("`a` and ``b`c``"), ["`a` and ``b`c``"]);
        assert_eq!(prose("un`paired"), ["un\\`paired"]);
        // Inside code, nothing is escaped; outside, links and tags are.
        assert_eq!(prose("`[x] <b>` [y] <b>"), ["`[x] <b>` \\[y\\] \\<b\\>"]);
        // A line that starts with inline code keeps it.
        assert_eq!(prose("`code` first"), ["`code` first"]);
    }

    #[test]
    fn urls_become_autolinks_however_the_page_wrote_them() {
        assert_eq!(
            prose("(https://a.example/x), Also:https://b.example. <https://c.example>"),
            ["(<https://a.example/x>), Also:<https://b.example>. \\<<https://c.example>\\>"]
        );
        assert_eq!(
            prose("https://w.example/a_(b)"),
            ["<https://w.example/a_(b)>"]
        );
        assert_eq!(prose("`https://in.code`"), ["`https://in.code`"]);
    }

    #[test]
    fn blank_and_space_only_lines_separate_paragraphs() {
        assert_eq!(prose("a\n   \nb\nc  "), ["a", "", "b\\", "c"]);
        assert_eq!(
            inline("A title\n  over two lines "),
            "A title over two lines"
        );
    }

    #[test]
    fn entities_and_backslashes_stay_text() {
        assert_eq!(prose("&amp; & AT&T \\"), ["\\&amp; & AT&T \\\\"]);
    }

    #[test]
    fn code_and_links_are_one_line() {
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code("x\n```rust"), "````x\\n```rust````");
        assert_eq!(code(""), "(empty)");
        assert_eq!(link("https://a.example/p?q=1"), "<https://a.example/p?q=1>");
        assert_eq!(
            link("https://a.example/\n```"),
            code("https://a.example/\n```")
        );
    }

    #[test]
    fn controls_and_bidi_are_written_out() {
        assert_eq!(doc_line("a\u{202e}b\rc\td"), " a\\u{202e}b\\rc    d");
        assert_eq!(escape_controls("x\ny\u{2066}"), "x\\ny\\u{2066}");
    }
}
