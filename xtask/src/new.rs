//! `cargo xtask new PROVIDER/SERVICE/OPERATION`: a skeleton spec with every section and
//! `TODO` markers. The validator refuses any prose string that starts with `TODO` ("fill in
//! the TODO"), so the skeleton cannot be generated from until each one is replaced.

use std::fs;
use std::path::Path;
use std::process::ExitCode;

use cloudjobs_codegen::lower::{module_keyword_problem, type_ident};
use cloudjobs_codegen::validate::{NameProblem, module_name_problems};

/// Runs the command: writes `<specs>/<provider>/<service>/<operation>.json`.
pub fn run(specs: &Path, name: &str) -> ExitCode {
    match write(specs, name) {
        Ok(path) => {
            eprintln!(
                "new: wrote {}\n  fill in every TODO (`cargo xtask codegen` lists those left) and delete what the page does not have; README, \"Adding an endpoint\", says how",
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("new: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write(specs: &Path, name: &str) -> Result<std::path::PathBuf, String> {
    let parts: Vec<&str> = name.trim_end_matches(".json").split('/').collect();
    let [provider, service, operation] = parts[..] else {
        return Err(format!(
            "`{name}` is not PROVIDER/SERVICE/OPERATION (e.g. `huaweicloud/drs/show_job_status`)"
        ));
    };
    // The rule `validate` applies to these names, so the skeleton is never refused for one.
    let problems: Vec<String> = [
        ("provider", provider),
        ("service", service),
        ("operation", operation),
    ]
    .into_iter()
    .flat_map(|(key, part)| {
        let mut problems = module_name_problems(key, part);
        // A keyword is snake_case: only a name validate accepts is asked lower's question.
        if problems.is_empty() {
            problems.extend(
                module_keyword_problem(key, part).map(|(message, help)| NameProblem {
                    message,
                    suggestion: Some(help),
                }),
            );
        }
        problems
    })
    .map(|problem| match problem.suggestion {
        Some(fix) => format!("{}\n  help: {fix}", problem.message),
        None => problem.message,
    })
    .collect();
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    let dir = specs.join(provider).join(service);
    let path = dir.join(format!("{operation}.json"));
    if path.exists() {
        return Err(format!(
            "{} already exists; edit it, or remove it first",
            path.display()
        ));
    }
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    // `create_new`: never overwrite, even if the file appeared since the check above.
    let text = skeleton(provider, service, operation);
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

/// The skeleton spec. Every section of the format appears, each key with a TODO that says
/// what to put there; keys most pages do not need (`rust_name`, `fixed`, `provenance`,
/// `page_mistakes`, `aliases`, `waiters`, other clouds) are left to the editor, which offers
/// them through `$schema`. The sample parameters, fields and values show the usual shapes (an
/// integer with its `format`, a timestamp, a status enum with phases) and are meant to be
/// replaced.
pub fn skeleton(provider: &str, service: &str, operation: &str) -> String {
    let op = type_ident(operation);
    let template = r##"{
  "$schema": "../../schema.json",
  "provider": "@PROVIDER@",
  "service": "@SERVICE@",
  "operation": "@OPERATION@",
  "api_version": "TODO: the API version as the vendor names it (v3, 2021-09-31)",
  "title": "TODO: the page's title, in English",
  "title_original": "TODO: the title in the page's language; delete this key when the page is in English",
  "docs": "TODO: what the operation does, from the page",
  "docs_original": "TODO: the same text in the page's language; delete this key when the page is in English",
  "source": {
    "url": "TODO: the page's public URL; for a page in a documentation repository, replace this key with doc_path",
    "version": "TODO: the version of the page or of its API reference",
    "notes": "TODO: anything a reviewer should know about the capture (error codes only linked, a lost line); delete this key if nothing"
  },
  "transport": {
    "style": "rest",
    "method": "GET",
    "path": "TODO: the path template, e.g. /v3/{project_id}/jobs/{job_id}; for an RPC API write {\"style\": \"rpc\", \"method\": \"POST\", \"action\": …, \"version\": …}"
  },
  "base_url": "TODO: the default base URL, e.g. https://@SERVICE@.{region}.example.com",
  "auth": {
    "scheme": "x_auth_token",
    "docs": "TODO: what the page says about authentication (scheme: x_auth_token or alibaba_rpc_signature)"
  },
  "request": {
    "path": [
      {
        "name": "job_id",
        "docs": "TODO: the page's description of this path parameter (path parameters are required)",
        "required": true,
        "schema": { "type": "string" }
      }
    ],
    "query": [
      {
        "name": "limit",
        "docs": "TODO: the page's description; an integer needs a format (int32, int64, uint32, uint64)",
        "schema": { "type": "integer", "format": "int32", "minimum": 1, "maximum": 100, "default": 10 },
        "example": 10
      }
    ],
    "headers": [
      {
        "name": "X-Language",
        "docs": "TODO: the page's description of this header; delete the headers the page does not list",
        "schema": { "type": "string" }
      }
    ],
    "body": {
      "docs": "TODO: the page's description of the request body; delete body when the operation takes none",
      "schema": { "type": "ref", "name": "@OP@RequestBody" }
    }
  },
  "responses": {
    "200": {
      "docs": "OK",
      "body": { "type": "ref", "name": "@OP@ResponseBody" }
    },
    "400": {
      "docs": "Bad Request",
      "body": { "type": "ref", "name": "ErrorResponse" }
    }
  },
  "types": {
    "@OP@RequestBody": {
      "type": "object",
      "docs": "TODO: the page's description of the request body",
      "fields": [
        {
          "name": "jobs",
          "docs": "TODO: one entry per field of the page's table, at every level",
          "required": true,
          "schema": { "type": "array", "items": { "type": "string" }, "max_items": 100 }
        }
      ]
    },
    "@OP@ResponseBody": {
      "type": "object",
      "docs": "TODO: the page's description of the response body",
      "fields": [
        { "name": "id", "docs": "TODO: the page's description", "schema": { "type": "string" } },
        {
          "name": "status",
          "docs": "TODO: the page's description",
          "schema": { "type": "ref", "name": "JobStatus" }
        },
        {
          "name": "created_at",
          "docs": "TODO: the page's description",
          "schema": { "type": "timestamp", "format": "TODO: the format the page states, e.g. yyyy-mm-ddThh:mm:ssZ (README says what to write when it states none)" }
        }
      ]
    },
    "JobStatus": {
      "type": "enum",
      "docs": "TODO: the page's description of the status",
      "values": [
        { "value": "RUNNING", "docs": "TODO: every documented value, with its doc", "phase": "running" },
        {
          "value": "SUCCESS",
          "docs": "TODO: the value's doc",
          "phase": "succeeded",
          "phase_reason": "TODO: why this phase, when the page does not say it in so many words; delete this key otherwise"
        },
        { "value": "FAILED", "docs": "TODO: the value's doc", "phase": "failed" }
      ]
    },
    "ErrorResponse": {
      "type": "object",
      "docs": "TODO: the page's description of the error body",
      "fields": [
        { "name": "error_code", "docs": "TODO: the page's description", "schema": { "type": "string" } },
        { "name": "error_msg", "docs": "TODO: the page's description", "schema": { "type": "string" } }
      ]
    }
  },
  "examples": [
    {
      "kind": "request",
      "title": "TODO: the example's caption, verbatim",
      "method": "GET",
      "url": "TODO: the example URL, verbatim, placeholders such as {EndPoint} included",
      "body": { "jobs": ["TODO: the example body, verbatim"] }
    },
    {
      "kind": "response",
      "title": "TODO: the example's caption, verbatim (README: an example with no status code)",
      "status": 200,
      "body": { "id": "TODO: the example body, verbatim, mistakes included", "status": "RUNNING" }
    }
  ]
}
"##;
    template
        .replace("@PROVIDER@", provider)
        .replace("@SERVICE@", service)
        .replace("@OPERATION@", operation)
        .replace("@OP@", op.name())
}
