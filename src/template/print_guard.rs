//! The guard in front of every recursive walk that prints a value.
//!
//! Go maps are references, so sprigin's `set` can put a map inside itself
//! (`{{ $_ := set $m "a" $m }}`). Go's `fmt` then recurses until the goroutine stack overflows
//! and the whole process dies (`fatal error: stack overflow`, not a recoverable panic). We must
//! never crash, so before printing, the executor asks [`check_printable`] and fails the
//! execution with a normal error naming the action. The same walk bounds the nesting depth (a
//! template can build a 100000-deep chain of `dict`s in a loop; Go prints it, our recursive
//! printers would overflow) and the number of visited nodes (a map holding the same map twice,
//! 64 levels down, prints 2^64 entries).
//!
//! The recursive printers themselves ([`super::value::Value::write_v`], `printf`) also stop at a
//! cycle or at [`MAX_PRINT_DEPTH`], printing [`CYCLE_MARK`], so callers that do not check first
//! (sprig functions formatting a value) cannot crash either.

use super::value::Value;

/// Nesting levels of lists and maps a value may have to be printed.
pub const MAX_PRINT_DEPTH: usize = 1000;

/// List items and map entries one print may visit (a shared value counts each time it shows).
pub const MAX_PRINT_NODES: usize = 10_000_000;

/// What the recursive printers write in place of a value that contains itself, or past
/// [`MAX_PRINT_DEPTH`] (reached only by callers that skipped [`check_printable`]).
pub const CYCLE_MARK: &str = "<cycle>";

/// Why a value cannot be printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unprintable {
    /// A map or list holds itself, directly or through other maps and lists.
    Cycle,
    /// More than [`MAX_PRINT_DEPTH`] nested levels.
    TooDeep,
    /// More than [`MAX_PRINT_NODES`] entries to print.
    TooLarge,
}

impl Unprintable {
    /// The execution error text (Go itself dies on a cycle, so the wording is ours).
    pub fn message(self) -> String {
        match self {
            Unprintable::Cycle => "value contains itself (a map or list that holds itself \
                                   cannot be printed; Go's fmt overflows its stack on it)"
                .to_string(),
            Unprintable::TooDeep => format!(
                "value nests more than {MAX_PRINT_DEPTH} maps or lists deep and cannot be printed"
            ),
            Unprintable::TooLarge => {
                format!("value has more than {MAX_PRINT_NODES} entries to print")
            }
        }
    }
}

/// The identity of a map or list (the address of its shared storage), `None` for other values.
pub fn container_id(v: &Value) -> Option<usize> {
    match v {
        Value::Map(m) => Some(m.addr()),
        Value::List(items, _) => Some(std::rc::Rc::as_ptr(items) as *const u8 as usize),
        _ => None,
    }
}

/// One open container of the walk: its identity and the children not visited yet.
struct Frame {
    id: usize,
    children: std::vec::IntoIter<Value>,
}

fn children(v: &Value) -> Vec<Value> {
    match v {
        Value::Map(m) => m.borrow().values().cloned().collect(),
        Value::List(items, _) => items.iter().cloned().collect(),
        _ => Vec::new(),
    }
}

/// Walks `v` without recursion and says whether every printer can print it: no container holds
/// itself, nesting stays within [`MAX_PRINT_DEPTH`] and the entries within
/// [`MAX_PRINT_NODES`].
pub fn check_printable(v: &Value) -> Result<(), Unprintable> {
    let Some(id) = container_id(v) else {
        return Ok(());
    };
    let mut nodes = 0usize;
    let mut path = vec![Frame {
        id,
        children: children(v).into_iter(),
    }];
    while let Some(top) = path.last_mut() {
        let Some(child) = top.children.next() else {
            path.pop();
            continue;
        };
        nodes += 1;
        if nodes > MAX_PRINT_NODES {
            return Err(Unprintable::TooLarge);
        }
        let Some(id) = container_id(&child) else {
            continue;
        };
        if path.iter().any(|f| f.id == id) {
            return Err(Unprintable::Cycle);
        }
        if path.len() >= MAX_PRINT_DEPTH {
            return Err(Unprintable::TooDeep);
        }
        path.push(Frame {
            id,
            children: children(&child).into_iter(),
        });
    }
    Ok(())
}

/// Checks every value of a list of operands (`printf`, `print`, `html`, …).
pub fn check_all(values: &[Value]) -> Result<(), Unprintable> {
    values.iter().try_for_each(check_printable)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::value::Map;

    #[test]
    fn finds_a_map_holding_itself() {
        let m = Value::from(Map::new());
        if let Value::Map(r) = &m {
            r.borrow_mut().insert("a".into(), m.clone());
        }
        assert_eq!(check_printable(&m), Err(Unprintable::Cycle));
        // Printing directly stops at the cycle instead of overflowing the stack.
        assert_eq!(m.to_template_string(), format!("map[a:{CYCLE_MARK}]"));
        // Break the cycle so the Rc chain can be freed.
        if let Value::Map(r) = &m {
            r.borrow_mut().clear();
        }
    }

    #[test]
    fn shared_but_acyclic_values_print() {
        let inner = Value::from(Map::new());
        let l = Value::list(vec![inner.clone(), inner.clone(), Value::list(vec![inner])]);
        assert_eq!(check_printable(&l), Ok(()));
        assert_eq!(l.to_template_string(), "[map[] map[] [map[]]]");
    }

    #[test]
    fn bounds_depth() {
        let mut v = Value::Int(1);
        for _ in 0..MAX_PRINT_DEPTH + 5 {
            v = Value::list(vec![v]);
        }
        assert_eq!(check_printable(&v), Err(Unprintable::TooDeep));
        // The recursive printer stops too.
        assert!(v.to_template_string().contains(CYCLE_MARK));
    }
}
