//! [`Transport`] over the browser's own `fetch` and `EventSource`: same origin, JSON in
//! and out, the session cookie included (same origin only), the CSRF token in
//! `X-CSRF-Token`.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_futures::JsFuture;
use web_sys::{EventSource, Headers, MessageEvent, RequestInit, Response};

use super::transport::{
    HttpRequest, HttpResponse, LocalFuture, StreamSignal, Subscription, Transport, TransportError,
};

/// The browser's network stack.
#[derive(Debug, Clone, Copy, Default)]
pub struct FetchTransport;

/// A JavaScript failure in words (fetch rejects with a `TypeError` when offline).
fn describe(value: &wasm_bindgen::JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "the browser could not complete the request".to_owned())
}

async fn send(request: HttpRequest) -> Result<HttpResponse, TransportError> {
    let fail = |what: &str, e: wasm_bindgen::JsValue| {
        TransportError(format!(
            "{what} {} {}: {}",
            request.method.as_str(),
            request.path,
            describe(&e)
        ))
    };
    let window = web_sys::window().ok_or_else(|| TransportError("no browser window".into()))?;
    let init = RequestInit::new();
    init.set_method(request.method.as_str());
    // Credentials stay fetch's default, `same-origin`: the session cookie goes along to
    // our own origin (every path here is relative), never anywhere else.
    let headers = Headers::new().map_err(|e| fail("cannot prepare", e))?;
    headers
        .set("Accept", "application/json")
        .map_err(|e| fail("cannot prepare", e))?;
    if let Some(body) = &request.body {
        headers
            .set("Content-Type", "application/json")
            .map_err(|e| fail("cannot prepare", e))?;
        init.set_body(&wasm_bindgen::JsValue::from_str(body));
    }
    if let Some(token) = &request.csrf_token {
        headers
            .set("X-CSRF-Token", token)
            .map_err(|e| fail("cannot prepare", e))?;
    }
    init.set_headers(&headers);
    let answer = JsFuture::from(window.fetch_with_str_and_init(&request.path, &init))
        .await
        .map_err(|e| fail("no answer to", e))?;
    let response: Response = answer
        .dyn_into()
        .map_err(|e| fail("unexpected answer to", e))?;
    let status = response.status();
    let retry_after = response
        .headers()
        .get("Retry-After")
        .ok()
        .flatten()
        .and_then(|v| v.trim().parse::<u32>().ok());
    let text = response.text().map_err(|e| fail("cannot read", e))?;
    let body = JsFuture::from(text)
        .await
        .map_err(|e| fail("cannot read", e))?
        .as_string()
        .unwrap_or_default();
    Ok(HttpResponse {
        status,
        body,
        retry_after,
    })
}

impl Transport for FetchTransport {
    fn send(&self, request: HttpRequest) -> LocalFuture<Result<HttpResponse, TransportError>> {
        Box::pin(send(request))
    }

    fn subscribe(
        &self,
        path: &str,
        names: &[&str],
        on_signal: Box<dyn Fn(StreamSignal)>,
    ) -> Result<Subscription, TransportError> {
        let source = EventSource::new(path)
            .map_err(|e| TransportError(format!("cannot open {path}: {}", describe(&e))))?;
        let on_signal: std::rc::Rc<dyn Fn(StreamSignal)> = on_signal.into();

        let mut listeners = Vec::new();
        for name in names {
            let name_owned = (*name).to_owned();
            let handler = on_signal.clone();
            let listener = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
                handler(StreamSignal::Event {
                    name: name_owned.clone(),
                    data: event.data().as_string().unwrap_or_default(),
                });
            });
            source
                .add_event_listener_with_callback(name, listener.as_ref().unchecked_ref())
                .map_err(|e| {
                    TransportError(format!("cannot listen to {path}: {}", describe(&e)))
                })?;
            listeners.push(listener);
        }
        let opened = on_signal.clone();
        let on_open = Closure::<dyn Fn()>::new(move || opened(StreamSignal::Open));
        source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        let interrupted = on_signal;
        let on_error = Closure::<dyn Fn()>::new(move || interrupted(StreamSignal::Interrupted));
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));

        Ok(Subscription::new(move || {
            source.close();
            source.set_onopen(None);
            source.set_onerror(None);
            // The closures live until the stream is closed, then go with it.
            drop((listeners, on_open, on_error));
        }))
    }
}
