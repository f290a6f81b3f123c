//! Decode and encode speed of the generated types (issue #4, "Decode and encode speed").
//!
//! Each payload is built here, deterministically, as compact JSON with its keys in the order
//! a server sends them. One criterion group per payload, all with `Throughput::Bytes` of the
//! payload (typed and `Value` re-encode to the same compact bytes, so the figure holds for
//! encode too):
//!
//! - `typed_decode`: the generated `parse_response(200, bytes)`, what a caller runs (status
//!   dispatch, trailing-data check; the JSON path is only worked out when decoding fails);
//! - `typed_from_slice`: `serde_json::from_slice::<GeneratedBody>`, the same visitors called
//!   directly, the like-for-like comparison with `value_decode`;
//! - `value_decode`: `serde_json::from_slice::<serde_json::Value>` on the same bytes;
//! - `typed_encode` / `value_encode`: `serde_json::to_vec` of the decoded typed value / `Value`.
//!
//! `drs_batch_10000` adds the cost of keeping unknown fields in the common case (the payload
//! has none): `plain_derive_decode` / `plain_derive_encode` run a plain
//! `#[derive(Deserialize, Serialize)]` mirror of the DRS body with no `extra` map, and
//! `flatten_derive_decode` runs the rejected alternative, a derive with
//! `#[serde(flatten)] extra` (ARCHITECTURE.md says it is slower; this measures by how much).
//! The budget is `typed_decode` ≤ 1.2 × the time of `plain_derive_decode`.
//!
//! Results land in `target/criterion/<group>/<function>/new/estimates.json`; group and
//! function names are stable. Run with
//! `cargo bench -p cloudjobs-tests --bench decode -- --noplot`.

use std::hint::black_box;
use std::time::Duration;

use cloudjobs::huaweicloud::drs::batch_list_job_status as drs;
use cloudjobs::huaweicloud::rds::list_job_info as rds;
use cloudjobs::huaweicloud::sdrs::show_job_status as sdrs;
use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

// ---------------------------------------------------------------------------------------
// Deterministic payloads
// ---------------------------------------------------------------------------------------

/// splitmix64: a fixed sequence of pseudo-random numbers, so every run sees the same bytes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A version-4 UUID in its usual text form.
    fn uuid(&mut self) -> String {
        let (a, b) = (self.next(), self.next());
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            0x8000 | ((b >> 48) & 0x3fff),
            b & 0xffff_ffff_ffff
        )
    }

    /// 32 hex digits, the shape of SDRS job IDs and OpenStack resource IDs.
    fn hex32(&mut self) -> String {
        format!("{:016x}{:016x}", self.next(), self.next())
    }
}

/// A JSON string literal (payload text is plain ASCII, but stay correct regardless).
fn string(text: &str) -> String {
    serde_json::to_string(text).expect("a string serializes")
}

/// The DRS `batch_list_job_status` 200 body with `n` results. Statuses cycle through every
/// documented value; results in a failed status carry `error_code` and `error_message`.
fn drs_batch(n: usize) -> Vec<u8> {
    let mut rng = Rng(0x0d25_0150);
    let mut out = String::from("{\"results\":[");
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        let status = drs::JobStatus::VALUES[i % drs::JobStatus::VALUES.len()];
        out.push_str(&format!(
            "{{\"id\":{},\"status\":{}",
            string(&rng.uuid()),
            string(status)
        ));
        if status.ends_with("FAILED") {
            out.push_str(&format!(
                ",\"error_code\":\"DRS.M{:05}\",\"error_message\":{}",
                rng.next() % 100_000,
                string(
                    "Failed to connect to the source database. Check the network and the account."
                )
            ));
        }
        out.push('}');
    }
    out.push_str(&format!("],\"count\":{n}}}"));
    out.into_bytes()
}

/// A timestamp in the SDRS page's format, e.g. `2018-04-19T01:55:30.443Z`.
fn sdrs_time(seconds: u64, millis: u64) -> String {
    let (minutes, s) = (seconds / 60, seconds % 60);
    let (hours, m) = (minutes / 60, minutes % 60);
    format!(
        "2018-04-{:02}T{:02}:{m:02}:{s:02}.{millis:03}Z",
        19 + hours / 24,
        hours % 24
    )
}

