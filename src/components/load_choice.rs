//! The Load dialog's replicas and resource groups (Milvus 2.5.4+): what the load would use and
//! where that comes from, a replica number and the groups to choose, what a choice stores on
//! the collection, and why the server would refuse it (then nothing is sent).

use crate::substring::Joined;
use yew::prelude::*;

use crate::state::{ChoiceView, LoadChoice};

/// The fields of `view`; every change goes to `on_choose` as the whole new choice.
pub fn load_choice_fields(view: &ChoiceView, on_choose: &Callback<LoadChoice>) -> Html {
    let chosen = &view.chosen;
    let on_replicas = {
        let (chosen, on_choose) = (chosen.clone(), on_choose.clone());
        Callback::from(move |e: InputEvent| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            if let Some(replicas) = input.value().trim().parse().ok().filter(|n| *n > 0) {
                on_choose.emit(LoadChoice {
                    replicas,
                    ..chosen.clone()
                });
            }
        })
    };
    let group = |name: &str, nodes: u64| {
        let checked = chosen.groups.iter().any(|g| g == name);
        let onchange = {
            let (chosen, on_choose, name) = (chosen.clone(), on_choose.clone(), name.to_string());
            Callback::from(move |_: Event| {
                let mut groups = chosen.groups.clone();
                match groups.iter().position(|g| *g == name) {
                    Some(at) => {
                        groups.remove(at);
                    }
                    None => groups.push(name.clone()),
                }
                on_choose.emit(LoadChoice {
                    groups,
                    ..chosen.clone()
                });
            })
        };
        let noun = if nodes == 1 { "node" } else { "nodes" };
        html! {
            <label>
                <input type="checkbox" {checked} {onchange} />
                { format!("{name} ({nodes} query {noun})") }
            </label>
        }
    };
    html! {
        <fieldset class="mlc-load-choice">
            <legend>{ "Replicas and resource groups" }</legend>
            <p>{ view.without.clone() }</p>
            <label class="mlc-replicas-field">
                { "Replicas" }
                <input type="number" min="1" value={chosen.replicas.to_string()} oninput={on_replicas} />
            </label>
            <div role="group" aria-label="Resource groups" class="mlc-group-choice">
                { for view.groups.groups.iter().map(|g| group(&g.name, g.available_nodes)) }
            </div>
            if view.changed {
                <p>{ format!(
                    "Kept on the collection for its later loads: collection.replica.number {} and collection.resource_groups \"{}\", stored before the load.",
                    chosen.replicas,
                    chosen.groups.joined(","),
                ) }</p>
            }
            if view.reconfigures && !view.changed {
                <p>{ "Choose other replicas or resource groups to change them." }</p>
            }
            if let Some(refusal) = &view.refusal {
                <p class="mlc-refusal" role="alert">{ format!("{refusal} Nothing is sent.") }</p>
            }
        </fieldset>
    }
}
