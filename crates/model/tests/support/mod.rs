//! Shared by the integration tests: the vendored model as JSON, the pattern samples and
//! the maximal request. Each test file uses only part of it.
#![allow(dead_code)]

pub mod maximal;
pub mod model;
pub mod samples;
