//! The few DER and PEM encodings Go's `encoding/asn1`, `encoding/pem` and `crypto/x509` write for
//! sprout's certificate functions, byte for byte: definite minimal lengths, minimal INTEGERs,
//! `pem.Encode`'s 64-column base64 lines, and `pem.Decode`'s lenient search for a block.

use super::base_n;

/// A DER element: `tag`, minimal definite length, `content`.
pub(crate) fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(content.len() + 6);
    out.push(tag);
    let n = content.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes = n.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        let len = bytes.get(skip..).unwrap_or(&[]);
        out.push(0x80 | len.len() as u8);
        out.extend_from_slice(len);
    }
    out.extend_from_slice(content);
    out
}

/// A SEQUENCE of already-encoded elements.
pub(crate) fn seq(parts: &[&[u8]]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

/// A non-negative INTEGER from big-endian magnitude bytes (leading zeros dropped, a zero byte
/// added when the top bit is set), as Go marshals a `*big.Int` or an `int`.
pub(crate) fn uint(be: &[u8]) -> Vec<u8> {
    let skip = be.iter().take_while(|b| **b == 0).count();
    let mag = be.get(skip..).unwrap_or(&[]);
    let mut content = Vec::with_capacity(mag.len() + 1);
    if mag.first().is_none_or(|b| b & 0x80 != 0) {
        content.push(0);
    }
    content.extend_from_slice(mag);
    tlv(0x02, &content)
}

/// An OCTET STRING.
pub(crate) fn octets(b: &[u8]) -> Vec<u8> {
    tlv(0x04, b)
}

/// A BIT STRING of whole bytes (no unused bits).
pub(crate) fn bits(b: &[u8]) -> Vec<u8> {
    let mut content = Vec::with_capacity(b.len() + 1);
    content.push(0);
    content.extend_from_slice(b);
    tlv(0x03, &content)
}

/// `pem.Encode`: header, base64 in 64-character lines, footer, each line ending in `\n`.
pub(crate) fn pem_encode(kind: &str, der: &[u8]) -> String {
    let b64 = base_n::base64_encode(der);
    let mut out = String::with_capacity(b64.len() + b64.len() / 64 + 2 * kind.len() + 40);
    out.push_str("-----BEGIN ");
    out.push_str(kind);
    out.push_str("-----\n");
    let mut rest = b64.as_str();
    while !rest.is_empty() {
        let (line, tail) = rest.split_at(rest.len().min(64));
        out.push_str(line);
        out.push('\n');
        rest = tail;
    }
    out.push_str("-----END ");
    out.push_str(kind);
    out.push_str("-----\n");
    out
}

/// A decoded PEM block: its type and its bytes.
pub(crate) struct PemBlock {
    pub(crate) kind: String,
    pub(crate) der: Vec<u8>,
}

/// `pem.Decode` as sprout uses it: the first well-formed block anywhere in `text` (Go skips
/// anything before a `-----BEGIN` line and blocks whose body or footer is malformed), with
/// `Key: value` header lines skipped. `None` when there is none.
pub(crate) fn pem_decode(text: &str) -> Option<PemBlock> {
    const BEGIN: &str = "-----BEGIN ";
    const DASHES: &str = "-----";
    let mut rest = text;
    loop {
        let start = if rest.starts_with(BEGIN) {
            0
        } else {
            rest.find(&format!("\n{BEGIN}"))? + 1
        };
        let after = rest.get(start + BEGIN.len()..)?;
        // The next search starts after this BEGIN, whatever happens to this block.
        let next = after;
        let line_end = after.find('\n').map_or(after.len(), |i| i + 1);
        let line = after
            .get(..line_end)
            .unwrap_or("")
            .trim_end_matches(['\r', '\n', ' ', '\t']);
        let Some(kind) = line.strip_suffix(DASHES) else {
            rest = next;
            continue;
        };
        let body = after.get(line_end..).unwrap_or("");
        let footer = format!("{BEGIN_END}{kind}{DASHES}", BEGIN_END = "-----END ");
        let Some(end) = find_footer(body, &footer) else {
            rest = next;
            continue;
        };
        let content = body.get(..end).unwrap_or("");
        match decode_body(content) {
            Some(der) => {
                return Some(PemBlock {
                    kind: kind.to_string(),
                    der,
                });
            }
            None => rest = next,
        }
    }
}

/// Where the footer starts: at the start of the body (empty block) or after a newline.
fn find_footer(body: &str, footer: &str) -> Option<usize> {
    if body.starts_with(footer) {
        return Some(0);
    }
    body.find(&format!("\n{footer}")).map(|i| i + 1)
}

/// The base64 body after optional `Key: value` headers (ended by an empty line).
fn decode_body(content: &str) -> Option<Vec<u8>> {
    let mut lines: Vec<&str> = content.split('\n').collect();
    if lines.first().is_some_and(|l| l.contains(':')) {
        let blank = lines.iter().position(|l| l.trim().is_empty())?;
        lines.drain(..=blank);
    }
    let b64: String = lines
        .concat()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\t' | '\r' | '\n'))
        .collect();
    base_n::base64_decode(&b64).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_and_integers() {
        assert_eq!(tlv(4, &[1, 2]), vec![4, 2, 1, 2]);
        assert_eq!(tlv(4, &[0; 200]).get(..3), Some(&[4u8, 0x81, 200][..]));
        assert_eq!(tlv(4, &[0; 300]).get(..4), Some(&[4u8, 0x82, 1, 44][..]));
        assert_eq!(uint(&[0, 0, 0x80]), vec![2, 2, 0, 0x80]);
        assert_eq!(uint(&[0, 5]), vec![2, 1, 5]);
        assert_eq!(uint(&[]), vec![2, 1, 0]);
    }

    #[test]
    fn pem_round_trip_and_leniency() {
        let der: Vec<u8> = (0..100u8).collect();
        let p = pem_encode("TEST", &der);
        assert!(p.starts_with("-----BEGIN TEST-----\n") && p.ends_with("-----END TEST-----\n"));
        assert_eq!(p.lines().nth(1).map(str::len), Some(64));
        let got = pem_decode(&format!("junk\n{p}trailer")).map(|b| (b.kind, b.der));
        assert_eq!(got, Some(("TEST".to_string(), der)));
        assert!(pem_decode("").is_none());
        assert!(pem_decode("-----BEGIN X-----\n!!\n-----END X-----\n").is_none());
        assert!(pem_decode("-----BEGIN X-----\nAAAA\n-----END Y-----\n").is_none());
    }
}
