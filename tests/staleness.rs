//! Generating from `specs/` in memory gives exactly the checked-in `generated/` (its
//! `FINDINGS.md` included) and `specs/schema.json`, so `cargo test` alone catches a stale or
//! hand-edited tree.

use cloudjobs_codegen::{OutputFile, Severity, findings, write};
use cloudjobs_tests::{render, root};

#[test]
fn generated_code_is_up_to_date() {
    let mut changes = Vec::new();
    for target in cloudjobs_codegen::TARGETS {
        let generated = target
            .generate(&root())
            .unwrap_or_else(|d| panic!("{}", render(&d)));
        changes.extend(
            write::diff(
                &root().join(target.out),
                cloudjobs_codegen::GENERATED_DIRS,
                &generated.files,
            )
            .unwrap(),
        );
    }
    assert!(
        changes.is_empty(),
        "generated/ is stale; run `cargo xtask codegen`:\n{}",
        write::summary(&changes, 80)
    );
}

#[test]
fn spec_schema_is_up_to_date() {
    let schema = [OutputFile {
        path: "schema.json".to_owned(),
        contents: cloudjobs_codegen::spec_json_schema(),
    }];
    let changes = write::diff(&root().join("specs"), &[], &schema).unwrap();
    assert!(
        changes.is_empty(),
        "specs/schema.json is stale; run `cargo xtask codegen`:\n{}",
        write::summary(&changes, 80)
    );
}

/// Every `.rs` file of every target (the golden crate, tricky names and shapes, hostile
/// text) is exactly what prettyplease prints for it, although emit writes most items as
/// text directly.
#[test]
fn generated_files_are_laid_out_as_prettyplease_prints_them() {
    let files = generated_rust_files();
    for (path, contents) in &files {
        if let Some(difference) = cloudjobs_tests::layout_difference(contents) {
            panic!("{path}: {difference}");
        }
    }
    assert!(files.len() > 20, "only {} files checked", files.len());
}

/// Every `.rs` file of every target, as its path under the workspace and its contents.
fn generated_rust_files() -> Vec<(String, String)> {
    let mut files = Vec::new();
    for target in cloudjobs_codegen::TARGETS {
        let generated = target
            .generate(&root())
            .unwrap_or_else(|d| panic!("{}", render(&d)));
        for file in generated
            .files
            .into_iter()
            .filter(|f| f.path.ends_with(".rs"))
        {
            files.push((format!("{}/{}", target.out, file.path), file.contents));
        }
    }
    files
}

/// Every function of every target is `#[inline]` (emit's `INLINE`), so a build of the
/// bindings compiles none of them to machine code and a user's crate compiles only those it
/// calls.
#[test]
fn every_generated_function_is_inline() {
    let mut checked = 0;
    for (path, contents) in generated_rust_files() {
        let parsed = syn::parse_file(&contents).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut missing = Vec::new();
        checked += functions_without_inline(&parsed.items, &mut missing);
        assert!(missing.is_empty(), "{path}: not #[inline]: {missing:?}");
    }
    assert!(checked > 100, "only {checked} functions checked");
}

/// How many functions `items` hold (in impls and inline modules too); the names of those
/// without `#[inline]` go to `missing`.
fn functions_without_inline(items: &[syn::Item], missing: &mut Vec<String>) -> usize {
    let mut functions: Vec<(&[syn::Attribute], &syn::Ident)> = Vec::new();
    let mut count = 0;
    for item in items {
        match item {
            syn::Item::Fn(f) => functions.push((&f.attrs, &f.sig.ident)),
            syn::Item::Impl(i) => functions.extend(i.items.iter().filter_map(|item| match item {
                syn::ImplItem::Fn(f) => Some((&f.attrs[..], &f.sig.ident)),
                _ => None,
            })),
            syn::Item::Mod(m) => {
                if let Some((_, items)) = &m.content {
                    count += functions_without_inline(items, missing);
                }
            }
            _ => {}
        }
    }
    for (attrs, name) in &functions {
        if !attrs.iter().any(|a| a.path().is_ident("inline")) {
            missing.push(name.to_string());
        }
    }
    count + functions.len()
}

