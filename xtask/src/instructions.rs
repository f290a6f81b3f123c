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

/// The wrapper: valgrind for the crate named `$CLOUDJOBS_COUNT_CRATE`, plain rustc for
/// every other.
const WRAPPER: &str = r#"#!/bin/sh
# Written by `cargo xtask bench` (xtask/src/instructions.rs): RUSTC_WRAPPER that runs one
# crate's rustc under cachegrind.
rustc="$1"; shift
prev=
for arg in "$@"; do
  if [ "$prev" = "--crate-name" ] && [ "$arg" = "$CLOUDJOBS_COUNT_CRATE" ]; then
    exec valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
      --log-file="$CLOUDJOBS_COUNT_LOG" "$rustc" "$@"
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

/// rustc's instructions for a debug build of `package` (crate name `crate_name`) in the
/// workspace `ws` with `target` as its target directory, after `cargo clean -p`; `work`
/// holds the wrapper and the log.
pub fn count(
    work: &Path,
    ws: &Path,
    target: &Path,
    package: &str,
    crate_name: &str,
) -> Result<u64, String> {
    let wrapper = work.join("count-rustc.sh");
    std::fs::write(&wrapper, WRAPPER).map_err(|e| format!("{}: {e}", wrapper.display()))?;
    make_executable(&wrapper)?;
    let log = work.join(format!("count-{crate_name}.log"));
    let _ = std::fs::remove_file(&log);
    let env = [("CARGO_TARGET_DIR", target)];
    cargo(ws, &["clean", "-q", "-p", package], &env)?;
    cargo(
        ws,
        &["build", "-q"],
        &[
            ("CARGO_TARGET_DIR", target),
            ("RUSTC_WRAPPER", &wrapper),
            ("CLOUDJOBS_COUNT_LOG", &log),
            ("CLOUDJOBS_COUNT_CRATE", Path::new(crate_name)),
        ],
    )?;
    let text = std::fs::read_to_string(&log)
        .map_err(|e| format!("{}: {e} (did rustc of {crate_name} run?)", log.display()))?;
    instructions_in(&text).ok_or_else(|| format!("{}: no `I refs` line", log.display()))
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
