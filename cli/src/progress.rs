//! Progress on stderr: an indicatif spinner on a terminal, one plain line per poll when
//! stderr is piped (so logs and scripts read every step).

use std::io::IsTerminal;
use std::time::Duration;

use cloudjobs_runtime::JobStatus;
use cloudjobs_runtime::client::{Observed, Progress};
use cloudjobs_runtime::waiter::Next;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Where progress goes.
pub struct Reporter {
    spinner: Option<ProgressBar>,
}

impl Reporter {
    /// A spinner when stderr is a terminal, plain lines otherwise.
    pub fn new() -> Self {
        let spinner = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {msg}")
                    .expect("a valid template")
                    .tick_chars("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏ "),
            );
            bar.enable_steady_tick(Duration::from_millis(100));
            bar
        });
        Reporter { spinner }
    }

    /// Reports one poll. On a terminal, retries and unknown statuses stay on screen; the
    /// rest replaces the spinner's message.
    pub fn poll(&self, progress: &Progress<'_>) {
        let line = describe(progress);
        match &self.spinner {
            None => eprintln!("{line}"),
            Some(bar) => {
                let keep = match progress.observed {
                    Observed::Statuses(jobs) => jobs
                        .iter()
                        .any(|job| job.phase == cloudjobs_runtime::Phase::Unknown),
                    _ => true,
                };
                if keep {
                    bar.println(&line);
                }
                bar.set_message(line);
            }
        }
    }

    /// A closing line; the spinner goes away first.
    pub fn finish(&self, line: &str) {
        if let Some(bar) = &self.spinner {
            bar.finish_and_clear();
        }
        eprintln!("{line}");
    }
}

/// `1.20s`: elapsed times in progress lines.
pub fn secs(d: Duration) -> String {
    format!("{:.2}s", d.as_secs_f64())
}

/// `RUNNING (running)`, or `results[0].status=… (…), …` for a batch.
pub fn statuses(jobs: &[JobStatus]) -> String {
    match jobs {
        [] => "no status in the response".to_owned(),
        [job] => format!("{} ({})", job.value, job.phase),
        _ => jobs
            .iter()
            .map(|job| format!("{}={} ({})", job.path, job.value, job.phase))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// One progress line: elapsed time, poll number, what came back, what happens next.
pub fn describe(progress: &Progress<'_>) -> String {
    let seen = match &progress.observed {
        Observed::Statuses(jobs) => statuses(jobs),
        Observed::Http { status, .. } => format!("HTTP {status}"),
        Observed::Undecodable(_) => "a body that does not fit".to_owned(),
        Observed::Unreachable(error) => error.to_string(),
        other => format!("{other:?}"),
    };
    let next = match progress.next {
        Next::Sleep(d) if d.is_zero() => ", last poll now".to_owned(),
        Next::Sleep(d) => format!(", next poll in {}", secs(d)),
        _ => String::new(),
    };
    format!(
        "[{}] poll {}: {seen}{next}",
        secs(progress.elapsed),
        progress.poll
    )
}
