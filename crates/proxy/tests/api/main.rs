//! The proxy's integration tests, in one binary (one link step): each module tests one
//! side of the proxy from outside, through its router in-process (`oneshot`), over real
//! HTTP, or as the `studio-admin` binary; `helpers` is what they share.

mod helpers;

mod audit_log;
mod batch_apply;
mod batch_groups;
mod batch_jobs;
mod batch_plan;
mod commands;
mod endpoints;
mod errors;
mod fuzz;
mod hardening;
mod job_safety;
mod jobs_engine;
mod jobs_restart;
mod jobs_routes;
mod logs;
mod replicas;
mod requests;
mod roles;
mod running;
mod sagemaker_client;
mod sign_in;
mod sigv4_signing;
mod spawned_server;
mod sso_access;
mod store_conformance;
mod tags;
mod web;
