//! Sizes of the rows on screen, read once per refresh with their partition counts: the row
//! count (`collections/get_stats`) and each vector index (`indexes/describe`) beside the
//! describe the counts already read, turned into an estimate of one replica's memory. The
//! loaded replicas come from the resource groups: one `resource_groups/list` and one describe
//! per group per refresh, never per collection; a server without the endpoints is asked once
//! per connection.

use std::rc::Rc;

use crate::api::{ApiError, ApiErrorKind, CollectionDetails, Transport};
use crate::cost::{estimate, CostInput};
use crate::state::{Remote, ReplicaCounts, Reply, RowSize, SizeReply};

use super::{Runtime, Session, ViewCtx, COUNTS};

/// Resource groups described per refresh; beyond it the counts would be partial, so none
/// are shown.
const MAX_GROUPS: usize = 64;
/// Other databases listed per refresh to find same-named collections; beyond it every
/// count is ambiguous.
const MAX_OTHER_DATABASES: usize = 16;

/// The endpoint is missing (before 2.5.3) or refused to this user: it stays so for the
/// connection.
fn unavailable(error: &ApiError) -> bool {
    matches!(
        error.kind(),
        ApiErrorKind::NotFound { .. } | ApiErrorKind::PermissionDenied { .. }
    )
}

fn property_bool(details: &CollectionDetails, key: &str) -> Option<bool> {
    let (_, value) = details
        .description
        .properties
        .iter()
        .find(|(k, _)| k == key)?;
    match value.trim() {
        v if v.eq_ignore_ascii_case("true") => Some(true),
        v if v.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

impl<T: Transport + 'static, R: Runtime> Session<T, R> {
    /// The row count and vector indexes of a collection on screen, then its estimate.
    pub(super) async fn read_size(
        &self,
        view: &Rc<ViewCtx<T>>,
        name: &Rc<str>,
        details: CollectionDetails,
    ) {
        let reads = &self.inner.reads;
        let is_vector = |field: &str| {
            details
                .fields
                .iter()
                .any(|f| f.name == field && f.data_type.is_vector())
        };
        // One after the other: the reads of the many rows on screen already fill the lane.
        let Ok(rows) = reads
            .run(COUNTS, &view.scope, view.client.collection_row_count(name))
            .await
        else {
            return;
        };
        let mut indexes = Vec::new();
        for index in details.indexes.iter().filter(|i| is_vector(&i.field_name)) {
            let request = view.client.describe_index(name, &index.index_name);
            match reads.run(COUNTS, &view.scope, request).await {
                Ok(described) => indexes.extend(described),
                Err(_) => return,
            }
        }
        let input = CostInput {
            fields: &details.fields,
            dynamic_field: details.enable_dynamic_field,
            mmap: property_bool(&details, "mmap.enabled"),
            rows,
            indexes: &indexes,
            version: None,
        };
        let estimate = estimate(&input);
        let mut note = String::from(
            "Estimated memory of one replica from the schema, the row count and the vector \
             indexes: an order of magnitude, not a measurement.",
        );
        for n in &estimate.notes {
            note.push(' ');
            note.push_str(&n.text());
        }
        let unindexed: Vec<&str> = details
            .fields
            .iter()
            .filter(|f| f.data_type.is_vector())
            .filter(|f| !details.indexes.iter().any(|i| i.field_name == f.name))
            .map(|f| f.name.as_str())
            .collect();
        let size = RowSize {
            rows,
            memory: estimate.steady,
            note: note.into(),
            unindexed: (!unindexed.is_empty()).then(|| unindexed.join(", ").into()),
        };
        let collection = name.clone();
        let size = Rc::new(size);
        self.reply(view, Reply::Sizes(SizeReply::Row { collection, size }));
    }

    /// The loaded replicas of every collection, from the resource groups (once per refresh,
    /// with the first details of rows on screen).
    pub(super) fn read_replicas(&self, view: &Rc<ViewCtx<T>>) {
        if self.inner.groups_unavailable.get() {
            return;
        }
        let (this, view) = (self.clone(), view.clone());
        self.spawn(async move {
            let (reads, client) = (&this.inner.reads, &this.inner.client);
            let listed = reads
                .run(COUNTS, &view.scope, client.list_resource_groups())
                .await;
            let names = match listed {
                Ok(names) if names.len() <= MAX_GROUPS => names,
                Ok(_) => return,
                Err(e) => {
                    if unavailable(&e) {
                        this.inner.groups_unavailable.set(true);
                    }
                    return;
                }
            };
            // One group after another: few groups, read once per refresh.
            let mut groups = Vec::with_capacity(names.len());
            for group in &names {
                let request = client.describe_resource_group(group);
                match reads.run(COUNTS, &view.scope, request).await {
                    Ok(described) => groups.push(described),
                    Err(_) => return,
                }
            }
            let mut counts: Vec<(String, u64)> =
                groups.into_iter().flat_map(|g| g.loaded_replicas).collect();
            crate::order::sort_by(&mut counts, Ord::cmp);
            // A collection's replicas in several groups appear in each: summed.
            counts.dedup_by(|later, first| {
                let same = later.0 == first.0;
                if same {
                    first.1 = first.1.saturating_add(later.1);
                }
                same
            });
            let (ambiguous, checked) = this.named_elsewhere(&view, &counts).await;
            let counts = ReplicaCounts {
                counts,
                ambiguous,
                checked,
            };
            this.reply(&view, Reply::Sizes(SizeReply::Replicas(counts)));
        });
    }

    /// Which of the counted names exist in another database too (sorted), and whether every
    /// other database could be checked: one `collections/list` per other database.
    async fn named_elsewhere(
        &self,
        view: &Rc<ViewCtx<T>>,
        counts: &[(String, u64)],
    ) -> (Vec<String>, bool) {
        if counts.is_empty() {
            return (Vec::new(), true);
        }
        let others: Vec<String> = {
            let state = self.state();
            let Remote::Ready(databases) = &state.databases else {
                return (Vec::new(), false);
            };
            databases
                .iter()
                .filter(|d| **d != state.database)
                .cloned()
                .collect()
        };
        if others.len() > MAX_OTHER_DATABASES {
            return (Vec::new(), false);
        }
        let (mut ambiguous, mut checked) = (Vec::new(), true);
        // One database after another: at most MAX_OTHER_DATABASES, once per refresh.
        for database in others {
            let client = self.inner.client.with_database(Some(database));
            let request = client.list_collections();
            match self.inner.reads.run(COUNTS, &view.scope, request).await {
                Ok(names) => ambiguous.extend(names.into_iter().filter(|n| {
                    counts
                        .binary_search_by(|(c, _)| c.as_str().cmp(n.as_str()))
                        .is_ok()
                })),
                Err(_) => checked = false,
            }
        }
        crate::order::sort_by(&mut ambiguous, Ord::cmp);
        ambiguous.dedup();
        (ambiguous, checked)
    }
}
