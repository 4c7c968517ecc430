//! The session under a manual clock and held HTTP replies, one module per topic: releases and
//! loads, their true outcomes, the sweep, polling, rendering, the token, partial loads,
//! abandoned loads, rows whose state is unclear or gone, stalled loads, and the sizes of rows on
//! screen.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../support/mod.rs"]
mod support;

mod abandoned;
mod auth;
mod cluster;
mod missing;
mod operations;
mod outcomes;
mod partial_load;
mod polling;
mod rendering;
mod sizes;
mod stalled;
mod sweep;
