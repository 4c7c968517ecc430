//! What the server can send, mutated: names (unicode, empty, very long, hostile, near
//! duplicates), texts, load states decoded from mutated `get_load_state` replies, and errors of
//! every kind.

use std::rc::Rc;

use milvus_load_console::api::{
    collection_state, load_extent, partition_state, ApiError, ApiErrorKind, LoadExtent, LoadState,
    LoadStateReply,
};
use serde_json::{json, Value};

/// Collection names: plain, differing only in case, unicode, empty, very long, hostile.
pub fn collection(i: u8) -> Rc<str> {
    const NAMES: [&str; 14] = [
        "a",
        "b",
        "books",
        "films",
        "A",
        "",
        "données",
        "名前🚀",
        "\u{202e}evil\u{200b}",
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "a&amp;b",
        " spaced ",
        "collection_09999",
    ];
    match NAMES.get(usize::from(i) % (NAMES.len() + 1)) {
        Some(name) => Rc::from(*name),
        None => Rc::from(format!("{}<b>", "x".repeat(300)).as_str()),
    }
}

/// Partition names, with the same kinds of oddities.
pub fn partition(i: u8) -> Rc<str> {
    const NAMES: [&str; 10] = [
        "_default",
        "p1",
        "p2",
        "part_4095",
        "",
        "<script>p()</script>",
        "über",
        "P1",
        "a-b",
        "&lt;",
    ];
    match NAMES.get(usize::from(i) % (NAMES.len() + 1)) {
        Some(name) => Rc::from(*name),
        None => Rc::from("p".repeat(256).as_str()),
    }
}

pub const DATABASES: [&str; 3] = ["default", "analytics", "<i>db</i>"];

/// Texts a server or a proxy may put in a message or a state.
pub fn odd_text(i: u16) -> String {
    const TEXTS: [&str; 11] = [
        "",
        " ",
        "LoadStateSomethingNew",
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "a & b < c",
        "\u{0}\u{7}\u{1b}[31m",
        "\u{202e}rtl",
        "名前と🚀",
        "line\nbreak",
        "permission denied: PrivilegeGetLoadingProgress",
    ];
    match TEXTS.get(usize::from(i) % (TEXTS.len() + 1)) {
        Some(text) => (*text).to_string(),
        None => format!("{}<b>end</b>", "long ".repeat(1_000)),
    }
}

/// `loadState` values: the four the server sends, odd texts, and a non-string.
fn load_state_value(i: u16) -> Value {
    match i % 7 {
        0 => json!("LoadStateLoaded"),
        1 => json!("LoadStateLoading"),
        2 => json!("LoadStateNotLoad"),
        3 => json!("LoadStateNotExist"),
        4 => json!(odd_text(i / 7)),
        5 => json!(format!("LoadState{}", odd_text(i / 7))),
        _ => json!(3),
    }
}

/// `loadProgress` values: the extremes, the -1 of the contract, and what proxies send.
fn progress_value(i: u16) -> Option<Value> {
    Some(match i % 15 {
        0 => json!(-1),
        1 => json!(0),
        2 => json!(1),
        3 => json!(37),
        4 => json!(99),
        5 => json!(100),
        6 => json!(101),
        7 => json!(i64::MAX),
        8 => json!(i64::MIN),
        9 => json!(99.9),
        10 => json!("50"),
        11 => json!("abc"),
        12 => json!(1e300),
        13 => json!(-2),
        _ => return None,
    })
}

/// Top-level messages, including the texts the contract's section 5 reads.
fn message(i: u16) -> String {
    match i % 8 {
        0 => String::new(),
        1 => "partition not loaded[partition=449364538561349412].".into(),
        2 => "index build failed: partition not loaded[partition=1].".into(),
        3 => "partition not found[partition=p]".into(),
        4 => "  partition not found".into(),
        _ => odd_text(i / 8),
    }
}

