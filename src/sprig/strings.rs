//! sprigin's string functions (sprout v1.0.3 `strings` registry, sprig aliases, `cat` from the
//! std registry, `splitList`/`strSlice` from the slices registry). Every one is wrapped: a
//! non-string where Go wants `string`, a data `int64` where Go wants `int`, or a wrong argument
//! count yields nil; nil arguments are the parameter's zero value.

use std::rc::Rc;

use super::args::{self, Swallow, Wrapped, arity, int_at, string_at};
use super::cast;
use crate::template::{CallCtx, FuncError, FuncMap, Function, ListKind, Value};

/// Registers the family's functions.
pub(crate) fn register(map: &mut FuncMap) {
    let entries: &[(&'static str, crate::template::NativeFn)] = &[
        ("nospace", w_nospace),
        ("trim", w_trim),
        ("trimAll", w_trim_all),
        ("trimall", w_trim_all),
        ("trimPrefix", w_trim_prefix),
        ("trimSuffix", w_trim_suffix),
        ("contains", w_contains),
        ("hasPrefix", w_has_prefix),
        ("hasSuffix", w_has_suffix),
        ("toLower", w_lower),
        ("lower", w_lower),
        ("tolower", w_lower),
        ("lowercase", w_lower),
        ("toUpper", w_upper),
        ("upper", w_upper),
        ("toupper", w_upper),
        ("uppercase", w_upper),
        ("replace", w_replace),
        ("repeat", w_repeat),
        ("join", w_join),
        ("trunc", w_trunc),
        ("ellipsis", w_ellipsis),
        ("abbrev", w_ellipsis),
        ("ellipsisBoth", w_ellipsis_both),
        ("abbrevboth", w_ellipsis_both),
        ("initials", w_initials),
        ("plural", w_plural),
        ("wrap", w_wrap),
        ("wrapWith", w_wrap_with),
        ("quote", w_quote),
        ("squote", w_squote),
        ("cat", w_cat),
        ("toCamelCase", w_camel),
        ("toKebabCase", w_kebab),
        ("kebab", w_kebab),
        ("kebabcase", w_kebab),
        ("toPascalCase", w_pascal),
        ("camelcase", w_pascal),
        ("toDotCase", w_dot),
        ("toPathCase", w_path),
        ("toConstantCase", w_constant),
        ("toSnakeCase", w_snake),
        ("snake", w_snake),
        ("snakecase", w_snake),
        ("toTitleCase", w_title),
        ("title", w_title),
        ("titlecase", w_title),
        ("untitle", w_untitle),
        ("swapCase", w_swap_case),
        ("swapcase", w_swap_case),
        ("capitalize", w_capitalize),
        ("uncapitalize", w_uncapitalize),
        ("split", w_split),
        ("splitn", w_splitn),
        ("splitList", w_split_list),
        ("substr", w_substr),
        ("indent", w_indent),
        ("nindent", w_nindent),
        ("seq", w_seq),
        ("strSlice", w_str_slice),
        ("toStrings", w_str_slice),
    ];
    for (name, call) in entries {
        map.insert(args::wrapped(name, *call));
    }
    map.insert(Function {
        nondeterministic: true,
        ..args::wrapped("shuffle", w_shuffle)
    });
}

fn s(v: impl Into<Rc<str>>) -> Value {
    Value::String(v.into())
}

/// A function of one `string` parameter.
fn one_str(a: &[Value], f: impl FnOnce(&str) -> Value) -> Wrapped {
    arity(a, 1)?;
    Ok(f(&string_at(a, 0)?))
}

/// A function of two `string` parameters.
fn two_str(a: &[Value], f: impl FnOnce(&str, &str) -> Value) -> Wrapped {
    arity(a, 2)?;
    Ok(f(&string_at(a, 0)?, &string_at(a, 1)?))
}

/// Go's `unicode.ToUpper`/`ToLower` (simple case mapping): a rune whose full mapping is several
/// runes (`ß`) keeps itself.
pub(crate) fn upper_rune(c: char) -> char {
    // Greek letters with ypogegrammeni: the full mapping is two letters, the simple one (Go's)
    // is the matching prosgegrammeni capital.
    let u = c as u32;
    if matches!(u, 0x1F80..=0x1F87 | 0x1F90..=0x1F97 | 0x1FA0..=0x1FA7) {
        return char::from_u32(u + 8).unwrap_or(c);
    }
    match c {
        '\u{1FB3}' => return '\u{1FBC}',
        '\u{1FC3}' => return '\u{1FCC}',
        '\u{1FF3}' => return '\u{1FFC}',
        _ => {}
    }
    let mut it = c.to_uppercase();
    match (it.next(), it.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

pub(crate) fn lower_rune(c: char) -> char {
    if c == '\u{130}' {
        return 'i';
    }
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// A byte range of a Go string; a cut inside a UTF-8 sequence shows U+FFFD as Go's invalid
/// bytes print through our UTF-8 strings.
fn byte_slice(v: &str, start: usize, end: usize) -> String {
    String::from_utf8_lossy(v.as_bytes().get(start..end).unwrap_or_default()).into_owned()
}

fn nospace(a: &[Value]) -> Wrapped {
    one_str(a, |v| {
        s(v.chars().filter(|c| !c.is_whitespace()).collect::<String>())
    })
}
wrap!(w_nospace, nospace);

fn trim(a: &[Value]) -> Wrapped {
    one_str(a, |v| s(v.trim()))
}
wrap!(w_trim, trim);

fn trim_all(a: &[Value]) -> Wrapped {
    two_str(a, |cut, v| s(v.trim_matches(|c| cut.contains(c))))
}
wrap!(w_trim_all, trim_all);

fn trim_prefix(a: &[Value]) -> Wrapped {
    two_str(a, |p, v| s(v.strip_prefix(p).unwrap_or(v)))
}
wrap!(w_trim_prefix, trim_prefix);

fn trim_suffix(a: &[Value]) -> Wrapped {
    two_str(a, |p, v| s(v.strip_suffix(p).unwrap_or(v)))
}
wrap!(w_trim_suffix, trim_suffix);

fn contains(a: &[Value]) -> Wrapped {
    two_str(a, |sub, v| Value::Bool(v.contains(sub)))
}
wrap!(w_contains, contains);

fn has_prefix(a: &[Value]) -> Wrapped {
    two_str(a, |p, v| Value::Bool(v.starts_with(p)))
}
wrap!(w_has_prefix, has_prefix);

fn has_suffix(a: &[Value]) -> Wrapped {
    two_str(a, |p, v| Value::Bool(v.ends_with(p)))
}
wrap!(w_has_suffix, has_suffix);

fn lower(a: &[Value]) -> Wrapped {
    one_str(a, |v| s(v.chars().map(lower_rune).collect::<String>()))
}
wrap!(w_lower, lower);

fn upper(a: &[Value]) -> Wrapped {
    one_str(a, |v| s(v.chars().map(upper_rune).collect::<String>()))
}
wrap!(w_upper, upper);

fn replace(a: &[Value]) -> Wrapped {
    arity(a, 3)?;
    let (old, new, v) = (string_at(a, 0)?, string_at(a, 1)?, string_at(a, 2)?);
    Ok(s(v.replace(&*old, &new)))
}
wrap!(w_replace, replace);

fn repeat(a: &[Value]) -> Wrapped {
    arity(a, 2)?;
    let (n, v) = (int_at(a, 0)?, string_at(a, 1)?);
    if n < 0 {
        return Err(Swallow::nil("strings: negative Repeat count"));
    }
    let total = (n as u128) * (v.len() as u128);
    if total > 64 * 1024 * 1024 {
        return Err(Swallow::nil("strings: Repeat output too large"));
    }
    Ok(s(v.repeat(n as usize)))
}
wrap!(w_repeat, repeat);

/// sprout's `StrSlice`: a `[]string` as is; other lists item by item with nil items dropped and
/// each converted by `cast.ToString` (lists and maps inside become `""`); nil → empty; a scalar
/// → one string (`%v`).
pub(crate) fn str_slice(v: &Value) -> Vec<Rc<str>> {
    match v {
        Value::Nil => Vec::new(),
        Value::List(items, ListKind::String | ListKind::NilString) => items
            .iter()
            .map(|i| match i {
                Value::String(s) => s.clone(),
                other => Rc::from(cast::sprint(other)),
            })
            .collect(),
        Value::List(items, _) => items
            .iter()
            .filter(|i| !matches!(i, Value::Nil))
            .map(|i| match i {
                Value::String(s) => s.clone(),
                other => Rc::from(cast::to_string(other).unwrap_or_default()),
            })
            .collect(),
        other => vec![Rc::from(cast::sprint(other))],
    }
}

fn join(a: &[Value]) -> Wrapped {
    arity(a, 2)?;
    let sep = string_at(a, 0)?;
    let parts = str_slice(&a[1]);
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        out.push_str(p);
    }
    Ok(s(out))
}
wrap!(w_join, join);

fn trunc(a: &[Value]) -> Wrapped {
    arity(a, 2)?;
    let (n, v) = (int_at(a, 0)?, string_at(a, 1)?);
    let len = v.len() as i64;
    if n < 0 && len + n > 0 {
        return Ok(s(byte_slice(&v, (len + n) as usize, v.len())));
    }
    if n >= 0 && len > n {
        return Ok(s(byte_slice(&v, 0, n as usize)));
    }
    Ok(Value::String(v))
}
wrap!(w_trunc, trunc);

/// sprout's `ellipsis(value, offset, maxWidth)`; the out-of-range slicings that panic in Go
/// yield nil.
fn ellipsis_core(v: &str, offset: i64, max_width: i64) -> Wrapped {
    let panic = || Swallow::nil("runtime error: slice bounds out of range");
    if max_width < 4 || (offset > 0 && max_width < 7) {
        return Ok(s(v));
    }
    let runes: Vec<char> = v.chars().collect();
    let count = runes.len() as i64;
    if count <= max_width || count <= offset {
        if offset < 0 || offset as usize > v.len() {
            return Err(panic());
        }
        return Ok(s(byte_slice(v, offset as usize, v.len())));
    }
    let mut end = offset + max_width - 3;
    if offset > 0 {
        end -= 3;
    }
    if offset < 0 || end < offset || end > count {
        return Err(panic());
    }
    let middle: String = runes[offset as usize..end as usize].iter().collect();
    Ok(s(if offset > 0 {
        format!("...{middle}...")
    } else {
        format!("{middle}...")
    }))
}

fn ellipsis(a: &[Value]) -> Wrapped {
    arity(a, 2)?;
    let (w, v) = (int_at(a, 0)?, string_at(a, 1)?);
    ellipsis_core(&v, 0, w)
}
wrap!(w_ellipsis, ellipsis);

fn ellipsis_both(a: &[Value]) -> Wrapped {
    arity(a, 3)?;
    let (o, w, v) = (int_at(a, 0)?, int_at(a, 1)?, string_at(a, 2)?);
    ellipsis_core(&v, o, w)
}
wrap!(w_ellipsis_both, ellipsis_both);

/// sprout's `initials`: words split on spaces; the first word always gives its first *byte*
/// as a rune, the others only when that byte is a letter (else a NUL rune, as Go's zeroed
/// rune slice does).
fn initials(a: &[Value]) -> Wrapped {
    one_str(a, |v| {
        let mut out = String::new();
        for (i, word) in v.split(' ').filter(|w| !w.is_empty()).enumerate() {
            // Empty words were filtered out, so a first byte exists.
            let first = word.bytes().next().map_or('\0', char::from);
            if i == 0 || first.is_alphabetic() {
                out.push(first);
            } else {
                out.push('\0');
            }
        }
        s(out)
    })
}
wrap!(w_initials, initials);

fn plural(a: &[Value]) -> Wrapped {
    arity(a, 3)?;
    let (one, many, n) = (string_at(a, 0)?, string_at(a, 1)?, int_at(a, 2)?);
    Ok(Value::String(if n == 1 { one } else { many }))
}
wrap!(w_plural, plural);

/// sprout's `wordWrap`.
fn word_wrap(len: i64, newline: &str, long_words: bool, v: &str) -> String {
    let len = len.max(1) as usize;
    let newline = if newline.is_empty() { "\n" } else { newline };
    let mut out = String::new();
    let mut cur = 0usize;
    for word in v.split_whitespace() {
        let wl = word.chars().count();
        if cur > 0 && cur + 1 + wl > len {
            out.push_str(newline);
            cur = 0;
        }
        if long_words && wl > len {
            for (i, c) in word.char_indices() {
                out.push(c);
                cur += 1;
                if i + 1 < word.len() && cur == len {
                    out.push_str(newline);
                    cur = 0;
                }
            }
        } else {
            if cur > 0 {
                out.push(' ');
                cur += 1;
            }
            out.push_str(word);
            cur += wl;
        }
    }
    out
}

fn wrap_fn(a: &[Value]) -> Wrapped {
    arity(a, 2)?;
    let (n, v) = (int_at(a, 0)?, string_at(a, 1)?);
    Ok(s(word_wrap(n, "", false, &v)))
}
wrap!(w_wrap, wrap_fn);

fn wrap_with(a: &[Value]) -> Wrapped {
    arity(a, 3)?;
    let (n, nl, v) = (int_at(a, 0)?, string_at(a, 1)?, string_at(a, 2)?);
    Ok(s(word_wrap(n, &nl, true, &v)))
}
wrap!(w_wrap_with, wrap_with);

/// `quote`/`squote`: each non-nil argument as `fmt.Sprint` text, quoted; a space before every
/// argument but the first *position* (so a leading nil leaves a leading space, as sprout does).
fn quote_with(a: &[Value], double: bool) -> Value {
    let mut out = String::new();
    for (i, v) in a.iter().enumerate() {
        if matches!(v, Value::Nil) {
            continue;
        }
        if i > 0 {
            out.push(' ');
        }
        let text: std::borrow::Cow<'_, str> = match v {
            Value::String(x) => std::borrow::Cow::Borrowed(x),
            other => std::borrow::Cow::Owned(cast::sprint(other)),
        };
        if double {
            out.push_str(&crate::template::token::go_quote(&text));
        } else {
            out.push('\'');
            out.push_str(&text);
            out.push('\'');
        }
    }
    s(out)
}

fn quote(a: &[Value]) -> Wrapped {
    Ok(quote_with(a, true))
}
wrap!(w_quote, quote);

fn squote(a: &[Value]) -> Wrapped {
    Ok(quote_with(a, false))
}
wrap!(w_squote, squote);

/// `cat`: the non-nil arguments printed with `%v`, separated by spaces (sprout's std `Cat`).
fn cat(a: &[Value]) -> Wrapped {
    let mut out = String::new();
    for (i, v) in a.iter().enumerate() {
        if matches!(v, Value::Nil) {
            continue;
        }
        // sprout puts the space before every argument but the first position, so a leading
        // nil leaves a leading space.
        if i > 0 {
            out.push(' ');
        }
        v.write_v(&mut out, false);
    }
    Ok(s(out))
}
wrap!(w_cat, cat);

/// sprout's case-style transformer.
#[derive(Clone, Copy)]
struct Style {
    sep: Option<char>,
    capitalize_first: bool,
    capitalize_next: bool,
    force_lower: bool,
    force_upper: bool,
}

const CAMEL: Style = Style {
    sep: None,
    capitalize_first: false,
    capitalize_next: true,
    force_lower: true,
    force_upper: false,
};
const PASCAL: Style = Style {
    sep: None,
    capitalize_first: true,
    capitalize_next: true,
    force_lower: false,
    force_upper: false,
};
const fn sep_style(c: char, upper: bool) -> Style {
    Style {
        sep: Some(c),
        capitalize_first: false,
        capitalize_next: false,
        force_lower: !upper,
        force_upper: upper,
    }
}

/// sprout v1.0's `transformString`: words split on ` `, `-`, `_`; with a separator, also
/// before an upper-case letter that follows a lower-case one or ends an acronym (`HTTPServer` →
/// `http_server`) and before a digit run. Styles without a separator (camel, Pascal) only
/// capitalise after ` -_`, they do not detect case transitions (`toCamelCase "helloWorld"` →
/// `helloworld`). The look-ahead is Go's byte-wise `rune(str[i+1])`, and it keeps its previous
/// value at the last rune, as sprout's does.
fn transform(style: Style, v: &str) -> String {
    let mut out = String::with_capacity(v.len() + 10);
    let mut cap_next = style.capitalize_first && style.capitalize_next;
    let sep_rune = style.sep;
    // Go's lastRune: 0 at first, the separator (or -1, "none") after a word break.
    let mut last: Option<char> = Some('\0');
    let mut seen_letter = false;
    let mut next = '\0';
    let bytes = v.as_bytes();
    for (i, r) in v.char_indices() {
        if let Some(b) = bytes.get(i + 1) {
            next = char::from(*b);
        }
        let last_is_sep = last == sep_rune;
        if r == ' ' || r == '-' || r == '_' {
            if let Some(sep) = sep_rune
                && !last_is_sep
            {
                out.push(sep);
            }
            if seen_letter {
                cap_next = true;
            }
            last = sep_rune;
            continue;
        }
        let last_rune = last.unwrap_or('\0');
        if let Some(sep) = sep_rune {
            if r.is_uppercase()
                && !out.is_empty()
                && !last_is_sep
                && ((last_rune.is_uppercase() && next.is_lowercase()) || last_rune.is_lowercase())
            {
                out.push(sep);
            }
            if !last_is_sep && r.is_numeric() && !last_rune.is_numeric() {
                out.push(sep);
            }
        }
        if cap_next && style.capitalize_next {
            out.push(upper_rune(r));
            cap_next = false;
        } else if style.force_lower {
            out.push(lower_rune(r));
        } else if style.force_upper {
            out.push(upper_rune(r));
        } else {
            out.push(r);
        }
        last = Some(r);
        if r.is_alphabetic() {
            seen_letter = true;
        }
    }
    out
}

fn camel(a: &[Value]) -> Wrapped {
    one_str(a, |v| s(transform(CAMEL, v)))
}
wrap!(w_camel, camel);
fn pascal(a: &[Value]) -> Wrapped {
    one_str(a, |v| s(transform(PASCAL, v)))
}
wrap!(w_pascal, pascal);
fn kebab(a: &[Value]) -> Wrapped {
    one_str(a, |v| s(transform(sep_style('-', false), v)))
}
wrap!(w_kebab, kebab);
fn snake(a: &[Value]) -> Wrapped {
    one_str(a, |v| s(transform(sep_style('_', false), v)))
}
wrap!(w_snake, snake);
fn dot(a: &[Value]) -> Wrapped {
    one_str(a, |v| s(transform(sep_style('.', false), v)))
}
wrap!(w_dot, dot);
fn path(a: &[Value]) -> Wrapped {
    one_str(a, |v| s(transform(sep_style('/', false), v)))
}
wrap!(w_path, path);
fn constant(a: &[Value]) -> Wrapped {
    one_str(a, |v| s(transform(sep_style('_', true), v)))
}
wrap!(w_constant, constant);

/// Unicode's `Cased` property (upper, lower or title case letters).
fn is_cased(c: char) -> bool {
    c.is_lowercase()
        || c.is_uppercase()
        || matches!(c as u32, 0x1C5 | 0x1C8 | 0x1CB | 0x1F2 | 0x1F88..=0x1F8F | 0x1F98..=0x1F9F
            | 0x1FA8..=0x1FAF | 0x1FBC | 0x1FCC | 0x1FFC)
}

/// Word-break classes x/text/cases uses: `MidLetter`, `MidNumLet` and `Single_Quote` runes
/// keep a word going once (two in a row end it).
fn is_word_mid(c: char) -> bool {
    matches!(
        c,
        '\'' | '.'
            | ':'
            | '·'
            | '\u{387}'
            | '\u{55F}'
            | '\u{5F4}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{2024}'
            | '\u{2027}'
            | '\u{FE13}'
            | '\u{FE52}'
            | '\u{FE55}'
            | '\u{FF07}'
            | '\u{FF0E}'
            | '\u{FF1A}'
    )
}

/// Runes that do not break a word for x/text/cases: letters (`ALetter`, `Hebrew_Letter`),
/// digits, combining marks (`Extend`), connector punctuation (`ExtendNumLet`), format
/// characters and ZWJ. Ideographs and kana have no word-break letter class: they break.
fn is_word_letter(c: char) -> bool {
    let u = c as u32;
    let ideographic_or_kana = matches!(u, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0x20000..=0x3FFFF);
    if ideographic_or_kana {
        return false;
    }
    c.is_alphanumeric()
        || matches!(u, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF
            | 0xFE20..=0xFE2F)
        || matches!(c, '_' | '\u{202F}' | '\u{203F}' | '\u{2040}' | '\u{2054}' | '\u{FE33}'
            | '\u{FE34}' | '\u{FE4D}'..='\u{FE4F}' | '\u{FF3F}' | '\u{AD}' | '\u{200B}'..='\u{200D}'
            | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// The title-case mapping of the first cased rune of a word (Unicode full mapping for the
/// digraphs and ligatures that have one, else the simple upper case).
fn push_title(c: char, out: &mut String) {
    let mapped: &str = match c {
        '\u{1C4}'..='\u{1C6}' => "\u{1C5}",
        '\u{1C7}'..='\u{1C9}' => "\u{1C8}",
        '\u{1CA}'..='\u{1CC}' => "\u{1CB}",
        '\u{1F1}'..='\u{1F3}' => "\u{1F2}",
        'ß' => "Ss",
        '\u{FB00}' => "Ff",
        '\u{FB01}' => "Fi",
        '\u{FB02}' => "Fl",
        '\u{FB03}' => "Ffi",
        '\u{FB04}' => "Ffl",
        '\u{FB05}' | '\u{FB06}' => "St",
        '\u{149}' => "\u{2BC}N",
        _ => {
            // Titlecase letters of the Greek extended block map to themselves.
            if matches!(c as u32, 0x1F88..=0x1F8F | 0x1F98..=0x1F9F | 0x1FA8..=0x1FAF
                | 0x1FBC | 0x1FCC | 0x1FFC)
            {
                out.push(c);
            } else {
                out.push(upper_rune(c));
            }
            return;
        }
    };
    out.push_str(mapped);
}

/// `cases.Title(language.English)` (x/text/cases): the first cased letter of each word in
/// title case, the following ones in lower case. A word goes on through letters, digits, `_`
/// and single `.`/`'`/`:`; uncased runes such as digits do not start it (`1st` → `1St`).
fn title(a: &[Value]) -> Wrapped {
    one_str(a, |v| {
        let mut out = String::with_capacity(v.len());
        let mut mid_word = false;
        let mut was_mid = false;
        for c in v.chars() {
            if was_mid && is_word_mid(c) {
                mid_word = false;
            }
            if is_cased(c) {
                if mid_word {
                    if c == '\u{130}' {
                        out.push_str("i\u{307}");
                    } else {
                        out.push(lower_rune(c));
                    }
                } else {
                    push_title(c, &mut out);
                    mid_word = true;
                }
            } else {
                out.push(c);
                if !is_word_mid(c) && !is_word_letter(c) {
                    mid_word = false;
                }
            }
            was_mid = is_word_mid(c);
        }
        s(out)
    })
}
wrap!(w_title, title);

fn untitle(a: &[Value]) -> Wrapped {
    one_str(a, |v| {
        let mut out = String::with_capacity(v.len());
        let mut start = true;
        for c in v.chars() {
            if c.is_whitespace() {
                start = true;
                out.push(c);
            } else if start {
                out.push(lower_rune(c));
                start = false;
            } else {
                out.push(c);
            }
        }
        s(out)
    })
}
wrap!(w_untitle, untitle);

fn swap_case(a: &[Value]) -> Wrapped {
    one_str(a, |v| {
        s(v.chars()
            .map(|c| {
                if c.is_lowercase() {
                    upper_rune(c)
                } else {
                    lower_rune(c)
                }
            })
            .collect::<String>())
    })
}
wrap!(w_swap_case, swap_case);

fn swap_first_letter(v: &str, up: bool) -> String {
    match v.char_indices().find(|(_, c)| c.is_alphabetic()) {
        Some((i, c)) => {
            let already = if up {
                c.is_uppercase()
            } else {
                c.is_lowercase()
            };
            if already {
                return v.to_string();
            }
            let new = if up { upper_rune(c) } else { lower_rune(c) };
            let mut out = String::with_capacity(v.len());
            out.push_str(&v[..i]);
            out.push(new);
            out.push_str(&v[i + c.len_utf8()..]);
            out
        }
        None => v.to_string(),
    }
}

fn capitalize(a: &[Value]) -> Wrapped {
    one_str(a, |v| s(swap_first_letter(v, true)))
}
wrap!(w_capitalize, capitalize);
fn uncapitalize(a: &[Value]) -> Wrapped {
    one_str(a, |v| s(swap_first_letter(v, false)))
}
wrap!(w_uncapitalize, uncapitalize);

/// Go's `strings.SplitN(v, sep, n)` (`n < 0`: all parts; `n == 0`: none; empty `sep` splits
/// into runes).
fn go_splitn(v: &str, sep: &str, n: i64) -> Vec<String> {
    if n == 0 {
        return Vec::new();
    }
    if sep.is_empty() {
        let chars: Vec<char> = v.chars().collect();
        let limit = if n < 0 {
            chars.len()
        } else {
            (n as usize).min(chars.len())
        };
        let mut out: Vec<String> = Vec::with_capacity(limit);
        for (i, c) in chars.iter().enumerate() {
            if n > 0 && i + 1 == limit && i + 1 < chars.len() {
                out.push(chars[i..].iter().collect());
                break;
            }
            out.push(c.to_string());
        }
        return out;
    }
    if n < 0 {
        v.split(sep).map(str::to_string).collect()
    } else {
        v.splitn(n as usize, sep).map(str::to_string).collect()
    }
}

/// sprout's `split`/`splitn` result: a `map[string]string` with keys `_0`, `_1`, ….
fn parts_map(parts: Vec<String>) -> Value {
    Value::string_map(
        parts
            .into_iter()
            .enumerate()
            .map(|(i, p)| (format!("_{i}"), p)),
    )
}

/// `split sep s` → a `map[string]string` `_0`, `_1`, … (prints and indexes like any map, but
/// is not a `map[string]interface{}`: `hasKey`, `keys`, `merge` … swallow it).
fn split(a: &[Value]) -> Wrapped {
    two_str(a, |sep, v| parts_map(go_splitn(v, sep, -1)))
}
wrap!(w_split, split);

fn splitn(a: &[Value]) -> Wrapped {
    arity(a, 3)?;
    let (sep, n, v) = (string_at(a, 0)?, int_at(a, 1)?, string_at(a, 2)?);
    Ok(parts_map(go_splitn(&v, &sep, n)))
}
wrap!(w_splitn, splitn);

fn split_list(a: &[Value]) -> Wrapped {
    two_str(a, |sep, v| Value::string_list(go_splitn(v, sep, -1)))
}
wrap!(w_split_list, split_list);

fn str_slice_fn(a: &[Value]) -> Wrapped {
    arity(a, 1)?;
    Ok(Value::List(
        Rc::new(str_slice(&a[0]).into_iter().map(Value::String).collect()),
        ListKind::String,
    ))
}
wrap!(w_str_slice, str_slice_fn);

/// sprout's `substr start end s`: byte offsets, negative ones from the end, never an error.
fn substr(a: &[Value]) -> Wrapped {
    arity(a, 3)?;
    let (mut start, mut end, v) = (int_at(a, 0)?, int_at(a, 1)?, string_at(a, 2)?);
    let len = v.len() as i64;
    if start < 0 {
        start += len;
    }
    if end < 0 {
        end += len;
    }
    if start < 0 {
        start = 0;
    }
    if end > len || end == 0 {
        end = len;
    }
    if start > end {
        return Ok(s(""));
    }
    Ok(s(byte_slice(&v, start as usize, end as usize)))
}
wrap!(w_substr, substr);

fn indent_text(n: i64, v: &str) -> Result<String, Swallow> {
    if n < 0 {
        return Err(Swallow::nil("strings: negative Repeat count"));
    }
    let pad = " ".repeat(n.min(1 << 20) as usize);
    let mut out = String::with_capacity(v.len() + pad.len());
    for (i, line) in v.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&pad);
        out.push_str(line);
    }
    Ok(out)
}

fn indent(a: &[Value]) -> Wrapped {
    arity(a, 2)?;
    let (n, v) = (int_at(a, 0)?, string_at(a, 1)?);
    Ok(s(indent_text(n, &v)?))
}
wrap!(w_indent, indent);

fn nindent(a: &[Value]) -> Wrapped {
    arity(a, 2)?;
    let (n, v) = (int_at(a, 0)?, string_at(a, 1)?);
    Ok(s(format!("\n{}", indent_text(n, &v)?)))
}
wrap!(w_nindent, nindent);

/// sprout's `UntilStep` helper (shared with `until`/`untilStep`); the result is capped so a
/// template cannot exhaust memory.
pub(crate) fn until_step(start: i64, stop: i64, step: i64) -> Result<Vec<i64>, Swallow> {
    let mut v = Vec::new();
    let too_long = || Swallow::nil("sequence too long");
    if stop < start {
        if step >= 0 {
            return Ok(v);
        }
        let mut i = start;
        while i > stop {
            v.push(i);
            if v.len() > 10_000_000 {
                return Err(too_long());
            }
            i = match i.checked_add(step) {
                Some(n) => n,
                None => break,
            };
        }
        return Ok(v);
    }
    if step <= 0 {
        return Ok(v);
    }
    let mut i = start;
    while i < stop {
        v.push(i);
        if v.len() > 10_000_000 {
            return Err(too_long());
        }
        i = match i.checked_add(step) {
            Some(n) => n,
            None => break,
        };
    }
    Ok(v)
}

fn seq(a: &[Value]) -> Wrapped {
    let mut p = Vec::with_capacity(a.len());
    for i in 0..a.len() {
        p.push(int_at(a, i)?);
    }
    let nums = match p.as_slice() {
        [end] => {
            let inc = if *end < 1 { -1 } else { 1 };
            until_step(1, end + inc, inc)?
        }
        [start, end] => {
            let step = if end < start { -1 } else { 1 };
            until_step(*start, end + step, step)?
        }
        [start, step, end] => {
            let mut inc = 1;
            if end < start {
                inc = -1;
                if *step > 0 {
                    return Ok(s(""));
                }
            }
            until_step(*start, end + inc, *step)?
        }
        _ => return Ok(s("")),
    };
    let text: Vec<String> = nums.iter().map(i64::to_string).collect();
    Ok(s(text.join(" ")))
}
wrap!(w_seq, seq);

/// `shuffle`: the runes in a random order (drawn from the render's entropy source).
fn w_shuffle(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let r = (|| -> Wrapped {
        arity(a, 1)?;
        let v = string_at(a, 0)?;
        let mut runes: Vec<char> = v.chars().collect();
        for i in (1..runes.len()).rev() {
            let mut b = [0u8; 8];
            ctx.env.entropy.fill_bytes(&mut b);
            let j = (u64::from_le_bytes(b) % (i as u64 + 1)) as usize;
            runes.swap(i, j);
        }
        Ok(s(runes.into_iter().collect::<String>()))
    })();
    args::finish(ctx, r)
}

#[cfg(test)]
mod tests {
    use crate::sprig::test_engine::{check, check_types};

    /// Non-strings into `string` parameters, nil as "" (measured: `strnon-*`, `wrong-arity-sprout`).
    #[test]
    fn swallowing_of_non_strings_and_arity() {
        check(&[
            ("lower .n", "<no value>"),
            ("lower .f", "<no value>"),
            ("lower .t", "<no value>"),
            ("lower .nil", ""),
            ("lower .l", "<no value>"),
            ("untitle .n", "<no value>"),
            ("nospace .t", "<no value>"),
            ("snakecase .n", "<no value>"),
            ("kebabcase .nil", ""),
            ("trimPrefix \"x\" .n", "<no value>"),
            ("hasPrefix \"3\" .n", "<no value>"),
            ("hasPrefix \"3\" .nil", "false"),
            ("repeat 2 .n", "<no value>"),
            ("repeat 2 .nil", ""),
            ("abbrev 5 .n", "<no value>"),
            ("indent 2 .n", "<no value>"),
            ("indent 2 .nil", "  "),
            ("nindent 2 nil", "\n  "),
            ("wrap 5 .f", "<no value>"),
            ("upper", "<no value>"),
            ("upper \"a\" \"b\"", "<no value>"),
            ("trunc 1", "<no value>"),
            ("replace \"a\"", "<no value>"),
            ("upper nil", ""),
            ("contains \"x\" nil", "false"),
            ("plural \"a\" \"b\" nil", "b"),
            ("plural \"a\" \"b\" .n", "<no value>"),
        ]);
    }

    /// Measured (`strnon-quote`, `strnon-cat`, `str-quote`, `quote-types`).
    #[test]
    fn quote_squote_cat() {
        check(&[
            ("quote .n", "\"3\""),
            ("quote .f", "\"1.5\""),
            ("quote .nil", ""),
            ("quote .l", "\"[b a c a]\""),
            ("quote \"a\" \"b\"", "\"a\" \"b\""),
            ("squote \"a\" \"b\"", "'a' 'b'"),
            ("quote 1 nil 2.5", "\"1\" \"2.5\""),
            ("squote nil", ""),
            ("quote \"a\\\"b\"", "\"a\\\"b\""),
            ("quote", ""),
            (
                "quote .n .f .t .nil .l .m",
                "\"3\" \"1.5\" \"true\" \"[b a c a]\" \"map[a:1 b:2 c:3]\"",
            ),
            ("squote .n .f .t .nil", "'3' '1.5' 'true'"),
            ("quote .ff", "\"2\""),
            ("quote .big", "\"1e+21\""),
            ("quote \"a\\nb\"", "\"a\\nb\""),
            ("quote \"\u{ad}\u{a0}\"", "\"\\u00ad\\u00a0\""),
            (
                "quote \"\u{1}\u{7f}\u{200b}é\u{1F600}\"",
                "\"\\x01\\x7f\\u200bé\u{1F600}\"",
            ),
            ("cat .n", "3"),
            ("cat .nil", ""),
            ("cat .l", "[b a c a]"),
            ("cat \"a\" nil \"b\" 3", "a b 3"),
            ("cat", ""),
            ("cat nil \"a\"", " a"),
            ("quote nil \"a\"", " \"a\""),
        ]);
    }

    /// Measured (`str-cases`, `title-edge`, `str-u-len`) and sprig-agreeing oracle results.
    #[test]
    fn case_conversions() {
        check(&[
            ("snakecase \"HelloWorld fooBar\"", "hello_world_foo_bar"),
            ("camelcase \"hello_world-foo bar\"", "HelloWorldFooBar"),
            ("kebabcase \"HelloWorld fooBar\"", "hello-world-foo-bar"),
            ("snakecase \"HTTPServer\"", "http_server"),
            ("camelcase \"http_server\"", "HttpServer"),
            ("kebabcase \"XMLHttpRequest\"", "xml-http-request"),
            ("camelcase \"ABC\"", "ABC"),
            ("snakecase \"FirstName\"", "first_name"),
            ("kebab \"FirstName\"", "first-name"),
            ("toCamelCase \"hello world\"", "helloWorld"),
            ("toConstantCase \"hello world\"", "HELLO_WORLD"),
            ("toDotCase \"HelloWorld\"", "hello.world"),
            ("toPathCase \"hello world\"", "hello/world"),
            ("title \"\"", ""),
            ("title \"hELLO wORLD\"", "Hello World"),
            ("title \"a.b c-d e_f\"", "A.b C-D E_f"),
            ("title \"élan vital\"", "Élan Vital"),
            ("title \"don't stop\"", "Don't Stop"),
            ("title \"a..b a,b a;b\"", "A..B A,B A;B"),
            ("title \"x1y 1st\"", "X1y 1St"),
            ("title \"straße ǆemal\"", "Straße ǅemal"),
            ("title \"ßa\"", "Ssa"),
            ("untitle \"ABC DEF\"", "aBC dEF"),
            ("untitle \"Hello World\"", "hello world"),
            ("swapcase \"Ab Cd\"", "aB cD"),
            ("swapCase \"HeLLo\"", "hEllO"),
            ("upper \"ß\"", "ß"),
            ("upper \"\u{1fb3}ß\"", "\u{1fbc}ß"),
            ("lower \"\u{130}\"", "i"),
            ("upper \"héllo\"", "HÉLLO"),
            ("lower \"HÉLLO\"", "héllo"),
            ("capitalize \"hello\"", "Hello"),
            ("capitalize \"1abc\"", "1Abc"),
            ("uncapitalize \"Hello\"", "hello"),
            ("uncapitalize \"\"", ""),
        ]);
    }

    /// Measured (`str-trunc`, `str-substr`, `str-u-len`) and oracle (abbrev agrees with sprig).
    #[test]
    fn trunc_substr_abbrev_work_on_bytes_or_runes() {
        check(&[
            ("trunc 3 .s", "hel"),
            ("trunc -3 .s", "llo"),
            ("trunc 10 .s", "hello"),
            ("trunc 0 .s", ""),
            ("trunc 2 .u", "h\u{FFFD}"),
            ("trunc -2 .u", "ld"),
            ("trunc .n .s", "<no value>"),
            ("trunc 3 \"ééé\"", "é\u{FFFD}"),
            ("substr 1 3 .s", "el"),
            ("substr -1 3 .s", ""),
            ("substr 2 -1 .s", "ll"),
            ("substr 3 1 .s", ""),
            ("substr 0 99 .s", "hello"),
            ("substr 1 3 .u", "é"),
            ("substr 7 9 .s", ""),
            ("abbrev 5 \"hello world\"", "he..."),
            ("abbrev 3 \"hello world\"", "hello world"),
            ("abbrev 20 \"hello\"", "hello"),
            ("abbrevboth 5 10 \"1234 5678 9123\"", "...5678..."),
            ("abbrevboth 0 10 \"1234 5678 9123\"", "1234 56..."),
            ("ellipsis 5 \"hello world\"", "he..."),
            ("ellipsisBoth 20 10 \"1234 5678 9123\"", "<no value>"),
        ]);
    }

    /// Measured (`str-trim`, `str-replace`, `str-wrap`, `wrap-edge`, `initials-edge`) and oracle.
    #[test]
    fn trim_replace_wrap_initials_indent() {
        check(&[
            ("trim \"  a b \\n\"", "a b"),
            ("trim \"\\t a b \\n\"", "a b"),
            ("trimAll \"-x\" \"--a-x\"", "a"),
            ("trimall \"-\" \"-a-\"", "a"),
            ("trimAll \"$\" \"$$5.00$\"", "5.00"),
            ("trimPrefix \"he\" .s", "llo"),
            ("trimPrefix \"-\" \"--a\"", "-a"),
            ("trimSuffix \"lo\" .s", "hel"),
            ("nospace \" a\u{a0}b\\tc \"", "abc"),
            ("contains \"cat\" \"catch\"", "true"),
            ("contains \"\" \"x\"", "true"),
            ("hasPrefix \"\" \"abc\"", "true"),
            ("hasSuffix \"lo\" \"hello\"", "true"),
            ("replace \"l\" \"L\" .s", "heLLo"),
            ("replace \"\" \"-\" \"ab\"", "-a-b-"),
            ("replace \"x\" \"y\" .s", "hello"),
            ("repeat 3 \"ab\"", "ababab"),
            ("repeat 0 \"ab\"", ""),
            ("repeat -1 \"ab\"", "<no value>"),
            ("wrap 5 \"hello world foo\"", "hello\nworld\nfoo"),
            (
                "wrapWith 5 \"<br>\" \"hello world foo\"",
                "hello<br>world<br>foo",
            ),
            ("wrap 0 \"a b\"", "a\nb"),
            ("wrap 3 \"abcdefgh\"", "abcdefgh"),
            (
                "wrap 10 \"a very long sentence here\"",
                "a very\nlong\nsentence\nhere",
            ),
            ("wrapWith 3 \"|\" \"ab cd ef\"", "ab|cd|ef"),
            ("wrapWith 4 \"\\n\" \"abcdefghij\"", "abcd\nefgh\nij"),
            ("wrap 4 \"a b c d e f\"", "a b\nc d\ne f"),
            ("initials \"\"", ""),
            ("initials \"a-b c_d\"", "ac"),
            ("initials \"Hello  World\"", "HW"),
            ("initials \"First Try\"", "FT"),
            ("indent 2 \"a\\nb\"", "  a\n  b"),
            ("indent 0 \"a\"", "a"),
            ("nindent 4 \"x\\n\"", "\n    x\n    "),
            ("plural \"one\" \"many\" 1", "one"),
            ("plural \"one\" \"many\" 0", "many"),
        ]);
    }

    /// Measured (`str-split`, `split-types`, `join-typed`) and oracle.
    #[test]
    fn split_join_seq() {
        check(&[
            (
                "split \".\" .host",
                "map[_0:api _1:solar _2:example _3:com]",
            ),
            ("splitn \".\" 2 .host", "map[_0:api _1:solar.example.com]"),
            ("splitList \".\" .host", "[api solar example com]"),
            ("splitList \",\" \"\"", "[]"),
            ("splitList \"\" \"abc\"", "[a b c]"),
            ("splitList \",\" .n", "<no value>"),
            ("splitList \",\" \"a,,b\"", "[a  b]"),
            ("split \",\" \"a,b\"", "map[_0:a _1:b]"),
            ("splitn \",\" 0 \"a,b\"", "map[]"),
            ("splitn \",\" -1 \"a,b,c\"", "map[_0:a _1:b _2:c]"),
            ("split \",\" .n", "<no value>"),
            ("join \",\" (list 1 2)", "1,2"),
            ("join \",\" (sortAlpha .l)", "a,a,b,c"),
            ("join \"\" .l", "baca"),
            ("join \",\" (list (list 1 2) (dict \"a\" 1))", ","),
            ("join \",\" .n", "3"),
            ("join \",\" nil", ""),
            ("join \",\" (list \"a\" nil \"b\")", "a,b"),
            ("seq 3", "1 2 3"),
            ("seq 2 5", "2 3 4 5"),
            ("seq 5 2", "5 4 3 2"),
            ("seq 0 2 10", "0 2 4 6 8 10"),
            ("seq 10 -3 1", "10 7 4 1"),
            ("seq 1 2 0", ""),
            ("seq 0", "1 0"),
            ("seq -3", "1 0 -1 -2 -3"),
            ("seq .n", "<no value>"),
            ("toStrings (list 1 nil \"a\")", "[1 a]"),
            ("strSlice .n", "[3]"),
        ]);
        check_types(&[
            ("splitList \".\" .host", "[]string"),
            ("seq 2", "string"),
            ("toStrings .l", "[]string"),
        ]);
    }

    /// Goldens from sprout v1.0's `transformString` run under Go (the v1.0-line
    /// registry/strings/helpers.go, compiled with the oracle's toolchain).
    #[test]
    fn case_style_goldens() {
        check(&[
            ("toCamelCase \"hello world\"", "helloWorld"),
            ("toCamelCase \"helloWorld\"", "helloworld"),
            ("toCamelCase \"HelloWorld fooBar\"", "helloworldFoobar"),
            ("toCamelCase \"HTTPServer\"", "httpserver"),
            ("toCamelCase \"XMLHttpRequest\"", "xmlhttprequest"),
            ("toCamelCase \"v2Beta\"", "v2beta"),
            ("toCamelCase \"a1b22c\"", "a1b22c"),
            ("toCamelCase \"__init__\"", "init"),
            ("toCamelCase \"-x\"", "x"),
            ("toCamelCase \"ABC\"", "abc"),
            ("toCamelCase \"foo--bar\"", "fooBar"),
            ("toCamelCase \"Élan Vital\"", "élanVital"),
            ("toCamelCase \"snake_case_here\"", "snakeCaseHere"),
            ("toCamelCase \"a.b\"", "a.b"),
            ("toCamelCase \"ID\"", "id"),
            ("toCamelCase \"getHTTP2Response\"", "gethttp2response"),
            ("toCamelCase \" lead\"", "lead"),
            ("toKebabCase \"hello world\"", "hello-world"),
            ("toKebabCase \"helloWorld\"", "hello-world"),
            ("toKebabCase \"HelloWorld fooBar\"", "hello-world-foo-bar"),
            ("toKebabCase \"HTTPServer\"", "http-server"),
            ("toKebabCase \"XMLHttpRequest\"", "xml-http-request"),
            ("toKebabCase \"v2Beta\"", "v-2beta"),
            ("toKebabCase \"a1b22c\"", "a-1b-22c"),
            ("toKebabCase \"__init__\"", "-init-"),
            ("toKebabCase \"-x\"", "-x"),
            ("toKebabCase \"ABC\"", "abc"),
            ("toKebabCase \"foo--bar\"", "foo-bar"),
            ("toKebabCase \"Élan Vital\"", "élan-vital"),
            ("toKebabCase \"snake_case_here\"", "snake-case-here"),
            ("toKebabCase \"a.b\"", "a.b"),
            ("toKebabCase \"ID\"", "id"),
            ("toKebabCase \"getHTTP2Response\"", "get-http-2response"),
            ("toKebabCase \" lead\"", "-lead"),
            ("toPascalCase \"hello world\"", "HelloWorld"),
            ("toPascalCase \"helloWorld\"", "HelloWorld"),
            ("toPascalCase \"HelloWorld fooBar\"", "HelloWorldFooBar"),
            ("toPascalCase \"HTTPServer\"", "HTTPServer"),
            ("toPascalCase \"XMLHttpRequest\"", "XMLHttpRequest"),
            ("toPascalCase \"v2Beta\"", "V2Beta"),
            ("toPascalCase \"a1b22c\"", "A1b22c"),
            ("toPascalCase \"__init__\"", "Init"),
            ("toPascalCase \"-x\"", "X"),
            ("toPascalCase \"ABC\"", "ABC"),
            ("toPascalCase \"foo--bar\"", "FooBar"),
            ("toPascalCase \"Élan Vital\"", "ÉlanVital"),
            ("toPascalCase \"snake_case_here\"", "SnakeCaseHere"),
            ("toPascalCase \"a.b\"", "A.b"),
            ("toPascalCase \"ID\"", "ID"),
            ("toPascalCase \"getHTTP2Response\"", "GetHTTP2Response"),
            ("toPascalCase \" lead\"", "Lead"),
            ("toSnakeCase \"hello world\"", "hello_world"),
            ("toSnakeCase \"helloWorld\"", "hello_world"),
            ("toSnakeCase \"HelloWorld fooBar\"", "hello_world_foo_bar"),
            ("toSnakeCase \"HTTPServer\"", "http_server"),
            ("toSnakeCase \"XMLHttpRequest\"", "xml_http_request"),
            ("toSnakeCase \"v2Beta\"", "v_2beta"),
            ("toSnakeCase \"a1b22c\"", "a_1b_22c"),
            ("toSnakeCase \"__init__\"", "_init_"),
            ("toSnakeCase \"-x\"", "_x"),
            ("toSnakeCase \"ABC\"", "abc"),
            ("toSnakeCase \"foo--bar\"", "foo_bar"),
            ("toSnakeCase \"Élan Vital\"", "élan_vital"),
            ("toSnakeCase \"snake_case_here\"", "snake_case_here"),
            ("toSnakeCase \"a.b\"", "a.b"),
            ("toSnakeCase \"ID\"", "id"),
            ("toSnakeCase \"getHTTP2Response\"", "get_http_2response"),
            ("toSnakeCase \" lead\"", "_lead"),
            ("toDotCase \"hello world\"", "hello.world"),
            ("toDotCase \"helloWorld\"", "hello.world"),
            ("toDotCase \"HelloWorld fooBar\"", "hello.world.foo.bar"),
            ("toDotCase \"HTTPServer\"", "http.server"),
            ("toDotCase \"XMLHttpRequest\"", "xml.http.request"),
            ("toDotCase \"v2Beta\"", "v.2beta"),
            ("toDotCase \"a1b22c\"", "a.1b.22c"),
            ("toDotCase \"__init__\"", ".init."),
            ("toDotCase \"-x\"", ".x"),
            ("toDotCase \"ABC\"", "abc"),
            ("toDotCase \"foo--bar\"", "foo.bar"),
            ("toDotCase \"Élan Vital\"", "élan.vital"),
            ("toDotCase \"snake_case_here\"", "snake.case.here"),
            ("toDotCase \"a.b\"", "a.b"),
            ("toDotCase \"ID\"", "id"),
            ("toDotCase \"getHTTP2Response\"", "get.http.2response"),
            ("toDotCase \" lead\"", ".lead"),
            ("toPathCase \"hello world\"", "hello/world"),
            ("toPathCase \"helloWorld\"", "hello/world"),
            ("toPathCase \"HelloWorld fooBar\"", "hello/world/foo/bar"),
            ("toPathCase \"HTTPServer\"", "http/server"),
            ("toPathCase \"XMLHttpRequest\"", "xml/http/request"),
            ("toPathCase \"v2Beta\"", "v/2beta"),
            ("toPathCase \"a1b22c\"", "a/1b/22c"),
            ("toPathCase \"__init__\"", "/init/"),
            ("toPathCase \"-x\"", "/x"),
            ("toPathCase \"ABC\"", "abc"),
            ("toPathCase \"foo--bar\"", "foo/bar"),
            ("toPathCase \"Élan Vital\"", "élan/vital"),
            ("toPathCase \"snake_case_here\"", "snake/case/here"),
            ("toPathCase \"a.b\"", "a.b"),
            ("toPathCase \"ID\"", "id"),
            ("toPathCase \"getHTTP2Response\"", "get/http/2response"),
            ("toPathCase \" lead\"", "/lead"),
            ("toConstantCase \"hello world\"", "HELLO_WORLD"),
            ("toConstantCase \"helloWorld\"", "HELLO_WORLD"),
            (
                "toConstantCase \"HelloWorld fooBar\"",
                "HELLO_WORLD_FOO_BAR",
            ),
            ("toConstantCase \"HTTPServer\"", "HTTP_SERVER"),
            ("toConstantCase \"XMLHttpRequest\"", "XML_HTTP_REQUEST"),
            ("toConstantCase \"v2Beta\"", "V_2BETA"),
            ("toConstantCase \"a1b22c\"", "A_1B_22C"),
            ("toConstantCase \"__init__\"", "_INIT_"),
            ("toConstantCase \"-x\"", "_X"),
            ("toConstantCase \"ABC\"", "ABC"),
            ("toConstantCase \"foo--bar\"", "FOO_BAR"),
            ("toConstantCase \"Élan Vital\"", "ÉLAN_VITAL"),
            ("toConstantCase \"snake_case_here\"", "SNAKE_CASE_HERE"),
            ("toConstantCase \"a.b\"", "A.B"),
            ("toConstantCase \"ID\"", "ID"),
            ("toConstantCase \"getHTTP2Response\"", "GET_HTTP_2RESPONSE"),
            ("toConstantCase \" lead\"", "_LEAD"),
        ]);
    }

    /// Goldens from sprout v1.0's `ellipsis`, `initials` and `wordWrap` run under Go (the
    /// v1.0-line helpers, a recovered panic shown as `<no value>` as sprigin's wrapper gives).
    #[test]
    fn ellipsis_initials_wrap_goldens() {
        check(&[
            ("ellipsisBoth 0 4 \"héllo wörld\"", "h..."),
            ("ellipsisBoth 0 5 \"ééééééé\"", "éé..."),
            ("ellipsisBoth 3 8 \"abcdefghijkl\"", "...de..."),
            ("ellipsisBoth 2 7 \"abcdefghij\"", "...c..."),
            ("ellipsisBoth 20 10 \"1234 5678 9123\"", "<no value>"),
            ("ellipsisBoth -1 10 \"abcdefghijklmno\"", "<no value>"),
            ("ellipsisBoth 4 7 \"abcdefgh\"", "...e..."),
            ("ellipsisBoth 0 3 \"abcdef\"", "abcdef"),
            ("ellipsisBoth 1 6 \"abcdefgh\"", "abcdefgh"),
            ("ellipsisBoth 5 9 \"abcdefghijk\"", "...fgh..."),
            ("initials \"hello 1world\"", "h\u{0}"),
            ("initials \"élan vital\"", "Ãv"),
            ("initials \"a  b\"", "ab"),
            ("initials \" x\"", "x"),
            ("initials \"ab\"", "a"),
            ("initials \"Über alles\"", "Ãa"),
            ("wrap 5 \"ééééé ééé é\"", "ééééé\nééé é"),
            ("wrapWith 3 \"|\" \"abcdefgh\"", "abc|def|gh"),
            ("wrapWith 3 \"|\" \"ab cdefgh i\"", "ab|cde|fgh|i"),
            ("wrap 1 \"a b  c\"", "a\nb\nc"),
            ("wrapWith 4 \"<>\" \"éééééé\"", "éééé<>éé"),
            ("wrap 6 \"  lead and trail  \"", "lead\nand\ntrail"),
        ]);
    }

    /// Golden values from Go itself (x/text/cases `Title(language.English)`, `strconv.Quote`,
    /// `strings.ToUpper`/`ToLower`), computed with the Go toolchain the oracle is built with.
    #[test]
    fn go_unicode_goldens() {
        check(&[
            ("title \"3rd place\"", "3Rd Place"),
            ("title \"ABC-DEF\"", "Abc-Def"),
            ("title \"a..b a,b a;b\"", "A..B A,B A;B"),
            ("title \"a/b\"", "A/B"),
            ("title \"a:b a'b a\u{2019}b\"", "A:b A'b A\u{2019}b"),
            ("title \"don't stop\"", "Don't Stop"),
            ("title \"hello\\tworld\\nnext\"", "Hello\tWorld\nNext"),
            ("title \"o'neil\"", "O'neil"),
            ("title \"straße ǆemal\"", "Straße ǅemal"),
            ("title \"tom&jerry\"", "Tom&Jerry"),
            ("title \"x1y 1st\"", "X1y 1St"),
            ("title \"x·y\"", "X·y"),
            ("title \"ßa\"", "Ssa"),
            ("title \"İSTANBUL\"", "İstanbul"),
            ("title \"ǅx\"", "ǅx"),
            ("title \"\u{1ff3}a\"", "\u{1ffc}a"),
            ("title \"中a b\"", "中A B"),
            ("title \"\u{fb01}ne\"", "Fine"),
            (
                "quote \"a\u{1}\u{7f}\u{200b}\u{ad}\u{a0}é\u{1F600}\"",
                "\"a\\x01\\x7f\\u200b\\u00ad\\u00a0é\u{1F600}\"",
            ),
            (
                "quote \"\u{2028}\u{85}\u{feff}\u{e000}\"",
                "\"\\u2028\\u0085\\ufeff\\ue000\"",
            ),
            ("quote \"\u{e0001}x\"", "\"\\U000e0001x\""),
            (
                "upper \"µßŉ\u{fb01}ıſǆǅ\u{1f80}\u{1fb3}ǰ\"",
                "ΜßŉﬁISǄǄ\u{1f88}\u{1fbc}ǰ",
            ),
            ("lower \"ǅǆıſµ\"", "ǆǆıſµ"),
        ]);
    }

    #[test]
    fn shuffle_keeps_the_runes() {
        let got = crate::sprig::test_engine::render("shuffle \"abcdef\"");
        let mut chars: Vec<char> = got.chars().collect();
        chars.sort_unstable();
        assert_eq!(chars.into_iter().collect::<String>(), "abcdef");
        check(&[("shuffle .n", "<no value>"), ("shuffle \"\"", "")]);
    }
}
