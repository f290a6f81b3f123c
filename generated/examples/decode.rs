//! Decodes a JSON payload as an operation's request or response body and prints it
//! re-encoded, so any payload can be checked against the generated types from the shell.
//!
//! ```text
//! cargo run -q -p cloudjobs --example decode -- --list
//! cargo run -q -p cloudjobs --example decode -- OPERATION_ID (request|STATUS) FILE
//! ```
//!
//! `FILE` is a path, or `-` for standard input. Exit status: 0 on success, 1 when the payload
//! does not fit (the message names the JSON path), 2 on a usage error.
//! Only the operations of the enabled features are known: with
//! `--no-default-features --features huaweicloud-drs`, `--list` prints DRS's alone.
//! A thin wrapper over [`cloudjobs::decode`].

use std::io::Read;
use std::process::ExitCode;

use cloudjobs::Payload;

const USAGE: &str = "usage: decode --list\n       decode OPERATION_ID (request|STATUS) FILE   (FILE may be `-` for stdin)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag] if flag == "--list" => {
            for op in cloudjobs::operations() {
                println!("{}", op.id);
            }
            ExitCode::SUCCESS
        }
        [id, what, file] => {
            let payload = match what.as_str() {
                "request" => Payload::Request,
                status => match status.parse::<u16>() {
                    Ok(code) => Payload::Response(code),
                    Err(_) => {
                        return usage(&format!(
                            "`{status}` is neither `request` nor an HTTP status"
                        ));
                    }
                },
            };
            let body = match read(file) {
                Ok(body) => body,
                Err(e) => {
                    eprintln!("decode: cannot read {file}: {e}");
                    return ExitCode::from(2);
                }
            };
            match cloudjobs::decode(id, payload, &body) {
                Ok(value) => match serde_json::to_string_pretty(&value) {
                    Ok(text) => {
                        println!("{text}");
                        ExitCode::SUCCESS
                    }
                    Err(e) => {
                        eprintln!("decode: cannot encode: {e}");
                        ExitCode::FAILURE
                    }
                },
                Err(cloudjobs::RegistryError::UnknownOperation(id)) => {
                    usage(&format!("no operation `{id}`; `decode --list` shows them"))
                }
                Err(e) => {
                    eprintln!("decode: {id} {what}: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        _ => usage("wrong number of arguments"),
    }
}

fn read(file: &str) -> std::io::Result<Vec<u8>> {
    if file == "-" {
        let mut body = Vec::new();
        std::io::stdin().read_to_end(&mut body)?;
        Ok(body)
    } else {
        std::fs::read(file)
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("decode: {problem}\n{USAGE}");
    ExitCode::from(2)
}
