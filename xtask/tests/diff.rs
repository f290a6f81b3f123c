//! The `cargo xtask diff` contract: the JSON result of a full review of the five seed specs
//! against a copy with a dozen edits, exit codes 0/1/2, `--base` as a git revision, and the
//! text and markdown renderings.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

mod common;
use common::{copy_dir, scratch_dir, stderr};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn xtask(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("xtask runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A scratch directory holding `base/` and `new/`, both copies of `specs/`.
fn scratch(name: &str) -> tempfile::TempDir {
    let dir = scratch_dir(&format!("diff-{name}"));
    copy_dir(&root().join("specs"), &dir.path().join("base"));
    copy_dir(&root().join("specs"), &dir.path().join("new"));
    dir
}

/// Rewrites one spec of `specs` through `f`.
fn edit(specs: &Path, relative: &str, f: impl FnOnce(&mut Value)) {
    let path = specs.join(relative);
    let mut value: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    f(&mut value);
    fs::write(&path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
}

fn at<'a>(v: &'a mut Value, pointer: &str) -> &'a mut Value {
    v.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer}"))
}

fn array<'a>(v: &'a mut Value, pointer: &str) -> &'a mut Vec<Value> {
    at(v, pointer).as_array_mut().unwrap()
}

fn object<'a>(v: &'a mut Value, pointer: &str) -> &'a mut serde_json::Map<String, Value> {
    at(v, pointer).as_object_mut().unwrap()
}

const RPC: &str = "alibabacloud/bpstudio/get_fo_task_status.json";
const BATCH: &str = "huaweicloud/drs/batch_list_job_status.json";
const VIP: &str = "huaweicloud/drs/show_switch_vip_status.json";
const RDS: &str = "huaweicloud/rds/list_job_info.json";
const SDRS: &str = "huaweicloud/sdrs/show_job_status.json";

/// A dozen edits over the five seeds.
fn edit_seeds(specs: &Path) {
    edit(specs, RPC, |s| {
        array(s, "/types/FoTaskStatus/values").push(json!({
            "value": "Cancelled", "docs": "The task is cancelled.", "phase": "cancelled"
        }));
        object(s, "/request/query/0").insert("required".into(), json!(true));
    });
    edit(specs, BATCH, |s| {
        *at(s, "/types/PageReq/fields/1/schema/maximum") = json!(50);
        array(s, "/types/JobStatus/values").remove(6);
        *at(s, "/docs") = json!("Queries task statuses in batches.");
    });
    edit(specs, VIP, |s| {
        object(s, "/responses").remove("400");
        *at(s, "/types/SwitchVipStatus/values/2/phase") = json!("pending");
        array(s, "/types/Language/values").push(json!({ "value": "fr-fr", "docs": "French." }));
    });
    edit(specs, RDS, |s| {
        array(s, "/types/Job/fields").remove(8);
        array(s, "/request/query").push(json!({
            "name": "limit", "docs": "How many.", "schema": { "type": "integer", "format": "int32" }
        }));
    });
    edit(specs, SDRS, |s| {
        object(s, "/responses").insert("404".into(), json!({ "docs": "Not Found" }));
        let def = object(s, "/types").remove("ErrorInfo").unwrap();
        object(s, "/types").insert("ErrorDetail".into(), def);
        *at(s, "/types/ErrorResponse/fields/0/schema/name") = json!("ErrorDetail");
        *at(s, "/examples/1/title") = json!("Status code: 200 (OK)");
    });
}

fn diff(dir: &Path, base: &str, specs: &str, format: &str) -> Output {
    xtask(
        dir,
        &["diff", "--base", base, "--specs", specs, "--format", format],
    )
}

