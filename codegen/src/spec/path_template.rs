//! A REST path template (`/v3/{project_id}/jobs/{job_id}`), parsed once when the spec is read:
//! the one reader of template text. `validate` checks it against the path parameters and
//! the examples' URLs, `lower` turns its parts into the request's path.

use serde::{Deserialize, Serialize};

/// A path template as the spec writes it, with its literal text and `{name}` placeholders.
/// Serialized as the string it was read from.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(from = "String", into = "String")]
pub struct PathTemplate {
    text: String,
    parts: Vec<TemplatePart>,
    /// A `{` is never closed; everything from the text before it is one literal part.
    unclosed: bool,
}

/// One piece of a path template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplatePart {
    /// Text between placeholders, as written (never empty).
    Literal(String),
    /// The name between `{` and the next `}`.
    Placeholder(String),
}

/// One `/`-separated segment of a template, as an example URL is compared with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment<'a> {
    /// Starts and ends with a placeholder (`{id}`, `{a}-{b}`): any URL segment fits.
    Variable,
    /// Anything else, as written (`jobs`, also `{id}.json`): a URL must have exactly this.
    Literal(&'a str),
}

impl PathTemplate {
    /// Parses template text. Never fails: a `{` without a `}` is kept (see
    /// [`PathTemplate::is_unclosed`]) so the validator can say where.
    pub fn new(text: impl Into<String>) -> PathTemplate {
        let text = text.into();
        let mut parts = Vec::new();
        let mut unclosed = false;
        let mut rest = text.as_str();
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                unclosed = true;
                break;
            };
            if open > 0 {
                parts.push(TemplatePart::Literal(rest[..open].to_owned()));
            }
            parts.push(TemplatePart::Placeholder(rest[open + 1..close].to_owned()));
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(TemplatePart::Literal(rest.to_owned()));
        }
        PathTemplate {
            text,
            parts,
            unclosed,
        }
    }

    /// The template as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Literal text and placeholders in order. After an unclosed `{`, the rest of the text
    /// is one literal.
    pub fn parts(&self) -> &[TemplatePart] {
        &self.parts
    }

    /// Whether a `{` is never closed (then no placeholder after it is known).
    pub fn is_unclosed(&self) -> bool {
        self.unclosed
    }

    /// The placeholders' names, in order.
    pub fn placeholders(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|part| match part {
            TemplatePart::Placeholder(name) => Some(name.as_str()),
            TemplatePart::Literal(_) => None,
        })
    }

    /// The segments between `/`s, leading and trailing `/`s left out (`/` alone is one
    /// empty segment).
    pub fn segments(&self) -> Vec<Segment<'_>> {
        // Byte ranges of the placeholders (braces included) in the text.
        let mut variable = Vec::new();
        let mut at = 0;
        for part in &self.parts {
            let len = match part {
                TemplatePart::Literal(text) => text.len(),
                TemplatePart::Placeholder(name) => {
                    variable.push(at..at + name.len() + 2);
                    name.len() + 2
                }
            };
            at += len;
        }
        let trimmed = self.text.trim_start_matches('/');
        let start = self.text.len() - trimmed.len();
        let trimmed = trimmed.trim_end_matches('/');
        let mut out = Vec::new();
        let mut offset = start;
        for segment in trimmed.split('/') {
            let range = offset..offset + segment.len();
            let opens = variable.iter().any(|v| v.start == range.start);
            let closes = variable.iter().any(|v| v.end == range.end);
            out.push(if opens && closes && !segment.is_empty() {
                Segment::Variable
            } else {
                Segment::Literal(segment)
            });
            offset = range.end + 1;
        }
        out
    }
}

impl std::fmt::Display for PathTemplate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl From<String> for PathTemplate {
    fn from(text: String) -> PathTemplate {
        PathTemplate::new(text)
    }
}

impl From<PathTemplate> for String {
    fn from(template: PathTemplate) -> String {
        template.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(text: &str) -> TemplatePart {
        TemplatePart::Literal(text.to_owned())
    }

    fn ph(name: &str) -> TemplatePart {
        TemplatePart::Placeholder(name.to_owned())
    }

    #[test]
    fn parts_are_literal_text_and_placeholders_in_order() {
        let t = PathTemplate::new("/v3/{project_id}/jobs/{job_id}{x}.json");
        assert_eq!(
            t.parts(),
            [
                lit("/v3/"),
                ph("project_id"),
                lit("/jobs/"),
                ph("job_id"),
                ph("x"),
                lit(".json")
            ]
        );
        assert_eq!(
            t.placeholders().collect::<Vec<_>>(),
            ["project_id", "job_id", "x"]
        );
        assert!(!t.is_unclosed());
        assert_eq!(t.to_string(), "/v3/{project_id}/jobs/{job_id}{x}.json");
    }

    #[test]
    fn an_unclosed_brace_keeps_the_rest_as_text() {
        let t = PathTemplate::new("/a/{id}/b/{oops");
        assert!(t.is_unclosed());
        assert_eq!(t.parts(), [lit("/a/"), ph("id"), lit("/b/{oops")]);
        assert_eq!(t.placeholders().collect::<Vec<_>>(), ["id"]);
        // A `{` inside a name belongs to the name: the first `}` closes it.
        assert_eq!(PathTemplate::new("{a{b}c").parts(), [ph("a{b"), lit("c")]);
    }

    #[test]
    fn segments_from_placeholder_to_placeholder_are_variable() {
        use Segment::{Literal, Variable};
        let t = PathTemplate::new("//v1/{id}/{a}-{b}/x{n}/{n}.json/z//");
        assert_eq!(
            t.segments(),
            [
                Literal("v1"),
                Variable,
                Variable,
                Literal("x{n}"),
                Literal("{n}.json"),
                Literal("z")
            ]
        );
        assert_eq!(PathTemplate::new("/").segments(), [Literal("")]);
        // A stray `}` is text, not the end of a placeholder.
        assert_eq!(PathTemplate::new("/{a}}").segments(), [Literal("{a}}")]);
    }

    #[test]
    fn serde_reads_and_writes_the_text() {
        let t: PathTemplate = serde_json::from_str(r#""/jobs/{id}""#).unwrap();
        assert_eq!(t.placeholders().collect::<Vec<_>>(), ["id"]);
        assert_eq!(serde_json::to_string(&t).unwrap(), r#""/jobs/{id}""#);
    }
}
