//! Should the console ever panic, every console on the page says so instead of going dead.
//! A panic stops the whole module, so all instances at once: each mounted instance registers
//! the node its panel goes into, and the hook writes a panel into every one of them.

use std::cell::{Cell, RefCell};
use std::panic;

use web_sys::Node;

thread_local! {
    static CONTAINERS: RefCell<Vec<(u32, Node)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
    static INSTALLED: Cell<bool> = const { Cell::new(false) };
}

/// A live instance's place for the panel; dropping it (on unmount) removes it.
pub struct Registration(u32);

impl Drop for Registration {
    fn drop(&mut self) {
        let id = self.0;
        let _ = CONTAINERS.try_with(|c| {
            if let Ok(mut containers) = c.try_borrow_mut() {
                containers.retain(|(other, _)| *other != id);
            }
        });
    }
}

/// Registers `container` (an instance's shadow root, or the standalone page's root).
pub fn register(container: &Node) -> Registration {
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1));
        id
    });
    CONTAINERS.with(|c| c.borrow_mut().push((id, container.clone())));
    Registration(id)
}

/// Installs the panic hook, once; the previous hook still runs after it.
pub fn install() {
    // After a panic the hook cannot be changed (std panics again): keep whatever is there.
    if std::thread::panicking() || INSTALLED.with(|i| i.replace(true)) {
        return;
    }
    let previous = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        show_everywhere(&info.to_string());
        previous(info);
    }));
}

/// Writes the panel into every registered container; returns how many got one.
pub fn show_everywhere(message: &str) -> usize {
    web_sys::console::error_1(&message.into());
    let text = format!(
        "Milvus Load Console stopped because of an internal error. Reload the page to continue. Details: {message}"
    );
    // `try_`: the panic may have happened while the list was being changed.
    CONTAINERS
        .try_with(|c| match c.try_borrow() {
            Ok(containers) => containers
                .iter()
                .filter(|(_, container)| show(container, &text))
                .count(),
            Err(_) => 0,
        })
        .unwrap_or(0)
}

fn show(container: &Node, text: &str) -> bool {
    let Some(document) = container.owner_document() else {
        return false;
    };
    let Ok(panel) = document.create_element("div") else {
        return false;
    };
    panel.set_class_name("mlc-panic");
    let _ = panel.set_attribute("role", "alert");
    panel.set_text_content(Some(text));
    container
        .insert_before(&panel, container.first_child().as_ref())
        .is_ok()
}
