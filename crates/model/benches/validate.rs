//! How long validating the largest request takes (target: under 50 µs natively), so the
//! proxy can validate every body and the browser every keystroke without noticing.
//!
//! `cargo bench -p studio-admin-model --bench validate` prints criterion's estimate as
//! `validate_maximal_request  time: [low mean high]`; adding `-- --output-format bencher`
//! prints one line for scripts: `test validate_maximal_request ... bench: N ns/iter (+/- D)`.
//! The time is wall-clock: other work on the machine inflates it.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use studio_admin_model::validate;

#[path = "../tests/support/maximal.rs"]
#[allow(dead_code)]
mod maximal;

fn validate_maximal_request(c: &mut Criterion) {
    let request = maximal::request();
    let domain = maximal::domain();
    // Fail loudly rather than time the error path: the request must be valid.
    let report = validate(&request, Some(&domain));
    assert!(
        !report.has_errors(),
        "maximal request has errors: {report:?}"
    );
    c.bench_function("validate_maximal_request", |b| {
        b.iter(|| validate(black_box(&request), black_box(Some(&domain))));
    });
}

criterion_group!(benches, validate_maximal_request);
criterion_main!(benches);
