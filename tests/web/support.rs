//! What the browser tests share: a fake server behind the API client that records every
//! request and answers from a script, and helpers that act on the page as a person does
//! (type, choose, click) and read what a person sees.

#![allow(dead_code)]

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use leptos::prelude::document;
use leptos::task::tick;
use studio_admin_model::{AppNetworkAccessType, AuthMode};
use studio_admin_web::api::Api;
use studio_admin_web::api::transport::{
    HttpRequest, HttpResponse, LocalFuture, Method, StreamSignal, Subscription, Transport,
    TransportError,
};
use studio_admin_web::api::types::{DefaultSettings, Domain};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, Event, EventInit, HtmlElement, HtmlInputElement, HtmlSelectElement};

/// One scripted answer: requests with this method whose path starts with `path` get it.
#[derive(Debug, Clone)]
pub struct Answer {
    pub method: Method,
    pub path: String,
    pub status: u16,
    pub body: String,
}

/// A server that answers from a script and remembers what it was asked.
#[derive(Default)]
pub struct FakeServer {
    pub requests: Mutex<Vec<HttpRequest>>,
    pub answers: Mutex<Vec<Answer>>,
    /// `Retry-After` of every error answer (429 tests).
    pub retry_after: Mutex<Option<u32>>,
    /// How long every answer takes, in milliseconds (tests of what shows meanwhile).
    pub delay_ms: Mutex<i32>,
    /// Every event stream a page opened, in order, open or closed.
    pub streams: Mutex<Vec<Stream>>,
}

/// An event stream a page opened on the fake server.
#[derive(Debug, Clone)]
pub struct Stream {
    /// Which of [`LISTENERS`] hears its events.
    key: u64,
    /// The path it was opened at.
    pub path: String,
    /// Set when the page closed it (dropped its subscription).
    pub closed: Arc<AtomicBool>,
}

/// Keys of streams, unique across the servers of a test run.
static NEXT_STREAM: AtomicU64 = AtomicU64::new(0);

/// What the page listens to a stream with.
type Listener = Rc<dyn Fn(StreamSignal)>;

thread_local! {
    /// The listener of each open stream, by its key. Listeners are the browser thread's
    /// (not `Send`), so they live here rather than in the server.
    static LISTENERS: RefCell<Vec<(u64, Listener)>> = RefCell::new(Vec::new());
}

/// The session of an admin in every domain (what tests that are not about roles run as).
pub const ADMIN_SESSION: &str = r#"{"user":{"name":"ada","role":"admin","domains":["*"],"profile":"ada","source":"password"},"csrf_token":"token-admin","expires_at":null,"demo_accounts":[]}"#;

/// The session of `name` with `role` in `domains` (their own profile: their name).
pub fn session_of(name: &str, role: &str, domains: &[&str]) -> String {
    let domains: Vec<String> = domains.iter().map(|d| format!("\"{d}\"")).collect();
    format!(
        r#"{{"user":{{"name":"{name}","role":"{role}","domains":[{}],"profile":"{name}","source":"password"}},"csrf_token":"token-{name}","expires_at":null,"demo_accounts":[]}}"#,
        domains.join(",")
    )
}

impl FakeServer {
    /// A server whose session is an admin's (tests of roles script another).
    pub fn new() -> Arc<Self> {
        let server = Arc::new(Self::default());
        server.answer(Method::Get, "/api/session", 200, ADMIN_SESSION);
        server
    }

    /// A server where `name` is signed in with `role` in `domains`.
    pub fn signed_in_as(name: &str, role: &str, domains: &[&str]) -> Arc<Self> {
        let server = Self::new();
        server.answer(
            Method::Get,
            "/api/session",
            200,
            &session_of(name, role, domains),
        );
        server
    }

    /// A server where lee, lead of `domain`, is signed in, and `/api/domains` answers
    /// `domains`.
    pub fn lead_of(domain: &str, domains: &str) -> Arc<Self> {
        let server = Self::signed_in_as("lee", "lead", &[domain]);
        server.answer(Method::Get, "/api/domains", 200, domains);
        server
    }

    /// The paths asked for so far with this method, starting with `path`.
    pub fn paths_sent(&self, method: Method, path: &str) -> Vec<String> {
        self.sent_to(method, path)
            .into_iter()
            .map(|r| r.path)
            .collect()
    }

