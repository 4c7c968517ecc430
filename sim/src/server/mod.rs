//! The HTTP front: the order in which a real Milvus router answers (trailing-slash redirect,
//! CORS and OPTIONS, auth, routes), then latency, faults and forced refusals around `api`.

mod answer;
mod auth;
mod body;
mod in_flight;
mod injected;
mod outcome;
mod tls;

use std::sync::Arc;
use std::time::Duration;

use hyper::body::Incoming;
use hyper::header::{HeaderValue, AUTHORIZATION};
use hyper::server::conn::{http1, http2};
use hyper::service::service_fn;
use hyper::{Method, Request};
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;

use crate::api;
use crate::control;
use crate::reply;
use crate::sim::Sim;
use answer::{answer, count_partition_reads};
use auth::{authenticate, Auth};
use body::read_body;
pub use in_flight::{InFlight, InFlightReport};
pub use outcome::{DropConnection, Outcome};
pub use tls::{acceptor as tls_acceptor, MAX_CONCURRENT_STREAMS};

const PREFIX: &str = "/v2/vectordb/";

/// A client that has not sent its request head within this is disconnected.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Accepts connections until the process ends: plain HTTP/1.1, or with `tls` HTTPS that
/// offers HTTP/2 first.
pub async fn serve(listener: TcpListener, sim: Arc<Sim>, tls: Option<TlsAcceptor>) {
    loop {
        let (stream, _) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(e) => {
                eprintln!("milvus-sim: accept failed: {e}");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let sim = sim.clone();
        let tls = tls.clone();
        tokio::spawn(async move {
            match tls {
                None => serve_http1(stream, sim).await,
                Some(tls) => serve_tls(stream, tls, sim).await,
            }
        });
    }
}

async fn serve_tls(stream: TcpStream, tls: TlsAcceptor, sim: Arc<Sim>) {
    let Ok(Ok(stream)) = tokio::time::timeout(HEADER_READ_TIMEOUT, tls.accept(stream)).await else {
        return;
    };
    if stream.get_ref().1.alpn_protocol() == Some(b"h2") {
        serve_http2(stream, sim).await;
    } else {
        serve_http1(stream, sim).await;
    }
}

async fn serve_http1<S>(stream: S, sim: Arc<Sim>)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let service = service_fn(move |req| handle(sim.clone(), req));
    // Errors here are client disconnects or injected resets: nothing to report.
    let _ = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT)
        .keep_alive(true)
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

async fn serve_http2<S>(stream: S, sim: Arc<Sim>)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let service = service_fn(move |req| handle(sim.clone(), req));
    // An injected reset ends its stream; the connection's other streams go on.
    let _ = http2::Builder::new(TokioExecutor::new())
        .timer(TokioTimer::new())
        .max_concurrent_streams(MAX_CONCURRENT_STREAMS)
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

/// Routes a request, then adds what the server's middleware adds to every reply that carries
/// CORS headers: `X-Content-Type-Options` from 2.6, and the Basic challenge whenever Basic
/// credentials arrived (which makes a browser open its own login dialog).
async fn handle(sim: Arc<Sim>, req: Request<Incoming>) -> Outcome {
    let basic = req
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("Basic "));
    let compat = sim.settings.compat;
    let mut response = route(sim, req).await?;
    let headers = response.headers_mut();
    if headers.contains_key("access-control-allow-origin") {
        if compat.sends_nosniff() {
            headers.insert(
                "x-content-type-options",
                HeaderValue::from_static("nosniff"),
            );
        }
        if basic {
            headers.insert(
                "www-authenticate",
                HeaderValue::from_static("Basic realm=\"restricted\", charset=\"UTF-8\""),
            );
        }
    }
    Ok(response)
}

async fn route(sim: Arc<Sim>, req: Request<Incoming>) -> Outcome {
    let path = req.uri().path().to_string();
    // Without --control the path is unknown, as on a real server: any web page could drive
    // an unauthenticated control API with CORS `*`.
    let control_path = path
        .strip_prefix("/__sim/")
        .filter(|_| sim.settings.control);
    if let Some(rest) = control_path {
        if req.method() == Method::OPTIONS {
            return Ok(reply::with_cors(reply::no_content()));
        }
        let method = req.method().clone();
        let query = req.uri().query().unwrap_or("").to_string();
        let body = match read_body(req).await {
            Ok(body) => body,
            Err(problem) => return problem.reply(),
        };
        return Ok(reply::with_cors(control::handle(
            &sim, &method, rest, &query, &body,
        )));
    }
    // The router redirects a trailing slash before any middleware runs: no CORS headers.
    if let Some(trimmed) = path.strip_suffix('/') {
        if trimmed
            .strip_prefix(PREFIX)
            .is_some_and(|e| api::find(e).is_some())
        {
            return Ok(reply::redirect(trimmed));
        }
    }
    let endpoint = path.strip_prefix(PREFIX).unwrap_or("").to_string();
    if req.method() == Method::OPTIONS {
        // Preflights in all and per endpoint (the browser caches each URL's answer apart).
        sim.count("OPTIONS");
        sim.count(&format!("OPTIONS {endpoint}"));
        return Ok(reply::with_cors(reply::no_content()));
    }
    let _answering = sim.in_flight.begin(req.version());
    sim.count(if endpoint.is_empty() {
        "(other)"
    } else {
        &endpoint
    });
    sim.count_authorization(
        req.headers()
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok()),
    );
    let auth = authenticate(&sim, &req);
    if auth == Auth::Refused {
        return Ok(reply::with_cors(reply::unauthenticated()));
    }
    if req.method() != Method::POST || api::find(&endpoint).is_none() {
        return Ok(reply::with_cors(reply::not_found()));
    }
    let bytes = match read_body(req).await {
        Ok(bytes) => bytes,
        Err(problem) => return problem.reply(),
    };
    count_partition_reads(&sim, &endpoint, &bytes);
    let response = answer(&sim, &endpoint, &bytes, auth).await?;
    Ok(reply::with_cors(response))
}
