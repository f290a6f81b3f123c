//! Decoding JSON into generated types, with errors that name the JSON path.

use std::fmt;

use serde::de::Deserialize;

use crate::wire::{Slot, Wire};

/// A payload that does not fit its type: where (a JSON path such as `results[0].status`)
/// and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    path: String,
    message: String,
}

impl DecodeError {
    /// The JSON path of the value that did not fit (`.` for the whole document).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What was wrong with it.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at `{}`: {}", self.path, self.message)
    }
}

impl std::error::Error for DecodeError {}

/// Decodes JSON bytes into `T`, naming the JSON path on failure. Trailing data is an error.
///
/// Decoding does not track the path as it goes (that would cost an allocation per field on
/// every successful decode); on failure, the path is recovered from the error's position.
pub fn decode_json<'de, T: Deserialize<'de>>(bytes: &'de [u8]) -> Result<T, DecodeError> {
    serde_json::from_slice(bytes).map_err(|e| error_at(bytes, e))
}

/// [`decode_json`] for a generated type, through its [`Wire`] impl: the JSON reader is
/// compiled once, here, not once per type in the generated crate.
pub fn decode_wire<T: Wire>(bytes: &[u8]) -> Result<T, DecodeError> {
    let mut out: Option<T> = None;
    tri!(decode_with(bytes, &mut out));
    match out {
        Some(value) => Ok(value),
        None => Err(stopped_without_a_value()),
    }
}

#[cold]
fn stopped_without_a_value() -> DecodeError {
    DecodeError {
        path: ".".to_owned(),
        message: "decoding stopped without a value".to_owned(),
    }
}

fn decode_with(bytes: &[u8], f: &mut dyn Slot) -> Result<(), DecodeError> {
    crate::wire::read_json(bytes, f).map_err(|e| error_at(bytes, e))
}

fn error_at(bytes: &[u8], e: serde_json::Error) -> DecodeError {
    DecodeError {
        path: path_at(bytes, offset_of(bytes, e.line(), e.column())),
        message: e.to_string(),
    }
}

/// Byte offset just past the last byte serde_json read, from its 1-based line and its column
/// (the number of bytes it read on that line).
fn offset_of(bytes: &[u8], line: usize, column: usize) -> usize {
    let line_start = match line {
        0 | 1 => 0,
        _ => bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(line - 2)
            .map_or(bytes.len(), |(i, _)| i + 1),
    };
    (line_start + column).min(bytes.len())
}

/// The JSON path (`results[1].id`, `.` for the document) of the value being read when the
/// parser stopped at byte `offset`: a scan of the bytes before it, keeping one frame per open
/// object or array. The wire tests pin its answers for every kind of error.
fn path_at(bytes: &[u8], offset: usize) -> String {
    enum Frame {
        /// The latest key, and whether its value is being read.
        Object(Option<String>, bool),
        Array(usize),
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < offset {
        match bytes[i] {
            b'{' => stack.push(Frame::Object(None, false)),
            b'[' => stack.push(Frame::Array(0)),
            // A closed value stays "being read" until the next `,`: an error right after
            // it (a missing field, a string of the wrong type) belongs to it.
            b'}' | b']' => {
                stack.pop();
            }
            b':' => {
                if let Some(Frame::Object(_, in_value)) = stack.last_mut() {
                    *in_value = true;
                }
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array(index)) => *index += 1,
                Some(Frame::Object(key, in_value)) => {
                    *key = None;
                    *in_value = false;
                }
                None => {}
            },
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Frame::Object(key, false)) = stack.last_mut() {
                    let raw = &bytes[start..(i + 1).min(bytes.len())];
                    *key = Some(
                        serde_json::from_slice::<String>(raw)
                            .unwrap_or_else(|_| String::from_utf8_lossy(raw).into_owned()),
                    );
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object(Some(key), true) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object(..) => break,
            Frame::Array(index) => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    if path.is_empty() {
        ".".to_owned()
    } else {
        path
    }
}
