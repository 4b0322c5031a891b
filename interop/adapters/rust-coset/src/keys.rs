//! COSE_Key (RFC 9052 §7) as coset reads it, and the parameters the primitives need.

use crate::wire::Fail;
use coset::cbor::value::Value;
use coset::{iana, CborSerializable, CoseKey, KeyType, Label};

pub fn parse(raw: &[u8]) -> Result<CoseKey, Fail> {
    CoseKey::from_slice(raw)
        .map_err(|e| Fail::unsupported(format!("coset cannot read the key: {e:?}")))
}

fn param(key: &CoseKey, label: i64) -> Option<&Value> {
    key.params
        .iter()
        .find(|(l, _)| *l == Label::Int(label))
        .map(|(_, v)| v)
}

fn param_bytes(key: &CoseKey, label: i64) -> Option<Vec<u8>> {
    match param(key, label) {
        Some(Value::Bytes(b)) => Some(b.clone()),
        _ => None,
    }
}

/// The symmetric key's `k` (-1).
pub fn symmetric(key: &CoseKey) -> Result<Vec<u8>, Fail> {
    if key.kty != KeyType::Assigned(iana::KeyType::Symmetric) {
        return Err(Fail::rejected("the key is not symmetric"));
    }
    param_bytes(key, iana::SymmetricKeyParameter::K as i64)
        .ok_or_else(|| Fail::rejected("the symmetric key has no k"))
}

/// The curve (-1) of an EC2 or OKP key, as its IANA id.
pub fn curve(key: &CoseKey) -> Result<i64, Fail> {
    match param(key, -1) {
        Some(Value::Integer(i)) => i64::try_from(*i).map_err(|_| Fail::rejected("bad curve")),
        _ => Err(Fail::rejected("the key has no integer curve")),
    }
}

/// The private scalar `d` (-4).
pub fn private(key: &CoseKey) -> Result<Vec<u8>, Fail> {
    param_bytes(key, -4).ok_or_else(|| Fail::rejected("the key has no private part d"))
}

/// An EC2 public key as a SEC1 point: uncompressed from x and y, or compressed from x and y's
/// sign bit.
pub fn ec2_point(key: &CoseKey) -> Result<Vec<u8>, Fail> {
    if key.kty != KeyType::Assigned(iana::KeyType::EC2) {
        return Err(Fail::rejected("the key is not EC2"));
    }
    let x = param_bytes(key, -2).ok_or_else(|| Fail::rejected("the EC2 key has no x"))?;
    let mut point = Vec::with_capacity(1 + 2 * x.len());
    match param(key, -3) {
        Some(Value::Bytes(y)) => {
            point.push(4);
            point.extend_from_slice(&x);
            point.extend_from_slice(y);
        }
        Some(Value::Bool(odd)) => {
            point.push(if *odd { 3 } else { 2 });
            point.extend_from_slice(&x);
        }
        _ => return Err(Fail::rejected("the EC2 key has no y")),
    }
    Ok(point)
}

/// An OKP public key's `x` (-2).
pub fn okp_public(key: &CoseKey) -> Result<Vec<u8>, Fail> {
    if key.kty != KeyType::Assigned(iana::KeyType::OKP) {
        return Err(Fail::rejected("the key is not OKP"));
    }
    param_bytes(key, -2).ok_or_else(|| Fail::rejected("the OKP key has no x"))
}
