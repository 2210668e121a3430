//! Keeps docs/COMPATIBILITY.md honest: its function table must list exactly the functions a
//! template can name with Capsule's map (every registered function, plus the names refused at
//! parse time), each once, with a known status; functions the renderer treats as
//! non-deterministic must say so.

use std::collections::BTreeSet;

use capsule_render::sprig::capsule_func_map;

const DOC: &str = include_str!("../docs/COMPATIBILITY.md");
const BEGIN: &str = "<!-- BEGIN FUNCTION TABLE -->";
const END: &str = "<!-- END FUNCTION TABLE -->";

/// The statuses a row may carry (the first words of its Status cell).
const STATUSES: &[&str] = &[
    "matches sprigin",
    "matches Capsule",
    "known difference",
    "refused offline",
];

struct Row {
    name: String,
    family: String,
    status: String,
    notes: String,
}

fn table() -> Vec<Row> {
    let start = DOC
        .find(BEGIN)
        .expect("COMPATIBILITY.md has the BEGIN marker")
        + BEGIN.len();
    let len = DOC[start..]
        .find(END)
        .expect("COMPATIBILITY.md has the END marker");
    let mut rows = Vec::new();
    for line in DOC[start..start + len].lines() {
        let line = line.trim();
        if !line.starts_with("| `") {
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        assert!(cells.len() >= 4, "a function row has 4 cells: {line}");
        rows.push(Row {
            name: cells[0].trim_matches('`').to_string(),
            family: cells[1].to_string(),
            status: cells[2].to_string(),
            notes: cells[3..].join("|"),
        });
    }
    rows
}

#[test]
fn function_table_lists_exactly_the_registered_functions() {
    let map = capsule_func_map();
    let registered: BTreeSet<&str> = map.names().into_iter().collect();
    let rows = table();
    let mut seen = BTreeSet::new();
    let mut problems = Vec::new();
    for row in &rows {
        if !seen.insert(row.name.as_str()) {
            problems.push(format!("`{}` is listed twice", row.name));
        }
        if row.family.is_empty() {
            problems.push(format!("`{}` has no family", row.name));
        }
        if !STATUSES.iter().any(|s| row.status.starts_with(s)) {
            problems.push(format!(
                "`{}` has status {:?}, not one of {STATUSES:?}",
                row.name, row.status
            ));
        }
        if registered.contains(row.name.as_str()) {
            let f = map.get(&row.name).expect("registered names resolve");
            let text = format!("{} {}", row.status, row.notes);
            if f.nondeterministic && !text.contains("non-deterministic") {
                problems.push(format!(
                    "`{}` is non-deterministic for the renderer; its row must say so",
                    row.name
                ));
            }
        } else if map.refusal(&row.name).is_some() {
            if !row.status.starts_with("refused offline") {
                problems.push(format!(
                    "`{}` is refused at parse time; its status must be `refused offline`",
                    row.name
                ));
            }
        } else {
            problems.push(format!(
                "`{}` is in the table but not in capsule_func_map()",
                row.name
            ));
        }
    }
    for name in &registered {
        if !seen.contains(name) {
            problems.push(format!("`{name}` is registered but missing from the table"));
        }
    }
    assert!(
        problems.is_empty(),
        "docs/COMPATIBILITY.md function table:\n{}",
        problems.join("\n")
    );
    // sprigin's 273 names after Capsule's deletions plus Capsule's 7.
    assert_eq!(rows.len(), 280, "the table has one row per name");
}

#[test]
fn removed_names_are_undefined() {
    let map = capsule_func_map();
    for name in ["env", "expandEnv"] {
        assert!(map.get(name).is_none() && map.refusal(name).is_none());
        assert!(
            DOC.contains(&format!("`{name}`")),
            "COMPATIBILITY.md explains `{name}`"
        );
    }
}
