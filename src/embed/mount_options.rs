//! The options a host passes to `mount` and `update`, as one typed struct. Every key is
//! optional; a key left out (or `undefined`) changes nothing. Decoding checks everything, so
//! applying cannot fail and a refused object changes nothing.
//!
//! Generic over the value and callback types: JS values and functions in the browser
//! (`JsValue`, `JsCallback`), JSON values in native tests.

use std::fmt;

use super::loose::Loose;
use crate::api::normalize_endpoint;
use crate::options::{ConsoleOptions, Theme, MAX_STALL_MINUTES};
use crate::substring::Joined;

/// A key that may be absent (`None`: unchanged), `null` (`Some(None)`: cleared) or set.
pub type Patch<T> = Option<Option<T>>;

/// The keys accepted, in the order of the `.d.ts`; an unknown key's error lists them.
/// `refreshIntervalSeconds` is the earlier name of `refreshInterval`.
pub const KEYS: &[&str] = &[
    "endpoint",
    "token",
    "database",
    "readOnly",
    "refreshInterval",
    "refreshIntervalSeconds",
    "concurrency",
    "theme",
    "stallMinutes",
    "onStateChange",
    "onAction",
    "onError",
    "onStall",
];

/// One option's value as the host gave it.
pub trait OptionValue {
    type Callback;
    /// The value, loosely typed; `Err` is the message for a value that cannot be read at all.
    fn loose(self) -> Result<Loose, String>;
    /// A callback, or `None` for `null`; `Err` is "must be a function (got …)".
    fn callback(self) -> Result<Option<Self::Callback>, String>;
}

/// The host's options, one field per key.
pub struct MountOptions<F> {
    /// Normalised; `null` removes it (the connect form shows).
    pub endpoint: Patch<String>,
    /// `null` or `""` means no token: a host that signs out revokes it with `{token: null}`.
    pub token: Patch<String>,
    /// `null` or `""`: the server's `default`.
    pub database: Patch<String>,
    pub read_only: Option<bool>,
    /// Seconds; `refreshIntervalSeconds` is the same key.
    pub refresh_interval: Option<u32>,
    pub concurrency: Option<usize>,
    pub theme: Option<Theme>,
    pub stall_minutes: Option<u32>,
    pub on_state_change: Patch<F>,
    pub on_action: Patch<F>,
    pub on_error: Patch<F>,
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

impl<F> MountOptions<F> {
    /// Reads one key, the keys in the object's order: the first unknown key or refused value
    /// is the error, and a value's error names its key as the host wrote it.
    pub fn read<V: OptionValue<Callback = F>>(
        &mut self,
        key: &str,
        value: V,
    ) -> Result<(), String> {
        let read = match key {
            "endpoint" => value
                .loose()
                .and_then(endpoint)
                .map(|v| self.endpoint = Some(v)),
            "token" => value
                .loose()
                .and_then(|v| text_or_null(v, "a string, or null for no token"))
                .map(|v| self.token = Some(v)),
            "database" => value
                .loose()
                .and_then(|v| text_or_null(v, "a string, or null for the default database"))
                .map(|v| self.database = Some(v)),
            "readOnly" => value
                .loose()
                .and_then(read_only)
                .map(|v| self.read_only = Some(v)),
            "refreshInterval" | "refreshIntervalSeconds" => {
                // An object's keys are unique: only the two names of this one can repeat it.
                if self.refresh_interval.is_some() {
                    return Err("duplicate field `refreshInterval`".into());
                }
                value
                    .loose()
                    .and_then(|v| whole(v, 0, 86_400))
                    .map(|v| self.refresh_interval = Some(v))
            }
            "concurrency" => value
                .loose()
                .and_then(|v| whole(v, 1, 64))
                .map(|v| self.concurrency = Some(v as usize)),
            "theme" => value.loose().and_then(theme).map(|v| self.theme = Some(v)),
            "stallMinutes" => value
                .loose()
                .and_then(|v| whole(v, 0, MAX_STALL_MINUTES))
                .map(|v| self.stall_minutes = Some(v)),
            "onStateChange" => value.callback().map(|f| self.on_state_change = Some(f)),
            "onAction" => value.callback().map(|f| self.on_action = Some(f)),
            "onError" => value.callback().map(|f| self.on_error = Some(f)),
            "onStall" => value.callback().map(|f| self.on_stall = Some(f)),
            _ => {
                return Err(format!(
                    "unknown option `{key}` (known: {})",
                    KEYS.joined(", ")
                ))
            }
        };
        read.map_err(|message| {
            // `option `key` must be …` for the checks' own messages, `option `key`: …` otherwise.
            let joint = if message.starts_with("must ") {
                " "
            } else {
                ": "
            };
            format!("option `{key}`{joint}{message}")
        })
    }
}

fn refused(expected: &str, got: &str) -> String {
    format!("must be {expected} (got {got})")
}

/// A string, or `null`; `""` counts as `null`. The value is never echoed.
fn text_or_null(value: Loose, expected: &str) -> Result<Option<String>, String> {
    match value {
        Loose::Null => Ok(None),
        Loose::Text(text) => Ok(Some(text).filter(|t| !t.trim().is_empty())),
        other => Err(refused(expected, other.kind())),
    }
}

fn endpoint(value: Loose) -> Result<Option<String>, String> {
    match value {
        Loose::Null => Ok(None),
        // The error quotes the URL without its user-info.
        Loose::Text(url) => normalize_endpoint(&url)
            .map(Some)
            .map_err(|e| e.kind().to_string()),
        other => Err(refused("a URL string, or null", other.kind())),
    }
}

fn read_only(value: Loose) -> Result<bool, String> {
    match value {
        Loose::Bool(b) => Ok(b),
        other => Err(refused("true or false", &other.shown())),
    }
}

fn whole(value: Loose, low: u32, high: u32) -> Result<u32, String> {
    match value {
        Loose::Number(n) if n.fract() == 0.0 && n >= f64::from(low) && n <= f64::from(high) => {
            Ok(n as u32)
        }
        other => Err(refused(
            &format!("a whole number from {low} to {high}"),
            &other.shown(),
        )),
    }
}

fn theme(value: Loose) -> Result<Theme, String> {
    let parsed = match &value {
        Loose::Text(t) => Theme::parse(t),
        _ => None,
    };
    parsed.ok_or_else(|| refused("\"light\", \"dark\" or \"auto\"", &value.shown()))
}
