//! `milvus-sim`: command line for the simulator.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use clap::Parser;
use milvus_sim::compat::Compat;
use milvus_sim::datasets::Dataset;
use milvus_sim::faults::{FaultConfig, FaultKind, Latency};
use milvus_sim::model::LoadTiming;
use milvus_sim::server;
use milvus_sim::sim::{Settings, Sim};

/// A Milvus REST v2 simulator for demos, tests and benchmarks.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// Port to listen on (0 picks a free one; the chosen port is printed).
    #[arg(long, default_value_t = 19530)]
    port: u16,
    /// Address to bind; loopback unless you mean to expose it.
    #[arg(long, default_value = "127.0.0.1")]
    bind: String,
    /// Require `Authorization: Bearer user:password` (or HTTP Basic).
    #[arg(long, value_name = "USER:PASSWORD")]
    auth: Option<String>,
    /// A second user who may read but gets HTTP 403 on load/release/create/drop.
    #[arg(long, value_name = "USER:PASSWORD")]
    read_only_auth: Option<String>,
    /// Start with the demo data set (several databases, every kind of load state).
    #[arg(long, conflicts_with_all = ["collections", "hostile"])]
    demo: bool,
    /// Start with N seeded collections in `default` (for scale tests).
    #[arg(long)]
    collections: Option<usize>,
    /// Partitions per collection with --collections.
    #[arg(long, default_value_t = 1)]
    partitions: usize,
    /// Seed for --collections and for fault/latency draws.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Behave like a compromised proxy: names and messages carry markup and control characters.
    #[arg(long)]
    hostile: bool,
    /// Server version: 2.4.0, 2.4.13, 2.4.18, 2.5.0, 2.5.4, 2.6.0, 2.6.19 (or any 2.4–2.6
    /// release); a bare 2.4 / 2.5 / 2.6 is 2.4.13 / 2.5.4 / 2.6.19.
    #[arg(long, default_value = "2.6", value_parser = parse_compat)]
    compat: Compat,
    /// Delay before each reply: N or MIN..MAX milliseconds.
    #[arg(long, default_value = "0")]
    latency_ms: Latency,
    /// Milliseconds a load of 100,000 rows takes (loads scale with the collection's size).
    #[arg(long, default_value_t = 1_500)]
    load_ms_per_100k_rows: u64,
    /// Share of requests that fail (0.0 to 1.0).
    #[arg(long, default_value_t = 0.0)]
    fault_rate: f64,
    /// Fault kinds, comma separated: 500,502,503,408,ratelimit,reset,truncated,html,slow.
    #[arg(long, value_delimiter = ',')]
    faults: Vec<FaultKind>,
    /// How long a "slow" fault holds the body back, in milliseconds.
    #[arg(long, default_value_t = 3_000)]
    slow_ms: u64,
    /// Serve the control API under /__sim/ (unauthenticated, CORS *: tests only).
    #[arg(long)]
    control: bool,
    /// Drop a load that makes no progress for this many seconds, silently, as the query
    /// coordinator does after queryCoord.loadTimeoutSeconds.
    #[arg(long, value_name = "SECONDS")]
    load_timeout: Option<f64>,
    /// Serve HTTPS (HTTP/2 and HTTP/1.1 by ALPN, 250 streams per connection) with a
    /// self-signed certificate made at start, as Milvus 2.6.18+ with TLS or a TLS proxy does.
    #[arg(long)]
    tls: bool,
    /// Admit at most N load/release/create/drop requests per second; more answer code 1807.
    #[arg(long, value_name = "N")]
    ddl_rate: Option<u32>,
}

fn parse_compat(text: &str) -> Result<Compat, String> {
    Compat::parse(text)
        .ok_or_else(|| format!("unknown version {text:?}: use 2.4.0 to 2.6.x, e.g. 2.4.18 or 2.6"))
}

fn main() {
    let args = Args::parse();
    if !(0.0..=1.0).contains(&args.fault_rate) {
        eprintln!("milvus-sim: --fault-rate must be between 0 and 1");
        std::process::exit(2);
    }
    let load_timeout = match args.load_timeout {
        None => None,
        Some(s) if s.is_finite() && s > 0.0 => Some(Duration::from_secs_f64(s.min(86_400.0))),
        Some(_) => {
            eprintln!("milvus-sim: --load-timeout must be a positive number of seconds");
            std::process::exit(2);
        }
    };
    let dataset = if args.hostile {
        Dataset::Hostile
    } else if let Some(collections) = args.collections {
        Dataset::Scale {
            collections,
            partitions: args.partitions,
            seed: args.seed,
            states: Default::default(),
        }
    } else if args.demo {
        Dataset::Demo
    } else {
        Dataset::Empty
    };
    let settings = Settings {
        auth: args.auth,
        read_only_auth: args.read_only_auth,
        compat: args.compat,
        hostile: args.hostile,
        dataset,
        timing: LoadTiming {
            millis_per_100k_rows: args.load_ms_per_100k_rows,
        },
        faults: FaultConfig {
            rate: args.fault_rate,
            kinds: args.faults,
            slow_ms: args.slow_ms,
        },
        latency: args.latency_ms,
        seed: args.seed,
        control: args.control,
        load_timeout,
        ddl_rate: args.ddl_rate,
    };
    let address: SocketAddr = match format!("{}:{}", args.bind, args.port).parse() {
        Ok(address) => address,
        Err(e) => {
            eprintln!("milvus-sim: bad --bind/--port: {e}");
            std::process::exit(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("milvus-sim: cannot start the runtime: {e}");
            std::process::exit(1);
        }
    };
    let tls = if args.tls {
        match server::tls_acceptor() {
            Ok(acceptor) => Some(acceptor),
            Err(e) => {
                eprintln!("milvus-sim: {e}");
                std::process::exit(1);
            }
        }
    } else {
        None
    };
    let scheme = if tls.is_some() { "https" } else { "http" };
    runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(address).await {
            Ok(listener) => listener,
            Err(e) => {
                eprintln!("milvus-sim: cannot listen on {address}: {e}");
                std::process::exit(1);
            }
        };
        let local = listener.local_addr().unwrap_or(address);
        // Tests read this line to learn the port.
        println!("milvus-sim listening on {scheme}://{local}");
        let sim = Arc::new(Sim::new(settings));
        tokio::select! {
            _ = server::serve(listener, sim, tls) => {}
            _ = shutdown_signal() => {}
        }
    });
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
