//! Confirmation before releasing or loading: says in one line what will change, lists the
//! names in a region that scrolls, and keeps the title and the buttons in view. Escape cancels.

use crate::substring::Joined;
use yew::prelude::*;

use crate::effect::use_effect_on;
use crate::state::NameGroup;

#[derive(Properties, PartialEq)]
pub struct ConfirmDialogProps {
    pub title: AttrValue,
    /// What will change, in one line.
    pub summary: AttrValue,
    /// The names concerned, by what happens to them.
    #[prop_or_default]
    pub groups: Vec<NameGroup>,
    /// Details, one line each.
    #[prop_or_default]
    pub items: Vec<String>,
    pub confirm_label: AttrValue,
    /// When set, the user must type one of these words before confirming (bulk releases).
    #[prop_or_default]
    pub require_typed: Option<Vec<String>>,
    pub on_confirm: Callback<()>,
    pub on_cancel: Callback<()>,
    /// The confirm button is a normal primary action (a load), not a red destructive one
    /// (a release, which takes data out of memory).
    #[prop_or_default]
    pub primary: bool,
    /// The server would refuse it: the confirm button is disabled (the reason is among the
    /// children).
    #[prop_or_default]
    pub blocked: bool,
    /// Fields shown under the details (a Load's replicas and resource groups).
    #[prop_or_default]
    pub children: Html,
}

/// Names listed per group before the rest are only counted: enough to check, few enough
/// that a bulk of ten thousand opens at once.
pub const LISTED: usize = 1_000;

#[component]
pub fn ConfirmDialog(props: &ConfirmDialogProps) -> Html {
    let confirm_ref = use_node_ref();
    let typed_ref = use_node_ref();
    let typed = use_state(String::new);
    {
        // Focus the first thing to act on: the typing field, else the confirm button.
        let (confirm_ref, typed_ref) = (confirm_ref.clone(), typed_ref.clone());
        use_effect_on((), move |_| {
            let target = typed_ref
                .cast::<web_sys::HtmlElement>()
                .or_else(|| confirm_ref.cast::<web_sys::HtmlElement>());
            if let Some(element) = target {
                let _ = element.focus();
            }
        });
    }
    let typed_ok = props
        .require_typed
        .as_ref()
        .is_none_or(|words| words.iter().any(|w| w.eq_ignore_ascii_case(typed.trim())));
    let oninput = {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                typed.set(input.value());
            }
        })
    };
    let on_cancel = props.on_cancel.clone();
    let dialog_ref = use_node_ref();
    let onkeydown = dialog_keys(&dialog_ref, &on_cancel);
    html! {
        <div class="mlc-backdrop">
            <div class="mlc-dialog" role="dialog" aria-modal="true" aria-labelledby="mlc-dialog-title"
                aria-describedby="mlc-dialog-summary"
                ref={dialog_ref} {onkeydown}>
                <h2 id="mlc-dialog-title">{ props.title.clone() }</h2>
                <p id="mlc-dialog-summary" class="mlc-dialog-summary">{ props.summary.clone() }</p>
                if !props.groups.is_empty() || !props.items.is_empty() {
                    <div class="mlc-dialog-body" tabindex="0" role="group" aria-label="Names and details">
                        { for props.groups.iter().map(name_group) }
                        if !props.items.is_empty() {
                            <ul class="mlc-details">
                                { for props.items.iter().map(|item| html! { <li>{ item.clone() }</li> }) }
                            </ul>
                        }
                    </div>
                }
                { props.children.clone() }
                if let Some(words) = &props.require_typed {
                    <label class="mlc-typed">
                        <span>{ format!("Type {} to confirm", words.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().joined(" or ")) }</span>
                        <input ref={typed_ref} type="text" autocomplete="off" {oninput} />
                    </label>
                }
                <div class="mlc-dialog-actions">
                    <button type="button" onclick={props.on_cancel.reform(|_: MouseEvent| ())}>{ "Cancel" }</button>
                    <button type="button" class={if props.primary { "mlc-primary" } else { "mlc-danger" }} ref={confirm_ref} disabled={!typed_ok || props.blocked}
                        onclick={props.on_confirm.reform(|_: MouseEvent| ())}>{ props.confirm_label.clone() }</button>
                </div>
            </div>
        </div>
    }
}

/// One group's heading and its names, inline.
fn name_group(group: &NameGroup) -> Html {
    let more = group.names.len().saturating_sub(LISTED);
    html! {
        <>
            <h3>{ group.heading.clone() }</h3>
            <ul class="mlc-names">
                { for group.names.iter().take(LISTED).map(|name| html! { <li>{ name.to_string() }</li> }) }
                if more > 0 { <li>{ format!("…and {} more", crate::number::grouped(more as u64)) }</li> }
            </ul>
        </>
    }
}

/// Keeps Tab and Shift+Tab inside the dialog.
/// A modal dialog's keys: Escape cancels it, Tab stays inside it.
pub(crate) fn dialog_keys(dialog: &NodeRef, on_cancel: &Callback<()>) -> Callback<KeyboardEvent> {
    let (dialog, on_cancel) = (dialog.clone(), on_cancel.clone());
    Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
        "Escape" => {
            e.prevent_default();
            on_cancel.emit(());
        }
        "Tab" => trap_focus(&dialog, &e),
        _ => {}
    })
}

fn trap_focus(dialog: &NodeRef, event: &KeyboardEvent) {
    let Some(dialog) = dialog.cast::<web_sys::Element>() else {
        return;
    };
    let Ok(nodes) = dialog.query_selector_all("button:not([disabled]), input") else {
        return;
    };
    let (Some(first), Some(last)) = (nodes.get(0), nodes.get(nodes.length().saturating_sub(1)))
    else {
        return;
    };
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let at = |node: &web_sys::Node| active.as_ref().is_some_and(|a| a.is_same_node(Some(node)));
    let target = if event.shift_key() && at(&first) {
        Some(last)
    } else if !event.shift_key() && at(&last) {
        Some(first)
    } else {
        None
    };
    if let Some(element) =
        target.and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(n).ok())
    {
        event.prevent_default();
        let _ = element.focus();
    }
}
