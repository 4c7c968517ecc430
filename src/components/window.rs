//! Windowed tables: only the rows on screen (and a few around) are in the DOM, so 10,000
//! collections or 4,096 partitions cost what 30 rows do. Rows share one height (taller where
//! names wrap on narrow screens), measured from a rendered row.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// Row height assumed before one is measured (the CSS default).
pub const ROW_PX: f64 = 44.0;
/// Rows rendered beyond the visible ones, above and below.
const OVERSCAN: usize = 8;
/// Rows assumed visible before the first measurement.
const DEFAULT_VISIBLE: usize = 20;

/// The rows to render for a scroll position: `(first, last_exclusive)`.
pub fn window(scroll_top: f64, viewport_px: f64, row_px: f64, total: usize) -> (usize, usize) {
    let row_px = if row_px >= 1.0 { row_px } else { ROW_PX };
    let visible = if viewport_px > 0.0 {
        (viewport_px / row_px).ceil() as usize
    } else {
        DEFAULT_VISIBLE
    };
    let first_visible = (scroll_top.max(0.0) / row_px) as usize;
    let first = first_visible.saturating_sub(OVERSCAN).min(total);
    let last = (first_visible + visible + OVERSCAN).min(total);
    (first, last.max(first))
}

/// The window of a scroller: refs for the scroller and the two padding rows, its scroll
/// handler, and the rows to render.
pub struct Window {
    pub scroller: NodeRef,
    pub top_pad: NodeRef,
    pub bottom_pad: NodeRef,
    pub onscroll: Callback<Event>,
    pub first: usize,
    pub last: usize,
}

/// Where a list was scrolled to, kept while another view replaces it, so that coming back
/// shows the same rows. Clones share it; a key (the list's generation) keeps one list's
/// position from being applied to another.
#[derive(Clone, Default)]
pub struct ScrollMemory(Rc<Cell<Option<(u64, f64)>>>);

impl PartialEq for ScrollMemory {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl ScrollMemory {
    /// Remembers where the list of `key` is scrolled to.
    pub fn save(&self, key: u64, scroll_top: f64) {
        self.0.set(Some((key, scroll_top)));
    }

    /// The position saved for the list of `key`.
    pub fn get(&self, key: u64) -> Option<f64> {
        self.0.get().filter(|(k, _)| *k == key).map(|(_, top)| top)
    }
}

/// `restore`: the scroll position to start at (read once, when mounted).
#[hook]
pub fn use_window(total: usize, restore: Option<f64>) -> Window {
    let scroller = use_node_ref();
    // Scroll top, viewport height, row height.
    let viewport = use_state(|| (0.0f64, 0.0f64, ROW_PX));
    let (top_pad, bottom_pad) = (use_node_ref(), use_node_ref());
    let measure = {
        let (scroller, viewport) = (scroller.clone(), viewport.clone());
        move || {
            if let Some(el) = scroller.cast::<Element>() {
                let row = el
                    .query_selector("tr.mlc-row")
                    .ok()
                    .flatten()
                    .and_then(|r| r.dyn_into::<HtmlElement>().ok())
                    .map(|r| f64::from(r.offset_height()))
                    .filter(|h| *h >= 1.0)
                    .unwrap_or(viewport.2);
                viewport.set((
                    f64::from(el.scroll_top()),
                    f64::from(el.client_height()),
                    row,
                ));
            }
        }
    };
    let (first, last) = window(viewport.0, viewport.1, viewport.2, total);
    {
        // Pad heights go through the CSSOM, not a `style` attribute, so that the page's
        // Content-Security-Policy needs no 'unsafe-inline' for styles.
        let (top, bottom) = (top_pad.clone(), bottom_pad.clone());
        use_effect_with(
            (first, total - last, viewport.2.to_bits()),
            move |&(above, below, row)| {
                set_height(&top, above, f64::from_bits(row));
                set_height(&bottom, below, f64::from_bits(row));
            },
        );
    }
    {
        // Once mounted (and padded to its full height): back to where it was, then measure,
        // so that the first window fits the real height.
        let (measure, scroller) = (measure.clone(), scroller.clone());
        use_effect_with((), move |_| {
            if let (Some(top), Some(el)) = (restore, scroller.cast::<Element>()) {
                el.set_scroll_top(top as i32);
            }
            measure()
        });
    }
    Window {
        scroller,
        top_pad,
        bottom_pad,
        onscroll: Callback::from(move |_: Event| measure()),
        first,
        last,
    }
}

/// Gives a padding row the height of `rows` rows.
fn set_height(pad: &NodeRef, rows: usize, row_px: f64) {
    if let Some(pad) = pad.cast::<HtmlElement>() {
        // Whole pixels: formatting a float would pull the float printer into the wasm.
        let px = (rows as f64 * row_px).round() as u64;
        // Setting a style property cannot fail for a valid length.
        let _ = pad.style().set_property("height", &format!("{px}px"));
    }
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn window_renders_the_visible_rows_and_some_overscan() {
        assert_eq!(window(0.0, 440.0, 44.0, 10_000), (0, 18));
        assert_eq!(window(44_000.0, 440.0, 44.0, 10_000), (992, 1_018));
        assert_eq!(window(1e9, 440.0, 44.0, 10_000), (10_000, 10_000));
        assert_eq!(window(0.0, 0.0, 44.0, 5), (0, 5));
        // Taller rows (names on two lines): fewer of them per screen.
        assert_eq!(window(6_400.0, 640.0, 64.0, 10_000), (92, 118));
        assert_eq!(window(0.0, 440.0, 0.0, 10_000), (0, 18));
    }
}
