//! Whether a load fits, as far as the console can tell before sending: each collection's
//! estimate of one replica (rows on screen are sized) times the replicas the server will apply,
//! in the resource groups it will use, against the memory still free for loading on those
//! groups' query nodes (0.9 × memory − used, Milvus 2.6+). Always an estimate, said as one;
//! it never blocks a load.

use std::rc::Rc;

use super::confirm::SettingsRead;
use super::sizes::estimate_text;
use super::{ClusterRead, ConsoleState, LoadChoice};
use crate::cost::format_bytes;
use crate::substring::Joined;

/// What a Load confirmation knows when it opens: the estimate of one replica of each
/// collection it sends (`None`: not sized), and the free memory of each group whose query
/// nodes report it.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct LoadFit {
    pub estimates: Vec<(Rc<str>, Option<Estimate>)>,
    pub free: Vec<(String, u64)>,
}

/// The estimated bytes of one replica; `upper_bound` when some fields were sized at the
/// server's guess (the row reads "≤").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Estimate {
    pub bytes: u64,
    pub upper_bound: bool,
}

impl ConsoleState {
    /// The fit of loading `names` as the state knows it now.
    pub(super) fn load_fit(&self, names: &[Rc<str>]) -> LoadFit {
        let estimates = names
            .iter()
            .map(|n| {
                (
                    n.clone(),
                    self.row(n).and_then(|r| {
                        let size = r.size.as_ref()?;
                        Some(Estimate {
                            bytes: size.memory,
                            upper_bound: size.upper_bound,
                        })
                    }),
                )
            })
            .collect();
        let mut free = Vec::new();
        if let ClusterRead::Ready(groups) = &self.cluster.groups {
            for group in &groups.groups {
                if let Some(bytes) = self.cluster.group_free(group) {
                    free.push((group.name.clone(), bytes));
                }
            }
        }
        LoadFit { estimates, free }
    }
}

