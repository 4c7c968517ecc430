//! How many `get_load_state` requests per second the simulator answers on loopback.
//!
//! `cargo run -p milvus-sim --release --example rate -- [CONNECTIONS] [SECONDS]`
//!
//! Starts the simulator in this process with 10,000 collections × 8 partitions, then keeps
//! CONNECTIONS keep-alive connections busy for SECONDS, asking each collection's state in turn.
//! A benchmark: it prints figures and never fails on them.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use milvus_sim::datasets::Dataset;
use milvus_sim::server;
use milvus_sim::sim::{Settings, Sim};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const COLLECTIONS: usize = 10_000;
const PARTITIONS: usize = 8;

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let connections: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(16);
    let seconds: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let settings = Settings::new(Dataset::Scale {
        collections: COLLECTIONS,
        partitions: PARTITIONS,
        seed: 1,
        states: Default::default(),
    });
    let built = Instant::now();
    let sim = Arc::new(Sim::new(settings));
    println!(
        "data set: {COLLECTIONS} collections x {PARTITIONS} partitions, built in {:?}",
        built.elapsed()
    );
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(server::serve(listener, sim, None));

    let done = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut workers = Vec::new();
    for worker in 0..connections {
        let done = done.clone();
        workers.push(tokio::spawn(async move {
            let mut stream = TcpStream::connect(address).await.expect("connect");
            stream.set_nodelay(true).expect("nodelay");
            let mut buffer = vec![0u8; 4096];
            let mut i = worker;
            while Instant::now() < deadline {
                let body = format!("{{\"collectionName\":\"collection_{:05}\"}}", i % COLLECTIONS);
                let request = format!(
                    "POST /v2/vectordb/collections/get_load_state HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                    body.len()
                );
                stream.write_all(request.as_bytes()).await.expect("write");
                read_response(&mut stream, &mut buffer).await;
                done.fetch_add(1, Ordering::Relaxed);
                i += connections;
            }
        }));
    }
    for worker in workers {
        let _ = worker.await;
    }
    let total = done.load(Ordering::Relaxed);
    println!(
        "{total} get_load_state requests in {seconds} s over {connections} connections: {:.0} requests/s",
        total as f64 / seconds as f64
    );
}

/// Reads one response with a Content-Length body.
async fn read_response(stream: &mut TcpStream, buffer: &mut [u8]) {
    let mut filled = 0;
    loop {
        let n = stream.read(&mut buffer[filled..]).await.expect("read");
        assert!(n > 0, "connection closed");
        filled += n;
        let Some(end) = buffer[..filled].windows(4).position(|w| w == b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&buffer[..end]).to_ascii_lowercase();
        let length: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0);
        if filled >= end + 4 + length {
            return;
        }
    }
}
