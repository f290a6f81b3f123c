//! Waiting for a job: a pure state machine that turns each poll's outcome into the next
//! step (done, failed, or sleep this long), with smithy's waiter backoff.
//!
//! Nothing here does I/O or reads a clock: the caller polls, measures the elapsed time with
//! the clock it chose, feeds both to [`Waiter::next`], and sleeps for what it is told. So the
//! same machine drives the async client, the CLI, and deterministic tests.
//!
//! # Backoff
//!
//! The delays follow the Smithy waiter specification ("Waiter retries", smithy.io 2.0,
//! additional-specs/waiters) as smithy-rs implements it in
//! `rust-runtime/aws-smithy-runtime/src/client/waiters/backoff.rs` and orchestrates it in
//! `…/client/waiters.rs`:
//!
//! - `attempt_ceiling = ⌊log2(max_delay / min_delay) + 1⌋`;
//! - before retry `attempt` (1-based), the upper bound is `min_delay · 2^(attempt−1)` while
//!   `attempt ≤ attempt_ceiling`, `max_delay` after; the delay is drawn uniformly from
//!   `[min_delay, upper bound]` (the jitter);
//! - with `remaining = max_wait − elapsed`: when `remaining − delay ≤ min_delay` the delay
//!   becomes `remaining`, so the next poll lands on the deadline (smithy-rs's deviation from
//!   the spec, which subtracts `min_delay` instead);
//! - a zero delay (the deadline is reached) means one last poll right away; a poll that
//!   still does not settle after that, or any poll later than `max_wait`, times out.
//!
//! Unlike smithy-rs, delays are not rounded to whole seconds, so `min_delay` may be 10 ms.
//!
//! # What a poll can say
//!
//! - The job statuses of a 2xx body ([`Poll::Statuses`]): done when every job reached the
//!   [`Target`]; failed when every job stopped and one of them did not reach it (so a batch
//!   waits for its last job, and any failed job fails the batch); otherwise poll again.
//!   Unknown status values are not terminal: polling goes on and the values are kept
//!   ([`Waiter::unknown_values`]) so they can be reported.
//! - An HTTP status that is not 2xx ([`Poll::Http`]): 429 and every 5xx (even documented
//!   ones) are retried inside the wait budget; any other status stops the wait.
//! - No response at all ([`Poll::Unreachable`]): retried inside the budget.
//! - A 2xx body that does not fit its type ([`Poll::Undecodable`]): stops the wait.

use std::fmt;
use std::time::Duration;

use crate::{JobStatus, Phase, WaiterSpec};

/// The Smithy default for the shortest delay between polls.
pub const DEFAULT_MIN_DELAY: Duration = Duration::from_secs(2);
/// The Smithy default for the longest delay between polls.
pub const DEFAULT_MAX_DELAY: Duration = Duration::from_secs(120);
/// How long to wait in all unless told otherwise (Smithy leaves this to the caller).
pub const DEFAULT_MAX_WAIT: Duration = Duration::from_secs(3600);

/// Delays between polls: smithy's waiter backoff (see the [module docs](self)).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Backoff {
    min_delay: Duration,
    max_delay: Duration,
    max_wait: Duration,
    attempt_ceiling: u32,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff::new(DEFAULT_MIN_DELAY, DEFAULT_MAX_DELAY, DEFAULT_MAX_WAIT)
            .expect("the defaults are consistent")
    }
}

impl Backoff {
    /// Checks and builds a backoff: `min_delay` must be positive (a zero delay is the "last
    /// poll" signal) and at most `max_delay`.
    pub fn new(
        min_delay: Duration,
        max_delay: Duration,
        max_wait: Duration,
    ) -> Result<Self, BackoffError> {
        if min_delay.is_zero() {
            return Err(BackoffError(
                "the minimum delay must be greater than zero".into(),
            ));
        }
        if min_delay > max_delay {
            return Err(BackoffError(format!(
                "the minimum delay ({}) is longer than the maximum delay ({})",
                seconds(min_delay),
                seconds(max_delay)
            )));
        }
        let ratio = max_delay.as_secs_f64() / min_delay.as_secs_f64();
        // As smithy-rs computes it: the attempt from which the exponential bound would pass
        // max_delay.
        let attempt_ceiling = (ratio.ln() / 2f64.ln() + 1.0) as u32;
        Ok(Backoff {
            min_delay,
            max_delay,
            max_wait,
            attempt_ceiling,
        })
    }

    /// The shortest delay between polls.
    pub fn min_delay(&self) -> Duration {
        self.min_delay
    }

    /// The longest delay between polls.
    pub fn max_delay(&self) -> Duration {
        self.max_delay
    }

    /// The wait budget, from the first poll.
    pub fn max_wait(&self) -> Duration {
        self.max_wait
    }

