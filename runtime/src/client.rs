//! An async client over `reqwest` (rustls): sign a built request, send it, decode the
//! answer, and wait until the job is done. Behind the `client` feature, so the default
//! build stays sans-IO.
//!
//! Every attempt, retries included, is signed again with the clock's current UTC time and,
//! for Alibaba Cloud, a fresh nonce. The signer follows the operation's provider: Huawei
//! Cloud operations are signed with AK/SK (`SDK-HMAC-SHA256`) whatever auth scheme their page
//! shows (the token scheme is the documented alternative), Alibaba Cloud ones with
//! `ACS3-HMAC-SHA256`.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use cloudjobs_runtime::client::{Client, Wait};
//! use cloudjobs_runtime::sign::Credentials;
//! use cloudjobs_runtime::{Endpoint, Operation};
//!
//! # let op: &'static Operation = todo!();
//! let client = Client::builder(Credentials::huaweicloud_from_env()?).build()?;
//! let endpoint = Endpoint::for_region(op.endpoint_template(), "ap-southeast-1")?;
//! let request = op.to_http(&endpoint, &[("project_id", "p1"), ("job_id", "j1")], None)?;
//! let finished = client.wait_until_done(op, &request, Wait::default(), |_| {}).await?;
//! println!("{:?} after {} polls", finished.result, finished.polls);
//! # Ok(())
//! # }
//! ```

use std::fmt;
use std::future::Future;
use std::hash::{BuildHasher, Hasher};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use time::OffsetDateTime;

use crate::sign::{self, Credentials, SignError};
use crate::waiter::{Backoff, Failure, Next, Poll, SplitMix64, Target, Waiter};
use crate::{JobStatus, Operation, Payload, RegistryError};

/// Where the client gets time from: a monotonic clock for the wait budget, the UTC time
/// for signatures, and sleeping between polls. Tests can pass their own.
pub trait Clock: Send + Sync {
    /// A monotonic instant, for elapsed times.
    fn now(&self) -> Instant;
    /// The current UTC time, for signatures.
    fn utc(&self) -> OffsetDateTime;
    /// Waits this long.
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + '_>>;
}

/// The real clocks, and tokio's timer.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn utc(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }

    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// Settings for a [`Client`].
pub struct ClientBuilder {
    credentials: Credentials,
    connect_timeout: Duration,
    request_timeout: Duration,
    clock: Arc<dyn Clock>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("credentials", &self.credentials)
            .field("connect_timeout", &self.connect_timeout)
            .field("request_timeout", &self.request_timeout)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// How long to wait for a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long one attempt may take, from sending to the end of the body (default 30 s).
    /// A request still in flight at the wait's deadline may finish up to this much later.
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }

    /// The clock to sign, measure and sleep with (default [`SystemClock`]).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    /// The TLS backend cannot be set up.
    pub fn build(self) -> Result<Client, SendError> {
        let http = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .build()
            .map_err(SendError::Transport)?;
        Ok(Client {
            http,
            credentials: self.credentials,
            request_timeout: self.request_timeout,
            clock: self.clock,
        })
    }
}

/// Sends signed requests for generated operations.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    credentials: Credentials,
    request_timeout: Duration,
    clock: Arc<dyn Clock>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("credentials", &self.credentials)
            .field("request_timeout", &self.request_timeout)
            .finish_non_exhaustive()
    }
}

/// A response: its status and body bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// The HTTP status code.
    pub status: u16,
    /// The body, byte for byte.
    pub body: Vec<u8>,
}

impl Response {
    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Why a request got no response.
#[derive(Debug)]
#[non_exhaustive]
pub enum SendError {
    /// The request could not be signed.
    Sign(SignError),
    /// The operation's provider has no signer here.
    UnknownProvider(&'static str),
    /// No response: the connection failed, or the attempt timed out, or the body broke off.
    Transport(reqwest::Error),
}

impl fmt::Display for SendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SendError::Sign(e) => write!(f, "cannot sign the request: {e}"),
            SendError::UnknownProvider(p) => write!(f, "no signer for provider `{p}`"),
            SendError::Transport(e) => {
                write!(f, "no response: {e}")?;
                // reqwest's own message is terse ("error sending request"); its sources say why.
                let mut source = std::error::Error::source(e);
                while let Some(cause) = source {
                    write!(f, ": {cause}")?;
                    source = cause.source();
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for SendError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SendError::Sign(e) => Some(e),
            SendError::UnknownProvider(_) => None,
            SendError::Transport(e) => Some(e),
        }
    }
}

/// How to wait: the delays and budget, what counts as done, and the jitter seed.
#[derive(Clone, Copy, Debug)]
pub struct Wait<'a> {
    /// Delays between polls and the wait budget.
    pub backoff: Backoff,
    /// When a job is done.
    pub target: Target<'a>,
    /// Seed for the jitter ([`SplitMix64`]): the same seed gives the same delays.
    pub seed: u64,
}

