//! Go's `regexp` (RE2 syntax, `regexp/syntax` Perl flags) on top of the `regex` crate.
//!
//! A pattern is first read the way Go's `regexp/syntax` parser reads it, token by token, which
//! gives Go's exact error texts and Go's meaning for the places where the two syntaxes differ;
//! the pattern is then re-written in the crate's syntax, where every literal is escaped and
//! every class is spelled out, and compiled by the crate. What this reading mirrors:
//! * a `{` that does not start a valid `{n}`, `{n,}` or `{n,m}` is a literal (`a{`, `x{2,`,
//!   `x{,3}`, `a{01}`);
//! * escapes: Go's octal (`\0`, `\012`), `\x..`, `\x{..}`, `\a\f\n\r\t\v`, any ASCII punctuation
//!   (`\<` is a literal `<`, not the crate's word boundary), `\Q…\E`; everything else
//!   (`\C`, `\u0041`, `\e`, `\k`, `\1`, …) is `invalid escape sequence`;
//! * `\d \w \s \b` are ASCII;
//! * classes: `[`, `&&`, `--`, `~~` are ordinary members (the crate would nest or combine sets),
//!   a `-` after a class escape is a literal, Go's POSIX names;
//! * groups: only the `i m s U` flags (the crate's `x`, `u`, `R` are errors), `(?P<name>` and
//!   `(?<name>` with `[A-Za-z0-9_]+` names, **duplicate names allowed** (the crate refuses
//!   them: names are kept here and the crate sees plain groups);
//! * repetition: `missing argument`, `invalid nested repetition operator` (`a**`, `x{2}{3}`),
//!   `invalid repeat count` (above 1000, `{2,1}`, nested counts multiplying past 1000);
//! * matching: `FindAll`/`Split`/`ReplaceAll` with Go's empty-match rules, `Expand`'s
//!   `$name`/`${name}` template rules.
//!
//! Not mirrored (documented in docs/COMPATIBILITY.md): Go's limits on program size and nesting
//! depth (the crate's own size limit applies); scripts newer than the crate's Unicode tables
//! are errors here.

use regex::{Captures, Regex};

/// A compiled Go regular expression: the crate's program and Go's `SubexpNames()`.
pub(crate) struct GoRegexp {
    pub(crate) re: Regex,
    /// Index 0 is the whole match (no name); a later group may repeat an earlier name.
    pub(crate) names: Vec<Option<String>>,
}

/// `regexp.Compile`: Go's meaning and Go's error text (`error parsing regexp: …`).
pub(crate) fn compile(pattern: &str) -> Result<GoRegexp, String> {
    let mut p = Reader {
        src: pattern,
        out: String::with_capacity(pattern.len() + 16),
        names: vec![None],
        frames: vec![Need::default()],
        operand: false,
        last_repeat: None,
        trailing_flags: None,
    };
    p.parse()
        .map_err(|m| format!("error parsing regexp: {m}"))?;
    let re = Regex::new(&p.out).map_err(|e| {
        let msg = e.to_string();
        if msg.contains("Unicode property") {
            let at = pattern
                .find("\\p")
                .or_else(|| pattern.find("\\P"))
                .unwrap_or(0);
            let rest = pattern.get(at..).unwrap_or("");
            let len = if rest.get(2..3) == Some("{") {
                rest.find('}').map_or(rest.len(), |i| i + 1)
            } else {
                rest.char_indices().nth(3).map_or(rest.len(), |(i, _)| i)
            };
            return format!(
                "error parsing regexp: invalid character class range: `{}`",
                rest.get(..len).unwrap_or(rest)
            );
        }
        if msg.contains("exceeds size limit") {
            return "error parsing regexp: expression too large".to_string();
        }
        format!(
            "error parsing regexp: {}",
            msg.lines()
                .last()
                .unwrap_or("invalid syntax")
                .trim_start_matches("error: ")
        )
    })?;
    Ok(GoRegexp { re, names: p.names })
}

/// How much of Go's repeat budget (1000) a sub-expression uses: the smallest `n` for which
/// Go's `repeatIsValid(sub, n)` holds (counted repetitions multiply along a path).
#[derive(Clone, Copy, Default)]
struct Need {
    /// The items before the last atom.
    done: u64,
    /// The last atom (a repetition replaces it).
    last: u64,
}

impl Need {
    fn total(self) -> u64 {
        self.done.max(self.last)
    }
}

