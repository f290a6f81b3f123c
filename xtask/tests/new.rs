//! `cargo xtask new`: the skeleton has every section, codegen refuses it until each TODO is
//! filled (and accepts it then), and an existing spec is never overwritten.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

mod common;
use common::{scratch_dir, stderr};

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("xtask runs")
}

fn new(specs: &Path, name: &str) -> Output {
    xtask(&["new", name, "--specs", specs.to_str().unwrap()])
}

fn codegen(specs: &Path, out: &Path) -> Output {
    xtask(&[
        "codegen",
        "--specs",
        specs.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
}

/// Every string that is a TODO, with its JSON pointer.
fn todos(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::String(s) if s.starts_with("TODO") => out.push(at),
        Value::Object(map) => map
            .iter()
            .for_each(|(k, v)| todos(v, format!("{at}/{k}"), out)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| todos(v, format!("{at}/{i}"), out)),
        _ => {}
    }
}

#[test]
fn skeleton_is_refused_until_filled() {
    let scratch = scratch_dir("new-fill");
    let dir = scratch.path();
    let specs = dir.join("specs");
    let made = new(&specs, "acme/jobs/show_job");
    assert!(made.status.success(), "{}", stderr(&made));
    let path = specs.join("acme/jobs/show_job.json");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("\"$schema\": \"../../schema.json\""));
    let mut spec: Value = serde_json::from_str(&text).unwrap();
    for key in [
        "provider",
        "service",
        "operation",
        "api_version",
        "title",
        "docs",
        "source",
        "transport",
        "base_url",
        "auth",
        "request",
        "responses",
        "types",
        "examples",
    ] {
        assert!(spec.get(key).is_some(), "the skeleton has no `{key}`");
    }
    for key in ["path", "query", "headers", "body"] {
        assert!(spec["request"].get(key).is_some(), "no request.{key}");
    }
    assert_eq!(spec["operation"], "show_job");

    // Refused: one located "fill in the TODO" per TODO, and nothing else.
    let mut left = Vec::new();
    todos(&spec, String::new(), &mut left);
    assert!(left.len() > 20, "{left:?}");
    let refused = codegen(&specs, &dir.join("out"));
    assert!(!refused.status.success());
    let errors: Vec<String> = stderr(&refused)
        .lines()
        .filter(|l| l.contains(": error: "))
        .map(str::to_owned)
        .collect();
    assert_eq!(errors.len(), left.len(), "{}", stderr(&refused));
    assert!(
        errors
            .iter()
            .all(|e| e.contains("acme/jobs/show_job.json:") && e.contains("fill in the TODO at `")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains(":6:3: error: fill in the TODO at `api_version`")),
        "{errors:?}"
    );

    // Filled in (as an author would, from the page): accepted.
    let filled = [
        ("/api_version", "v1"),
        ("/source/url", "https://example.com/api/show-job"),
        ("/transport/path", "/v1/jobs/{job_id}"),
        ("/base_url", "https://jobs.{region}.example.com"),
        (
            "/types/ShowJobResponseBody/fields/2/schema/format",
            "yyyy-mm-ddThh:mm:ssZ",
        ),
        ("/examples/0/url", "https://{Endpoint}/v1/jobs/j-1"),
        ("/examples/0/body/jobs/0", "j-1"),
        ("/examples/1/body/id", "j-1"),
    ];
    for (pointer, value) in filled {
        *spec.pointer_mut(pointer).unwrap() = Value::from(value);
    }
    for pointer in left {
        let slot = spec.pointer_mut(&pointer).unwrap();
        if slot.as_str().is_some_and(|s| s.starts_with("TODO")) {
            *slot = Value::from("Filled in from the page.");
        }
    }
    fs::write(&path, serde_json::to_string_pretty(&spec).unwrap()).unwrap();
    let accepted = codegen(&specs, &dir.join("out"));
    assert!(accepted.status.success(), "{}", stderr(&accepted));
    assert!(dir.join("out/services/acme-jobs/src/show_job.rs").exists());
}

