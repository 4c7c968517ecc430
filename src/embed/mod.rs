//! The embedding API: `mount(element, options)` renders a console into the element's shadow
//! root (styles stay inside, host styles stay outside) and returns a handle to update, refresh
//! or unmount it. Instances share nothing: each has its own client, scheduler and state.

mod js_options;
mod loose;
mod mount_options;
#[cfg(test)]
mod tests;

pub use crate::host::{ActionReport, ErrorReport, EventSink, StateChange};
pub use js_options::JsCallback;
pub use loose::Loose;
pub use mount_options::{Callbacks, MountOptions, OptionValue, Patch, KEYS};

use wasm_bindgen::prelude::*;

use crate::lifetime::Lifetime;
use web_sys::{Element, ShadowRootInit, ShadowRootMode};
use yew::AppHandle;

use crate::app::{App, AppProps};
use crate::options::ConsoleOptions;
use crate::{panic_panel, styles};

/// The `.d.ts` of the options, kept beside the struct (a native test compares their keys).
pub const MOUNT_OPTIONS_TS: &str = include_str!("mount_options.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const MOUNT_OPTIONS_SECTION: &str = MOUNT_OPTIONS_TS;

/// An error for the host, prefixed with the package's name.
fn refuse(message: &str) -> JsError {
    JsError::new(&format!("milvus-load-console: {message}"))
}

/// A mounted console.
#[wasm_bindgen]
pub struct MountHandle {
    app: Option<AppHandle<App>>,
    props: AppProps,
    callbacks: Callbacks<JsCallback>,
    element: Element,
    /// Where the panic panel goes; removed on unmount.
    panic_panel: Option<panic_panel::Registration>,
}

/// Renders a console into `element` (inside a shadow root) and returns its handle.
/// Throws an `Error` naming the argument or option when one is invalid, or when the element
/// already has a console.
#[wasm_bindgen]
pub fn mount(
    #[wasm_bindgen(unchecked_param_type = "Element")] element: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MountOptions")] options: JsValue,
) -> Result<MountHandle, JsError> {
    let element: Element = element.dyn_into().map_err(|other| {
        refuse(&format!(
            "argument `element` of mount() must be a DOM element (got {})",
            js_options::kind_of(&other)
        ))
    })?;
    let mut console = ConsoleOptions::default();
    let mut callbacks = Callbacks::default();
    js_options::decode(&options)
        .map_err(|e| refuse(&e))?
        .apply(&mut console, &mut callbacks);
    let shadow = match element.shadow_root() {
        Some(existing) => existing,
        None => element
            .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
            .map_err(|_| refuse("this element cannot host a shadow root; mount into a <div>"))?,
    };
    // Two consoles in one shadow root would share it, and one's unmount() would wipe both.
    if let Ok(Some(_)) = shadow.query_selector(".mlc-host") {
        return Err(refuse(
            "this element already has a console; unmount() it first",
        ));
    }
    styles::adopt(&shadow).map_err(|_| refuse("cannot install the stylesheet"))?;
    let root = element
        .owner_document()
        .and_then(|d| d.create_element("div").ok())
        .ok_or_else(|| refuse("cannot create the root element"))?;
    root.set_class_name("mlc-host");
    shadow
        .append_child(&root)
        .map_err(|_| refuse("cannot attach the root element"))?;
    let (app, props) = mount_into(root, console, Some(sink(&element, &callbacks)));
    Ok(MountHandle {
        app: Some(app),
        props,
        callbacks,
        element,
        panic_panel: Some(panic_panel::register(&shadow)),
    })
}

/// Renders a console with `options` into `root`, whose styles are in place; `events` go to
/// the host, if there is one.
pub(crate) fn mount_into(
    root: Element,
    options: ConsoleOptions,
    events: Option<EventSink>,
) -> (AppHandle<App>, AppProps) {
    panic_panel::install();
    let props = AppProps {
        options,
        events,
        refresh_nonce: 0,
        lifetime: Lifetime::new(),
    };
    let app = yew::Renderer::<App>::with_root_and_props(root, props.clone()).render();
    (app, props)
}

fn sink(element: &Element, callbacks: &Callbacks<JsCallback>) -> EventSink {
    let function = |c: &Option<JsCallback>| c.as_ref().map(|c| c.0.clone());
    EventSink::new(
        element.clone(),
        function(&callbacks.on_state_change),
        function(&callbacks.on_action),
        function(&callbacks.on_error),
        function(&callbacks.on_stall),
    )
}

#[wasm_bindgen]
impl MountHandle {
    /// Changes some options (for example a new `token` from the host's sign-in, or
    /// `{token: null}` at sign-out).
    pub fn update(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Partial<MountOptions>")] partial: JsValue,
    ) -> Result<(), JsError> {
        let Some(app) = self.app.as_mut() else {
            return Err(refuse("the console was unmounted"));
        };
        js_options::decode(&partial)
            .map_err(|e| refuse(&e))?
            .apply(&mut self.props.options, &mut self.callbacks);
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
        self.panic_panel = None;
        // Ends the session now: Yew's teardown may come after effects still scheduled.
        self.props.lifetime.end();
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