/// Go's `regexp/syntax` parse loop, writing the crate's syntax as it goes.
struct Reader<'p> {
    src: &'p str,
    out: String,
    names: Vec<Option<String>>,
    /// Go's `repeatIsValid` bookkeeping, one frame per open group (the first is the whole
    /// pattern): the smallest budget the group's contents need and the last atom's need.
    frames: Vec<Need>,
    /// Whether a repetition operator has something to repeat (Go: the parse stack's top is
    /// not a `(` or `|` marker).
    operand: bool,
    /// Where the previous token started, when it was a repetition operator.
    last_repeat: Option<usize>,
    /// Where in `out` the flag groups (`(?i)`) written since the last other token begin: Go
    /// applies a repetition after them to the operand before them, so they move behind it.
    trailing_flags: Option<usize>,
}

fn is_octal(b: Option<u8>) -> bool {
    matches!(b, Some(b'0'..=b'7'))
}

fn unhex(c: char) -> Option<u32> {
    c.to_digit(16)
}

/// The `\p{…}` names Go (≥ 1.25) accepts, as Go compares them: lower case, without spaces,
/// `_` and `-` (general categories and their long aliases, scripts, `Any`, `ASCII`,
/// `Assigned`), measured against the oracle. The crate knows more (binary properties such as
/// `Lowercase`, script codes such as `Grek`, an `is` prefix), which Go rejects.
const GO_UNICODE_NAMES: &[&str] = &[
    "adlam",
    "ahom",
    "anatolianhieroglyphs",
    "any",
    "arabic",
    "armenian",
    "ascii",
    "assigned",
    "avestan",
    "balinese",
    "bamum",
    "bassavah",
    "batak",
    "bengali",
    "beriaerfe",
    "bhaiksuki",
    "bopomofo",
    "brahmi",
    "braille",
    "buginese",
    "buhid",
    "c",
    "canadianaboriginal",
    "carian",
    "casedletter",
    "caucasianalbanian",
    "cc",
    "cf",
    "chakma",
    "cham",
    "cherokee",
    "chorasmian",
    "closepunctuation",
    "cn",
    "cntrl",
    "co",
    "combiningmark",
    "common",
    "connectorpunctuation",
    "control",
    "coptic",
    "cs",
    "cuneiform",
    "currencysymbol",
    "cypriot",
    "cyprominoan",
    "cyrillic",
    "dashpunctuation",
    "decimalnumber",
    "deseret",
    "devanagari",
    "digit",
    "divesakuru",
    "dogra",
    "duployan",
    "egyptianhieroglyphs",
    "elbasan",
    "elymaic",
    "enclosingmark",
    "ethiopic",
    "finalpunctuation",
    "format",
    "garay",
    "georgian",
    "glagolitic",
    "gothic",
    "grantha",
    "greek",
    "gujarati",
    "gunjalagondi",
    "gurmukhi",
    "gurungkhema",
    "han",
    "hangul",
    "hanifirohingya",
    "hanunoo",
    "hatran",
    "hebrew",
    "hiragana",
    "imperialaramaic",
    "inherited",
    "initialpunctuation",
    "inscriptionalpahlavi",
    "inscriptionalparthian",
    "javanese",
    "kaithi",
    "kannada",
    "katakana",
    "kawi",
    "kayahli",
    "kharoshthi",
    "khitansmallscript",
    "khmer",
    "khojki",
    "khudawadi",
    "kiratrai",
    "l",
    "lao",
    "latin",
    "lc",
    "lepcha",
    "letter",
    "letternumber",
    "limbu",
    "lineara",
    "linearb",
    "lineseparator",
    "lisu",
    "ll",
    "lm",
    "lo",
    "lowercaseletter",
    "lt",
    "lu",
    "lycian",
    "lydian",
    "m",
    "mahajani",
    "makasar",
    "malayalam",
    "mandaic",
    "manichaean",
    "marchen",
    "mark",
    "masaramgondi",
    "mathsymbol",
    "mc",
    "me",
    "medefaidrin",
    "meeteimayek",
    "mendekikakui",
    "meroiticcursive",
    "meroitichieroglyphs",
    "miao",
    "mn",
    "modi",
    "modifierletter",
    "modifiersymbol",
    "mongolian",
    "mro",
    "multani",
    "myanmar",
    "n",
    "nabataean",
    "nagmundari",
    "nandinagari",
    "nd",
    "newa",
    "newtailue",
    "nko",
    "nl",
    "no",
    "nonspacingmark",
    "number",
    "nushu",
    "nyiakengpuachuehmong",
    "ogham",
    "olchiki",
    "oldhungarian",
    "olditalic",
    "oldnortharabian",
    "oldpermic",
    "oldpersian",
    "oldsogdian",
    "oldsoutharabian",
    "oldturkic",
    "olduyghur",
    "olonal",
    "openpunctuation",
    "oriya",
    "osage",
    "osmanya",
    "other",
    "otherletter",
    "othernumber",
    "otherpunctuation",
    "othersymbol",
    "p",
    "pahawhhmong",
    "palmyrene",
    "paragraphseparator",
    "paucinhau",
    "pc",
    "pd",
    "pe",
    "pf",
    "phagspa",
    "phoenician",
    "pi",
    "po",
    "privateuse",
    "ps",
    "psalterpahlavi",
    "punct",
    "punctuation",
    "rejang",
    "runic",
    "s",
    "samaritan",
    "saurashtra",
    "sc",
    "separator",
    "sharada",
    "shavian",
    "siddham",
    "sidetic",
    "signwriting",
    "sinhala",
    "sk",
    "sm",
    "so",
    "sogdian",
    "sorasompeng",
    "soyombo",
    "spaceseparator",
    "spacingmark",
    "sundanese",
    "sunuwar",
    "surrogate",
    "sylotinagri",
    "symbol",
    "syriac",
    "tagalog",
    "tagbanwa",
    "taile",
    "taitham",
    "taiviet",
    "taiyo",
    "takri",
    "tamil",
    "tangsa",
    "tangut",
    "telugu",
    "thaana",
    "thai",
    "tibetan",
    "tifinagh",
    "tirhuta",
    "titlecaseletter",
    "todhri",
    "tolongsiki",
    "toto",
    "tulutigalari",
    "ugaritic",
    "unassigned",
    "uppercaseletter",
    "vai",
    "vithkuqi",
    "wancho",
    "warangciti",
    "yezidi",
    "yi",
    "z",
    "zanabazarsquare",
    "zl",
    "zp",
    "zs",
];

