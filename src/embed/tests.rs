//! The options' checks, natively: the same struct and the same key-naming map access as in the
//! browser, fed `serde_json::Value`s instead of JS values.

use serde_json::{json, Value};

use super::{Callbacks, Loose, MountOptions, OptionValue, KEYS, MOUNT_OPTIONS_TS};
use crate::options::{ConsoleOptions, Theme};

/// Stands for a JS function: a string starting with "fn".
#[derive(Clone, Debug, PartialEq)]
pub struct Fake(String);

impl OptionValue for Value {
    type Callback = Fake;

    fn loose(self) -> Result<Loose, String> {
        Ok(match self {
            Value::Null => Loose::Null,
            Value::Bool(b) => Loose::Bool(b),
            Value::Number(n) => Loose::Number(n.as_f64().unwrap_or(f64::NAN)),
            Value::String(t) => Loose::Text(t),
            Value::Array(_) => Loose::List,
            Value::Object(_) => Loose::Object,
        })
    }

    fn callback(self) -> Result<Option<Fake>, String> {
        match self.loose()? {
            Loose::Null => Ok(None),
            Loose::Text(t) if t.starts_with("fn") => Ok(Some(Fake(t))),
            other => Err(format!("must be a function (got {})", other.kind())),
        }
    }
}

fn decode(value: Value) -> Result<MountOptions<Fake>, String> {
    let Value::Object(map) = value else {
        return Err("not an object".into());
    };
    let mut options = MountOptions::default();
    for (key, value) in map {
        options.read(&key, value)?;
    }
    Ok(options)
}

fn applied(value: Value) -> (ConsoleOptions, Callbacks<Fake>) {
    let mut options = ConsoleOptions::default();
    let mut callbacks = Callbacks::default();
    decode(value)
        .expect("valid options")
        .apply(&mut options, &mut callbacks);
    (options, callbacks)
}

#[test]
fn the_refresh_interval_is_also_read_under_its_earlier_key() {
    let (options, _) = applied(json!({ "refreshIntervalSeconds": 60 }));
    assert_eq!(options.refresh_interval, 60);
}

#[test]
fn every_key_is_read() {
    let (options, callbacks) = applied(json!({
        "endpoint": "http://milvus:19530/",
        "token": "root:Milvus",
        "database": "analytics",
        "readOnly": true,
        "refreshInterval": 30,
        "concurrency": 12,
        "theme": "dark",
        "stallMinutes": 15,
        "onStateChange": "fn state",
        "onAction": "fn action",
        "onError": "fn error",
        "onStall": "fn stall",
    }));
    assert_eq!(options.endpoint.as_deref(), Some("http://milvus:19530"));
    assert_eq!(options.token.as_deref(), Some("root:Milvus"));
    assert_eq!(options.database.as_deref(), Some("analytics"));
    assert!(options.read_only);
    assert_eq!(options.refresh_interval, 30);
    assert_eq!(options.concurrency, 12);
    assert_eq!(options.theme, Theme::Dark);
    assert_eq!(options.stall_minutes, 15);
    assert_eq!(callbacks.on_state_change, Some(Fake("fn state".into())));
    assert_eq!(callbacks.on_action, Some(Fake("fn action".into())));
    assert_eq!(callbacks.on_error, Some(Fake("fn error".into())));
    assert_eq!(callbacks.on_stall, Some(Fake("fn stall".into())));
}

#[test]
fn every_wrong_type_names_the_option_and_what_it_accepts() {
    let cases = [
        (
            "endpoint",
            json!(19530),
            "must be a URL string, or null (got a number)",
        ),
        (
            "endpoint",
            json!("milvus:19530"),
            ": Not a usable endpoint URL",
        ),
        (
            "token",
            json!(12345),
            "must be a string, or null for no token (got a number)",
        ),
        ("token", json!(["a"]), "(got an array)"),
        (
            "database",
            json!(true),
            "must be a string, or null for the default database (got a boolean)",
        ),
        (
            "readOnly",
            json!("yes"),
            "must be true or false (got \"yes\")",
        ),
        ("readOnly", json!(null), "must be true or false (got null)"),
        (
            "refreshInterval",
            json!(-1),
            "must be a whole number from 0 to 86400 (got -1)",
        ),
        ("refreshIntervalSeconds", json!(1.5), "(got 1.5)"),
        (
            "concurrency",
            json!(0),
            "must be a whole number from 1 to 64 (got 0)",
        ),
        ("concurrency", json!("6"), "(got \"6\")"),
        (
            "stallMinutes",
            json!(-1),
            "must be a whole number from 0 to 1440 (got -1)",
        ),
        ("stallMinutes", json!(null), "(got null)"),
        ("concurrency", json!({}), "(got an object or a function)"),
        (
            "theme",
            json!("pink"),
            "must be \"light\", \"dark\" or \"auto\" (got \"pink\")",
        ),
        ("theme", json!(null), "(got null)"),
        (
            "onStateChange",
            json!(1),
            "must be a function (got a number)",
        ),
        (
            "onAction",
            json!("text"),
            "must be a function (got a string)",
        ),
        (
            "onError",
            json!({}),
            "must be a function (got an object or a function)",
        ),
        ("onStall", json!(true), "must be a function (got a boolean)"),
    ];
    for (key, value, expected) in cases {
        let message = decode(json!({ key: value })).unwrap_err();
        assert!(message.starts_with(&format!("option `{key}`")), "{message}");
        assert!(message.contains(expected), "{key}: {message}");
    }
}

