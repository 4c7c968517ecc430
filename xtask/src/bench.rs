//! `cargo xtask bench`: the browser benchmark (www/bench) against the simulator with a fixed
//! latency. Prints a table; writes one JSON file per run under `target/bench/` (so that two
//! runs can be compared) and the latest table to `target/bench/results.md`.

use std::process::Command;

use crate::process::{self, run, step, Result};
use crate::{package, static_server, toolchain};

/// Arguments after `--` go to Playwright (e.g. `-- --grep partitions` for one scenario).
pub fn bench(args: &[String]) -> Result {
    let playwright_args = match args.iter().position(|a| a == "--") {
        Some(i) => &args[i + 1..],
        None => &[][..],
    };
    toolchain::ensure_all()?;
    package::build()?;
    process::build_sim()?;
    let port = static_server::serve_page(package::page_dir(), 0)?;
    let chromium = process::output("which", &["chromium"])
        .map(|p| p.trim().to_string())
        .ok_or("chromium not found on PATH")?;
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let out = crate::root().join(format!("target/bench/run-{stamp}.json"));
    step("benchmark: Playwright in www/bench (headless Chromium)");
    run(Command::new("npx")
        .current_dir(crate::root().join("www"))
        .args([
            "playwright",
            "test",
            "--config",
            "playwright.bench.config.js",
        ])
        .args(playwright_args)
        .env("CONSOLE_URL", format!("http://127.0.0.1:{port}"))
        .env("MILVUS_SIM_BIN", process::sim_binary())
        .env("CHROMIUM_PATH", chromium)
        .env("BENCH_OUT", &out))?;
    println!("results: {}", out.display());
    Ok(())
}