/// Two runs over the same specs give byte-identical output.
#[test]
fn generation_is_deterministic() {
    let a =
        cloudjobs_codegen::generate(&root().join("specs"), cloudjobs_codegen::CRATE_NAME).unwrap();
    let b =
        cloudjobs_codegen::generate(&root().join("specs"), cloudjobs_codegen::CRATE_NAME).unwrap();
    assert_eq!(a.files, b.files);
}

/// The findings file of each target lists every warning and every note of its specs, at
/// positions in the files as the workspace has them (`tests/tricky/specs/…`), and nothing
/// the run did not report.
#[test]
fn findings_list_every_warning_and_note() {
    for target in cloudjobs_codegen::TARGETS {
        let specs_dir = root().join(target.specs);
        let generated = target
            .generate(&root())
            .unwrap_or_else(|d| panic!("{}", render(&d)));
        let findings = generated
            .files
            .iter()
            .find(|f| f.path == findings::FINDINGS_FILE)
            .expect("a findings file");
        let listed = findings
            .contents
            .lines()
            .filter(|l| l.starts_with(&format!("{}/", target.specs)))
            .count();
        assert_eq!(listed, generated.warnings.len(), "{}", findings.contents);
        for d in &generated.warnings {
            let inside = std::path::Path::new(&d.file)
                .strip_prefix(&specs_dir)
                .unwrap_or_else(|_| panic!("{} is not under {}", d.file, specs_dir.display()))
                .to_string_lossy()
                .replace('\\', "/");
            assert!(specs_dir.join(&inside).is_file(), "{inside}");
            let line = format!("{}/{inside}:{}:{}: ", target.specs, d.line, d.column);
            assert!(
                findings.contents.contains(&format!(
                    "{line}{}",
                    match d.severity {
                        Severity::Note => "note",
                        _ => "warning",
                    }
                )),
                "{line} is missing from {}:\n{}",
                findings.path,
                findings.contents
            );
        }
    }
}

/// Every page mistake the seed specs mark is reported as a note (not a warning).
#[test]
fn seed_page_mistakes_are_notes() {
    let generated =
        cloudjobs_codegen::generate(&root().join("specs"), cloudjobs_codegen::CRATE_NAME).unwrap();
    let marked: usize = cloudjobs_tests::specs()
        .iter()
        .map(|f| {
            let s = &f.spec;
            let params = s
                .request
                .path
                .iter()
                .chain(&s.request.query)
                .chain(&s.request.headers);
            let fields_and_values: usize = s
                .types
                .values()
                .map(|t| match t {
                    cloudjobs_codegen::spec::TypeDef::Object { fields, .. } => {
                        fields.iter().map(|f| f.page_mistakes.len()).sum::<usize>()
                    }
                    cloudjobs_codegen::spec::TypeDef::Enum { values, .. } => {
                        values.iter().map(|v| v.page_mistakes.len()).sum()
                    }
                })
                .sum();
            params.map(|p| p.page_mistakes.len()).sum::<usize>()
                + s.responses
                    .values()
                    .map(|r| r.page_mistakes.len())
                    .sum::<usize>()
                + s.examples
                    .iter()
                    .map(|e| e.page_mistakes().len())
                    .sum::<usize>()
                + fields_and_values
        })
        .sum();
    let notes: Vec<_> = generated
        .warnings
        .iter()
        .filter(|d| d.severity == Severity::Note)
        .collect();
    assert_eq!(notes.len(), marked);
    assert!(
        notes.len() >= 13,
        "the seed specs mark {} mistakes",
        notes.len()
    );
    assert!(notes.iter().all(|d| d.message.starts_with("page mistake")));
}