    /// The requests received so far with this method and a path starting with `path`.
    pub fn sent_to(&self, method: Method, path: &str) -> Vec<HttpRequest> {
        self.sent(method)
            .into_iter()
            .filter(|r| r.path.starts_with(path))
            .collect()
    }

    /// Answers `method path*` with `status` and `body` (later scripts win).
    pub fn answer(&self, method: Method, path: &str, status: u16, body: &str) {
        self.answers.lock().expect("lock").insert(
            0,
            Answer {
                method,
                path: path.to_owned(),
                status,
                body: body.to_owned(),
            },
        );
    }

    /// The requests received so far with this method.
    pub fn sent(&self, method: Method) -> Vec<HttpRequest> {
        self.requests
            .lock()
            .expect("lock")
            .iter()
            .filter(|r| r.method == method)
            .cloned()
            .collect()
    }

    pub fn api(self: &Arc<Self>) -> Api {
        Api::new(self.clone())
    }

    /// How many times a page opened an event stream at `path`.
    pub fn streams_opened(&self, path: &str) -> usize {
        self.streams_at(path).len()
    }

    /// How many of the event streams at `path` the page has not closed.
    pub fn streams_open(&self, path: &str) -> usize {
        self.streams_at(path)
            .iter()
            .filter(|s| !s.closed.load(Ordering::SeqCst))
            .count()
    }

    fn streams_at(&self, path: &str) -> Vec<Stream> {
        self.streams
            .lock()
            .expect("lock")
            .iter()
            .filter(|s| s.path == path)
            .cloned()
            .collect()
    }

    /// Sends `signal` down every open event stream at `path`, then lets the page react.
    pub async fn stream(&self, path: &str, signal: StreamSignal) {
        let keys: Vec<u64> = self
            .streams_at(path)
            .iter()
            .filter(|s| !s.closed.load(Ordering::SeqCst))
            .map(|s| s.key)
            .collect();
        for key in keys {
            let listener = LISTENERS.with_borrow(|all| {
                all.iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, listener)| Rc::clone(listener))
            });
            if let Some(listener) = listener {
                listener(signal.clone());
            }
        }
        settle().await;
    }

    /// Sends the event `name` with `data` down every open event stream at `path`.
    pub async fn stream_event(&self, path: &str, name: &str, data: &str) {
        self.stream(
            path,
            StreamSignal::Event {
                name: name.to_owned(),
                data: data.to_owned(),
            },
        )
        .await;
    }
}

impl Transport for FakeServer {
    fn send(&self, request: HttpRequest) -> LocalFuture<Result<HttpResponse, TransportError>> {
        self.requests.lock().expect("lock").push(request.clone());
        let answer = self
            .answers
            .lock()
            .expect("lock")
            .iter()
            .find(|a| a.method == request.method && request.path.starts_with(&a.path))
            .cloned();
        let retry_after = *self.retry_after.lock().expect("lock");
        let delay = *self.delay_ms.lock().expect("lock");
        Box::pin(async move {
            if delay > 0 {
                sleep(delay).await;
            }
            match answer {
                Some(a) => Ok(HttpResponse {
                    status: a.status,
                    body: a.body,
                    retry_after: (a.status >= 400).then_some(retry_after).flatten(),
                }),
                None => Ok(HttpResponse {
                    retry_after: None,
                    status: 404,
                    body: format!(
                        r#"{{"errors":[{{"path":"","message":"no scripted answer for {} {}"}}]}}"#,
                        request.method.as_str(),
                        request.path
                    ),
                }),
            }
        })
    }

    fn subscribe(
        &self,
        path: &str,
        _names: &[&str],
        on_signal: Box<dyn Fn(StreamSignal)>,
    ) -> Result<Subscription, TransportError> {
        let key = NEXT_STREAM.fetch_add(1, Ordering::SeqCst);
        let closed = Arc::new(AtomicBool::new(false));
        self.streams.lock().expect("lock").push(Stream {
            key,
            path: path.to_owned(),
            closed: Arc::clone(&closed),
        });
        LISTENERS.with_borrow_mut(|all| all.push((key, Rc::from(on_signal))));
        Ok(Subscription::new(move || {
            closed.store(true, Ordering::SeqCst);
            LISTENERS.with_borrow_mut(|all| all.retain(|(k, _)| *k != key));
        }))
    }
}