    /// The delay before retry `attempt` (1-based), `elapsed` after the first poll, with the
    /// jitter drawn from `jitter`. Zero means the deadline is reached.
    pub fn delay(&self, attempt: u32, elapsed: Duration, jitter: &mut dyn Jitter) -> Duration {
        let upper = if attempt > self.attempt_ceiling {
            self.max_delay
        } else {
            // attempt ≤ ceiling keeps this at most max_delay; min() guards float rounding.
            2u32.checked_pow(attempt.saturating_sub(1))
                .and_then(|factor| self.min_delay.checked_mul(factor))
                .map_or(self.max_delay, |bound| bound.min(self.max_delay))
        };
        let mut delay = jitter
            .between(self.min_delay, upper)
            .clamp(self.min_delay, upper);
        let remaining = self.max_wait.saturating_sub(elapsed);
        if remaining.saturating_sub(delay) <= self.min_delay {
            delay = remaining;
        }
        delay
    }
}

/// Backoff settings that contradict each other.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackoffError(String);

impl fmt::Display for BackoffError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BackoffError {}

/// `1.5s`, `0.01s`: how durations appear in messages.
fn seconds(d: Duration) -> String {
    format!("{}s", d.as_secs_f64())
}

/// Where the jitter comes from: a uniform draw in `[low, high]`. Pass a seeded
/// [`SplitMix64`] for reproducible delays, or your own source.
pub trait Jitter {
    /// A duration between `low` and `high`, both included (`low ≤ high`).
    fn between(&mut self, low: Duration, high: Duration) -> Duration;
}

/// A small seedable generator (SplitMix64, Steele, Lea and Flood 2014): enough for jitter,
/// and the same seed gives the same delays.
#[derive(Clone, Debug)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator that starts from `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

impl Jitter for SplitMix64 {
    fn between(&mut self, low: Duration, high: Duration) -> Duration {
        let span = high.saturating_sub(low).as_nanos();
        if span == 0 {
            return low;
        }
        // Two draws cover spans past 2^64 ns; the modulo bias is far below a nanosecond.
        let bits = (u128::from(self.next_u64()) << 64) | u128::from(self.next_u64());
        let offset = bits % (span + 1);
        low + Duration::new(
            (offset / 1_000_000_000) as u64,
            (offset % 1_000_000_000) as u32,
        )
    }
}

/// When a job counts as done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target<'a> {
    /// The default: the job stopped for good ([`Phase::is_terminal`]); it worked when its
    /// phase is [`Phase::Succeeded`].
    Terminal,
    /// A named waiter's goal ([`WaiterSpec`]): one of the `success` wire values, which may
    /// be a running status (Huawei's Terraform provider waits for DRS
    /// `INCRE_TRANSFER_STARTED` after "start"). The wait fails at a `failure` value or a
    /// value whose phase is failed or cancelled; when `failure` is empty, at any other
    /// terminal value too. With a `failure` list, another terminal value is a step on the
    /// way (DRS `FULL_TRANSFER_COMPLETE` comes before `INCRE_TRANSFER_STARTED`) and polling
    /// goes on.
    Named {
        /// Values that end the wait successfully.
        success: &'a [&'a str],
        /// Values that end it as failed, besides every failed or cancelled phase.
        failure: &'a [&'a str],
    },
}

impl<'a> From<&'a WaiterSpec> for Target<'a> {
    fn from(spec: &'a WaiterSpec) -> Self {
        Target::Named {
            success: spec.success,
            failure: spec.failure,
        }
    }
}

/// Where one job stands against a target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Standing {
    Reached,
    Missed,
    Pending,
}

impl Target<'_> {
    /// Whether this status is the goal.
    pub fn reached(&self, status: &JobStatus) -> bool {
        self.standing(status) == Standing::Reached
    }

    fn standing(&self, status: &JobStatus) -> Standing {
        let (reached, missed) = match self {
            Target::Terminal => (status.phase == Phase::Succeeded, status.phase.is_terminal()),
            Target::Named { success, failure } => {
                let value = status.value.as_str();
                let missed = failure.contains(&value)
                    || matches!(status.phase, Phase::Failed | Phase::Cancelled)
                    || (failure.is_empty() && status.phase.is_terminal());
                (success.contains(&value), missed)
            }
        };
        match (reached, missed) {
            (true, _) => Standing::Reached,
            (false, true) => Standing::Missed,
            (false, false) => Standing::Pending,
        }
    }
}

/// What one poll said.
#[derive(Clone, Copy, Debug)]
pub enum Poll<'a> {
    /// A 2xx response whose body decoded: the job statuses it carries (one per job; none
    /// when the body has no status yet).
    Statuses(&'a [JobStatus]),
    /// A response with this non-2xx HTTP status: 429 and 5xx are retried, others stop.
    Http(u16),
    /// No response: the connection failed or the request timed out. Retried.
    Unreachable,
    /// A 2xx response whose body does not fit its type. Stops.
    Undecodable,
}

