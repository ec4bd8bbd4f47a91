//! studio-admin browser app (Leptos, client-side rendered).