impl Default for Wait<'_> {
    fn default() -> Self {
        Wait {
            backoff: Backoff::default(),
            target: Target::Terminal,
            seed: seed_from_time(),
        }
    }
}

fn seed_from_time() -> u64 {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    hasher.finish()
}

/// What one poll saw, for progress reports.
#[derive(Debug)]
#[non_exhaustive]
pub enum Observed<'a> {
    /// A 2xx body and the job statuses in it.
    Statuses(&'a [JobStatus]),
    /// A non-2xx response; its body decoded as documented, or why not.
    Http {
        /// The HTTP status.
        status: u16,
        /// The documented body, or the decode error (undocumented status, body that does
        /// not fit).
        body: &'a Result<serde_json::Value, RegistryError>,
    },
    /// A 2xx body that does not fit the documented type.
    Undecodable(&'a RegistryError),
    /// No response.
    Unreachable(&'a SendError),
}

impl<'a> Observed<'a> {
    /// What the waiter is told about this poll.
    fn poll(&self) -> Poll<'a> {
        match *self {
            Observed::Statuses(jobs) => Poll::Statuses(jobs),
            Observed::Http { status, .. } => Poll::Http(status),
            Observed::Undecodable(_) => Poll::Undecodable,
            Observed::Unreachable(_) => Poll::Unreachable,
        }
    }
}

/// Reported after every poll.
#[derive(Debug)]
pub struct Progress<'a> {
    /// 1 for the first poll.
    pub poll: u32,
    /// From the start of the first poll to the end of this one.
    pub elapsed: Duration,
    /// What the poll saw.
    pub observed: Observed<'a>,
    /// What happens next.
    pub next: Next,
}

/// The last response of a wait, decoded.
#[derive(Clone, Debug)]
pub struct Polled {
    /// The response as received.
    pub response: Response,
    /// Its body decoded for its status (typed, re-encoded), or why not.
    pub decoded: Result<serde_json::Value, RegistryError>,
    /// The job statuses of a decoded 2xx body.
    pub jobs: Vec<JobStatus>,
}

impl Polled {
    /// What this response says as a poll: job statuses, an HTTP status, or a 2xx body that
    /// does not fit.
    fn observed(&self) -> Observed<'_> {
        match (&self.decoded, self.response.is_success()) {
            (Ok(_), true) => Observed::Statuses(&self.jobs),
            (Err(error), true) => Observed::Undecodable(error),
            (body, false) => Observed::Http {
                status: self.response.status,
                body,
            },
        }
    }
}

/// How a wait ended.
#[derive(Debug)]
pub struct Finished {
    /// `Ok` when every job reached the target.
    pub result: Result<(), Failure>,
    /// The last response received, if any came.
    pub last: Option<Polled>,
    /// Why the last attempt got no response, if it got none.
    pub last_error: Option<SendError>,
    /// How many requests were sent.
    pub polls: u32,
    /// From the start of the first poll to the end of the last.
    pub elapsed: Duration,
    /// Undocumented status values seen on the way.
    pub unknown: Vec<String>,
}

impl Client {
    /// Settings for a client that signs with `credentials`.
    pub fn builder(credentials: Credentials) -> ClientBuilder {
        ClientBuilder {
            credentials,
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            clock: Arc::new(SystemClock),
        }
    }

    /// Signs a copy of `request` for `operation`'s provider, now.
    ///
    /// # Errors
    /// The provider has no signer, or the signer refused (empty keys, no host, …).
    pub fn sign(
        &self,
        operation: &Operation,
        request: &http::Request<Vec<u8>>,
    ) -> Result<http::Request<Vec<u8>>, SendError> {
        let mut signed = copy_request(request);
        let now = self.clock.utc();
        match operation.provider() {
            "huaweicloud" => sign::huaweicloud::sign(&mut signed, &self.credentials, now),
            "alibabacloud" => {
                sign::alibabacloud::sign(&mut signed, &self.credentials, now, &nonce())
            }
            other => return Err(SendError::UnknownProvider(other)),
        }
        .map_err(SendError::Sign)?;
        Ok(signed)
    }

