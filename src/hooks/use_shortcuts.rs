//! Keyboard shortcuts of the console under `root`, for as long as it is mounted.

use yew::prelude::*;

use crate::effect::use_effect_on;
use crate::keyboard;

#[hook]
pub fn use_shortcuts(root: NodeRef) {
    use_effect_on((), move |_| {
        let listener = keyboard::listen(root);
        move || drop(listener)
    });
}
