//! Performance marks (`performance.mark`) at the moments a user feels: connect, list reply,
//! first rows on screen, every state known. The benchmark reads them; they cost nothing else.

/// Connect was pressed (or the console connected by itself).
pub const CONNECT: &str = "mlc:connect";
/// The collections list arrived.
pub const LIST_REPLY: &str = "mlc:list-reply";
/// The first rows were rendered.
pub const FIRST_ROW: &str = "mlc:first-row";
/// Every collection's state is known.
pub const STATES_KNOWN: &str = "mlc:states-known";
/// A sweep (list and every state) ended.
pub const SWEEP_DONE: &str = "mlc:sweep-done";

fn performance() -> Option<web_sys::Performance> {
    web_sys::window()?.performance()
}

/// Records a mark, replacing an earlier one of the same name.
pub fn mark(name: &str) {
    if let Some(p) = performance() {
        p.clear_marks_with_mark_name(name);
        let _ = p.mark(name);
    }
}

/// Forgets the marks of a previous connection.
pub fn clear_all() {
    if let Some(p) = performance() {
        for name in [CONNECT, LIST_REPLY, FIRST_ROW, STATES_KNOWN, SWEEP_DONE] {
            p.clear_marks_with_mark_name(name);
        }
    }
}
