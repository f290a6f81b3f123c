//! `cargo xtask fuzz`: a mutation fuzzer over spec text, in process and on stable Rust.
//!
//! Every input goes through load → validate → lower → emit. It must never panic; a spec the
//! generator accepts must give Rust that `syn` parses; a spec it refuses must come with at
//! least one located error. Mutants are mostly structural (a JSON node replaced, deleted,
//! duplicated or spliced from another spec) so that many reach the later stages, plus raw
//! byte edits for the loader. Accepted mutants join the corpus, so mutations compound.

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;

/// What one input did.
enum Outcome {
    Accepted,
    Rejected,
    Failure(String),
}

/// Strings that tend to break code generators.
const WORDS: &[&str] = &[
    "",
    " ",
    "type",
    "self",
    "Self",
    "crate",
    "super",
    "_",
    "__",
    "r#type",
    "3d",
    "a b",
    "x-y",
    "a.b",
    "名前",
    "größe",
    "*/",
    "/*",
    "\"#",
    "r#\"",
    "`",
    "</script>",
    "{",
    "}",
    "{x}",
    "{project_id}",
    "\\",
    "\n",
    "Unknown",
    "None",
    "ref",
    "name",
    "string",
    "integer",
    "number",
    "boolean",
    "timestamp",
    "json",
    "array",
    "map",
    "object",
    "enum",
    "running",
    "succeeded",
    "failed",
    "pending",
    "int32",
    "int64",
    "uint32",
    "uint64",
    "GET",
    "POST",
    "rest",
    "rpc",
    "x_auth_token",
    "status",
    "Status",
    "STATUS",
    "fn injected() {}",
    "x; fn injected()",
    "\u{feff}",
    "\u{0}",
    "%2F",
    "https://x",
];

/// Numbers at the edges of every integer width.
const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1",
    "101",
    "2147483647",
    "2147483648",
    "-2147483649",
    "4294967296",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551615",
    "1e308",
    "0.5",
    "-0.0",
];

/// A small deterministic PRNG (xorshift64*): reproducible runs from `--seed`.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// Runs the fuzzer for `seconds`, starting from every spec under `seed_dirs`.
/// Returns false if any input made the generator misbehave.
/// At the end, a sample of what was accepted is generated into one crate under the target
/// directory of the workspace at `root` and built with `cargo clippy -D warnings` (see
/// `cloudjobs_codegen::sample`).
pub fn run(
    root: &Path,
    seed_dirs: &[PathBuf],
    seconds: u64,
    seed: u64,
    failures_dir: &Path,
) -> bool {
    let mut corpus: Vec<Vec<u8>> = Vec::new();
    for dir in seed_dirs {
        collect(dir, &mut corpus);
    }
    if corpus.is_empty() {
        eprintln!("fuzz: no seed specs found");
        return false;
    }
    let seeds = corpus.len();
    panic::set_hook(Box::new(|_| {}));
    let mut rng = Rng(seed.max(1));
    let (mut runs, mut accepted, mut failures) = (0u64, 0u64, 0u64);
    // A uniform sample of the accepted inputs (reservoir sampling), compiled at the end.
    let mut sample: Vec<Vec<u8>> = Vec::new();
    let start = Instant::now();
    let deadline = start + Duration::from_secs(seconds);
    while Instant::now() < deadline {
        let parent = corpus[rng.below(corpus.len())].clone();
        let other = corpus[rng.below(corpus.len())].clone();
        let input = mutate(&parent, &other, &mut rng);
        runs += 1;
        match check(&input) {
            Outcome::Accepted => {
                accepted += 1;
                if sample.len() < SAMPLE_SIZE {
                    sample.push(input.clone());
                } else {
                    let slot = rng.below(accepted as usize);
                    if slot < SAMPLE_SIZE {
                        sample[slot] = input.clone();
                    }
                }
                if corpus.len() < 512 && rng.below(4) == 0 {
                    corpus.push(input);
                }
            }
            Outcome::Rejected => {}
            Outcome::Failure(why) => {
                failures += 1;
                let _ = std::fs::create_dir_all(failures_dir);
                let path = failures_dir.join(format!("failure-{failures}.json"));
                let _ = std::fs::write(&path, &input);
                eprintln!("fuzz: FAILURE ({}): {why}", path.display());
            }
        }
    }
    let _ = panic::take_hook();
    let secs = start.elapsed().as_secs_f64();
    if !compile_sample(root, &sample, failures_dir) {
        failures += 1;
    }
    eprintln!(
        "fuzz: {runs} executions in {secs:.1} s ({:.0}/s) from {seeds} seeds: {accepted} accepted, {} rejected with diagnostics, {failures} failures",
        runs as f64 / secs,
        runs - accepted - failures
    );
    failures == 0
}

