//! Derived content keys (RFC 9053 §5 and §6.3): direct HKDF (-10, -11) and ECDH-ES with HKDF on
//! P-256 (-25, -26), with the COSE_KDF_Context built from the recipient's headers.

use crate::keys;
use crate::wire::Fail;
use coset::cbor::value::Value;
use coset::{AsCborValue, CoseKey, Header, Label, ProtectedHeader};
use hkdf::Hkdf;
use sha2::{Sha256, Sha512};

/// Whether a recipient algorithm derives the content key with HKDF.
pub fn is_derived(alg: i64) -> bool {
    matches!(alg, -10 | -11 | -25 | -26)
}

fn is_ecdh(alg: i64) -> bool {
    matches!(alg, -25 | -26)
}

/// The content key length in bytes of a content algorithm, for keyDataLength.
fn key_len(content_alg: i64) -> Result<usize, Fail> {
    Ok(match content_alg {
        1 | 10 | 12 | 30 | 32 => 16,
        2 => 24,
        3 | 11 | 13 | 24 | 31 | 33 | 4 | 5 => 32,
        6 => 48,
        7 => 64,
        _ => {
            return Err(Fail::unsupported(format!(
                "key derivation for algorithm {content_alg}"
            )))
        }
    })
}

/// A header parameter of the recipient, from either bucket.
fn param<'a>(p: &'a Header, u: &'a Header, label: i64) -> Option<&'a Value> {
    p.rest
        .iter()
        .chain(u.rest.iter())
        .find(|(l, _)| *l == Label::Int(label))
        .map(|(_, v)| v)
}

fn party(p: &Header, u: &Header, first: i64) -> Value {
    let get = |l| param(p, u, l).cloned().unwrap_or(Value::Null);
    Value::Array(vec![get(first), get(first - 1), get(first - 2)])
}

/// COSE_KDF_Context: [AlgorithmID, PartyUInfo, PartyVInfo, [keyDataLength, protected]].
fn context(content_alg: i64, len: usize, protected: &ProtectedHeader, u: &Header) -> Vec<u8> {
    let p = &protected.header;
    let prot = protected
        .clone()
        .cbor_bstr()
        .unwrap_or(Value::Bytes(Vec::new()));
    let ctx = Value::Array(vec![
        Value::from(content_alg),
        party(p, u, -21),
        party(p, u, -24),
        Value::Array(vec![Value::from((len * 8) as u64), prot]),
    ]);
    let mut out = Vec::new();
    coset::cbor::ser::into_writer(&ctx, &mut out).expect("a Value always serializes");
    out
}

fn ecdh(private: &CoseKey, public: &CoseKey) -> Result<Vec<u8>, Fail> {
    for k in [private, public] {
        if keys::curve(k)? != 1 {
            return Err(Fail::unsupported("ECDH is implemented on P-256 only"));
        }
    }
    let sk = p256::SecretKey::from_slice(&keys::private(private)?)
        .map_err(|_| Fail::rejected("not a P-256 private key"))?;
    let pk = p256::PublicKey::from_sec1_bytes(&keys::ec2_point(public)?)
        .map_err(|_| Fail::rejected("not a P-256 public key"))?;
    let shared = p256::ecdh::diffie_hellman(sk.to_nonzero_scalar(), pk.as_affine());
    Ok(shared.raw_secret_bytes().to_vec())
}

/// The ephemeral public key (-1) of an ECDH-ES recipient.
fn ephemeral(p: &Header, u: &Header) -> Result<CoseKey, Fail> {
    let v = param(p, u, -1).ok_or_else(|| Fail::rejected("ECDH-ES recipient without -1"))?;
    CoseKey::from_cbor_value(v.clone())
        .map_err(|e| Fail::rejected(format!("the ephemeral key does not read: {e:?}")))
}

/// Derives the content key. `key` is the request's key (shared symmetric, the recipient's public
/// key when creating, its private key when opening); `sender` the ephemeral private key when
/// creating an ECDH-ES recipient.
pub fn derive(
    alg: i64,
    content_alg: i64,
    protected: &ProtectedHeader,
    u: &Header,
    key: &CoseKey,
    sender: Option<&CoseKey>,
) -> Result<Vec<u8>, Fail> {
    let ikm = if is_ecdh(alg) {
        match sender {
            Some(s) => ecdh(s, key)?,
            None => ecdh(key, &ephemeral(&protected.header, u)?)?,
        }
    } else {
        keys::symmetric(key)?
    };
    let salt = match param(&protected.header, u, -20) {
        Some(Value::Bytes(b)) => Some(b.clone()),
        Some(_) => return Err(Fail::rejected("salt is not a byte string")),
        None => None,
    };
    let len = key_len(content_alg)?;
    let info = context(content_alg, len, protected, u);
    let mut okm = vec![0u8; len];
    let ok = if alg == -10 || alg == -25 {
        Hkdf::<Sha256>::new(salt.as_deref(), &ikm)
            .expand(&info, &mut okm)
            .is_ok()
    } else {
        Hkdf::<Sha512>::new(salt.as_deref(), &ikm)
            .expand(&info, &mut okm)
            .is_ok()
    };
    if !ok {
        return Err(Fail::rejected("HKDF output too long"));
    }
    Ok(okm)
}
