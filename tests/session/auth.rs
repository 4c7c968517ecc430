//! The token: every request reads it when it is sent, and a refusal is told once.

use std::cell::RefCell;
use std::rc::Rc;

use milvus_load_console::api::{HttpReply, HttpRequest};
use milvus_load_console::state::Operation;

use crate::support::bodies::{LOADING, NOT_LOAD, OK};
use crate::support::reported::harness;
use crate::support::{coll, reply};

fn bearer(request: &HttpRequest) -> Option<String> {
    request
        .headers
        .iter()
        .find(|(name, _)| name == "Authorization")
        .map(|(_, value)| value.clone())
}

/// A rotated token reaches every request not yet sent (polls and the rest of a bulk
/// operation); a revoked one stops at once.
#[test]
fn a_rotated_or_revoked_token_applies_to_every_request_not_yet_sent() {
    let h = harness(1);
    h.show(&["a", "b", "c"]);
    for name in ["a", "b", "c"] {
        h.state_is(name, NOT_LOAD);
    }
    h.session.operate(vec![
        h.target("default", "a", &[], Operation::Load),
        h.target("default", "b", &[], Operation::Load),
        h.target("default", "c", &[], Operation::Load),
    ]);
    h.rt.settle();
    assert_eq!(h.sent("collections/load", &coll("c")), 0, "c is queued");
    for request in h.http.waiting() {
        assert_eq!(bearer(&request).as_deref(), Some("Bearer root:Milvus"));
    }

    h.token.set(Some("root:Rotated".into()));
    h.answer("collections/load", &coll("a"), OK);
    h.answer("collections/load", &coll("b"), OK);
    let next = h.http.waiting();
    assert_eq!(h.waiting("collections/load", &coll("c")), 1, "{next:#?}");
    for request in next.iter().filter(|r| r.body.contains(&coll("c"))) {
        assert_eq!(
            bearer(request).as_deref(),
            Some("Bearer root:Rotated"),
            "{request:#?}"
        );
    }

    h.token.set(None);
    h.rt.advance(1_000);
    for request in h.http.waiting() {
        assert!(h.http.answer(|r| r == &request, reply(OK)));
    }
    h.rt.advance(8_000);
    let after = h.http.waiting();
    assert!(
        !after.is_empty(),
        "the rest of the operation and its polls go on"
    );
    for request in &after {
        assert_eq!(bearer(request), None, "revoked: {request:#?}");
    }
}

/// A 401 mid-session is told once, not once per polling row, and the session it stops polls
/// nothing more.
#[test]
fn a_refused_token_is_told_once_and_polling_stops() {
    let h = harness(6);
    h.show(&["a", "b"]);
    h.state_is("a", LOADING);
    h.state_is("b", LOADING);
    let heard = Rc::new(RefCell::new(0));
    let (count, session) = (heard.clone(), h.session.clone());
    h.token.on_rejected(Some(Rc::new(move |_| {
        *count.borrow_mut() += 1;
        session.shutdown();
    })));
    h.rt.advance(1_000);
    let refused = || {
        Ok(HttpReply {
            status: 401,
            body: br#"{"code":1800,"message":"user hasn't authenticated"}"#.to_vec(),
        })
    };
    while h.waiting("get_load_state", "") > 0 {
        h.answer_with("get_load_state", "", refused());
    }
    assert_eq!(*heard.borrow(), 1);
    let sent = h.sent("get_load_state", "");
    h.rt.advance(60_000);
    assert_eq!(
        h.sent("get_load_state", ""),
        sent,
        "no poll after the refusal"
    );
}
