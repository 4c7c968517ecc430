//! What a restore file may hold: at most so many databases, collections and partitions, and
//! only names Milvus can have. Checked before anything is read from the server, so a hostile
//! file costs neither requests nor time.

use crate::name_set::NameSet;

use super::format::{FormatError, LoadedSet, MAX_COLLECTIONS, MAX_DATABASES, MAX_PARTITIONS};

/// Milvus's default `proxy.maxNameLength`, in bytes.
pub const MAX_NAME: usize = 255;
/// The characters of a refused name shown, so that a huge one does not flood the page.
const SHOWN: usize = 40;

/// What a name names: each has its own first-character rule.
#[derive(Clone, Copy)]
enum Kind {
    Database,
    Collection,
    Partition,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Database => "database",
            Kind::Collection => "collection",
            Kind::Partition => "partition",
        }
    }
}

/// Whether Milvus can have this name (`internal/proxy/util.go`): a letter or underscore first
/// (partitions also a digit), then letters, digits, underscores, `$` (collections) or `-`
/// (partitions). Any of those is accepted after the first character whatever the kind: only
/// what no version allows is refused.
fn allowed(name: &str, kind: Kind) -> bool {
    let bytes = name.as_bytes();
    let Some((&first, rest)) = bytes.split_first() else {
        return false;
    };
    let first_ok = first == b'_'
        || first.is_ascii_alphabetic()
        || (matches!(kind, Kind::Partition) && first.is_ascii_digit());
    bytes.len() <= MAX_NAME
        && first_ok
        && rest
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'$' | b'-'))
}

/// At most `SHOWN` characters of a text from the file.
pub fn shortened(text: &str) -> String {
    match text.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// An empty name is left to the format's check, which says where it is.
fn name(name: &str, kind: Kind) -> Result<(), FormatError> {
    if name.is_empty() || allowed(name, kind) {
        return Ok(());
    }
    Err(FormatError::Damaged(format!(
        "\"{}\" is not a {} name Milvus allows",
        shortened(name),
        kind.noun()
    )))
}

fn at_most(what: &'static str, count: usize, most: usize) -> Result<(), FormatError> {
    if count <= most {
        return Ok(());
    }
    Err(FormatError::TooMany { what, count, most })
}

impl LoadedSet {
    /// Reads a restore file: decoded, then within the limits, with names Milvus allows, none
    /// twice.
    pub fn read(bytes: &[u8]) -> Result<LoadedSet, FormatError> {
        let set = LoadedSet::parse(bytes)?;
        check(&set)?;
        no_duplicates(&set)?;
        Ok(set)
    }
}

/// Names empty or listed twice.
fn no_duplicates(set: &LoadedSet) -> Result<(), FormatError> {
    let damaged = |s: String| Err(FormatError::Damaged(s));
    let mut dbs = NameSet::new();
    for db in &set.databases {
        if db.name.is_empty() {
            return damaged("a database has an empty name".into());
        }
        if !dbs.insert(db.name.as_str()) {
            return damaged(format!("database {} is listed twice", db.name));
        }
        let mut names = NameSet::new();
        for c in &db.collections {
            if c.name.is_empty() {
                return damaged(format!(
                    "a collection of database {} has an empty name",
                    db.name
                ));
            }
            if !names.insert(c.name.as_str()) {
                return damaged(format!(
                    "collection {} of database {} is listed twice",
                    c.name, db.name
                ));
            }
            if let Some(parts) = &c.partitions {
                if parts.is_empty() {
                    return damaged(format!("collection {} lists no loaded partition", c.name));
                }
                let mut seen = NameSet::new();
                if let Some(p) = parts
                    .iter()
                    .find(|p| p.is_empty() || !seen.insert(p.as_str()))
                {
                    return damaged(format!(
                        "collection {} lists partition \"{p}\" empty or twice",
                        c.name
                    ));
                }
            }
        }
    }
    Ok(())
}

/// The counts first (cheap), then every name.
fn check(set: &LoadedSet) -> Result<(), FormatError> {
    at_most("databases", set.databases.len(), MAX_DATABASES)?;
    let collections = set.databases.iter().map(|d| d.collections.len()).sum();
    at_most("collections", collections, MAX_COLLECTIONS)?;
    let widest = set
        .databases
        .iter()
        .flat_map(|d| &d.collections)
        .filter_map(|c| c.partitions.as_ref().map(Vec::len))
        .max()
        .unwrap_or(0);
    at_most("partitions of one collection", widest, MAX_PARTITIONS)?;
    for db in &set.databases {
        name(&db.name, Kind::Database)?;
        for c in &db.collections {
            name(&c.name, Kind::Collection)?;
            for p in c.partitions.iter().flatten() {
                name(p, Kind::Partition)?;
            }
        }
    }
    Ok(())
}
