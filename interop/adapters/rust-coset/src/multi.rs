//! The structures with recipients or signers (protocol v2): COSE_Encrypt and COSE_Mac with direct
//! (-6), direct HKDF (-10, -11), ECDH-ES + HKDF on P-256 (-25, -26) and AES key wrap (-3, -4, -5)
//! recipients, COSE_Sign with any number of signers.

use crate::kdf;
use crate::keys;
use crate::ops::{check_buckets, detach, emit, nonce, parts, received_alg, Parts};
use crate::primitives;
use crate::wire::{self, Fail};
use coset::{
    enc_structure_data, mac_structure_data, sig_structure_data, CoseEncrypt, CoseKey, CoseMac,
    CoseRecipient, CoseSign, CoseSignature, EncryptionContext, MacContext, SignatureContext,
};
use serde_json::{json, Value};

const DIRECT: i64 = -6;

/// Direct, direct HKDF, ECDH-ES with HKDF and AES key wrap are the recipient algorithms this
/// adapter implements.
fn check_recipient_alg(alg: i64) -> Result<(), Fail> {
    if alg == DIRECT || kdf::is_derived(alg) || (-5..=-3).contains(&alg) {
        Ok(())
    } else {
        Err(Fail::unsupported(format!(
            "recipient algorithm {alg}: direct, HKDF, ECDH-ES + HKDF and AES key wrap only"
        )))
    }
}

fn list<'a>(req: &'a Value, field: &str) -> Result<&'a Vec<Value>, Fail> {
    req.get(field)
        .and_then(Value::as_array)
        .filter(|l| !l.is_empty())
        .ok_or_else(|| Fail::error(format!("request has no {field}")))
}

/// The recipients of a creating request, the content key and the key that carries a Base IV:
/// direct recipients share the content key, HKDF ones derive it, AES key wrap ones wrap the
/// request's `cek`.
fn recipients(req: &Value) -> Result<(Vec<CoseRecipient>, Vec<u8>, CoseKey), Fail> {
    let content_alg = wire::integer(req, "alg")?;
    let mut out = Vec::new();
    let mut content = None;
    let mut base = CoseKey::default();
    let cek = wire::optional_bytes(req, "cek")?;
    for r in list(req, "recipients")? {
        let alg = wire::integer(r, "alg")?;
        check_recipient_alg(alg)?;
        let key = keys::parse(&wire::bytes(r, "key")?)?;
        let protected = wire::protected(wire::bytes(r, "protected")?)?;
        let unprotected = wire::unprotected(&wire::bytes(r, "unprotected")?)?;
        // RFC 9053 §6.1 and §6.3: a direct or derived recipient's ciphertext is empty.
        let ciphertext = if alg == DIRECT {
            content = Some(keys::symmetric(&key)?);
            Vec::new()
        } else if kdf::is_derived(alg) {
            let sender = match wire::optional_bytes(r, "sender_key")? {
                Some(raw) => Some(keys::parse(&raw)?),
                None => None,
            };
            let derived = kdf::derive(
                alg,
                content_alg,
                &protected,
                &unprotected,
                &key,
                sender.as_ref(),
            )?;
            content = Some(derived);
            Vec::new()
        } else {
            let cek = cek
                .clone()
                .ok_or_else(|| Fail::error("key wrap without a cek"))?;
            let wrapped = primitives::key_wrap(alg, &keys::symmetric(&key)?, &cek, true)?;
            content = Some(cek);
            wrapped
        };
        base = key;
        out.push(CoseRecipient {
            protected,
            unprotected,
            ciphertext: Some(ciphertext),
            recipients: Vec::new(),
        });
    }
    Ok((out, content.expect("list is not empty"), base))
}

/// The content key an opening request's recipient leads to, and the recipient's key.
fn recipient_key(
    r: Option<&CoseRecipient>,
    content_alg: i64,
    req: &Value,
) -> Result<(Vec<u8>, CoseKey), Fail> {
    let r = r.ok_or_else(|| Fail::rejected("no recipient at that index"))?;
    check_buckets(&r.protected.header, &r.unprotected)?;
    let alg = wire::alg_of(&r.protected.header, &r.unprotected)?;
    check_recipient_alg(alg)?;
    let key = keys::parse(&wire::bytes(req, "key")?)?;
    let ct = r.ciphertext.clone().unwrap_or_default();
    if alg == DIRECT || kdf::is_derived(alg) {
        if !ct.is_empty() {
            return Err(Fail::rejected("a direct recipient carries a ciphertext"));
        }
        let cek = if alg == DIRECT {
            keys::symmetric(&key)?
        } else {
            kdf::derive(alg, content_alg, &r.protected, &r.unprotected, &key, None)?
        };
        return Ok((cek, key));
    }
    let cek = primitives::key_wrap(alg, &keys::symmetric(&key)?, &ct, false)?;
    Ok((cek, key))
}

fn index(req: &Value, field: &str) -> Result<usize, Fail> {
    usize::try_from(wire::integer(req, field)?).map_err(|_| Fail::error(format!("bad {field}")))
}

