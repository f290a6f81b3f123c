//! `cargo xtask synth N --out DIR`: N valid specs made by varying the seed specs, for
//! benchmarks. Deterministic: the same N gives the same files.
//!
//! Spec `i` is seed `i % 5` with a new operation name, provider and service (so modules and
//! features grow as in a real SDK: up to 40 providers, 10 operations per service), type
//! names with a suffix, and — for every other spec — renamed enum values, carried into its
//! examples and waiters so they still fit.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

/// Writes `count` specs under `out`, varied from the specs in `seeds`.
pub fn run(seeds: &Path, count: usize, out: &Path) -> Result<(), String> {
    let mut templates = Vec::new();
    for provider in [
        "alibabacloud/bpstudio/get_fo_task_status",
        "huaweicloud/drs/batch_list_job_status",
        "huaweicloud/drs/show_switch_vip_status",
        "huaweicloud/rds/list_job_info",
        "huaweicloud/sdrs/show_job_status",
    ] {
        let path = seeds.join(format!("{provider}.json"));
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        templates.push(
            serde_json::from_str::<Value>(&text).map_err(|e| format!("{}: {e}", path.display()))?,
        );
    }
    if out.exists() {
        std::fs::remove_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    let providers = (count / 250).clamp(1, 40);
    for i in 0..count {
        let mut spec = templates[i % templates.len()].clone();
        let provider = format!("provider{:02}", i % providers);
        let service = format!("service{:03}", (i / providers) / 10);
        let operation = format!("{}_{i}", spec["operation"].as_str().unwrap_or("op"));
        spec["provider"] = provider.clone().into();
        spec["service"] = service.clone().into();
        spec["operation"] = operation.clone().into();
        spec["$schema"] = "../../../schema.json".into();
        vary(&mut spec, i);
        let dir = out.join(&provider).join(&service);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let text = serde_json::to_string_pretty(&spec).map_err(|e| e.to_string())? + "\n";
        let path = dir.join(format!("{operation}.json"));
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    eprintln!(
        "synth: wrote {count} specs to {} ({providers} providers)",
        out.display()
    );
    Ok(())
}

/// Renames types (and every reference to them) and, for odd `i`, enum values (and every
/// example string that used them).
fn vary(spec: &mut Value, i: usize) {
    let suffix = format!("V{}", i % 10);
    let mut renamed_values = BTreeMap::new();
    if let Some(types) = spec.get_mut("types").and_then(Value::as_object_mut) {
        let old = std::mem::take(types);
        for (name, mut def) in old {
            if i % 2 == 1 {
                for value in def
                    .get_mut("values")
                    .and_then(Value::as_array_mut)
                    .into_iter()
                    .flatten()
                {
                    if let Some(wire) = value["value"].as_str().map(str::to_owned) {
                        let new = format!("{wire}_{}", i % 7);
                        value["value"] = new.clone().into();
                        renamed_values.insert(wire, new);
                    }
                }
            }
            types.insert(format!("{name}{suffix}"), def);
        }
    }
    rename_refs(spec, &suffix);
    // Examples and waiters name enum values: they follow the renaming.
    for section in ["examples", "waiters"] {
        if let Some(value) = spec.get_mut(section) {
            rename_strings(value, &renamed_values);
        }
    }
    for section in ["path", "query", "headers"] {
        if let Some(params) = spec["request"].get_mut(section) {
            rename_strings(params, &renamed_values);
        }
    }
}

fn rename_refs(value: &mut Value, suffix: &str) {
    match value {
        Value::Object(map) => {
            if map.get("type").and_then(Value::as_str) == Some("ref") {
                if let Some(Value::String(name)) = map.get_mut("name") {
                    name.push_str(suffix);
                }
            }
            map.values_mut().for_each(|v| rename_refs(v, suffix));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| rename_refs(v, suffix)),
        _ => {}
    }
}

fn rename_strings(value: &mut Value, renamed: &BTreeMap<String, String>) {
    match value {
        Value::String(s) => {
            if let Some(new) = renamed.get(s.as_str()) {
                *s = new.clone();
            }
        }
        Value::Object(map) => map.values_mut().for_each(|v| rename_strings(v, renamed)),
        Value::Array(items) => items.iter_mut().for_each(|v| rename_strings(v, renamed)),
        _ => {}
    }
}