fn go_unicode_name(name: &str) -> bool {
    let n: String = name
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect();
    GO_UNICODE_NAMES.binary_search(&n.as_str()).is_ok()
}

/// One literal character in the crate's syntax (inside or outside a class).
fn push_lit(out: &mut String, c: char) {
    if c.is_alphanumeric() || c == '_' || c == ' ' {
        out.push(c);
    } else {
        out.push_str(&format!("\\x{{{:X}}}", u32::from(c)));
    }
}

/// Go's `parseRepeat`: `{n}`, `{n,}`, `{n,m}` at the start of `s`: (min, max (-1: none),
/// length). `None` when it is not a repetition (the `{` is then a literal).
fn parse_repeat(s: &str) -> Option<(i64, i64, usize)> {
    let b = s.as_bytes();
    if b.first() != Some(&b'{') {
        return None;
    }
    let mut i = 1;
    let int = |i: &mut usize| -> Option<i64> {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        if *i == start {
            return None;
        }
        // Go disallows leading zeros (`{01}` is not a repetition).
        if *i - start >= 2 && b.get(start) == Some(&b'0') {
            return None;
        }
        let digits = s.get(start..*i)?;
        // Go's parseInt gives -1 above 1e8 (later "invalid repeat count").
        Some(if digits.len() > 8 {
            -1
        } else {
            digits.parse().ok()?
        })
    };
    let min = int(&mut i)?;
    let max;
    match b.get(i) {
        None => return None,
        Some(b',') => {
            i += 1;
            match b.get(i) {
                None => return None,
                Some(b'}') => max = -1,
                Some(_) => {
                    max = int(&mut i)?;
                }
            }
        }
        Some(_) => max = min,
    }
    if b.get(i) != Some(&b'}') {
        return None;
    }
    Some((min, max, i + 1))
}

impl<'p> Reader<'p> {
    /// An operand was written: a repetition may follow; it needs `need` of the budget.
    fn atom(&mut self, need: u64) {
        self.operand = true;
        if let Some(top) = self.frames.last_mut() {
            top.done = top.total();
            top.last = need;
        }
    }

    fn open(&mut self) {
        self.frames.push(Need::default());
        self.operand = false;
    }

