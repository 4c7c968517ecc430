//! A running `milvus-sim` process and a raw HTTP/1.1 client: the tests see exactly the bytes a
//! browser would.
// Each test binary uses a different part of this module.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

pub struct SimProcess {
    child: Child,
    pub port: u16,
}

/// A reply as it came over the wire.
#[derive(Debug)]
pub struct Raw {
    pub status: u16,
    /// Header names lower-cased, in order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Raw {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

impl SimProcess {
    /// A simulator with the control API on (`--control`), as every test here uses it.
    pub fn start(args: &[&str]) -> SimProcess {
        let mut with_control = vec!["--control"];
        with_control.extend_from_slice(args);
        SimProcess::start_exactly(&with_control)
    }

    /// A simulator with exactly these flags.
    pub fn start_exactly(args: &[&str]) -> SimProcess {
        let mut child = Command::new(env!("CARGO_BIN_EXE_milvus-sim"))
            .args(["--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .spawn()
            .expect("spawn milvus-sim");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read banner");
        let port = line
            .trim()
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {line:?}"));
        SimProcess { child, port }
    }

    /// Sends `head` (request line and headers, without the final blank line) and `body`.
    pub fn raw(&self, head: &str, body: &[u8]) -> Raw {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .expect("timeout");
        let request = format!(
            "{head}\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        stream.write_all(request.as_bytes()).expect("write");
        stream.write_all(body).expect("write body");
        let mut bytes = Vec::new();
        let _ = stream.read_to_end(&mut bytes);
        parse_response(&bytes)
    }

    pub fn post(&self, path: &str, body: &str, extra_headers: &[&str]) -> Raw {
        let mut head = format!("POST {path} HTTP/1.1\r\nContent-Type: application/json");
        for header in extra_headers {
            head.push_str("\r\n");
            head.push_str(header);
        }
        self.raw(&head, body.as_bytes())
    }

    /// POSTs to a REST v2 endpoint and returns the JSON envelope (asserting HTTP 200).
    pub fn call(&self, endpoint: &str, body: Value) -> Value {
        let raw = self.post(&format!("/v2/vectordb/{endpoint}"), &body.to_string(), &[]);
        assert_eq!(raw.status, 200, "{endpoint}: {}", raw.text());
        raw.json()
    }

    pub fn control(&self, path: &str, body: Value) -> Value {
        self.post(&format!("/__sim/{path}"), &body.to_string(), &[])
            .json()
    }

    pub fn control_get(&self, path: &str) -> Value {
        self.raw(&format!("GET /__sim/{path} HTTP/1.1"), b"").json()
    }

    /// One collection as the control API's state reports it.
    pub fn collection(&self, db: &str, name: &str) -> Value {
        let state = self.control_get(&format!("state?db={db}"));
        state["databases"][db]["collections"]
            .as_array()
            .and_then(|all| all.iter().find(|c| c["name"] == name).cloned())
            .unwrap_or_else(|| panic!("no collection {name} in {db}: {state}"))
    }

    /// A partition's numeric ID, as the control API reports it.
    pub fn partition_id(&self, db: &str, collection: &str, partition: &str) -> String {
        let c = self.collection(db, collection);
        c["partitions"]
            .as_array()
            .and_then(|all| all.iter().find(|p| p["name"] == partition))
            .and_then(|p| p["id"].as_str())
            .unwrap_or_else(|| panic!("no partition {partition} in {c}"))
            .to_string()
    }

    /// `get_load_state` of a collection, optionally listing partitions.
    pub fn load_state(&self, collection: &str, partitions: Option<&[&str]>) -> Value {
        let mut body = serde_json::json!({"collectionName": collection});
        if let Some(p) = partitions {
            body["partitionNames"] = serde_json::json!(p);
        }
        self.call("collections/get_load_state", body)
    }
}

impl Drop for SimProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Parses a response with a Content-Length or chunked body (or one closed at the end).
pub fn parse_response(bytes: &[u8]) -> Raw {
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(bytes)));
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = bytes[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Raw {
        status,
        headers,
        body,
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&data[..eol]).into_owned();
        let size = usize::from_str_radix(size_text.trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = eol + 2;
        out.extend_from_slice(&data[start..(start + size).min(data.len())]);
        data = &data[(start + size + 2).min(data.len())..];
    }
    out
}
