//! The replicas and resource groups a Load dialog lets the user choose (Milvus 2.5.4+: contract
//! section 10.6). No load body carries them: a choice other than what the load would resolve
//! to is stored on the collection (`collections/alter_properties`, where it stays for later
//! loads) and the load is sent after it. What the server would refuse is refused here first.

use std::rc::Rc;

use crate::api::{LoadSettings, ResourceGroup, SettingSource};
use crate::substring::Joined;

use super::{replicas_text, ClusterRead, Confirmation, ConsoleState, Groups, Operation, Replicas};

/// Where a load goes when nothing says otherwise.
pub const DEFAULT_GROUP: &str = "__default_resource_group";

/// Replicas and the resource groups they go to.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadChoice {
    pub replicas: u32,
    pub groups: Vec<String>,
}

impl LoadChoice {
    /// What a load resolves `settings` to; the cluster default, which REST cannot read, as the
    /// server's own default (1 replica in the default group).
    /// What a load applies when nothing sets it: the cluster default (which the server does
    /// not report), usually 1 replica in the default group.
    pub fn usual() -> LoadChoice {
        LoadChoice {
            replicas: 1,
            groups: vec![DEFAULT_GROUP.to_string()],
        }
    }

    pub fn resolved(settings: &LoadSettings) -> LoadChoice {
        LoadChoice {
            replicas: settings.replicas.value.unwrap_or(1),
            groups: settings
                .resource_groups
                .value
                .clone()
                .unwrap_or_else(|| vec![DEFAULT_GROUP.to_string()]),
        }
    }

    /// Why the server would refuse this load, judged from the groups it reported: several
    /// groups must number the replicas, and every replica needs a query node of its own.
    pub fn refusal(&self, groups: &[ResourceGroup]) -> Option<String> {
        let count = self.groups.len();
        if count == 0 {
            return Some("Choose a resource group.".to_string());
        }
        if count > 1 && count != self.replicas as usize {
            return Some(format!(
                "{count} resource groups for {} replicas: the server takes 1 group, or one per replica.",
                self.replicas
            ));
        }
        let mut nodes = 0u64;
        for name in &self.groups {
            let Some(group) = groups.iter().find(|g| g.name == *name) else {
                return Some(format!("This server has no resource group {name}."));
            };
            // One group per replica: each holds one.
            if count > 1 && group.available_nodes == 0 {
                return Some(format!("{name} has no query node for its replica."));
            }
            nodes = nodes.saturating_add(group.available_nodes);
        }
        (u64::from(self.replicas) > nodes).then(|| {
            let (replicas, noun) = match self.replicas {
                1 => ("1 replica needs".to_string(), "node"),
                n => (format!("{n} replicas need"), "nodes"),
            };
            format!(
                "{replicas} {} query {noun} in {}, which has {nodes}: each replica is held by nodes of its own.",
                self.replicas,
                self.groups.joined(" and "),
            )
        })
    }
}

/// What the Load dialog offers: the choice, what the load would use without it, and the
/// groups to choose from.
#[derive(Clone, Debug, PartialEq)]
pub struct ChoiceView {
    /// What the load uses without a choice, and where that comes from.
    pub without: String,
    pub chosen: LoadChoice,
    /// The choice differs from what the load resolves to: it is stored first.
    pub changed: bool,
    pub groups: Rc<Groups>,
    pub refusal: Option<String>,
    /// Changes the replicas of a loaded collection: without a change there is nothing to send.
    pub reconfigures: bool,
}

impl ChoiceView {
    /// Confirming sends nothing: the server would refuse the choice, or a loaded collection's
    /// replicas are left as they are.
    pub fn blocks(&self) -> bool {
        self.refusal.is_some() || (self.reconfigures && !self.changed)
    }
}

/// Whether confirming `confirmation`, with its dialog's `choice`, sends nothing: a change of
/// replicas also waits for the resource groups its choice starts from.
pub fn confirm_blocked(confirmation: &Confirmation, choice: Option<&ChoiceView>) -> bool {
    choice.map_or(confirmation.reconfigures, ChoiceView::blocks)
}

/// The replicas and groups a load resolves `settings` to, and where they come from.
fn resolves_to(settings: &LoadSettings) -> String {
    let groups = &settings.resource_groups;
    let groups = match (&groups.value, groups.source) {
        (Some(names), SettingSource::Collection) => {
            format!(
                "{} (collection property collection.resource_groups)",
                names.joined(", ")
            )
        }
        (Some(names), SettingSource::Database) => {
            format!(
                "{} (database property database.resource_groups)",
                names.joined(", ")
            )
        }
        _ => "cluster default, usually __default_resource_group".to_string(),
    };
    format!("{}; {groups}.", replicas_text(settings))
}