    fn rest(&self, i: usize) -> &'p str {
        self.src.get(i..).unwrap_or("")
    }

    fn text(&self, a: usize, b: usize) -> &'p str {
        self.src.get(a..b).unwrap_or("")
    }

    fn byte(&self, i: usize) -> Option<u8> {
        self.src.as_bytes().get(i).copied()
    }

    fn char_at(&self, i: usize) -> Option<char> {
        self.rest(i).chars().next()
    }

    fn parse(&mut self) -> Result<(), String> {
        let mut i = 0;
        while let Some(c) = self.char_at(i) {
            let start = i;
            let mut repeat = None;
            let flags_before = self.trailing_flags;
            self.trailing_flags = None;
            match c {
                '(' => i = self.open_group(i, flags_before)?,
                '|' => {
                    self.out.push('|');
                    self.operand = false;
                    i += 1;
                }
                ')' => {
                    if self.frames.len() < 2 {
                        return Err(format!("unexpected ): `{}`", self.src));
                    }
                    let inner = self.frames.pop().map_or(0, Need::total);
                    self.out.push(')');
                    self.atom(inner);
                    i += 1;
                }
                '^' | '$' | '.' => {
                    self.out.push(c);
                    self.atom(0);
                    i += 1;
                }
                '[' => {
                    i = self.class(i)?;
                    self.atom(0);
                }
                '*' | '+' | '?' => {
                    i = self.repetition(start, i + 1, None, flags_before)?;
                    repeat = Some(start);
                }
                '{' => match parse_repeat(self.rest(i)) {
                    None => {
                        push_lit(&mut self.out, '{');
                        self.atom(0);
                        i += 1;
                    }
                    Some((min, max, len)) => {
                        if !(0..=1000).contains(&min) || max > 1000 || (max >= 0 && min > max) {
                            return Err(format!(
                                "invalid repeat count: `{}`",
                                self.text(i, i + len)
                            ));
                        }
                        i = self.repetition(start, i + len, Some((min, max)), flags_before)?;
                        repeat = Some(start);
                    }
                },
                '\\' => i = self.escape(i)?,
                c => {
                    push_lit(&mut self.out, c);
                    self.atom(0);
                    i += c.len_utf8();
                }
            }
            self.last_repeat = repeat;
        }
        if self.frames.len() > 1 {
            return Err(format!("missing closing ): `{}`", self.src));
        }
        Ok(())
    }

    /// Go's `repeat`: the operator is `src[start..end]` (plus a non-greedy `?`); returns where
    /// parsing continues.
    fn repetition(
        &mut self,
        start: usize,
        end: usize,
        counts: Option<(i64, i64)>,
        flags_before: Option<usize>,
    ) -> Result<usize, String> {
        let mut after = end;
        if self.byte(after) == Some(b'?') {
            after += 1;
        }
        if let Some(last) = self.last_repeat {
            return Err(format!(
                "invalid nested repetition operator: `{}`",
                self.text(last, after)
            ));
        }
        if !self.operand {
            return Err(format!(
                "missing argument to repetition operator: `{}`",
                self.text(start, after)
            ));
        }
        // Go's repeatIsValid: counted repetitions may nest only up to 1000 in all.
        let sub = self.frames.last().map_or(0, |f| f.last);
        let need = match counts {
            None => sub,
            Some((_, 0)) => 0,
            Some((min, max)) => {
                let m = u64::try_from(if max < 0 { min } else { max }).unwrap_or(0);
                if m == 0 {
                    sub
                } else {
                    m.max(m.saturating_mul(sub))
                }
            }
        };
        if let Some((min, max)) = counts
            && (min >= 2 || max >= 2)
            && need > 1000
        {
            return Err(format!(
                "invalid repeat count: `{}`",
                self.text(start, after)
            ));
        }
        if let Some(top) = self.frames.last_mut() {
            top.last = need;
        }
        let flags = flags_before
            .map(|k| self.out.split_off(k.min(self.out.len())))
            .unwrap_or_default();
        self.out.push_str(self.text(start, after));
        self.out.push_str(&flags);
        Ok(after)
    }

    /// `(`: a capture, a named capture, a non-capturing group or a flag group.
    fn open_group(&mut self, i: usize, flags_before: Option<usize>) -> Result<usize, String> {
        let t = self.rest(i);
        if !t.starts_with("(?") {
            self.names.push(None);
            self.out.push('(');
            self.open();
            return Ok(i + 1);
        }
        let tb = t.as_bytes();
        let named_begin = if t.len() > 4 && tb.get(2) == Some(&b'P') && tb.get(3) == Some(&b'<') {
            Some(4)
        } else if t.len() > 3 && tb.get(2) == Some(&b'<') {
            Some(3)
        } else {
            None
        };
        if let Some(begin) = named_begin {
            let Some(end) = t.find('>') else {
                return Err(format!("invalid named capture: `{t}`"));
            };
            let capture = t.get(..=end).unwrap_or(t);
            let name = t.get(begin..end).unwrap_or("");
            if name.is_empty() || !name.chars().all(|c| c == '_' || c.is_ascii_alphanumeric()) {
                return Err(format!("invalid named capture: `{capture}`"));
            }
            self.names.push(Some(name.to_string()));
            self.out.push('(');
            self.open();
            return Ok(i + end + 1);
        }
        // Flags: `(?flags)` or `(?flags:`, flags from `imsU`, one `-` with at least one flag
        // after it.
        let mut j = 2;
        let mut negated = false;
        let mut saw_flag = false;
        while let Some(c) = t.get(j..).and_then(|r| r.chars().next()) {
            j += c.len_utf8();
            match c {
                'i' | 'm' | 's' | 'U' => saw_flag = true,
                '-' if !negated => {
                    negated = true;
                    saw_flag = false;
                }
                ':' | ')' if !negated || saw_flag => {
                    let flags = t.get(2..j - 1).unwrap_or("");
                    if c == ':' {
                        self.out.push_str("(?");
                        self.out.push_str(flags);
                        self.out.push(':');
                        self.open();
                    } else {
                        self.trailing_flags = Some(flags_before.unwrap_or(self.out.len()));
                        if !flags.is_empty() {
                            self.out.push_str("(?");
                            self.out.push_str(flags);
                            self.out.push(')');
                        }
                    }
                    return Ok(i + j);
                }
                _ => break,
            }
        }
        Err(format!(
            "invalid or unsupported Perl syntax: `{}`",
            t.get(..j).unwrap_or(t)
        ))
    }

    /// A backslash outside a class.
    fn escape(&mut self, i: usize) -> Result<usize, String> {
        let Some(c) = self.char_at(i + 1) else {
            return Err("trailing backslash at end of expression: ``".into());
        };
        let simple: Option<&str> = match c {
            'A' => Some("\\A"),
            'z' => Some("\\z"),
            'b' => Some("(?-u:\\b)"),
            'B' => Some("(?-u:\\B)"),
            'd' => Some("[0-9]"),
            'D' => Some("[^0-9]"),
            'w' => Some("[0-9A-Za-z_]"),
            'W' => Some("[^0-9A-Za-z_]"),
            's' => Some("[\\t\\n\\f\\r ]"),
            'S' => Some("[^\\t\\n\\f\\r ]"),
            _ => None,
        };
        if let Some(rep) = simple {
            self.out.push_str(rep);
            self.atom(0);
            return Ok(i + 2);
        }
        match c {
            'C' => Err("invalid escape sequence: `\\C`".into()),
            'Q' => {
                let lit = self.rest(i + 2);
                let (lit, used) = match lit.find("\\E") {
                    Some(k) => (lit.get(..k).unwrap_or(""), k + 2),
                    None => (lit, lit.len()),
                };
                // Each quoted character is its own literal: a following `*` repeats the last
                // one only.
                for ch in lit.chars() {
                    push_lit(&mut self.out, ch);
                    self.atom(0);
                }
                Ok(i + 2 + used)
            }
            'p' | 'P' => {
                let (text, len) = self.unicode_class(i)?;
                self.out.push_str(&text);
                self.atom(0);
                Ok(i + len)
            }
            _ => {
                let (ch, len) = self.escape_char(i)?;
                push_lit(&mut self.out, ch);
                self.atom(0);
                Ok(i + len)
            }
        }
    }

    /// Go's `parseUnicodeClass` at `\p`/`\P`: the crate's spelling and the length read; the
    /// name must be one Go knows.
    fn unicode_class(&self, i: usize) -> Result<(String, usize), String> {
        let t = self.rest(i);
        let mut negated = t.as_bytes().get(1) == Some(&b'P');
        let after = t.get(2..).unwrap_or("");
        let Some(first) = after.chars().next() else {
            return Err(format!("invalid character class range: `{t}`"));
        };
        let (mut name, len) = if first == '{' {
            let Some(end) = after.find('}') else {
                return Err(format!("invalid character class range: `{t}`"));
            };
            (after.get(1..end).unwrap_or(""), 2 + end + 1)
        } else {
            (
                after.get(..first.len_utf8()).unwrap_or(""),
                2 + first.len_utf8(),
            )
        };
        if let Some(n) = name.strip_prefix('^') {
            negated = !negated;
            name = n;
        }
        if !go_unicode_name(name) {
            return Err(format!(
                "invalid character class range: `{}`",
                t.get(..len).unwrap_or(t)
            ));
        }
        let normalized: String = name
            .chars()
            .filter(|c| !matches!(c, ' ' | '_' | '-'))
            .flat_map(char::to_lowercase)
            .collect();
        if normalized == "cs" || normalized == "surrogate" {
            // Surrogates never occur in UTF-8 text: Go's class matches nothing (the crate has
            // no such class).
            let all = "\\x{0}-\\x{10FFFF}";
            return Ok((
                if negated {
                    format!("[{all}]")
                } else {
                    format!("[^{all}]")
                },
                len,
            ));
        }
        let p = if negated { 'P' } else { 'p' };
        Ok((format!("\\{p}{{{name}}}"), len))
    }

    /// Go's `parseEscape`: the character a `\…` escape stands for and the escape's length.
    fn escape_char(&self, i: usize) -> Result<(char, usize), String> {
        let t = self.rest(i);
        let invalid =
            |len: usize| format!("invalid escape sequence: `{}`", t.get(..len).unwrap_or(t));
        let Some(c) = t.get(1..).and_then(|r| r.chars().next()) else {
            return Err("trailing backslash at end of expression: ``".into());
        };
        let b = t.as_bytes();
        match c {
            '1'..='7' if !is_octal(b.get(2).copied()) => Err(invalid(2)),
            '0'..='7' => {
                let mut v = u32::from(c) - u32::from('0');
                let mut len = 2;
                while len < 4 && is_octal(b.get(len).copied()) {
                    v = v * 8 + u32::from(b.get(len).copied().unwrap_or(b'0') - b'0');
                    len += 1;
                }
                Ok((char::from_u32(v).unwrap_or('\0'), len))
            }
            'x' => {
                let Some(d) = t.get(2..).and_then(|r| r.chars().next()) else {
                    return Err(invalid(2));
                };
                if d == '{' {
                    let mut v: u32 = 0;
                    let mut len = 3;
                    let mut digits = 0;
                    loop {
                        let Some(h) = t.get(len..).and_then(|r| r.chars().next()) else {
                            return Err(invalid(len));
                        };
                        len += h.len_utf8();
                        if h == '}' {
                            break;
                        }
                        let Some(x) = unhex(h) else {
                            return Err(invalid(len));
                        };
                        v = v.saturating_mul(16).saturating_add(x);
                        if v > 0x10FFFF {
                            return Err(invalid(len));
                        }
                        digits += 1;
                    }
                    if digits == 0 {
                        return Err(invalid(len));
                    }
                    // Surrogates are not chars; Go would accept them as a rune that never
                    // matches valid UTF-8.
                    return char::from_u32(v)
                        .map(|ch| (ch, len))
                        .ok_or_else(|| invalid(len));
                }
                let Some(e) = t.get(2 + d.len_utf8()..).and_then(|r| r.chars().next()) else {
                    return Err(invalid(2 + d.len_utf8()));
                };
                let len = 2 + d.len_utf8() + e.len_utf8();
                match (unhex(d), unhex(e)) {
                    (Some(x), Some(y)) => Ok((char::from_u32(x * 16 + y).unwrap_or('\0'), len)),
                    _ => Err(invalid(len)),
                }
            }
            'a' => Ok(('\u{7}', 2)),
            'f' => Ok(('\u{c}', 2)),
            'n' => Ok(('\n', 2)),
            'r' => Ok(('\r', 2)),
            't' => Ok(('\t', 2)),
            'v' => Ok(('\u{b}', 2)),
            c if c.is_ascii() && !c.is_ascii_alphanumeric() => Ok((c, 2)),
            c => Err(invalid(1 + c.len_utf8())),
        }
    }

    /// Go's `parseClass` at `[`: writes the class in the crate's syntax, returns its end.
    fn class(&mut self, start: usize) -> Result<usize, String> {
        let whole = self.rest(start).to_string();
        let missing = || format!("missing closing ]: `{whole}`");
        let mut out = String::from("[");
        let mut i = start + 1;
        if self.byte(i) == Some(b'^') {
            out.push('^');
            i += 1;
        }
        let mut first = true;
        loop {
            let t = self.rest(i);
            if t.is_empty() {
                return Err(missing());
            }
            if t.starts_with(']') && !first {
                break;
            }
            first = false;
            if t.len() > 2
                && t.starts_with("[:")
                && let Some(k) = t.get(2..).and_then(|r| r.find(":]"))
            {
                let name = t.get(..k + 4).unwrap_or(t);
                let bare = name
                    .get(2..name.len() - 2)
                    .unwrap_or("")
                    .trim_start_matches('^');
                const POSIX: &[&str] = &[
                    "alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower",
                    "print", "punct", "space", "upper", "word", "xdigit",
                ];
                if !POSIX.contains(&bare) || name.get(2..).is_some_and(|n| n.starts_with("^^")) {
                    return Err(format!("invalid character class range: `{name}`"));
                }
                out.push('[');
                out.push_str(name);
                out.push(']');
                i += name.len();
                continue;
            }
            if t.starts_with("\\p") || t.starts_with("\\P") {
                let (text, len) = self.unicode_class(i)?;
                out.push_str(&text);
                i += len;
                continue;
            }
            let perl = match t.get(..2) {
                Some("\\d") => Some("[0-9]"),
                Some("\\D") => Some("[^0-9]"),
                Some("\\w") => Some("[0-9A-Za-z_]"),
                Some("\\W") => Some("[^0-9A-Za-z_]"),
                Some("\\s") => Some("[\\t\\n\\f\\r ]"),
                Some("\\S") => Some("[^\\t\\n\\f\\r ]"),
                _ => None,
            };
            if let Some(p) = perl {
                out.push_str(p);
                i += 2;
                continue;
            }
            let range_start = i;
            let (lo, len) = self.class_char(i, &whole)?;
            i += len;
            let mut hi = lo;
            let t = self.rest(i);
            if t.len() >= 2 && t.starts_with('-') && !t.starts_with("-]") {
                i += 1;
                let (h, len) = self.class_char(i, &whole)?;
                i += len;
                hi = h;
                if hi < lo {
                    return Err(format!(
                        "invalid character class range: `{}`",
                        self.text(range_start, i)
                    ));
                }
            }
            push_lit(&mut out, lo);
            if hi != lo {
                out.push('-');
                push_lit(&mut out, hi);
            }
        }
        out.push(']');
        self.out.push_str(&out);
        Ok(i + 1)
    }

    /// Go's `parseClassChar`.
    fn class_char(&self, i: usize, whole: &str) -> Result<(char, usize), String> {
        match self.char_at(i) {
            None => Err(format!("missing closing ]: `{whole}`")),
            Some('\\') => self.escape_char(i),
            Some(c) => Ok((c, c.len_utf8())),
        }
    }
}

