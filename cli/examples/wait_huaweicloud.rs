//! Waits for a Huawei Cloud SDRS job with the async client, building the request with the
//! typed builder.
//!
//! ```sh
//! export HUAWEICLOUD_SDK_AK=… HUAWEICLOUD_SDK_SK=…
//! cargo run -p cloudjobs-cli --example wait_huaweicloud -- ap-southeast-1 PROJECT_ID JOB_ID
//! ```
//!
//! A first argument that is a URL (`http://127.0.0.1:8080`) is used as the endpoint.

use std::time::Duration;

use cloudjobs::Endpoint;
use cloudjobs::huaweicloud::sdrs::show_job_status as op;
use cloudjobs_runtime::client::{Client, Wait};
use cloudjobs_runtime::sign::Credentials;
use cloudjobs_runtime::waiter::Backoff;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [region, project_id, job_id] = args.as_slice() else {
        return Err("usage: wait_huaweicloud REGION|URL PROJECT_ID JOB_ID".into());
    };
    let endpoint = if region.contains("://") {
        Endpoint::new(region)?
    } else {
        Endpoint::for_region(op::ENDPOINT_TEMPLATE, region)?
    };
    let request = op::ShowJobStatusRequest::builder()
        .project_id(project_id.as_str())
        .job_id(job_id.as_str())
        .build()?
        .to_http(&endpoint);

    let client = Client::builder(Credentials::huaweicloud_from_env()?)
        .request_timeout(Duration::from_secs(20))
        .build()?;
    let wait = Wait {
        backoff: Backoff::new(
            Duration::from_secs(2),
            Duration::from_secs(30),
            Duration::from_secs(900),
        )?,
        ..Wait::default()
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let finished =
        runtime.block_on(client.wait_until_done(&op::OPERATION, &request, wait, |p| {
            eprintln!(
                "{:.1}s poll {}: {:?}",
                p.elapsed.as_secs_f64(),
                p.poll,
                p.observed
            );
        }))?;
    match finished.result {
        Ok(()) => println!("job {job_id} succeeded after {} polls", finished.polls),
        Err(failure) => println!("job {job_id} did not succeed: {failure:?}"),
    }
    Ok(())
}
