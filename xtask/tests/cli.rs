//! The `cargo xtask codegen` contract (ARCHITECTURE.md, "xtask/"): exit codes, diagnostics,
//! `--check` writing nothing, and writes that leave every file either old or new.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::SystemTime;

mod common;
use common::{scratch_dir, stderr};

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("xtask runs")
}

/// A scratch copy of one seed spec, and an empty output directory; the directory holding
/// both is removed when the returned guard is dropped.
fn scratch(name: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let scratch = scratch_dir(&format!("xtask-{name}"));
    let dir = scratch.path();
    let specs = dir.join("specs/huaweicloud/drs");
    fs::create_dir_all(&specs).unwrap();
    let seed = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../specs/huaweicloud/drs/show_switch_vip_status.json");
    fs::copy(seed, specs.join("show_switch_vip_status.json")).unwrap();
    fs::create_dir_all(dir.join("out")).unwrap();
    let (specs, out) = (dir.join("specs"), dir.join("out"));
    (scratch, specs, out)
}

/// Every file under `dir` with its bytes and modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let meta = fs::metadata(&path).unwrap();
                out.insert(
                    path.clone(),
                    (fs::read(&path).unwrap(), meta.modified().unwrap()),
                );
            }
        }
    }
    out
}

fn codegen(specs: &Path, out: &Path, check: bool) -> Output {
    let (specs, out) = (specs.to_str().unwrap(), out.to_str().unwrap());
    let mut args = vec!["codegen", "--specs", specs, "--out", out];
    if check {
        args.push("--check");
    }
    xtask(&args)
}

#[test]
fn generate_then_check_then_noop() {
    let (_scratch, specs, out) = scratch("cycle");
    let first = codegen(&specs, &out, false);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        out.join("services/huaweicloud-drs/src/show_switch_vip_status.rs")
            .exists()
    );
    assert!(specs.join("schema.json").exists());

    let check = codegen(&specs, &out, true);
    assert!(check.status.success(), "{}", stderr(&check));

    let before = snapshot(&out);
    let again = codegen(&specs, &out, false);
    assert!(again.status.success());
    assert!(
        stderr(&again).contains("0 file(s) changed"),
        "{}",
        stderr(&again)
    );
    assert_eq!(snapshot(&out), before, "a no-op run touched files");
}

#[test]
fn check_reports_stale_files_and_writes_nothing() {
    let (_scratch, specs, out) = scratch("stale");
    assert!(codegen(&specs, &out, false).status.success());
    let op = out.join("services/huaweicloud-drs/src/show_switch_vip_status.rs");
    fs::write(&op, "// hand-edited\n").unwrap();
    fs::write(
        out.join("services/huaweicloud-drs/src/stray.rs"),
        "// not generated\n",
    )
    .unwrap();
    fs::remove_file(out.join("src/lib.rs")).unwrap();
    let before = snapshot(&out);

    let check = codegen(&specs, &out, true);
    assert!(!check.status.success());
    let text = stderr(&check);
    assert!(text.contains("3 file(s) are stale"), "{text}");
    assert!(
        text.contains("show_switch_vip_status.rs: out of date"),
        "{text}"
    );
    assert!(text.contains("stray.rs: no longer generated"), "{text}");
    assert!(text.contains("lib.rs: missing"), "{text}");
    assert!(text.contains("-// hand-edited"), "{text}");
    assert_eq!(
        snapshot(&out),
        before,
        "--check wrote to the output directory"
    );
}

#[test]
fn a_bad_spec_fails_with_file_line_and_column() {
    let (_scratch, specs, out) = scratch("bad");
    let file = specs.join("huaweicloud/drs/show_switch_vip_status.json");
    let text = fs::read_to_string(&file)
        .unwrap()
        .replace("\"SwitchVipStatus\" }", "\"SwitchVipStatsu\" }");
    fs::write(&file, text).unwrap();
    let output = codegen(&specs, &out, false);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(
        text.contains("show_switch_vip_status.json:79:74:"),
        "{text}"
    );
    assert!(
        text.contains("type `SwitchVipStatsu` is not defined"),
        "{text}"
    );
    assert!(text.contains("did you mean `SwitchVipStatus`?"), "{text}");
    assert!(snapshot(&out).is_empty(), "a failed run wrote output");
}