/// Go's `FindAll*` loop: up to `n` matches (all when `n < 0`) with their groups, skipping an
/// empty match right after the previous match.
pub(crate) fn find_all<'h>(re: &Regex, s: &'h str, n: i64) -> Vec<Captures<'h>> {
    let mut out = Vec::new();
    let mut pos = 0usize;
    let mut prev_end: Option<usize> = None;
    while (n < 0 || (out.len() as i64) < n) && pos <= s.len() {
        let Some(caps) = re.captures_at(s, pos) else {
            break;
        };
        let Some(m) = caps.get(0) else { break };
        let mut accept = true;
        if m.end() == m.start() {
            if Some(m.start()) == prev_end {
                accept = false;
            }
            pos = m.end()
                + s.get(m.end()..)
                    .and_then(|r| r.chars().next())
                    .map_or(1, char::len_utf8);
        } else {
            pos = m.end();
        }
        prev_end = Some(m.end());
        if accept {
            out.push(caps);
        }
    }
    out
}

/// Go's `Regexp.Split`.
pub(crate) fn split(re: &Regex, pattern_empty: bool, s: &str, n: i64) -> Vec<String> {
    if n == 0 {
        return Vec::new();
    }
    if !pattern_empty && s.is_empty() {
        return vec![String::new()];
    }
    let matches = find_all(re, s, n);
    let mut parts = Vec::new();
    let (mut beg, mut end) = (0usize, 0usize);
    for caps in &matches {
        if n > 0 && parts.len() as i64 == n - 1 {
            break;
        }
        let Some(m) = caps.get(0) else { continue };
        end = m.start();
        if m.end() != 0 {
            parts.push(s.get(beg..end).unwrap_or("").to_string());
        }
        beg = m.end();
    }
    if end != s.len() {
        parts.push(s.get(beg..).unwrap_or("").to_string());
    }
    parts
}

