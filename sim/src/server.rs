//! The HTTP front: the order in which a real Milvus router answers (trailing-slash redirect,
//! CORS and OPTIONS, auth, routes), then latency, faults and forced refusals around `api`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use hyper::body::Incoming;
use hyper::header::{HeaderValue, AUTHORIZATION, CONTENT_LENGTH};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use serde_json::{json, Value};
use tokio::net::TcpListener;

use crate::api::{self, Answer, Compat, Ctx};
use crate::control;
use crate::faults::FaultKind;
use crate::reply::{self, Resp};
use crate::request::Body;
use crate::sim::{lock, take_matching, Sim};

const PREFIX: &str = "/v2/vectordb/";

/// Request bodies above this are refused unread (a real request is a few hundred bytes).
const MAX_BODY_BYTES: usize = 1 << 20;
/// A client that has not sent its request head (or body) by then is disconnected.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
const BODY_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// Every route of a real server's REST v2 API this simulator knows.
const ROUTES: [&str; 19] = [
    "databases/list",
    "databases/describe",
    "collections/list",
    "collections/has",
    "collections/describe",
    "collections/get_stats",
    "collections/get_load_state",
    "collections/load",
    "collections/release",
    "collections/refresh_load",
    "collections/create",
    "collections/drop",
    "partitions/list",
    "partitions/has",
    "partitions/get_stats",
    "partitions/create",
    "partitions/drop",
    "partitions/load",
    "partitions/release",
];

/// Endpoints that change state (DDL): a read-only user is refused them, with the privilege a
/// real server names; the DDL rate limit and the write counters apply to them.
fn privilege_of(endpoint: &str) -> Option<&'static str> {
    match endpoint {
        "collections/load" | "partitions/load" | "collections/refresh_load" => {
            Some("PrivilegeLoad")
        }
        "collections/release" | "partitions/release" => Some("PrivilegeRelease"),
        "collections/create" | "partitions/create" => Some("PrivilegeCreateCollection"),
        "collections/drop" | "partitions/drop" => Some("PrivilegeDropCollection"),
        _ => None,
    }
}

/// The connection is dropped without a reply (a "reset" fault).
#[derive(Debug)]
pub struct DropConnection;

impl std::fmt::Display for DropConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by fault injection")
    }
}

impl std::error::Error for DropConnection {}

