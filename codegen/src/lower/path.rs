//! The path template's parts → the request's path: literal text percent-encoded at
//! generation time, placeholders as indices of their parameters.

use crate::ir::{Param, ParamLocation, PathPart};
use crate::spec::{PathTemplate, TemplatePart};

/// The parts of `template`, with each placeholder resolved to its path parameter in
/// `params`. A placeholder without one (only without `validate`) stays literal text.
pub(super) fn parts(template: &PathTemplate, params: &[Param]) -> Vec<PathPart> {
    template
        .parts()
        .iter()
        .map(|part| match part {
            TemplatePart::Literal(text) => PathPart::Literal(encode_literal(text)),
            TemplatePart::Placeholder(name) => match params
                .iter()
                .position(|p| p.location == ParamLocation::Path && p.wire == *name)
            {
                Some(index) => PathPart::Param(index),
                None => PathPart::Literal(encode_literal(&format!("{{{name}}}"))),
            },
        })
        .collect()
}

/// What stays as it is in literal path text: RFC 3986 `pchar`s and `/`. Everything else
/// (spaces, quotes, non-ASCII, `%` itself: the template is text, not an encoded URI) is
/// percent-encoded here, at generation time, so `to_http` never meets a character a URI
/// cannot hold.
const PATH_LITERAL: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@')
    .remove(b'/');

/// Literal path text, percent-encoded for a URI path.
fn encode_literal(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, PATH_LITERAL).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Literal path text of every ASCII character, and some beyond, makes a URI `http`
    /// accepts, and decodes back to the text.
    #[test]
    fn encoded_literals_are_valid_uri_paths() {
        let mut text: String = (0x20u8..0x7f).map(char::from).collect();
        text.push_str("naïve 日本 \u{202e}");
        let encoded = encode_literal(&format!("/{text}"));
        let uri: http::Uri = format!("https://h.example{encoded}").parse().unwrap();
        let decoded = percent_encoding::percent_decode_str(uri.path())
            .decode_utf8()
            .unwrap();
        assert_eq!(decoded, format!("/{text}"));
        assert_eq!(encode_literal("/v1/a b/100%"), "/v1/a%20b/100%25");
    }

    #[test]
    fn placeholders_become_their_parameters() {
        let param = |wire: &str, location| Param {
            wire: wire.to_owned(),
            ident: crate::ir::Ident::plain(wire),
            location,
            required: true,
            fixed: None,
            ty: crate::ir::TypeRef::String,
            checks: Default::default(),
            docs: Default::default(),
        };
        let params = [
            param("id", ParamLocation::Query),
            param("id", ParamLocation::Path),
        ];
        let template = PathTemplate::new("/a b/{id}/{nope}");
        assert_eq!(
            parts(&template, &params),
            [
                PathPart::Literal("/a%20b/".to_owned()),
                PathPart::Param(1),
                PathPart::Literal("/".to_owned()),
                PathPart::Literal("%7Bnope%7D".to_owned()),
            ]
        );
    }
}
