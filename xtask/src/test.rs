//! `cargo xtask test`: every tier, each reported on one summary line; non-zero exit on any
//! failure.
//!
//! - native: `cargo test --workspace` (client decoding, reducer, simulator contract tests)
//! - wasm: `cargo test --target wasm32-unknown-unknown` in headless Chromium, against a
//!   simulator on another origin
//! - e2e: Playwright in `www/`, driving the built console and the packed npm package (in a
//!   host page) against simulators

use std::process::Command;
use std::time::Instant;

use crate::process::{self, run, step, Children, Result};
use crate::{dist, package, static_server, toolchain};

const TIERS: [&str; 3] = ["native", "wasm", "e2e"];

pub fn test(args: &[String]) -> Result {
    let chosen: Vec<&str> = if args.is_empty() {
        TIERS.to_vec()
    } else {
        args.iter().map(String::as_str).collect()
    };
    if let Some(bad) = chosen.iter().find(|t| !TIERS.contains(t)) {
        return Err(format!("unknown tier {bad:?}; tiers: {}", TIERS.join(", ")));
    }
    toolchain::ensure_all()?;
    let mut summary = Vec::new();
    for tier in &chosen {
        let started = Instant::now();
        let result = match *tier {
            "native" => native(),
            "wasm" => wasm(),
            _ => e2e(),
        };
        summary.push((tier.to_string(), started.elapsed().as_secs(), result));
    }
    println!();
    println!("Test summary:");
    let mut failed = false;
    for (tier, seconds, result) in &summary {
        match result {
            Ok(()) => println!("  {tier:<7} PASS  ({}m {:02}s)", seconds / 60, seconds % 60),
            Err(e) => {
                failed = true;
                println!(
                    "  {tier:<7} FAIL  ({}m {:02}s)  {e}",
                    seconds / 60,
                    seconds % 60
                );
            }
        }
    }
    if failed {
        Err("some tiers failed".into())
    } else {
        Ok(())
    }
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

fn e2e() -> Result {
    dist::build_console()?;
    process::build_sim()?;
    let tarball = package::package()?;
    let (host, vite_host) = (
        crate::root().join("www/host"),
        crate::root().join("www/vite-host"),
    );
    for consumer in [&host, &vite_host] {
        step(&format!(
            "installing the packed tarball into {}, as a user would",
            consumer.display()
        ));
        run(Command::new("npm")
            .current_dir(consumer)
            .args([
                "install",
                "--no-audit",
                "--no-fund",
                "--no-save",
                "--no-package-lock",
            ])
            .arg(&tarball))?;
    }
    step("building the Vite consumer (www/vite-host)");
    run(Command::new("npx")
        .current_dir(crate::root().join("www"))
        .args(["vite", "build", "--config", "vite-host/vite.config.js"]))?;
    let host_port = static_server::serve(host, 0)?;
    let vite_port = static_server::serve(vite_host.join("dist"), 0)?;
    let port = static_server::serve(crate::root().join("dist"), 0)?;
    let chromium = process::output("which", &["chromium"])
        .map(|p| p.trim().to_string())
        .ok_or("chromium not found on PATH")?;
    step("end-to-end tests: Playwright in www/ (headless Chromium)");
    run(Command::new("npx")
        .current_dir(crate::root().join("www"))
        .args(["playwright", "test"])
        .env("CONSOLE_URL", format!("http://127.0.0.1:{port}"))
        .env("HOST_URL", format!("http://127.0.0.1:{host_port}"))
        .env("VITE_HOST_URL", format!("http://127.0.0.1:{vite_port}"))
        .env("MILVUS_SIM_BIN", process::sim_binary())
        .env("CHROMIUM_PATH", chromium))
}