#[test]
fn full_review_of_the_seeds_as_json() {
    let tmp = scratch("full");
    let dir = tmp.path();
    edit_seeds(&dir.join("new"));
    let out = diff(dir, "base", "new", "json");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let got: Value = serde_json::from_str(&stdout(&out)).expect("one JSON object");
    let change = |operation: &str, pointer: &str, change: &str, breaking: bool, detail: &str| {
        json!({ "operation": operation, "pointer": pointer, "change": change,
                "breaking": breaking, "detail": detail })
    };
    let rpc = "alibabacloud.bpstudio.get_fo_task_status";
    let batch = "huaweicloud.drs.batch_list_job_status";
    let vip = "huaweicloud.drs.show_switch_vip_status";
    let rds = "huaweicloud.rds.list_job_info";
    let sdrs = "huaweicloud.sdrs.show_job_status";
    let expected = json!({ "changes": [
        change(rpc, "/request/query/0/required", "parameter-made-required", true,
            "query parameter `TaskId` is now required: `build()` fails without it"),
        change(rpc, "/types/FoTaskStatus/values/24", "response-enum-value-added", false,
            "value `Cancelled` of `FoTaskStatus` is added: payloads carrying it decode as `FoTaskStatus::Cancelled` instead of `Unknown`, with phase cancelled instead of unknown"),
        change(batch, "/types/JobStatus/values/6", "response-enum-value-removed", true,
            "value `PAUSEING` of `JobStatus` (`JobStatus::Pauseing`) is removed: code matching on it no longer compiles, and it now decodes as `Unknown`"),
        change(batch, "/types/PageReq/fields/1/schema/maximum", "constraint-tightened", true,
            "`maximum` of field `per_page` of `PageReq` changed from 100 to 50: requests that `build()` accepted may now be refused"),
        change(batch, "/docs", "docs-changed", false, "the docs of the operation changed"),
        change(vip, "/responses/400", "status-code-removed", true,
            "status 400 is removed: its variant is gone and the status now parses as an `Undocumented` error"),
        change(vip, "/types/SwitchVipStatus/values/2/phase", "phase-changed", true,
            "the phase of `SWITCH_VIP_START` in `SwitchVipStatus` changed from running to pending: waiters using `phase()`/`is_terminal()` behave differently"),
        change(vip, "/types/Language/values/2", "request-enum-value-added", false,
            "value `fr-fr` of `Language` is added (`Language::FrFr`)"),
        change(rds, "/types/Job/fields/8", "response-field-removed", true,
            "field `fail_reason` of `Job` is removed, with the Rust field `fail_reason`"),
        change(rds, "/request/query/1", "optional-parameter-added", false,
            "optional query parameter `limit` is added"),
        change(sdrs, "/types/ErrorDetail", "type-renamed", true,
            "type `ErrorInfo` is renamed `ErrorDetail`: the Rust type `ErrorInfo` is now `ErrorDetail`"),
        change(sdrs, "/responses/404", "status-code-added", false,
            "status 404 is added: it parses as its own error variant instead of `Undocumented`"),
        change(sdrs, "/examples/1", "example-changed", false, "example 2 changed"),
    ]});
    assert_eq!(
        got,
        expected,
        "got:\n{}",
        serde_json::to_string_pretty(&got).unwrap()
    );
}

#[test]
fn exit_codes() {
    let tmp = scratch("codes");
    let dir = tmp.path();
    // Nothing changed.
    let out = diff(dir, "base", "new", "json");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        serde_json::from_str::<Value>(&stdout(&out)).unwrap(),
        json!({ "changes": [] })
    );
    // Only changes that break nothing.
    edit(&dir.join("new"), VIP, |s| {
        *at(s, "/title") = json!("Switchover result")
    });
    let out = diff(dir, "base", "new", "json");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // A breaking one.
    edit(&dir.join("new"), VIP, |s| {
        *at(s, "/transport/method") = json!("POST")
    });
    assert_eq!(diff(dir, "base", "new", "json").status.code(), Some(1));
    // An invalid new spec: the usual located diagnostics, exit 2.
    fs::write(dir.join("new").join(RDS), "{\"provider\": 1,,}").unwrap();
    let out = diff(dir, "base", "new", "json");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("list_job_info.json:1:16: error: two commas in a row"),
        "{}",
        stderr(&out)
    );
    assert_eq!(stdout(&out), "", "nothing on stdout after an error");
    // A spec that loads but does not validate.
    edit(&dir.join("base"), VIP, |s| *at(s, "/docs") = json!(""));
    let out = diff(dir, "base", "base", "json");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("error: documentation is empty"),
        "{}",
        stderr(&out)
    );
    // An unreadable base.
    let out = diff(dir, "no-such-revision-or-dir", "new", "json");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`no-such-revision-or-dir` is neither a directory"),
        "{}",
        stderr(&out)
    );
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=test",
            "-c",
            "user.email=test@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
}

