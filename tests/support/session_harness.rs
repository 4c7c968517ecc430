//! One session under the manual runtime and held HTTP replies, as the session's tests drive it:
//! connected with a token, its databases listed, nothing shown yet. A test answers each held
//! request itself and then lets the session run (`settle`).

use std::rc::Rc;

use milvus_load_console::api::{
    Client, ClientOptions, HttpReply, HttpRequest, ReplayTransport, TokenCell, TransportError,
};
use milvus_load_console::session::{Session, Store};
use milvus_load_console::state::ConsoleState;

use super::ManualRuntime;

pub struct SessionHarness {
    pub rt: Rc<ManualRuntime>,
    pub http: ReplayTransport,
    pub store: Store,
    pub session: Session<ReplayTransport, ManualRuntime>,
    /// The console's token, read by every request when it is sent.
    pub token: TokenCell,
}

/// A 200 reply with `body`.
pub fn reply(body: &str) -> Result<HttpReply, TransportError> {
    Ok(HttpReply {
        status: 200,
        body: body.as_bytes().to_vec(),
    })
}

/// A request to `path` whose body contains `needle`.
pub fn is(path: &'static str, needle: String) -> impl Fn(&HttpRequest) -> bool {
    move |r| r.url.ends_with(path) && r.body.contains(&needle)
}

/// What a request body about collection `name` contains.
pub fn coll(name: &str) -> String {
    format!(r#""collectionName":"{name}""#)
}

/// What a request body about database `name` contains.
pub fn db(name: &str) -> String {
    format!(r#""dbName":"{name}""#)
}

impl SessionHarness {
    /// A session reading `concurrency` at once, connected to a server whose databases are
    /// `databases`; `prepare` sees the store before the session does (to set a reporter).
    pub fn connect(concurrency: usize, databases: &[&str], prepare: impl FnOnce(&Store)) -> Self {
        let rt = ManualRuntime::new();
        let http = ReplayTransport::held();
        let store = Store::new(ConsoleState::new("default"), rt.clone());
        prepare(&store);
        let token = TokenCell::new(Some("root:Milvus".into()));
        let client = Client::new(ClientOptions::new("http://milvus:19530"), http.clone())
            .expect("a valid endpoint")
            .sharing_token(token.clone());
        let session = Session::connect(client, rt.clone(), store.clone(), concurrency);
        rt.settle();
        let h = SessionHarness {
            rt,
            http,
            store,
            session,
            token,
        };
        let listed = serde_json::to_string(databases).expect("names serialise");
        h.answer(
            "databases/list",
            "",
            &format!(r#"{{"code":0,"data":{listed}}}"#),
        );
        h
    }

    pub fn state(&self) -> Rc<ConsoleState> {
        self.store.state()
    }

    /// Answers the oldest held request to `path` whose body contains `needle`.
    pub fn answer(&self, path: &'static str, needle: &str, body: &str) {
        self.answer_with(path, needle, reply(body));
    }

    pub fn answer_with(
        &self,
        path: &'static str,
        needle: &str,
        result: Result<HttpReply, TransportError>,
    ) {
        assert!(
            self.http.answer(is(path, needle.to_string()), result),
            "no held request to {path} with {needle}; waiting: {:#?}",
            self.http.waiting()
        );
        self.rt.settle();
    }

    /// Answers every held request to `path` with `body`.
    pub fn answer_all(&self, path: &'static str, body: &str) {
        while self.waiting(path, "") > 0 {
            self.answer(path, "", body);
        }
    }

    /// Held requests to `path` whose body contains `needle`.
    pub fn waiting(&self, path: &'static str, needle: &str) -> usize {
        let matches = is(path, needle.to_string());
        self.http.waiting().iter().filter(|r| matches(r)).count()
    }

    /// Requests sent so far to `path` whose body contains `needle`.
    pub fn sent(&self, path: &'static str, needle: &str) -> usize {
        let matches = is(path, needle.to_string());
        self.http.sent().iter().filter(|r| matches(r)).count()
    }

    /// Confirms the confirmation on screen, as the view's intents do.
    pub fn confirm(&self) {
        let confirmed = self.state().confirmed(self.session.connection());
        for action in confirmed.actions {
            self.store.intent(action);
        }
        self.session.operate(confirmed.operations);
    }

    /// Shows the view and answers the list with `names`; their states stay held.
    pub fn show(&self, names: &[&str]) {
        self.session.show();
        self.rt.settle();
        let list = serde_json::to_string(names).expect("names serialise");
        self.answer(
            "collections/list",
            "",
            &format!(r#"{{"code":0,"data":{list}}}"#),
        );
    }
}
