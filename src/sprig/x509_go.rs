//! The private keys and X.509 certificates sprout's crypto functions make, encoded the way Go's
//! `crypto/x509` and sprout's `pemBlockForKey` / `parsePrivateKeyPEM` / `getBaseCertTemplate` /
//! `getCertAndKey` do: PKCS#1 `RSA PRIVATE KEY`, SEC1 `EC PRIVATE KEY`, PKCS#8 `PRIVATE KEY`
//! (Ed25519), and v3 certificates with Go's field order, string types and extensions.

use rsa::pkcs1::{DecodeRsaPrivateKey, EncodeRsaPrivateKey, EncodeRsaPublicKey};
use rsa::signature::{RandomizedSigner, SignatureEncoding, Signer};
use sha2::Digest;

use super::der_go::{bits, octets, pem_decode, pem_encode, seq, tlv, uint};
use super::entropy_rng::EntropyRng;

// Pre-encoded OBJECT IDENTIFIERs.
const OID_RSA: &[u8] = &[6, 9, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 1, 1, 1];
const OID_SHA256_RSA: &[u8] = &[6, 9, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 1, 1, 11];
const OID_EC_PUBLIC_KEY: &[u8] = &[6, 7, 0x2a, 0x86, 0x48, 0xce, 0x3d, 2, 1];
const OID_P256: &[u8] = &[6, 8, 0x2a, 0x86, 0x48, 0xce, 0x3d, 3, 1, 7];
const OID_P384: &[u8] = &[6, 5, 0x2b, 0x81, 0x04, 0, 0x22];
const OID_ECDSA_SHA256: &[u8] = &[6, 8, 0x2a, 0x86, 0x48, 0xce, 0x3d, 4, 3, 2];
const OID_ECDSA_SHA384: &[u8] = &[6, 8, 0x2a, 0x86, 0x48, 0xce, 0x3d, 4, 3, 3];
const OID_ED25519: &[u8] = &[6, 3, 0x2b, 0x65, 0x70];
const OID_CN: &[u8] = &[6, 3, 0x55, 4, 3];
const OID_SKI: &[u8] = &[6, 3, 0x55, 0x1d, 0x0e];
const OID_KEY_USAGE: &[u8] = &[6, 3, 0x55, 0x1d, 0x0f];
const OID_SAN: &[u8] = &[6, 3, 0x55, 0x1d, 0x11];
const OID_BASIC_CONSTRAINTS: &[u8] = &[6, 3, 0x55, 0x1d, 0x13];
const OID_AKI: &[u8] = &[6, 3, 0x55, 0x1d, 0x23];
const OID_EXT_KEY_USAGE: &[u8] = &[6, 3, 0x55, 0x1d, 0x25];
const OID_SERVER_AUTH: &[u8] = &[6, 8, 0x2b, 6, 1, 5, 5, 7, 3, 1];
const OID_CLIENT_AUTH: &[u8] = &[6, 8, 0x2b, 6, 1, 5, 5, 7, 3, 2];
const NULL: &[u8] = &[5, 0];

/// A private key sprout can put in a certificate.
pub(crate) enum GoKey {
    Rsa(Box<rsa::PrivateKey>),
    P256(p256::SecretKey),
    P384(p384::SecretKey),
    Ed25519(ed25519_dalek::SigningKey),
    /// A DSA key: Go parses it but `x509.CreateCertificate` rejects it (neither a signer nor a
    /// marshalable public key), so it only ever leads to an error.
    Dsa,
}

impl GoKey {
    /// A fresh RSA key of `bits` bits (`rsa.GenerateKey`).
    pub(crate) fn rsa(rng: &mut EntropyRng<'_>, bits: usize) -> Result<GoKey, String> {
        rsa::PrivateKey::new(rng, bits)
            .map(|k| GoKey::Rsa(Box::new(k)))
            .map_err(|e| format!("error generating rsa key: {e}"))
    }

    /// sprout's `genPrivateKey "dsa"`: `dsa.GenerateParameters(…, dsa.L2048N256)` then
    /// `dsa.GenerateKey`, as the `DSA PRIVATE KEY` PEM of `DSAKeyFormat{Version, P, Q, G, Y, X}`.
    pub(crate) fn dsa_pem(rng: &mut EntropyRng<'_>) -> String {
        let Ok(components) =
            dsa::Components::try_generate_from_rng_with_key_size(rng, dsa::KeySize::DSA_2048_256);
        let Ok(key) = dsa::SigningKey::try_generate_from_rng_with_components(rng, components);
        let vk = key.verifying_key();
        let c = vk.components();
        let der = seq(&[
            &uint(&[0]),
            &uint(&c.p().to_be_bytes()),
            &uint(&c.q().to_be_bytes()),
            &uint(&c.g().to_be_bytes()),
            &uint(&vk.y().to_be_bytes()),
            &uint(&key.x().to_be_bytes()),
        ]);
        pem_encode("DSA PRIVATE KEY", &der)
    }

