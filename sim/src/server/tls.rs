//! `--tls`: HTTPS with a self-signed certificate made at start and ALPN `h2` then `http/1.1`,
//! as Milvus 2.6.18+ serves with `tlsMode` 1 or 2, and as a TLS reverse proxy or ingress does
//! in front of any version.

use std::sync::Arc;

use tokio_rustls::rustls::crypto::ring;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::TlsAcceptor;

/// Streams one HTTP/2 connection may carry at once: Go's `http2.Server` default, which
/// Milvus's proxy keeps.
pub const MAX_CONCURRENT_STREAMS: u32 = 250;

/// A TLS acceptor for `localhost` and `127.0.0.1` with a certificate made now (browsers must be
/// told to accept it: it is signed by no one they trust).
pub fn acceptor() -> Result<TlsAcceptor, String> {
    let names = vec!["localhost".to_string(), "127.0.0.1".to_string()];
    let certified = rcgen::generate_simple_self_signed(names)
        .map_err(|e| format!("cannot make a certificate: {e}"))?;
    let cert: CertificateDer<'static> = certified.cert.der().clone();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(certified.key_pair.serialize_der()));
    // `ring` builds with the C compiler alone; its lack of post-quantum key exchange does not
    // matter to a test server on loopback.
    #[allow(deprecated)]
    let provider = ring::default_provider();
    let mut config = ServerConfig::builder_with_provider(Arc::new(provider))
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("cannot configure TLS: {e}"))?
        .with_no_client_auth()
        .with_single_cert(vec![cert], key)
        .map_err(|e| format!("cannot use the certificate: {e}"))?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(TlsAcceptor::from(Arc::new(config)))
}
