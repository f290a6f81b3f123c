//! What every generated operation offers to generic tools (the decode example, the CLI):
//! one `&'static Operation` table per operation, reached by ID through the generated
//! crate's registry.

use std::fmt;

use crate::decode::decode_wire;
use crate::enums::{Enumeration, lookup};
use crate::wire::{Wire, write_json};
use crate::{BuildError, DecodeError, Endpoint, Phase, RawBody, ResponseError};

/// What a payload is, for [`Operation::decode`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Payload {
    /// The operation's request body.
    Request,
    /// The operation's response body for this HTTP status.
    Response(u16),
}

/// Why the registry (an operation reached by its ID) refused a request or a payload.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RegistryError {
    /// No operation has this ID (or its service's cargo feature is off).
    UnknownOperation(String),
    /// The operation takes no request body.
    NoRequestBody(String),
    /// The operation has no parameter with this wire name.
    UnknownParameter {
        /// The operation ID.
        operation: String,
        /// The name given.
        name: String,
    },
    /// A parameter value does not parse as the parameter's type, a required parameter is
    /// missing, or a value breaks a documented constraint.
    Build(BuildError),
    /// The body does not fit the request type.
    Decode(DecodeError),
    /// The response could not be read.
    Response(ResponseError),
}

impl fmt::Display for RegistryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegistryError::UnknownOperation(id) => write!(f, "no operation has the ID `{id}`"),
            RegistryError::NoRequestBody(id) => write!(f, "operation `{id}` takes no request body"),
            RegistryError::UnknownParameter { operation, name } => {
                write!(f, "operation `{operation}` has no parameter `{name}`")
            }
            RegistryError::Build(e) => e.fmt(f),
            RegistryError::Decode(e) => write!(f, "the request body does not fit: {e}"),
            RegistryError::Response(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for RegistryError {}

/// Where a parameter goes in the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamLocation {
    /// A `{name}` segment of the path.
    Path,
    /// The query string.
    Query,
    /// A header.
    Header,
}

/// A parameter of an operation, as the documentation names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Param {
    /// The wire name (`project_id`, `X-Language`, `TaskId`).
    pub name: &'static str,
    /// Where it is sent.
    pub location: ParamLocation,
    /// Whether a request cannot be built without it.
    pub required: bool,
}

impl Param {
    /// A parameter a request cannot be built without.
    pub const fn required(name: &'static str, location: ParamLocation) -> Param {
        Param {
            name,
            location,
            required: true,
        }
    }

    /// A parameter a request may leave out.
    pub const fn optional(name: &'static str, location: ParamLocation) -> Param {
        Param {
            name,
            location,
            required: false,
        }
    }
}

/// The `Action` and `Version` of an RPC operation (Alibaba Cloud style).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rpc {
    /// The `Action` (`x-acs-action`).
    pub action: &'static str,
    /// The API version (`x-acs-version`).
    pub version: &'static str,
}

/// One step of the path to a status field inside a response body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathStep {
    /// The member of an object with this key.
    Field(&'static str),
    /// Every item of an array.
    Each,
}

/// A field of a response body that holds a job's status, with the phase of every value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusField {
    /// From the body's root to the field.
    pub path: &'static [PathStep],
    /// The values the field can hold, with their phases.
    pub values: StatusValues,
}

/// The documented values of a status enum with their phases: the enum's own tables (the
/// ones its `phase()` reads), not a copy of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusValues {
    values: &'static [&'static str],
    aliases: &'static [(&'static str, &'static str)],
    phases: &'static [Phase],
}

impl StatusValues {
    /// The values of the status enum `E`.
    #[doc(hidden)]
    pub const fn of<E: Enumeration>() -> StatusValues {
        StatusValues {
            values: E::VALUES,
            aliases: E::ALIASES,
            phases: E::PHASES,
        }
    }

    /// The phase of a wire value (an alias counts as the value it stands for);
    /// [`Phase::Unknown`] for a value the documentation does not list.
    pub fn phase(&self, text: &str) -> Phase {
        lookup(self.values, self.aliases, text)
            .and_then(|index| self.phases.get(index))
            .copied()
            .unwrap_or(Phase::Unknown)
    }

