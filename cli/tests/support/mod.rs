//! What the end-to-end tests share: the scripted server, its signature checks, the seed
//! operations' fixtures, and a way to run the `cloudjobs` binary.

#![allow(dead_code)] // each test file uses part of it

pub mod server;
pub mod verify;

use std::process::Command;

use serde_json::{Value, json};

use server::Server;
use verify::Secret;

pub const HUAWEI_AK: &str = "HPUAEXAMPLEAK0000001";
pub const HUAWEI_SK: &str = "hw-secret-key-for-tests-only";
pub const ALIBABA_AK: &str = "LTAI5tEXAMPLEAK000001";
pub const ALIBABA_SECRET: &str = "ali-secret-for-tests-only";

/// Every credential variable the CLI reads; each run starts with none of them.
pub const CREDENTIAL_VARIABLES: [&str; 6] = [
    "HUAWEICLOUD_SDK_AK",
    "HUAWEICLOUD_SDK_SK",
    "HUAWEICLOUD_SDK_SECURITY_TOKEN",
    "ALIBABA_CLOUD_ACCESS_KEY_ID",
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    "ALIBABA_CLOUD_SECURITY_TOKEN",
];

/// What a `cloudjobs` run did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// stdout as the one JSON document it must be.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not one JSON document ({e}): {self:#?}"))
    }
}

/// Runs the binary with `args` and exactly the credential variables in `env`.
pub fn cloudjobs(args: &[impl AsRef<std::ffi::OsStr>], env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cloudjobs"));
    command.args(args);
    for name in CREDENTIAL_VARIABLES {
        command.env_remove(name);
    }
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().expect("the cloudjobs binary runs");
    Run {
        code: output.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    }
}

/// A seed operation, with what its requests and responses look like.
pub struct Seed {
    pub id: &'static str,
    pub params: &'static [(&'static str, &'static str)],
    /// A request body file's content, for operations that take one.
    pub body: Option<&'static str>,
    /// The method and path (with query) a request must arrive with.
    pub method: &'static str,
    pub target: &'static str,
    /// Status values: running, succeeded, failed.
    pub running: &'static str,
    pub succeeded: &'static str,
    pub failed: &'static str,
    /// Builds a 2xx body carrying this status (every job of a batch gets it).
    pub body_with: fn(&str) -> Value,
    pub provider: Provider,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Provider {
    Huawei,
    Alibaba,
}

impl Seed {
    /// The credentials the CLI gets and the server expects.
    pub fn env(&self) -> Vec<(&'static str, &'static str)> {
        match self.provider {
            Provider::Huawei => vec![
                ("HUAWEICLOUD_SDK_AK", HUAWEI_AK),
                ("HUAWEICLOUD_SDK_SK", HUAWEI_SK),
            ],
            Provider::Alibaba => vec![
                ("ALIBABA_CLOUD_ACCESS_KEY_ID", ALIBABA_AK),
                ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", ALIBABA_SECRET),
            ],
        }
    }

    /// The secret the server checks signatures with.
    pub fn secret(&self, token: Option<&str>) -> Secret {
        let token = token.map(str::to_owned);
        match self.provider {
            Provider::Huawei => Secret::Huawei {
                ak: HUAWEI_AK.into(),
                sk: HUAWEI_SK.into(),
                token,
            },
            Provider::Alibaba => Secret::Alibaba {
                ak: ALIBABA_AK.into(),
                secret: ALIBABA_SECRET.into(),
                token,
                action: "GetFoTaskStatus".into(),
                version: "2021-09-31".into(),
            },
        }
    }

