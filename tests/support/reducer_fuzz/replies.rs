//! Replies built from mutated server results: states decoded from mutated replies, errors,
//! odd names, orders older than, equal to or newer than what is known.

use std::collections::HashMap;
use std::rc::Rc;

use milvus_load_console::api::{ApiError, LoadSettings, LoadState, Setting, SettingSource};
use milvus_load_console::state::{ConsoleState, Reply, StateRead};

use super::{inputs, Driver};

/// A state read's result from an item: mostly a mutated decode, sometimes an error.
fn result(x: u16, of_partition: bool) -> Result<LoadState, ApiError> {
    if x % 8 == 7 {
        Err(inputs::error(x / 8))
    } else {
        inputs::decoded_state(x / 8, of_partition)
    }
}

impl Driver {
    /// The collection a reply is about: mostly the open one, else any.
    fn about(&self, raw: &super::RawStep) -> Rc<str> {
        match &self.state.open {
            Some(view) if raw.a / 16 % 4 != 0 => view.collection.clone(),
            _ => super::pick_collection(&self.state, (raw.c % 251) as u8),
        }
    }

    pub(super) fn build_reply(&mut self, raw: &super::RawStep) -> Reply {
        let s: &ConsoleState = &self.state;
        match raw.a % 15 {
            0 | 1 => Reply::ListLoaded {
                result: if raw.c % 6 == 0 {
                    Err(inputs::error(raw.c / 6))
                } else {
                    Ok(raw
                        .items
                        .iter()
                        .map(|i| inputs::collection(i.0).to_string())
                        .collect())
                },
                at: f64::from(raw.c),
            },
            2 => Reply::ListRequested,
            3..=5 => {
                let mut reads = Vec::new();
                for &(name, mode, x) in &raw.items {
                    let name = super::pick_collection(&self.state, name);
                    let known = self.state.row(&name).map_or(self.clock, |r| r.read_at);
                    let sent = self.order(mode, known);
                    reads.push(StateRead {
                        name,
                        sent,
                        at: 0.0,
                        result: result(x, false),
                    });
                }
                Reply::States(reads)
            }
            6 => Reply::PartitionKeyKnown {
                collection: self.about(raw),
                partition_key: raw.c % 2 == 0,
            },
            7 => Reply::PartitionsListed {
                collection: self.about(raw),
                result: if raw.c % 7 == 0 {
                    Err(inputs::error(raw.c / 7))
                } else {
                    Ok(raw
                        .items
                        .iter()
                        .map(|i| inputs::partition(i.0).to_string())
                        .collect())
                },
            },
            8 => Reply::PartitionCounts(
                raw.items
                    .iter()
                    .map(|i| {
                        (
                            super::pick_collection(s, i.0),
                            u32::from(i.2).saturating_mul(70_000),
                        )
                    })
                    .collect(),
            ),
            9 | 10 => {
                let collection = self.about(raw);
                let known: HashMap<Rc<str>, u64> = s
                    .open
                    .iter()
                    .flat_map(|v| v.partitions.iter().map(|p| (p.name.clone(), p.read_at)))
                    .collect();
                let mut states = Vec::new();
                if raw.c % 3 == 0 {
                    // A whole round: every listed partition read now.
                    let names: Vec<Rc<str>> = known.keys().cloned().collect();
                    for (i, name) in names.into_iter().enumerate() {
                        let sent = self.fresh();
                        let x = raw.c.wrapping_add(i as u16 * 97);
                        states.push(StateRead {
                            name,
                            sent,
                            at: 0.0,
                            result: result(x, true),
                        });
                    }
                }
                for &(name, mode, x) in &raw.items {
                    let name = super::pick_partition(&self.state, name);
                    let at = known.get(&name).copied().unwrap_or(self.clock);
                    let sent = self.order(mode, at);
                    states.push(StateRead {
                        name,
                        sent,
                        at: 0.0,
                        result: result(x, true),
                    });
                }
                Reply::PartitionStates { collection, states }
            }
            11 => Reply::PartitionRows {
                collection: self.about(raw),
                rows: raw
                    .items
                    .iter()
                    .map(|i| (super::pick_partition(s, i.0), u64::from(i.2) << 40))
                    .collect(),
            },
            12 => {
                let collection = match &s.confirm {
                    Some(c) if raw.c % 3 != 0 => c
                        .targets
                        .first()
                        .map_or_else(|| self.about(raw), |t| t.collection.clone()),
                    _ => self.about(raw),
                };
                let source = [
                    SettingSource::Collection,
                    SettingSource::Database,
                    SettingSource::ClusterDefault,
                ][usize::from(raw.b) % 3];
                let settings = LoadSettings {
                    replicas: Setting {
                        value: (raw.c % 4 != 0).then_some(u32::from(raw.c)),
                        source,
                    },
                    resource_groups: Setting {
                        value: Some(vec![inputs::odd_text(raw.c)]),
                        source,
                    },
                };
                Reply::LoadSettings {
                    collection,
                    // One in five could not be read: the server's text, however odd.
                    settings: match raw.b % 5 {
                        0 => Err(inputs::odd_text(raw.c).into()),
                        _ => Ok(settings),
                    },
                }
            }
            _ => {
                let collection = match raw.items.first() {
                    Some(i) => super::pick_collection(s, i.0),
                    None => self.about(raw),
                };
                let known = s.row(&collection).map_or(self.clock, |r| r.read_at);
                let sent = self.order(raw.b, known);
                Reply::Extent {
                    collection,
                    sent,
                    // 106 decodes as loading at -1 with "partition not loaded[" (partial),
                    // 0 as loaded (full).
                    extent: inputs::decoded_extent(match raw.c % 4 {
                        0 => 106,
                        1 => 0,
                        _ => raw.c,
                    }),
                }
            }
        }
    }
}
