//! Rustdoc text lower writes besides the spec's own docs: constraints and defaults, where an
//! item comes from when not from the page, marked page mistakes (an example's go to the item
//! the marked value decodes into), enum values' phases and aliases, the source page and the
//! endpoints. All text goes through [`crate::doc_text`].

use std::collections::BTreeMap;

use crate::doc_text::{self, code, inline};
use crate::ir::Docs;
use crate::spec::{self, DefaultValue, PageMistake, Provenance, Schema};

/// A field's or parameter's docs, with the constraints the documentation states.
pub(super) fn field(docs: &str, original: Option<&str>, schema: &Schema) -> Docs {
    let mut out = Docs::new(docs, original);
    let c = schema.constraints();
    let mut facts = Vec::new();
    facts.extend(c.integer.min.map(|v| format!("minimum {v}")));
    facts.extend(c.integer.max.map(|v| format!("maximum {v}")));
    facts.extend(c.number.min.map(|v| format!("minimum {v}")));
    facts.extend(c.number.max.map(|v| format!("maximum {v}")));
    facts.extend(c.length.min.map(|v| format!("at least {v} characters")));
    facts.extend(c.length.max.map(|v| format!("at most {v} characters")));
    facts.extend(c.pattern.map(|p| format!("pattern {}", code(p))));
    if let Schema::Timestamp { format } = schema {
        facts.push(format!("wire format {}", code(format)));
    }
    if let Some(default) = c.default {
        facts.push(format!("default {}", code(&default_text(default))));
    }
    if !facts.is_empty() {
        out.push("");
        out.push(format!(
            "Constraints from the documentation: {}.",
            facts.join(", ")
        ));
    }
    out
}

/// A documented default as wire text (`5`, `"en-us"`).
pub(super) fn default_text(default: DefaultValue) -> String {
    match default {
        DefaultValue::String(d) => format!("{d:?}"),
        DefaultValue::Integer(d) => d.to_string(),
        DefaultValue::Number(d) => d.to_string(),
        DefaultValue::Boolean(d) => d.to_string(),
    }
}

/// An enum value's docs: its wire value and phase, then the page's text on the same line
/// (rustdoc's summary of the variant: "`INIT` (phase: running): Being initialized."), why
/// that phase, aliases, provenance and marks.
pub(super) fn variant(v: &spec::EnumValue) -> Docs {
    let mut docs = Docs::new(&v.docs, v.docs_original.as_deref());
    let mut head = code(&v.value);
    if let Some(phase) = v.phase {
        head.push_str(&format!(" (phase: {})", phase_name(phase)));
    }
    match docs.0.first_mut() {
        Some(first) if !first.is_empty() => *first = format!("{head}: {first}"),
        // No text of its own: the head, then the original text's paragraph, if any.
        _ => docs.0.insert(0, head),
    }
    if let Some(reason) = &v.phase_reason {
        docs.push("");
        docs.push(format!("Why this phase: {}", inline(reason)));
    }
    for alias in &v.aliases {
        docs.push("");
        docs.push(format!(
            "Also decoded from {} (encoded as {}). Evidence: {}",
            code(&alias.value),
            code(&v.value),
            inline(&alias.evidence)
        ));
    }
    push_provenance(&mut docs, v.provenance.as_ref());
    push_mistakes(&mut docs, &v.page_mistakes, None);
    docs
}

fn phase_name(phase: spec::Phase) -> &'static str {
    match phase {
        spec::Phase::Pending => "pending",
        spec::Phase::AwaitingUser => "awaiting user",
        spec::Phase::Running => "running",
        spec::Phase::Succeeded => "succeeded",
        spec::Phase::Failed => "failed",
        spec::Phase::PartiallySucceeded => "partially succeeded",
        spec::Phase::Cancelled => "cancelled",
    }
}

/// The operation's docs: the page's text, then the endpoints when there are several clouds.
pub(super) fn operation(spec: &spec::Spec) -> Docs {
    let mut docs = Docs::new(&spec.docs, spec.docs_original.as_deref());
    if spec.cloud.is_some() || !spec.other_endpoints.is_empty() {
        docs.push("");
        docs.push(format!(
            "Endpoints: `ENDPOINT_TEMPLATE` is {} ({}).",
            spec.cloud
                .as_deref()
                .map_or_else(|| "the default".to_owned(), |c| format!("{}'s", inline(c))),
            code(&spec.base_url)
        ));
        for other in &spec.other_endpoints {
            docs.push(format!(
                "Also served by {} at {}. Evidence: {}",
                inline(&other.cloud),
                code(&other.base_url),
                inline(&other.evidence)
            ));
        }
    }
    docs
}

