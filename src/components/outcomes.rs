//! What became of the releases and loads the user asked for: done, or failed with the reason.

use yew::prelude::*;

use crate::state::Outcome;

#[derive(Properties, PartialEq)]
pub struct OutcomesProps {
    pub outcomes: Vec<Outcome>,
    /// The database on screen: outcomes from another one name theirs.
    pub database: AttrValue,
    pub on_dismiss: Callback<()>,
}

#[component]
pub fn Outcomes(props: &OutcomesProps) -> Html {
    if props.outcomes.is_empty() {
        return html! {};
    }
    let failed = props.outcomes.iter().filter(|o| o.result.is_err()).count();
    let on_dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <section class="mlc-outcomes" aria-live="polite" aria-label="Results">
            <strong>{ format!("{} done, {} failed", props.outcomes.len() - failed, failed) }</strong>
            <ul>
                { for props.outcomes.iter().map(|o| {
                    let target = if o.partitions.is_empty() {
                        o.collection.clone()
                    } else {
                        format!("partitions {} of {}", o.partitions.join(", "), o.collection)
                    };
                    let what = if *o.database == *props.database {
                        format!("{} {target}", o.operation.verb())
                    } else {
                        format!("{} {target} (database {})", o.operation.verb(), o.database)
                    };
                    let (class, text) = match &o.result {
                        Ok(()) => ("mlc-ok", format!("{what}: done")),
                        Err(e) => ("mlc-failed", format!("{what}: failed: {e}")),
                    };
                    html! { <li class={class}>{ text }</li> }
                }) }
            </ul>
            <button type="button" onclick={on_dismiss}>{ "Dismiss" }</button>
        </section>
    }
}
