//! What an embedded console tells its host: DOM `CustomEvent`s on the mount element
//! (`statechange`, `action`, `stall`, `error`, bubbling out of the shadow root) and the optional
//! callbacks given in the options. A leaf module: the session, the hooks and `embed` use it.

use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, Element};

/// Where events go. Compared by identity in props.
#[derive(Clone)]
pub struct EventSink {
    inner: Rc<Sink>,
}

struct Sink {
    element: Element,
    on_state_change: Option<js_sys::Function>,
    on_action: Option<js_sys::Function>,
    on_error: Option<js_sys::Function>,
    on_stall: Option<js_sys::Function>,
}

impl PartialEq for EventSink {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

/// `statechange` detail: counts per state of the database on screen.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StateChange {
    pub database: String,
    pub loaded: usize,
    pub loading: usize,
    pub released: usize,
    pub problem: usize,
    pub pending: usize,
}

/// `action` detail: what was released or loaded, and how it ended.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionReport {
    pub database: String,
    pub collection: String,
    pub partitions: Option<Vec<String>>,
    pub operation: &'static str,
    pub ok: bool,
    pub error: Option<String>,
}

/// `stall` detail: a load whose progress has not moved for the stall minutes, once per stall.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StallReport {
    pub database: String,
    pub collection: String,
    /// The percent it is stuck at.
    pub progress: u8,
    /// Since when (ISO 8601, UTC): the first read at this percent.
    pub since: String,
}

/// `error` detail: what failed and the message shown.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorReport {
    pub context: String,
    pub message: String,
}

impl EventSink {
    pub fn new(
        element: Element,
        on_state_change: Option<js_sys::Function>,
        on_action: Option<js_sys::Function>,
        on_error: Option<js_sys::Function>,
        on_stall: Option<js_sys::Function>,
    ) -> Self {
        EventSink {
            inner: Rc::new(Sink {
                element,
                on_state_change,
                on_action,
                on_error,
                on_stall,
            }),
        }
    }

    fn emit(&self, name: &str, detail: &impl Serialize, callback: Option<&js_sys::Function>) {
        // Plain objects, arrays and `null` (not `Map`s or `undefined`): what JSON would give.
        let detail = detail
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .unwrap_or(JsValue::NULL);
        let init = CustomEventInit::new();
        init.set_detail(&detail);
        init.set_bubbles(true);
        init.set_composed(true);
        if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = self.inner.element.dispatch_event(&event);
        }
        if let Some(callback) = callback {
            // A host callback that throws must not break the console.
            let _ = callback.call1(&JsValue::NULL, &detail);
        }
    }

    pub fn state_change(&self, detail: &StateChange) {
        self.emit("statechange", detail, self.inner.on_state_change.as_ref());
    }

    pub fn action(&self, detail: &ActionReport) {
        self.emit("action", detail, self.inner.on_action.as_ref());
    }

    pub fn stall(&self, detail: &StallReport) {
        self.emit("stall", detail, self.inner.on_stall.as_ref());
    }

    pub fn error(&self, detail: &ErrorReport) {
        self.emit("error", detail, self.inner.on_error.as_ref());
    }
}