    /// A fresh P-256 key (`ecdsa.GenerateKey(elliptic.P256(), …)`).
    pub(crate) fn p256(rng: &mut EntropyRng<'_>) -> GoKey {
        GoKey::P256(<p256::SecretKey as p256::elliptic_curve::Generate>::generate_from_rng(rng))
    }

    /// A fresh Ed25519 key from a 32-byte seed (`ed25519.GenerateKey`).
    pub(crate) fn ed25519(rng: &mut EntropyRng<'_>) -> GoKey {
        let mut seed = [0u8; 32];
        rand_core::Rng::fill_bytes(rng, &mut seed);
        GoKey::Ed25519(ed25519_dalek::SigningKey::from_bytes(&seed))
    }

    /// sprout's `pemBlockForKey` + `pem.EncodeToMemory`.
    pub(crate) fn to_pem(&self) -> Result<String, String> {
        match self {
            GoKey::Rsa(k) => k
                .to_pkcs1_der()
                .map(|d| pem_encode("RSA PRIVATE KEY", d.as_bytes()))
                .map_err(|e| e.to_string()),
            GoKey::P256(k) => Ok(pem_encode(
                "EC PRIVATE KEY",
                &sec1_der(&k.to_bytes(), OID_P256, &k.public_key().to_sec1_bytes()),
            )),
            GoKey::P384(k) => Ok(pem_encode(
                "EC PRIVATE KEY",
                &sec1_der(&k.to_bytes(), OID_P384, &k.public_key().to_sec1_bytes()),
            )),
            GoKey::Ed25519(k) => {
                // x509.MarshalPKCS8PrivateKey: version 0, Ed25519 without parameters, the seed
                // wrapped in an OCTET STRING; no public key.
                let der = seq(&[
                    &uint(&[0]),
                    &seq(&[OID_ED25519]),
                    &octets(&octets(&k.to_bytes())),
                ]);
                Ok(pem_encode("PRIVATE KEY", &der))
            }
            GoKey::Dsa => Err("x509: unknown key type while marshaling PKCS#8".into()),
        }
    }

    /// The SubjectPublicKeyInfo algorithm and the subject public key bytes
    /// (`x509.marshalPublicKey`).
    fn public_key_info(&self) -> Result<(Vec<u8>, Vec<u8>), String> {
        match self {
            GoKey::Rsa(k) => {
                let pk = k
                    .to_public_key()
                    .to_pkcs1_der()
                    .map_err(|e| e.to_string())?;
                Ok((seq(&[OID_RSA, NULL]), pk.as_bytes().to_vec()))
            }
            GoKey::P256(k) => Ok((
                seq(&[OID_EC_PUBLIC_KEY, OID_P256]),
                k.public_key().to_sec1_bytes().to_vec(),
            )),
            GoKey::P384(k) => Ok((
                seq(&[OID_EC_PUBLIC_KEY, OID_P384]),
                k.public_key().to_sec1_bytes().to_vec(),
            )),
            GoKey::Ed25519(k) => Ok((seq(&[OID_ED25519]), k.verifying_key().to_bytes().to_vec())),
            GoKey::Dsa => Err("x509: unsupported public key type: *dsa.PublicKey".into()),
        }
    }

    /// The signature AlgorithmIdentifier Go picks for the key (`signingParamsForKey`).
    fn signature_algorithm(&self) -> Result<Vec<u8>, String> {
        match self {
            GoKey::Rsa(_) => Ok(seq(&[OID_SHA256_RSA, NULL])),
            GoKey::P256(_) => Ok(seq(&[OID_ECDSA_SHA256])),
            GoKey::P384(_) => Ok(seq(&[OID_ECDSA_SHA384])),
            GoKey::Ed25519(_) => Ok(seq(&[OID_ED25519])),
            GoKey::Dsa => Err("x509: only RSA, ECDSA, ML-DSA and Ed25519 keys supported".into()),
        }
    }

