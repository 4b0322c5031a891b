//! The single-party structures: COSE_Encrypt0, COSE_Sign1, COSE_Mac0 (protocol v1 ops, with v2's
//! detached content).

use crate::keys;
use crate::primitives;
use crate::wire::{self, Fail};
use coset::{
    enc_structure_data, mac_structure_data, sig_structure_data, CborSerializable, CoseEncrypt0,
    CoseKey, CoseMac0, CoseSign1, EncryptionContext, Header, MacContext, ProtectedHeader,
    SignatureContext, TaggedCborSerializable,
};
use serde_json::{json, Map, Value};

/// Refuses a label that sits in both buckets (RFC 9052 §3: a label appears in one only).
pub fn check_buckets(p: &Header, u: &Header) -> Result<(), Fail> {
    let both = (p.alg.is_some() && u.alg.is_some())
        || (p.content_type.is_some() && u.content_type.is_some())
        || (!p.key_id.is_empty() && !u.key_id.is_empty())
        || (!p.iv.is_empty() && !u.iv.is_empty())
        || (!p.partial_iv.is_empty() && !u.partial_iv.is_empty())
        || p.rest
            .iter()
            .any(|(l, _)| u.rest.iter().any(|(m, _)| l == m));
    if both {
        return Err(Fail::rejected(
            "a header label is in both the protected and unprotected bucket",
        ));
    }
    wire::check_crit(p, u)
}

/// The AEAD nonce: the IV as sent, or the Partial IV left-padded and XORed with the key's Base IV
/// (RFC 9052 §3.1).
pub fn nonce(alg: i64, p: &Header, u: &Header, key: &CoseKey) -> Result<Vec<u8>, Fail> {
    let iv = if p.iv.is_empty() { &u.iv } else { &p.iv };
    let piv = if p.partial_iv.is_empty() {
        &u.partial_iv
    } else {
        &p.partial_iv
    };
    if !iv.is_empty() && !piv.is_empty() {
        return Err(Fail::rejected("both an IV and a Partial IV"));
    }
    if !iv.is_empty() {
        return Ok(iv.clone());
    }
    if piv.is_empty() {
        return Err(Fail::rejected("no IV and no Partial IV"));
    }
    let len = primitives::nonce_len(alg)?;
    let base = &key.base_iv;
    if base.is_empty() {
        return Err(Fail::rejected("a Partial IV but no Base IV in the key"));
    }
    if piv.len() > len || base.len() > len {
        return Err(Fail::rejected(
            "Partial IV or Base IV longer than the nonce",
        ));
    }
    let mut n = vec![0u8; len];
    n[len - piv.len()..].copy_from_slice(piv);
    for (i, b) in base.iter().enumerate() {
        n[len - base.len() + i] ^= b;
    }
    Ok(n)
}

/// The success body of a creating op: the message, and the detached content when asked.
fn created(message: Vec<u8>, detached: Option<Vec<u8>>) -> Value {
    let mut m = Map::new();
    m.insert("message".into(), json!(wire::hex(&message)));
    if let Some(d) = detached {
        m.insert("detached_content".into(), json!(wire::hex(&d)));
    }
    Value::Object(m)
}

/// What every creating op reads besides its content: the two header buckets and the external AAD.
pub struct Parts {
    pub protected: ProtectedHeader,
    pub unprotected: Header,
    pub aad: Vec<u8>,
}

pub fn parts(req: &Value) -> Result<Parts, Fail> {
    Ok(Parts {
        protected: wire::protected(wire::bytes(req, "protected")?)?,
        unprotected: wire::unprotected(&wire::bytes(req, "unprotected")?)?,
        aad: wire::bytes(req, "external_aad")?,
    })
}

/// The success body of a creating op from its message, tagged when the request asks.
pub fn emit<T: TaggedCborSerializable + CborSerializable>(
    msg: T,
    detached: Option<Vec<u8>>,
    req: &Value,
) -> Result<Value, Fail> {
    Ok(created(
        wire::encode(msg, wire::flag(req, "tagged"))?,
        detached,
    ))
}

/// The algorithm of a received structure whose buckets pass the checks.
pub fn received_alg(p: &Header, u: &Header) -> Result<i64, Fail> {
    check_buckets(p, u)?;
    wire::alg_of(p, u)
}

/// Splits content off the message when the request asks for detached content.
pub fn detach(content: Vec<u8>, req: &Value) -> (Option<Vec<u8>>, Option<Vec<u8>>) {
    if wire::flag(req, "detached") {
        (None, Some(content))
    } else {
        (Some(content), None)
    }
}

