//! The replica setting a restore's loads apply, as its dialog says it: one line when every
//! load applies the same, else one line per setting naming its collections.

use crate::api::LoadSettings;
use crate::state::replicas_text;
use crate::substring::Joined;

use super::plan::{Plan, PlanItem, Step};

/// The lines for the settings read ("database / collection", the setting or `None` when it
/// could not be read), and how many of the plan's collections to load were not read.
pub fn replica_lines(plan: &Plan, read: &[(String, Option<LoadSettings>)]) -> Vec<String> {
    let collections: std::collections::HashSet<(&str, &str)> = plan
        .items
        .iter()
        .filter(|i| i.step == Step::Load)
        .map(PlanItem::key)
        .collect();
    if collections.is_empty() {
        return Vec::new();
    }
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for (label, settings) in read {
        let text = settings
            .as_ref()
            .map_or_else(|| "could not be read".to_string(), replicas_text);
        match groups.iter_mut().find(|(t, _)| *t == text) {
            Some((_, names)) => names.push(label),
            None => groups.push((text, vec![label])),
        }
    }
    let mut lines: Vec<String> = match groups.as_slice() {
        [(text, _)] => vec![format!("Replicas: {text}")],
        _ => groups
            .iter()
            .map(|(text, names)| format!("Replicas: {text}: {}", names.joined(", ")))
            .collect(),
    };
    if collections.len() > read.len() {
        lines.push(format!(
            "Replica settings read for {} of the {} collections to load.",
            read.len(),
            collections.len()
        ));
    }
    lines
}
