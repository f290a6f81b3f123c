//! Where a job is in its lifecycle.

use std::fmt;

/// Where a job is in its lifecycle. Every status value of every endpoint maps to one phase;
/// the spec decides which and says why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Phase {
    /// Accepted or waiting; nothing runs yet, but more will happen.
    Pending,
    /// Stopped until a person acts (a paused task, a plan modified and not yet re-verified):
    /// not terminal, but polling alone will not move it on.
    AwaitingUser,
    /// Work is in progress.
    Running,
    /// Finished, and it worked.
    Succeeded,
    /// Finished, and it did not work.
    Failed,
    /// Finished with part of the work done.
    PartiallySucceeded,
    /// Stopped on request before finishing.
    Cancelled,
    /// The server sent a status value the documentation does not list.
    Unknown,
}

impl Phase {
    /// Whether the job has stopped for good: polling again will not change its status.
    /// An unknown status is not terminal: nothing says the job has stopped.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            Phase::Succeeded | Phase::Failed | Phase::PartiallySucceeded | Phase::Cancelled
        )
    }

    /// Whether the job finished and did all of its work.
    pub fn is_success(self) -> bool {
        self == Phase::Succeeded
    }

    /// The phase in snake case, as specs write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Pending => "pending",
            Phase::AwaitingUser => "awaiting_user",
            Phase::Running => "running",
            Phase::Succeeded => "succeeded",
            Phase::Failed => "failed",
            Phase::PartiallySucceeded => "partially_succeeded",
            Phase::Cancelled => "cancelled",
            Phase::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
