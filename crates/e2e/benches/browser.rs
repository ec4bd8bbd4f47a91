//! Browser measurements (filled in below).
fn main() {}
