//! The options a host passes to `mount` and `update`, as one typed struct. Every key is
//! optional; a key left out (or `undefined`) changes nothing. Decoding checks everything, so
//! applying cannot fail and a refused object changes nothing.
//!
//! Generic over the callback type: JS functions in the browser (`JsCallback`), anything
//! deserialisable in native tests.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer};

use super::loose::Loose;
use crate::api::normalize_endpoint;
use crate::options::{ConsoleOptions, Theme, MAX_STALL_MINUTES};

/// A key that may be absent (`None`: unchanged), `null` (`Some(None)`: cleared) or set.
pub type Patch<T> = Option<Option<T>>;

/// The host's options; field names are the JS keys in camelCase.
#[derive(serde::Deserialize)]
#[serde(
    deny_unknown_fields,
    rename_all = "camelCase",
    bound(deserialize = "F: Deserialize<'de>")
)]
pub struct MountOptions<F> {
    /// Normalised; `null` removes it (the connect form shows).
    #[serde(default, deserialize_with = "endpoint")]
    pub endpoint: Patch<String>,
    /// `null` or `""` means no token: a host that signs out revokes it with `{token: null}`.
    #[serde(default, deserialize_with = "token")]
    pub token: Patch<String>,
    /// `null` or `""`: the server's `default`.
    #[serde(default, deserialize_with = "database")]
    pub database: Patch<String>,
    #[serde(default, deserialize_with = "read_only")]
    pub read_only: Option<bool>,
    /// Seconds; `refreshIntervalSeconds` is the same key.
    #[serde(
        default,
        alias = "refreshIntervalSeconds",
        deserialize_with = "refresh_interval"
    )]
    pub refresh_interval: Option<u32>,
    #[serde(default, deserialize_with = "concurrency")]
    pub concurrency: Option<usize>,
    #[serde(default, deserialize_with = "theme")]
    pub theme: Option<Theme>,
    #[serde(default, deserialize_with = "stall_minutes")]
    pub stall_minutes: Option<u32>,
    #[serde(default, deserialize_with = "callback")]
    pub on_state_change: Patch<F>,
    #[serde(default, deserialize_with = "callback")]
    pub on_action: Patch<F>,
    #[serde(default, deserialize_with = "callback")]
    pub on_error: Patch<F>,
    #[serde(default, deserialize_with = "callback")]
    pub on_stall: Patch<F>,
}

/// The host's callbacks, as last set.
#[derive(Clone)]
pub struct Callbacks<F> {
    pub on_state_change: Option<F>,
    pub on_action: Option<F>,
    pub on_error: Option<F>,
    pub on_stall: Option<F>,
}

impl<F> Default for Callbacks<F> {
    fn default() -> Self {
        Callbacks {
            on_state_change: None,
            on_action: None,
            on_error: None,
            on_stall: None,
        }
    }
}

impl<F> Default for MountOptions<F> {
    fn default() -> Self {
        MountOptions {
            endpoint: None,
            token: None,
            database: None,
            read_only: None,
            refresh_interval: None,
            concurrency: None,
            theme: None,
            stall_minutes: None,
            on_state_change: None,
            on_action: None,
            on_error: None,
            on_stall: None,
        }
    }
}

impl<F> MountOptions<F> {
    /// Applies the keys that were given.
    pub fn apply(self, options: &mut ConsoleOptions, callbacks: &mut Callbacks<F>) {
        fn set<T>(slot: &mut T, value: Option<T>) {
            if let Some(value) = value {
                *slot = value;
            }
        }
        set(&mut options.endpoint, self.endpoint);
        set(&mut options.token, self.token);
        set(&mut options.database, self.database);
        set(&mut options.read_only, self.read_only);
        set(&mut options.refresh_interval, self.refresh_interval);
        set(&mut options.concurrency, self.concurrency);
        set(&mut options.theme, self.theme);
        set(&mut options.stall_minutes, self.stall_minutes);
        set(&mut callbacks.on_state_change, self.on_state_change);
        set(&mut callbacks.on_action, self.on_action);
        set(&mut callbacks.on_error, self.on_error);
        set(&mut callbacks.on_stall, self.on_stall);
    }
}

