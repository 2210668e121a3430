//! `capsule-render template [--data FILE] [--missing-key MODE] TEMPLATE_FILE|-`: renders one Go
//! template with the generator engine and function map (product.md §1).
//!
//! Contract: on success exactly the rendered bytes on stdout and exit 0; on a parse or
//! execution error exit 1 with Go's message as the first stderr line, followed by a human
//! diagnostic (the source line and a caret, and our hint when we have one). Usage errors exit 2.
//! `--data` is JSON, or YAML through [`crate::yaml::decode_k8s_stream`]; it is decoded as
//! Capsule sees objects (integers int64, other numbers float64); absent means an empty map.

use std::io::{Read, Write};

use crate::template::{ExecOptions, MissingKey, RenderEnv, Template, TemplateError, Value};

const USAGE: &str = "usage: capsule-render template [--data FILE] \
                     [--missing-key invalid|default|zero|error] TEMPLATE_FILE|-";

struct Args {
    data: Option<String>,
    missing_key: MissingKey,
    template: String,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut data = None;
    let mut missing_key = MissingKey::Zero;
    let mut template = None;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (a.as_str(), None),
        };
        match flag {
            "--data" | "--missing-key" => {
                let v = match inline {
                    Some(v) => v,
                    None => {
                        i += 1;
                        args.get(i)
                            .cloned()
                            .ok_or_else(|| format!("{flag} needs a value"))?
                    }
                };
                if flag == "--data" {
                    data = Some(v);
                } else {
                    missing_key = MissingKey::parse(&v).ok_or_else(|| {
                        format!("--missing-key must be invalid, default, zero or error, not {v:?}")
                    })?;
                }
            }
            "-h" | "--help" => return Err(String::new()),
            "-" => template = Some("-".to_string()),
            f if f.starts_with('-') => return Err(format!("unknown option {f}")),
            _ => {
                if template.is_some() {
                    return Err("only one template file may be given".into());
                }
                template = Some(a.clone());
            }
        }
        i += 1;
    }
    let template = template.ok_or_else(|| "missing TEMPLATE_FILE (or - for stdin)".to_string())?;
    Ok(Args {
        data,
        missing_key,
        template,
    })
}

fn read_source(path: &str, stdin: &mut dyn Read) -> Result<String, String> {
    if path == "-" {
        let mut s = String::new();
        stdin
            .read_to_string(&mut s)
            .map_err(|e| format!("reading the template from stdin: {e}"))?;
        return Ok(s);
    }
    std::fs::read_to_string(path).map_err(|e| format!("reading {path}: {e}"))
}

fn read_data(path: &str) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("reading {path}: {e}"))?;
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
        return Ok(Value::from_json(&v));
    }
    match crate::yaml::decode_k8s_stream(&text) {
        Ok(docs) => Ok(docs
            .iter()
            .find(|d| !d.is_null())
            .map(Value::from_json)
            .unwrap_or_else(|| Value::from(crate::template::Map::new()))),
        Err(e) => Err(format!("{path}: not valid JSON or YAML: {e}")),
    }
}

/// Writes the human part of a diagnostic: where, the source line with a caret, and the hint.
fn write_diagnostic(stderr: &mut dyn Write, file: &str, source: &str, err: &TemplateError) {
    if let Some(pos) = err.pos {
        let line_text = source
            .split('\n')
            .nth(pos.line.saturating_sub(1) as usize)
            .unwrap_or("");
        let col = (pos.col as usize).min(line_text.len());
        let _ = writeln!(stderr, "  --> {file}:{}:{}", pos.line, col + 1);
        let _ = writeln!(stderr, "   |");
        // Long lines are shown as a window of about 80 characters around the column.
        let mut start = col.saturating_sub(40);
        while !line_text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (col + 40).min(line_text.len());
        while !line_text.is_char_boundary(end) {
            end += 1;
        }
        let shown = line_text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches('\r');
        let (lead, tail) = (
            if start > 0 { "…" } else { "" },
            if end < line_text.len() { "…" } else { "" },
        );
        let _ = writeln!(stderr, "{:>3}| {lead}{shown}{tail}", pos.line);
        // The caret goes under the column's character, counting characters, not bytes.
        let prefix = line_text.get(start..col).unwrap_or("");
        let pad: String = lead
            .chars()
            .chain(prefix.chars())
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let _ = writeln!(stderr, "   | {pad}^");
    }
    if let Some(h) = &err.hint {
        let _ = writeln!(stderr, "  hint: {h}");
    }
}

/// Stack of the thread that renders, so `{{template}}` recursion can reach Go's depth limit.
const RENDER_STACK: usize = 512 * 1024 * 1024;

/// Runs the subcommand with its arguments (after `template`); returns the exit code.
///
/// The work runs on a thread with a large stack (virtual memory, committed only as used) and a
/// matching stack budget; stdout and stderr are written once it is done.
pub fn run(
    args: &[String],
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    // Standard input is read here, on the caller's thread (which may hold its lock).
    let mut piped = Vec::new();
    if args.iter().any(|a| a == "-") {
        let _ = stdin.read_to_end(&mut piped);
    }
    let owned = args.to_vec();
    let worker = std::thread::Builder::new()
        .name("render".into())
        .stack_size(RENDER_STACK)
        .spawn(move || {
            crate::template::set_stack_budget(RENDER_STACK / 4 * 3);
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let code = run_here(&owned, &mut piped.as_slice(), &mut out, &mut err);
            (code, out, err)
        });
    let joined = worker.ok().and_then(|h| h.join().ok());
    match joined {
        Some((code, out, err)) => {
            let _ = stderr.write_all(&err);
            if stdout.write_all(&out).and_then(|_| stdout.flush()).is_err() {
                return 1;
            }
            code
        }
        // No thread (or it died): render on this thread with the default budget.
        None => run_here(args, &mut std::io::empty(), stdout, stderr),
    }
}

/// [`run`] on the current thread.
pub fn run_here(
    args: &[String],
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let args = match parse_args(args) {
        Ok(a) => a,
        Err(msg) => {
            if !msg.is_empty() {
                let _ = writeln!(stderr, "capsule-render template: {msg}");
            }
            let _ = writeln!(stderr, "{USAGE}");
            return 2;
        }
    };
    let source = match read_source(&args.template, stdin) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(stderr, "capsule-render template: {e}");
            return 1;
        }
    };
    let data = match &args.data {
        Some(path) => match read_data(path) {
            Ok(v) => v,
            Err(e) => {
                let _ = writeln!(stderr, "capsule-render template: {e}");
                return 1;
            }
        },
        None => Value::from(crate::template::Map::new()),
    };
    let funcs = crate::sprig::capsule_func_map();
    let file = if args.template == "-" {
        "<stdin>"
    } else {
        args.template.as_str()
    };
    let result = Template::parse("tpl", &source, &funcs).and_then(|t| {
        let options = ExecOptions {
            missing_key: args.missing_key,
            ..ExecOptions::default()
        };
        t.execute(&data, &options, &mut RenderEnv::default())
    });
    match result {
        Ok(out) => {
            if stdout
                .write_all(out.as_bytes())
                .and_then(|_| stdout.flush())
                .is_err()
            {
                return 1;
            }
            0
        }
        Err(e) => {
            let _ = writeln!(stderr, "{}", e.go_message);
            write_diagnostic(stderr, file, &source, &e);
            1
        }
    }
}
