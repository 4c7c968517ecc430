//! What every endpoint receives (`Ctx`) and what it answers (`Answer`).

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::compat::Compat;
use crate::model::{LoadTiming, World};
use crate::request::Refusal;

/// What an endpoint answers.
#[derive(Debug, PartialEq)]
pub enum Answer {
    /// Success: `data`, and a top-level `message` when the server sends one.
    Data(Value, Option<String>),
    Refused(Refusal),
    /// A reply without the envelope (`resource_groups/describe`).
    Bare(Value),
    /// No such route on this server generation (text 404).
    NoRoute,
}

impl From<Refusal> for Answer {
    fn from(r: Refusal) -> Self {
        Answer::Refused(r)
    }
}

/// An endpoint's result: `Err` is a refusal in the envelope.
pub type Reply = Result<Answer, Refusal>;

/// Success with `data` and no top-level `message`.
pub fn data(value: Value) -> Reply {
    Ok(Answer::Data(value, None))
}

/// Everything an endpoint may look at.
pub struct Ctx<'a> {
    pub world: &'a mut World,
    pub now: Instant,
    pub timing: LoadTiming,
    pub compat: Compat,
    /// Skip name validation, as a compromised proxy would.
    pub hostile: bool,
    /// Loads without progress for this long are dropped (`queryCoord.loadTimeoutSeconds`).
    pub load_timeout: Option<Duration>,
}
