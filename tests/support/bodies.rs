//! Server answers the session's tests give, as Milvus words them.

pub const LOADED: &str =
    r#"{"code":0,"data":{"loadState":"LoadStateLoaded","loadProgress":100},"message":""}"#;
pub const NOT_LOAD: &str = r#"{"code":0,"data":{"loadState":"LoadStateNotLoad"}}"#;
pub const LOADING: &str =
    r#"{"code":0,"data":{"loadState":"LoadStateLoading","loadProgress":37},"message":""}"#;
pub const OK: &str = r#"{"code":0,"data":{}}"#;
/// -1 with a message that explains nothing about the load.
pub const UNAVAILABLE: &str = r#"{"code":0,"data":{"loadState":"LoadStateLoading","loadProgress":-1},"message":"service unavailable: query coordinator not ready."}"#;
/// Code 100, which a collection that exists can answer too.
pub const NOT_FOUND_100: &str = r#"{"code":100,"message":"collection not found[collection=a]"}"#;