    /// `SUBCOMMAND OPERATION_ID --endpoint URL --param … [--body FILE]` plus `extra`.
    pub fn args(&self, subcommand: &str, server: &Server, extra: &[&str]) -> Vec<String> {
        let mut args = vec![
            subcommand.to_owned(),
            self.id.to_owned(),
            "--endpoint".to_owned(),
            server.url().to_owned(),
        ];
        for (name, value) in self.params {
            args.push("--param".into());
            args.push(format!("{name}={value}"));
        }
        if let Some(body) = self.body {
            // Under Cargo's scratch directory for integration tests, one file per operation
            // (so runs leave nothing behind in the system's temp directory). Tests run in
            // parallel and may write the same file: each writes its own and renames it into
            // place, so a reader sees a whole file, always with the same bytes.
            let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
            let path = dir.join(format!("e2e-body-{}.json", self.id));
            let own = dir.join(format!(
                "e2e-body-{}.{}.{:?}",
                self.id,
                std::process::id(),
                std::thread::current().id()
            ));
            std::fs::write(&own, body).unwrap();
            std::fs::rename(&own, &path).unwrap();
            args.push("--body".into());
            args.push(path.display().to_string());
        }
        args.extend(extra.iter().map(|s| (*s).to_owned()));
        args
    }
}

/// Fast polling for tests: 10–20 ms between polls, 5 s budget.
pub const FAST: [&str; 6] = [
    "--min-delay",
    "0.01",
    "--max-delay",
    "0.02",
    "--max-wait",
    "5",
];

pub const SDRS: Seed = Seed {
    id: "huaweicloud.sdrs.show_job_status",
    params: &[("project_id", "p-0001"), ("job_id", "job 42/x")],
    body: None,
    method: "GET",
    target: "/v1/p-0001/jobs/job%2042%2Fx",
    running: "RUNNING",
    succeeded: "SUCCESS",
    failed: "FAIL",
    body_with: |status| {
        json!({"status": status, "job_id": "job 42/x", "job_type": "createProtectionGroupNoCG",
               "entities": {"sub_jobs": [{"status": "FAIL", "job_id": "sub"}]}})
    },
    provider: Provider::Huawei,
};

pub const DRS_VIP: Seed = Seed {
    id: "huaweicloud.drs.show_switch_vip_status",
    params: &[("project_id", "p-0001"), ("job_id", "vip-1")],
    body: None,
    method: "GET",
    target: "/v3/p-0001/jobs/vip-1/get-switch-vip-status",
    running: "SWITCH_VIP_START",
    succeeded: "SWITCH_VIP_COMPLETE",
    failed: "SWITCH_VIP_FAILED",
    body_with: |status| json!({"id": "vip-1", "status": status}),
    provider: Provider::Huawei,
};

pub const RDS: Seed = Seed {
    id: "huaweicloud.rds.list_job_info",
    params: &[("project_id", "p-0001"), ("id", "rds-job-7")],
    body: None,
    method: "GET",
    target: "/v3/p-0001/jobs?id=rds-job-7",
    running: "Running",
    succeeded: "Completed",
    failed: "Failed",
    body_with: |status| {
        json!({"job": {"id": "rds-job-7", "name": "CreateMysqlSingleHAInstance", "status": status,
                        "created": "2018-08-06T10:41:14+0000", "process": "60%"}})
    },
    provider: Provider::Huawei,
};

pub const DRS_BATCH: Seed = Seed {
    id: "huaweicloud.drs.batch_list_job_status",
    params: &[("project_id", "p-0001")],
    body: Some(r#"{"jobs": ["job-a", "job-b"]}"#),
    method: "POST",
    target: "/v3/p-0001/jobs/batch-status",
    running: "FULL_TRANSFER_STARTED",
    succeeded: "FULL_TRANSFER_COMPLETE",
    failed: "FULL_TRANSFER_FAILED",
    body_with: |status| batch(status, status),
    provider: Provider::Huawei,
};

pub const BPSTUDIO: Seed = Seed {
    id: "alibabacloud.bpstudio.get_fo_task_status",
    params: &[("TaskId", "2615")],
    body: None,
    method: "POST",
    target: "/?TaskId=2615",
    running: "Deploying",
    succeeded: "Deployed_Success",
    failed: "Deployed_Failure",
    body_with: |status| {
        json!({"RequestId": "923692F0-A15B-58B4-BAF4-2AFA4AF46240", "Code": "200",
               "Message": "OK", "Data": status})
    },
    provider: Provider::Alibaba,
};

/// Every seed operation.
pub const SEEDS: [&Seed; 5] = [&SDRS, &DRS_VIP, &RDS, &DRS_BATCH, &BPSTUDIO];

/// A DRS batch body with two jobs.
pub fn batch(a: &str, b: &str) -> Value {
    json!({"results": [{"id": "job-a", "status": a}, {"id": "job-b", "status": b}], "count": 2})
}
