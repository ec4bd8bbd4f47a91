//! The emulator's rules, checked through its HTTP interface with signed requests:
//! in-process with `oneshot` for most, over a real socket in `http.rs`.

mod support;

mod apps;
mod demo;
mod faults;
mod http;
mod identitystore;
mod lists;
mod not_found;
mod presigned;
mod profiles;
mod signature;
mod spaces;
mod sso_admin;
mod tags;
mod validation;
mod wire;
