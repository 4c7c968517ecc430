//! The releases of a restore's plan ticked by the user, by their index in the plan.

/// Plan indices, sorted and each once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ticked(Vec<usize>);

impl Ticked {
    /// Ticks `i`, or unticks it when it was ticked.
    pub fn toggle(&mut self, i: usize) {
        match self.0.binary_search(&i) {
            Ok(at) => {
                self.0.remove(at);
            }
            Err(at) => self.0.insert(at, i),
        }
    }

    pub fn contains(&self, i: usize) -> bool {
        self.0.binary_search(&i).is_ok()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<usize> for Ticked {
    fn from_iter<I: IntoIterator<Item = usize>>(indices: I) -> Self {
        let mut all: Vec<usize> = indices.into_iter().collect();
        crate::order::sort_by(&mut all, Ord::cmp);
        all.dedup();
        Ticked(all)
    }
}

#[cfg(test)]
mod tests {
    use super::Ticked;

    #[test]
    fn ticks_toggle_and_stay_sorted_once_each() {
        let mut t: Ticked = [5, 1, 5, 3].into_iter().collect();
        assert_eq!(t.len(), 3);
        t.toggle(3);
        t.toggle(2);
        assert!(t.contains(2) && !t.contains(3) && t.contains(5));
        assert_eq!(t, [1, 2, 5].into_iter().collect());
    }
}
