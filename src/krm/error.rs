//! Problems with the input as a whole (not with one object's content).

use std::fmt;

use crate::yaml::YamlError;

/// The input could not be read as a ResourceList or a stream of objects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KrmError {
    /// What is wrong.
    pub message: String,
    /// 1-based position in the input, when the problem has one.
    pub position: Option<(usize, usize)>,
}

impl KrmError {
    /// An error without a position.
    pub fn new(message: impl Into<String>) -> KrmError {
        KrmError {
            message: message.into(),
            position: None,
        }
    }

    /// An error at a 1-based line and column.
    pub fn at(message: impl Into<String>, line: usize, col: usize) -> KrmError {
        KrmError {
            message: message.into(),
            position: Some((line, col)),
        }
    }
}

impl From<YamlError> for KrmError {
    fn from(e: YamlError) -> Self {
        KrmError::at(e.message, e.line, e.col)
    }
}

impl fmt::Display for KrmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, col)) => write!(f, "line {line}:{col}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for KrmError {}
