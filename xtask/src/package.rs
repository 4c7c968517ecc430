//! `cargo xtask package`: the npm package in `pkg/`, which is also the standalone page. One
//! release build (wasm-pack, `--target web`) serves hosts that import the module, the custom
//! element, the standalone page (`index.html` boots the same module and wasm) and `npx
//! milvus-load-console` (a small Node server of that page). Packed with `npm pack`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

use crate::process::{run, step, Result};
use crate::toolchain::path_with_npm_tools;

/// Files added to what wasm-pack generates: (source in the repository, name in the package).
const EXTRA_FILES: [(&str, &str); 7] = [
    ("js/element.js", "element.js"),
    ("js/element.d.ts", "element.d.ts"),
    ("index.html", "index.html"),
    ("js/page.js", "page.js"),
    ("assets/page.css", "page.css"),
    ("assets/favicon.svg", "favicon.svg"),
    (
        "js/bin/milvus-load-console.js",
        "bin/milvus-load-console.js",
    ),
];

/// Exported files that are assets (the page, its stylesheet, the wasm), not JavaScript modules.
pub const ASSET_EXPORTS: [&str; 4] = [
    "./index.html",
    "./page.js",
    "./page.css",
    "./milvus_load_console_bg.wasm",
];

/// The directory the standalone page is served from.
pub fn page_dir() -> PathBuf {
    crate::root().join("pkg")
}

/// Builds `pkg/` (page included) without packing it.
pub fn build() -> Result {
    let root = crate::root();
    step("building the console (wasm-pack --target web, release): the package and the page");
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
    let pkg = page_dir();
    std::fs::create_dir_all(pkg.join("bin")).map_err(|e| format!("cannot create pkg/bin: {e}"))?;
    for (source, name) in EXTRA_FILES {
        std::fs::copy(root.join(source), pkg.join(name))
            .map_err(|e| format!("cannot copy {source}: {e}"))?;
    }
    write_manifest(&pkg.join("package.json"))
}

/// Builds and packs the package; returns the tarball.
pub fn package() -> Result<PathBuf> {
    build()?;
    let pkg = page_dir();
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

/// The files the package ships, in `files` order.
pub fn shipped_files() -> Vec<&'static str> {
    let mut files = vec![
        "milvus_load_console.js",
        "milvus_load_console.d.ts",
        "milvus_load_console_bg.wasm",
        "milvus_load_console_bg.wasm.d.ts",
    ];
    files.extend(EXTRA_FILES.iter().map(|(_, name)| *name));
    files
}

/// The package manifest: wasm-pack's name, version and description, with an `exports` map
/// (module, element, page, types), the `npx` command, and exactly the files we ship.
fn write_manifest(path: &Path) -> Result {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let generated: Value =
        serde_json::from_str(&text).map_err(|e| format!("{} is not JSON: {e}", path.display()))?;
    let field = |name: &str| generated.get(name).cloned().unwrap_or(Value::Null);
    let manifest = json!({
        "name": field("name"),
        "version": field("version"),
        "description": field("description"),
        "license": field("license"),
        "keywords": field("keywords"),
        "type": "module",
        "main": "./milvus_load_console.js",
        "types": "./milvus_load_console.d.ts",
        "exports": {
            ".": {
                "types": "./milvus_load_console.d.ts",
                "default": "./milvus_load_console.js"
            },
            "./element.js": {
                "types": "./element.d.ts",
                "default": "./element.js"
            },
            "./milvus_load_console_bg.wasm": "./milvus_load_console_bg.wasm",
            "./index.html": "./index.html",
            "./page.js": "./page.js",
            "./page.css": "./page.css",
            "./package.json": "./package.json"
        },
        "bin": { "milvus-load-console": "bin/milvus-load-console.js" },
        "files": shipped_files(),
        "sideEffects": ["./page.js", "./bin/milvus-load-console.js"],
        "engines": { "node": ">=18" }
    });
    let pretty = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
    std::fs::write(path, pretty + "\n").map_err(|e| format!("cannot write {}: {e}", path.display()))
}

pub fn gzip_size(path: &Path) -> Result<u64> {
    let out = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .map_err(|e| format!("cannot run gzip: {e}"))?;
    Ok(out.stdout.len() as u64)
}

fn report_sizes(pkg: &Path, tarball: &Path) -> Result {
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let (wasm, js) = (
        pkg.join("milvus_load_console_bg.wasm"),
        pkg.join("milvus_load_console.js"),
    );
    let page: u64 = ["index.html", "page.js", "page.css", "favicon.svg"]
        .iter()
        .map(|f| gzip_size(&pkg.join(f)).unwrap_or(0))
        .sum();
    let mut out = std::io::stdout();
    let _ = writeln!(
        out,
        "package: {} ({} bytes)",
        tarball.display(),
        size(tarball)
    );
    let _ = writeln!(
        out,
        "a host downloads: wasm {} B ({} B gzip), glue {} B ({} B gzip), element {} B gzip; \
         the standalone page adds {page} B gzip",
        size(&wasm),
        gzip_size(&wasm)?,
        size(&js),
        gzip_size(&js)?,
        gzip_size(&pkg.join("element.js"))?,
    );
    Ok(())
}
