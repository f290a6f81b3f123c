//! Where xtask reads and writes, found at run time: the workspace it runs in (from
//! `CARGO_MANIFEST_DIR`, else the current directory), not the checkout it was built from, and
//! codegen's no-op record under `CARGO_TARGET_DIR` when set, one per output directory.
//!
//! The binary under test was built from this checkout; the tests run it in a copy of the
//! workspace whose specs differ, and check which specs it read and where its files went.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::{copy_dir, stderr};

/// The checkout the binary was built from.
fn checkout() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The seed spec the copies leave out.
const DROPPED: &str = "huaweicloud/drs/show_switch_vip_status";

/// xtask with no workspace hint: no `CARGO_MANIFEST_DIR` (cargo sets it for tests) and no
/// `CARGO_TARGET_DIR` unless `target` is given.
fn xtask(cwd: &Path, target: Option<&Path>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    command
        .current_dir(cwd)
        .args(args)
        .env_remove("CARGO_MANIFEST_DIR")
        .env_remove("CARGO_TARGET_DIR");
    if let Some(target) = target {
        command.env("CARGO_TARGET_DIR", target);
    }
    command.output().expect("xtask runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("cloudjobs-workspace-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir.canonicalize().unwrap()
}

/// A copy of the workspace's manifests, specs and generated crates, without one seed spec.
fn workspace_copy(name: &str) -> PathBuf {
    let copy = scratch(name).join("checkout");
    let root = checkout();
    for file in ["Cargo.toml", "xtask/Cargo.toml"] {
        fs::create_dir_all(copy.join(file).parent().unwrap()).unwrap();
        fs::copy(root.join(file), copy.join(file)).unwrap();
    }
    for dir in ["specs", "generated", "tests/tricky", "tests/hostile"] {
        copy_dir(&root.join(dir), &copy.join(dir));
    }
    fs::remove_file(copy.join(format!("specs/{DROPPED}.json"))).unwrap();
    copy
}

/// The operation IDs of an OpenAPI export printed on stdout.
fn exported_operations(output: &Output) -> Vec<String> {
    assert!(output.status.success(), "{}", stderr(output));
    let doc: serde_json::Value = serde_json::from_str(&stdout(output)).expect("one JSON document");
    let mut ids: Vec<String> = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| item.as_object().unwrap().values())
        .filter_map(|op| op["operationId"].as_str().map(str::to_owned))
        .collect();
    ids.sort();
    ids
}

