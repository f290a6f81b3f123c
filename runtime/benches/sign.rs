//! The cost of signing one request, per vendor: a typical GET with a query and a POST
//! with a JSON body. Each iteration clones the unsigned request (a few small allocations,
//! also measured alone as `clone only`) and signs it.

use std::hint::black_box;

use cloudjobs_runtime::sign::{Credentials, alibabacloud, huaweicloud};
use criterion::{Criterion, criterion_group, criterion_main};
use http::Request;

fn get_request() -> Request<Vec<u8>> {
    Request::get(
        "https://sdrs.eu-west-101.myhuaweicloud.eu/v1/054ba152d480d55b2f5dc0069e7ddef0/jobs/\
         9a470239-2308-4bb5-a6bc-1040402fjb21?limit=10&offset=0&status=running",
    )
    .header("content-type", "application/json;charset=UTF-8")
    .header("x-acs-action", "GetFoTaskStatus")
    .header("x-acs-version", "2021-09-31")
    .body(Vec::new())
    .unwrap()
}

fn post_request() -> Request<Vec<u8>> {
    let body = br#"{"jobs":["9a470239-2308-4bb5-a6bc-1040402fjb21","0b1a2c3d-2308-4bb5-a6bc-1040402fjb22"],"page_req":{"cur_page":1,"per_page":10}}"#;
    Request::post("https://drs.eu-west-101.myhuaweicloud.eu/v3/054ba152d480d55b2f5dc0069e7ddef0/jobs/batch-status")
        .header("content-type", "application/json;charset=UTF-8")
        .header("x-acs-action", "BatchListJobStatus")
        .header("x-acs-version", "2021-09-31")
        .body(body.to_vec())
        .unwrap()
}

fn bench(c: &mut Criterion) {
    let credentials = Credentials::new(
        "QTWAOYTTINDUT2QVKYUC",
        "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc",
    )
    .with_security_token("a-temporary-security-token");
    let now = time::macros::datetime!(2026-11-26 08:09:10 UTC);
    let nonce = "3156853299f313e23d1673dc12e1703d";
    let mut group = c.benchmark_group("sign");
    for (name, request) in [
        ("GET with query", get_request()),
        ("POST with JSON body", post_request()),
    ] {
        group.bench_function(format!("clone only / {name}"), |b| {
            b.iter(|| black_box(request.clone()))
        });
        group.bench_function(format!("huaweicloud / {name}"), |b| {
            b.iter(|| {
                let mut r = request.clone();
                huaweicloud::sign(&mut r, &credentials, now).unwrap();
                black_box(r)
            })
        });
        group.bench_function(format!("alibabacloud / {name}"), |b| {
            b.iter(|| {
                let mut r = request.clone();
                alibabacloud::sign(&mut r, &credentials, now, nonce).unwrap();
                black_box(r)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
