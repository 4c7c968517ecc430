//! Reading a request body within limits: a declared or actual length above the limit is
//! refused unread; a stalled or broken body drops the connection.

use std::time::Duration;

use http_body_util::{BodyExt, LengthLimitError, Limited};
use hyper::body::Incoming;
use hyper::header::CONTENT_LENGTH;
use hyper::Request;

use super::outcome::{DropConnection, Outcome};
use crate::reply;

/// Request bodies above this are refused unread (a real request is a few hundred bytes).
const MAX_BODY_BYTES: usize = 1 << 20;
/// A client that has not sent its body by then is disconnected.
const BODY_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// Why a body was not read.
pub enum BodyProblem {
    TooLarge,
    /// Broken or stalled: the connection is dropped.
    Unreadable,
}

impl BodyProblem {
    pub fn reply(self) -> Outcome {
        match self {
            BodyProblem::TooLarge => Ok(reply::with_cors(reply::too_large())),
            BodyProblem::Unreadable => Err(DropConnection),
        }
    }
}

/// Reads at most `MAX_BODY_BYTES`, refusing a larger declared length without reading it.
pub async fn read_body(req: Request<Incoming>) -> Result<Vec<u8>, BodyProblem> {
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
