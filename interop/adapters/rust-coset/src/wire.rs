//! The protocol's data types: failures with their kind, hex fields, headers as sent.

use coset::{CborSerializable, Header, ProtectedHeader};
use serde_json::Value;

/// A failed request: `kind` is `rejected`, `unsupported` or `error` (docs/peer-protocol.md).
pub struct Fail {
    pub kind: &'static str,
    pub message: String,
}

impl Fail {
    pub fn rejected(m: impl Into<String>) -> Fail {
        Fail {
            kind: "rejected",
            message: m.into(),
        }
    }
    pub fn unsupported(m: impl Into<String>) -> Fail {
        Fail {
            kind: "unsupported",
            message: m.into(),
        }
    }
    pub fn error(m: impl Into<String>) -> Fail {
        Fail {
            kind: "error",
            message: m.into(),
        }
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() & 1 == 1 {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// A required hex field of the request.
pub fn bytes(req: &Value, field: &str) -> Result<Vec<u8>, Fail> {
    optional_bytes(req, field)?.ok_or_else(|| Fail::error(format!("request has no {field}")))
}

/// An optional hex field of the request.
pub fn optional_bytes(req: &Value, field: &str) -> Result<Option<Vec<u8>>, Fail> {
    match req.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => unhex(s)
            .map(Some)
            .ok_or_else(|| Fail::error(format!("{field} is not hex"))),
        Some(_) => Err(Fail::error(format!("{field} is not a hex string"))),
    }
}

pub fn integer(req: &Value, field: &str) -> Result<i64, Fail> {
    req.get(field)
        .and_then(Value::as_i64)
        .ok_or_else(|| Fail::error(format!("request has no integer {field}")))
}

pub fn flag(req: &Value, field: &str) -> bool {
    req.get(field).and_then(Value::as_bool).unwrap_or(false)
}

/// The serialized protected bucket as sent: coset keeps the bytes, so nothing is re-encoded.
pub fn protected(raw: Vec<u8>) -> Result<ProtectedHeader, Fail> {
    let header = if raw.is_empty() {
        Header::default()
    } else {
        Header::from_slice(&raw).map_err(|e| {
            Fail::unsupported(format!(
                "coset cannot represent the protected header: {e:?}"
            ))
        })?
    };
    Ok(ProtectedHeader {
        original_data: Some(raw),
        header,
    })
}

/// The unprotected map as sent.
pub fn unprotected(raw: &[u8]) -> Result<Header, Fail> {
    Header::from_slice(raw).map_err(|e| {
        Fail::unsupported(format!(
            "coset cannot represent the unprotected header: {e:?}"
        ))
    })
}

/// The algorithm a message names: protected bucket first, then unprotected.
pub fn alg_of(p: &Header, u: &Header) -> Result<i64, Fail> {
    match p.alg.as_ref().or(u.alg.as_ref()) {
        Some(coset::Algorithm::Assigned(a)) => Ok(*a as i64),
        Some(coset::Algorithm::PrivateUse(i)) => Ok(*i),
        // No algorithm is registered by name: the message cannot be processed.
        Some(coset::Algorithm::Text(t)) => Err(Fail::rejected(format!("unknown algorithm {t:?}"))),
        None => Err(Fail::rejected("the message names no algorithm")),
    }
}

/// Refuses a message with critical headers: this adapter understands no extension header, and
/// RFC 9052 §3.1 says crit must sit in the protected bucket.
pub fn check_crit(p: &Header, u: &Header) -> Result<(), Fail> {
    if !u.crit.is_empty() {
        return Err(Fail::rejected("crit in the unprotected bucket"));
    }
    if !p.crit.is_empty() {
        return Err(Fail::rejected(format!(
            "critical headers not understood: {:?}",
            p.crit
        )));
    }
    Ok(())
}

/// The message's content, or the detached content the request carries when it is nil.
pub fn content(inline: Option<Vec<u8>>, req: &Value) -> Result<Vec<u8>, Fail> {
    match inline {
        Some(c) => Ok(c),
        None => optional_bytes(req, "detached_content")?
            .ok_or_else(|| Fail::rejected("detached content but none given")),
    }
}

/// A message's encoding, tagged or not, as asked.
pub fn encode<T: coset::TaggedCborSerializable + CborSerializable>(
    msg: T,
    tagged: bool,
) -> Result<Vec<u8>, Fail> {
    let r = if tagged {
        msg.to_tagged_vec()
    } else {
        msg.to_vec()
    };
    r.map_err(|e| Fail::error(format!("coset cannot encode the message: {e:?}")))
}

/// Reads a message with or without its COSE tag (a CBOR tag starts with major type 6).
pub fn decode<T: coset::TaggedCborSerializable + CborSerializable>(raw: &[u8]) -> Result<T, Fail> {
    let r = if raw.first().is_some_and(|b| b >> 5 == 6) {
        T::from_tagged_slice(raw)
    } else {
        T::from_slice(raw)
    };
    r.map_err(|e| Fail::rejected(format!("coset refuses the message: {e:?}")))
}
