//! sprigin's path functions (sprout v1.0.3 `filesystem` registry: `path*` use Go's `path`,
//! `os*` use `path/filepath`, identical on Linux, where Capsule runs; sprig aliases `base`,
//! `dir`, `ext`, `clean`, `isAbs`). All take one `string`.

use super::args::{self, Wrapped, arity, string_at};
use crate::template::{FuncMap, Value};

/// Registers the family's functions.
pub(crate) fn register(map: &mut FuncMap) {
    let entries: &[(&'static str, crate::template::NativeFn)] = &[
        ("pathBase", w_base),
        ("base", w_base),
        ("osBase", w_base),
        ("pathDir", w_dir),
        ("dir", w_dir),
        ("osDir", w_dir),
        ("pathExt", w_ext),
        ("ext", w_ext),
        ("osExt", w_ext),
        ("pathClean", w_clean),
        ("clean", w_clean),
        ("osClean", w_clean),
        ("pathIsAbs", w_is_abs),
        ("isAbs", w_is_abs),
        ("osIsAbs", w_is_abs),
    ];
    for (name, call) in entries {
        map.insert(args::wrapped(name, *call));
    }
}

/// Go's `path.Clean`: lexical processing of `.`, `..` and repeated slashes.
pub(crate) fn clean_path(p: &str) -> String {
    if p.is_empty() {
        return ".".into();
    }
    let rooted = p.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|l| *l != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}

/// Go's `path.Base`.
fn base_of(p: &str) -> String {
    if p.is_empty() {
        return ".".into();
    }
    let trimmed = p.trim_end_matches('/');
    if trimmed.is_empty() {
        return "/".into();
    }
    match trimmed.rfind('/') {
        Some(i) => trimmed[i + 1..].to_string(),
        None => trimmed.to_string(),
    }
}

/// Go's `path.Dir`: everything before the last slash, cleaned.
fn dir_of(p: &str) -> String {
    let cut = p.rfind('/').map(|i| &p[..=i]).unwrap_or("");
    clean_path(cut)
}

/// Go's `path.Ext`: from the last dot of the final element.
fn ext_of(p: &str) -> String {
    for (i, b) in p.bytes().enumerate().rev() {
        match b {
            b'/' => break,
            b'.' => return p[i..].to_string(),
            _ => {}
        }
    }
    String::new()
}

fn one(a: &[Value], f: fn(&str) -> Value) -> Wrapped {
    arity(a, 1)?;
    Ok(f(&string_at(a, 0)?))
}

fn base(a: &[Value]) -> Wrapped {
    one(a, |p| Value::from(base_of(p)))
}
wrap!(w_base, base);

fn dir(a: &[Value]) -> Wrapped {
    one(a, |p| Value::from(dir_of(p)))
}
wrap!(w_dir, dir);

fn ext(a: &[Value]) -> Wrapped {
    one(a, |p| Value::from(ext_of(p)))
}
wrap!(w_ext, ext);

fn clean(a: &[Value]) -> Wrapped {
    one(a, |p| Value::from(clean_path(p)))
}
wrap!(w_clean, clean);

fn is_abs(a: &[Value]) -> Wrapped {
    one(a, |p| Value::Bool(p.starts_with('/')))
}
wrap!(w_is_abs, is_abs);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_path_semantics() {
        // Measured (sprigin.md `paths` case) and Go's path package documentation examples.
        assert_eq!(base_of("/a/b.txt"), "b.txt");
        assert_eq!(base_of(""), ".");
        assert_eq!(base_of("///"), "/");
        assert_eq!(dir_of("/a/b.txt"), "/a");
        assert_eq!(dir_of(""), ".");
        assert_eq!(dir_of("a"), ".");
        assert_eq!(ext_of("/a/b.tar.gz"), ".gz");
        assert_eq!(ext_of("/a.b/c"), "");
        assert_eq!(clean_path("/a/../b//c/"), "/b/c");
        assert_eq!(clean_path("../../x"), "../../x");
        assert_eq!(clean_path("/.."), "/");
        assert_eq!(clean_path("a/.."), ".");
    }
}

#[cfg(test)]
mod family_tests {
    use crate::sprig::test_engine::check;

    /// Measured (`paths`) and oracle.
    #[test]
    fn path_functions() {
        check(&[
            ("base \"/a/b.txt\"", "b.txt"),
            ("dir \"/a/b.txt\"", "/a"),
            ("ext \"/a/b.tar.gz\"", ".gz"),
            ("clean \"/a/../b//c/\"", "/b/c"),
            ("isAbs \"a/b\"", "false"),
            ("osBase \"/x/y\"", "y"),
            ("base \"\"", "."),
            ("dir \"\"", "."),
            ("pathBase \"/q/r\"", "r"),
            ("base \"a/b/\"", "b"),
            ("dir \"/\"", "/"),
            ("ext \"a.b/c\"", ""),
            ("clean \"a//b/../c/.\"", "a/c"),
            ("isAbs \"/x\"", "true"),
            ("osIsAbs \"/x\"", "true"),
            ("pathExt \"x.y\"", ".y"),
            ("osDir \"a/b\"", "a"),
            ("osClean \"\"", "."),
            ("base .n", "<no value>"),
            ("base nil", "."),
            ("dir", "<no value>"),
        ]);
        // Go's path package (goldens from the Go toolchain): base|dir|ext|clean.
        for (input, want) in [
            ("", ".|.||."),
            ("..", "..|.|.|.."),
            ("../a/..", "..|../a|.|.."),
            ("./a", "a|.||a"),
            (".bashrc", ".bashrc|.|.bashrc|.bashrc"),
            ("/", "/|/||/"),
            ("//", "/|/||/"),
            ("/a/b/../../..", "..|/|.|/"),
            ("/x.y/", "x.y|/x.y||/x.y"),
            ("a.tar.gz", "a.tar.gz|.|.gz|a.tar.gz"),
            ("a/", "a|a||a"),
            ("a/./b/", "b|a/b||a/b"),
            ("a/.b", ".b|a|.b|a/.b"),
        ] {
            let q = format!("\"{input}\"");
            let got = ["base", "dir", "ext", "clean"]
                .map(|f| crate::sprig::test_engine::render(&format!("{f} {q}")))
                .join("|");
            assert_eq!(got, want, "{input:?}");
        }
    }
}
