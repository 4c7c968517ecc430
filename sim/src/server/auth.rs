//! Who is asking: the full-privilege user, the read-only one, or nobody the server knows.

use base64::Engine;
use hyper::body::Incoming;
use hyper::header::AUTHORIZATION;
use hyper::Request;

use crate::sim::Sim;

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Auth {
    /// Auth is off, or the full-privilege user.
    Full,
    ReadOnly,
    Refused,
}

pub fn authenticate(sim: &Sim, req: &Request<Incoming>) -> Auth {
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
