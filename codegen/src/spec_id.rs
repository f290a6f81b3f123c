//! Which spec file a thing comes from: [`SpecId`], its path inside its specs directory. It
//! keys the "only these specs" set of an incremental run (xtask's cache, [`crate::emit`]'s
//! units); how generated output cites the file is [`crate::SpecFile::cited`] (the specs
//! directory's label joined with this path), built at load.

use std::fmt;
use std::path::Path;

/// How generated output names a specs directory when it is given no label: `specs`, the
/// workspace's own (and what a directory outside the workspace is cited as).
pub const DEFAULT_LABEL: &str = "specs";

/// A spec file's path inside its specs directory, `/`-separated
/// (`huaweicloud/drs/show_job.json`): the same on every machine and from every current
/// directory.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SpecId(String);

impl SpecId {
    /// The id of the file at `relative` inside its specs directory (`\` read as `/`).
    pub fn new(relative: &str) -> SpecId {
        SpecId(relative.replace('\\', "/"))
    }

    /// The id of `path`, a file under the specs directory `dir`; `None` when it is not
    /// under it.
    pub fn of(dir: &Path, path: &Path) -> Option<SpecId> {
        let inside = path.strip_prefix(dir).ok()?;
        Some(SpecId::new(&inside.to_string_lossy()))
    }

    /// The path inside the specs directory.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// How generated output cites the file when its specs directory is labelled `label`
    /// (`tests/tricky/specs` → `tests/tricky/specs/tricky/names/x.json`).
    pub fn cited_in(&self, label: &str) -> String {
        format!("{}/{}", label.trim_end_matches('/'), self.0)
    }
}

impl fmt::Display for SpecId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_the_slash_separated_path_inside_the_dir() {
        let dir = Path::new("some/where/specs");
        let id = SpecId::of(dir, &dir.join("acme").join("jobs").join("a.json")).unwrap();
        assert_eq!(id.as_str(), "acme/jobs/a.json");
        assert_eq!(id, SpecId::new("acme\\jobs\\a.json"));
        assert_eq!(SpecId::of(dir, Path::new("elsewhere/a.json")), None);
        assert_eq!(id.cited_in(DEFAULT_LABEL), "specs/acme/jobs/a.json");
        assert_eq!(
            id.cited_in("tests/tricky/specs/"),
            "tests/tricky/specs/acme/jobs/a.json"
        );
    }
}