#[test]
fn base_as_a_git_revision() {
    let scratch = scratch_dir("diff-git");
    let dir = scratch.path();
    copy_dir(&root().join("specs"), &dir.join("specs"));
    git(dir, &["init", "-q"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "seeds"]);
    edit(&dir.join("specs"), VIP, |s| {
        object(s, "/responses").remove("400");
    });
    git(dir, &["commit", "-q", "-am", "drop 400"]);

    // `--specs` in a git work tree other than the workspace's: its history is the base's.
    let out = xtask(
        dir,
        &[
            "diff", "--base", "HEAD~1", "--specs", "specs", "--format", "json",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let got: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        got["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (
                c["change"].as_str().unwrap(),
                c["pointer"].as_str().unwrap()
            ))
            .collect::<Vec<_>>(),
        [("status-code-removed", "/responses/400")]
    );
    let out = xtask(
        dir,
        &[
            "diff", "--base", "HEAD", "--specs", "specs", "--format", "json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // A base spec that does not load is an error, named `REV:path`.
    fs::write(dir.join("specs").join(RDS), "{").unwrap();
    git(dir, &["commit", "-q", "-am", "broken"]);
    let out = xtask(dir, &["diff", "--base", "HEAD", "--specs", "specs"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "HEAD:specs/huaweicloud/rds/list_job_info.json:1:1: error: the file ends too early"
        ),
        "{}",
        stderr(&out)
    );
    let out = xtask(dir, &["diff", "--base", "no-such-rev", "--specs", "specs"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn text_names_file_line_and_column() {
    let tmp = scratch("text");
    let dir = tmp.path();
    edit(&dir.join("new"), VIP, |s| {
        *at(s, "/transport/method") = json!("POST");
        object(s, "/responses").remove("400");
    });
    fs::remove_file(dir.join("new").join(RPC)).unwrap();
    let out = diff(dir, "base", "new", "text");
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "base/alibabacloud/bpstudio/get_fo_task_status.json:1:1: breaking: [operation-removed] operation `alibabacloud.bpstudio.get_fo_task_status` is removed, with its module and types",
            "new/huaweicloud/drs/show_switch_vip_status.json:103:5: breaking: [method-changed] the method changed from GET to POST",
            // A removal points at where it was: its parent in the new spec (the edit
            // rewrote the file with sorted keys).
            "new/huaweicloud/drs/show_switch_vip_status.json:85:3: breaking: [status-code-removed] status 400 is removed: its variant is gone and the status now parses as an `Undocumented` error",
            "diff: 3 breaking change(s), 0 other change(s)",
        ],
        "{text}"
    );
}

#[test]
fn markdown_is_a_pr_comment() {
    let tmp = scratch("markdown");
    let dir = tmp.path();
    let out = diff(dir, "base", "new", "markdown");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out),
        "**Spec review:** no changes to the specs since `base`.\n"
    );
    edit(&dir.join("new"), VIP, |s| {
        *at(s, "/title") = json!("Switchover result");
        *at(s, "/transport/path") = json!("/v3/{project_id}/a|b");
        array(s, "/request/path").remove(1);
    });
    let out = diff(dir, "base", "new", "markdown");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "**Spec review:** **2 breaking**, 1 other change(s) in 1 operation(s) since `base`.\n\
         \n\
         ### `huaweicloud.drs.show_switch_vip_status`\n\
         \n\
         | | change | where | detail |\n\
         |---|---|---|---|\n\
         | **breaking** | `path-changed` | `/transport/path` | the path changed from `/v3/{project_id}/jobs/{job_id}/get-switch-vip-status` to `/v3/{project_id}/a\\|b` |\n\
         | **breaking** | `parameter-removed` | `/request/path/1` (base) | path parameter `job_id` is removed, with its builder method `job_id` |\n\
         |  | `docs-changed` | `/title` | the title changed |\n"
    );
}