    fn sign(&self, rng: &mut EntropyRng<'_>, tbs: &[u8]) -> Result<Vec<u8>, String> {
        match self {
            GoKey::Rsa(k) => {
                let signer = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new((**k).clone());
                signer
                    .try_sign_with_rng(rng, tbs)
                    .map(|s| s.to_vec())
                    .map_err(|e| e.to_string())
            }
            GoKey::P256(k) => {
                let signer = p256::ecdsa::SigningKey::from(k);
                let sig: p256::ecdsa::Signature =
                    signer.try_sign(tbs).map_err(|e| e.to_string())?;
                Ok(sig.to_der().as_bytes().to_vec())
            }
            GoKey::P384(k) => {
                let signer = p384::ecdsa::SigningKey::from(k);
                let sig: p384::ecdsa::Signature =
                    signer.try_sign(tbs).map_err(|e| e.to_string())?;
                Ok(sig.to_der().as_bytes().to_vec())
            }
            GoKey::Ed25519(k) => Ok(k.sign(tbs).to_bytes().to_vec()),
            GoKey::Dsa => {
                Err("x509: certificate private key does not implement crypto.Signer".into())
            }
        }
    }
}

/// SEC1 `ECPrivateKey` as `x509.MarshalECPrivateKey` writes it.
fn sec1_der(d: &[u8], curve: &[u8], point: &[u8]) -> Vec<u8> {
    seq(&[
        &uint(&[1]),
        &octets(d),
        &tlv(0xa0, curve),
        &tlv(0xa1, &bits(point)),
    ])
}

/// sprout's `parsePrivateKeyPEM`: PKCS#8 `PRIVATE KEY`, or `RSA`/`EC`/`DSA PRIVATE KEY`.
pub(crate) fn parse_private_key_pem(text: &str) -> Result<GoKey, String> {
    let block = pem_decode(text).ok_or("no PEM data in input")?;
    match block.kind.as_str() {
        "PRIVATE KEY" => {
            parse_pkcs8(&block.der).map_err(|e| format!("decoding PEM as PKCS#8: {e}"))
        }
        "RSA PRIVATE KEY" => rsa::PrivateKey::from_pkcs1_der(&block.der)
            .map(|k| GoKey::Rsa(Box::new(k)))
            .map_err(|e| format!("parsing RSA private key from PEM: {e}")),
        "EC PRIVATE KEY" => parse_sec1(&block.der, None)
            .map_err(|e| format!("parsing EC private key from PEM: {e}")),
        "DSA PRIVATE KEY" => Ok(GoKey::Dsa),
        other if other.ends_with(" PRIVATE KEY") => {
            Err(format!("invalid private key type {other}"))
        }
        other => Err(format!("no private key data in PEM block of type {other}")),
    }
}

fn parse_sec1(der: &[u8], curve_from_pkcs8: Option<&[u8]>) -> Result<GoKey, String> {
    use der::{Decode, Encode};
    let k = sec1::EcPrivateKey::from_der(der).map_err(|e| e.to_string())?;
    let curve = match (k.parameters, curve_from_pkcs8) {
        (Some(p), _) => p
            .named_curve()
            .ok_or("unknown elliptic curve")?
            .to_der()
            .map_err(|e| e.to_string())?,
        (None, Some(c)) => c.to_vec(),
        (None, None) => return Err("x509: unknown elliptic curve".into()),
    };
    let d = k.private_key;
    if curve == OID_P256 {
        p256::SecretKey::from_slice(d)
            .map(GoKey::P256)
            .map_err(|e| e.to_string())
    } else if curve == OID_P384 {
        p384::SecretKey::from_slice(d)
            .map(GoKey::P384)
            .map_err(|e| e.to_string())
    } else {
        Err("x509: unknown elliptic curve".into())
    }
}

fn parse_pkcs8(der: &[u8]) -> Result<GoKey, String> {
    use der::{Decode, Encode};
    let info = pkcs8::PrivateKeyInfoRef::from_der(der).map_err(|e| e.to_string())?;
    let alg = info.algorithm.oid.to_der().map_err(|e| e.to_string())?;
    let key = info.private_key.as_bytes();
    if alg == OID_RSA {
        rsa::PrivateKey::from_pkcs1_der(key)
            .map(|k| GoKey::Rsa(Box::new(k)))
            .map_err(|e| format!("x509: failed to parse RSA private key embedded in PKCS#8: {e}"))
    } else if alg == OID_EC_PUBLIC_KEY {
        let curve = info
            .algorithm
            .parameters
            .map(|p| p.to_der())
            .transpose()
            .map_err(|e| e.to_string())?;
        parse_sec1(key, curve.as_deref())
            .map_err(|e| format!("x509: failed to parse EC private key embedded in PKCS#8: {e}"))
    } else if alg == OID_ED25519 {
        if info.algorithm.parameters.is_some() {
            return Err("x509: invalid Ed25519 private key parameters".into());
        }
        let seed = der::asn1::OctetString::from_der(key)
            .map_err(|e| format!("x509: invalid Ed25519 private key: {e}"))?;
        let seed: [u8; 32] = seed
            .as_bytes()
            .try_into()
            .map_err(|_| format!("ed25519: bad private key length: {}", seed.as_bytes().len()))?;
        Ok(GoKey::Ed25519(ed25519_dalek::SigningKey::from_bytes(&seed)))
    } else {
        Err("x509: PKCS#8 wrapping contained private key with unknown algorithm".into())
    }
}

