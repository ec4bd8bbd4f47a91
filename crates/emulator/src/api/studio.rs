//! The page a presigned Studio URL opens: it stands in for Studio itself, showing who was
//! signed in, or refusing an expired or altered link (HTTP 403) as AWS does.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use crate::emulator::Emulator;

/// Escapes text for HTML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1><p>{body}</p></body></html>",
        title = escape(title),
        body = escape(body)
    )
}

/// `GET /studio/{domain_id}/auth?token=...`
pub(super) async fn sign_in(
    State(emulator): State<Emulator>,
    Path(domain_id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let token = query.get("token").map_or("", String::as_str);
    match emulator.open_studio(&domain_id, token) {
        Ok(session) => {
            let place = session
                .space_name
                .map_or_else(String::new, |s| format!(", space {s}"));
            let body = format!(
                "Signed in to SageMaker Studio (emulated) as {} in domain {}{place}. The session lasts {} seconds.",
                session.user_profile_name, session.domain_id, session.session_seconds
            );
            Html(page("SageMaker Studio", &body)).into_response()
        }
        Err(reason) => {
            (StatusCode::FORBIDDEN, Html(page("Sign-in refused", reason))).into_response()
        }
    }
}