/// An IAM-mode domain on the public internet whose defaults give an execution role.
pub fn iam_domain() -> Domain {
    Domain {
        domain_id: Some("d-iam0001".into()),
        domain_name: Some("team".into()),
        auth_mode: Some(AuthMode::Iam),
        app_network_access_type: Some(AppNetworkAccessType::PublicInternetOnly),
        default_user_settings: DefaultSettings::new(&serde_json::json!({
            "ExecutionRole": "arn:aws:iam::123456789012:role/team-default",
        })),
        ..Domain::default()
    }
}

/// A domain whose people sign in with IAM Identity Center.
pub fn sso_domain() -> Domain {
    Domain {
        domain_id: Some("d-sso0001".into()),
        domain_name: Some("research".into()),
        auth_mode: Some(AuthMode::Sso),
        ..iam_domain()
    }
}

/// A VpcOnly domain without default security groups.
pub fn vpc_domain() -> Domain {
    Domain {
        domain_id: Some("d-vpc0001".into()),
        domain_name: Some("regulated".into()),
        app_network_access_type: Some(AppNetworkAccessType::VpcOnly),
        ..iam_domain()
    }
}

/// A new, empty element in the page's body to mount one test's view into.
pub fn fresh_container() -> HtmlElement {
    let document = document();
    let container = document
        .create_element("div")
        .expect("the document creates elements")
        .unchecked_into::<HtmlElement>();
    document
        .body()
        .expect("the page has a body")
        .append_child(&container)
        .expect("the body accepts the container");
    container
}

pub fn find(container: &HtmlElement, selector: &str) -> Option<Element> {
    container
        .query_selector(selector)
        .expect("the selector is valid")
}

pub fn find_all(container: &HtmlElement, selector: &str) -> Vec<Element> {
    let list = container
        .query_selector_all(selector)
        .expect("the selector is valid");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

pub fn input(container: &HtmlElement, id: &str) -> HtmlInputElement {
    find(container, &format!("#{id}"))
        .unwrap_or_else(|| panic!("input #{id} is shown"))
        .unchecked_into()
}

pub fn text_of(element: &Element) -> String {
    element.text_content().unwrap_or_default()
}

/// The attribute `name` of every element `selector` finds in `container`, in order
/// (elements without it are passed over).
pub fn attributes_of(container: &HtmlElement, selector: &str, name: &str) -> Vec<String> {
    find_all(container, selector)
        .iter()
        .filter_map(|element| element.get_attribute(name))
        .collect()
}

/// The names of the profile list's rows, in order.
pub fn profile_row_names(container: &HtmlElement) -> Vec<String> {
    attributes_of(container, "#profile-table tbody tr", "data-profile")
}

/// Where the first element `selector` finds in `container` links to (`None` without
/// such an element or link).
pub fn href_of(container: &HtmlElement, selector: &str) -> Option<String> {
    find(container, selector).and_then(|link| link.get_attribute("href"))
}

/// Lets the page react: effects, spawned tasks, timers of zero delay.
pub async fn settle() {
    for _ in 0..4 {
        tick().await;
    }
    sleep(0).await;
    for _ in 0..4 {
        tick().await;
    }
}

/// Waits `ms` milliseconds of the browser's clock.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("a window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Waits for the next animation frame (focus moves happen there).
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let callback = Closure::once_into_js(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        });
        let _ = web_sys::window()
            .expect("a window")
            .request_animation_frame(callback.unchecked_ref());
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    settle().await;
}

fn fire(target: &web_sys::EventTarget, name: &str) {
    let init = EventInit::new();
    init.set_bubbles(true);
    let event = Event::new_with_event_init_dict(name, &init).expect("an event");
    target
        .dispatch_event(&event)
        .expect("the event is dispatched");
}

/// Types `text` into the input as a browser does: the value changes, then `input`
/// bubbles up.
pub async fn type_into(input: &HtmlInputElement, text: &str) {
    input.set_value(text);
    fire(input, "input");
    settle().await;
}