/// Go's `extract` for `Expand`: a `name` or `{name}` after `$`: (name, group number or -1,
/// bytes used).
fn extract(t: &str) -> Option<(&str, i64, usize)> {
    let brace = t.starts_with('{');
    let body = if brace { t.get(1..)? } else { t };
    let len: usize = body
        .chars()
        .take_while(|c| c.is_alphabetic() || c.is_numeric() || *c == '_')
        .map(char::len_utf8)
        .sum();
    if len == 0 {
        return None;
    }
    let name = body.get(..len)?;
    let mut used = len + usize::from(brace);
    if brace {
        if body.get(len..len + 1) != Some("}") {
            return None;
        }
        used += 1;
    }
    let mut num: i64 = 0;
    for b in name.bytes() {
        if !b.is_ascii_digit() || num >= 100_000_000 {
            num = -1;
            break;
        }
        num = num * 10 + i64::from(b - b'0');
    }
    if name.len() > 1 && name.starts_with('0') {
        num = -1;
    }
    Some((name, num, used))
}

/// Go's `Regexp.Expand` of `template` for one match.
fn expand(out: &mut String, template: &str, names: &[Option<String>], caps: &Captures<'_>) {
    let mut t = template;
    while let Some(k) = t.find('$') {
        out.push_str(t.get(..k).unwrap_or(""));
        t = t.get(k + 1..).unwrap_or("");
        if let Some(r) = t.strip_prefix('$') {
            out.push('$');
            t = r;
            continue;
        }
        let Some((name, num, used)) = extract(t) else {
            out.push('$');
            continue;
        };
        t = t.get(used..).unwrap_or("");
        let group = if num >= 0 {
            usize::try_from(num).ok()
        } else {
            names.iter().position(|n| n.as_deref() == Some(name))
        };
        if let Some(m) = group.and_then(|g| caps.get(g)) {
            out.push_str(m.as_str());
        }
    }
    out.push_str(t);
}

