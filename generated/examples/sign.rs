//! Signs a request described in JSON and prints the signed request's headers, so a
//! signature can be checked from the shell.
//!
//! ```text
//! cargo run -q -p cloudjobs --example sign -- FILE
//! ```
//!
//! `FILE` is a path, or `-` for standard input, holding
//! `{"scheme": "huaweicloud" | "alibabacloud", "access_key", "secret_key",
//! "security_token": null | "…", "time": "2026-11-26T08:09:10Z", "nonce", "method", "url",
//! "headers": {"Name": "value"}, "body": "text"}`. Prints `{"headers": {…}}`. Exit status:
//! 0 on success, 2 on bad input (the message never contains the secret key or the token).
//! A thin wrapper over [`cloudjobs_runtime::sign::sign_json`].

use std::process::ExitCode;

const USAGE: &str = "usage: sign FILE   (FILE may be `-` for stdin)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [file] = args.as_slice() else {
        eprintln!("sign: wrong number of arguments\n{USAGE}");
        return ExitCode::from(2);
    };
    let input = match read(file) {
        Ok(input) => input,
        Err(e) => {
            eprintln!("sign: cannot read {file}: {e}");
            return ExitCode::from(2);
        }
    };
    match cloudjobs_runtime::sign::sign_json(&input) {
        Ok(output) => {
            println!("{output}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("sign: {e}");
            ExitCode::from(2)
        }
    }
}

fn read(file: &str) -> std::io::Result<String> {
    if file == "-" {
        std::io::read_to_string(std::io::stdin())
    } else {
        std::fs::read_to_string(file)
    }
}
