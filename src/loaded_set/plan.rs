//! What a restore would do, computed from the saved set and what is loaded now: pure, so
//! every case is tested natively. A collection already loaded is never loaded again (a Load
//! of a loaded collection can reconfigure its replicas); partitions are loaded by name.

use std::collections::HashMap;
use std::rc::Rc;

use crate::name_set::NameSet;
use crate::state::{Operation, Target};

use super::format::{LoadedSet, SavedCollection, SavedDatabase};

/// How much of a collection is loaded now (loading counts as loaded: it is under way).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Extent {
    NotLoaded,
    Full,
    /// Only these partitions.
    Partly(Vec<String>),
}

/// A collection as read now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CurrentCollection {
    pub name: String,
    pub extent: Extent,
    /// All its partitions, when they were listed.
    pub partitions: Option<Vec<String>>,
}

/// A database as read now; `exists` is false when the server no longer has it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CurrentDatabase {
    pub name: String,
    pub exists: bool,
    pub collections: Vec<CurrentCollection>,
}

/// What is loaded now, in the databases read.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Current {
    pub databases: Vec<CurrentDatabase>,
}

/// What a restore does with one item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Missing now: loaded by the restore.
    Load,
    /// Loaded (or loading) already: nothing is sent.
    Already,
    /// In the file, no longer on the server.
    Gone,
    /// Loaded now but not in the file: offered for release, not ticked by default.
    Release,
}

/// One line of the plan: a collection, or some of its partitions (`partitions` empty means
/// the whole collection).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanItem {
    pub database: String,
    pub collection: String,
    pub partitions: Vec<String>,
    pub step: Step,
}

impl PlanItem {
    /// The collection it acts on: (database, collection).
    pub fn key(&self) -> (&str, &str) {
        (&self.database, &self.collection)
    }
}

/// The whole plan, in file order then the extra loaded ones.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Plan {
    pub items: Vec<PlanItem>,
}

impl Current {
    /// The set to save: fully loaded collections and the loaded partitions of the others.
    pub fn saved(&self, saved_at: String, endpoint: String) -> LoadedSet {
        let databases = self
            .databases
            .iter()
            .filter(|db| db.exists)
            .map(|db| SavedDatabase {
                name: db.name.clone(),
                collections: db
                    .collections
                    .iter()
                    .filter_map(|c| match &c.extent {
                        Extent::NotLoaded => None,
                        Extent::Full => Some(SavedCollection {
                            name: c.name.clone(),
                            partitions: None,
                        }),
                        Extent::Partly(parts) => Some(SavedCollection {
                            name: c.name.clone(),
                            partitions: Some(parts.clone()),
                        }),
                    })
                    .collect(),
            })
            .collect();
        LoadedSet::new(saved_at, endpoint, databases)
    }
}

/// The plan to bring `now` to `file`, for the databases the file names. Every lookup is a
/// hash, so the plan takes time in proportion to the names, whatever their number.
pub fn plan(file: &LoadedSet, now: &Current) -> Plan {
    // Names to positions: one kind of map for databases and collections alike.
    let databases: HashMap<&str, usize> = now
        .databases
        .iter()
        .enumerate()
        .filter(|(_, d)| d.exists)
        .map(|(i, d)| (d.name.as_str(), i))
        .collect();
    let mut items = Vec::new();
    for db in &file.databases {
        let current = databases
            .get(db.name.as_str())
            .and_then(|&i| now.databases.get(i));
        let present = current.map_or(&[][..], |d| &d.collections);
        let collections: HashMap<&str, usize> = present
            .iter()
            .enumerate()
            .map(|(i, c)| (c.name.as_str(), i))
            .collect();
        let mut push = |collection: &str, partitions: Vec<String>, step: Step| {
            items.push(PlanItem {
                database: db.name.clone(),
                collection: collection.to_string(),
                partitions,
                step,
            })
        };
        for saved in &db.collections {
            match collections
                .get(saved.name.as_str())
                .and_then(|&i| present.get(i))
            {
                None => push(&saved.name, Vec::new(), Step::Gone),
                Some(c) => collection_steps(saved, c, &mut push),
            }
        }
        // Loaded now, not in the file: offered for release.
        let named: NameSet = db.collections.iter().map(|s| s.name.as_str()).collect();
        for c in present {
            if !named.contains(c.name.as_str()) && c.extent != Extent::NotLoaded {
                let parts = match &c.extent {
                    Extent::Partly(p) => p.clone(),
                    _ => Vec::new(),
                };
                push(&c.name, parts, Step::Release);
            }
        }
    }
    Plan { items }
}

