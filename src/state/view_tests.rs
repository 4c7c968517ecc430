//! Reducer tests of what the table shows: filters and sorting.
use super::tests::*;
use super::*;
use crate::api::LoadState;

#[test]
fn filters_by_name_and_state() {
    let mut s = listed(&["books", "films", "BookClub"]);
    s.apply(Action::Reply {
        generation: 0,
        reply: Reply::States(reads(vec![
            ("books".into(), Ok(LoadState::Loaded)),
            ("BookClub".into(), Ok(LoadState::NotLoad)),
        ])),
    });
    s.apply(Action::SetFilter("book".into()));
    assert_eq!(s.visible_rows().len(), 2);
    s.apply(Action::SetStateFilter(StateFilter::Released));
    let names: Vec<&str> = s.visible_rows().iter().map(|r| &*r.name).collect();
    assert_eq!(names, ["BookClub"]);
}

#[test]
fn the_name_filter_ignores_ascii_case_and_matches_other_scripts_exactly() {
    let mut s = listed(&["Vectors_2024", "vectors_old", "índice", "数据"]);
    let shown = |s: &ConsoleState| -> Vec<String> {
        s.visible_rows()
            .iter()
            .map(|r| r.name.to_string())
            .collect()
    };
    s.apply(Action::SetFilter("  VECTORS ".into()));
    assert_eq!(shown(&s), ["Vectors_2024", "vectors_old"]);
    s.apply(Action::SetFilter("índ".into()));
    assert_eq!(shown(&s), ["índice"]);
    s.apply(Action::SetFilter("数".into()));
    assert_eq!(shown(&s), ["数据"]);
    s.apply(Action::SetFilter("a longer needle than any name".into()));
    assert!(shown(&s).is_empty());
}

#[test]
fn sorts_by_state_and_progress_keeping_names_in_order() {
    let mut s = listed(&["a", "b", "c", "d"]);
    s.apply(Action::Reply {
        generation: 0,
        reply: Reply::States(reads(vec![
            ("a".into(), Ok(LoadState::NotLoad)),
            ("b".into(), Ok(LoadState::Loading { progress: 10 })),
            ("c".into(), Ok(LoadState::Loaded)),
            ("d".into(), Ok(LoadState::Loading { progress: 60 })),
        ])),
    });
    let names = |s: &ConsoleState| {
        s.visible_rows()
            .iter()
            .map(|r| r.name.to_string())
            .collect::<Vec<_>>()
    };
    s.apply(Action::SetSort(SortKey::State));
    assert_eq!(names(&s), ["b", "d", "c", "a"]);
    s.apply(Action::SetSort(SortKey::Progress));
    assert_eq!(names(&s), ["c", "d", "b", "a"]);
}

#[test]
fn a_reply_copies_only_the_rows_it_changes_and_an_unfiltered_view_shares_the_list() {
    let mut s = listed(&["a", "b", "c"]);
    // What the view holds while the next batch of replies is applied.
    let drawn = s.clone();
    s.apply(Action::Reply {
        generation: 0,
        reply: Reply::States(reads(vec![("b".into(), Ok(LoadState::Loaded))])),
    });
    let same = |i: usize| Rc::ptr_eq(&drawn.rows()[i], &s.rows()[i]);
    assert!(same(0) && same(2), "untouched rows were copied");
    assert!(!same(1));
    assert_eq!(drawn.rows()[1].state, RowState::Pending);

    assert!(Rc::ptr_eq(&s.shown_rows(), &s.listing.shared_rows()));
    s.apply(Action::SetFilter("b".into()));
    let shown = s.shown_rows();
    assert_eq!(shown.len(), 1);
    assert!(Rc::ptr_eq(&shown[0], &s.rows()[1]));
}
