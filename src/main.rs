//! Browser entry point: mounts the app, nothing else (the app lives in the library so the
//! browser tests can mount its parts).

fn main() {
    // Panics land in the browser console with their message instead of "unreachable".
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(studio_admin_web::App);
}