/// How many accepted inputs are compiled at the end of a run.
const SAMPLE_SIZE: usize = 48;

/// Builds the sample of accepted inputs as one crate; on failure, writes them to
/// `failures_dir/batch-<n>.json` (`n` is the suffix of the operation name in the compiler's
/// output) and prints the output.
fn compile_sample(root: &Path, sample: &[Vec<u8>], failures_dir: &Path) -> bool {
    let specs: Vec<_> = sample
        .iter()
        .filter_map(|input| {
            cloudjobs_codegen::load::load_bytes("fuzz.json", "fuzz.json", input).ok()
        })
        .collect();
    let scratch = cloudjobs_codegen::sample::target_dir(root).join("codegen-sample/fuzz");
    if let Err(e) = std::fs::create_dir_all(&scratch) {
        eprintln!("fuzz: {}: {e}", scratch.display());
        return false;
    }
    let start = Instant::now();
    match cloudjobs_codegen::sample::check_batch(root, &scratch, specs) {
        Ok(report) => {
            eprintln!(
                "fuzz: a sample of {} accepted specs builds without warnings ({:.1} s)",
                report.operations,
                start.elapsed().as_secs_f64()
            );
            true
        }
        Err(why) => {
            let _ = std::fs::create_dir_all(failures_dir);
            for (n, input) in sample.iter().enumerate() {
                let _ = std::fs::write(failures_dir.join(format!("batch-{n}.json")), input);
            }
            eprintln!(
                "fuzz: FAILURE (sample written to {}/batch-*.json): {why}",
                failures_dir.display()
            );
            false
        }
    }
}

/// Runs the whole pipeline on one input and judges the result.
fn check(input: &[u8]) -> Outcome {
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        let spec = match cloudjobs_codegen::load::load_bytes("fuzz.json", "fuzz.json", input) {
            Ok(spec) => spec,
            Err(d) if d.is_error() && d.line >= 1 && d.column >= 1 => return Outcome::Rejected,
            Err(d) => {
                return Outcome::Failure(format!("loader refused without a located error: {d}"));
            }
        };
        match cloudjobs_codegen::generate_from(&[spec], "fuzz") {
            Err(diagnostics) if diagnostics.iter().any(|d| d.is_error()) => Outcome::Rejected,
            Err(_) => Outcome::Failure("generation refused without an error".to_owned()),
            Ok(generated) => {
                for file in generated.files.iter().filter(|f| f.path.ends_with(".rs")) {
                    if let Err(e) = syn::parse_file(&file.contents) {
                        return Outcome::Failure(format!("{} does not parse: {e}", file.path));
                    }
                }
                Outcome::Accepted
            }
        }
    }));
    result.unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".to_owned());
        Outcome::Failure(format!("panic: {message}"))
    })
}

fn mutate(parent: &[u8], other: &[u8], rng: &mut Rng) -> Vec<u8> {
    if rng.below(10) < 7 {
        if let (Ok(mut value), Ok(donor)) = (
            serde_json::from_slice::<Value>(parent),
            serde_json::from_slice::<Value>(other),
        ) {
            for _ in 0..1 + rng.below(3) {
                mutate_value(&mut value, &donor, rng);
            }
            return serde_json::to_vec_pretty(&value).unwrap_or_default();
        }
    }
    mutate_bytes(parent, rng)
}