    /// Every documented wire value, then every alias, with its phase.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, Phase)> + 'static {
        let (phases, aliases) = (self.phases, self.aliases);
        let phase = move |index: usize| phases.get(index).copied().unwrap_or(Phase::Unknown);
        let values = self.values.iter().enumerate();
        let this = *self;
        values
            .map(move |(index, value)| (*value, phase(index)))
            .chain(
                aliases
                    .iter()
                    .map(move |&(alias, value)| (alias, this.phase(value))),
            )
    }
}

/// A named waiter a spec declares: the status values that mean "done" for one intent
/// (after "start", a migration is done once it is transferring incrementally).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WaiterSpec {
    /// The waiter's name (`start`, `deploy`).
    pub name: &'static str,
    /// What the caller started, and why these values end the wait.
    pub docs: &'static str,
    /// Wire values that end the wait successfully.
    pub success: &'static [&'static str],
    /// Wire values that end the wait as failed (besides every failed phase).
    pub failure: &'static [&'static str],
}

/// The status of one job found in a response body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobStatus {
    /// JSON path of the value (`status`, `results[1].status`).
    pub path: String,
    /// The value as the server sent it.
    pub value: String,
    /// Its phase; [`Phase::Unknown`] for a value the documentation does not list.
    pub phase: Phase,
}

/// What every generated operation offers to generic tools such as the decode example and
/// the `cloudjobs` CLI. Generated crates build one per operation (`OPERATION`).
#[derive(Clone, Copy, Debug)]
pub struct Operation {
    /// `provider.service.operation`.
    pub id: &'static str,
    /// HTTP method.
    pub method: &'static str,
    /// Path template, or `/` for RPC operations.
    pub path: &'static str,
    /// The documented HTTP statuses.
    pub statuses: &'static [u16],
    /// Filled in by generated code; read through the methods.
    #[doc(hidden)]
    pub __details: OperationDetails,
}

/// The parts of an [`Operation`] generated code fills in.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct OperationDetails {
    pub provider: &'static str,
    pub endpoint_template: &'static str,
    pub rpc: Option<Rpc>,
    pub params: &'static [Param],
    pub request: Option<DecodeBody>,
    /// Per documented status, its body decoder (what `Payload::Response` uses).
    pub responses: &'static [(u16, DecodeBody)],
    pub to_http: ToHttp,
    pub status_fields: &'static [StatusField],
    pub waiters: &'static [WaiterSpec],
}

/// Decodes a body (the request's, or a response status's) into its type and re-encodes it.
#[doc(hidden)]
pub type DecodeBody = fn(&[u8]) -> Result<serde_json::Value, DecodeError>;

/// Builds a request from wire-named parameter values and a JSON body.
#[doc(hidden)]
pub type ToHttp =
    fn(&Endpoint, &[(&str, &str)], Option<&[u8]>) -> Result<http::Request<Vec<u8>>, RegistryError>;

impl Operation {
    /// The provider (`huaweicloud`, `alibabacloud`): it decides how requests are signed.
    pub fn provider(&self) -> &'static str {
        self.__details.provider
    }

    /// The default base URL, with `{region}` for [`Endpoint::for_region`].
    pub fn endpoint_template(&self) -> &'static str {
        self.__details.endpoint_template
    }

    /// `Action` and `Version`, for an RPC operation.
    pub fn rpc(&self) -> Option<Rpc> {
        self.__details.rpc
    }

    /// The parameters a caller can set, in the documentation's order (fixed ones excluded).
    pub fn params(&self) -> &'static [Param] {
        self.__details.params
    }

    /// Whether the operation takes a JSON request body.
    pub fn takes_body(&self) -> bool {
        self.__details.request.is_some()
    }

    /// The fields of a 2xx body that hold job statuses, with every value's phase: what
    /// [`Operation::jobs`] reads.
    pub fn status_fields(&self) -> &'static [StatusField] {
        self.__details.status_fields
    }

    /// Named waiters the spec declares, besides the default "until terminal".
    pub fn waiters(&self) -> &'static [WaiterSpec] {
        self.__details.waiters
    }

    /// Decodes a payload into this operation's types and encodes it back as JSON.
    pub fn decode(
        &self,
        payload: Payload,
        body: &[u8],
    ) -> Result<serde_json::Value, RegistryError> {
        match payload {
            Payload::Request => match self.__details.request {
                Some(decode) => decode(body).map_err(RegistryError::Decode),
                None => Err(RegistryError::NoRequestBody(self.id.to_owned())),
            },
            Payload::Response(status) => {
                let decoder = self.__details.responses.iter().find(|(s, _)| *s == status);
                let Some((_, decode)) = decoder else {
                    let error = ResponseError::undocumented(status, body);
                    return Err(RegistryError::Response(error));
                };
                decode(body).map_err(|error| {
                    RegistryError::Response(ResponseError::Decode {
                        status,
                        error,
                        body: RawBody::new(body),
                    })
                })
            }
        }
    }

    /// Builds the HTTP request from parameters named as the documentation names them and an
    /// optional JSON body, through the typed builder (so required parameters and documented
    /// constraints are checked). No credentials are added: sign the request afterwards.
    ///
    /// RPC operations are sent as `POST /` with `x-acs-action` and `x-acs-version` headers
    /// and their parameters in the query string.
    pub fn to_http(
        &self,
        endpoint: &Endpoint,
        params: &[(&str, &str)],
        body: Option<&[u8]>,
    ) -> Result<http::Request<Vec<u8>>, RegistryError> {
        (self.__details.to_http)(endpoint, params, body)
    }

    /// The job statuses a decoded 2xx body carries (see [`Operation::decode`]): the job's own
    /// status, or one per job of a batch. Empty when the body holds none.
    pub fn jobs(&self, body: &serde_json::Value) -> Vec<JobStatus> {
        let mut out = Vec::new();
        for field in self.__details.status_fields {
            collect(body, field.path, String::new(), field, &mut out);
        }
        out
    }
}

