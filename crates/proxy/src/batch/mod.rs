//! A team at once, from a file: what applying it would do ([`plan`]), row by row, asked of
//! SageMaker before anything is sent, and applying it ([`apply`]) with as many rows in
//! flight as SageMaker takes. The route (`routes/batch.rs`) and the `plan` and `apply`
//! commands share it.
//!
//! | file | what |
//! |---|---|
//! | `plan.rs` | every row read, checked with the domain's context, and compared with the profile of that name |
//! | `apply.rs` | the rows that send something, run and tried again after transient failures; nothing created twice |
//! | `prune.rs` | the domain's profiles a file does not list, offboarded by delete jobs (`--prune`) |
//! | `concurrency.rs` | how many rows run at once: more while SageMaker answers, half after it throttles |
//! | `engine.rs` | team files applied on the server as durable batches: start, read, cancel, retry, and the replica's leases |
//! | `runner.rs` | one batch run: every row written before and after its call, under the runner's fence, and audited |

pub mod apply;
pub mod concurrency;
mod engine;
pub mod plan;
pub mod prune;
mod runner;

pub use apply::{ApplyOptions, Ledger, OnEnd, Outcome, Work, apply, work_of};
pub use engine::{BatchEngine, BatchesError, MAX_LISTED_BATCHES};
pub use plan::{PlanOptions, plan, plan_rows};
