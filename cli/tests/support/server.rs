//! A scripted HTTP/1.1 server on loopback: it checks every request's signature with
//! [`Secret::verify`], records it, and answers with the next reply of its script (the last
//! one repeats). Plain `std::net`, so it costs no build time and can drop a connection
//! without answering, the way a failing network does.

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use super::verify::Secret;

/// A request as it arrived, header names in lower case.
#[derive(Clone, Debug)]
pub struct Received {
    /// `GET`, `POST`, …
    pub method: String,
    /// The path, still percent-encoded.
    pub path: String,
    /// The raw query string, without `?` (empty when there is none).
    pub query: String,
    /// Every header line, in order.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl Received {
    /// The first value of a header.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// One scripted answer.
#[derive(Clone, Debug)]
pub enum Reply {
    /// This status and JSON body.
    Json(u16, serde_json::Value),
    /// This status and these bytes, as `text/plain`.
    Text(u16, &'static str),
    /// Close the connection without answering.
    Drop,
}

/// One request and what the server made of it.
#[derive(Clone, Debug)]
pub struct Exchange {
    /// What arrived.
    pub request: Received,
    /// The signature check.
    pub verdict: Result<(), String>,
}

struct Shared {
    secret: Secret,
    script: Mutex<VecDeque<Reply>>,
    exchanges: Mutex<Vec<Exchange>>,
}

/// A running server; stopped when dropped.
pub struct Server {
    url: String,
    shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Listens on `127.0.0.1` (a free port) and plays `script`.
    pub fn start(secret: Secret, script: Vec<Reply>) -> Server {
        assert!(!script.is_empty(), "a script needs at least one reply");
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let shared = Arc::new(Shared {
            secret,
            script: Mutex::new(script.into()),
            exchanges: Mutex::new(Vec::new()),
        });
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let shared = shared.clone();
            let stop = stop.clone();
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let shared = shared.clone();
                    std::thread::spawn(move || serve(stream, &shared));
                }
            })
        };
        Server {
            url,
            shared,
            stop,
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Every request so far, in arrival order.
    pub fn exchanges(&self) -> Vec<Exchange> {
        self.shared.exchanges.lock().unwrap().clone()
    }

    /// Asserts that every request carried a valid signature, and that Alibaba nonces were
    /// never reused.
    pub fn assert_all_signed(&self) {
        let exchanges = self.exchanges();
        for (i, exchange) in exchanges.iter().enumerate() {
            if let Err(why) = &exchange.verdict {
                panic!("request {i} was not signed right: {why}");
            }
        }
        let nonces: Vec<&str> = exchanges
            .iter()
            .filter_map(|e| e.request.header("x-acs-signature-nonce"))
            .collect();
        let mut unique = nonces.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), nonces.len(), "a nonce was reused: {nonces:?}");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.url.trim_start_matches("http://"));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(mut stream: TcpStream, shared: &Shared) {
    stream.set_read_timeout(Some(Duration::from_secs(10))).ok();
    let Some(request) = read_request(&mut stream) else {
        return;
    };
    let verdict = shared.secret.verify(&request);
    let reply = match &verdict {
        // A bad signature gets the gateway's answer and does not use up the script.
        Err(why) => Reply::Json(
            401,
            serde_json::json!({"error_code": "APIGW.0301", "error_msg": why}),
        ),
        Ok(()) => {
            let mut script = shared.script.lock().unwrap();
            if script.len() > 1 {
                script.pop_front().unwrap()
            } else {
                script.front().unwrap().clone()
            }
        }
    };
    shared
        .exchanges
        .lock()
        .unwrap()
        .push(Exchange { request, verdict });
    let (status, content_type, body) = match reply {
        Reply::Drop => return,
        Reply::Json(status, value) => (status, "application/json", value.to_string().into_bytes()),
        Reply::Text(status, text) => (status, "text/plain", text.as_bytes().to_vec()),
    };
    let head = format!(
        "HTTP/1.1 {status} Scripted\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
    let _ = stream.flush();
}

/// Reads one request: the head up to the blank line, then `content-length` bytes.
fn read_request(stream: &mut TcpStream) -> Option<Received> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8(buffer[..head_end].to_vec()).ok()?;
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_owned();
    let target = request_line.next()?;
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buffer[head_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    body.truncate(length);
    Some(Received {
        method,
        path: path.to_owned(),
        query: query.to_owned(),
        headers,
        body,
    })
}
