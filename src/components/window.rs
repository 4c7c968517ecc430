//! Windowed tables: only the rows on screen (and a few around) are in the DOM, so 10,000
//! collections or 4,096 partitions cost what 30 rows do. Rows share one height (taller where
//! names wrap on narrow screens), measured from a rendered row.
//!
//! The padding rows above and below take their heights in the same render as the rows between
//! them. Set afterwards (in an effect), they were stale whenever Yew's scheduler yielded to the
//! browser between a render and its effects: the browser laid out a table of the wrong height,
//! clamped the scroll position, and the last rows could not be scrolled to.
//!
//! A hidden sizer beside the table holds the scroller at the full height of all rows. Within one
//! render Yew updates the bottom padding row, then the rows, then the top one; a layout forced
//! in between (removing the focused row forces one) would otherwise see a table too short and
//! clamp the scroll position. Yew updates a parent's children from the last to the first, so
//! the sizer goes after the table: it takes a new height (a header measured taller) before the
//! table's rows change.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use crate::effect::use_effect_on;

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

/// The window of a scroller: a ref for the scroller, its scroll handler, the rows to render,
/// the padding rows that stand for the others and the sizer that keeps the scroller's height.
pub struct Window {
    pub scroller: NodeRef,
    pub onscroll: Callback<Event>,
    pub first: usize,
    pub last: usize,
    /// Stands for the rows above the window.
    pub top_pad: Html,
    /// Stands for the rows below the window.
    pub bottom_pad: Html,
    /// Goes right after the table in the scroller (which is `position: relative`).
    pub sizer: Html,
}

/// What the last measurement of the scroller found (the same again draws nothing new).
#[derive(Clone, Copy, PartialEq)]
struct Measured {
    scroll_top: f64,
    viewport_px: f64,
    row_px: f64,
    header_px: f64,
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
    let measured = use_state_eq(|| Measured {
        scroll_top: 0.0,
        viewport_px: 0.0,
        row_px: ROW_PX,
        header_px: ROW_PX,
    });
    let measure = {
        let (scroller, measured) = (scroller.clone(), measured.clone());
        move || {
            if let Some(el) = scroller.cast::<Element>() {
                let height_of = |selector: &str| {
                    el.query_selector(selector)
                        .ok()
                        .flatten()
                        .and_then(|r| r.dyn_into::<HtmlElement>().ok())
                        .map(|r| f64::from(r.offset_height()))
                };
                measured.set(Measured {
                    scroll_top: f64::from(el.scroll_top()),
                    viewport_px: f64::from(el.client_height()),
                    row_px: height_of("tr.mlc-row")
                        .filter(|h| *h >= 1.0)
                        .unwrap_or(measured.row_px),
                    header_px: height_of("thead").unwrap_or(measured.header_px),
                });
            }
        }
    };
    let m = *measured;
    let (first, last) = window(m.scroll_top, m.viewport_px, m.row_px, total);
    {
        // Once mounted (and padded to its full height): back to where it was.
        let scroller = scroller.clone();
        use_effect_on((), move |_| {
            if let (Some(top), Some(el)) = (restore, scroller.cast::<Element>()) {
                el.set_scroll_top(top as i32);
            }
        });
    }
    {
        // Then measured, so that the first window fits the real height; again whenever the
        // rows change (the partitions' table is drawn once they are listed), not only on a
        // scroll. Declared after the restore: effects run in order.
        let measure = measure.clone();
        use_effect_on(total, move |_| measure());
    }
    Window {
        scroller,
        onscroll: Callback::from(move |_: Event| measure()),
        first,
        last,
        top_pad: pad_row(first, m.row_px),
        bottom_pad: pad_row(total - last, m.row_px),
        sizer: sizer(m.header_px + total as f64 * m.row_px),
    }
}

/// A hidden table as high as the header and all the rows: the scroller's height does not depend
/// on the padding rows being up to date. Rounded down: measured heights are whole pixels, and
/// a sizer taller than the table would leave blank space at the end. The row has a cell: a
/// table without one may be laid out as empty, with no height.
fn sizer(px: f64) -> Html {
    html! {
        <table class="mlc-sizer" aria-hidden="true">
            <tbody><tr height={(px.floor() as u64).to_string()}><td></td></tr></tbody>
        </table>
    }
}

/// A row as high as `rows` rows. The height is the row's `height` attribute, a presentational
/// hint: a `style` attribute would need 'unsafe-inline' in the page's Content-Security-Policy.
fn pad_row(rows: usize, row_px: f64) -> Html {
    // Whole pixels: formatting a float would pull the float printer into the wasm.
    let px = (rows as f64 * row_px).round() as u64;
    html! { <tr class="mlc-pad" aria-hidden="true" height={px.to_string()}></tr> }
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