/// What sprout's `getBaseCertTemplate` puts in a certificate, plus the CA overrides.
pub(crate) struct CertSpec<'a> {
    pub(crate) cn: &'a str,
    pub(crate) ips: Vec<Vec<u8>>,
    pub(crate) dns: Vec<String>,
    /// NotBefore, Unix seconds (`time.Now()`, truncated to the second by the encoding).
    pub(crate) not_before: i64,
    /// NotAfter, Unix seconds.
    pub(crate) not_after: i64,
    pub(crate) serial: [u8; 16],
    pub(crate) is_ca: bool,
}

/// The issuer of a certificate being signed: the parent's raw subject, its key identifier (if
/// any), its public key info (to check the signing key against) and the signing key.
pub(crate) struct Issuer {
    pub(crate) subject: Vec<u8>,
    pub(crate) key_id: Option<Vec<u8>>,
    pub(crate) spki: Vec<u8>,
    pub(crate) key: GoKey,
}

/// The DER `Name` of `pkix.Name{CommonName: cn}`: empty when `cn` is; the CN a PrintableString
/// when every character allows it (Go rejects `*` and `&` there when marshalling), else UTF8String.
pub(crate) fn subject_name(cn: &str) -> Vec<u8> {
    if cn.is_empty() {
        return seq(&[]);
    }
    let printable = cn.bytes().all(|b| {
        b.is_ascii_alphanumeric()
            || matches!(b, b'\''..=b')' | b'+'..=b'/' | b' ' | b':' | b'=' | b'?')
    });
    let value = tlv(if printable { 0x13 } else { 0x0c }, cn.as_bytes());
    seq(&[&tlv(0x31, &seq(&[OID_CN, &value]))])
}

/// An ASN.1 time as Go's `encoding/asn1` writes a `time.Time`: UTCTime for 1950–2049, else
/// GeneralizedTime; an error outside years 0–9999.
fn asn1_time(unix: i64) -> Result<Vec<u8>, String> {
    let ts = jiff::Timestamp::from_second(unix).map_err(|e| e.to_string())?;
    let dt = jiff::tz::Offset::UTC.to_datetime(ts);
    let y = i32::from(dt.year());
    let rest = format!(
        "{:02}{:02}{:02}{:02}{:02}Z",
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second()
    );
    if (1950..2050).contains(&y) {
        Ok(tlv(0x17, format!("{:02}{rest}", y % 100).as_bytes()))
    } else if (0..=9999).contains(&y) {
        Ok(tlv(0x18, format!("{y:04}{rest}").as_bytes()))
    } else {
        Err("asn1: cannot represent time as GeneralizedTime".into())
    }
}

fn extension(oid: &[u8], critical: bool, value: &[u8]) -> Vec<u8> {
    if critical {
        seq(&[oid, &[1, 1, 0xff], &octets(value)])
    } else {
        seq(&[oid, &octets(value)])
    }
}

