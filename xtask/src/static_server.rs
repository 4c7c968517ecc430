//! A small static file server for the built page (and the test hosts): the console is served
//! from its own origin, apart from Milvus, as in production (so CORS is exercised). It sends
//! the page's security headers, and checks a path before it reads anything: only regular files
//! inside the served directory are read.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

use crate::process::Result;

/// A request's head larger than this is refused; browsers send a few hundred bytes.
const MAX_HEAD_BYTES: u64 = 16 * 1024;
/// A client that has not sent its request within this time is dropped.
const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// The standalone page's policy (its `<meta>` cannot say `frame-ancestors`).
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data:; connect-src 'self' http: https:; object-src 'none'; \
base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}

/// Serves the console's page from `dir`, with its Content-Security-Policy.
pub fn serve_page(dir: PathBuf, port: u16) -> Result<u16> {
    serve_with(dir, port, Some(CONTENT_SECURITY_POLICY))
}

/// Serves a test host from `dir`: someone else's page, with its own policy (none here).
pub fn serve(dir: PathBuf, port: u16) -> Result<u16> {
    serve_with(dir, port, None)
}

/// Serves `dir` on `127.0.0.1:port` in background threads, until the process ends.
fn serve_with(dir: PathBuf, port: u16, policy: Option<&'static str>) -> Result<u16> {
    let dir = dir
        .canonicalize()
        .map_err(|e| format!("cannot serve {}: {e}", dir.display()))?;
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot serve on 127.0.0.1:{port}: {e}"))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let dir = dir.clone();
            thread::spawn(move || {
                let _ = answer(stream, &dir, policy);
            });
        }
    });
    Ok(port)
}

/// The file a request path names, if it is a regular file inside `dir` (canonical). Decided
/// from the path alone: nothing is opened for a path that leaves `dir`.
pub fn resolve(dir: &Path, request_path: &str) -> Option<PathBuf> {
    let path = request_path.split(['?', '#']).next().unwrap_or("/");
    let relative = path.trim_start_matches('/');
    let parts: Vec<&str> = relative.split('/').collect();
    if parts
        .iter()
        .any(|p| *p == ".." || p.contains('\\') || p.contains('%') || p.contains('\0'))
    {
        return None;
    }
    let mut file = dir.join(relative);
    if relative.is_empty() || relative.ends_with('/') {
        file.push("index.html");
    }
    // Symbolic links are followed only when they stay inside `dir`.
    let file = file.canonicalize().ok()?;
    let regular = std::fs::metadata(&file).is_ok_and(|m| m.is_file());
    (file.starts_with(dir) && regular).then_some(file)
}

fn answer(stream: TcpStream, dir: &Path, policy: Option<&str>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(READ_TIMEOUT))?;
    let mut reader = BufReader::new(stream.try_clone()?.take(MAX_HEAD_BYTES));
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }
    let mut stream = stream;
    let mut words = request_line.split_whitespace();
    let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or("/"));
    let found = matches!(method, "GET" | "HEAD")
        .then(|| resolve(dir, target))
        .flatten();
    let Some(file) = found else {
        return respond(
            &mut stream,
            policy,
            "404 Not Found",
            "text/plain",
            b"not found",
        );
    };
    let body = std::fs::read(&file)?;
    let body = if method == "HEAD" { &[][..] } else { &body[..] };
    respond(&mut stream, policy, "200 OK", content_type(&file), body)
}

fn respond(
    stream: &mut TcpStream,
    policy: Option<&str>,
    status: &str,
    kind: &str,
    body: &[u8],
) -> std::io::Result<()> {
    let policy = policy
        .map(|p| format!("Content-Security-Policy: {p}\r\n"))
        .unwrap_or_default();
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n{policy}\
         X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn served() -> (PathBuf, PathBuf) {
        let base = std::env::temp_dir().join(format!("mlc-static-{}", std::process::id()));
        let dir = base.join("site");
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("index.html"), "page").unwrap();
        std::fs::write(dir.join("sub/a.js"), "js").unwrap();
        std::fs::write(base.join("secret.txt"), "outside").unwrap();
        (dir.canonicalize().unwrap(), base)
    }

    #[test]
    fn serves_files_inside_the_directory() {
        let (dir, _) = served();
        assert_eq!(resolve(&dir, "/"), Some(dir.join("index.html")));
        assert_eq!(resolve(&dir, "/sub/a.js?x=1"), Some(dir.join("sub/a.js")));
        assert_eq!(resolve(&dir, "/missing.js"), None);
    }

    #[test]
    fn refuses_traversal_and_devices_without_reading() {
        let (dir, _) = served();
        for path in [
            "/../secret.txt",
            "/sub/../../secret.txt",
            "/../../../../dev/zero",
            "/%2e%2e/secret.txt",
            "/..\\secret.txt",
            "/sub",
        ] {
            assert_eq!(resolve(&dir, path), None, "{path}");
        }
        // An absolute path is joined under the directory, never taken as it is.
        assert_eq!(resolve(&dir, "//dev/zero"), None);
    }

    #[test]
    fn a_symbolic_link_out_of_the_directory_is_refused() {
        let (dir, base) = served();
        let link = dir.join("escape.txt");
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(base.join("secret.txt"), &link).unwrap();
        assert_eq!(resolve(&dir, "/escape.txt"), None);
    }

    /// Reading a file before checking its path would block on a FIFO (as on `/dev/zero` it
    /// would read until memory runs out): the answer must come at once, and be a 404.
    #[test]
    fn the_server_answers_a_traversal_to_a_fifo_at_once() {
        let (dir, base) = served();
        let fifo = base.join("fifo");
        let _ = std::fs::remove_file(&fifo);
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");
        let port = serve_page(dir, 0).unwrap();
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        stream
            .write_all(b"GET /../fifo HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        let mut reply = String::new();
        stream.read_to_string(&mut reply).unwrap();
        assert!(reply.starts_with("HTTP/1.1 404"), "{reply}");
        assert!(reply.contains("X-Content-Type-Options: nosniff"), "{reply}");
        assert!(reply.contains("frame-ancestors 'none'"), "{reply}");
    }
}
