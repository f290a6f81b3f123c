//! The waiter state machine: smithy's backoff table, the last poll at the deadline, and every
//! kind of poll outcome, all on a simulated clock.

use std::time::Duration;

use cloudjobs_runtime::waiter::{
    Backoff, Failure, Jitter, Next, Poll, SplitMix64, Target, Waiter, is_retryable_status,
};
use cloudjobs_runtime::{JobStatus, Phase, WaiterSpec};

/// The jitter smithy-rs's own tests use: the middle of the range.
struct Midpoint;

impl Jitter for Midpoint {
    fn between(&mut self, low: Duration, high: Duration) -> Duration {
        (low + high) / 2
    }
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn job(value: &str, phase: Phase) -> JobStatus {
    JobStatus {
        path: "status".into(),
        value: value.into(),
        phase,
    }
}

/// smithy-rs `backoff_jitter_as_average` (min 2 s, max 120 s, max wait 300 s): the delay
/// asked before each retry, at the elapsed time it is asked.
#[test]
fn backoff_matches_smithy_rs_midpoint_table() {
    let backoff = Backoff::new(secs(2), secs(120), secs(300)).unwrap();
    let table = [
        (2, 2),
        (3, 4),
        (5, 7),
        (9, 12),
        (17, 21),
        (33, 38),
        (61, 71),
        (61, 132),
        (61, 193),
        (46, 254),
        (0, 300),
    ];
    for (i, (delay, at)) in table.into_iter().enumerate() {
        let attempt = i as u32 + 1;
        assert_eq!(
            backoff.delay(attempt, secs(at), &mut Midpoint),
            secs(delay),
            "attempt {attempt} at {at}s"
        );
    }
}

/// smithy-rs `backoff_with_large_min_delay` (min 15 s, max 120 s).
#[test]
fn backoff_matches_smithy_rs_large_min_delay_table() {
    let backoff = Backoff::new(secs(15), secs(120), secs(300)).unwrap();
    let table = [
        (15, 1),
        (22, 16),
        (37, 38),
        (67, 75),
        (67, 142),
        (24, 276),
        (0, 300),
    ];
    for (i, (delay, at)) in table.into_iter().enumerate() {
        let attempt = i as u32 + 1;
        // smithy-rs truncates to whole seconds: (15 + 30) / 2 = 22; we keep 22.5 s.
        let got = backoff.delay(attempt, secs(at), &mut Midpoint);
        assert_eq!(got.as_secs(), delay, "attempt {attempt} at {at}s: {got:?}");
    }
}

#[test]
fn fractional_delays_are_kept() {
    let backoff = Backoff::new(
        Duration::from_millis(10),
        Duration::from_millis(40),
        secs(10),
    )
    .unwrap();
    let bounds: Vec<Duration> = (1..=5)
        .map(|attempt| backoff.delay(attempt, Duration::ZERO, &mut Upper))
        .collect();
    let ms = Duration::from_millis;
    assert_eq!(bounds, [ms(10), ms(20), ms(40), ms(40), ms(40)]);
}

/// Always the top of the range: shows the exponential bound itself.
struct Upper;

impl Jitter for Upper {
    fn between(&mut self, _low: Duration, high: Duration) -> Duration {
        high
    }
}

#[test]
fn jitter_outside_its_range_is_clamped() {
    struct Wild;
    impl Jitter for Wild {
        fn between(&mut self, _low: Duration, _high: Duration) -> Duration {
            secs(10_000)
        }
    }
    let backoff = Backoff::new(secs(2), secs(120), secs(3600)).unwrap();
    assert_eq!(backoff.delay(1, Duration::ZERO, &mut Wild), secs(2));
    assert_eq!(backoff.delay(3, Duration::ZERO, &mut Wild), secs(8));
}

#[test]
fn seeded_jitter_is_reproducible_and_in_range() {
    let draw = |seed| {
        let mut rng = SplitMix64::new(seed);
        (0..200)
            .map(|_| rng.between(Duration::from_millis(10), Duration::from_millis(80)))
            .collect::<Vec<_>>()
    };
    let a = draw(7);
    assert_eq!(a, draw(7));
    assert_ne!(a, draw(8));
    assert!(
        a.iter()
            .all(|d| (Duration::from_millis(10)..=Duration::from_millis(80)).contains(d))
    );
    // Not stuck at one end.
    assert!(a.iter().any(|d| *d < Duration::from_millis(30)));
    assert!(a.iter().any(|d| *d > Duration::from_millis(60)));
    let mut rng = SplitMix64::new(1);
    assert_eq!(rng.between(secs(3), secs(3)), secs(3));
}

#[test]
fn inconsistent_backoff_is_refused() {
    let err = Backoff::new(Duration::ZERO, secs(1), secs(1)).unwrap_err();
    assert!(err.to_string().contains("greater than zero"), "{err}");
    let err = Backoff::new(secs(5), secs(1), secs(10)).unwrap_err();
    assert!(err.to_string().contains("longer than the maximum"), "{err}");
}

/// Drives a waiter whose polls take no time, answering each poll from `answer`, and
/// returns the elapsed time of every poll and the final step.
fn simulate<'a>(
    target: Target<'_>,
    backoff: Backoff,
    mut answer: impl FnMut(usize) -> Poll<'a>,
) -> (Vec<Duration>, Next) {
    let mut waiter = Waiter::new(backoff, target, Midpoint);
    let mut now = Duration::ZERO;
    let mut polls = Vec::new();
    loop {
        polls.push(now);
        match waiter.next(answer(polls.len() - 1), now) {
            Next::Sleep(d) => now += d,
            other => return (polls, other),
        }
        assert!(polls.len() < 1000, "the waiter never stopped");
    }
}