/// Never prints the token: `Some(<redacted>)` when one was given.
impl<F> fmt::Debug for MountOptions<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let token = match &self.token {
            None => "None",
            Some(None) => "Some(None)",
            Some(Some(_)) => "Some(<redacted>)",
        };
        let given = |c: &Patch<F>| c.as_ref().map(|c| c.as_ref().map(|_| "function"));
        f.debug_struct("MountOptions")
            .field("endpoint", &self.endpoint)
            .field("token", &format_args!("{token}"))
            .field("database", &self.database)
            .field("read_only", &self.read_only)
            .field("refresh_interval", &self.refresh_interval)
            .field("concurrency", &self.concurrency)
            .field("theme", &self.theme)
            .field("stall_minutes", &self.stall_minutes)
            .field("on_state_change", &given(&self.on_state_change))
            .field("on_action", &given(&self.on_action))
            .field("on_error", &given(&self.on_error))
            .field("on_stall", &given(&self.on_stall))
            .finish()
    }
}

fn refused<E: de::Error>(expected: &str, got: &str) -> E {
    E::custom(format!("must be {expected} (got {got})"))
}

/// A string, or `null`; `""` counts as `null`. The value is never echoed.
fn text_or_null<'de, D: Deserializer<'de>>(
    d: D,
    expected: &str,
) -> Result<Patch<String>, D::Error> {
    match Loose::deserialize(d)? {
        Loose::Null => Ok(Some(None)),
        Loose::Text(text) => Ok(Some(Some(text).filter(|t| !t.trim().is_empty()))),
        other => Err(refused(expected, other.kind())),
    }
}

fn endpoint<'de, D: Deserializer<'de>>(d: D) -> Result<Patch<String>, D::Error> {
    match Loose::deserialize(d)? {
        Loose::Null => Ok(Some(None)),
        // The error quotes the URL without its user-info.
        Loose::Text(url) => normalize_endpoint(&url)
            .map(|url| Some(Some(url)))
            .map_err(|e| de::Error::custom(e.kind())),
        other => Err(refused("a URL string, or null", other.kind())),
    }
}

fn token<'de, D: Deserializer<'de>>(d: D) -> Result<Patch<String>, D::Error> {
    text_or_null(d, "a string, or null for no token")
}

fn database<'de, D: Deserializer<'de>>(d: D) -> Result<Patch<String>, D::Error> {
    text_or_null(d, "a string, or null for the default database")
}

fn read_only<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    match Loose::deserialize(d)? {
        Loose::Bool(b) => Ok(Some(b)),
        other => Err(refused("true or false", &other.shown())),
    }
}

fn whole<'de, D: Deserializer<'de>>(d: D, low: u32, high: u32) -> Result<u32, D::Error> {
    match Loose::deserialize(d)? {
        Loose::Number(n) if n.fract() == 0.0 && n >= f64::from(low) && n <= f64::from(high) => {
            Ok(n as u32)
        }
        other => Err(refused(
            &format!("a whole number from {low} to {high}"),
            &other.shown(),
        )),
    }
}

fn refresh_interval<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    whole(d, 0, 86_400).map(Some)
}

fn concurrency<'de, D: Deserializer<'de>>(d: D) -> Result<Option<usize>, D::Error> {
    whole(d, 1, 64).map(|n| Some(n as usize))
}

fn stall_minutes<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    whole(d, 0, MAX_STALL_MINUTES).map(Some)
}

fn theme<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Theme>, D::Error> {
    match Loose::deserialize(d)? {
        Loose::Text(t) if Theme::parse(&t).is_some() => Ok(Theme::parse(&t)),
        other => Err(refused("\"light\", \"dark\" or \"auto\"", &other.shown())),
    }
}

/// A callback, or `null` to remove it.
fn callback<'de, D: Deserializer<'de>, F: Deserialize<'de>>(d: D) -> Result<Patch<F>, D::Error> {
    Option::<F>::deserialize(d).map(Some)
}
