//! Building HTTP replies: the Milvus envelope, CORS headers exactly as a real server sends them,
//! and the raw shapes (text 404, 307, 204) of its router.

use std::convert::Infallible;
use std::time::Duration;

use bytes::Bytes;
use futures_util::stream;
use http_body_util::{combinators::BoxBody, BodyExt, Full, StreamBody};
use hyper::body::Frame;
use hyper::header::{HeaderValue, CONTENT_TYPE, LOCATION};
use hyper::{Response, StatusCode};
use serde_json::{json, Value};

pub type Resp = Response<BoxBody<Bytes, Infallible>>;

/// The CORS headers a real Milvus adds to every response (hard-coded in its HTTP server).
pub const CORS_HEADERS: [(&str, &str); 4] = [
    ("access-control-allow-origin", "*"),
    ("access-control-allow-credentials", "true"),
    (
        "access-control-allow-methods",
        "GET, HEAD, POST, PUT, DELETE, OPTIONS, PATCH",
    ),
    (
        "access-control-allow-headers",
        "Content-Type, Content-Length, Accept-Encoding, X-CSRF-Token, Authorization, accept, origin, Cache-Control, X-Requested-With",
    ),
];

fn full(bytes: impl Into<Bytes>) -> BoxBody<Bytes, Infallible> {
    Full::new(bytes.into()).boxed()
}

fn build(status: StatusCode, content_type: Option<&str>, body: BoxBody<Bytes, Infallible>) -> Resp {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    if let Some(ct) = content_type {
        if let Ok(value) = HeaderValue::from_str(ct) {
            response.headers_mut().insert(CONTENT_TYPE, value);
        }
    }
    response
}

pub fn with_cors(mut response: Resp) -> Resp {
    for (name, value) in CORS_HEADERS {
        response
            .headers_mut()
            .insert(name, HeaderValue::from_static(value));
    }
    response
}

pub fn json_status(status: StatusCode, value: &Value) -> Resp {
    build(
        status,
        Some("application/json; charset=utf-8"),
        full(value.to_string()),
    )
}

pub fn text(status: StatusCode, content_type: &str, body: impl Into<Bytes>) -> Resp {
    build(status, Some(content_type), full(body))
}

pub fn not_found() -> Resp {
    text(StatusCode::NOT_FOUND, "text/plain", "404 page not found")
}

pub fn no_content() -> Resp {
    build(StatusCode::NO_CONTENT, None, full(Bytes::new()))
}

pub fn redirect(location: &str) -> Resp {
    let mut response = build(
        StatusCode::TEMPORARY_REDIRECT,
        Some("text/html; charset=utf-8"),
        full(format!(
            "<a href=\"{location}\">Temporary Redirect</a>.\n\n"
        )),
    );
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(LOCATION, value);
    }
    response
}

pub fn unauthenticated() -> Resp {
    json_status(
        StatusCode::UNAUTHORIZED,
        &json!({"code": 1800, "message": "user hasn't authenticated"}),
    )
}

pub fn permission_denied(privilege: &str, user: &str) -> Resp {
    json_status(
        StatusCode::FORBIDDEN,
        &json!({"code": 65535, "message": format!(
            "rpc error: code = PermissionDenied desc = {privilege}: permission deny to {user}"
        )}),
    )
}

/// A request body over the limit: refused unread, and the connection is not reused.
pub fn too_large() -> Resp {
    let mut response = json_status(
        StatusCode::PAYLOAD_TOO_LARGE,
        &json!({"code": 1801, "message": "can only accept json format request, error: http: request body too large"}),
    );
    response
        .headers_mut()
        .insert(hyper::header::CONNECTION, HeaderValue::from_static("close"));
    response
}

/// The REST rate limiter (also Zilliz Cloud's DDL limit): HTTP 200, code 1807.
pub fn rate_limited(rate: u32) -> Resp {
    json_status(
        StatusCode::OK,
        &json!({"code": 1807, "message": format!(
            "request is rejected by limiter, error: rate limit exceeded[rate={rate}]"
        )}),
    )
}

/// A body sent in two halves with a pause between them.
pub fn slow(status: StatusCode, content_type: &str, body: String, pause: Duration) -> Resp {
    let bytes = Bytes::from(body);
    let middle = bytes.len() / 2;
    let halves = vec![bytes.slice(..middle), bytes.slice(middle..)];
    let frames = stream::unfold((0usize, halves), move |(i, halves)| async move {
        let chunk = halves.get(i)?.clone();
        if i > 0 {
            tokio::time::sleep(pause).await;
        }
        Some((Ok::<_, Infallible>(Frame::data(chunk)), (i + 1, halves)))
    });
    build(status, Some(content_type), StreamBody::new(frames).boxed())
}