#[test]
fn polls_until_success() {
    let running = [job("RUNNING", Phase::Running)];
    let done = [job("SUCCESS", Phase::Succeeded)];
    let (polls, next) = simulate(Target::Terminal, Backoff::default(), |i| {
        Poll::Statuses(if i < 3 { &running } else { &done })
    });
    assert_eq!(next, Next::Done);
    assert_eq!(polls, [secs(0), secs(2), secs(5), secs(10)]);
}

#[test]
fn stops_at_the_first_failure() {
    let failed = [job("FAIL", Phase::Failed)];
    let (polls, next) = simulate(Target::Terminal, Backoff::default(), |_| {
        Poll::Statuses(&failed)
    });
    assert_eq!(next, Next::Failed(Failure::Jobs(Phase::Failed)));
    assert_eq!(polls.len(), 1);
    for phase in [Phase::Cancelled, Phase::PartiallySucceeded] {
        let stopped = [job("X", phase)];
        let (_, next) = simulate(Target::Terminal, Backoff::default(), |_| {
            Poll::Statuses(&stopped)
        });
        assert_eq!(next, Next::Failed(Failure::Jobs(phase)));
    }
}

#[test]
fn times_out_with_a_last_poll_at_the_deadline() {
    let running = [job("RUNNING", Phase::Running)];
    let backoff = Backoff::new(secs(2), secs(120), secs(300)).unwrap();
    let (polls, next) = simulate(Target::Terminal, backoff, |_| Poll::Statuses(&running));
    assert_eq!(next, Next::Failed(Failure::TimedOut));
    // Exponential, capped at 61 s (the midpoint of 2..120), shortened to land on the
    // deadline, then the immediate last poll.
    let expected: Vec<Duration> = [0, 2, 5, 10, 19, 36, 69, 130, 191, 252, 300, 300]
        .into_iter()
        .map(secs)
        .collect();
    assert_eq!(polls, expected);
}

#[test]
fn a_poll_past_the_deadline_times_out() {
    let running = [job("RUNNING", Phase::Running)];
    let mut waiter = Waiter::new(Backoff::default(), Target::Terminal, Midpoint);
    assert!(matches!(
        waiter.next(Poll::Statuses(&running), Duration::ZERO),
        Next::Sleep(_)
    ));
    assert_eq!(
        waiter.next(Poll::Statuses(&running), secs(3601)),
        Next::Failed(Failure::TimedOut)
    );
}

