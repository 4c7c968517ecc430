//! Building the standalone page into `dist/`, ready for a strict Content-Security-Policy:
//! trunk's inline boot script is moved into `boot.js`, so no inline script is needed.

use std::process::Command;

use crate::process::{run, step, Result};
use crate::toolchain::path_with_npm_tools;

const INLINE_MODULE: &str = "<script type=\"module\">";

pub fn build_console() -> Result {
    step("building the console (release wasm, trunk)");
    run(Command::new("trunk")
        .current_dir(crate::root())
        .args(["build", "--release=true"])
        .env("PATH", path_with_npm_tools())
        .env("TRUNK_SKIP_VERSION_CHECK", "true"))?;
    externalize_boot_script()
}

fn externalize_boot_script() -> Result {
    let dist = crate::root().join("dist");
    let index_path = dist.join("index.html");
    let html = std::fs::read_to_string(&index_path)
        .map_err(|e| format!("cannot read {}: {e}", index_path.display()))?;
    let Some(start) = html.find(INLINE_MODULE) else {
        return Err("dist/index.html has no inline boot script to move".into());
    };
    let body_start = start + INLINE_MODULE.len();
    let end = html[body_start..]
        .find("</script>")
        .map(|i| body_start + i)
        .ok_or("dist/index.html: unterminated boot script")?;
    let boot = &html[body_start..end];
    std::fs::write(dist.join("boot.js"), boot.trim())
        .map_err(|e| format!("cannot write dist/boot.js: {e}"))?;
    let rewritten = format!(
        "{}<script type=\"module\" src=\"/boot.js\"></script>{}",
        &html[..start],
        &html[end + "</script>".len()..]
    );
    std::fs::write(&index_path, rewritten)
        .map_err(|e| format!("cannot write {}: {e}", index_path.display()))
}