/// A `get_load_state` reply built from `x`, mutated in its state, progress and message.
fn reply(x: u16) -> Option<LoadStateReply> {
    let mut data = serde_json::Map::new();
    data.insert("loadState".into(), load_state_value(x));
    if let Some(progress) = progress_value(x / 7) {
        data.insert("loadProgress".into(), progress);
    }
    let message = message(x / 105);
    LoadStateReply::from_parts(&Value::Object(data), Some(&message))
}

/// A collection's or partition's state as the client decodes it from a mutated reply; a reply
/// with no readable state is the error the client makes of it.
pub fn decoded_state(x: u16, of_partition: bool) -> Result<LoadState, ApiError> {
    match reply(x) {
        Some(r) if of_partition => Ok(partition_state(&r)),
        Some(r) => Ok(collection_state(&r)),
        None => Err(ApiErrorKind::Undecodable {
            detail: "no loadState".into(),
            first_bytes: "{\"code\":0,\"data\":{\"loadState\":3}}".into(),
        }
        .into()),
    }
}

/// The extent of a collection decoded from a mutated reply listing all its partitions.
pub fn decoded_extent(x: u16) -> LoadExtent {
    reply(x).map_or(LoadExtent::Unknown("unreadable".into()), |r| {
        load_extent(&r)
    })
}

/// Error codes of the contract's section 7.
const CODES: [i64; 19] = [
    1, 2, 5, 8, 100, 101, 104, 200, 201, 304, 700, 800, 1100, 1800, 1801, 1802, 1807, 10001, 65535,
];

/// Every kind of error, with odd texts.
pub fn error(x: u16) -> ApiError {
    let text = odd_text(x / 11);
    let kind = match x % 11 {
        0 => ApiErrorKind::Network {
            endpoint: "http://user:secret@milvus:19530".into(),
            detail: text,
        },
        1 => ApiErrorKind::Timeout {
            after_ms: u32::from(x),
        },
        2 => ApiErrorKind::NotAuthenticated { message: text },
        3 => ApiErrorKind::PermissionDenied { reason: text },
        4 => ApiErrorKind::NotFound { path: text },
        5 => ApiErrorKind::ServerTimeout { message: text },
        6 => ApiErrorKind::Http {
            status: [0, 404, 500, 502, 503][usize::from(x / 11) % 5],
            snippet: text,
        },
        7 => ApiErrorKind::Milvus {
            code: CODES[usize::from(x / 11) % CODES.len()],
            message: if x % 3 == 0 {
                "disable load partitions if partition key mode is used".into()
            } else {
                text
            },
        },
        8 => ApiErrorKind::Undecodable {
            detail: "expected value".into(),
            first_bytes: text,
        },
        9 => ApiErrorKind::InvalidEndpoint(text),
        _ => ApiErrorKind::Cancelled,
    };
    kind.into()
}

/// The server's refusal of a partition operation in a partition-key collection (2.6.19+).
pub fn partition_key_refusal() -> ApiError {
    ApiErrorKind::Milvus {
        code: 1100,
        message: "disable release partitions if partition key mode is used: invalid parameter"
            .into(),
    }
    .into()
}

/// The name of an error's kind, for the counts.
pub fn kind_name(e: &ApiError) -> &'static str {
    match e.kind() {
        ApiErrorKind::Network { .. } => "row error: Network",
        ApiErrorKind::Timeout { .. } => "row error: Timeout",
        ApiErrorKind::NotAuthenticated { .. } => "row error: NotAuthenticated",
        ApiErrorKind::PermissionDenied { .. } => "row error: PermissionDenied",
        ApiErrorKind::NotFound { .. } => "row error: NotFound",
        ApiErrorKind::ServerTimeout { .. } => "row error: ServerTimeout",
        ApiErrorKind::Http { .. } => "row error: Http",
        ApiErrorKind::Milvus { .. } => "row error: Milvus",
        ApiErrorKind::Undecodable { .. } => "row error: Undecodable",
        ApiErrorKind::InvalidEndpoint(_) => "row error: InvalidEndpoint",
        ApiErrorKind::InvalidToken => "row error: InvalidToken",
        ApiErrorKind::Cancelled => "row error: Cancelled",
        ApiErrorKind::NotSent { .. } => "row error: NotSent",
    }
}
