//! The cryptography, by IANA algorithm id, on RustCrypto crates: AES-GCM, AES-CCM,
//! ChaCha20/Poly1305, AES key wrap, HMAC-SHA2, ECDSA on P-256 and P-384, Ed25519. Anything else is
//! `unsupported`.

use crate::keys;
use crate::wire::Fail;
use aes_gcm::aead::consts::{U12, U13, U16, U7, U8};
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes128Gcm, Aes256Gcm, AesGcm};
use coset::CoseKey;
use hmac::{Hmac, Mac};
use sha2::{Sha256, Sha384, Sha512};

type Aes192Gcm = AesGcm<aes::Aes192, U12>;
type Ccm<C, T, N> = ccm::Ccm<C, T, N>;

const P256: i64 = 1;
const P384: i64 = 2;
const ED25519: i64 = 6;

/// Key and nonce length of an AEAD algorithm: AES-GCM (1-3), AES-CCM (10-13, 30-33),
/// ChaCha20/Poly1305 (24).
fn aead_sizes(alg: i64) -> Result<(usize, usize), Fail> {
    Ok(match alg {
        1 => (16, 12),
        2 => (24, 12),
        3 | 24 => (32, 12),
        10 | 30 => (16, 13),
        11 | 31 => (32, 13),
        12 | 32 => (16, 7),
        13 | 33 => (32, 7),
        _ => {
            return Err(Fail::unsupported(format!(
                "content encryption algorithm {alg}"
            )))
        }
    })
}

/// The nonce length of an AEAD algorithm, for building it from a Partial IV.
pub fn nonce_len(alg: i64) -> Result<usize, Fail> {
    aead_sizes(alg).map(|(_, n)| n)
}

fn run<A: KeyInit + Aead>(
    key: &[u8],
    nonce: &[u8],
    aad: &[u8],
    data: &[u8],
    seal: bool,
) -> Result<Vec<u8>, Fail> {
    let cipher = A::new_from_slice(key).map_err(|_| Fail::rejected("bad key length"))?;
    let n: &aes_gcm::aead::Nonce<A> = nonce.into();
    let p = Payload { msg: data, aad };
    let r = if seal {
        cipher.encrypt(n, p)
    } else {
        cipher.decrypt(n, p)
    };
    r.map_err(|_| Fail::rejected("the authentication tag does not match"))
}

fn aead(
    alg: i64,
    key: &[u8],
    nonce: &[u8],
    aad: &[u8],
    data: &[u8],
    seal: bool,
) -> Result<Vec<u8>, Fail> {
    let (klen, nlen) = aead_sizes(alg)?;
    if key.len() != klen {
        return Err(Fail::rejected(format!(
            "alg {alg} needs a {klen}-byte key, not {}",
            key.len()
        )));
    }
    if nonce.len() != nlen {
        return Err(Fail::rejected(format!(
            "alg {alg} needs a {nlen}-byte IV, not {}",
            nonce.len()
        )));
    }
    match alg {
        1 => run::<Aes128Gcm>(key, nonce, aad, data, seal),
        2 => run::<Aes192Gcm>(key, nonce, aad, data, seal),
        3 => run::<Aes256Gcm>(key, nonce, aad, data, seal),
        10 => run::<Ccm<aes::Aes128, U8, U13>>(key, nonce, aad, data, seal),
        11 => run::<Ccm<aes::Aes256, U8, U13>>(key, nonce, aad, data, seal),
        12 => run::<Ccm<aes::Aes128, U8, U7>>(key, nonce, aad, data, seal),
        13 => run::<Ccm<aes::Aes256, U8, U7>>(key, nonce, aad, data, seal),
        30 => run::<Ccm<aes::Aes128, U16, U13>>(key, nonce, aad, data, seal),
        31 => run::<Ccm<aes::Aes256, U16, U13>>(key, nonce, aad, data, seal),
        32 => run::<Ccm<aes::Aes128, U16, U7>>(key, nonce, aad, data, seal),
        33 => run::<Ccm<aes::Aes256, U16, U7>>(key, nonce, aad, data, seal),
        _ => run::<chacha20poly1305::ChaCha20Poly1305>(key, nonce, aad, data, seal),
    }
}

