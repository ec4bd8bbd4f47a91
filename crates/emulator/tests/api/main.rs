//! The emulator's rules, checked through its HTTP interface with signed requests:
//! in-process with `oneshot` for most, over a real socket in `http.rs`.

mod support;

mod apps;
mod demo;
mod faults;
mod http;
mod lists;
mod presigned;
mod profiles;
mod signature;
mod spaces;
mod validation;
mod wire;
