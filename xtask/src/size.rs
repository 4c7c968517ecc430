//! Where the wasm's bytes are: the code of each crate, read from the function names of the
//! release build before `wasm-opt` (which drops the names; it shrinks every crate alike).

use std::collections::BTreeMap;
use std::path::Path;

use wasmparser::{Name, Parser, Payload};

use crate::process::Result;

/// The most the shipped wasm may weigh, gzip-compressed at level 9. A change that needs more
/// raises it, and says why in docs/benchmark.md; one that crosses it by accident (a Unicode
/// table, the float printer) fails the test command instead of shipping.
pub const WASM_GZIP_BUDGET: u64 = 293_400;

/// Checks the shipped wasm against `WASM_GZIP_BUDGET`.
pub fn check_budget(wasm: &Path) -> Result {
    let out = std::process::Command::new("gzip")
        .args(["-9", "-c"])
        .arg(wasm)
        .output()
        .map_err(|e| format!("cannot run gzip: {e}"))?;
    let bytes = out.stdout.len() as u64;
    if !out.status.success() || bytes == 0 {
        return Err(format!("gzip could not read {}", wasm.display()));
    }
    println!("wasm: {bytes} bytes gzip (budget {WASM_GZIP_BUDGET})");
    if bytes > WASM_GZIP_BUDGET {
        return Err(format!(
            "the wasm is {bytes} bytes gzip, over its budget of {WASM_GZIP_BUDGET}: \
             `cargo xtask size` shows where the bytes are"
        ));
    }
    Ok(())
}

/// The release build that wasm-pack optimises (it keeps the function names).
pub fn release_wasm() -> std::path::PathBuf {
    crate::root().join("target/wasm32-unknown-unknown/release/milvus_load_console.wasm")
}

/// Bytes of code per crate, largest first, with the data segments as one more line.
pub fn breakdown(path: &Path) -> Result<Vec<(String, u64)>> {
    let (functions, data) = functions(path)?;
    let mut per_crate: BTreeMap<String, u64> = BTreeMap::new();
    for (name, size) in functions {
        *per_crate.entry(crate_of(&name)).or_default() += size;
    }
    let mut rows: Vec<(String, u64)> = per_crate.into_iter().collect();
    rows.push(("(data: strings, tables)".into(), data));
    rows.sort_by_key(|r| std::cmp::Reverse(r.1));
    Ok(rows)
}

/// Every function's demangled name and code bytes, and the bytes of the data segments.
fn functions(path: &Path) -> Result<(Vec<(String, u64)>, u64)> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut imported = 0u32;
    let mut bodies: Vec<u64> = Vec::new();
    let mut names: BTreeMap<u32, String> = BTreeMap::new();
    let mut data = 0u64;
    for payload in Parser::new(0).parse_all(&bytes) {
        match payload.map_err(|e| format!("not a wasm module: {e}"))? {
            Payload::ImportSection(imports) => {
                for import in imports.into_imports() {
                    let import = import.map_err(|e| e.to_string())?;
                    if matches!(import.ty, wasmparser::TypeRef::Func(_)) {
                        imported += 1;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => bodies.push(span(body.range())),
            Payload::DataSection(section) => data += span(section.range()),
            Payload::CustomSection(section) => {
                if let wasmparser::KnownCustom::Name(reader) = section.as_known() {
                    for name in reader {
                        if let Ok(Name::Function(map)) = name {
                            for naming in map.into_iter().flatten() {
                                names.insert(naming.index, naming.name.to_string());
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if names.is_empty() {
        return Err(format!("{} has no function names", path.display()));
    }
    let functions = bodies
        .iter()
        .enumerate()
        .map(|(i, size)| {
            let name = names
                .get(&(imported + i as u32))
                .map(|n| rustc_demangle::demangle(n).to_string())
                .unwrap_or_else(|| "(unnamed)".into());
            (name, *size)
        })
        .collect();
    Ok((functions, data))
}

/// The `count` largest functions, largest first (generic code appears once per instance).
pub fn print_functions(path: &Path, count: usize) -> Result {
    let (mut functions, _) = functions(path)?;
    functions.sort_by_key(|f| std::cmp::Reverse(f.1));
    println!("| function | bytes before wasm-opt |");
    println!("|---|---:|");
    for (name, bytes) in functions.iter().take(count) {
        let name: String = name.chars().take(160).collect();
        println!("| {} | {bytes} |", name.replace('|', "\\|"));
    }
    Ok(())
}

fn span(range: std::ops::Range<u64>) -> u64 {
    range.end.saturating_sub(range.start)
}

/// The crate a demangled function belongs to: the first path segment, looking inside
/// `<T as Trait>` to the implementing type.
fn crate_of(name: &str) -> String {
    let name = name.trim_start_matches('<').trim_start_matches('&');
    let name = name.trim_start_matches("mut ").trim_start_matches("dyn ");
    match name.split_once("::") {
        // v0 names carry the crate's hash: `core[c5930c85a12de822]`.
        Some((first, _)) if !first.contains([' ', '<', '(']) => {
            first.split('[').next().unwrap_or(first).to_string()
        }
        _ if name.starts_with("__") || !name.contains("::") => "(runtime and glue)".into(),
        _ => "(other)".into(),
    }
}

/// Prints the breakdown as a Markdown table.
pub fn print(path: &Path) -> Result {
    let rows = breakdown(path)?;
    let total: u64 = rows.iter().map(|r| r.1).sum();
    println!("| crate | bytes before wasm-opt | share |");
    println!("|---|---:|---:|");
    for (name, bytes) in rows.iter().take(20) {
        println!(
            "| {name} | {bytes} | {:.1}% |",
            100.0 * *bytes as f64 / total.max(1) as f64
        );
    }
    let rest: u64 = rows.iter().skip(20).map(|r| r.1).sum();
    println!(
        "| (the other {} crates) | {rest} | |",
        rows.len().saturating_sub(20)
    );
    println!("| total | {total} | |");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::crate_of;

    #[test]
    fn crates_are_read_from_demangled_names() {
        assert_eq!(crate_of("yew::html::component::Component::view"), "yew");
        assert_eq!(
            crate_of(
                "<serde_json::de::Deserializer<R> as serde::de::Deserializer>::deserialize_any"
            ),
            "serde_json"
        );
        assert_eq!(
            crate_of("<&mut alloc::string::String as core::fmt::Write>::write_str"),
            "alloc"
        );
        assert_eq!(crate_of("__wbindgen_malloc"), "(runtime and glue)");
        assert_eq!(crate_of("core[c5930c85a12de822]::fmt::write"), "core");
    }
}