#[test]
fn unknown_statuses_keep_polling_and_are_reported() {
    let odd = [job("MIGRATING_SOMEWHERE", Phase::Unknown)];
    let odder = [job("EVEN_STRANGER", Phase::Unknown)];
    let done = [job("SUCCESS", Phase::Succeeded)];
    let mut waiter = Waiter::new(Backoff::default(), Target::Terminal, Midpoint);
    assert!(matches!(
        waiter.next(Poll::Statuses(&odd), secs(0)),
        Next::Sleep(_)
    ));
    assert!(matches!(
        waiter.next(Poll::Statuses(&odd), secs(2)),
        Next::Sleep(_)
    ));
    assert!(matches!(
        waiter.next(Poll::Statuses(&odder), secs(5)),
        Next::Sleep(_)
    ));
    assert_eq!(waiter.next(Poll::Statuses(&done), secs(9)), Next::Done);
    assert_eq!(
        waiter.unknown_values(),
        ["MIGRATING_SOMEWHERE", "EVEN_STRANGER"]
    );
    assert_eq!(waiter.retries(), 3);
}

#[test]
fn a_body_without_status_keeps_polling() {
    let mut waiter = Waiter::new(Backoff::default(), Target::Terminal, Midpoint);
    assert_eq!(
        waiter.next(Poll::Statuses(&[]), secs(0)),
        Next::Sleep(secs(2))
    );
}

#[test]
fn a_batch_waits_for_its_last_job() {
    let ok = || job("FULL_TRANSFER_COMPLETE", Phase::Succeeded);
    let late = || job("CREATING", Phase::Running);
    let bad = || job("CREATE_FAILED", Phase::Failed);
    let mut waiter = Waiter::new(Backoff::default(), Target::Terminal, Midpoint);
    assert!(matches!(
        waiter.next(Poll::Statuses(&[ok(), late()]), secs(0)),
        Next::Sleep(_)
    ));
    assert_eq!(
        waiter.next(Poll::Statuses(&[ok(), ok()]), secs(2)),
        Next::Done
    );

    // A failed job does not end the wait while another still runs; it fails it after.
    let mut waiter = Waiter::new(Backoff::default(), Target::Terminal, Midpoint);
    assert!(matches!(
        waiter.next(Poll::Statuses(&[bad(), late()]), secs(0)),
        Next::Sleep(_)
    ));
    assert_eq!(
        waiter.next(Poll::Statuses(&[bad(), ok()]), secs(2)),
        Next::Failed(Failure::Jobs(Phase::Failed))
    );
    // The worst phase of the batch is reported.
    let partial = job("Partially_Deployed_Success", Phase::PartiallySucceeded);
    let cancelled = job("CANCELLED", Phase::Cancelled);
    let mut waiter = Waiter::new(Backoff::default(), Target::Terminal, Midpoint);
    assert_eq!(
        waiter.next(Poll::Statuses(&[partial, ok(), cancelled]), secs(0)),
        Next::Failed(Failure::Jobs(Phase::Cancelled))
    );
}

#[test]
fn a_named_target_can_be_a_running_status() {
    let spec = WaiterSpec {
        name: "start",
        docs: "After starting a full+incremental migration.",
        success: &["INCRE_TRANSFER_STARTED"],
        failure: &["START_JOB_FAILED", "RELEASE_RESOURCE_COMPLETE"],
    };
    let target = Target::from(&spec);
    let mut waiter = Waiter::new(Backoff::default(), target, Midpoint);
    let steps = [
        job("STARTJOBING", Phase::Running),
        // Terminal for a full-only task, a step on the way for this one.
        job("FULL_TRANSFER_COMPLETE", Phase::Succeeded),
    ];
    for (i, step) in steps.into_iter().enumerate() {
        let next = waiter.next(Poll::Statuses(&[step]), secs(i as u64));
        assert!(matches!(next, Next::Sleep(_)), "{next:?}");
    }
    let started = [job("INCRE_TRANSFER_STARTED", Phase::Running)];
    assert_eq!(waiter.next(Poll::Statuses(&started), secs(5)), Next::Done);

    // A listed failure value ends it whatever its phase; so does any failed or cancelled one.
    for (value, phase) in [
        ("RELEASE_RESOURCE_COMPLETE", Phase::Succeeded),
        ("START_JOB_FAILED", Phase::Failed),
        ("FULL_TRANSFER_FAILED", Phase::Failed),
        ("CANCELLED_BY_USER", Phase::Cancelled),
    ] {
        let mut waiter = Waiter::new(Backoff::default(), target, Midpoint);
        assert_eq!(
            waiter.next(Poll::Statuses(&[job(value, phase)]), secs(0)),
            Next::Failed(Failure::Jobs(phase)),
            "{value}"
        );
    }
}

