//! `cargo xtask test`: every tier, each reported on one summary line; non-zero exit on any
//! failure. Nothing is skipped: a missing prerequisite is a failure.
//!
//! - lint: `cargo fmt --check`, `cargo clippy -D warnings` on the native and the wasm32 target
//! - native: `cargo test --workspace` (client decoding, reducer, session, simulator contract)
//! - wasm: `cargo test --target wasm32-unknown-unknown` in headless Chromium, against a
//!   simulator on another origin
//! - e2e: the package (which is also the standalone page) built once, checked by the packaging
//!   linters, installed into the test hosts as a user would, then Playwright against simulators
//!
//! The run fails too if it changed a tracked file (a fresh clone must stay clean).

use std::process::Command;
use std::time::Instant;

use crate::process::{self, run, step, Children, Result};
use crate::{hosts, package, static_server, toolchain};

const TIERS: [&str; 4] = ["lint", "native", "wasm", "e2e"];

pub fn test(args: &[String]) -> Result {
    // Arguments after `--` go to Playwright (e.g. `-- e2e/npx.spec.js` or `-- --grep React`).
    let (args, playwright_args) = match args.iter().position(|a| a == "--") {
        Some(i) => (&args[..i], &args[i + 1..]),
        None => (args, &[][..]),
    };
    let chosen: Vec<&str> = if args.is_empty() {
        TIERS.to_vec()
    } else {
        args.iter().map(String::as_str).collect()
    };
    if let Some(bad) = chosen.iter().find(|t| !TIERS.contains(t)) {
        return Err(format!("unknown tier {bad:?}; tiers: {}", TIERS.join(", ")));
    }
    let tracked_before = tracked_changes();
    toolchain::ensure_all()?;
    let mut summary = Vec::new();
    for tier in &chosen {
        let started = Instant::now();
        let result = match *tier {
            "lint" => lint(),
            "native" => native(),
            "wasm" => wasm(),
            _ => e2e(playwright_args),
        };
        let failed = result.is_err();
        summary.push((tier.to_string(), started.elapsed().as_secs(), result));
        // Lint is the fast tier: when it fails, the slow ones would only repeat its news.
        if failed && *tier == "lint" {
            break;
        }
    }
    let tracked_after = tracked_changes();
    if tracked_after != tracked_before {
        summary.push((
            "clean".into(),
            0,
            Err(format!(
                "the run changed tracked files:\n{}",
                tracked_after.unwrap_or_default()
            )),
        ));
    }
    println!();
    println!("Test summary:");
    let mut failed = false;
    for (tier, seconds, result) in &summary {
        let time = format!("({}m {:02}s)", seconds / 60, seconds % 60);
        match result {
            Ok(()) => println!("  {tier:<7} PASS  {time}"),
            Err(e) => {
                failed = true;
                println!("  {tier:<7} FAIL  {time}  {e}");
            }
        }
    }
    if failed {
        Err("some tiers failed".into())
    } else {
        Ok(())
    }
}

/// Tracked files with changes (`git status --porcelain`), when this is a git checkout.
fn tracked_changes() -> Option<String> {
    process::output(
        "git",
        &[
            "-C",
            &crate::root().to_string_lossy(),
            "status",
            "--porcelain",
            "--untracked-files=no",
        ],
    )
}

fn lint() -> Result {
    step("lint: cargo fmt --check");
    run(Command::new("cargo")
        .current_dir(crate::root())
        .args(["fmt", "--all", "--", "--check"]))?;
    step("lint: cargo clippy -D warnings (native)");
    run(Command::new("cargo").current_dir(crate::root()).args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    step("lint: cargo clippy -D warnings (wasm32)");
    run(Command::new("cargo").current_dir(crate::root()).args([
        "clippy",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "milvus-load-console",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))
}

fn native() -> Result {
    step("native tests: cargo test --workspace");
    run(Command::new("cargo")
        .current_dir(crate::root())
        .args(["test", "--workspace"]))
}

fn chromedriver() -> Result<String> {
    process::output("which", &["chromedriver"])
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .ok_or_else(|| "chromedriver not found on PATH".to_string())
}

fn wasm() -> Result {
    process::build_sim()?;
    let children = Children::default();
    let sim = process::start_sim(
        &children,
        // --control: the browser tests set faults through /__sim/.
        &[
            "--demo",
            "--port",
            "0",
            "--auth",
            "root:Milvus",
            "--control",
        ],
    )?;
    let closed = format!("http://127.0.0.1:{}", process::free_port()?);
    step(&format!(
        "browser tests: cargo test --target wasm32-unknown-unknown (headless Chromium; simulator at {sim})"
    ));
    run(Command::new("cargo")
        .current_dir(crate::root())
        .args([
            "test",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "milvus-load-console",
        ])
        .env("CHROMEDRIVER", chromedriver()?)
        .env("MILVUS_SIM_URL", &sim)
        .env("MILVUS_CLOSED_URL", &closed))
}

fn e2e(playwright_args: &[String]) -> Result {
    let tarball = package::package()?;
    hosts::lint_package(&tarball)?;
    process::build_sim()?;
    let hosts = hosts::install(&tarball)?;
    let console_port = static_server::serve_page(package::page_dir(), 0)?;
    let host_port = static_server::serve(hosts.host, 0)?;
    let vite_port = static_server::serve(hosts.vite, 0)?;
    let react_port = static_server::serve(hosts.react, 0)?;
    let chromium = process::output("which", &["chromium"])
        .map(|p| p.trim().to_string())
        .ok_or("chromium not found on PATH")?;
    step("end-to-end tests: Playwright in www/ (headless Chromium)");
    let url = |port: u16| format!("http://127.0.0.1:{port}");
    run(Command::new("npx")
        .current_dir(crate::root().join("www"))
        .args(["playwright", "test"])
        .args(playwright_args)
        .env("CONSOLE_URL", url(console_port))
        .env("HOST_URL", url(host_port))
        .env("VITE_HOST_URL", url(vite_port))
        .env("REACT_HOST_URL", url(react_port))
        .env("PACKAGE_TARBALL", &tarball)
        .env("MILVUS_SIM_BIN", process::sim_binary())
        .env("CHROMIUM_PATH", chromium))
}
