//! The server version the estimate depends on (AUTOINDEX's real type, where raw vectors live).

/// A Milvus version, `major.minor.patch`; ordered, so `v >= ServerVersion::new(2, 6, 10)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ServerVersion {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
}

impl ServerVersion {
    /// The version `major.minor.patch`.
    pub const fn new(major: u32, minor: u32, patch: u32) -> Self {
        ServerVersion {
            major,
            minor,
            patch,
        }
    }

    /// `2.6.10`, `v2.5.4`, `2.4.24-rc1`, `v2.6.3+gabc`: what precedes a `-` or `+` counts;
    /// a missing patch reads as 0. `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let text = text.strip_prefix(['v', 'V']).unwrap_or(text);
        let core = text.split(['-', '+']).next()?;
        let mut parts = core.split('.').map(|p| p.parse::<u32>().ok());
        let major = parts.next()??;
        let minor = parts.next()??;
        let patch = match parts.next() {
            None => 0,
            Some(patch) => patch?,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(ServerVersion::new(major, minor, patch))
    }

    /// The `major.minor` line, e.g. (2, 5).
    pub fn line(&self) -> (u32, u32) {
        (self.major, self.minor)
    }
}
