//! `cargo xtask openapi`: every item of every spec is in the exported document, in its
//! place, and the output is deterministic. (CI also runs an independent validator on it.)

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

mod common;
use common::scratch_dir;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn export(specs: &Path, name: &str) -> (Value, String) {
    let scratch = scratch_dir(&format!("openapi-{name}"));
    let out = scratch.path().join("openapi.json");
    let run = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["openapi", "--specs"])
        .arg(specs)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("xtask runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = fs::read_to_string(&out).unwrap();
    (serde_json::from_str(&text).expect("JSON"), text)
}

fn specs(dir: &Path) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json")
                && path.file_name().is_some_and(|n| n != "schema.json")
            {
                let spec: Value =
                    serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
                let id = format!(
                    "{}.{}.{}",
                    spec["provider"].as_str().unwrap(),
                    spec["service"].as_str().unwrap(),
                    spec["operation"].as_str().unwrap()
                );
                out.push((id, spec));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The operation object with `operationId` = `id`.
fn operation<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| item.as_object().unwrap().values())
        .find(|op| op["operationId"] == id)
        .unwrap_or_else(|| panic!("no operation {id}"))
}

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap()
}

/// Every parameter, field, enum value (with its doc and phase), status and example of every
/// spec is found where it belongs in the document.
fn check_everything_is_there(specs_dir: &Path, doc: &Value) {
    let schemas = &doc["components"]["schemas"];
    let mut checked = 0;
    for (id, spec) in specs(specs_dir) {
        let op = operation(doc, &id);
        assert_eq!(op["summary"], spec["title"], "{id}");
        assert_eq!(op["description"], spec["docs"], "{id}");
        assert_eq!(op["x-source"], spec["source"], "{id}");
        if let Some(url) = spec["source"].get("url") {
            assert_eq!(&op["externalDocs"]["url"], url, "{id}");
        }
        assert_eq!(op["servers"][0]["url"], spec["base_url"], "{id}");
        let params = op["parameters"].as_array().cloned().unwrap_or_default();
        for (section, location) in [("path", "path"), ("query", "query"), ("headers", "header")] {
            for p in spec["request"][section].as_array().into_iter().flatten() {
                let found = params
                    .iter()
                    .find(|q| q["name"] == p["name"] && q["in"] == location)
                    .unwrap_or_else(|| panic!("{id}: parameter {} missing", p["name"]));
                assert_eq!(found["description"], p["docs"], "{id}");
                assert_eq!(
                    found["required"],
                    p.get("required").cloned().unwrap_or(Value::Bool(false)),
                    "{id}"
                );
                if let Some(example) = p.get("example") {
                    assert_eq!(&found["example"], example, "{id}");
                }
                if let Some(fixed) = p.get("fixed") {
                    assert_eq!(&found["schema"]["const"], fixed, "{id}");
                }
                checked += 1;
            }
        }
        if let Some(transport) = spec["transport"]
            .as_object()
            .filter(|t| t["style"] == "rpc")
        {
            for (name, key) in [("Action", "action"), ("Version", "version")] {
                let p = params
                    .iter()
                    .find(|q| q["name"] == name)
                    .expect("RPC parameter");
                assert_eq!(p["schema"]["const"], transport[key], "{id}");
            }
        }
        for (code, response) in spec["responses"].as_object().unwrap() {
            let r = &op["responses"][code];
            assert_eq!(r["description"], response["docs"], "{id} {code}");
            if response.get("body").is_some() {
                assert!(
                    r["content"]["application/json"]["schema"].is_object(),
                    "{id} {code}"
                );
            }
            checked += 1;
        }
        for (name, def) in spec["types"].as_object().unwrap() {
            let schema = &schemas[format!("{id}.{name}")];
            assert_eq!(schema["description"], def["docs"], "{id} {name}");
            if def["type"] == "object" {
                for f in def["fields"].as_array().unwrap() {
                    let property = &schema["properties"][str_of(&f["name"])];
                    assert_eq!(
                        property["description"], f["docs"],
                        "{id} {name}.{}",
                        f["name"]
                    );
                    let required = schema["required"]
                        .as_array()
                        .is_some_and(|r| r.contains(&f["name"]));
                    assert_eq!(required, f["required"] == true, "{id} {name}.{}", f["name"]);
                    checked += 1;
                }
            } else {
                let one_of = schema["oneOf"].as_array().unwrap();
                for v in def["values"].as_array().unwrap() {
                    let found = one_of
                        .iter()
                        .find(|o| o["const"] == v["value"])
                        .unwrap_or_else(|| panic!("{id}: value {} missing", v["value"]));
                    assert_eq!(found["description"], v["docs"], "{id}");
                    assert_eq!(found.get("x-phase"), v.get("phase"), "{id}");
                    assert_eq!(found.get("x-phase-reason"), v.get("phase_reason"), "{id}");
                    checked += 1;
                }
            }
        }
        for (i, example) in spec["examples"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            let key = format!("example{}", i + 1);
            let placed = if example["kind"] == "response" {
                op["responses"][str_of_status(&example["status"])]["content"]["application/json"]
                    ["examples"][&key]
                    .clone()
            } else {
                op["requestBody"]["content"]["application/json"]["examples"][&key].clone()
            };
            let found = if placed.is_object() {
                assert_eq!(placed["summary"], example["title"], "{id} {key}");
                placed["value"] == example["body"]
            } else {
                // Examples that have no place of their own are kept verbatim.
                ["x-request-examples", "x-response-examples"]
                    .iter()
                    .any(|k| op[*k].as_array().is_some_and(|a| a.contains(example)))
            };
            assert!(found, "{id}: example {} missing", i + 1);
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} items checked");
}

fn str_of_status(status: &Value) -> String {
    status.as_u64().unwrap().to_string()
}

#[test]
fn every_spec_item_is_in_the_document() {
    let (doc, _) = export(&root().join("specs"), "seeds");
    assert_eq!(doc["openapi"], "3.1.0");
    check_everything_is_there(&root().join("specs"), &doc);
    // RPC operations sit at a fragment of `/`.
    let rpc = &doc["paths"]["/#Action=GetFoTaskStatus"]["post"];
    assert_eq!(
        rpc["operationId"],
        "alibabacloud.bpstudio.get_fo_task_status"
    );
}

#[test]
fn awkward_specs_are_exported_too() {
    let specs = root().join("tests/tricky/specs");
    let (doc, _) = export(&specs, "tricky");
    let names: Vec<&String> = doc["components"]["schemas"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    for name in names {
        assert!(
            name.chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)),
            "component name {name:?} is not allowed by OpenAPI"
        );
    }
}

#[test]
fn output_is_deterministic_with_sorted_keys() {
    let (_, first) = export(&root().join("specs"), "det1");
    let (_, second) = export(&root().join("specs"), "det2");
    assert_eq!(first, second);
    fn sorted(v: &Value) -> bool {
        match v {
            Value::Object(map) => {
                let keys: Vec<&String> = map.keys().collect();
                keys.windows(2).all(|w| w[0] < w[1]) && map.values().all(sorted)
            }
            Value::Array(items) => items.iter().all(sorted),
            _ => true,
        }
    }
    let doc: Value = serde_json::from_str(&first).unwrap();
    assert!(sorted(&doc));
    let reprinted = serde_json::to_string_pretty(&doc).unwrap() + "\n";
    assert_eq!(first, reprinted, "the file is not in sorted-key form");
}
