//! Go's `fmt` as the template builtins `print`, `printf` and `println` use it.
//!
//! (Placeholder: the full verb/flag implementation lands with the printf work.)

use super::value::Value;

/// `fmt.Sprintf(format, args...)`.
pub fn sprintf(format: &str, args: &[Value]) -> String {
    let mut out = String::from(format);
    for a in args {
        out.push(' ');
        a.write_v(&mut out, false);
    }
    out
}

/// `fmt.Sprint(args...)`: operands separated by a space when neither side is a string.
pub fn sprint(args: &[Value]) -> String {
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        let is_str = |v: &Value| matches!(v, Value::String(_));
        if i > 0 && !is_str(a) && !is_str(&args[i - 1]) {
            out.push(' ');
        }
        a.write_v(&mut out, false);
    }
    out
}

/// `fmt.Sprintln(args...)`: operands always separated by a space, newline at the end.
pub fn sprintln(args: &[Value]) -> String {
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        a.write_v(&mut out, false);
    }
    out.push('\n');
    out
}