/// Walks `steps` from `value`, pushing every string found at the end.
fn collect(
    value: &serde_json::Value,
    steps: &[PathStep],
    path: String,
    field: &StatusField,
    out: &mut Vec<JobStatus>,
) {
    match steps.split_first() {
        None => {
            if let Some(text) = value.as_str() {
                let phase = field.values.phase(text);
                out.push(JobStatus {
                    path: if path.is_empty() {
                        ".".to_owned()
                    } else {
                        path
                    },
                    value: text.to_owned(),
                    phase,
                });
            }
        }
        Some((PathStep::Field(key), rest)) => {
            if let Some(child) = value.get(key) {
                let path = if path.is_empty() {
                    (*key).to_owned()
                } else {
                    format!("{path}.{key}")
                };
                collect(child, rest, path, field, out);
            }
        }
        Some((PathStep::Each, rest)) => {
            if let Some(items) = value.as_array() {
                for (index, item) in items.iter().enumerate() {
                    collect(item, rest, format!("{path}[{index}]"), field, out);
                }
            }
        }
    }
}

/// Decodes `body` as `T` and encodes it back as a JSON value.
pub fn round_trip<T: Wire>(body: &[u8]) -> Result<serde_json::Value, DecodeError> {
    let value: T = tri!(decode_wire(body));
    Ok(json_of(&value))
}

/// Encodes a generated value as JSON; generated types always serialize.
pub fn to_json<T: Wire>(value: &T) -> serde_json::Value {
    json_of(value)
}

/// Through bytes rather than a `Value` serializer, so the generated types are written by
/// one serializer (the byte writer `to_http` already needs), compiled once, here.
fn json_of(value: &dyn Wire) -> serde_json::Value {
    let bytes = write_json(value).expect("generated types always serialize");
    serde_json::from_slice(&bytes).expect("serde_json reads what it wrote")
}

/// Parses a parameter value given as text (from a command line) as the parameter's type.
pub fn parse_param<T: std::str::FromStr>(name: &str, text: &str) -> Result<T, RegistryError> {
    text.parse().map_err(|_| {
        RegistryError::Build(BuildError::new(
            name,
            format!("`{text}` is not a valid value for this parameter"),
        ))
    })
}

/// The error for a parameter name the operation does not have.
pub fn unknown_parameter(operation: &str, name: &str) -> RegistryError {
    RegistryError::UnknownParameter {
        operation: operation.to_owned(),
        name: name.to_owned(),
    }
}

/// Refuses a body for an operation that takes none.
pub fn no_request_body(operation: &str, body: Option<&[u8]>) -> Result<(), RegistryError> {
    match body {
        Some(_) => Err(RegistryError::NoRequestBody(operation.to_owned())),
        None => Ok(()),
    }
}

