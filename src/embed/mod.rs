//! The embedding API: `mount(element, options)` renders a console into the element's shadow
//! root (styles stay inside, host styles stay outside) and returns a handle to update, refresh
//! or unmount it. Instances share nothing: each has its own client, scheduler and state.

mod options;

pub use crate::host::{ActionReport, ErrorReport, EventSink, StateChange};

use wasm_bindgen::prelude::*;
use web_sys::{Element, ShadowRootInit, ShadowRootMode};
use yew::AppHandle;

use crate::app::{App, AppProps};
use crate::options::ConsoleOptions;
use crate::styles;
use options::Callbacks;

#[wasm_bindgen(typescript_custom_section)]
const MOUNT_OPTIONS_TS: &str = r#"
/** Options of an embedded console; every key is optional. */
export interface MountOptions {
  /** Milvus REST endpoint, e.g. "http://milvus:19530" (no trailing slash needed). */
  endpoint?: string | null;
  /** `user:password` or an API key; kept in memory only. */
  token?: string | null;
  /** Database to show; "default" when absent. */
  database?: string | null;
  /** Hide every release/load action. */
  readOnly?: boolean;
  /** Seconds between automatic refreshes; 0 (default) is off. */
  refreshIntervalSeconds?: number;
  /** Requests in flight at once, 1 to 64 (default 6). */
  concurrency?: number;
  theme?: "light" | "dark" | "auto";
  onStateChange?: (detail: { database: string; loaded: number; loading: number; released: number; problem: number; pending: number }) => void;
  onAction?: (detail: { database: string; collection: string; partitions: string[] | null; operation: "Release" | "Load"; ok: boolean; error: string | null }) => void;
  onError?: (detail: { context: string; message: string }) => void;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// The options object, typed for TypeScript users.
    #[wasm_bindgen(typescript_type = "MountOptions")]
    pub type MountOptions;
    #[wasm_bindgen(typescript_type = "Partial<MountOptions>")]
    pub type PartialMountOptions;
}

/// A mounted console.
#[wasm_bindgen]
pub struct MountHandle {
    app: Option<AppHandle<App>>,
    props: AppProps,
    callbacks: Callbacks,
    element: Element,
}

/// Renders a console into `element` (inside a shadow root) and returns its handle.
/// Throws an `Error` naming the option when an option is invalid.
#[wasm_bindgen]
pub fn mount(element: Element, options: &MountOptions) -> Result<MountHandle, JsError> {
    let mut console = ConsoleOptions::default();
    let mut callbacks = Callbacks::default();
    options::apply(options, &mut console, &mut callbacks).map_err(|e| JsError::new(&e))?;
    let shadow = match element.shadow_root() {
        Some(existing) => existing,
        None => element
            .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
            .map_err(|_| JsError::new("milvus-load-console: this element cannot host a shadow root; mount into a <div>"))?,
    };
    styles::adopt(&shadow)
        .map_err(|_| JsError::new("milvus-load-console: cannot install the stylesheet"))?;
    let root = element
        .owner_document()
        .and_then(|d| d.create_element("div").ok())
        .ok_or_else(|| JsError::new("milvus-load-console: cannot create the root element"))?;
    root.set_class_name("mlc-host");
    shadow
        .append_child(&root)
        .map_err(|_| JsError::new("milvus-load-console: cannot attach the root element"))?;
    let props = AppProps {
        options: console,
        events: Some(sink(&element, &callbacks)),
        refresh_nonce: 0,
    };
    let app = yew::Renderer::<App>::with_root_and_props(root, props.clone()).render();
    Ok(MountHandle {
        app: Some(app),
        props,
        callbacks,
        element,
    })
}

fn sink(element: &Element, callbacks: &Callbacks) -> EventSink {
    EventSink::new(
        element.clone(),
        callbacks.on_state_change.clone(),
        callbacks.on_action.clone(),
        callbacks.on_error.clone(),
    )
}

#[wasm_bindgen]
impl MountHandle {
    /// Changes some options (for example a new `token` from the host's sign-in).
    pub fn update(&mut self, partial: &PartialMountOptions) -> Result<(), JsError> {
        let Some(app) = self.app.as_mut() else {
            return Err(JsError::new(
                "milvus-load-console: the console was unmounted",
            ));
        };
        let mut console = self.props.options.clone();
        options::apply(partial, &mut console, &mut self.callbacks).map_err(|e| JsError::new(&e))?;
        self.props.options = console;
        self.props.events = Some(sink(&self.element, &self.callbacks));
        app.update(self.props.clone());
        Ok(())
    }

    /// Lists and checks every state again.
    pub fn refresh(&mut self) {
        if let Some(app) = self.app.as_mut() {
            self.props.refresh_nonce += 1;
            app.update(self.props.clone());
        }
    }

    /// Removes the console: its DOM, requests and timers. Calling it twice is harmless.
    pub fn unmount(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        if let Some(shadow) = self.element.shadow_root() {
            while let Some(child) = shadow.first_child() {
                let _ = shadow.remove_child(&child);
            }
        }
    }
}
