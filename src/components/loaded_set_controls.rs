//! "Save loaded set" and "Restore loaded set…": the buttons, the file picker, the status of a
//! save or restore, and Cancel while a restore is read.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::restore::Restore;

#[derive(Properties, PartialEq)]
pub struct LoadedSetControlsProps {
    /// Restoring is hidden in read-only mode; saving only reads.
    pub read_only: bool,
    pub on_save: Callback<()>,
    /// A file picked to restore.
    pub on_file: Callback<web_sys::File>,
    /// Stops the restore's read.
    pub on_cancel: Callback<()>,
}

/// A function, not a component: it has no state of its own, and one component type fewer is one
/// copy fewer of Yew's per-component code in the wasm. (The props stay `Properties` so that a
/// test can render it inside a component of its own.)
pub fn loaded_set_controls(restore: &Restore, props: &LoadedSetControlsProps) -> Html {
    let on_pick = {
        let on_file = props.on_file.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                on_file.emit(file);
            }
            // The same file can be picked again.
            input.set_value("");
        })
    };
    let busy = restore.reading().is_some();
    let status = restore.status().map(|s| {
        html! {
            <>
                if s.alert {
                    <p class="mlc-error" role="alert">{ s.text }</p>
                } else {
                    <p class="mlc-status" role="status">{ s.text }</p>
                }
                if s.cancellable {
                    <button type="button" onclick={props.on_cancel.reform(|_: MouseEvent| ())}>
                        { "Cancel restore" }
                    </button>
                }
            </>
        }
    });
    html! {
        <div class="mlc-loaded-set">
            <button type="button" onclick={props.on_save.reform(|_: MouseEvent| ())} disabled={busy}>
                { "Save loaded set" }
            </button>
            if !props.read_only {
                <label class="mlc-restore" title="Pick a saved file, or drop it on the console">
                    { "Restore loaded set…" }
                    <input class="mlc-visually-hidden" type="file" name="restore" accept=".json,application/json"
                        disabled={busy} onchange={on_pick} />
                </label>
            }
            { for status }
        </div>
    }
}
