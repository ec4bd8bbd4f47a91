// Starts the app. The bundle (or trunk) names the wasm-bindgen module and its WebAssembly on this
// script's tag (see `pattern_script` in Trunk.toml); loading them from a file rather than
// an inline script keeps the proxy's Content-Security-Policy `script-src 'self'` strict.
const tag = document.querySelector("script[data-app-js]");
const { default: init } = await import(tag.dataset.appJs);
await init({ module_or_path: tag.dataset.appWasm });
