//! Should the console ever panic, the page shows what happened instead of going dead.

use std::panic;

/// Installs a panic hook that writes a visible error panel into the page.
pub fn install() {
    panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.clone().into());
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Ok(panel) = document.create_element("div") else {
            return;
        };
        panel.set_class_name("mlc-panic");
        let _ = panel.set_attribute("role", "alert");
        panel.set_text_content(Some(&format!(
            "Milvus Load Console stopped because of an internal error. Reload the page to continue. Details: {message}"
        )));
        if let Some(body) = document.body() {
            let _ = body.prepend_with_node_1(&panel);
        }
    }));
}
