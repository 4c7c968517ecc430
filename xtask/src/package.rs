//! `cargo xtask package`: the npm package in `pkg/` (wasm-pack, `--target web`), with the
//! custom element added, packed with `npm pack`. Prints what a host downloads.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use crate::process::{run, step, Result};
use crate::toolchain::path_with_npm_tools;

/// Files added to what wasm-pack generates.
const EXTRA_FILES: [&str; 2] = ["element.js", "element.d.ts"];

pub fn package() -> Result<std::path::PathBuf> {
    let root = crate::root();
    step("building the npm package (wasm-pack --target web, release)");
    run(Command::new("wasm-pack")
        .current_dir(&root)
        .args([
            "build",
            "--target",
            "web",
            "--release",
            "--mode",
            "no-install",
            "--out-dir",
            "pkg",
        ])
        .env("PATH", path_with_npm_tools()))?;
    let pkg = root.join("pkg");
    for file in EXTRA_FILES {
        std::fs::copy(root.join("js").join(file), pkg.join(file))
            .map_err(|e| format!("cannot copy js/{file}: {e}"))?;
    }
    add_to_manifest(&pkg.join("package.json"))?;
    step("packing it (npm pack)");
    let out = Command::new("npm")
        .current_dir(&pkg)
        .args(["pack", "--silent"])
        .output()
        .map_err(|e| format!("cannot run npm pack: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "npm pack failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let name = String::from_utf8_lossy(&out.stdout)
        .trim()
        .lines()
        .last()
        .unwrap_or_default()
        .to_string();
    let tarball = pkg.join(&name);
    report_sizes(&pkg, &tarball)?;
    Ok(tarball)
}

/// Adds the element files and the keywords to the generated package.json.
fn add_to_manifest(path: &Path) -> Result {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let files: Vec<String> = EXTRA_FILES
        .iter()
        .map(|f| format!("    \"{f}\","))
        .collect();
    let patched = text.replacen(
        "\"files\": [",
        &format!("\"files\": [\n{}", files.join("\n")),
        1,
    );
    if patched == text {
        return Err("pkg/package.json has no \"files\" list to extend".into());
    }
    std::fs::write(path, patched).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn gzip_size(path: &Path) -> Result<u64> {
    let out = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .map_err(|e| format!("cannot run gzip: {e}"))?;
    Ok(out.stdout.len() as u64)
}

fn report_sizes(pkg: &Path, tarball: &Path) -> Result {
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let wasm = pkg.join("milvus_load_console_bg.wasm");
    let js = pkg.join("milvus_load_console.js");
    let element = pkg.join("element.js");
    let mut out = std::io::stdout();
    let _ = writeln!(
        out,
        "package: {} ({} bytes)",
        tarball.display(),
        size(tarball)
    );
    let _ = writeln!(
        out,
        "a host downloads: wasm {} B ({} B gzip), glue {} B ({} B gzip), element {} B ({} B gzip)",
        size(&wasm),
        gzip_size(&wasm)?,
        size(&js),
        gzip_size(&js)?,
        size(&element),
        gzip_size(&element)?
    );
    Ok(())
}