/// A body given as JSON bytes, decoded into the request body type.
pub fn parse_body<T: Wire>(body: &[u8]) -> Result<T, RegistryError> {
    match decode_wire(body) {
        Ok(value) => Ok(value),
        Err(error) => Err(RegistryError::Decode(error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A status enum as the generator declares one: two values, an alias for the first.
    #[derive(Clone)]
    enum State {
        Done,
        Running,
        Unknown(crate::UnknownValue),
    }

    impl Enumeration for State {
        const VALUES: &'static [&'static str] = &["DONE", "RUNNING"];
        const VARIANTS: &'static [Self] = &[State::Done, State::Running];
        const ALIASES: &'static [(&'static str, &'static str)] = &[("done", "DONE")];
        const PHASES: &'static [Phase] = &[Phase::Succeeded, Phase::Running];
        fn unknown_value(&self) -> Option<&crate::UnknownValue> {
            match self {
                State::Unknown(value) => Some(value),
                _ => None,
            }
        }
        fn unknown(value: crate::UnknownValue) -> Self {
            State::Unknown(value)
        }
    }

    static BATCH: StatusField = StatusField {
        path: &[
            PathStep::Field("results"),
            PathStep::Each,
            PathStep::Field("status"),
        ],
        values: StatusValues::of::<State>(),
    };

    #[test]
    fn status_values_are_read_from_the_enums_tables() {
        let values = BATCH.values;
        assert_eq!(values.phase("DONE"), Phase::Succeeded);
        assert_eq!(values.phase("done"), Phase::Succeeded, "an alias");
        assert_eq!(values.phase("NEW"), Phase::Unknown);
        assert_eq!(
            values.iter().collect::<Vec<_>>(),
            [
                ("DONE", Phase::Succeeded),
                ("RUNNING", Phase::Running),
                ("done", Phase::Succeeded)
            ]
        );
    }

    #[test]
    fn collects_each_job_of_a_batch_with_its_path_and_phase() {
        let body =
            serde_json::json!({"results": [{"status": "DONE"}, {"status": "NEW"}, {"id": 1}]});
        let mut out = Vec::new();
        collect(&body, BATCH.path, String::new(), &BATCH, &mut out);
        assert_eq!(
            out,
            [
                JobStatus {
                    path: "results[0].status".into(),
                    value: "DONE".into(),
                    phase: Phase::Succeeded
                },
                JobStatus {
                    path: "results[1].status".into(),
                    value: "NEW".into(),
                    phase: Phase::Unknown
                },
            ]
        );
    }

    /// An operation documenting 200 (a typed body) and 502 (no schema: free JSON).
    static OPERATION: Operation = Operation {
        id: "p.s.op",
        method: "GET",
        path: "/",
        statuses: &[200, 502],
        __details: OperationDetails {
            provider: "p",
            endpoint_template: "https://example.com",
            rpc: None,
            params: &[],
            request: None,
            responses: &[
                (200, round_trip::<Vec<u32>>),
                (502, round_trip::<serde_json::Value>),
            ],
            to_http: |_, _, _| Err(RegistryError::UnknownOperation(String::new())),
            status_fields: &[],
            waiters: &[],
        },
    };

    #[test]
    fn response_bodies_decode_by_status_and_keep_the_body_when_they_do_not() {
        let decode = |status, body: &[u8]| OPERATION.decode(Payload::Response(status), body);
        assert_eq!(decode(200, b"[1, 2]"), Ok(serde_json::json!([1, 2])));
        assert_eq!(decode(502, br#"{"a": 1}"#), Ok(serde_json::json!({"a": 1})));
        match decode(502, b"<html>") {
            Err(RegistryError::Response(ResponseError::Decode { status, body, .. })) => {
                assert_eq!(status, 502);
                assert_eq!(body.as_bytes(), b"<html>");
            }
            other => panic!("{other:?}"),
        }
        match decode(200, br#"["x"]"#) {
            Err(RegistryError::Response(ResponseError::Decode { error, .. })) => {
                assert_eq!(error.path(), "[0]");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            decode(404, b"gone"),
            Err(RegistryError::Response(ResponseError::undocumented(
                404, b"gone"
            )))
        );
    }

    #[test]
    fn a_body_without_the_field_has_no_jobs() {
        let mut out = Vec::new();
        collect(
            &serde_json::json!({"results": 3}),
            BATCH.path,
            String::new(),
            &BATCH,
            &mut out,
        );
        assert!(out.is_empty());
    }
}
