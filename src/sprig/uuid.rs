//! sprigin's `uuidv4`: a random RFC 4122 version 4 UUID in lower case, drawn from
//! `ctx.env.entropy`.

use std::fmt::Write;

use crate::template::{CallCtx, FuncError, FuncMap, Value};

use super::args::{self, Wrapped, finish, wrapped};
use super::typed::nondet;

fn uuidv4(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let out: Wrapped = args::arity(a, 0).map(|()| {
        let mut b = [0u8; 16];
        ctx.env.entropy.fill_bytes(&mut b);
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        let mut s = String::with_capacity(36);
        for (i, byte) in b.iter().enumerate() {
            if matches!(i, 4 | 6 | 8 | 10) {
                s.push('-');
            }
            let _ = write!(s, "{byte:02x}");
        }
        Value::from(s)
    });
    finish(ctx, out)
}

/// Registers the family's functions.
pub(crate) fn register(map: &mut FuncMap) {
    map.insert(nondet(wrapped("uuidv4", uuidv4)));
}

#[cfg(test)]
mod tests {
    use super::super::test_engine::call;
    use crate::template::Value;

    #[test]
    fn shape() {
        // Measured (uuid-shape): 36 characters, version 4, RFC 4122 variant.
        let s = call("uuidv4", &[]).0.to_template_string();
        assert_eq!(s.len(), 36);
        let b = s.as_bytes();
        assert_eq!(b[14], b'4');
        assert!(matches!(b[19], b'8' | b'9' | b'a' | b'b'));
        assert!([8, 13, 18, 23].iter().all(|&i| b[i] == b'-'));
        assert!(
            s.bytes()
                .all(|c| c == b'-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        assert_eq!(
            call("uuidv4", &[Value::Int(1)]).0.to_template_string(),
            "<no value>"
        );
    }
}