    /// One attempt: sign `request` now, send it, read the whole body.
    ///
    /// # Errors
    /// Signing failed, or no response came (connection, timeout, broken body).
    pub async fn send(
        &self,
        operation: &Operation,
        request: &http::Request<Vec<u8>>,
    ) -> Result<Response, SendError> {
        let signed = self.sign(operation, request)?;
        let mut request = reqwest::Request::try_from(signed).map_err(SendError::Transport)?;
        *request.timeout_mut() = Some(self.request_timeout);
        let response = self
            .http
            .execute(request)
            .await
            .map_err(SendError::Transport)?;
        let status = response.status().as_u16();
        let body = response.bytes().await.map_err(SendError::Transport)?;
        Ok(Response {
            status,
            body: body.to_vec(),
        })
    }

    /// Polls `request` until every job it reports reaches `wait.target`, a job stops
    /// elsewhere, a response ends the wait, or the budget runs out. Throttling (429),
    /// server errors (5xx) and lost connections are retried inside the budget.
    /// `on_progress` hears about every poll.
    ///
    /// # Errors
    /// Only a request that cannot be signed (nothing is sent then); every other ending is
    /// a [`Finished`].
    pub async fn wait_until_done(
        &self,
        operation: &Operation,
        request: &http::Request<Vec<u8>>,
        wait: Wait<'_>,
        mut on_progress: impl FnMut(&Progress<'_>),
    ) -> Result<Finished, SendError> {
        let mut waiter = Waiter::new(wait.backoff, wait.target, SplitMix64::new(wait.seed));
        let start = self.clock.now();
        let mut last: Option<Polled> = None;
        let mut polls = 0;
        loop {
            polls += 1;
            let sent = self.send(operation, request).await;
            let elapsed = self.clock.now().saturating_duration_since(start);
            let outcome = match sent {
                Err(error @ (SendError::Sign(_) | SendError::UnknownProvider(_))) => {
                    return Err(error);
                }
                other => other.map(|response| decode(operation, response)),
            };
            let observed = match &outcome {
                Ok(polled) => polled.observed(),
                Err(error) => Observed::Unreachable(error),
            };
            let next = waiter.next(observed.poll(), elapsed);
            on_progress(&Progress {
                poll: polls,
                elapsed,
                observed,
                next,
            });
            let last_error = match outcome {
                Ok(polled) => {
                    last = Some(polled);
                    None
                }
                Err(error) => Some(error),
            };
            let result = match next {
                Next::Sleep(delay) => {
                    self.clock.sleep(delay).await;
                    continue;
                }
                Next::Done => Ok(()),
                Next::Failed(failure) => Err(failure),
            };
            return Ok(Finished {
                result,
                last,
                last_error,
                polls,
                elapsed,
                unknown: waiter.unknown_values().to_vec(),
            });
        }
    }
}

/// Decodes a response for its status, and finds the job statuses of a 2xx body.
pub fn decode(operation: &Operation, response: Response) -> Polled {
    let decoded = operation.decode(Payload::Response(response.status), &response.body);
    let jobs = match (&decoded, response.is_success()) {
        (Ok(body), true) => operation.jobs(body),
        _ => Vec::new(),
    };
    Polled {
        response,
        decoded,
        jobs,
    }
}

/// `http::Request` is not `Clone`; each attempt signs its own copy.
fn copy_request(request: &http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
    let mut copy = http::Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    copy
}

/// A fresh nonce for each Alibaba Cloud request: 128 bits from SipHash under keys the
/// standard library draws from the OS, over a process-wide counter and the time, in hex.
/// Unique per request and not guessable, which is all the nonce is for (replay defence).
fn nonce() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut out = String::with_capacity(32);
    for half in 0..2u8 {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u64(count);
        hasher.write_u128(nanos);
        hasher.write_u8(half);
        out.push_str(&format!("{:016x}", hasher.finish()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_are_fresh_hex() {
        let mut seen: Vec<String> = (0..1000).map(|_| nonce()).collect();
        assert!(
            seen.iter()
                .all(|n| n.len() == 32 && n.bytes().all(|b| b.is_ascii_hexdigit()))
        );
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 1000);
    }

    #[test]
    fn copies_keep_every_part() {
        let request = http::Request::post("https://example.com/a?b=c")
            .header("x-one", "1")
            .header("x-one", "2")
            .body(b"body".to_vec())
            .unwrap();
        let copy = copy_request(&request);
        assert_eq!(copy.method(), request.method());
        assert_eq!(copy.uri(), request.uri());
        assert_eq!(copy.headers(), request.headers());
        assert_eq!(copy.body(), request.body());
    }
}
