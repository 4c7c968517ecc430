//! Performance marks after the render that shows them: the first rows, then every state
//! known (read by the benchmark and the e2e suite).

use yew::prelude::*;

use crate::effect::use_effect_on;
use crate::marks;
use crate::state::{ConsoleState, StateCounts};

#[hook]
pub fn use_perf_marks(state: &ConsoleState, counts: StateCounts) {
    let ready = state.listing.is_ready();
    let shown = !state.rows().is_empty();
    let known = ready && counts.pending == 0;
    use_effect_on((state.generation, shown), |(_, shown)| {
        if *shown {
            marks::mark(marks::FIRST_ROW);
        }
    });
    use_effect_on((state.generation, known), |(_, known)| {
        if *known {
            marks::mark(marks::STATES_KNOWN);
        }
    });
}