#[test]
fn a_secret_given_with_the_wrong_type_or_in_the_url_is_not_echoed() {
    let message = decode(json!({ "token": 271828 })).unwrap_err();
    assert!(!message.contains("271828"), "{message}");
    let message = decode(json!({ "endpoint": "http://user:secret@milvus:19530" })).unwrap_err();
    assert!(message.starts_with("option `endpoint`"), "{message}");
    assert!(
        !message.contains("secret") && !message.contains("user"),
        "{message}"
    );
    assert!(message.contains("<redacted>@milvus"), "{message}");
}

#[test]
fn unknown_keys_are_refused_with_the_known_ones() {
    let message = decode(json!({ "endpoint": "http://h:1", "colour": "red" })).unwrap_err();
    assert!(message.starts_with("unknown option `colour`"), "{message}");
    assert!(message.contains("onStateChange"), "{message}");
    // Keys are case-sensitive, as in JS.
    let message = decode(json!({ "readonly": true })).unwrap_err();
    assert!(
        message.starts_with("unknown option `readonly`"),
        "{message}"
    );
}

#[test]
fn null_clears_what_can_be_cleared_and_a_missing_key_changes_nothing() {
    let mut options = ConsoleOptions {
        endpoint: Some("http://h:1".into()),
        token: Some("root:Milvus".into()),
        database: Some("analytics".into()),
        read_only: true,
        ..ConsoleOptions::default()
    };
    let mut callbacks = Callbacks {
        on_action: Some(Fake("fn".into())),
        on_error: Some(Fake("fn".into())),
        ..Callbacks::default()
    };
    let before = options.clone();
    decode(json!({}))
        .expect("empty")
        .apply(&mut options, &mut callbacks);
    assert_eq!(options, before);
    assert!(callbacks.on_action.is_some());

    let patch = decode(json!({ "token": null, "onAction": null })).expect("nulls");
    assert_eq!(patch.token, Some(None));
    assert_eq!(
        patch.endpoint, None,
        "absent stays distinguishable from null"
    );
    patch.apply(&mut options, &mut callbacks);
    assert_eq!(options.token, None);
    assert_eq!(options.endpoint, before.endpoint);
    assert!(callbacks.on_action.is_none() && callbacks.on_error.is_some());

    let patch = decode(json!({ "endpoint": null, "database": "", "token": "  " })).expect("nulls");
    assert_eq!(
        (
            patch.endpoint.clone(),
            patch.database.clone(),
            patch.token.clone()
        ),
        (Some(None), Some(None), Some(None))
    );
    patch.apply(&mut options, &mut callbacks);
    assert_eq!((options.endpoint, options.database), (None, None));
}

#[test]
fn debug_never_prints_the_token() {
    let options = decode(json!({ "token": "root:Secret-2", "onAction": "fn" })).expect("valid");
    let text = format!("{options:?}");
    assert!(text.contains("token: Some(<redacted>)"), "{text}");
    assert!(!text.contains("Secret-2"), "{text}");
    let cleared = format!("{:?}", decode(json!({ "token": null })).expect("valid"));
    assert!(cleared.contains("token: Some(None)"), "{cleared}");
}

#[test]
fn the_typescript_declaration_lists_exactly_the_accepted_keys() {
    let body = MOUNT_OPTIONS_TS
        .split("export interface MountOptions {")
        .nth(1)
        .and_then(|rest| rest.split("\n}").next())
        .expect("the MountOptions interface");
    let declared: Vec<&str> = body
        .lines()
        .filter_map(|line| line.trim().split_once("?:").map(|(key, _)| key))
        .collect();
    assert_eq!(declared, KEYS);
    // Every listed key is read (a wrong value names it), none is unknown.
    for key in KEYS {
        let message = decode(json!({ *key: [] })).unwrap_err();
        assert!(message.starts_with(&format!("option `{key}`")), "{message}");
    }
}

#[test]
fn the_two_names_of_the_refresh_interval_are_one_option() {
    let message = decode(json!({ "refreshInterval": 5, "refreshIntervalSeconds": 6 })).unwrap_err();
    assert_eq!(message, "duplicate field `refreshInterval`");
}