/// The no-op records under `target`, with their text.
fn records(target: &Path) -> Vec<(PathBuf, String)> {
    let Ok(entries) = fs::read_dir(target.join("codegen-cache")) else {
        return Vec::new();
    };
    let mut out: Vec<(PathBuf, String)> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let text = fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn commands_read_the_workspace_they_run_in() {
    let copy = workspace_copy("read");
    let dropped_id = DROPPED.replace('/', ".");

    // From a directory inside the copy: the copy's specs, found by walking up.
    let inside = copy.join("specs/huaweicloud");
    let ids = exported_operations(&xtask(&inside, None, &["openapi", "--out", "-"]));
    assert!(
        ids.contains(&"huaweicloud.rds.list_job_info".to_owned()),
        "{ids:?}"
    );
    assert!(
        !ids.contains(&dropped_id),
        "the export read the checkout the binary was built from: {ids:?}"
    );

    // `CARGO_MANIFEST_DIR` (what `cargo run` sets) wins over the current directory.
    let elsewhere = scratch("read-elsewhere");
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .current_dir(&elsewhere)
        .env("CARGO_MANIFEST_DIR", copy.join("xtask"))
        .args(["openapi", "--out", "-"])
        .output()
        .unwrap();
    assert_eq!(exported_operations(&output), ids);

    // `diff`'s default `--specs` is the same as `openapi`'s: the copy's, against the seeds.
    let base = checkout().join("specs");
    let output = xtask(
        &inside,
        None,
        &["diff", "--base", base.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let changes: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let operations: Vec<&str> = changes["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["operation"].as_str().unwrap())
        .collect();
    assert_eq!(operations, [dropped_id.as_str()], "{changes}");

    // `new` writes into the copy's specs.
    let skeleton = "zz_provider/zz_service/zz_operation";
    let output = xtask(&inside, None, &["new", skeleton]);
    let leaked = checkout().join("specs/zz_provider");
    if leaked.exists() {
        fs::remove_dir_all(&leaked).unwrap();
        panic!("`new` wrote into the checkout the binary was built from");
    }
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(copy.join(format!("specs/{skeleton}.json")).is_file());
    fs::remove_dir_all(copy.parent().unwrap()).unwrap();
    fs::remove_dir_all(&elsewhere).unwrap();
}

#[test]
fn codegen_checks_and_writes_the_workspace_it_runs_in() {
    let copy = workspace_copy("codegen");
    let stale = "generated/services/huaweicloud-drs/src/show_switch_vip_status.rs";

    // The copy lacks a spec its generated crate has: stale there, whatever the checkout says.
    let check = xtask(&copy.join("tests"), None, &["codegen", "--check"]);
    assert!(!check.status.success(), "{}", stderr(&check));
    let text = stderr(&check);
    assert!(
        text.contains(&format!("{stale}: no longer generated")),
        "{text}"
    );

    // Writing removes it there, and the record goes to the copy's own target directory.
    let write = xtask(&copy, None, &["codegen"]);
    assert!(write.status.success(), "{}", stderr(&write));
    assert!(!copy.join(stale).exists());
    assert!(checkout().join(stale).exists());
    let saved = records(&copy.join("target"));
    assert_eq!(saved.len(), 3, "one record per target: {saved:?}");
    let again = xtask(&copy, None, &["codegen"]);
    assert!(
        stderr(&again).contains("0 file(s) changed"),
        "{}",
        stderr(&again)
    );
    assert!(
        stderr(&again).contains("is up to date"),
        "{}",
        stderr(&again)
    );
    fs::remove_dir_all(copy.parent().unwrap()).unwrap();
}

#[test]
fn the_record_lives_under_cargo_target_dir_one_per_output() {
    let dir = scratch("record");
    let specs = dir.join("specs/huaweicloud/drs");
    fs::create_dir_all(&specs).unwrap();
    fs::copy(
        checkout().join("specs/huaweicloud/drs/show_switch_vip_status.json"),
        specs.join("show_switch_vip_status.json"),
    )
    .unwrap();
    let specs = dir.join("specs");
    let target = dir.join("elsewhere");
    let run = |out: &Path, target: &Path| {
        let args = [
            "codegen",
            "--specs",
            specs.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        let output = xtask(&checkout(), Some(target), &args);
        assert!(output.status.success(), "{}", stderr(&output));
        stderr(&output)
    };
    let (a, b) = (dir.join("out-a"), dir.join("out-b"));
    run(&a, &target);
    let saved = records(&target);
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert!(saved[0].1.contains(a.to_str().unwrap()), "{saved:?}");
    // Not in the workspace's own target directory.
    let own = checkout().join("target");
    assert!(
        records(&own)
            .iter()
            .all(|(_, text)| !text.contains(dir.to_str().unwrap())),
        "a record for {} is in {}",
        a.display(),
        own.display()
    );

    // The record is read from there too: up to date with it, a full run without it.
    assert!(run(&a, &target).contains("is up to date"));
    assert!(!run(&a, &dir.join("other-target")).contains("is up to date"));

    // A second output directory has its own record; the first stays up to date.
    assert!(!run(&b, &target).contains("is up to date"));
    let saved = records(&target);
    assert_eq!(saved.len(), 2, "{saved:?}");
    assert!(saved.iter().any(|(_, t)| t.contains(b.to_str().unwrap())));
    assert!(run(&a, &target).contains("is up to date"));
    assert!(run(&b, &target).contains("is up to date"));
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn outside_any_workspace_is_a_clear_error() {
    let dir = scratch("nowhere");
    let output = xtask(&dir, None, &["openapi", "--out", "-"]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(
        text.contains(&format!(
            "{} is not inside the cloudjobs workspace",
            dir.display()
        )),
        "{text}"
    );
    assert!(stdout(&output).is_empty());

    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .current_dir(checkout())
        .env("CARGO_MANIFEST_DIR", &dir)
        .args(["openapi", "--out", "-"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains(&format!("CARGO_MANIFEST_DIR is {}", dir.display())),
        "{}",
        stderr(&output)
    );
    fs::remove_dir_all(&dir).unwrap();
}