impl ConsoleState {
    /// The Load dialog's choice: one whole collection, its settings read, on a server that
    /// reports its resource groups (2.5.3+). Otherwise the load applies what it resolves to.
    pub fn load_choice(&self) -> Option<ChoiceView> {
        let confirmation = self.confirm.as_ref()?;
        let [target] = confirmation.targets.as_slice() else {
            return None;
        };
        if target.operation != Operation::Load || !target.partitions.is_empty() {
            return None;
        }
        let ClusterRead::Ready(groups) = &self.cluster.groups else {
            return None;
        };
        let settings = confirmation.settings.get(&target.collection);
        let loaded = match self.row(&target.collection).map(|r| r.replicas) {
            Some(Replicas::Count(n)) if confirmation.reconfigures => Some(n),
            _ => None,
        };
        // A load needs its settings read to say what it resolves to; a change of replicas
        // starts from what is loaded, and says the settings once read.
        if settings.is_none() && loaded.is_none() {
            return None;
        }
        let resolved = settings.map_or_else(LoadChoice::usual, LoadChoice::resolved);
        // The cluster default cannot be read: a choice equal to what it usually is is stored
        // all the same.
        let unread = settings.is_none_or(|s| {
            s.replicas.source == SettingSource::ClusterDefault
                || s.resource_groups.source == SettingSource::ClusterDefault
        });
        let resolved_text = settings.map(resolves_to).unwrap_or_default();
        let without = match loaded {
            Some(n) => format!(
                "Loaded now with {n} {}. {}",
                if n == 1 { "replica" } else { "replicas" },
                if resolved_text.is_empty() {
                    "Its settings: reading…".to_string()
                } else {
                    format!("Its settings: {resolved_text}")
                },
            ),
            None => format!("Without a choice: {resolved_text}"),
        };
        // A loaded collection starts from its replicas and the groups that hold them.
        let mut start = resolved.clone();
        if let Some(replicas) = loaded {
            start.replicas = replicas;
            let mut holding = Vec::new();
            for group in &groups.groups {
                if group
                    .loaded_replicas
                    .iter()
                    .any(|(c, _)| *c == *target.collection)
                {
                    holding.push(group.name.clone());
                }
            }
            if !holding.is_empty() {
                start.groups = holding;
            }
        }
        let chosen = confirmation.choice.clone();
        // A change of replicas changes something when it differs from what is loaded; a load's
        // choice when it differs from what the load would resolve to (or that is unread).
        let changed = chosen.as_ref().is_some_and(|c| match loaded {
            Some(_) => *c != start,
            None => *c != resolved || unread,
        });
        let chosen = chosen.unwrap_or(start);
        let not_loaded = confirmation.reconfigures
            && !self
                .row(&target.collection)
                .is_some_and(|r| r.replicas_changeable());
        let refusal = if not_loaded {
            Some(format!("{} is not fully loaded now.", target.collection))
        } else {
            // Without a choice the load is sent as it would be anyway: the server decides.
            changed.then(|| chosen.refusal(&groups.groups)).flatten()
        };
        Some(ChoiceView {
            refusal,
            changed,
            chosen,
            without,
            groups: groups.clone(),
            reconfigures: confirmation.reconfigures,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(name: &str, nodes: u64) -> ResourceGroup {
        ResourceGroup {
            name: name.to_string(),
            available_nodes: nodes,
            ..ResourceGroup::default()
        }
    }

    fn choice(replicas: u32, groups: &[&str]) -> LoadChoice {
        LoadChoice {
            replicas,
            groups: groups.iter().map(|g| g.to_string()).collect(),
        }
    }

    #[test]
    fn replicas_need_as_many_nodes_in_their_groups() {
        let groups = [group("rg1", 2), group("rg2", 1)];
        assert_eq!(choice(2, &["rg1"]).refusal(&groups), None);
        let too_many = choice(3, &["rg1"]).refusal(&groups);
        assert_eq!(
            too_many.as_deref(),
            Some("3 replicas need 3 query nodes in rg1, which has 2: each replica is held by nodes of its own.")
        );
        assert_eq!(choice(2, &["rg1", "rg2"]).refusal(&groups), None);
    }

    #[test]
    fn several_groups_must_number_the_replicas() {
        let groups = [group("rg1", 4), group("rg2", 4)];
        let refusal = choice(3, &["rg1", "rg2"]).refusal(&groups);
        assert!(refusal.is_some_and(|r| r.starts_with("2 resource groups for 3 replicas")));
        assert!(choice(1, &[]).refusal(&groups).is_some());
        assert!(choice(1, &["gone"])
            .refusal(&groups)
            .is_some_and(|r| r.contains("no resource group gone")));
        // Each of one group per replica needs a node: the sum over groups is not enough.
        let uneven = [group("rg1", 3), group("rg2", 0)];
        assert_eq!(
            choice(2, &["rg1", "rg2"]).refusal(&uneven).as_deref(),
            Some("rg2 has no query node for its replica.")
        );
    }
}
