//! Confirmation before releasing or loading: names what will change. Escape cancels.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ConfirmDialogProps {
    pub title: AttrValue,
    /// What will change, one line each.
    pub items: Vec<String>,
    pub confirm_label: AttrValue,
    pub on_confirm: Callback<()>,
    pub on_cancel: Callback<()>,
}

/// Names listed in full before the rest are summarised.
const LISTED: usize = 20;

#[component]
pub fn ConfirmDialog(props: &ConfirmDialogProps) -> Html {
    let confirm_ref = use_node_ref();
    {
        let confirm_ref = confirm_ref.clone();
        use_effect_with((), move |_| {
            if let Some(button) = confirm_ref.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
    let on_cancel = props.on_cancel.clone();
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            e.prevent_default();
            on_cancel.emit(());
        }
    });
    let more = props.items.len().saturating_sub(LISTED);
    html! {
        <div class="mlc-backdrop">
            <div class="mlc-dialog" role="dialog" aria-modal="true" aria-labelledby="mlc-dialog-title" {onkeydown}>
                <h2 id="mlc-dialog-title">{ props.title.clone() }</h2>
                <ul>
                    { for props.items.iter().take(LISTED).map(|item| html! { <li>{ item.clone() }</li> }) }
                    if more > 0 { <li>{ format!("…and {more} more") }</li> }
                </ul>
                <div class="mlc-dialog-actions">
                    <button type="button" onclick={props.on_cancel.reform(|_: MouseEvent| ())}>{ "Cancel" }</button>
                    <button type="button" class="mlc-danger" ref={confirm_ref}
                        onclick={props.on_confirm.reform(|_: MouseEvent| ())}>{ props.confirm_label.clone() }</button>
                </div>
            </div>
        </div>
    }
}
