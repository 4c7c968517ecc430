//! The view in the address's fragment (`#db=analytics&open=books&q=emb&state=loaded&sort=state`),
//! so that a reload or a shared link restores it. Never the token.

use crate::options::{pairs, percent_encode as encode};
use crate::state::{SortKey, StateFilter};

/// What a link restores.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewLink {
    pub database: Option<String>,
    pub open: Option<String>,
    pub filter: String,
    pub state_filter: StateFilter,
    pub sort: SortKey,
}

impl ViewLink {
    /// Reads a fragment (with or without the leading `#`); unknown keys are ignored.
    pub fn parse(fragment: &str) -> ViewLink {
        let mut link = ViewLink::default();
        for (key, value) in pairs(fragment.trim_start_matches('#')) {
            match key {
                "db" if !value.is_empty() => link.database = Some(value),
                "open" if !value.is_empty() => link.open = Some(value),
                "q" => link.filter = value,
                "state" => link.state_filter = StateFilter::from_key(&value).unwrap_or_default(),
                "sort" => link.sort = SortKey::from_key(&value).unwrap_or_default(),
                _ => {}
            }
        }
        link
    }

    /// The fragment for this view, without the `#`; defaults are left out.
    pub fn format(&self) -> String {
        let mut parts = Vec::new();
        if let Some(db) = &self.database {
            parts.push(format!("db={}", encode(db)));
        }
        if let Some(open) = &self.open {
            parts.push(format!("open={}", encode(open)));
        }
        if !self.filter.is_empty() {
            parts.push(format!("q={}", encode(&self.filter)));
        }
        if self.state_filter != StateFilter::All {
            parts.push(format!("state={}", self.state_filter.key()));
        }
        if self.sort != SortKey::Name {
            parts.push(format!("sort={}", self.sort.key()));
        }
        parts.join("&")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_round_trips_any_name() {
        let link = ViewLink {
            database: Some("analytics".into()),
            open: Some("<img src=x> & #frag".into()),
            filter: "emb ed".into(),
            state_filter: StateFilter::Loaded,
            sort: SortKey::Progress,
        };
        let text = link.format();
        assert!(!text.contains(' ') && !text.contains('<') && !text.contains('#'));
        assert_eq!(ViewLink::parse(&format!("#{text}")), link);
    }

    #[test]
    fn defaults_and_garbage() {
        assert_eq!(ViewLink::parse(""), ViewLink::default());
        assert_eq!(ViewLink::default().format(), "");
        let odd = ViewLink::parse("#state=nope&sort=&db=&x=1&%%%");
        assert_eq!(odd, ViewLink::default());
    }
}