pub fn encrypt(req: &Value) -> Result<Value, Fail> {
    let alg = wire::integer(req, "alg")?;
    let (recipients, cek, key) = recipients(req)?;
    let Parts {
        protected,
        unprotected,
        aad,
    } = parts(req)?;
    let n = nonce(alg, &protected.header, &unprotected, &key)?;
    let tbe = enc_structure_data(EncryptionContext::CoseEncrypt, protected.clone(), &aad);
    let ct = primitives::seal(alg, &cek, &n, &tbe, &wire::bytes(req, "plaintext")?)?;
    let (inline, detached) = detach(ct, req);
    let msg = CoseEncrypt {
        protected,
        unprotected,
        ciphertext: inline,
        recipients,
    };
    emit(msg, detached, req)
}

pub fn decrypt(req: &Value) -> Result<Value, Fail> {
    let msg: CoseEncrypt = wire::decode(&wire::bytes(req, "message")?)?;
    let alg = received_alg(&msg.protected.header, &msg.unprotected)?;
    let (cek, key) = recipient_key(msg.recipients.get(index(req, "recipient")?), alg, req)?;
    let n = nonce(alg, &msg.protected.header, &msg.unprotected, &key)?;
    let aad = wire::bytes(req, "external_aad")?;
    let ct = wire::content(msg.ciphertext.clone(), req)?;
    let tbe = enc_structure_data(EncryptionContext::CoseEncrypt, msg.protected, &aad);
    let pt = primitives::open(alg, &cek, &n, &tbe, &ct)?;
    Ok(json!({"plaintext": wire::hex(&pt)}))
}

pub fn mac(req: &Value) -> Result<Value, Fail> {
    let alg = wire::integer(req, "alg")?;
    let (recipients, cek, _) = recipients(req)?;
    let Parts {
        protected,
        unprotected,
        aad,
    } = parts(req)?;
    let payload = wire::bytes(req, "payload")?;
    let tbm = mac_structure_data(MacContext::CoseMac, protected.clone(), &aad, &payload);
    let tag = primitives::mac(alg, &cek, &tbm)?;
    let (inline, detached) = detach(payload, req);
    let msg = CoseMac {
        protected,
        unprotected,
        payload: inline,
        tag,
        recipients,
    };
    emit(msg, detached, req)
}

pub fn verify_mac(req: &Value) -> Result<Value, Fail> {
    let msg: CoseMac = wire::decode(&wire::bytes(req, "message")?)?;
    let alg = received_alg(&msg.protected.header, &msg.unprotected)?;
    let (cek, _) = recipient_key(msg.recipients.get(index(req, "recipient")?), alg, req)?;
    let aad = wire::bytes(req, "external_aad")?;
    let payload = wire::content(msg.payload.clone(), req)?;
    let tbm = mac_structure_data(MacContext::CoseMac, msg.protected, &aad, &payload);
    primitives::verify_mac(alg, &cek, &tbm, &msg.tag)?;
    Ok(json!({"payload": wire::hex(&payload)}))
}

pub fn sign(req: &Value) -> Result<Value, Fail> {
    let Parts {
        protected,
        unprotected,
        aad,
    } = parts(req)?;
    let payload = wire::bytes(req, "payload")?;
    let mut signatures = Vec::new();
    for s in list(req, "signers")? {
        let sp = wire::protected(wire::bytes(s, "protected")?)?;
        let tbs = sig_structure_data(
            SignatureContext::CoseSignature,
            protected.clone(),
            Some(sp.clone()),
            &aad,
            &payload,
        );
        let key = keys::parse(&wire::bytes(s, "key")?)?;
        signatures.push(CoseSignature {
            protected: sp,
            unprotected: wire::unprotected(&wire::bytes(s, "unprotected")?)?,
            signature: primitives::sign(wire::integer(s, "alg")?, &key, &tbs)?,
        });
    }
    let (inline, detached) = detach(payload, req);
    let msg = CoseSign {
        protected,
        unprotected,
        payload: inline,
        signatures,
    };
    emit(msg, detached, req)
}

pub fn verify(req: &Value) -> Result<Value, Fail> {
    let msg: CoseSign = wire::decode(&wire::bytes(req, "message")?)?;
    check_buckets(&msg.protected.header, &msg.unprotected)?;
    let s = msg
        .signatures
        .get(index(req, "signer")?)
        .ok_or_else(|| Fail::rejected("no signature at that index"))?;
    let alg = received_alg(&s.protected.header, &s.unprotected)?;
    let key = keys::parse(&wire::bytes(req, "key")?)?;
    let aad = wire::bytes(req, "external_aad")?;
    let payload = wire::content(msg.payload.clone(), req)?;
    let tbs = sig_structure_data(
        SignatureContext::CoseSignature,
        msg.protected.clone(),
        Some(s.protected.clone()),
        &aad,
        &payload,
    );
    primitives::verify(alg, &key, &tbs, &s.signature)?;
    Ok(json!({"payload": wire::hex(&payload)}))
}