/// Types `text` into any control with a `value` (a textarea), then `input` bubbles up.
pub async fn type_into_any(element: &Element, text: &str) {
    js_sys::Reflect::set(element, &"value".into(), &text.into()).expect("the value is set");
    fire(element, "input");
    settle().await;
}

/// Waits for `selector`, checks that its text says each of `parts`, and answers the text.
pub async fn says(container: &HtmlElement, selector: &str, parts: &[&str]) -> String {
    let text = text_of(&wait_for(container, selector).await);
    for part in parts {
        assert!(
            text.contains(part),
            "{selector} does not say {part:?}: {text}"
        );
    }
    text
}

/// Chooses `value` in a select.
pub async fn choose(select: &Element, value: &str) {
    let select: &HtmlSelectElement = select.unchecked_ref();
    select.set_value(value);
    fire(select, "change");
    settle().await;
}

/// Clicks an element.
pub async fn click(element: &Element) {
    element.unchecked_ref::<HtmlElement>().click();
    settle().await;
}

/// The button whose text is exactly `label`.
pub fn button(container: &HtmlElement, label: &str) -> Element {
    find_all(container, "button")
        .into_iter()
        .find(|b| text_of(b).trim() == label)
        .unwrap_or_else(|| panic!("a button '{label}' is shown"))
}

/// The id of the element that has keyboard focus.
pub fn focused_id() -> String {
    document()
        .active_element()
        .map(|e| e.id())
        .unwrap_or_default()
}

/// The messages next to the input, found through its `aria-describedby`.
pub fn messages_of(container: &HtmlElement, input: &Element) -> Option<String> {
    let ids = input.get_attribute("aria-describedby").unwrap_or_default();
    ids.split_whitespace()
        .filter_map(|id| find(container, &format!("#{id}")))
        .find(|el| el.class_list().contains("field-messages"))
        .map(|el| text_of(&el))
}

/// Makes `path` the browser's address (as a link inside the app would), so an app
/// mounted next starts there.
pub fn go_to(path: &str) {
    let window = web_sys::window().expect("a window");
    let history = js_sys::Reflect::get(&window, &"history".into()).expect("a history");
    let push: js_sys::Function = js_sys::Reflect::get(&history, &"pushState".into())
        .expect("pushState")
        .unchecked_into();
    push.call3(
        &history,
        &wasm_bindgen::JsValue::NULL,
        &"".into(),
        &path.into(),
    )
    .expect("the address changes");
}

/// Mounts the whole app at `path` over `server`.
pub fn mount_app(server: &Arc<FakeServer>, path: &str) -> (HtmlElement, Box<dyn std::any::Any>) {
    go_to(path);
    let container = fresh_container();
    let api = server.api();
    let handle = leptos::mount::mount_to(container.clone(), move || {
        studio_admin_web::api::provide_api(api);
        leptos::view! { <studio_admin_web::App /> }
    });
    (container, Box::new(handle))
}

/// Waits until `selector` matches in `container` (at most about two seconds).
pub async fn wait_for(container: &HtmlElement, selector: &str) -> Element {
    for _ in 0..100 {
        if let Some(found) = find(container, selector) {
            return found;
        }
        sleep(20).await;
        settle().await;
    }
    panic!(
        "{selector} is shown; the page reads: {}",
        container.text_content().unwrap_or_default()
    )
}

/// Whether a button or link whose text is exactly `label` is shown.
pub fn shows_action(container: &HtmlElement, label: &str) -> bool {
    find_all(container, "button, a")
        .iter()
        .any(|b| text_of(b).trim() == label)
}

/// The app at `path` once `selector` shows in it: the container and the mounted app
/// (keep it while the test reads the page).
pub async fn open_at(
    server: &Arc<FakeServer>,
    path: &str,
    selector: &str,
) -> (HtmlElement, Box<dyn std::any::Any>) {
    let (container, app) = mount_app(server, path);
    wait_for(&container, selector).await;
    (container, app)
}

/// The app at `path` once it refuses the page: the container, the mounted app (keep it
/// while the test reads the page) and what the refusal says.
pub async fn mount_refused(
    server: &Arc<FakeServer>,
    path: &str,
) -> (HtmlElement, Box<dyn std::any::Any>, String) {
    let (container, app) = mount_app(server, path);
    let refusal = text_of(&wait_for(&container, "#not-allowed").await);
    (container, app, refusal)
}