pub fn seal(
    alg: i64,
    key: &[u8],
    nonce: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<Vec<u8>, Fail> {
    aead(alg, key, nonce, aad, plaintext, true)
}

pub fn open(
    alg: i64,
    key: &[u8],
    nonce: &[u8],
    aad: &[u8],
    ciphertext: &[u8],
) -> Result<Vec<u8>, Fail> {
    aead(alg, key, nonce, aad, ciphertext, false)
}

/// AES key wrap (RFC 3394) of a content key: A128KW (-3), A192KW (-4), A256KW (-5).
pub fn key_wrap(alg: i64, kek: &[u8], cek: &[u8], wrap: bool) -> Result<Vec<u8>, Fail> {
    let want = match alg {
        -3 => 16,
        -4 => 24,
        -5 => 32,
        _ => return Err(Fail::unsupported(format!("recipient algorithm {alg}"))),
    };
    if kek.len() != want {
        return Err(Fail::rejected(format!(
            "alg {alg} needs a {want}-byte key, not {}",
            kek.len()
        )));
    }
    macro_rules! kw {
        ($k:ty) => {{
            let k = <$k>::try_from(kek).map_err(|_| Fail::rejected("bad key length"))?;
            if wrap {
                k.wrap_vec(cek)
                    .map_err(|e| Fail::rejected(format!("key wrap: {e}")))
            } else {
                k.unwrap_vec(cek)
                    .map_err(|_| Fail::rejected("key unwrap: integrity check failed"))
            }
        }};
    }
    match alg {
        -3 => kw!(aes_kw::KekAes128),
        -4 => kw!(aes_kw::KekAes192),
        _ => kw!(aes_kw::KekAes256),
    }
}

/// HMAC 256/64 (4), 256/256 (5), 384/384 (6), 512/512 (7): the full tag, truncated for 4.
fn hmac(alg: i64, key: &[u8], data: &[u8]) -> Result<Vec<u8>, Fail> {
    macro_rules! tag {
        ($h:ty) => {{
            let mut m =
                <Hmac<$h> as Mac>::new_from_slice(key).map_err(|_| Fail::rejected("HMAC key"))?;
            m.update(data);
            m.finalize().into_bytes().to_vec()
        }};
    }
    Ok(match alg {
        4 => tag!(Sha256)[..8].to_vec(),
        5 => tag!(Sha256),
        6 => tag!(Sha384),
        7 => tag!(Sha512),
        _ => return Err(Fail::unsupported(format!("MAC algorithm {alg}"))),
    })
}

pub fn mac(alg: i64, key: &[u8], data: &[u8]) -> Result<Vec<u8>, Fail> {
    hmac(alg, key, data)
}

pub fn verify_mac(alg: i64, key: &[u8], data: &[u8], tag: &[u8]) -> Result<(), Fail> {
    let want = hmac(alg, key, data)?;
    // Constant time over equal lengths: the tag is public, only its bytes must not leak timing.
    let same =
        want.len() == tag.len() && want.iter().zip(tag).fold(0u8, |a, (x, y)| a | (x ^ y)) == 0;
    if same {
        Ok(())
    } else {
        Err(Fail::rejected("the MAC tag does not match"))
    }
}

pub fn sign(alg: i64, key: &CoseKey, data: &[u8]) -> Result<Vec<u8>, Fail> {
    use p256::ecdsa::signature::Signer;
    match alg {
        -7 => {
            if keys::curve(key)? != P256 {
                return Err(Fail::unsupported("ES256 is implemented on P-256 only"));
            }
            let sk = p256::ecdsa::SigningKey::from_slice(&keys::private(key)?)
                .map_err(|_| Fail::rejected("not a P-256 private key"))?;
            let sig: p256::ecdsa::Signature = sk.sign(data);
            Ok(sig.to_bytes().to_vec())
        }
        -35 => {
            if keys::curve(key)? != P384 {
                return Err(Fail::unsupported("ES384 is implemented on P-384 only"));
            }
            let sk = p384::ecdsa::SigningKey::from_slice(&keys::private(key)?)
                .map_err(|_| Fail::rejected("not a P-384 private key"))?;
            let sig: p384::ecdsa::Signature = sk.sign(data);
            Ok(sig.to_bytes().to_vec())
        }
        -8 => {
            if keys::curve(key)? != ED25519 {
                return Err(Fail::unsupported("EdDSA is implemented on Ed25519 only"));
            }
            let d: [u8; 32] = keys::private(key)?
                .try_into()
                .map_err(|_| Fail::rejected("an Ed25519 private key is 32 bytes"))?;
            Ok(ed25519_dalek::SigningKey::from_bytes(&d)
                .sign(data)
                .to_bytes()
                .to_vec())
        }
        _ => Err(Fail::unsupported(format!("signature algorithm {alg}"))),
    }
}

pub fn verify(alg: i64, key: &CoseKey, data: &[u8], sig: &[u8]) -> Result<(), Fail> {
    use p256::ecdsa::signature::Verifier;
    let bad = || Fail::rejected("the signature does not verify");
    match alg {
        -7 => {
            if keys::curve(key)? != P256 {
                return Err(Fail::unsupported("ES256 is implemented on P-256 only"));
            }
            let vk = p256::ecdsa::VerifyingKey::from_sec1_bytes(&keys::ec2_point(key)?)
                .map_err(|_| Fail::rejected("not a P-256 public key"))?;
            let s = p256::ecdsa::Signature::from_slice(sig).map_err(|_| bad())?;
            vk.verify(data, &s).map_err(|_| bad())
        }
        -35 => {
            if keys::curve(key)? != P384 {
                return Err(Fail::unsupported("ES384 is implemented on P-384 only"));
            }
            let vk = p384::ecdsa::VerifyingKey::from_sec1_bytes(&keys::ec2_point(key)?)
                .map_err(|_| Fail::rejected("not a P-384 public key"))?;
            let s = p384::ecdsa::Signature::from_slice(sig).map_err(|_| bad())?;
            vk.verify(data, &s).map_err(|_| bad())
        }
        -8 => {
            if keys::curve(key)? != ED25519 {
                return Err(Fail::unsupported("EdDSA is implemented on Ed25519 only"));
            }
            let x: [u8; 32] = keys::okp_public(key)?
                .try_into()
                .map_err(|_| Fail::rejected("an Ed25519 public key is 32 bytes"))?;
            let vk = ed25519_dalek::VerifyingKey::from_bytes(&x)
                .map_err(|_| Fail::rejected("not an Ed25519 public key"))?;
            let s = ed25519_dalek::Signature::from_slice(sig).map_err(|_| bad())?;
            vk.verify(data, &s).map_err(|_| bad())
        }
        _ => Err(Fail::unsupported(format!("signature algorithm {alg}"))),
    }
}
