//! studio-admin backend binary.

fn main() {}
