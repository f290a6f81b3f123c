//! How much work rustc does to build one crate, counted by cachegrind: the instructions it
//! executes, which are the same from run to run (wall times on a shared 2-core VM swing by
//! ±20% between identical builds, so a few percent cannot be seen in them).
//!
//! cargo runs rustc through a wrapper script (`RUSTC_WRAPPER`) that starts only the chosen
//! crate's rustc under `valgrind --tool=cachegrind --cache-sim=no`; its dependencies build
//! as usual (they are already built when this runs). Without valgrind the count is `None`
//! and the bench says so.

use std::path::Path;
use std::process::Command;

use crate::bench::cargo;

/// The wrapper: valgrind for the crates named in `$CLOUDJOBS_COUNT_CRATES` (space-separated),
/// plain rustc for every other; one log per rustc process.
const WRAPPER: &str = r#"#!/bin/sh
# Written by `cargo xtask bench` (xtask/src/instructions.rs): RUSTC_WRAPPER that runs some
# crates' rustc under cachegrind.
rustc="$1"; shift
prev=
for arg in "$@"; do
  if [ "$prev" = "--crate-name" ]; then
    case " $CLOUDJOBS_COUNT_CRATES " in
      *" $arg "*)
        exec valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
          --log-file="$CLOUDJOBS_COUNT_LOGS/rustc-%p.log" "$rustc" "$@"
        ;;
    esac
  fi
  prev="$arg"
done
exec "$rustc" "$@"
"#;

/// Whether valgrind can be run here.
pub fn available() -> bool {
    Command::new("valgrind")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// rustc's instructions for a debug build of `packages` (a generated crate is several: the
/// facade, built with `-p`, first, and one per service) in the workspace `ws` with `target`
/// as its target directory, after `cargo clean -p` of each, summed over their rustc
/// processes; `work` holds the wrapper and the logs (under `label`).
pub fn count(
    work: &Path,
    ws: &Path,
    target: &Path,
    packages: &[String],
    label: &str,
) -> Result<u64, String> {
    let wrapper = work.join("count-rustc.sh");
    std::fs::write(&wrapper, WRAPPER).map_err(|e| format!("{}: {e}", wrapper.display()))?;
    make_executable(&wrapper)?;
    let logs = work.join(format!("count-{label}"));
    let _ = std::fs::remove_dir_all(&logs);
    std::fs::create_dir_all(&logs).map_err(|e| format!("{}: {e}", logs.display()))?;
    let env = [("CARGO_TARGET_DIR", target)];
    crate::bench::clean(ws, packages, &[], &env)?;
    let crates: Vec<String> = packages.iter().map(|p| p.replace('-', "_")).collect();
    let crates = crates.join(" ");
    cargo(
        ws,
        &["build", "-q", "-p", &packages[0]],
        &[
            ("CARGO_TARGET_DIR", target),
            ("RUSTC_WRAPPER", &wrapper),
            ("CLOUDJOBS_COUNT_LOGS", &logs),
            ("CLOUDJOBS_COUNT_CRATES", Path::new(&crates)),
        ],
    )?;
    let mut total = 0;
    let mut runs = 0;
    for entry in std::fs::read_dir(&logs).map_err(|e| format!("{}: {e}", logs.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        total += instructions_in(&text)
            .ok_or_else(|| format!("{}: no `I refs` line", path.display()))?;
        runs += 1;
    }
    if runs != packages.len() {
        return Err(format!(
            "{}: {runs} rustc log(s) for {} crate(s) (did each rustc run?)",
            logs.display(),
            packages.len()
        ));
    }
    Ok(total)
}

/// The count in cachegrind's summary line (`==1== I   refs:      37,068,873,947`).
fn instructions_in(log: &str) -> Option<u64> {
    let line = log.lines().find(|l| l.contains("I   refs:"))?;
    let digits: String = line
        .rsplit(':')
        .next()?
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

#[cfg(unix)]
fn make_executable(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(not(unix))]
fn make_executable(_: &Path) -> Result<(), String> {
    Err("counting instructions needs a Unix shell and valgrind".to_owned())
}

#[cfg(test)]
mod tests {
    use super::instructions_in;

    #[test]
    fn the_count_is_read_from_cachegrinds_summary() {
        let log = "==8759== Cachegrind, a high-precision tracing profiler\n\
                   ==8759== \n\
                   ==8759== I   refs:      37,068,873,947\n";
        assert_eq!(instructions_in(log), Some(37_068_873_947));
        assert_eq!(instructions_in("==1== no summary\n"), None);
    }
}