#[test]
fn never_overwrites() {
    let scratch = scratch_dir("new-overwrite");
    let dir = scratch.path();
    let specs = dir.join("specs");
    assert!(new(&specs, "acme/jobs/show_job").status.success());
    let path = specs.join("acme/jobs/show_job.json");
    fs::write(&path, "{ \"mine\": true }").unwrap();
    let again = new(&specs, "acme/jobs/show_job");
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), "{ \"mine\": true }");
}

#[test]
fn refuses_bad_names() {
    let scratch = scratch_dir("new-names");
    let dir = scratch.path();
    for name in [
        "acme/jobs",
        "acme/Jobs/show_job",
        "acme/jobs/show-job",
        "a/b/c/d",
    ] {
        let out = new(&dir.join("specs"), name);
        assert!(!out.status.success(), "{name} was accepted");
    }
    assert!(!dir.join("specs").exists(), "a refused name created files");
}

/// The errors of validate and lower for a valid seed spec whose `key` is `value`, each as
/// `message` plus its `help:` line, as `cargo xtask codegen` prints them.
fn check_refuses(key: &str, value: &str) -> Vec<String> {
    use cloudjobs_codegen::load;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let text = fs::read_to_string(root.join("specs/huaweicloud/drs/batch_list_job_status.json"))
        .expect("the seed spec");
    let mut spec: Value = serde_json::from_str(&text).unwrap();
    spec[key] = Value::from(value);
    let text = serde_json::to_string_pretty(&spec).unwrap();
    let file = load::load_bytes("seed.json", "seed.json", text.as_bytes()).expect("it loads");
    // validate, then lower (which refuses the names it cannot choose, keywords among them).
    cloudjobs_codegen::check(&[file], "seed")
        .err()
        .unwrap_or_default()
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| {
            let help = d.suggestion.map(|fix| format!("\n  help: {fix}"));
            format!("{}{}", d.message, help.unwrap_or_default())
        })
        .collect()
}

/// `cargo xtask new` takes exactly the names `validate` and `lower` take, and refuses the
/// others for the reason they give.
#[test]
fn names_follow_validates_rule() {
    let scratch = scratch_dir("new-rule");
    let dir = scratch.path();
    let specs = dir.join("specs");
    // The `.rs` file limit (252 bytes); the skeleton's `.json` name must fit too.
    let (fits, too_long) = ("a".repeat(250), "a".repeat(253));
    let cases = [
        ("operation", "show_job2"),
        ("operation", "a1_b2_c3"),
        ("operation", fits.as_str()),
        ("operation", too_long.as_str()),
        ("operation", "show__job"),
        ("operation", "show_job_"),
        ("operation", "ShowJob"),
        ("operation", "2fast"),
        ("provider", "acme_cloud"),
        ("provider", "Acme"),
        ("service", "jobs_v2"),
        ("service", "jobs-v2"),
        ("operation", "move"),
        ("service", "self"),
        ("provider", "type"),
    ];
    let seed = check_refuses("operation", "batch_list_job_status");
    assert!(seed.is_empty(), "the seed itself is refused: {seed:?}");
    let mut refused = 0;
    for (key, value) in cases {
        let name = match key {
            "provider" => format!("{value}/jobs/show_job"),
            "service" => format!("acme/{value}/show_job"),
            _ => format!("acme/jobs/{value}"),
        };
        let errors = check_refuses(key, value);
        let out = new(&specs, &name);
        if errors.is_empty() {
            assert!(out.status.success(), "{name}: {}", stderr(&out));
            assert!(specs.join(format!("{name}.json")).exists(), "{name}");
        } else {
            refused += 1;
            assert!(!out.status.success(), "{name} was accepted: {errors:?}");
            let said = stderr(&out);
            for error in &errors {
                assert!(
                    said.contains(error.as_str()),
                    "{name}: {error:?} not in {said:?}"
                );
            }
        }
    }
    // Both sides of the rule are exercised (the heck rule, `show__job`, and keywords included).
    assert_eq!(refused, 10);
}