/// The SDRS `show_job_status` 200 body of a parent job with `n` sub-jobs, every field of
/// every sub-job filled (a failed sub-job has an error code and reason, the others empty
/// strings), job types cycling through every documented value.
fn sdrs_job(n: usize) -> Vec<u8> {
    let mut rng = Rng(0x5d25);
    let group = rng.uuid();
    let mut sub_jobs = Vec::with_capacity(n);
    for i in 0..n {
        let status = sdrs::JobStatus::VALUES[i % sdrs::JobStatus::VALUES.len()];
        let job_type = sdrs::JobType::VALUES[i % sdrs::JobType::VALUES.len()];
        let begin = 6930 + 17 * i as u64;
        let (error_code, fail_reason) = if status == "FAIL" {
            (
                "SDRS.1088",
                "The disk replication pair is being synchronized.",
            )
        } else {
            ("", "")
        };
        sub_jobs.push(format!(
            concat!(
                "{{\"status\":{},\"entities\":{{\"replication_pair_id\":{},\"volume_ids\":{},",
                "\"server_group_id\":{},\"protected_instance_id\":{},\"native_server_id\":{},",
                "\"nic_id\":{}}},\"job_id\":{},\"job_type\":{},\"begin_time\":{},",
                "\"end_time\":{},\"error_code\":{},\"fail_reason\":{}}}"
            ),
            string(status),
            string(&rng.uuid()),
            string(&format!("{},{}", rng.uuid(), rng.uuid())),
            string(&group),
            string(&rng.uuid()),
            string(&rng.uuid()),
            string(&rng.uuid()),
            string(&rng.hex32()),
            string(job_type),
            string(&sdrs_time(begin, rng.next() % 1000)),
            string(&sdrs_time(begin + 15, rng.next() % 1000)),
            string(error_code),
            string(fail_reason),
        ));
    }
    format!(
        concat!(
            "{{\"status\":\"RUNNING\",\"entities\":{{\"server_group_id\":{},\"sub_jobs\":[{}]}},",
            "\"job_id\":\"0000000062db92d70162db9d200f000a\",",
            "\"job_type\":\"createProtectionGroupNoCG\",",
            "\"begin_time\":\"2018-04-19T01:55:30.443Z\",\"end_time\":\"2018-04-19T01:55:45.493Z\",",
            "\"error_code\":\"\",\"fail_reason\":\"\"}}"
        ),
        string(&group),
        sub_jobs.join(",")
    )
    .into_bytes()
}

/// The RDS `list_job_info` 200 body of the page's first example (a completed
/// CreateMysqlSingleHAInstance job), compact.
fn rds_job() -> Vec<u8> {
    concat!(
        "{\"job\":{\"id\":\"31b8ae23-c687-4d80-b7b4-42a66c9bb886\",",
        "\"name\":\"CreateMysqlSingleHAInstance\",\"status\":\"Completed\",",
        "\"created\":\"2018-08-06T10:41:14+0000\",\"ended\":\"2018-08-06T16:41:14+0000\",",
        "\"process\":\"\",\"instance\":{\"id\":\"a48e43ff268f4c0e879652d65e63d0fbin01\",",
        "\"name\":\"DO-NOT-TOUCH-mgr2-mysql-single\"},\"entities\":{\"instance\":{",
        "\"endpoint\":\"192.168.1.203:3306\",\"type\":\"Single\",",
        "\"datastore\":{\"type\":\"mysql\",\"version\":\"5.7\"}},",
        "\"resource_ids\":[\"a48e43ff268f4c0e879652d65e63d0fbin01.vm\",",
        "\"a48e43ff268f4c0e879652d65e63d0fbin01.volume\"]}}}"
    )
    .as_bytes()
    .to_vec()
}

// ---------------------------------------------------------------------------------------
// Plain-derive mirrors of the DRS 200 body
// ---------------------------------------------------------------------------------------

/// The DRS body as a plain derive: same fields, wire names and `skip_serializing_if` as the
/// generated `BatchListJobStatusResponseBody`, but no `extra` map and derived `Deserialize`
/// (which skips unknown fields).
#[derive(Deserialize, Serialize)]
struct PlainBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    results: Option<Vec<PlainResult>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    count: Option<i32>,
}

#[derive(Deserialize, Serialize)]
struct PlainResult {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<PlainStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error_message: Option<String>,
}

/// The status as a plain derived unit enum, not a `String`: like the generated `JobStatus`
/// it matches the borrowed text against the 29 names without allocating, so the comparison
/// isolates what keeping unknown *fields* costs. (A `String` would allocate per result and
/// flatter the generated code.) Unlike the generated enum it has no `Unknown` variant: an
/// undocumented value is an error, which costs nothing on this payload.
#[derive(Deserialize, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum PlainStatus {
    Creating,
    CreateFailed,
    Configuration,
    Startjobing,
    WaitingForStart,
    StartJobFailed,
    Pauseing,
    FullTransferStarted,
    FullTransferFailed,
    FullTransferComplete,
    IncreTransferStarted,
    IncreTransferFailed,
    ReleaseResourceStarted,
    ReleaseResourceFailed,
    ReleaseResourceComplete,
    ChangeJobStarted,
    ChangeJobFailed,
    ChildTransferStarting,
    ChildTransferStarted,
    ChildTransferComplete,
    ChildTransferFailed,
    ReleaseChildTransferStarted,
    ReleaseChildTransferComplete,
    RebuildNodeStarted,
    RebuildNodeFailed,
    Deleted,
    NodeUpgradeStart,
    NodeUpgradeComplete,
    NodeUpgradeFailed,
}

/// The DRS body as the rejected alternative: a derive keeping unknown fields with
/// `#[serde(flatten)]` (buffers every object before matching its fields).
#[derive(Deserialize, Serialize)]
struct FlattenBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    results: Option<Vec<FlattenResult>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    count: Option<i32>,
    #[serde(flatten)]
    extra: serde_json::Map<String, Value>,
}