impl LoadFit {
    /// The confirmation's line: what the loads need in each group against what is free
    /// there, a warning first when it does not fit; `None` when nothing is estimated. A load's
    /// `chosen` replicas and groups replace what its settings resolve to.
    pub fn line(&self, settings: &SettingsRead, chosen: Option<&LoadChoice>) -> Option<String> {
        // Bytes needed per group (an upper bound when each part is one): each replica goes
        // to one of the collection's groups.
        let mut need: Vec<(String, Estimate)> = Vec::new();
        let mut not_sized = 0;
        // A replica count not read (the cluster default, or a setting not read) counts as 1.
        let mut assumed = false;
        for (name, estimate) in &self.estimates {
            let Some(Estimate { bytes, upper_bound }) = *estimate else {
                not_sized += 1;
                continue;
            };
            let setting = settings.get(name);
            assumed |= chosen.is_none() && setting.is_none_or(|s| s.replicas.value.is_none());
            let resolved = setting.map(LoadChoice::resolved);
            let LoadChoice { replicas, groups } = chosen
                .cloned()
                .or(resolved)
                .unwrap_or_else(LoadChoice::usual);
            let per_group = u64::from(replicas).div_ceil(groups.len().max(1) as u64);
            for group in groups {
                let bytes = bytes.saturating_mul(per_group);
                match need.iter_mut().find(|(g, _)| *g == group) {
                    Some((_, total)) => {
                        total.bytes = total.bytes.saturating_add(bytes);
                        total.upper_bound &= upper_bound;
                    }
                    None => need.push((group, Estimate { bytes, upper_bound })),
                }
            }
        }
        if need.is_empty() {
            return None;
        }
        let mut short = Vec::new();
        let mut parts = Vec::new();
        for (group, need) in &need {
            let needed = estimate_text(need.bytes, need.upper_bound);
            match self.free.iter().find(|(g, _)| g == group) {
                Some((_, free)) if need.bytes > *free => short.push(format!(
                    "{needed} needed in {group}, ≈ {} free for loading there",
                    format_bytes(*free)
                )),
                Some((_, free)) => parts.push(format!(
                    "{needed} of ≈ {} free for loading in {group}",
                    format_bytes(*free)
                )),
                None => parts.push(format!(
                    "{needed} in {group} (its free memory is not reported)"
                )),
            }
        }
        let mut line = if short.is_empty() {
            format!("Memory (est., replicas included): {}.", parts.joined("; "))
        } else {
            format!(
                "May not fit in query-node memory (est.): {}. The server may refuse the load \
                 or leave it loading.",
                short.joined("; ")
            )
        };
        if assumed {
            line.push_str(" Counted with 1 replica where the replica count is not read.");
        }
        if not_sized > 0 {
            line.push_str(&format!(
                " Not estimated: {not_sized} (sizes are read for rows on screen)."
            ));
        }
        Some(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{LoadSettings, Setting, SettingSource};
    use crate::state::DEFAULT_GROUP;

    fn fit(estimates: &[(&str, Option<u64>)], free: &[(&str, u64)]) -> LoadFit {
        LoadFit {
            estimates: estimates
                .iter()
                .map(|(n, e)| {
                    let estimate = e.map(|bytes| Estimate {
                        bytes,
                        upper_bound: false,
                    });
                    ((*n).into(), estimate)
                })
                .collect(),
            free: free.iter().map(|(g, f)| (g.to_string(), *f)).collect(),
        }
    }

    const GB: u64 = 1 << 30;

    #[test]
    fn a_load_larger_than_the_free_memory_of_its_group_is_warned_about() {
        let loads = fit(
            &[("a", Some(30 * GB)), ("b", None)],
            &[(DEFAULT_GROUP, 20 * GB)],
        );
        assert_eq!(
            loads.line(&SettingsRead::default(), None).as_deref(),
            Some(
                "May not fit in query-node memory (est.): ≈ 30 GB needed in \
                 __default_resource_group, ≈ 20 GB free for loading there. The server may \
                 refuse the load or leave it loading. Counted with 1 replica where the replica \
                 count is not read. Not estimated: 1 (sizes are read for rows on screen)."
            )
        );
    }

    #[test]
    fn replicas_and_groups_come_from_the_settings_the_server_will_apply() {
        let loads = fit(
            &[("a", Some(4 * GB))],
            &[(DEFAULT_GROUP, 20 * GB), ("rg", 5 * GB)],
        );
        let mut settings = SettingsRead::default();
        settings.insert(
            "a".into(),
            Ok(LoadSettings {
                replicas: Setting {
                    value: Some(2),
                    source: SettingSource::Collection,
                },
                resource_groups: Setting {
                    value: Some(vec!["rg".into(), "other".into()]),
                    source: SettingSource::Collection,
                },
            }),
        );
        assert_eq!(
            loads.line(&settings, None).as_deref(),
            Some(
                "Memory (est., replicas included): ≈ 4.0 GB of ≈ 5.0 GB free for loading in rg; \
                 ≈ 4.0 GB in other (its free memory is not reported)."
            )
        );
        assert_eq!(fit(&[("a", None)], &[]).line(&settings, None), None);
        // A choice in the Load dialog replaces what the settings resolve to.
        let chosen = LoadChoice {
            replicas: 3,
            groups: vec![DEFAULT_GROUP.into()],
        };
        assert_eq!(
            loads.line(&settings, Some(&chosen)).as_deref(),
            Some("Memory (est., replicas included): ≈ 12 GB of ≈ 20 GB free for loading in __default_resource_group.")
        );
    }

    /// What loads need reads "≤" when each estimate in it is an upper bound, as the rows do;
    /// one figure of numbers and vectors alone makes the sum "≈".
    #[test]
    fn a_need_reads_as_an_upper_bound_only_when_each_estimate_is_one() {
        let mut loads = fit(
            &[("a", Some(4 * GB)), ("b", Some(2 * GB))],
            &[(DEFAULT_GROUP, 20 * GB)],
        );
        for estimate in loads.estimates.iter_mut().filter_map(|(_, e)| e.as_mut()) {
            estimate.upper_bound = true;
        }
        assert_eq!(
            loads.line(&SettingsRead::default(), None).as_deref(),
            Some("Memory (est., replicas included): ≤ 6.0 GB of ≈ 20 GB free for loading in __default_resource_group. Counted with 1 replica where the replica count is not read.")
        );
        if let Some((_, Some(b))) = loads.estimates.get_mut(1) {
            b.upper_bound = false;
        }
        assert_eq!(
            loads.line(&SettingsRead::default(), None).as_deref(),
            Some("Memory (est., replicas included): ≈ 6.0 GB of ≈ 20 GB free for loading in __default_resource_group. Counted with 1 replica where the replica count is not read.")
        );
    }
}
