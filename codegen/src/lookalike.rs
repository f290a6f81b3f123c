//! Identifiers rustc warns about although they are valid: characters outside Unicode's
//! identifier profile (`uncommon_codepoints`), and letters that pass for ASCII ones
//! (`confusable_idents`, `mixed_script_confusables`). Lowering already writes every name in
//! NFKC (`µ` → `μ`, `ﬁ` → `fi`); what is left is refused by the validator, because the only
//! good fix is a name the spec author picks (`rust_name`), while the wire name stays as
//! the page wrote it.

use unicode_security::GeneralSecurityProfile;

/// The first character of `ident` (a name without `r#`: [`crate::ir::Ident::name`]) that
/// Unicode's general security profile does not allow in identifiers (rustc's
/// `uncommon_codepoints`).
pub fn uncommon(ident: &str) -> Option<char> {
    ident.chars().find(|&c| !c.identifier_allowed())
}

/// A non-ASCII letter of `ident` that looks like an ASCII one, with that ASCII text, when
/// the identifier would read as ASCII: it mixes such a letter with ASCII letters (`stаtus`
/// with a Cyrillic `а`), or every non-ASCII letter in it is one (`раss`). A name in another
/// script (`名前`, `όνομα`) is left alone. `ident` is a name without `r#`.
pub fn ascii_lookalike(ident: &str) -> Option<Lookalike> {
    let mut first = None;
    let mut all_lookalikes = true;
    let mut ascii_letters = false;
    let mut as_ascii = String::with_capacity(ident.len());
    for c in ident.chars() {
        if c.is_ascii() {
            ascii_letters |= c.is_ascii_alphabetic();
            as_ascii.push(c);
            continue;
        }
        let skeleton: String = unicode_security::skeleton(c.encode_utf8(&mut [0; 4])).collect();
        if !skeleton.is_empty() && skeleton.chars().all(|s| s.is_ascii_alphanumeric()) {
            first.get_or_insert((c, skeleton.clone()));
            as_ascii.push_str(&skeleton);
        } else {
            all_lookalikes = false;
            as_ascii.push(c);
        }
    }
    let (letter, looks_like) = first?;
    (ascii_letters || all_lookalikes).then_some(Lookalike {
        letter,
        looks_like,
        as_ascii,
    })
}

/// What [`ascii_lookalike`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lookalike {
    /// The non-ASCII letter.
    pub letter: char,
    /// The ASCII text it passes for.
    pub looks_like: String,
    /// The whole identifier with every look-alike replaced by its ASCII text.
    pub as_ascii: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_lookalikes_are_found_other_scripts_are_not() {
        let found = ascii_lookalike("stаtus").unwrap();
        assert_eq!(found.letter, '\u{430}');
        assert_eq!(found.looks_like, "a");
        assert_eq!(found.as_ascii, "status");
        assert_eq!(ascii_lookalike("раss").unwrap().as_ascii, "pass");
        assert_eq!(ascii_lookalike("Ѕtate").unwrap().as_ascii, "State");
        for fine in ["status", "名前", "latency_μs", "dž", "field_3d_id", "type"] {
            assert_eq!(ascii_lookalike(fine), None, "{fine}");
        }
    }

    #[test]
    fn uncommon_codepoints_are_found() {
        assert_eq!(uncommon("名前"), None);
        assert_eq!(uncommon("latency_μs"), None);
        // U+16A0 RUNIC LETTER FEHU: XID, but not in the identifier profile.
        assert_eq!(uncommon("ᚠx"), Some('ᚠ'));
    }
}
