//! Sizes of the rows on screen, read once per refresh with their partition counts: the row
//! count (`collections/get_stats`) and each vector index (`indexes/describe`) beside the
//! describe the counts already read, turned into an estimate of one replica's memory. The
//! loaded replicas come with the cluster's read of the resource groups (`cluster.rs`).

use std::rc::Rc;

use crate::api::{CollectionDetails, Transport};
use crate::cost::{estimate, CostInput};
use crate::state::{Reply, RowSize, SizeReply};
use crate::substring::Joined;

use super::{Runtime, Session, ViewCtx, COUNTS};

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
        let upper_bound = estimate.is_upper_bound();
        let size = RowSize {
            rows,
            memory: estimate.steady,
            note: note.into(),
            unindexed: (!unindexed.is_empty()).then(|| unindexed.joined(", ").into()),
            upper_bound,
        };
        let collection = name.clone();
        let size = Rc::new(size);
        self.reply(view, Reply::Sizes(SizeReply::Row { collection, size }));
    }
}
