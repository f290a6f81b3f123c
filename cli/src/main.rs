//! `cloudjobs`: watch a cloud job until it is done (`watch`), or make one signed call
//! (`get`). See `cloudjobs --help` and the README's "Calling the API".
//!
//! stdout carries only the last response body, as one JSON document; everything else goes
//! to stderr. Exit status: 0 succeeded; 1 failed, cancelled or partially succeeded; 2 usage
//! or configuration error, before any request is sent; 3 `--max-wait` passed; 4 any other
//! error response, or a body that cannot be decoded.

mod args;
mod progress;
mod setup;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use cloudjobs_runtime::Operation;
use cloudjobs_runtime::client::{Finished, Polled, Response, SendError, Wait, decode};
use cloudjobs_runtime::waiter::{Backoff, Failure, Target};

use args::{CallArgs, Cli, Command, WatchArgs};
use progress::Reporter;

/// The exit statuses scripts can rely on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Exit {
    Succeeded = 0,
    Failed = 1,
    Usage = 2,
    TimedOut = 3,
    Error = 4,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let exit = match cli.command {
        Command::Watch(args) => watch(&args),
        Command::Get(args) => get(&args),
        Command::List => list(),
    };
    ExitCode::from(exit as u8)
}

fn usage(message: &str) -> Exit {
    eprintln!("cloudjobs: {message}");
    Exit::Usage
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a current-thread tokio runtime starts")
}

fn watch(args: &WatchArgs) -> Exit {
    let backoff = match Backoff::new(args.min_delay, args.max_delay, args.max_wait) {
        Ok(backoff) => backoff,
        Err(e) => return usage(&format!("--min-delay/--max-delay: {e}")),
    };
    let prepared = match setup::prepare(&args.call) {
        Ok(prepared) => prepared,
        Err(message) => return usage(&message),
    };
    let target = match &args.waiter {
        None => Target::Terminal,
        Some(name) => match target_named(prepared.operation, name) {
            Ok(target) => target,
            Err(message) => return usage(&message),
        },
    };
    let wait = Wait {
        backoff,
        target,
        ..Wait::default()
    };
    let reporter = Reporter::new();
    let finished = runtime().block_on(prepared.client.wait_until_done(
        prepared.operation,
        &prepared.request,
        wait,
        |progress| reporter.poll(progress),
    ));
    let finished = match finished {
        Ok(finished) => finished,
        Err(e) => {
            reporter.finish(&format!("cloudjobs: {e}"));
            return Exit::Usage;
        }
    };
    if let Some(last) = &finished.last {
        print_body(&last.response);
    }
    let (exit, line) = verdict(&finished, args);
    reporter.finish(&line);
    exit
}

/// The target of the operation's waiter called `name`.
fn target_named(operation: &'static Operation, name: &str) -> Result<Target<'static>, String> {
    let waiters = operation.waiters();
    match waiters.iter().find(|waiter| waiter.name == name) {
        Some(waiter) => Ok(Target::from(waiter)),
        None if waiters.is_empty() => Err(format!(
            "--waiter {name}: {} declares no named waiters",
            operation.id
        )),
        None => Err(format!(
            "--waiter {name}: {} has no such waiter; it has {}",
            operation.id,
            waiters
                .iter()
                .map(|w| w.name)
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The exit status and closing line of a wait.
fn verdict(finished: &Finished, args: &WatchArgs) -> (Exit, String) {
    let after = format!(
        "after {} poll{} in {}",
        finished.polls,
        if finished.polls == 1 { "" } else { "s" },
        progress::secs(finished.elapsed)
    );
    let last_statuses = finished
        .last
        .as_ref()
        .map(|last| progress::statuses(&last.jobs))
        .unwrap_or_else(|| "no response".to_owned());
    let mut line = match finished.result {
        Ok(()) => (
            Exit::Succeeded,
            format!("succeeded: {last_statuses} {after}"),
        ),
        Err(Failure::Jobs(phase)) => (Exit::Failed, format!("{phase}: {last_statuses} {after}")),
        Err(Failure::TimedOut) => {
            let why = match (&finished.last_error, &finished.last) {
                (Some(error), _) => error.to_string(),
                (None, Some(last)) if !last.response.is_success() => {
                    format!("HTTP {}", last.response.status)
                }
                _ => last_statuses,
            };
            (
                Exit::TimedOut,
                format!(
                    "timed out: --max-wait {} passed {after}; last: {why}",
                    progress::secs(args.max_wait)
                ),
            )
        }
        Err(_) => match &finished.last {
            Some(last) => (Exit::Error, response_error(last)),
            None => (Exit::Error, format!("error: no response {after}")),
        },
    };
    if !finished.unknown.is_empty() {
        line.1.push_str(&format!(
            "\nundocumented status values seen: {}",
            finished.unknown.join(", ")
        ));
    }
    line
}

/// `error: HTTP 400 …` with the documented body, typed, or why it could not be read. Only
/// for an error response or a 2xx body that does not fit: a 2xx body that fits is a status.
fn response_error(polled: &Polled) -> String {
    let status = polled.response.status;
    match &polled.decoded {
        Ok(body) => format!("error: HTTP {status} (documented error body): {body}"),
        Err(e) => format!("error: HTTP {status}: {e}"),
    }
}

fn get(args: &CallArgs) -> Exit {
    let prepared = match setup::prepare(args) {
        Ok(prepared) => prepared,
        Err(message) => return usage(&message),
    };
    let sent = runtime().block_on(prepared.client.send(prepared.operation, &prepared.request));
    let response = match sent {
        Ok(response) => response,
        // Nothing was sent: a configuration error, as `watch` reports it.
        Err(e @ (SendError::Sign(_) | SendError::UnknownProvider(_))) => {
            return usage(&e.to_string());
        }
        Err(e) => {
            eprintln!("cloudjobs: {e}");
            return Exit::Error;
        }
    };
    print_body(&response);
    let polled = decode(prepared.operation, response);
    match (&polled.decoded, polled.response.is_success()) {
        (Ok(_), true) => Exit::Succeeded,
        _ => {
            eprintln!("cloudjobs: {}", response_error(&polled));
            Exit::Error
        }
    }
}

fn list() -> Exit {
    for operation in cloudjobs::operations() {
        let params: Vec<String> = operation
            .params()
            .iter()
            .map(|p| {
                let where_ = format!("{:?}", p.location).to_lowercase();
                let param = format!("--param {}=<{where_}>", p.name);
                if p.required {
                    param
                } else {
                    format!("[{param}]")
                }
            })
            .collect();
        let body = if operation.takes_body() {
            " --body FILE"
        } else {
            ""
        };
        println!("{} {}{body}", operation.id, params.join(" "));
    }
    Exit::Succeeded
}

/// Writes a JSON body to stdout as it came; anything that is not one JSON document stays
/// off stdout (scripts parse it).
fn print_body(response: &Response) {
    if serde_json::from_slice::<serde_json::Value>(&response.body).is_ok() {
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(response.body.trim_ascii());
        let _ = stdout.write_all(b"\n");
    }
}