#[test]
fn a_named_target_without_failures_fails_at_any_other_terminal_value() {
    let spec = WaiterSpec {
        name: "create",
        docs: "After creating a task.",
        success: &["CONFIGURATION"],
        failure: &[],
    };
    let target = Target::from(&spec);
    let mut waiter = Waiter::new(Backoff::default(), target, Midpoint);
    let creating = [job("CREATING", Phase::Running)];
    assert!(matches!(
        waiter.next(Poll::Statuses(&creating), secs(0)),
        Next::Sleep(_)
    ));
    let done_elsewhere = [job("FULL_TRANSFER_COMPLETE", Phase::Succeeded)];
    assert_eq!(
        waiter.next(Poll::Statuses(&done_elsewhere), secs(2)),
        Next::Failed(Failure::Jobs(Phase::Succeeded))
    );
    // The target is reached even though its phase is not terminal (awaiting the user).
    let mut waiter = Waiter::new(Backoff::default(), target, Midpoint);
    let configured = [job("CONFIGURATION", Phase::AwaitingUser)];
    assert_eq!(
        waiter.next(Poll::Statuses(&configured), secs(0)),
        Next::Done
    );
}

#[test]
fn awaiting_the_user_is_not_terminal() {
    let paused = [job("PAUSING", Phase::AwaitingUser)];
    let mut waiter = Waiter::new(Backoff::default(), Target::Terminal, Midpoint);
    assert!(matches!(
        waiter.next(Poll::Statuses(&paused), secs(0)),
        Next::Sleep(_)
    ));
}

#[test]
fn throttling_server_errors_and_lost_connections_are_retried() {
    assert!(is_retryable_status(429));
    assert!(is_retryable_status(500));
    assert!(is_retryable_status(503));
    assert!(!is_retryable_status(400));
    assert!(!is_retryable_status(404));
    let done = [job("SUCCESS", Phase::Succeeded)];
    let answers = [
        Poll::Http(503),
        Poll::Unreachable,
        Poll::Http(429),
        Poll::Statuses(&done),
    ];
    let (polls, next) = simulate(Target::Terminal, Backoff::default(), |i| answers[i]);
    assert_eq!(next, Next::Done);
    assert_eq!(polls, [secs(0), secs(2), secs(5), secs(10)]);
}

#[test]
fn retrying_stops_at_the_deadline() {
    let backoff = Backoff::new(secs(1), secs(4), secs(20)).unwrap();
    let (polls, next) = simulate(Target::Terminal, backoff, |_| Poll::Http(503));
    assert_eq!(next, Next::Failed(Failure::TimedOut));
    assert_eq!(*polls.last().unwrap(), secs(20));
}

#[test]
fn rejections_and_undecodable_bodies_stop_at_once() {
    let (polls, next) = simulate(Target::Terminal, Backoff::default(), |_| Poll::Http(400));
    assert_eq!(
        (polls.len(), next),
        (1, Next::Failed(Failure::Rejected(400)))
    );
    let (polls, next) = simulate(Target::Terminal, Backoff::default(), |_| Poll::Undecodable);
    assert_eq!((polls.len(), next), (1, Next::Failed(Failure::Undecodable)));
}
