//! A team at once, from a file: what applying it would do ([`plan`]), row by row, asked of
//! SageMaker before anything is sent. The route (`routes/batch.rs`) and the `plan` command
//! share it.
//!
//! | file | what |
//! |---|---|
//! | `plan.rs` | every row read, checked with the domain's context, and compared with the profile of that name |

pub mod plan;

pub use plan::{PlanOptions, plan};