/// Whether a non-2xx HTTP status is worth another try: throttling and server errors.
pub fn is_retryable_status(status: u16) -> bool {
    status == 429 || (500..600).contains(&status)
}

/// What to do after a poll.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// Every job reached the target.
    Done,
    /// The wait is over without reaching the target.
    Failed(Failure),
    /// Poll again after this long (zero: right away, the last poll at the deadline).
    Sleep(Duration),
}

/// Why a wait ended without reaching the target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Failure {
    /// Every job stopped and at least one did not reach the target; the worst phase among
    /// those (failed, then cancelled, then partially succeeded, then any other: a value a
    /// named waiter lists as failure, or a success elsewhere than its target).
    Jobs(Phase),
    /// A response with this HTTP status, which is not retried.
    Rejected(u16),
    /// A 2xx body that does not fit its type.
    Undecodable,
    /// The wait budget ran out (also while retrying).
    TimedOut,
}

/// How bad a stopped job's phase is, to report the worst of a batch.
fn severity(phase: Phase) -> u8 {
    match phase {
        Phase::Failed => 4,
        Phase::Cancelled => 3,
        Phase::PartiallySucceeded => 2,
        _ => 1,
    }
}

/// The verdict on one poll's job statuses, before time is considered.
fn settle(target: Target<'_>, jobs: &[JobStatus]) -> Option<Next> {
    if jobs.is_empty() {
        return None;
    }
    let mut worst: Option<Phase> = None;
    for job in jobs {
        match target.standing(job) {
            Standing::Reached => {}
            Standing::Pending => return None,
            Standing::Missed => {
                if worst.is_none_or(|w| severity(job.phase) > severity(w)) {
                    worst = Some(job.phase);
                }
            }
        }
    }
    Some(match worst {
        None => Next::Done,
        Some(phase) => Next::Failed(Failure::Jobs(phase)),
    })
}

/// The state of one wait: call [`Waiter::next`] after every poll.
pub struct Waiter<'t, J: Jitter> {
    backoff: Backoff,
    target: Target<'t>,
    jitter: J,
    retries: u32,
    last_poll: bool,
    unknown: Vec<String>,
}

impl<J: Jitter> fmt::Debug for Waiter<'_, J> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Waiter")
            .field("backoff", &self.backoff)
            .field("target", &self.target)
            .field("retries", &self.retries)
            .field("last_poll", &self.last_poll)
            .field("unknown", &self.unknown)
            .finish_non_exhaustive()
    }
}

impl<'t, J: Jitter> Waiter<'t, J> {
    /// A wait for `target` with these delays, drawing jitter from `jitter`.
    pub fn new(backoff: Backoff, target: Target<'t>, jitter: J) -> Self {
        Waiter {
            backoff,
            target,
            jitter,
            retries: 0,
            last_poll: false,
            unknown: Vec::new(),
        }
    }

    /// The next step after a poll that ended `elapsed` after the first one started.
    pub fn next(&mut self, poll: Poll<'_>, elapsed: Duration) -> Next {
        let settled = match poll {
            Poll::Statuses(jobs) => {
                for job in jobs.iter().filter(|job| job.phase == Phase::Unknown) {
                    if !self.unknown.contains(&job.value) {
                        self.unknown.push(job.value.clone());
                    }
                }
                settle(self.target, jobs)
            }
            Poll::Http(status) if is_retryable_status(status) => None,
            Poll::Http(status) => Some(Next::Failed(Failure::Rejected(status))),
            Poll::Unreachable => None,
            Poll::Undecodable => Some(Next::Failed(Failure::Undecodable)),
        };
        if let Some(verdict) = settled {
            return verdict;
        }
        self.retries += 1;
        if self.last_poll || elapsed > self.backoff.max_wait {
            return Next::Failed(Failure::TimedOut);
        }
        let delay = self.backoff.delay(self.retries, elapsed, &mut self.jitter);
        if delay.is_zero() {
            // At the deadline: one more poll now, and that is the last.
            self.last_poll = true;
        }
        Next::Sleep(delay)
    }

    /// How many polls asked for another one so far.
    pub fn retries(&self) -> u32 {
        self.retries
    }

    /// The undocumented status values seen so far, in the order they first came.
    pub fn unknown_values(&self) -> &[String] {
        &self.unknown
    }

    /// The delays this wait uses.
    pub fn backoff(&self) -> &Backoff {
        &self.backoff
    }

    /// What this wait is for.
    pub fn target(&self) -> Target<'t> {
        self.target
    }
}
