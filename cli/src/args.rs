//! The command line, as clap parses it. Usage errors exit 2 (clap's code) before anything
//! is sent.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

/// Watch cloud jobs until they are done, or make one signed API call.
///
/// Credentials come from the vendors' usual variables: HUAWEICLOUD_SDK_AK,
/// HUAWEICLOUD_SDK_SK (HUAWEICLOUD_SDK_SECURITY_TOKEN) for Huawei Cloud;
/// ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET
/// (ALIBABA_CLOUD_SECURITY_TOKEN) for Alibaba Cloud.
///
/// Exit status: 0 succeeded; 1 failed, cancelled or partially succeeded; 2 usage or
/// configuration error (nothing sent); 3 --max-wait passed; 4 any other error response or
/// a body that cannot be decoded.
#[derive(Debug, Parser)]
#[command(name = "cloudjobs", version)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Poll one job (or a batch) until every status is terminal; progress on stderr, the
    /// last response body on stdout.
    Watch(WatchArgs),
    /// One signed call; the response body on stdout.
    Get(CallArgs),
    /// The operations this build knows, with their parameters.
    List,
}

/// What to call and where.
#[derive(Debug, Args)]
pub struct CallArgs {
    /// The operation, `provider.service.operation` (see `cloudjobs list`).
    #[arg(value_name = "OPERATION_ID")]
    pub operation: String,

    /// Base URL to send to, instead of the operation's regional endpoint
    /// (e.g. `https://drs.ap-southeast-1.myhuaweicloud.com` or `http://127.0.0.1:8080`).
    #[arg(long, value_name = "URL", conflicts_with = "region")]
    pub endpoint: Option<String>,

    /// Region to fill into the operation's endpoint template (e.g. `ap-southeast-1`).
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,

    /// A request parameter by its wire name (`project_id`, `job_id`, `TaskId`, `id`);
    /// repeat for each.
    #[arg(long = "param", value_name = "NAME=VALUE", value_parser = parse_param)]
    pub params: Vec<(String, String)>,

    /// The JSON request body, from a file (`-` reads stdin).
    #[arg(long, value_name = "FILE")]
    pub body: Option<PathBuf>,

    /// Longest time one attempt may take, in seconds.
    #[arg(long, value_name = "SECS", default_value = "30", value_parser = parse_secs)]
    pub timeout: Duration,
}

/// `watch`: a call plus the wait settings.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// What to call and where.
    #[command(flatten)]
    pub call: CallArgs,

    /// Shortest delay between polls, in seconds (fractions allowed).
    #[arg(long, value_name = "SECS", default_value = "2", value_parser = parse_secs)]
    pub min_delay: Duration,

    /// Longest delay between polls, in seconds.
    #[arg(long, value_name = "SECS", default_value = "120", value_parser = parse_secs)]
    pub max_delay: Duration,

    /// Give up (exit 3) after this many seconds, retries included.
    #[arg(long, value_name = "SECS", default_value = "3600", value_parser = parse_secs)]
    pub max_wait: Duration,

    /// Wait for a named waiter's statuses (one the spec declares, e.g. `start`) instead of
    /// a terminal status.
    #[arg(long, value_name = "NAME")]
    pub waiter: Option<String>,
}

fn parse_param(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((name, value)) if !name.is_empty() => Ok((name.to_owned(), value.to_owned())),
        _ => Err(format!("`{text}` is not NAME=VALUE")),
    }
}

fn parse_secs(text: &str) -> Result<Duration, String> {
    let secs: f64 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number of seconds"))?;
    Duration::try_from_secs_f64(secs)
        .map_err(|_| format!("`{text}` is not a usable number of seconds (0 or more)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_split_at_the_first_equals_sign() {
        assert_eq!(parse_param("a=b=c"), Ok(("a".into(), "b=c".into())));
        assert_eq!(parse_param("a="), Ok(("a".into(), String::new())));
        assert!(parse_param("=b").is_err());
        assert!(parse_param("ab").is_err());
    }

    #[test]
    fn seconds_may_be_fractional() {
        assert_eq!(parse_secs("0.05"), Ok(Duration::from_millis(50)));
        assert_eq!(parse_secs("2"), Ok(Duration::from_secs(2)));
        assert!(parse_secs("-1").is_err());
        assert!(parse_secs("NaN").is_err());
        assert!(parse_secs("soon").is_err());
    }
}