/// Walks to a random node and changes it.
fn mutate_value(root: &mut Value, donor: &Value, rng: &mut Rng) {
    // Choose the path on a shared borrow, then walk it mutably.
    let mut path = Vec::new();
    let mut at: &Value = root;
    loop {
        let children = match at {
            Value::Object(map) => map.len(),
            Value::Array(items) => items.len(),
            _ => 0,
        };
        if children == 0 || rng.below(4) == 0 {
            break;
        }
        let index = rng.below(children);
        path.push(index);
        let next = match at {
            Value::Object(map) => map.values().nth(index),
            Value::Array(items) => items.get(index),
            _ => None,
        };
        match next {
            Some(next) => at = next,
            None => break,
        }
    }
    let mut node = root;
    for index in path {
        node = match node {
            Value::Object(map) => match map.values_mut().nth(index) {
                Some(next) => next,
                None => return,
            },
            Value::Array(items) => match items.get_mut(index) {
                Some(next) => next,
                None => return,
            },
            _ => return,
        };
    }
    match rng.below(7) {
        0 => *node = Value::String(rng.pick(WORDS).to_owned()),
        1 => *node = serde_json::from_str(rng.pick(NUMBERS)).unwrap_or(Value::Null),
        2 => *node = random_node(donor, rng),
        3 => match node {
            Value::Object(map) if !map.is_empty() => {
                let key = map
                    .keys()
                    .nth(rng.below(map.len()))
                    .cloned()
                    .unwrap_or_default();
                let value = map.remove(&key).unwrap_or(Value::Null);
                let renamed = match rng.below(3) {
                    0 => key.to_uppercase(),
                    1 => format!("{key}{}", rng.pick(WORDS)),
                    _ => rng.pick(WORDS).to_owned(),
                };
                map.insert(renamed, value);
            }
            Value::Array(items) if !items.is_empty() => {
                let i = rng.below(items.len());
                items.remove(i);
            }
            _ => *node = Value::Null,
        },
        4 => match node {
            Value::Array(items) if !items.is_empty() => {
                let copy = items[rng.below(items.len())].clone();
                items.push(copy);
            }
            Value::Object(map) => {
                map.insert(rng.pick(WORDS).to_owned(), random_node(donor, rng));
            }
            _ => *node = Value::Array(vec![node.clone()]),
        },
        5 => {
            if let Value::String(s) = node {
                s.push_str(rng.pick(WORDS));
            } else {
                *node = Value::Bool(rng.below(2) == 0);
            }
        }
        _ => *node = Value::Object(Default::default()),
    }
}

/// A random subtree of `value`.
fn random_node(value: &Value, rng: &mut Rng) -> Value {
    let mut node = value;
    loop {
        let next = match node {
            Value::Object(map) if !map.is_empty() && rng.below(3) != 0 => {
                map.values().nth(rng.below(map.len()))
            }
            Value::Array(items) if !items.is_empty() && rng.below(3) != 0 => {
                items.get(rng.below(items.len()))
            }
            _ => None,
        };
        match next {
            Some(next) => node = next,
            None => return node.clone(),
        }
    }
}

fn mutate_bytes(parent: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut bytes = parent.to_vec();
    let len = bytes.len().max(1);
    match rng.below(5) {
        0 if !bytes.is_empty() => {
            let i = rng.below(bytes.len());
            bytes[i] ^= 1 << rng.below(8);
        }
        1 if !bytes.is_empty() => {
            let start = rng.below(bytes.len());
            let end = (start + 1 + rng.below(64)).min(bytes.len());
            bytes.drain(start..end);
        }
        2 => {
            let at = rng.below(len).min(bytes.len());
            let token = rng.pick(&[
                "{", "}", "[", "]", ",", ":", "\"", "null", "\\u", "\u{ff}", "1e999",
            ]);
            bytes.splice(at..at, token.bytes());
        }
        3 => bytes.truncate(rng.below(len)),
        _ if !bytes.is_empty() => {
            let start = rng.below(bytes.len());
            let end = (start + 1 + rng.below(64)).min(bytes.len());
            let copy = bytes[start..end].to_vec();
            let at = rng.below(bytes.len());
            bytes.splice(at..at, copy);
        }
        _ => bytes.push(b'{'),
    }
    bytes
}

fn collect(dir: &Path, out: &mut Vec<Vec<u8>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") && !path.ends_with("schema.json") {
            if let Ok(bytes) = std::fs::read(&path) {
                out.push(bytes);
            }
        }
    }
}
