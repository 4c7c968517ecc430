//! A set of names in order: the selected collections and partitions, the rows on screen or
//! counted. A sorted `Vec` rather than a `BTreeSet` or `HashSet`, so that the wasm holds no
//! B-tree or hash table code of its own for it.

use std::rc::Rc;

/// Names in ascending order, each once.
#[derive(Clone, Default, PartialEq)]
pub struct Names(Vec<Rc<str>>);

impl Names {
    pub fn new() -> Self {
        Names::default()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, name: &str) -> bool {
        self.find(name).is_ok()
    }

    /// Whether `name` was not in the set.
    pub fn insert(&mut self, name: Rc<str>) -> bool {
        match self.find(&name) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, name);
                true
            }
        }
    }

    /// Whether `name` was in the set.
    pub fn remove(&mut self, name: &str) -> bool {
        match self.find(name) {
            Ok(at) => {
                self.0.remove(at);
                true
            }
            Err(_) => false,
        }
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn retain(&mut self, keep: impl FnMut(&Rc<str>) -> bool) {
        self.0.retain(keep);
    }

    /// In ascending order.
    pub fn iter(&self) -> std::slice::Iter<'_, Rc<str>> {
        self.0.iter()
    }

    fn find(&self, name: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|n| (**n).cmp(name))
    }
}

impl Extend<Rc<str>> for Names {
    /// Appended, then sorted once: thousands of names in another order are no insertion each.
    fn extend<I: IntoIterator<Item = Rc<str>>>(&mut self, names: I) {
        self.0.extend(names);
        crate::order::sort_by(&mut self.0, |a, b| a.cmp(b));
        self.0.dedup();
    }
}

impl FromIterator<Rc<str>> for Names {
    fn from_iter<I: IntoIterator<Item = Rc<str>>>(names: I) -> Self {
        let mut set = Names::new();
        set.extend(names);
        set
    }
}

impl<'a> IntoIterator for &'a Names {
    type Item = &'a Rc<str>;
    type IntoIter = std::slice::Iter<'a, Rc<str>>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// As a set: `{"a", "b"}`.
impl std::fmt::Debug for Names {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::Names;

    #[test]
    fn names_stay_in_order_and_once() {
        let mut names: Names = ["c", "a", "c"].into_iter().map(Into::into).collect();
        assert!(names.insert("b".into()));
        assert!(!names.insert("a".into()));
        names.extend(["d", "b", "0"].into_iter().map(Into::into));
        assert_eq!(format!("{names:?}"), r#"{"0", "a", "b", "c", "d"}"#);
        assert!(names.contains("c") && names.remove("c") && !names.contains("c"));
        assert!(!names.remove("c"));
        names.retain(|n| &**n != "a");
        let left: Vec<&str> = names.iter().map(|n| &**n).collect();
        assert_eq!((left, names.len()), (vec!["0", "b", "d"], 3));
        names.clear();
        assert!(names.is_empty());
    }
}
