//! The simulator's own safety: the control API only with `--control`, bounded request bodies,
//! and connections that never send a full request head are closed.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::json;
use support::SimProcess;

#[test]
fn the_control_api_is_off_unless_asked_for() {
    let sim = SimProcess::start_exactly(&["--demo"]);
    for raw in [
        sim.raw("GET /__sim/state HTTP/1.1", b""),
        sim.post("/__sim/reset", "{}", &[]),
        sim.post("/__sim/faults", r#"{"rate":1}"#, &[]),
    ] {
        assert_eq!(raw.status, 404);
        assert_eq!(raw.text(), "404 page not found");
    }
    assert_eq!(sim.call("collections/list", json!({}))["code"], 0);
    // With auth on, as any unknown path: 401.
    let sim = SimProcess::start_exactly(&["--demo", "--auth", "root:Milvus"]);
    assert_eq!(sim.raw("GET /__sim/state HTTP/1.1", b"").status, 401);
    let sim = SimProcess::start(&["--demo"]);
    assert_eq!(sim.raw("GET /__sim/state HTTP/1.1", b"").status, 200);
}

/// A connection on which `head` has been sent.
fn open_with(sim: &SimProcess, head: &[u8]) -> TcpStream {
    let mut stream = TcpStream::connect(("127.0.0.1", sim.port)).unwrap();
    stream.write_all(head).unwrap();
    stream
}

fn read_all(stream: &mut TcpStream) -> String {
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn a_body_over_one_mebibyte_is_refused_unread() {
    let sim = SimProcess::start(&["--demo"]);
    // Declared too large: answered without sending (or reading) the body.
    let mut stream = open_with(
        &sim,
        b"POST /v2/vectordb/collections/list HTTP/1.1\r\nHost: x\r\nContent-Length: 50000000\r\n\r\n",
    );
    let reply = read_all(&mut stream);
    assert!(reply.starts_with("HTTP/1.1 413"), "{reply}");
    assert!(reply.contains("request body too large"), "{reply}");
    assert!(reply.contains("access-control-allow-origin: *"), "{reply}");
    // Chunked, without a length: cut off at the limit.
    let mut stream = open_with(
        &sim,
        b"POST /v2/vectordb/collections/list HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
    );
    let chunk = vec![b' '; 64 * 1024];
    for _ in 0..20 {
        let head = format!("{:x}\r\n", chunk.len());
        if stream.write_all(head.as_bytes()).is_err()
            || stream.write_all(&chunk).is_err()
            || stream.write_all(b"\r\n").is_err()
        {
            break;
        }
    }
    let reply = read_all(&mut stream);
    assert!(reply.starts_with("HTTP/1.1 413"), "{reply}");
    // A body just under the limit is read.
    let padded = format!("{{}}{}", " ".repeat(1_000_000));
    let raw = sim.post("/v2/vectordb/collections/list", &padded, &[]);
    assert_eq!(raw.json()["code"], 0);
}

#[test]
fn a_connection_that_never_finishes_its_head_is_closed() {
    let sim = SimProcess::start(&["--demo"]);
    let mut stream = open_with(
        &sim,
        b"POST /v2/vectordb/collections/list HTTP/1.1\r\nHost: x\r\n",
    );
    let started = Instant::now();
    let _ = read_all(&mut stream);
    let waited = started.elapsed();
    assert!(
        waited < Duration::from_secs(15),
        "still open after {waited:?}"
    );
}
