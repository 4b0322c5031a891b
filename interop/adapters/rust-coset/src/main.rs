//! Reference adapter of the cose-tck peer line protocol, version 2 (docs/peer-protocol.md), on
//! the `coset` crate: one JSON request per line on stdin, one response per line on stdout.
//! coset parses and builds the COSE structures; RustCrypto crates do the cryptography.

mod kdf;
mod keys;
mod multi;
mod ops;
mod primitives;
mod wire;

use serde_json::{json, Value};
use std::io::{self, BufRead, Write};
use wire::Fail;

/// The IANA algorithm ids this adapter implements: content (AEAD, HMAC, signatures) and recipients.
const ALGORITHMS: &[i64] = &[
    1, 2, 3, 10, 11, 12, 13, 30, 31, 32, 33, 24, 4, 5, 6, 7, -7, -35, -8, -6, -10, -11, -25, -26,
    -3, -4, -5,
];

/// Every op of protocol v2 it implements.
const OPS: &[&str] = &[
    "encrypt0",
    "decrypt0",
    "sign1",
    "verify1",
    "mac0",
    "verify_mac0",
    "encrypt",
    "decrypt",
    "mac",
    "verify_mac",
    "sign",
    "verify",
];

fn hello() -> Value {
    json!({
        "name": "rust-coset",
        "version": "coset 0.3.8",
        "protocol": 2,
        "algorithms": ALGORITHMS,
        "ops": OPS,
    })
}

/// Answers one request body: the success fields, or why not.
fn answer(op: &str, req: &Value) -> Result<Value, Fail> {
    match op {
        "hello" => Ok(hello()),
        "encrypt0" => ops::encrypt0(req),
        "decrypt0" => ops::decrypt0(req),
        "sign1" => ops::sign1(req),
        "verify1" => ops::verify1(req),
        "mac0" => ops::mac0(req),
        "verify_mac0" => ops::verify_mac0(req),
        "encrypt" => multi::encrypt(req),
        "decrypt" => multi::decrypt(req),
        "mac" => multi::mac(req),
        "verify_mac" => multi::verify_mac(req),
        "sign" => multi::sign(req),
        "verify" => multi::verify(req),
        _ => Err(Fail::unsupported(format!("unknown op {op}"))),
    }
}

fn main() {
    let stdin = io::stdin();
    let mut out = io::stdout().lock();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        if line.trim().is_empty() {
            continue;
        }
        // A request that is not JSON still gets an answer; id 0 says it could not be read.
        let (id, response) = match serde_json::from_str::<Value>(&line) {
            Ok(req) => {
                let id = req.get("id").cloned().unwrap_or(Value::from(0));
                let op = req.get("op").and_then(Value::as_str).unwrap_or("");
                if op == "shutdown" {
                    let _ = writeln!(out, "{}", json!({"id": id, "ok": true}));
                    let _ = out.flush();
                    return;
                }
                (id, answer(op, &req))
            }
            Err(e) => (
                Value::from(0),
                Err(Fail::error(format!("request is not JSON: {e}"))),
            ),
        };
        let body = match response {
            Ok(Value::Object(mut m)) => {
                m.insert("id".into(), id);
                m.insert("ok".into(), Value::Bool(true));
                Value::Object(m)
            }
            Ok(_) => {
                json!({"id": id, "ok": false, "kind": "error", "error": "internal: not an object"})
            }
            Err(f) => json!({"id": id, "ok": false, "kind": f.kind, "error": f.message}),
        };
        if writeln!(out, "{body}").and_then(|_| out.flush()).is_err() {
            return;
        }
    }
}
