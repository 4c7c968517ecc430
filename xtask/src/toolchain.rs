//! Installs what the build and the tests need, idempotently: each tool is checked first and
//! installed only when missing or at the wrong version. Nothing is downloaded from GitHub;
//! browsers come from Debian, never from `npx playwright install`.

use std::path::PathBuf;
use std::process::Command;

use crate::process::{output, run, step, Result};

const WASM_PACK_VERSION: &str = "0.15.1";

pub fn ensure_all() -> Result {
    ensure_wasm_target()?;
    ensure_wasm_bindgen()?;
    ensure_cargo_tool("wasm-pack", WASM_PACK_VERSION, true, "about 3 minutes")?;
    ensure_npm_packages()?;
    ensure_chromium()?;
    Ok(())
}

/// The npm tools (wasm-opt from `binaryen`) first on PATH, ahead of any system copy.
pub fn path_with_npm_tools() -> String {
    let bin = crate::root().join("www/node_modules/.bin");
    let current = std::env::var("PATH").unwrap_or_default();
    format!("{}:{current}", bin.display())
}

fn ensure_wasm_target() -> Result {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        println!("ok  wasm32-unknown-unknown target");
        return Ok(());
    }
    step("adding the wasm32-unknown-unknown target");
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// The `wasm-bindgen` version pinned in Cargo.lock: the CLI must match it exactly.
pub fn locked_wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(crate::root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
                .and_then(|v| v.strip_suffix('"'))
            {
                return Ok(version.to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".into())
}

fn ensure_wasm_bindgen() -> Result {
    let version = locked_wasm_bindgen_version()?;
    let have = output("wasm-bindgen", &["--version"]).unwrap_or_default();
    let runner = output("wasm-bindgen-test-runner", &["--version"]).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(version.as_str()) && runner.contains(&version) {
        println!("ok  wasm-bindgen {version}");
        return Ok(());
    }
    step(&format!(
        "installing wasm-bindgen-cli {version} (about 3 minutes the first time)"
    ));
    // Not --locked: its lockfile names a webpki-roots version the crates.io mirror lacks.
    run(Command::new("cargo").args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &version,
        "--force",
    ]))
}

fn ensure_cargo_tool(name: &str, version: &str, locked: bool, duration: &str) -> Result {
    let have = output(name, &["--version"]).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(version) {
        println!("ok  {name} {version}");
        return Ok(());
    }
    step(&format!(
        "installing {name} {version} ({duration} the first time)"
    ));
    let mut cmd = Command::new("cargo");
    cmd.args(["install", name, "--version", version, "--force"]);
    if locked {
        cmd.arg("--locked");
    }
    run(&mut cmd)
}

fn www() -> PathBuf {
    crate::root().join("www")
}

/// The npm tools the build and the tests run.
const NPM_TOOLS: [&str; 5] = ["wasm-opt", "playwright", "vite", "publint", "attw"];

fn ensure_npm_packages() -> Result {
    let lock = www().join("package-lock.json");
    let installed = www().join("node_modules/.package-lock.json");
    let modified = |p: &PathBuf| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    if let (Some(installed), Some(lock)) = (modified(&installed), modified(&lock)) {
        if installed >= lock
            && NPM_TOOLS
                .iter()
                .all(|t| www().join("node_modules/.bin").join(t).exists())
        {
            println!("ok  npm packages of www/");
            return Ok(());
        }
    }
    step("installing npm packages of www/ at their locked versions (npm ci)");
    // `npm ci` installs exactly the lock and never rewrites it, so a fresh clone stays clean.
    run(Command::new("npm")
        .current_dir(www())
        .args(["ci", "--no-audit", "--no-fund"]))
}

fn ensure_chromium() -> Result {
    let have = |tool: &str| output("which", &[tool]).is_some_and(|p| !p.trim().is_empty());
    if have("chromium") && have("chromedriver") {
        println!("ok  chromium and chromedriver");
        return Ok(());
    }
    let command = "apt-get update && apt-get install -y chromium chromium-driver";
    let root = output("id", &["-u"]).is_some_and(|u| u.trim() == "0");
    if !root {
        return Err(format!(
            "Chromium and ChromeDriver are missing. Install them as root, then run this again:\n    sudo sh -c '{command}'"
        ));
    }
    step("installing Debian chromium and chromium-driver (apt-get)");
    run(Command::new("sh")
        .args(["-c", command])
        .env("DEBIAN_FRONTEND", "noninteractive"))
}