/// Where a reviewer finds the page, as one line of doc text.
pub(super) fn source(s: &spec::Source) -> String {
    let place = match (&s.url, &s.doc_path) {
        (Some(url), _) => doc_text::link(url),
        (None, Some(path)) => code(path),
        (None, None) => "(no address)".to_owned(),
    };
    let version = inline(&s.version);
    let mut source = match &s.cloud {
        Some(cloud) => format!("{place} ({} documentation, {version})", inline(cloud)),
        None => format!("{place} ({version})"),
    };
    if s.url_unverified {
        source.push_str(
            "; the capture did not record this address, so it is not verified against the page",
        );
    }
    source
}

/// Rustdoc lines for marked page mistakes, one paragraph each.
pub(super) fn push_mistakes(docs: &mut Docs, marks: &[PageMistake], example: Option<&str>) {
    for m in marks {
        let place = example
            .map(|title| format!(" in the example \"{}\"", inline(title)))
            .unwrap_or_default();
        docs.push("");
        docs.push(format!(
            "Page mistake{place}, kept verbatim: the page says {}; believed right: {}. Evidence: {}",
            code(&m.page_says),
            inline(&m.believed),
            inline(&m.evidence)
        ));
    }
}

/// The rustdoc line that tells a reviewer an item is not from the page.
pub(super) fn push_provenance(docs: &mut Docs, provenance: Option<&Provenance>) {
    if let Some(p) = provenance {
        docs.push("");
        docs.push(format!(
            "Not on the page; from {}. Evidence: {}",
            p.from.describe(),
            inline(&p.evidence)
        ));
    }
}

/// The marks of the spec's examples, by the item the marked value decodes into.
pub(super) struct ExampleMarks<'a> {
    /// By named type, and field index when the mark is inside a field.
    items: BTreeMap<(&'a str, Option<usize>), Docs>,
    /// Marks outside any body (a caption), or where the schema does not reach.
    pub operation: Docs,
}

impl<'a> ExampleMarks<'a> {
    pub(super) fn of(spec: &'a spec::Spec) -> ExampleMarks<'a> {
        let mut marks = ExampleMarks {
            items: BTreeMap::new(),
            operation: Docs::default(),
        };
        for example in &spec.examples {
            for mark in example.page_mistakes() {
                let docs = match example_target(spec, example, &mark.at) {
                    Some(key) => marks.items.entry(key).or_default(),
                    None => &mut marks.operation,
                };
                push_mistakes(docs, std::slice::from_ref(mark), Some(example.title()));
            }
        }
        marks
    }

    /// The lines for the named type `type_name`, or for its field at `field`.
    pub(super) fn of_item(&self, type_name: &str, field: Option<usize>) -> Vec<String> {
        self.items
            .get(&(type_name, field))
            .map(|d| d.0.clone())
            .unwrap_or_default()
    }
}

/// The named type (and field, if any) an example's value at `pointer` decodes into; `None`
/// when it is not inside the body (a caption) or the schema does not reach it.
fn example_target<'a>(
    spec: &'a spec::Spec,
    example: &spec::Example,
    pointer: &str,
) -> Option<(&'a str, Option<usize>)> {
    let mut tokens = spec::pointer_tokens(pointer)?;
    if tokens.next()? != "body" {
        return None;
    }
    let root = match example {
        spec::Example::Request { .. } => spec.request.body.as_ref().map(|b| &b.schema),
        spec::Example::Response { status, .. } => {
            spec.responses.get(status).and_then(|r| r.body.as_ref())
        }
    }?;
    let mut schema = root;
    let mut target = None;
    for token in tokens {
        // An array index or a map key steps into the element type.
        if let Schema::Array { items: inner, .. } | Schema::Map { values: inner } = schema {
            schema = inner;
            continue;
        }
        let Schema::Ref { name } = schema else {
            break;
        };
        let Some((type_name, spec::TypeDef::Object { fields, .. })) =
            spec.types.get_key_value(name)
        else {
            break;
        };
        match fields.iter().position(|f| f.name == token) {
            Some(i) => {
                target = Some((type_name.as_str(), Some(i)));
                schema = &fields[i].schema;
            }
            // An undocumented key: the object that has it.
            None => return Some((type_name.as_str(), None)),
        }
    }
    target
}
