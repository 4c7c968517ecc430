//! Project tasks: `cargo xtask run` serves the console with a simulator (or your Milvus);
//! `cargo xtask test` runs every test tier. Both first make sure the toolchain is installed.

mod bench;
mod hosts;
mod package;
mod process;
mod run;
mod size;
mod static_server;
mod test;
mod toolchain;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  run [--milvus-url URL] [--port N]   build the console and serve it on http://127.0.0.1:8080,
                                       with the Milvus simulator and demo data (or MILVUS_URL)
  test [lint|native|wasm|e2e ...] [-- PLAYWRIGHT ARGS]
                                       run every test tier (or the named ones)
  package                             build the npm package (also the standalone page) into
                                       pkg/ and pack it
  bench [-- <playwright args>]        browser benchmark; writes target/bench/run-*.json, results.md
  size [--functions N]                code bytes per crate (or the N largest functions) in the release wasm
  setup                               install the toolchain only
";

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run::run(&args[1..]),
        Some("test") => test::test(&args[1..]),
        Some("setup") => toolchain::ensure_all(),
        Some("bench") => bench::bench(&args[1..]),
        Some("size") => toolchain::ensure_all()
            .and_then(|()| package::build())
            .and_then(|()| match args.get(1..3) {
                Some([flag, n]) if flag == "--functions" => size::print_functions(
                    &size::release_wasm(),
                    n.parse()
                        .map_err(|_| format!("--functions needs a number, not {n:?}"))?,
                ),
                _ => size::print(&size::release_wasm()),
            }),
        Some("package") => toolchain::ensure_all().and_then(|()| package::package().map(drop)),
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            Ok(())
        }
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}