#[derive(Deserialize, Serialize)]
struct FlattenResult {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<PlainStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error_message: Option<String>,
    #[serde(flatten)]
    extra: serde_json::Map<String, Value>,
}

// ---------------------------------------------------------------------------------------
// Benches
// ---------------------------------------------------------------------------------------

/// Checks, outside timing, that `T` decodes `bytes` and re-encodes to the same JSON value
/// (and to the same bytes, since the payloads are compact with keys in field order).
fn check_round_trip<T: Serialize + DeserializeOwned>(what: &str, bytes: &[u8], typed: &T) {
    let input: Value = serde_json::from_slice(bytes).expect("payloads are JSON");
    let encoded = serde_json::to_vec(typed).expect("generated types serialize");
    let output: Value = serde_json::from_slice(&encoded).expect("an encoding is JSON");
    assert!(input == output, "{what}: re-encoding changed the value");
    assert!(encoded == bytes, "{what}: re-encoding changed the bytes");
    let again: T = serde_json::from_slice(bytes).expect("from_slice decodes what parse did");
    assert!(
        serde_json::to_vec(&again).expect("serializes") == encoded,
        "{what}: from_slice and parse disagree"
    );
}

/// The five benches every payload gets. Returns the group so a caller can add more.
fn standard<'c, T: Serialize + DeserializeOwned>(
    c: &'c mut Criterion,
    name: &str,
    bytes: &[u8],
    parse: fn(&[u8]) -> Option<T>,
) -> BenchmarkGroup<'c, WallTime> {
    let typed = parse(bytes).unwrap_or_else(|| panic!("{name}: the typed decode failed"));
    check_round_trip(name, bytes, &typed);
    let value: Value = serde_json::from_slice(bytes).expect("payloads are JSON");

    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("typed_decode", |b| b.iter(|| parse(black_box(bytes))));
    group.bench_function("typed_from_slice", |b| {
        b.iter(|| serde_json::from_slice::<T>(black_box(bytes)).ok())
    });
    group.bench_function("value_decode", |b| {
        b.iter(|| serde_json::from_slice::<Value>(black_box(bytes)).ok())
    });
    group.bench_function("typed_encode", |b| {
        b.iter(|| serde_json::to_vec(black_box(&typed)).ok())
    });
    group.bench_function("value_encode", |b| {
        b.iter(|| serde_json::to_vec(black_box(&value)).ok())
    });
    group
}

fn parse_drs(bytes: &[u8]) -> Option<drs::BatchListJobStatusResponseBody> {
    drs::parse_response(200, bytes).ok()
}

fn parse_sdrs(bytes: &[u8]) -> Option<sdrs::ShowJobStatusResponseBody> {
    sdrs::parse_response(200, bytes).ok()
}

fn parse_rds(bytes: &[u8]) -> Option<rds::ListJobInfoResponseBody> {
    rds::parse_response(200, bytes).ok()
}

fn drs_benches(c: &mut Criterion) {
    for n in [1, 100] {
        standard(c, &format!("drs_batch_{n}"), &drs_batch(n), parse_drs).finish();
    }

    let bytes = drs_batch(10_000);
    // The common case the budget is about: every field and value is documented.
    let typed = parse_drs(&bytes).expect("the typed decode succeeds");
    let results = typed.results.as_deref().unwrap_or_default();
    assert!(typed.extra.is_empty() && results.len() == 10_000);
    assert!(results.iter().all(|r| r.extra.is_empty()
        && r.status.is_some()
        && !matches!(r.status, Some(drs::JobStatus::Unknown(_)))));
    let plain: PlainBody = serde_json::from_slice(&bytes).expect("the mirror decodes");
    check_round_trip("plain derive mirror", &bytes, &plain);
    let flatten: FlattenBody = serde_json::from_slice(&bytes).expect("the mirror decodes");
    check_round_trip("flatten derive mirror", &bytes, &flatten);

    let bytes = &bytes[..];
    let mut group = standard(c, "drs_batch_10000", bytes, parse_drs);
    group.bench_function("plain_derive_decode", |b| {
        b.iter(|| serde_json::from_slice::<PlainBody>(black_box(bytes)).ok())
    });
    group.bench_function("plain_derive_encode", |b| {
        b.iter(|| serde_json::to_vec(black_box(&plain)).ok())
    });
    group.bench_function("flatten_derive_decode", |b| {
        b.iter(|| serde_json::from_slice::<FlattenBody>(black_box(bytes)).ok())
    });
    group.finish();
}

fn sdrs_benches(c: &mut Criterion) {
    let bytes = sdrs_job(100);
    let typed = parse_sdrs(&bytes).expect("the typed decode succeeds");
    let sub_jobs = typed
        .entities
        .as_ref()
        .and_then(|e| e.sub_jobs.as_deref())
        .unwrap_or_default();
    assert!(sub_jobs.len() == 100);
    standard(c, "sdrs_sub_jobs_100", &bytes, parse_sdrs).finish();
}

fn rds_benches(c: &mut Criterion) {
    standard(c, "rds_job", &rds_job(), parse_rds).finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = config();
    targets = drs_benches, sdrs_benches, rds_benches
}
criterion_main!(benches);
