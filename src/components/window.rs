//! Windowed tables: only the rows on screen (and a few around) are in the DOM, so 10,000
//! collections or 4,096 partitions cost what 30 rows do. Rows have a fixed height.

use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// Fixed row height (CSS must agree), which makes the window a matter of arithmetic.
pub const ROW_PX: f64 = 44.0;
/// Rows rendered beyond the visible ones, above and below.
const OVERSCAN: usize = 8;
/// Rows assumed visible before the first measurement.
const DEFAULT_VISIBLE: usize = 20;

/// The rows to render for a scroll position: `(first, last_exclusive)`.
pub fn window(scroll_top: f64, viewport_px: f64, total: usize) -> (usize, usize) {
    let visible = if viewport_px > 0.0 {
        (viewport_px / ROW_PX).ceil() as usize
    } else {
        DEFAULT_VISIBLE
    };
    let first_visible = (scroll_top.max(0.0) / ROW_PX) as usize;
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

#[hook]
pub fn use_window(total: usize) -> Window {
    let scroller = use_node_ref();
    let viewport = use_state(|| (0.0f64, 0.0f64));
    let (top_pad, bottom_pad) = (use_node_ref(), use_node_ref());
    let measure = {
        let (scroller, viewport) = (scroller.clone(), viewport.clone());
        move || {
            if let Some(el) = scroller.cast::<Element>() {
                viewport.set((f64::from(el.scroll_top()), f64::from(el.client_height())));
            }
        }
    };
    {
        // Measure once mounted, so the first window fits the real height.
        let measure = measure.clone();
        use_effect_with((), move |_| measure());
    }
    let (first, last) = window(viewport.0, viewport.1, total);
    {
        // Pad heights go through the CSSOM, not a `style` attribute, so that the page's
        // Content-Security-Policy needs no 'unsafe-inline' for styles.
        let (top, bottom) = (top_pad.clone(), bottom_pad.clone());
        use_effect_with((first, total - last), move |&(above, below)| {
            set_height(&top, above);
            set_height(&bottom, below);
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
fn set_height(pad: &NodeRef, rows: usize) {
    if let Some(pad) = pad.cast::<HtmlElement>() {
        let px = rows.saturating_mul(ROW_PX as usize);
        // Setting a style property cannot fail for a valid length.
        let _ = pad.style().set_property("height", &format!("{px}px"));
    }
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn window_renders_the_visible_rows_and_some_overscan() {
        assert_eq!(window(0.0, 440.0, 10_000), (0, 18));
        assert_eq!(window(44_000.0, 440.0, 10_000), (992, 1_018));
        assert_eq!(window(1e9, 440.0, 10_000), (10_000, 10_000));
        assert_eq!(window(0.0, 0.0, 5), (0, 5));
    }
}
