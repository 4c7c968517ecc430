//! `cargo xtask run`: the console on http://127.0.0.1:8080, talking to the simulator with demo
//! data, or to the Milvus given by `--milvus-url` / `MILVUS_URL`. Ctrl-C stops everything.

use std::sync::atomic::Ordering;
use std::time::Duration;

use crate::process::{self, Children, Result};
use crate::{package, static_server, toolchain};

const CONSOLE_PORT: u16 = 8080;
const SIM_PORT: u16 = 19530;

/// Query-value encoding (RFC 3986 unreserved characters stay).
fn encode(text: &str) -> String {
    const UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(text, UNRESERVED).to_string()
}

/// The Milvus URL (from `--milvus-url`, else `from_env`) and the console's port.
fn parse(args: &[String], from_env: Option<String>) -> Result<(Option<String>, u16)> {
    let mut milvus_url = from_env.filter(|u| !u.is_empty());
    let mut source = "MILVUS_URL";
    let mut port = CONSOLE_PORT;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--milvus-url" => {
                milvus_url = rest.next().cloned();
                source = "--milvus-url";
            }
            "--port" => {
                port = rest
                    .next()
                    .and_then(|p| p.parse().ok())
                    .ok_or("--port needs a number")?
            }
            other => return Err(format!("unknown argument {other:?} (see cargo xtask help)")),
        }
    }
    if milvus_url.as_deref().is_some_and(|url| url.contains('@')) {
        return Err(credentials_refused(source));
    }
    Ok((milvus_url, port))
}

/// A URL with user-info would be printed here and shown in the page's address and endpoint
/// field; the message does not repeat it.
fn credentials_refused(source: &str) -> String {
    format!(
        "{source} must not contain a user name or password (user:password@). Give the URL \
         without them and enter the credentials (user:password or an API key) as the token \
         in the console's form."
    )
}

pub fn run(args: &[String]) -> Result {
    let (milvus_url, port) = parse(args, std::env::var("MILVUS_URL").ok())?;
    toolchain::ensure_all()?;
    package::build()?;
    let children = Children::default();
    let interrupted = process::on_interrupt(&children);
    let endpoint = match milvus_url {
        Some(url) => {
            println!("Using your Milvus at {url} (no simulator started).");
            url
        }
        None => {
            process::build_sim()?;
            let sim_port = if std::net::TcpListener::bind(("127.0.0.1", SIM_PORT)).is_ok() {
                SIM_PORT
            } else {
                process::free_port()?
            };
            let url = process::start_sim(&children, &["--demo", "--port", &sim_port.to_string()])?;
            println!("Milvus simulator with demo data at {url}");
            url
        }
    };
    let port = static_server::serve_page(package::page_dir(), port)?;
    println!();
    println!(
        "Milvus Load Console: http://127.0.0.1:{port}/?endpoint={}",
        encode(&endpoint)
    );
    println!("Press Ctrl-C to stop.");
    while !interrupted.load(Ordering::SeqCst) {
        if children.any_exited() {
            children.stop_all();
            return Err("the simulator stopped unexpectedly".into());
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    children.stop_all();
    println!("Stopped.");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|a| a.to_string()).collect()
    }

    #[test]
    fn a_milvus_url_with_credentials_is_refused_without_repeating_them() {
        for url in [
            "http://root:Secret-1@milvus:19530",
            "https://Secret-1@milvus",
        ] {
            let error = parse(&args(&["--milvus-url", url]), None).unwrap_err();
            assert!(error.contains("token"), "{error}");
            assert!(!error.contains("Secret-1"), "{error}");
            let error = parse(&[], Some(url.into())).unwrap_err();
            assert!(
                error.contains("MILVUS_URL") && !error.contains("Secret-1"),
                "{error}"
            );
        }
        let plain = parse(&args(&["--milvus-url", "http://milvus:19530"]), None);
        assert_eq!(
            plain,
            Ok((Some("http://milvus:19530".into()), CONSOLE_PORT))
        );
    }
}