#[test]
fn a_failed_write_leaves_every_file_old_or_new() {
    let (_scratch, specs, out) = scratch("partial");
    assert!(codegen(&specs, &out, false).status.success());
    let old = snapshot(&out);

    // Change the spec so that every generated file changes, and make one target unwritable
    // by putting a directory where the file should be renamed to.
    let file = specs.join("huaweicloud/drs/show_switch_vip_status.json");
    let text = fs::read_to_string(&file).unwrap().replace(
        "Querying the Switchover Result",
        "Querying the Switchover Result (changed)",
    );
    fs::write(&file, text).unwrap();
    let blocked = out.join("services/huaweicloud-drs/src/show_switch_vip_status.rs");
    fs::remove_file(&blocked).unwrap();
    fs::create_dir_all(blocked.join("occupied")).unwrap();

    let output = codegen(&specs, &out, false);
    assert!(!output.status.success(), "the write should have failed");
    assert!(
        stderr(&output).contains("show_switch_vip_status.rs"),
        "{}",
        stderr(&output)
    );

    let new_lib = {
        let generated = cloudjobs_codegen::generate(&specs, cloudjobs_codegen::CRATE_NAME).unwrap();
        generated
            .files
            .into_iter()
            .map(|f| (out.join(f.path), f.contents.into_bytes()))
            .collect::<BTreeMap<_, _>>()
    };
    for (path, (bytes, _)) in snapshot(&out) {
        assert!(
            !path.to_string_lossy().ends_with(".tmp"),
            "temporary file left behind: {}",
            path.display()
        );
        if path.starts_with(&blocked) {
            continue;
        }
        let was_old = old
            .get(&path)
            .is_some_and(|(old_bytes, _)| *old_bytes == bytes);
        let is_new = new_lib
            .get(&path)
            .is_some_and(|new_bytes| *new_bytes == bytes);
        assert!(
            was_old || is_new,
            "{} is neither the old nor the new file",
            path.display()
        );
    }
}

#[test]
fn the_no_op_shortcut_never_hides_a_change() {
    let (_scratch, specs, out) = scratch("shortcut");
    assert!(codegen(&specs, &out, false).status.success());
    let noop = codegen(&specs, &out, false);
    assert!(stderr(&noop).contains("is up to date"), "{}", stderr(&noop));

    // A hand-edited output file is restored.
    let op = out.join("services/huaweicloud-drs/src/show_switch_vip_status.rs");
    let generated = fs::read(&op).unwrap();
    fs::write(&op, "// hand-edited\n").unwrap();
    let run = codegen(&specs, &out, false);
    assert!(run.status.success());
    assert_eq!(fs::read(&op).unwrap(), generated, "{}", stderr(&run));

    // A stray file in src/ is removed.
    fs::write(out.join("src/stray.rs"), "").unwrap();
    assert!(codegen(&specs, &out, false).status.success());
    assert!(!out.join("src/stray.rs").exists());

    // A changed spec rewrites exactly the file it owns (and the crate docs that list titles).
    let file = specs.join("huaweicloud/drs/show_switch_vip_status.json");
    let text = fs::read_to_string(&file)
        .unwrap()
        .replace("\"docs\": \"OK\"", "\"docs\": \"OK, changed\"");
    fs::write(&file, text).unwrap();
    let run = codegen(&specs, &out, false);
    let text = stderr(&run);
    assert!(text.contains("1 file(s) changed"), "{text}");
    assert!(
        text.contains("wrote") && text.contains("show_switch_vip_status.rs"),
        "{text}"
    );
}