/// Go's `ReplaceAllString` (`literal`: `ReplaceAllLiteralString`), with Go's rule that an
/// empty match right after the previous match is not replaced.
pub(crate) fn replace_all(re: &GoRegexp, s: &str, repl: &str, literal: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_end = 0usize;
    let mut pos = 0usize;
    while pos <= s.len() {
        let Some(caps) = re.re.captures_at(s, pos) else {
            break;
        };
        let Some(m) = caps.get(0) else { break };
        out.push_str(s.get(last_end..m.start()).unwrap_or(""));
        if m.end() > last_end || m.start() == 0 {
            if literal {
                out.push_str(repl);
            } else {
                expand(&mut out, repl, &re.names, &caps);
            }
        }
        last_end = m.end();
        let width = s
            .get(pos..)
            .and_then(|r| r.chars().next())
            .map_or(1, char::len_utf8);
        pos = if pos + width > m.end() {
            pos + width
        } else if pos + 1 > m.end() {
            pos + 1
        } else {
            m.end()
        };
    }
    out.push_str(s.get(last_end..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Any pattern compiles or fails with a message, never panics; the matching helpers cope
    /// with whatever compiled.
    #[test]
    fn no_panic_on_random_patterns() {
        let pieces = [
            "a",
            "é",
            "\\",
            "\\x",
            "\\x{",
            "\\x{1",
            "}",
            "{",
            "{1",
            "{1,",
            "{1,2}",
            "{,",
            "[",
            "]",
            "[^",
            "[:",
            ":]",
            "[[:alpha:]",
            "-",
            "^",
            "$",
            "(",
            ")",
            "(?",
            "(?P<",
            "(?<",
            ">",
            "(?i",
            ":",
            "|",
            "*",
            "+",
            "?",
            "\\p",
            "\\p{",
            "\\P{^",
            "\\Q",
            "\\E",
            "\\0",
            "\\7",
            "\\d",
            "\\pL",
            ".",
            "$1",
            "${",
            "😀",
        ];
        let mut state: u64 = 42;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        for _ in 0..20_000 {
            let n = next() % 7;
            let pattern: String = (0..n).map(|_| pieces[next() % pieces.len()]).collect();
            if let Ok(re) = compile(&pattern) {
                let s = "aé{1} [x]\n$1";
                let _ = find_all(&re.re, s, -1);
                let _ = split(&re.re, pattern.is_empty(), s, 3);
                let _ = replace_all(&re, s, &pattern, false);
            }
        }
    }

    /// Expected outputs from the oracle: `mustRegexReplaceAll "(?P<n>a)(b)?" "a" TEMPLATE`.
    #[test]
    fn go_expand_rules() {
        let re = compile("(?P<n>a)(b)?").unwrap_or_else(|e| panic!("{e}"));
        let cases = [
            ("$1|${n}|$2|$3|$$|$|$n1|${n}1|$!", "a|a|||$|$||a1|$!"),
            ("${1", "${1"),
            ("$01", ""),
        ];
        for (tpl, want) in cases {
            assert_eq!(replace_all(&re, "a", tpl, false), want, "{tpl}");
        }
        assert_eq!(replace_all(&re, "a", "$1", true), "$1");
    }
}