pub fn encrypt0(req: &Value) -> Result<Value, Fail> {
    let alg = wire::integer(req, "alg")?;
    let key = keys::parse(&wire::bytes(req, "key")?)?;
    let Parts {
        protected,
        unprotected,
        aad,
    } = parts(req)?;
    let n = nonce(alg, &protected.header, &unprotected, &key)?;
    let tbe = enc_structure_data(EncryptionContext::CoseEncrypt0, protected.clone(), &aad);
    let ct = primitives::seal(
        alg,
        &keys::symmetric(&key)?,
        &n,
        &tbe,
        &wire::bytes(req, "plaintext")?,
    )?;
    let (inline, detached) = detach(ct, req);
    let msg = CoseEncrypt0 {
        protected,
        unprotected,
        ciphertext: inline,
    };
    emit(msg, detached, req)
}

pub fn decrypt0(req: &Value) -> Result<Value, Fail> {
    let msg: CoseEncrypt0 = wire::decode(&wire::bytes(req, "message")?)?;
    let key = keys::parse(&wire::bytes(req, "key")?)?;
    let alg = received_alg(&msg.protected.header, &msg.unprotected)?;
    let n = nonce(alg, &msg.protected.header, &msg.unprotected, &key)?;
    let aad = wire::bytes(req, "external_aad")?;
    let ct = wire::content(msg.ciphertext.clone(), req)?;
    let tbe = enc_structure_data(EncryptionContext::CoseEncrypt0, msg.protected, &aad);
    let pt = primitives::open(alg, &keys::symmetric(&key)?, &n, &tbe, &ct)?;
    Ok(json!({"plaintext": wire::hex(&pt)}))
}

pub fn sign1(req: &Value) -> Result<Value, Fail> {
    let alg = wire::integer(req, "alg")?;
    let key = keys::parse(&wire::bytes(req, "key")?)?;
    let Parts {
        protected,
        unprotected,
        aad,
    } = parts(req)?;
    let payload = wire::bytes(req, "payload")?;
    let tbs = sig_structure_data(
        SignatureContext::CoseSign1,
        protected.clone(),
        None,
        &aad,
        &payload,
    );
    let signature = primitives::sign(alg, &key, &tbs)?;
    let (inline, detached) = detach(payload, req);
    let msg = CoseSign1 {
        protected,
        unprotected,
        payload: inline,
        signature,
    };
    emit(msg, detached, req)
}

pub fn verify1(req: &Value) -> Result<Value, Fail> {
    let msg: CoseSign1 = wire::decode(&wire::bytes(req, "message")?)?;
    let key = keys::parse(&wire::bytes(req, "key")?)?;
    let alg = received_alg(&msg.protected.header, &msg.unprotected)?;
    let aad = wire::bytes(req, "external_aad")?;
    let payload = wire::content(msg.payload.clone(), req)?;
    let tbs = sig_structure_data(
        SignatureContext::CoseSign1,
        msg.protected,
        None,
        &aad,
        &payload,
    );
    primitives::verify(alg, &key, &tbs, &msg.signature)?;
    Ok(json!({"payload": wire::hex(&payload)}))
}

pub fn mac0(req: &Value) -> Result<Value, Fail> {
    let alg = wire::integer(req, "alg")?;
    let key = keys::parse(&wire::bytes(req, "key")?)?;
    let Parts {
        protected,
        unprotected,
        aad,
    } = parts(req)?;
    let payload = wire::bytes(req, "payload")?;
    let tbm = mac_structure_data(MacContext::CoseMac0, protected.clone(), &aad, &payload);
    let tag = primitives::mac(alg, &keys::symmetric(&key)?, &tbm)?;
    let (inline, detached) = detach(payload, req);
    let msg = CoseMac0 {
        protected,
        unprotected,
        payload: inline,
        tag,
    };
    emit(msg, detached, req)
}

pub fn verify_mac0(req: &Value) -> Result<Value, Fail> {
    let msg: CoseMac0 = wire::decode(&wire::bytes(req, "message")?)?;
    let key = keys::parse(&wire::bytes(req, "key")?)?;
    let alg = received_alg(&msg.protected.header, &msg.unprotected)?;
    let aad = wire::bytes(req, "external_aad")?;
    let payload = wire::content(msg.payload.clone(), req)?;
    let tbm = mac_structure_data(MacContext::CoseMac0, msg.protected, &aad, &payload);
    primitives::verify_mac(alg, &keys::symmetric(&key)?, &tbm, &msg.tag)?;
    Ok(json!({"payload": wire::hex(&payload)}))
}
