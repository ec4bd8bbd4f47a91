//! The seam between the typed API client and the network: one HTTP exchange, and one
//! stream of server-sent events. The browser implements it with `fetch` and `EventSource`
//! ([`super::fetch`]); the browser tests implement it with canned answers, and record
//! every request so they can compare what was sent with what the page showed.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

/// A future the browser's single thread runs (JavaScript promises are not `Send`).
pub type LocalFuture<T> = Pin<Box<dyn Future<Output = T>>>;

/// HTTP methods the API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Read.
    Get,
    /// Create, or run an action (cancel, retry, presign, sign in).
    Post,
    /// Replace (update a profile).
    Put,
    /// Delete (start a delete job, sign out).
    Delete,
}

impl Method {
    /// The method as HTTP spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Delete => "DELETE",
        }
    }

    /// Whether the request changes something (and so must carry the CSRF token).
    pub fn changes_state(self) -> bool {
        self != Self::Get
    }
}

/// One request to the proxy's API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The path and query, starting with `/api/`.
    pub path: String,
    /// The JSON body, exactly as sent.
    pub body: Option<String>,
    /// The session's CSRF token, sent as `X-CSRF-Token` (every state-changing request
    /// carries it once the session gave one).
    pub csrf_token: Option<String>,
}

/// The proxy's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// The HTTP status.
    pub status: u16,
    /// The body as text (JSON for every API answer).
    pub body: String,
    /// `Retry-After` in seconds, when the server said how long to wait (429).
    pub retry_after: Option<u32>,
}

/// The request did not get an answer (network down, proxy stopped, request refused by the
/// browser).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportError(pub String);

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What an event stream reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StreamSignal {
    /// The connection is open (again).
    Open,
    /// A named event with its data.
    Event {
        /// The event name (`snapshot`, `job`, `step`).
        name: String,
        /// The event's data (JSON).
        data: String,
    },
    /// The connection dropped; the browser reconnects by itself.
    Interrupted,
}

/// Keeps an event stream open; dropping it closes the stream.
pub struct Subscription {
    close: Option<Box<dyn FnOnce()>>,
}

impl Subscription {
    /// A subscription that runs `close` when dropped.
    pub fn new(close: impl FnOnce() + 'static) -> Self {
        Self {
            close: Some(Box::new(close)),
        }
    }
}

impl fmt::Debug for Subscription {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Subscription").finish_non_exhaustive()
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        if let Some(close) = self.close.take() {
            close();
        }
    }
}

/// How the API client reaches the proxy.
pub trait Transport: Send + Sync {
    /// Sends one request and waits for the whole answer.
    fn send(&self, request: HttpRequest) -> LocalFuture<Result<HttpResponse, TransportError>>;

    /// Opens a Server-Sent Events stream at `path`, listening for the events `names`;
    /// `on_signal` is called for each event and each change of the connection.
    fn subscribe(
        &self,
        path: &str,
        names: &[&str],
        on_signal: Box<dyn Fn(StreamSignal)>,
    ) -> Result<Subscription, TransportError>;
}
