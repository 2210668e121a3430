//! The stack guard: parsing and execution recurse over the template's nesting and over
//! `{{template}}` calls, so hostile input could overflow the machine stack. Both measure how far
//! below their entry point the stack has grown and stop with an error past a budget.
//!
//! The budget defaults to 1 MiB, safe on any thread Rust creates by default (2 MiB). A program
//! that runs renders on a thread with a bigger stack raises it with [`set_stack_budget`], which
//! lets `{{template}}` recursion reach Go's own limit of 100000 nested calls.

use std::sync::atomic::{AtomicUsize, Ordering};

static BUDGET: AtomicUsize = AtomicUsize::new(1024 * 1024);

/// Sets how many bytes of stack a parse or an execution may use (process-wide). Give at most
/// about half of the stack of the threads that render.
pub fn set_stack_budget(bytes: usize) {
    BUDGET.store(bytes.max(64 * 1024), Ordering::Relaxed);
}

/// The current budget in bytes.
pub fn stack_budget() -> usize {
    BUDGET.load(Ordering::Relaxed)
}

/// The approximate address of the current stack frame (safe: only the address is read).
#[inline(never)]
pub fn stack_addr() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// Whether the stack has grown past the budget since `base` was taken.
pub fn exceeded(base: usize) -> bool {
    base.abs_diff(stack_addr()) > stack_budget()
}

/// Like [`exceeded`], with `slack` more bytes allowed (for checks that should only fire after a
/// closer, more informative check had its chance).
pub fn exceeded_with_slack(base: usize, slack: usize) -> bool {
    base.abs_diff(stack_addr()) > stack_budget().saturating_add(slack)
}
