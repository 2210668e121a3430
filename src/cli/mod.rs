//! The command line: subcommands and the detection of the mode we were started in.

pub mod template;
