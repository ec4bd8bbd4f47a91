//! End-to-end support for studio-admin: starting the real binary and driving headless
//! Chromium over WebDriver.
