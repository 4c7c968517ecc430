//! The packed package as its users meet it: checked by the packaging linters, then installed
//! into the test hosts (a plain page with an import map, a Vite app, a React app) from the
//! tarball, exactly as a user would, and the bundled hosts built.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::package;
use crate::process::{run, step, Result};

/// What each host serves.
pub struct Hosts {
    pub host: PathBuf,
    pub vite: PathBuf,
    pub react: PathBuf,
}

fn www() -> PathBuf {
    crate::root().join("www")
}

/// publint and Are-the-types-wrong on the tarball (both must report nothing), and the files
/// `npm publish` would upload must be exactly the ones we ship.
pub fn lint_package(tarball: &Path) -> Result {
    step("packaging lint: the wasm stays within its size budget");
    crate::size::check_budget(&package::page_dir().join("milvus_load_console_bg.wasm"))?;
    step("packaging lint: publint (strict)");
    run(Command::new("npx")
        .current_dir(www())
        .args(["publint", "run", "--strict", "--level", "suggestion"])
        .arg(tarball))?;
    // ES modules only: the wasm glue is one. The page's files and the wasm are assets a host
    // serves or links, not modules with types: they are exported but not type-checked.
    step("packaging lint: attw (Are the types wrong?)");
    run(Command::new("npx")
        .current_dir(www())
        .args([
            "attw",
            "--profile",
            "esm-only",
            "--no-color",
            "--exclude-entrypoints",
        ])
        .args(package::ASSET_EXPORTS)
        .arg("--")
        .arg(tarball))?;
    step("packaging lint: npm publish --dry-run lists exactly the shipped files");
    let out = Command::new("npm")
        .current_dir(package::page_dir())
        .args(["publish", "--dry-run", "--json"])
        .output()
        .map_err(|e| format!("cannot run npm publish --dry-run: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "npm publish --dry-run failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("npm publish --dry-run --json printed no JSON: {e}"))?;
    let report = report.get("milvus-load-console").unwrap_or(&report);
    let mut listed: Vec<String> = report
        .get("files")
        .and_then(|f| f.as_array())
        .map(|files| {
            files
                .iter()
                .filter_map(|f| f.get("path").and_then(|p| p.as_str()).map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let mut wanted: Vec<String> = package::shipped_files()
        .into_iter()
        .chain(["package.json", "README.md", "LICENSE"])
        .map(str::to_string)
        .collect();
    listed.sort();
    wanted.sort();
    if listed != wanted {
        return Err(format!(
            "npm publish would upload {listed:?}; the package should hold exactly {wanted:?}"
        ));
    }
    println!("ok  {} files: {}", listed.len(), listed.join(" "));
    Ok(())
}

/// Installs the tarball into each host and builds the bundled ones.
pub fn install(tarball: &Path) -> Result<Hosts> {
    let hosts = Hosts {
        host: www().join("host"),
        vite: www().join("vite-host"),
        react: www().join("react-host"),
    };
    for consumer in [&hosts.host, &hosts.vite, &hosts.react] {
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
            .arg(tarball))?;
    }
    for (name, consumer) in [("vite-host", &hosts.vite), ("react-host", &hosts.react)] {
        step(&format!("building the {name} bundle (vite build)"));
        run(Command::new("npx")
            .current_dir(www())
            .args(["vite", "build", "--config"])
            .arg(consumer.join("vite.config.js")))?;
    }
    Ok(Hosts {
        vite: hosts.vite.join("dist"),
        react: hosts.react.join("dist"),
        ..hosts
    })
}