#[test]
fn regenerating_only_changed_specs_gives_what_a_full_run_gives() {
    let (_scratch, specs, out) = scratch("incremental");
    let seed = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../specs/huaweicloud/drs/batch_list_job_status.json");
    fs::copy(
        seed,
        specs.join("huaweicloud/drs/batch_list_job_status.json"),
    )
    .unwrap();
    assert!(codegen(&specs, &out, false).status.success());

    // Change one spec's docs: only its file (and nothing else) is rewritten.
    let vip = specs.join("huaweicloud/drs/show_switch_vip_status.json");
    let text = fs::read_to_string(&vip)
        .unwrap()
        .replace("\"docs\": \"OK\"", "\"docs\": \"OK, again\"");
    fs::write(&vip, text).unwrap();
    let batch_before = snapshot(&out.join("services/huaweicloud-drs/src"))
        .into_iter()
        .find(|(p, _)| p.ends_with("batch_list_job_status.rs"))
        .unwrap();
    let run = codegen(&specs, &out, false);
    assert!(
        stderr(&run).contains("1 file(s) changed"),
        "{}",
        stderr(&run)
    );
    let batch_after = snapshot(&out.join("services/huaweicloud-drs/src"))
        .into_iter()
        .find(|(p, _)| p.ends_with("batch_list_job_status.rs"))
        .unwrap();
    assert_eq!(
        batch_before, batch_after,
        "an unchanged spec's file was touched"
    );
    let check = codegen(&specs, &out, true);
    assert!(check.status.success(), "{}", stderr(&check));

    // Rename the operation in a changed spec: the new file appears, the old one goes.
    let text = fs::read_to_string(&vip)
        .unwrap()
        .replace("\"show_switch_vip_status\"", "\"show_vip_switch\"");
    fs::remove_file(&vip).unwrap();
    fs::write(specs.join("huaweicloud/drs/show_vip_switch.json"), text).unwrap();
    let run = codegen(&specs, &out, false);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        out.join("services/huaweicloud-drs/src/show_vip_switch.rs")
            .exists()
    );
    assert!(
        !out.join("services/huaweicloud-drs/src/show_switch_vip_status.rs")
            .exists()
    );
    let check = codegen(&specs, &out, true);
    assert!(check.status.success(), "{}", stderr(&check));
}

fn findings(out: &Path) -> String {
    fs::read_to_string(out.join("FINDINGS.md")).expect("codegen writes FINDINGS.md")
}

#[test]
fn findings_are_right_after_a_partial_run() {
    let (_scratch, specs, out) = scratch("findings");
    let first = codegen(&specs, &out, false);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = findings(&out);
    assert!(
        before.contains("specs/huaweicloud/drs/show_switch_vip_status.json:")
            && before.contains(": note: page mistake"),
        "{before}"
    );
    assert!(!before.contains("warning:"), "{before}");
    // Positions are inside the specs directory, whatever `--specs` was.
    assert!(!before.contains(&*specs.to_string_lossy()), "{before}");

    // Only this spec changes (the partial path): an undocumented example value appears.
    let file = specs.join("huaweicloud/drs/show_switch_vip_status.json");
    let text = fs::read_to_string(&file).unwrap().replace(
        "\"status\": \"SWITCH_VIP_COMPLETE\"",
        "\"status\": \"SWITCH_VIP_DONE\"",
    );
    fs::write(&file, text).unwrap();
    let run = codegen(&specs, &out, false);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stderr(&run).contains("SWITCH_VIP_DONE"), "{}", stderr(&run));
    let after = findings(&out);
    assert!(
        after.contains("show_switch_vip_status.json:")
            && after.contains(
                "warning: the example's value `SWITCH_VIP_DONE` is not a documented value"
            ),
        "{after}"
    );
    let check = codegen(&specs, &out, true);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn a_new_spec_with_page_mistakes_needs_only_codegen() {
    let (_scratch, specs, out) = scratch("newspec");
    assert!(codegen(&specs, &out, false).status.success());
    fs::create_dir_all(specs.join("huaweicloud/rds")).unwrap();
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/huaweicloud/rds/list_job_info.json");
    fs::copy(seed, specs.join("huaweicloud/rds/list_job_info.json")).unwrap();

    let run = codegen(&specs, &out, false);
    assert!(run.status.success(), "{}", stderr(&run));
    // The warning is shown to the author, and listed with the marked mistakes.
    assert!(stderr(&run).contains("warning:"), "{}", stderr(&run));
    let text = findings(&out);
    assert!(
        text.contains("## `huaweicloud.rds.list_job_info`"),
        "{text}"
    );
    assert!(
        text.contains("specs/huaweicloud/rds/list_job_info.json:")
            && text.contains(": warning: ` status` is not a documented field of `Job`"),
        "{text}"
    );
    assert!(
        text.contains("note: page mistake, kept verbatim: the page says `60% `"),
        "{text}"
    );
    let check = codegen(&specs, &out, true);
    assert!(check.status.success(), "{}", stderr(&check));

    // A hand edit of the findings is stale for --check and restored by a run.
    fs::write(out.join("FINDINGS.md"), "edited\n").unwrap();
    assert!(!codegen(&specs, &out, true).status.success());
    assert!(codegen(&specs, &out, false).status.success());
    assert_eq!(findings(&out), text);
}
