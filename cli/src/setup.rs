//! Everything checked before a request is sent: the operation, the endpoint, the body, the
//! parameters and the credentials. Any problem here is a usage or configuration error
//! (exit 2) whose message names what is wrong.

use std::io::Read;

use cloudjobs_runtime::client::Client;
use cloudjobs_runtime::sign::Credentials;
use cloudjobs_runtime::{Endpoint, Operation};

use crate::args::CallArgs;

/// A request ready to send, and a client that can sign it.
pub struct Prepared {
    /// The operation.
    pub operation: &'static Operation,
    /// The built, unsigned request.
    pub request: http::Request<Vec<u8>>,
    /// A client with the provider's credentials.
    pub client: Client,
}

/// Checks the call's arguments and the environment; builds the request and the client.
pub fn prepare(args: &CallArgs) -> Result<Prepared, String> {
    let operation = cloudjobs::operation(&args.operation).ok_or_else(|| {
        let known: Vec<&str> = cloudjobs::operations().iter().map(|op| op.id).collect();
        format!(
            "unknown operation `{}`; known operations: {}",
            args.operation,
            known.join(", ")
        )
    })?;
    let endpoint = match (&args.endpoint, &args.region) {
        (Some(url), _) => Endpoint::new(url).map_err(|e| format!("--endpoint: {e}"))?,
        (None, Some(region)) => Endpoint::for_region(operation.endpoint_template(), region)
            .map_err(|e| format!("--region: {e}"))?,
        (None, None) => {
            return Err(format!(
                "give --endpoint URL or --region REGION (the endpoint template is `{}`)",
                operation.endpoint_template()
            ));
        }
    };
    let body = args.body.as_ref().map(read_body).transpose()?;
    let params: Vec<(&str, &str)> = args
        .params
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    let request = operation
        .to_http(&endpoint, &params, body.as_deref())
        .map_err(|e| format!("{}: {e}", operation.id))?;
    let credentials = credentials_for(operation)?;
    let client = Client::builder(credentials)
        .request_timeout(args.timeout)
        .build()
        .map_err(|e| format!("cannot set up the HTTP client: {e}"))?;
    Ok(Prepared {
        operation,
        request,
        client,
    })
}

/// The provider's credentials from its usual environment variables.
fn credentials_for(operation: &Operation) -> Result<Credentials, String> {
    match operation.provider() {
        "huaweicloud" => Credentials::huaweicloud_from_env(),
        "alibabacloud" => Credentials::alibabacloud_from_env(),
        other => return Err(format!("no credentials are known for provider `{other}`")),
    }
    .map_err(|e| format!("credentials: {e}"))
}

fn read_body(path: &std::path::PathBuf) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("--body -: cannot read stdin: {e}"))?;
    } else {
        bytes = std::fs::read(path)
            .map_err(|e| format!("--body {}: cannot read it: {e}", path.display()))?;
    }
    Ok(bytes)
}
