//! The view in the address's fragment (`#db=analytics&open=books&q=emb&state=loaded&sort=state`),
//! so that a reload or a shared link restores it. Never the token.

use crate::options::{pairs, percent_encode as encode};
use crate::state::{SortKey, StateFilter};
use crate::substring::Joined;

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
        parts.joined("&")
    }
}

/// How a change of view reaches the address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddressWrite {
    /// The address already names this view (it was just navigated to).
    Nothing,
    /// The same place, refined (a filter, a sort): no new history entry.
    Replace,
    /// A collection was opened: a new entry, so that Back returns to the list.
    Push,
    /// Back to the list that the current entry was opened from: the browser's Back, so that
    /// the history reads the same whichever way the user went back.
    Back,
}

impl AddressWrite {
    /// How `next` replaces `previous` (the view last written) in an address that reads
    /// `in_address`; `opened_here` tells whether the current entry was pushed by opening a
    /// collection from the list.
    pub fn of(
        previous: Option<&ViewLink>,
        next: &ViewLink,
        in_address: &str,
        opened_here: bool,
    ) -> AddressWrite {
        if in_address.trim_start_matches('#') == next.format() {
            return AddressWrite::Nothing;
        }
        match previous.map(|p| (p.open.is_some(), next.open.is_some())) {
            Some((false, true)) => AddressWrite::Push,
            Some((true, false)) if opened_here => AddressWrite::Back,
            _ => AddressWrite::Replace,
        }
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

    #[test]
    fn opening_pushes_and_closing_goes_back_where_it_came_from() {
        let list = ViewLink {
            filter: "emb".into(),
            ..ViewLink::default()
        };
        let open = ViewLink {
            open: Some("books".into()),
            ..list.clone()
        };
        let of = AddressWrite::of;
        assert_eq!(of(None, &list, "", false), AddressWrite::Replace);
        assert_eq!(of(Some(&list), &open, "q=emb", false), AddressWrite::Push);
        assert_eq!(
            of(Some(&open), &list, "open=books&q=emb", true),
            AddressWrite::Back
        );
        // Opened by a link, there is no list behind it to go back to.
        assert_eq!(
            of(Some(&open), &list, "open=books&q=emb", false),
            AddressWrite::Replace
        );
        // The browser's Back or Forward has already put the view in the address.
        assert_eq!(
            of(Some(&open), &list, "#q=emb", true),
            AddressWrite::Nothing
        );
        assert_eq!(
            of(Some(&list), &open, "#open=books&q=emb", false),
            AddressWrite::Nothing
        );
        let sorted = ViewLink {
            filter: "emb ed".into(),
            ..list.clone()
        };
        assert_eq!(
            of(Some(&list), &sorted, "q=emb", false),
            AddressWrite::Replace
        );
    }
}
