//! `cloudjobs watch` and `cloudjobs get` over real HTTP on loopback, for every seed
//! operation: the scripted server checks each request's signature with its own code and
//! plays status sequences; the tests check exit codes, stdout and stderr.

mod support;

use serde_json::json;
use support::server::{Exchange, Reply, Server};
use support::verify::query_pairs;
use support::{
    BPSTUDIO, DRS_BATCH, DRS_VIP, FAST, Provider, RDS, Run, SDRS, SEEDS, Seed, batch, cloudjobs,
};

fn ok(seed: &Seed, status: &str) -> Reply {
    Reply::Json(200, (seed.body_with)(status))
}

/// Runs `watch` for `seed` against a server playing `script`.
fn watch(seed: &Seed, script: Vec<Reply>, extra: &[&str]) -> (Run, Server) {
    let server = Server::start(seed.secret(None), script);
    let mut flags: Vec<&str> = extra.to_vec();
    if !extra.contains(&"--max-wait") {
        flags.extend_from_slice(&FAST);
    } else {
        flags.extend_from_slice(&FAST[..4]);
    }
    let args = seed.args("watch", &server, &flags);
    let run = cloudjobs(&args, &seed.env());
    (run, server)
}

/// The request went where the operation's page says, as its vendor requires.
fn assert_request_shape(seed: &Seed, exchange: &Exchange) {
    let request = &exchange.request;
    assert_eq!(request.method, seed.method, "{}", seed.id);
    if seed.provider == Provider::Alibaba {
        // ACS3 RPC: POST / with the parameters in the query string or a form body.
        assert_eq!(request.path, "/", "{}", seed.id);
        let mut params = query_pairs(&request.query).unwrap();
        if request.header("content-type") == Some("application/x-www-form-urlencoded") {
            params.extend(query_pairs(std::str::from_utf8(&request.body).unwrap()).unwrap());
        }
        assert!(
            params.contains(&("TaskId".into(), "2615".into())),
            "{params:?}"
        );
    } else {
        let target = if request.query.is_empty() {
            request.path.clone()
        } else {
            format!("{}?{}", request.path, request.query)
        };
        assert_eq!(target, seed.target, "{}", seed.id);
    }
    if let Some(body) = seed.body {
        let sent: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
        assert_eq!(
            sent,
            serde_json::from_str::<serde_json::Value>(body).unwrap()
        );
    }
}

#[test]
fn polls_until_success_for_every_seed() {
    for seed in SEEDS {
        let script = vec![
            ok(seed, seed.running),
            ok(seed, seed.running),
            ok(seed, seed.succeeded),
        ];
        let (run, server) = watch(seed, script, &[]);
        assert_eq!(run.code, 0, "{}: {run:#?}", seed.id);
        assert_eq!(run.json(), (seed.body_with)(seed.succeeded), "{}", seed.id);
        // Progress: one line per poll naming the value and its phase, with the elapsed time.
        let lines: Vec<&str> = run
            .stderr
            .lines()
            .filter(|l| l.contains("] poll "))
            .collect();
        assert_eq!(lines.len(), 3, "{}: {}", seed.id, run.stderr);
        assert!(
            lines[0].contains(&format!("{} (running)", seed.running)),
            "{}",
            lines[0]
        );
        assert!(
            lines[2].contains(&format!("{} (succeeded)", seed.succeeded)),
            "{}",
            lines[2]
        );
        assert!(
            lines
                .iter()
                .all(|l| l.starts_with('[') && l.contains("s] poll")),
            "{lines:?}"
        );
        let exchanges = server.exchanges();
        assert_eq!(exchanges.len(), 3, "{}", seed.id);
        server.assert_all_signed();
        for exchange in &exchanges {
            assert_request_shape(seed, exchange);
        }
    }
}

#[test]
fn a_failed_job_exits_1() {
    for seed in SEEDS {
        let (run, server) = watch(
            seed,
            vec![ok(seed, seed.running), ok(seed, seed.failed)],
            &[],
        );
        assert_eq!(run.code, 1, "{}: {run:#?}", seed.id);
        assert_eq!(run.json(), (seed.body_with)(seed.failed));
        assert!(
            run.stderr.contains(&format!("{} (failed)", seed.failed)),
            "{}",
            run.stderr
        );
        assert_eq!(server.exchanges().len(), 2);
        server.assert_all_signed();
    }
}