/// The steps for one saved collection that still exists, each pushed only when not empty.
fn collection_steps(
    saved: &SavedCollection,
    now: &CurrentCollection,
    push: &mut impl FnMut(&str, Vec<String>, Step),
) {
    let name = &saved.name;
    let all = now.partitions.as_deref();
    let mut step = |parts: Vec<String>, step: Step| {
        if !parts.is_empty() {
            push(name, parts, step);
        }
    };
    match (&saved.partitions, &now.extent) {
        (None, Extent::NotLoaded) => push(name, Vec::new(), Step::Load),
        (None, Extent::Full) => push(name, Vec::new(), Step::Already),
        // Completed by name: a collection Load would reapply the replica defaults to the
        // loaded part too.
        (None, Extent::Partly(loaded)) => {
            step(loaded.clone(), Step::Already);
            step(except(all.unwrap_or_default(), loaded), Step::Load);
        }
        (Some(wanted), extent) => {
            // Partitions dropped since: gone. Unlisted partitions are taken as present.
            let listed: Option<NameSet> = all.map(|a| a.iter().map(String::as_str).collect());
            let (present, gone): (Vec<String>, Vec<String>) = wanted
                .iter()
                .cloned()
                .partition(|p| listed.as_ref().is_none_or(|a| a.contains(p.as_str())));
            step(gone, Step::Gone);
            let loaded: &[String] = match extent {
                Extent::NotLoaded => &[],
                Extent::Full => all.unwrap_or_default(),
                Extent::Partly(l) => l,
            };
            step(only(&present, loaded), Step::Already);
            step(except(&present, loaded), Step::Load);
            step(except(loaded, &present), Step::Release);
        }
    }
}

/// `a` without what is in `b`, in `a`'s order.
fn except(a: &[String], b: &[String]) -> Vec<String> {
    let b: NameSet = b.iter().map(String::as_str).collect();
    a.iter()
        .filter(|x| !b.contains(x.as_str()))
        .cloned()
        .collect()
}

/// `a` with only what is in `b`, in `a`'s order.
fn only(a: &[String], b: &[String]) -> Vec<String> {
    let b: NameSet = b.iter().map(String::as_str).collect();
    a.iter()
        .filter(|x| b.contains(x.as_str()))
        .cloned()
        .collect()
}

impl Plan {
    /// The operations a run sends: every load, and the releases `release` ticks (by index).
    pub fn targets(&self, connection: u64, release: &dyn Fn(usize) -> bool) -> Vec<Target> {
        let text = |s: &str| -> Rc<str> { Rc::from(s) };
        self.items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let operation = match item.step {
                    Step::Load => Operation::Load,
                    Step::Release if release(i) => Operation::Release,
                    _ => return None,
                };
                Some(Target {
                    connection,
                    database: text(&item.database),
                    collection: text(&item.collection),
                    partitions: item.partitions.iter().map(|p| text(p)).collect(),
                    operation,
                })
            })
            .collect()
    }

    /// Items at this step.
    pub fn count(&self, step: Step) -> usize {
        self.items.iter().filter(|i| i.step == step).count()
    }

    /// The indices of the items at this step.
    pub fn indices(&self, step: Step) -> impl Iterator<Item = usize> + '_ {
        self.items
            .iter()
            .enumerate()
            .filter(move |(_, item)| item.step == step)
            .map(|(i, _)| i)
    }
}
