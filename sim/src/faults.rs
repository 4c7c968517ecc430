//! Fault injection: what a flaky network, an overloaded server or a broken proxy does to a
//! reply. Chosen per request at a configured rate.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// One kind of failure a client must survive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FaultKind {
    /// HTTP 500 `{"code":500}`: a panic in a handler.
    #[serde(rename = "500")]
    Http500,
    /// HTTP 502 with a proxy's HTML page.
    #[serde(rename = "502")]
    Http502,
    /// HTTP 503 with a proxy's plain-text body.
    #[serde(rename = "503")]
    Http503,
    /// HTTP 408 `{"code":10001,"message":"request timeout"}`.
    #[serde(rename = "408")]
    Timeout408,
    /// HTTP 200 with code 1807: the REST rate limiter.
    #[serde(rename = "ratelimit")]
    RateLimit,
    /// The connection is closed without a reply (the request is not processed).
    #[serde(rename = "reset")]
    Reset,
    /// The real reply, processed, cut in the middle of its JSON.
    #[serde(rename = "truncated")]
    Truncated,
    /// HTTP 200 with an HTML body instead of JSON.
    #[serde(rename = "html")]
    NotJson,
    /// The real reply, with its body held back for `slowMs`.
    #[serde(rename = "slow")]
    Slow,
    /// The request is applied, then the connection is closed without a reply: a write whose
    /// outcome the client cannot know.
    #[serde(rename = "applied-reset")]
    AppliedReset,
    /// The request is applied, then nothing is sent for `slowMs` (set it past the client's
    /// timeout): the client aborts a write that was done.
    #[serde(rename = "applied-slow")]
    AppliedSlow,
    /// `get_load_state` answers code 100 `collection not found[collection=x]` for a
    /// collection that exists (a transient meta lookup failure); other endpoints are untouched.
    #[serde(rename = "transient100")]
    Transient100,
}

impl FaultKind {
    /// The kinds drawn when none are named (the newer, outcome-hiding kinds must be named).
    pub const ALL: [FaultKind; 9] = [
        FaultKind::Http500,
        FaultKind::Http502,
        FaultKind::Http503,
        FaultKind::Timeout408,
        FaultKind::RateLimit,
        FaultKind::Reset,
        FaultKind::Truncated,
        FaultKind::NotJson,
        FaultKind::Slow,
    ];
}

impl FromStr for FaultKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        serde_json::from_value(serde_json::Value::String(s.to_string())).map_err(|_| {
            format!("unknown fault kind {s:?}; known: 500 502 503 408 ratelimit reset truncated html slow applied-reset applied-slow transient100")
        })
    }
}

/// The fault settings; changeable at run time through the control API.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FaultConfig {
    /// Share of requests that fail, 0.0 to 1.0.
    pub rate: f64,
    /// Kinds to choose from (uniformly); empty means all.
    #[serde(default)]
    pub kinds: Vec<FaultKind>,
    /// How long a slow body is held back.
    #[serde(default = "default_slow_ms")]
    pub slow_ms: u64,
}

fn default_slow_ms() -> u64 {
    3_000
}

impl Default for FaultConfig {
    fn default() -> Self {
        FaultConfig {
            rate: 0.0,
            kinds: Vec::new(),
            slow_ms: default_slow_ms(),
        }
    }
}

impl FaultConfig {
    /// Draws the fault for one request, if any.
    pub fn pick(&self, rng: &mut fastrand::Rng) -> Option<FaultKind> {
        if self.rate <= 0.0 || rng.f64() >= self.rate {
            return None;
        }
        let kinds: &[FaultKind] = if self.kinds.is_empty() {
            &FaultKind::ALL
        } else {
            &self.kinds
        };
        kinds.get(rng.usize(..kinds.len())).copied()
    }
}

/// A fault forced on matching requests through the control API, `times` times (always when
/// absent).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ForcedFault {
    pub endpoint: String,
    #[serde(default)]
    pub collection_name: Option<String>,
    pub kind: FaultKind,
    #[serde(default)]
    pub times: Option<u32>,
}

/// A fixed or uniformly distributed delay before each reply.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Latency {
    pub min_ms: u64,
    pub max_ms: u64,
}

impl FromStr for Latency {
    type Err = String;
    /// `5` (fixed) or `2..20` (uniform).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parse = |t: &str| {
            t.trim()
                .parse::<u64>()
                .map_err(|_| format!("latency {s:?}: expected N or MIN..MAX milliseconds"))
        };
        match s.split_once("..") {
            Some((a, b)) => {
                let (min_ms, max_ms) = (parse(a)?, parse(b)?);
                if min_ms > max_ms {
                    return Err(format!("latency {s:?}: MIN is above MAX"));
                }
                Ok(Latency { min_ms, max_ms })
            }
            None => {
                let ms = parse(s)?;
                Ok(Latency {
                    min_ms: ms,
                    max_ms: ms,
                })
            }
        }
    }
}

impl Latency {
    pub fn draw(&self, rng: &mut fastrand::Rng) -> u64 {
        if self.max_ms <= self.min_ms {
            self.min_ms
        } else {
            rng.u64(self.min_ms..=self.max_ms)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_is_respected_roughly() {
        let config = FaultConfig {
            rate: 0.2,
            kinds: vec![FaultKind::Reset],
            slow_ms: 1,
        };
        let mut rng = fastrand::Rng::with_seed(1);
        let hits = (0..10_000)
            .filter(|_| config.pick(&mut rng).is_some())
            .count();
        assert!((1_700..2_300).contains(&hits), "{hits}");
    }

    #[test]
    fn kinds_and_latency_parse() {
        assert_eq!("ratelimit".parse::<FaultKind>(), Ok(FaultKind::RateLimit));
        assert_eq!(
            "applied-reset".parse::<FaultKind>(),
            Ok(FaultKind::AppliedReset)
        );
        assert!("nope".parse::<FaultKind>().is_err());
        assert_eq!(
            "2..20".parse::<Latency>(),
            Ok(Latency {
                min_ms: 2,
                max_ms: 20
            })
        );
        assert!("20..2".parse::<Latency>().is_err());
    }
}