/// `x509.CreateCertificate(rand, template, parent, pub(subject_key), signer)` for sprout's
/// templates; returns the DER certificate. `issuer` is `None` for a self-signed certificate.
pub(crate) fn create_certificate(
    rng: &mut EntropyRng<'_>,
    spec: &CertSpec<'_>,
    subject_key: &GoKey,
    issuer: Option<&Issuer>,
) -> Result<Vec<u8>, String> {
    let signer = issuer.map_or(subject_key, |i| &i.key);
    let sig_alg = signer.signature_algorithm()?;
    let (pk_alg, pk_bytes) = subject_key.public_key_info()?;
    let spki = seq(&[&pk_alg, &bits(&pk_bytes)]);
    let subject = subject_name(spec.cn);
    let issuer_name = issuer.map_or_else(|| subject.clone(), |i| i.subject.clone());
    let aki = match issuer {
        Some(i) if i.subject != subject => i.key_id.clone(),
        _ => None,
    };
    let ski = spec.is_ca.then(|| {
        sha2::Sha256::digest(&pk_bytes)
            .get(..20)
            .unwrap_or(&[])
            .to_vec()
    });
    if let Some(i) = issuer {
        let (signer_alg, signer_pk) = i.key.public_key_info()?;
        if seq(&[&signer_alg, &bits(&signer_pk)]) != i.spki {
            return Err("x509: provided PrivateKey doesn't match parent's PublicKey".into());
        }
    }

    let mut exts: Vec<Vec<u8>> = Vec::new();
    // KeyUsage: DigitalSignature | KeyEncipherment (| CertSign for a CA), as a minimal BIT STRING.
    let ku: &[u8] = if spec.is_ca {
        &[3, 2, 2, 0xa4]
    } else {
        &[3, 2, 5, 0xa0]
    };
    exts.push(extension(OID_KEY_USAGE, true, ku));
    exts.push(extension(
        OID_EXT_KEY_USAGE,
        false,
        &seq(&[OID_SERVER_AUTH, OID_CLIENT_AUTH]),
    ));
    let bc = if spec.is_ca {
        seq(&[&[1, 1, 0xff]])
    } else {
        seq(&[])
    };
    exts.push(extension(OID_BASIC_CONSTRAINTS, true, &bc));
    if let Some(id) = &ski {
        exts.push(extension(OID_SKI, false, &octets(id)));
    }
    if let Some(id) = &aki {
        exts.push(extension(OID_AKI, false, &seq(&[&tlv(0x80, id)])));
    }
    if !spec.dns.is_empty() || !spec.ips.is_empty() {
        let mut names = Vec::new();
        for d in &spec.dns {
            if !d.is_ascii() {
                return Err(format!("x509: {d:?} cannot be encoded as an IA5String"));
            }
            names.extend(tlv(0x82, d.as_bytes()));
        }
        for ip in &spec.ips {
            names.extend(tlv(0x87, ip));
        }
        exts.push(extension(OID_SAN, subject == seq(&[]), &tlv(0x30, &names)));
    }
    let ext_refs: Vec<&[u8]> = exts.iter().map(Vec::as_slice).collect();

    let tbs = seq(&[
        &[0xa0, 3, 2, 1, 2],
        &uint(&spec.serial),
        &sig_alg,
        &issuer_name,
        &seq(&[&asn1_time(spec.not_before)?, &asn1_time(spec.not_after)?]),
        &subject,
        &spki,
        &tlv(0xa3, &seq(&ext_refs)),
    ]);
    let signature = signer.sign(rng, &tbs)?;
    Ok(seq(&[&tbs, &sig_alg, &bits(&signature)]))
}

/// Reads what signing needs from the CA certificate's DER (`x509.ParseCertificate`).
pub(crate) fn parse_issuer(der_cert: &[u8], key: GoKey) -> Result<Issuer, String> {
    use der::{Decode, Encode};
    let cert = x509_cert::Certificate::from_der(der_cert)
        .map_err(|e| format!("error parsing certificate: decodedSignerCert.Bytes: {e}"))?;
    let tbs = cert.tbs_certificate();
    let subject = tbs.subject().to_der().map_err(|e| e.to_string())?;
    let spki = tbs
        .subject_public_key_info()
        .to_der()
        .map_err(|e| e.to_string())?;
    let mut key_id = None;
    for ext in tbs.extensions().into_iter().flatten() {
        if ext.extn_id.to_der().map_err(|e| e.to_string())? == OID_SKI {
            let id = der::asn1::OctetString::from_der(ext.extn_value.as_bytes())
                .map_err(|e| e.to_string())?;
            if !id.as_bytes().is_empty() {
                key_id = Some(id.as_bytes().to_vec());
            }
        }
    }
    Ok(Issuer {
        subject,
        key_id,
        spki,
        key,
    })
}

/// The certificate PEM and the subject key PEM (`getCertAndKey`).
pub(crate) fn cert_and_key(der_cert: &[u8], key: &GoKey) -> Result<(String, String), String> {
    Ok((pem_encode("CERTIFICATE", der_cert), key.to_pem()?))
}

/// Go's `net.ParseIP` then `To4` where it applies: the address bytes as a certificate holds
/// them, `None` when Go would not parse it.
pub(crate) fn parse_ip(s: &str) -> Option<Vec<u8>> {
    match s.parse::<std::net::IpAddr>().ok()? {
        std::net::IpAddr::V4(v4) => Some(v4.octets().to_vec()),
        std::net::IpAddr::V6(v6) => Some(match v6.to_ipv4_mapped() {
            Some(v4) => v4.octets().to_vec(),
            None => v6.octets().to_vec(),
        }),
    }
}

// Signer is used through `k.sign` on the Ed25519 key.
#[allow(unused_imports)]
use Signer as _;
