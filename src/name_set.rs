//! Sets of borrowed names through one hash table type: every `HashSet<&str>` and
//! `HashMap<&str, usize>` is a copy of the hash table code in the wasm, so a set of names is
//! kept as the map of names to positions that the plan and the listing use anyway (the value is
//! unused).

use std::collections::HashMap;

/// Names seen, each once.
#[derive(Default)]
pub struct NameSet<'a>(HashMap<&'a str, usize>);

impl<'a> NameSet<'a> {
    pub fn new() -> Self {
        NameSet::default()
    }

    /// Whether `name` was not in the set yet (as `HashSet::insert`).
    pub fn insert(&mut self, name: &'a str) -> bool {
        self.0.insert(name, 0).is_none()
    }

    pub fn contains(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }
}

impl<'a> FromIterator<&'a str> for NameSet<'a> {
    fn from_iter<I: IntoIterator<Item = &'a str>>(names: I) -> Self {
        let mut set = NameSet::new();
        for name in names {
            set.insert(name);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::NameSet;

    #[test]
    fn a_name_is_in_once() {
        let mut set: NameSet = ["a", "b"].into_iter().collect();
        assert!(set.contains("a") && set.contains("b") && !set.contains("c"));
        assert!(!set.insert("a"));
        assert!(set.insert("c"));
        assert!(set.contains("c"));
    }
}