#[test]
fn partial_success_exits_1() {
    let script = vec![ok(&BPSTUDIO, "Partially_Deployed_Success")];
    let (run, _server) = watch(&BPSTUDIO, script, &[]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr.contains("(partially_succeeded)"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_values_keep_polling_and_are_reported() {
    for seed in SEEDS {
        let script = vec![
            ok(seed, "SOMETHING_NEW"),
            ok(seed, "SOMETHING_NEW"),
            ok(seed, seed.succeeded),
        ];
        let (run, server) = watch(seed, script, &[]);
        assert_eq!(run.code, 0, "{}: {run:#?}", seed.id);
        assert!(
            run.stderr.contains("SOMETHING_NEW (unknown)"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr
                .contains("undocumented status values seen: SOMETHING_NEW"),
            "{}",
            run.stderr
        );
        assert_eq!(server.exchanges().len(), 3);
    }
}

#[test]
fn server_errors_and_throttling_are_retried() {
    for seed in SEEDS {
        let script = vec![
            Reply::Json(
                503,
                json!({"error": {"code": "SYS.0503", "message": "busy"}}),
            ),
            Reply::Json(
                429,
                json!({"error_code": "APIGW.0308", "error_msg": "throttled"}),
            ),
            Reply::Text(502, "<html>bad gateway</html>"),
            ok(seed, seed.succeeded),
        ];
        let (run, server) = watch(seed, script, &[]);
        assert_eq!(run.code, 0, "{}: {run:#?}", seed.id);
        assert_eq!(run.json(), (seed.body_with)(seed.succeeded));
        for status in ["HTTP 503", "HTTP 429", "HTTP 502"] {
            assert!(run.stderr.contains(status), "{status}: {}", run.stderr);
        }
        assert_eq!(server.exchanges().len(), 4);
        // Every retry is signed afresh.
        server.assert_all_signed();
    }
}

#[test]
fn lost_connections_are_retried() {
    for seed in [&SDRS, &BPSTUDIO] {
        let script = vec![Reply::Drop, Reply::Drop, ok(seed, seed.succeeded)];
        let (run, server) = watch(seed, script, &[]);
        assert_eq!(run.code, 0, "{}: {run:#?}", seed.id);
        assert!(run.stderr.contains("no response"), "{}", run.stderr);
        assert_eq!(server.exchanges().len(), 3);
        server.assert_all_signed();
    }
}

#[test]
fn a_batch_waits_for_its_late_job() {
    let script = vec![
        Reply::Json(
            200,
            batch("FULL_TRANSFER_COMPLETE", "FULL_TRANSFER_STARTED"),
        ),
        Reply::Json(
            200,
            batch("FULL_TRANSFER_COMPLETE", "FULL_TRANSFER_STARTED"),
        ),
        Reply::Json(
            200,
            batch("FULL_TRANSFER_COMPLETE", "FULL_TRANSFER_COMPLETE"),
        ),
    ];
    let (run, server) = watch(&DRS_BATCH, script, &[]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(server.exchanges().len(), 3);
    assert!(
        run.stderr.contains(
            "results[0].status=FULL_TRANSFER_COMPLETE (succeeded), \
             results[1].status=FULL_TRANSFER_STARTED (running)"
        ),
        "{}",
        run.stderr
    );

    // One failed job fails the batch, but only once the other one has stopped too.
    let script = vec![
        Reply::Json(200, batch("FULL_TRANSFER_FAILED", "FULL_TRANSFER_STARTED")),
        Reply::Json(200, batch("FULL_TRANSFER_FAILED", "FULL_TRANSFER_COMPLETE")),
    ];
    let (run, server) = watch(&DRS_BATCH, script, &[]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(server.exchanges().len(), 2);
    assert_eq!(
        run.json(),
        batch("FULL_TRANSFER_FAILED", "FULL_TRANSFER_COMPLETE")
    );
}

#[test]
fn a_named_waiter_can_wait_for_a_running_status() {
    // DRS "start": FULL_TRANSFER_COMPLETE is a step on the way to INCRE_TRANSFER_STARTED.
    let script = vec![
        Reply::Json(200, batch("FULL_TRANSFER_STARTED", "FULL_TRANSFER_STARTED")),
        Reply::Json(
            200,
            batch("FULL_TRANSFER_COMPLETE", "FULL_TRANSFER_STARTED"),
        ),
        Reply::Json(
            200,
            batch("INCRE_TRANSFER_STARTED", "FULL_TRANSFER_COMPLETE"),
        ),
        Reply::Json(
            200,
            batch("INCRE_TRANSFER_STARTED", "INCRE_TRANSFER_STARTED"),
        ),
    ];
    let (run, server) = watch(&DRS_BATCH, script, &["--waiter", "start"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(server.exchanges().len(), 4);
    assert_eq!(
        run.json(),
        batch("INCRE_TRANSFER_STARTED", "INCRE_TRANSFER_STARTED")
    );
    assert!(
        run.stderr.contains("INCRE_TRANSFER_STARTED (running)"),
        "{}",
        run.stderr
    );

    let script = vec![Reply::Json(
        200,
        batch("INCRE_TRANSFER_STARTED", "START_JOB_FAILED"),
    )];
    let (run, _server) = watch(&DRS_BATCH, script, &["--waiter", "start"]);
    assert_eq!(run.code, 1, "{run:#?}");

    // Alibaba "deploy": a partial deployment fails it.
    let script = vec![
        ok(&BPSTUDIO, "Deploying"),
        ok(&BPSTUDIO, "Partially_Deployed_Success"),
    ];
    let (run, _server) = watch(&BPSTUDIO, script, &["--waiter", "deploy"]);
    assert_eq!(run.code, 1, "{run:#?}");
    let (run, server) = watch(
        &BPSTUDIO,
        vec![ok(&BPSTUDIO, "Verifying")],
        &["--waiter", "nope"],
    );
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr.contains("deploy"),
        "names the waiters there are: {}",
        run.stderr
    );
    assert!(server.exchanges().is_empty());
}

#[test]
fn max_wait_exits_3() {
    for seed in SEEDS {
        let (run, server) = watch(seed, vec![ok(seed, seed.running)], &["--max-wait", "0.3"]);
        assert_eq!(run.code, 3, "{}: {run:#?}", seed.id);
        assert!(run.stderr.contains("timed out"), "{}", run.stderr);
        // The last body is still on stdout.
        assert_eq!(run.json(), (seed.body_with)(seed.running));
        // The first poll, and at least the one at the deadline.
        assert!(
            server.exchanges().len() >= 2,
            "{}",
            server.exchanges().len()
        );
    }
}

#[test]
fn max_wait_also_ends_retries() {
    let script = vec![Reply::Json(
        503,
        json!({"error": {"code": "SYS", "message": "down"}}),
    )];
    let (run, _server) = watch(&SDRS, script, &["--max-wait", "0.2"]);
    assert_eq!(run.code, 3, "{run:#?}");
    assert!(run.stderr.contains("HTTP 503"), "{}", run.stderr);

    let (run, _server) = watch(&RDS, vec![Reply::Drop], &["--max-wait", "0.2"]);
    assert_eq!(run.code, 3, "{run:#?}");
    assert!(run.stderr.contains("no response"), "{}", run.stderr);
    assert!(
        run.stdout.is_empty(),
        "no response, nothing on stdout: {}",
        run.stdout
    );
}

#[test]
fn documented_error_bodies_exit_4_typed() {
    let body = json!({"error": {"code": "SDRS.1401", "message": "The job does not exist."}});
    let (run, server) = watch(&SDRS, vec![Reply::Json(400, body.clone())], &[]);
    assert_eq!(run.code, 4, "{run:#?}");
    assert_eq!(run.json(), body);
    assert!(run.stderr.contains("HTTP 400"), "{}", run.stderr);
    assert!(run.stderr.contains("SDRS.1401"), "{}", run.stderr);
    assert_eq!(server.exchanges().len(), 1, "not retried");

    // DRS documents 400 without a body schema; bpstudio documents only 200.
    for seed in [&DRS_VIP, &BPSTUDIO, &RDS] {
        let body = json!({"Code": "InvalidParameter", "Message": "bad"});
        let (run, server) = watch(seed, vec![Reply::Json(400, body.clone())], &[]);
        assert_eq!(run.code, 4, "{}: {run:#?}", seed.id);
        assert!(run.stderr.contains("HTTP 400"), "{}", run.stderr);
        assert_eq!(run.json(), body);
        assert_eq!(server.exchanges().len(), 1);
    }
}

#[test]
fn a_body_that_does_not_fit_exits_4_with_its_path() {
    let (run, _server) = watch(&SDRS, vec![Reply::Json(200, json!({"status": 5}))], &[]);
    assert_eq!(run.code, 4, "{run:#?}");
    assert!(run.stderr.contains("HTTP 200"), "{}", run.stderr);
    assert!(run.stderr.contains("`status`"), "{}", run.stderr);

    let bad = json!({"results": [{"id": "job-a", "status": "FULL_TRANSFER_COMPLETE"}, {"id": 7}]});
    let (run, _server) = watch(&DRS_BATCH, vec![Reply::Json(200, bad)], &[]);
    assert_eq!(run.code, 4, "{run:#?}");
    assert!(run.stderr.contains("results[1].id"), "{}", run.stderr);
}

#[test]
fn missing_credentials_exit_2_before_any_request() {
    for seed in SEEDS {
        let server = Server::start(seed.secret(None), vec![ok(seed, seed.succeeded)]);
        let args = seed.args("watch", &server, &FAST);
        let run = cloudjobs(&args, &[]);
        assert_eq!(run.code, 2, "{}: {run:#?}", seed.id);
        let variable = match seed.provider {
            Provider::Huawei => "HUAWEICLOUD_SDK_AK",
            Provider::Alibaba => "ALIBABA_CLOUD_ACCESS_KEY_ID",
        };
        assert!(run.stderr.contains(variable), "{}", run.stderr);
        assert!(run.stdout.is_empty());
        // Only the secret key missing: named too.
        let env = &seed.env()[..1];
        let run = cloudjobs(&args, env);
        assert_eq!(run.code, 2, "{run:#?}");
        let variable = match seed.provider {
            Provider::Huawei => "HUAWEICLOUD_SDK_SK",
            Provider::Alibaba => "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
        };
        assert!(run.stderr.contains(variable), "{}", run.stderr);
        assert!(server.exchanges().is_empty(), "nothing may be sent");
    }
}

/// An access key no header can carry cannot be signed: a configuration error, exit 2 with
/// nothing sent, for `get` as for `watch`.
#[test]
fn an_unsignable_access_key_exits_2_before_any_request() {
    let seed = &SDRS;
    let server = Server::start(seed.secret(None), vec![ok(seed, seed.succeeded)]);
    let env: Vec<(&str, &str)> = seed
        .env()
        .iter()
        .map(|&(name, value)| {
            if name == "HUAWEICLOUD_SDK_AK" {
                (name, "ak\u{7f}")
            } else {
                (name, value)
            }
        })
        .collect();
    for (command, extra) in [("watch", &FAST[..]), ("get", &[][..])] {
        let run = cloudjobs(&seed.args(command, &server, extra), &env);
        assert_eq!(run.code, 2, "{command}: {run:#?}");
        assert!(run.stdout.is_empty(), "{command}: {run:#?}");
        assert!(run.stderr.contains("cannot sign"), "{command}: {run:#?}");
    }
    assert!(server.exchanges().is_empty(), "nothing may be sent");
}

#[test]
fn usage_errors_exit_2_before_any_request() {
    let server = Server::start(SDRS.secret(None), vec![ok(&SDRS, "SUCCESS")]);
    let env = SDRS.env();
    let url = server.url();
    let cases: [(&[&str], &str); 6] = [
        (
            &["watch", "huaweicloud.sdrs.nope", "--endpoint", url],
            "huaweicloud.sdrs.nope",
        ),
        (
            &[
                "watch",
                SDRS.id,
                "--endpoint",
                url,
                "--param",
                "project_id=p",
            ],
            "job_id",
        ),
        (
            &[
                "watch",
                SDRS.id,
                "--endpoint",
                url,
                "--param",
                "project_id=p",
                "--param",
                "job_id=j",
                "--param",
                "colour=blue",
            ],
            "colour",
        ),
        (
            &["watch", SDRS.id, "--endpoint", url, "--param", "project_id"],
            "NAME=VALUE",
        ),
        (
            &[
                "watch",
                SDRS.id,
                "--endpoint",
                "ftp://x",
                "--param",
                "project_id=p",
            ],
            "ftp://x",
        ),
        (
            &[
                "watch",
                SDRS.id,
                "--endpoint",
                url,
                "--param",
                "project_id=p",
                "--param",
                "job_id=j",
                "--min-delay",
                "0",
            ],
            "--min-delay",
        ),
    ];
    for (args, named) in cases {
        let run = cloudjobs(args, &env);
        assert_eq!(run.code, 2, "{args:?}: {run:#?}");
        assert!(
            run.stderr.contains(named),
            "{args:?} should name {named}: {}",
            run.stderr
        );
    }
    // A named waiter the spec does not declare.
    let run = cloudjobs(
        &[
            "watch",
            SDRS.id,
            "--endpoint",
            url,
            "--param",
            "project_id=p",
            "--param",
            "job_id=j",
            "--waiter",
            "start",
        ],
        &env,
    );
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("--waiter start"), "{}", run.stderr);
    // A parameter that does not parse as its type.
    let run = cloudjobs(
        &[
            "watch",
            BPSTUDIO.id,
            "--endpoint",
            url,
            "--param",
            "TaskId=twelve",
        ],
        &BPSTUDIO.env(),
    );
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("TaskId"), "{}", run.stderr);
    assert!(server.exchanges().is_empty(), "nothing may be sent");
}

#[test]
fn a_wrong_secret_is_caught_by_the_server() {
    // The server's own check rejects a signature made with another key.
    for seed in [&SDRS, &BPSTUDIO] {
        let server = Server::start(seed.secret(None), vec![ok(seed, seed.succeeded)]);
        let args = seed.args("watch", &server, &FAST);
        // The right access key, another secret.
        let env = seed.env();
        let run = cloudjobs(&args, &[env[0], (env[1].0, "another-secret")]);
        assert_eq!(run.code, 4, "{}: {run:#?}", seed.id);
        assert!(run.stderr.contains("HTTP 401"), "{}", run.stderr);
        let exchanges = server.exchanges();
        assert!(
            exchanges[0]
                .verdict
                .as_ref()
                .unwrap_err()
                .contains("signature mismatch"),
            "{}: {:?}",
            seed.id,
            exchanges[0].verdict
        );
    }
}

#[test]
fn security_tokens_are_sent_and_signed() {
    for (seed, variable) in [
        (&SDRS, "HUAWEICLOUD_SDK_SECURITY_TOKEN"),
        (&BPSTUDIO, "ALIBABA_CLOUD_SECURITY_TOKEN"),
    ] {
        let token = "sts-token-abc";
        let server = Server::start(seed.secret(Some(token)), vec![ok(seed, seed.succeeded)]);
        let args = seed.args("watch", &server, &FAST);
        let mut env = seed.env();
        env.push((variable, token));
        let run = cloudjobs(&args, &env);
        assert_eq!(run.code, 0, "{}: {run:#?}", seed.id);
        server.assert_all_signed();
        // Without the token the same server refuses.
        let run = cloudjobs(&args, &seed.env());
        assert_eq!(run.code, 4, "{run:#?}");
    }
}

#[test]
fn get_makes_one_signed_call() {
    for seed in SEEDS {
        let server = Server::start(seed.secret(None), vec![ok(seed, seed.running)]);
        let args = seed.args("get", &server, &[]);
        let run = cloudjobs(&args, &seed.env());
        assert_eq!(run.code, 0, "{}: {run:#?}", seed.id);
        assert_eq!(run.json(), (seed.body_with)(seed.running));
        let exchanges = server.exchanges();
        assert_eq!(exchanges.len(), 1);
        assert_request_shape(seed, &exchanges[0]);
        server.assert_all_signed();
    }
    // An error response is shown and exits 4, without a retry.
    let body = json!({"error": {"code": "SDRS.1401", "message": "no such job"}});
    let server = Server::start(SDRS.secret(None), vec![Reply::Json(503, body.clone())]);
    let args = SDRS.args("get", &server, &[]);
    let run = cloudjobs(&args, &SDRS.env());
    assert_eq!(run.code, 4, "{run:#?}");
    assert_eq!(run.json(), body);
    assert!(run.stderr.contains("HTTP 503"), "{}", run.stderr);
    assert_eq!(server.exchanges().len(), 1);
    // No credentials: exit 2, nothing sent.
    let run = cloudjobs(&args, &[]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(server.exchanges().len(), 1);
}
