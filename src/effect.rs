//! `use_effect_with` through one copy of Yew's effect machinery. Yew instantiates its effect
//! (the hook's state, the comparison of deps, the teardown) for every deps, closure and
//! teardown type; here the deps are compared through a `dyn` and the effect and its teardown
//! are boxed, so every effect of the console is one type.

use std::any::Any;

use yew::functional::{use_effect_with, Hook, TearDown};

/// Deps of any type, equal when of the same type and equal.
struct Deps(Box<dyn AnyEq>);

trait AnyEq {
    fn as_any(&self) -> &dyn Any;
    fn eq_any(&self, other: &dyn Any) -> bool;
}

impl<T: PartialEq + 'static> AnyEq for T {
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn eq_any(&self, other: &dyn Any) -> bool {
        other.downcast_ref::<T>() == Some(self)
    }
}

impl PartialEq for Deps {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_any(other.0.as_any())
    }
}

type Effect = Box<dyn FnOnce(&Deps) -> Box<dyn FnOnce()>>;

/// As `use_effect_with(deps, f)`: after a render whose `deps` differ from those of the last run,
/// the last run's teardown runs, then `f`.
pub fn use_effect_on<T, F, D>(deps: T, f: F) -> impl Hook<Output = ()>
where
    T: PartialEq + 'static,
    F: FnOnce(&T) -> D + 'static,
    D: TearDown,
{
    let effect: Effect = Box::new(move |deps: &Deps| -> Box<dyn FnOnce()> {
        // Always of type `T`: the deps given with this effect.
        match deps.0.as_any().downcast_ref::<T>() {
            Some(deps) => {
                let teardown = f(deps);
                Box::new(move || teardown.tear_down())
            }
            None => Box::new(|| ()),
        }
    });
    use_effect_with(Deps(Box::new(deps)), effect)
}

#[cfg(test)]
mod tests {
    use super::Deps;

    #[test]
    fn deps_are_equal_when_of_one_type_and_equal() {
        let deps = |d: Box<dyn super::AnyEq>| Deps(d);
        assert!(deps(Box::new((1u64, true))) == deps(Box::new((1u64, true))));
        assert!(deps(Box::new((1u64, true))) != deps(Box::new((1u64, false))));
        assert!(deps(Box::new(1u64)) != deps(Box::new(1u32)));
    }
}
