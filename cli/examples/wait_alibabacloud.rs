//! Waits for an Alibaba Cloud BP Studio switchover task with the async client, building
//! the RPC request from the operation table (`POST /`, `x-acs-action`, `x-acs-version`).
//!
//! ```sh
//! export ALIBABA_CLOUD_ACCESS_KEY_ID=… ALIBABA_CLOUD_ACCESS_KEY_SECRET=…
//! cargo run -p cloudjobs-cli --example wait_alibabacloud -- cn-hangzhou 2615
//! ```
//!
//! A first argument that is a URL (`http://127.0.0.1:8080`) is used as the endpoint.

use std::time::Duration;

use cloudjobs::Endpoint;
use cloudjobs::alibabacloud::bpstudio::get_fo_task_status as op;
use cloudjobs_runtime::client::{Client, Wait};
use cloudjobs_runtime::sign::Credentials;
use cloudjobs_runtime::waiter::Backoff;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [region, task_id] = args.as_slice() else {
        return Err("usage: wait_alibabacloud REGION|URL TASK_ID".into());
    };
    let operation = &op::OPERATION;
    let endpoint = if region.contains("://") {
        Endpoint::new(region)?
    } else {
        Endpoint::for_region(operation.endpoint_template(), region)?
    };
    // Checked like the typed builder: TaskId must parse as an integer.
    let request = operation.to_http(&endpoint, &[("TaskId", task_id.as_str())], None)?;

    let client = Client::builder(Credentials::alibabacloud_from_env()?).build()?;
    let wait = Wait {
        backoff: Backoff::new(
            Duration::from_secs(2),
            Duration::from_secs(60),
            Duration::from_secs(1800),
        )?,
        ..Wait::default()
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let finished = runtime.block_on(client.wait_until_done(operation, &request, wait, |p| {
        eprintln!(
            "{:.1}s poll {}: {:?}",
            p.elapsed.as_secs_f64(),
            p.poll,
            p.observed
        );
    }))?;
    if let Some(last) = &finished.last {
        println!("{}", String::from_utf8_lossy(&last.response.body));
    }
    match finished.result {
        Ok(()) => eprintln!("task {task_id} succeeded"),
        Err(failure) => eprintln!("task {task_id} did not succeed: {failure:?}"),
    }
    Ok(())
}
