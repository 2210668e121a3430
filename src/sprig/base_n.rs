//! Go's `encoding/base64.StdEncoding` and `encoding/base32.StdEncoding` (padded, non-strict:
//! `\r` and `\n` in the input are ignored, non-zero trailing bits are accepted).

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// `base64.StdEncoding.EncodeToString`.
pub(crate) fn base64_encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for k in 0..4 {
            if k < chars {
                out.push(char::from(B64[((n >> (18 - 6 * k)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn decode_generic(s: &str, alphabet: &[u8], bits: u32, group: usize) -> Result<Vec<u8>, String> {
    // Go strips \r and \n anywhere, then decodes quanta of `group` characters.
    let chars: Vec<(usize, u8)> = s
        .bytes()
        .enumerate()
        .filter(|(_, c)| *c != b'\r' && *c != b'\n')
        .collect();
    let illegal = |pos: usize| format!("illegal base64 data at input byte {pos}");
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let quantum = chars.get(i..(i + group).min(chars.len())).unwrap_or(&[]);
        let mut acc: u64 = 0;
        let mut n = 0usize;
        let mut pad_at = None;
        for (k, &(pos, c)) in quantum.iter().enumerate() {
            if c == b'=' {
                pad_at = Some((k, pos));
                break;
            }
            match alphabet.iter().position(|&a| a == c) {
                Some(v) => {
                    acc = (acc << bits) | v as u64;
                    n += 1;
                }
                None => return Err(illegal(pos)),
            }
        }
        match pad_at {
            None if quantum.len() < group => {
                let pos = quantum.last().map_or(s.len(), |&(p, _)| p);
                return Err(illegal(pos));
            }
            None => {}
            Some((k, pos)) => {
                // The rest of the quantum must be padding, and nothing may follow.
                let valid_data = if group == 4 {
                    k >= 2
                } else {
                    matches!(k, 2 | 4 | 5 | 7)
                };
                if !valid_data
                    || quantum.len() < group
                    || quantum.iter().skip(k).any(|&(_, c)| c != b'=')
                    || chars.len() > i + group
                {
                    let bad = quantum
                        .iter()
                        .skip(k)
                        .find(|&&(_, c)| c != b'=')
                        .map_or(pos, |&(p, _)| p);
                    return Err(illegal(bad));
                }
            }
        }
        let total_bits = n as u32 * bits;
        let nbytes = (total_bits / 8) as usize;
        let extra = total_bits % 8;
        let acc = acc >> extra;
        for k in (0..nbytes).rev() {
            out.push(((acc >> (8 * k)) & 0xff) as u8);
        }
        i += group;
    }
    Ok(out)
}

/// `base64.StdEncoding.DecodeString`.
pub(crate) fn base64_decode(s: &str) -> Result<Vec<u8>, String> {
    decode_generic(s, B64, 6, 4)
}

/// `base32.StdEncoding.EncodeToString`.
pub(crate) fn base32_encode(data: &[u8]) -> String {
    let mut out = String::new();
    for chunk in data.chunks(5) {
        let mut n: u64 = 0;
        for k in 0..5 {
            n = (n << 8) | u64::from(chunk.get(k).copied().unwrap_or(0));
        }
        let chars = (chunk.len() * 8).div_ceil(5);
        for k in 0..8 {
            if k < chars {
                out.push(char::from(B32[((n >> (35 - 5 * k)) & 31) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `base32.StdEncoding.DecodeString`.
pub(crate) fn base32_decode(s: &str) -> Result<Vec<u8>, String> {
    decode_generic(s, B32, 5, 8).map_err(|e| e.replace("base64", "base32"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trip_and_padding() {
        assert_eq!(base64_encode(b"hello"), "aGVsbG8=");
        assert_eq!(base64_encode(b""), "");
        assert_eq!(base64_encode(b"Hello World"), "SGVsbG8gV29ybGQ=");
        assert_eq!(base64_decode("aGVsbG8=").ok(), Some(b"hello".to_vec()));
        assert_eq!(base64_decode("aGVs\nbG8=").ok(), Some(b"hello".to_vec()));
        // Measured: b64dec "aGVsbG8" (no padding) and "!!" fail.
        assert!(base64_decode("aGVsbG8").is_err());
        assert!(base64_decode("!!").is_err());
        assert!(base64_decode("aGVsbG8=aGVs").is_err());
        assert_eq!(base64_decode("").ok(), Some(vec![]));
    }

    #[test]
    fn base32_round_trip() {
        assert_eq!(base32_encode(b"hello"), "NBSWY3DP");
        assert_eq!(base32_encode(b"Hello World"), "JBSWY3DPEBLW64TMMQ======");
        assert_eq!(
            base32_decode("JBSWY3DPEBLW64TMMQ======").ok(),
            Some(b"Hello World".to_vec())
        );
        assert!(base32_decode("!!").is_err());
        assert!(base32_decode("NBSWY3D").is_err());
    }
}