/// Accepts connections until the process ends.
pub async fn serve(listener: TcpListener, sim: Arc<Sim>) {
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
        tokio::spawn(async move {
            let service = service_fn(move |req| handle(sim.clone(), req));
            // Errors here are client disconnects or injected resets: nothing to report.
            let _ = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT)
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// Routes a request, then adds what the server's middleware adds to every reply that carries
/// CORS headers: `X-Content-Type-Options` from 2.6, and the Basic challenge whenever Basic
/// credentials arrived (which makes a browser open its own login dialog).
async fn handle(sim: Arc<Sim>, req: Request<Incoming>) -> Result<Resp, DropConnection> {
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

async fn route(sim: Arc<Sim>, req: Request<Incoming>) -> Result<Resp, DropConnection> {
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
            .is_some_and(|e| ROUTES.contains(&e))
        {
            return Ok(reply::redirect(trimmed));
        }
    }
    if req.method() == Method::OPTIONS {
        sim.count("OPTIONS");
        return Ok(reply::with_cors(reply::no_content()));
    }
    let endpoint = path.strip_prefix(PREFIX).unwrap_or("").to_string();
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
    if req.method() != Method::POST || !ROUTES.contains(&endpoint.as_str()) {
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

/// State reads that name partitions (one per partition, or one telling full from partial),
/// counted apart from whole-collection reads so that their cost can be measured.
fn count_partition_reads(sim: &Sim, endpoint: &str, body: &[u8]) {
    if endpoint != "collections/get_load_state" {
        return;
    }
    let names_partitions = serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .is_some_and(|v| v.get("partitionNames").is_some_and(|p| !p.is_null()));
    if names_partitions {
        sim.count("collections/get_load_state partitionNames");
    }
}

/// Why a body was not read.
enum BodyProblem {
    TooLarge,
    /// Broken or stalled: the connection is dropped.
    Unreadable,
}

impl BodyProblem {
    fn reply(self) -> Result<Resp, DropConnection> {
        match self {
            BodyProblem::TooLarge => Ok(reply::with_cors(reply::too_large())),
            BodyProblem::Unreadable => Err(DropConnection),
        }
    }
}

/// Reads at most `MAX_BODY_BYTES`, refusing a larger declared length without reading it.
async fn read_body(req: Request<Incoming>) -> Result<Vec<u8>, BodyProblem> {
    let declared = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        return Err(BodyProblem::TooLarge);
    }
    let limited = Limited::new(req.into_body(), MAX_BODY_BYTES).collect();
    match tokio::time::timeout(BODY_READ_TIMEOUT, limited).await {
        Ok(Ok(collected)) => Ok(collected.to_bytes().to_vec()),
        Ok(Err(e)) if e.downcast_ref::<LengthLimitError>().is_some() => Err(BodyProblem::TooLarge),
        _ => Err(BodyProblem::Unreadable),
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Auth {
    /// Auth is off, or the full-privilege user.
    Full,
    ReadOnly,
    Refused,
}

fn authenticate(sim: &Sim, req: &Request<Incoming>) -> Auth {
    let settings = &sim.settings;
    if settings.auth.is_none() && settings.read_only_auth.is_none() {
        return Auth::Full;
    }
    let presented = req
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(credentials_of);
    match presented {
        Some(c) if Some(&c) == settings.auth.as_ref() => Auth::Full,
        Some(c) if Some(&c) == settings.read_only_auth.as_ref() => Auth::ReadOnly,
        _ => Auth::Refused,
    }
}

/// `Bearer user:password`, HTTP Basic, or a bare `user:password`, as `user:password`. The
/// `Bearer ` prefix is case-sensitive: `bearer x` reads as a bare (wrong) credential.
fn credentials_of(header: &str) -> Option<String> {
    if let Some(token) = header.strip_prefix("Bearer ") {
        return Some(token.to_string());
    }
    let Some(encoded) = header.strip_prefix("Basic ") else {
        return Some(header.to_string());
    };
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    String::from_utf8(decoded).ok()
}

async fn answer(
    sim: &Sim,
    endpoint: &str,
    bytes: &[u8],
    auth: Auth,
) -> Result<Resp, DropConnection> {
    let parsed = Body::parse(bytes).ok();
    let collection = parsed
        .as_ref()
        .and_then(|b| b.opt_str("collectionName").ok().flatten());
    let write = privilege_of(endpoint).is_some();
    if let (true, Some(name)) = (write, &collection) {
        let db = parsed.as_ref().and_then(|b| b.database().ok());
        sim.count_write(endpoint, db.as_deref().unwrap_or("default"), name);
    }
    let (delay, fault, slow_ms) = {
        let mut live = lock(&sim.live);
        let live = &mut *live;
        let delay = live.latency.draw(&mut live.rng);
        let forced = take_matching(&mut live.forced, endpoint, collection.as_deref());
        let fault = match forced {
            Some(forced) => Some(forced.kind),
            None => live.faults.pick(&mut live.rng),
        };
        (delay, fault, live.faults.slow_ms)
    };
    if delay > 0 {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    let compat = sim.settings.compat;
    if let Some(early) = fault.and_then(|f| early_fault(f, compat, endpoint, collection.as_deref()))
    {
        return early;
    }
    if let (Auth::ReadOnly, Some(privilege)) = (auth, privilege_of(endpoint)) {
        return Ok(reply::permission_denied(privilege, "reader"));
    }
    if write {
        if let Err(rate) = lock(&sim.live).admit_ddl(Instant::now()) {
            return Ok(reply::rate_limited(rate));
        }
    }
    let Some(body) = envelope(sim, endpoint, bytes) else {
        return Ok(reply::not_found());
    };
    let text = body.to_string();
    const JSON: &str = "application/json; charset=utf-8";
    let pause = Duration::from_millis(slow_ms);
    Ok(match fault {
        Some(FaultKind::Truncated) => {
            let cut = text.as_bytes().get(..text.len() / 2).unwrap_or_default();
            reply::text(StatusCode::OK, JSON, cut.to_vec())
        }
        Some(FaultKind::Slow) => reply::slow(StatusCode::OK, JSON, text, pause),
        Some(FaultKind::AppliedReset) => return Err(DropConnection),
        Some(FaultKind::AppliedSlow) => {
            tokio::time::sleep(pause).await;
            reply::json_status(StatusCode::OK, &body)
        }
        _ => reply::json_status(StatusCode::OK, &body),
    })
}

/// Faults that replace the reply before the request is processed.
fn early_fault(
    fault: FaultKind,
    compat: Compat,
    endpoint: &str,
    collection: Option<&str>,
) -> Option<Result<Resp, DropConnection>> {
    let response = match fault {
        FaultKind::Http500 => reply::json_status(StatusCode::INTERNAL_SERVER_ERROR, &json!({"code": 500})),
        FaultKind::Http502 => reply::text(
            StatusCode::BAD_GATEWAY,
            "text/html",
            "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>",
        ),
        FaultKind::Http503 => reply::text(
            StatusCode::SERVICE_UNAVAILABLE,
            "text/plain",
            "upstream connect error or disconnect/reset before headers. reset reason: connection failure",
        ),
        FaultKind::Timeout408 if compat.json_timeout() => reply::json_status(
            StatusCode::REQUEST_TIMEOUT,
            &json!({"code": 10001, "message": "request timeout"}),
        ),
        FaultKind::Timeout408 => reply::text(StatusCode::REQUEST_TIMEOUT, "text/plain", "timeout"),
        FaultKind::RateLimit => reply::rate_limited(1000),
        FaultKind::NotJson => reply::text(
            StatusCode::OK,
            "text/html",
            "<!DOCTYPE html><html><body><h1>Gateway maintenance</h1><p>Please try again.</p></body></html>",
        ),
        FaultKind::Transient100 => {
            let name = collection.filter(|_| endpoint == "collections/get_load_state")?;
            reply::json_status(
                StatusCode::OK,
                &json!({"code": 100, "message": format!("collection not found[collection={name}]")}),
            )
        }
        FaultKind::Reset => return Some(Err(DropConnection)),
        FaultKind::Truncated
        | FaultKind::Slow
        | FaultKind::AppliedReset
        | FaultKind::AppliedSlow => return None,
    };
    Some(Ok(response))
}

/// The JSON envelope of an endpoint's answer; `None` when the route does not exist on this
/// server generation.
fn envelope(sim: &Sim, endpoint: &str, bytes: &[u8]) -> Option<Value> {
    let compat = sim.settings.compat;
    let body = match Body::parse(bytes) {
        Ok(body) => body,
        Err(refusal) => return Some(json!({"code": refusal.code, "message": refusal.message})),
    };
    let collection = body.opt_str("collectionName").ok().flatten();
    let (rule, load_timeout) = {
        let mut live = lock(&sim.live);
        let rule = take_matching(&mut live.rules, endpoint, collection.as_deref());
        (rule, live.load_timeout)
    };
    if let Some(rule) = rule {
        return Some(json!({"code": rule.code, "message": rule.message}));
    }
    let mut world = lock(&sim.world);
    let mut ctx = Ctx {
        world: &mut world,
        now: Instant::now(),
        timing: sim.settings.timing,
        compat,
        hostile: sim.settings.hostile,
        load_timeout,
    };
    match api::handle(&mut ctx, endpoint, &body) {
        Answer::Data(data, message) => {
            let mut value = json!({"code": compat.success_code(), "data": data});
            if let Some(message) = message {
                value["message"] = Value::String(message);
            }
            Some(value)
        }
        Answer::Refused(r) => Some(json!({"code": r.code, "message": r.message})),
        Answer::NoRoute => None,
    }
}

#[cfg(test)]
mod tests {
    use super::credentials_of;

    #[test]
    fn bearer_and_basic_credentials() {
        assert_eq!(
            credentials_of("Bearer root:Milvus").as_deref(),
            Some("root:Milvus")
        );
        assert_eq!(
            credentials_of("Basic cm9vdDpNaWx2dXM=").as_deref(),
            Some("root:Milvus")
        );
        assert_eq!(
            credentials_of("root:Milvus").as_deref(),
            Some("root:Milvus")
        );
        assert_eq!(
            credentials_of("bearer root:Milvus").as_deref(),
            Some("bearer root:Milvus")
        );
    }
}
