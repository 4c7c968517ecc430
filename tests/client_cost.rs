//! The reads of the cost view that describe a collection, replayed natively with the memory
//! doc's replies (section 10.2, 10.3): the full describe, `indexes/describe`, `get_stats`, and
//! hostile variants of each.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/replayed.rs"]
mod replayed;

use futures::executor::block_on;
use milvus_load_console::api::{ApiErrorKind, DataType, IndexType, ReplayTransport};

/// The doc's example reply of section 10.2.
const DESCRIBE: &str = r#"{"code":0,"message":"","data":{"collectionName":"books","collectionID":456123880035471234,"description":"",
 "autoId":false,"aliases":[],"functions":[],"shardsNum":1,"partitionsNum":1,"consistencyLevel":"Bounded","enableDynamicField":true,"load":"LoadStateLoaded",
 "fields":[
  {"name":"id","id":100,"type":"Int64","primaryKey":true,"partitionKey":false,"clusteringKey":false,"autoId":false,"description":"","nullable":false},
  {"name":"title","id":101,"type":"VarChar","params":[{"key":"max_length","value":"512"}],"primaryKey":false,"partitionKey":false,"clusteringKey":false,"autoId":false,"description":"","nullable":false},
  {"name":"tags","id":102,"type":"Array","elementType":"VarChar","params":[{"key":"max_capacity","value":"16"},{"key":"max_length","value":"64"}],"primaryKey":false,"partitionKey":false,"clusteringKey":false,"autoId":false,"description":"","nullable":true},
  {"name":"extra","id":103,"type":"JSON","primaryKey":false,"partitionKey":false,"clusteringKey":false,"autoId":false,"description":"","nullable":true},
  {"name":"embedding","id":104,"type":"FloatVector","params":[{"key":"dim","value":"768"}],"primaryKey":false,"partitionKey":false,"clusteringKey":false,"autoId":false,"description":"","nullable":false}],
 "indexes":[{"indexName":"embedding","fieldName":"embedding","metricType":"COSINE"}],
 "properties":[{"key":"collection.replica.number","value":"2"},{"key":"collection.resource_groups","value":"rg1,rg2"},{"key":"mmap.enabled","value":"false"}]}}"#;

use replayed::{one_attempt as client, undecodable};

#[test]
fn describe_details_reads_the_schema_and_keeps_the_summary() {
    let c = client(ReplayTransport::new().reply(200, DESCRIBE));
    let details = block_on(c.describe_collection_details("books")).unwrap();
    let sent = &c.transport().sent()[0];
    assert!(sent.url.ends_with("/v2/vectordb/collections/describe"));
    assert_eq!(
        sent.body,
        r#"{"dbName":"analytics","collectionName":"books"}"#
    );
    assert_eq!(details.description.name, "books");
    assert_eq!(details.description.id, "456123880035471234");
    assert_eq!(details.description.partitions_num, Some(1));
    assert_eq!(details.description.properties.len(), 3);
    assert!(details.enable_dynamic_field);
    let types: Vec<&DataType> = details.fields.iter().map(|f| &f.data_type).collect();
    use DataType::*;
    assert_eq!(types, [&Int64, &VarChar, &Array, &Json, &FloatVector]);
    let [id, title, tags, _, embedding] = details.fields.as_slice() else {
        panic!("five fields");
    };
    assert!(id.primary_key && !id.nullable);
    assert_eq!(title.max_length, Some(512));
    assert_eq!(tags.element_type, Some(VarChar));
    assert_eq!((tags.max_capacity, tags.max_length), (Some(16), Some(64)));
    assert!(tags.nullable);
    assert_eq!(embedding.dim, Some(768));
    assert!(embedding.data_type.is_vector());
    assert_eq!(details.indexes.len(), 1);
    assert_eq!(details.indexes[0].index_name, "embedding");
    assert_eq!(details.indexes[0].metric_type, "COSINE");
}

#[test]
fn hostile_fields_keep_their_place_and_unknown_values() {
    let body = r#"{"code":0,"data":{"collectionName":"c","fields":[
        7,
        {"name":"g","type":"Geometry"},
        {"name":"q","type":"Quaternion"},
        {"name":"n","type":42},
        {"name":"v","type":"FloatVector","params":[{"key":"dim","value":"99999999999"}]},
        {"name":"w","type":"Int8Vector","params":[{"key":"dim","value":64}, {"key":"mmap.enabled","value":"TRUE"}]},
        {"name":"s","type":"VarChar","params":{"max_length":"10"}}
      ],"indexes":"none","enableDynamicField":"yes"}}"#;
    let c = client(ReplayTransport::new().reply(200, body));
    let details = block_on(c.describe_collection_details("c")).unwrap();
    let f = &details.fields;
    assert_eq!(f.len(), 7, "nothing dropped");
    assert_eq!(f[0].name, "");
    assert_eq!(f[0].data_type, DataType::Unknown("7".into()));
    assert_eq!(f[1].data_type, DataType::Geometry);
    assert_eq!(f[2].data_type, DataType::Unknown("Quaternion".into()));
    assert_eq!(f[3].data_type, DataType::Unknown("42".into()));
    assert_eq!(f[4].dim, None, "a dim past u32 is unknown, not wrapped");
    assert_eq!((f[5].dim, f[5].mmap), (Some(64), Some(true)));
    assert_eq!(f[6].max_length, None, "params must be a list of pairs");
    assert!(details.indexes.is_empty());
    assert!(!details.enable_dynamic_field);
}

#[test]
fn describe_details_without_a_name_is_undecodable_and_404_is_not_found() {
    let c = client(
        ReplayTransport::new()
            .reply(200, r#"{"code":0,"data":{"fields":[]}}"#)
            .reply(404, "404 page not found"),
    );
    let error = block_on(c.describe_collection_details("c")).unwrap_err();
    assert!(undecodable(error.kind()).contains("collections/describe"));
    let error = block_on(c.describe_index("c", "i")).unwrap_err();
    assert_eq!(
        error.kind(),
        &ApiErrorKind::NotFound {
            path: "/v2/vectordb/indexes/describe".into()
        }
    );
}

#[test]
fn describe_index_reads_type_metric_and_params() {
    let body = r#"{"code":0,"data":[{"indexName":"embedding","fieldName":"embedding","indexType":"HNSW",
        "metricType":"COSINE","indexParams":{"M":"16","efConstruction":200},"mmap.enabled":"true",
        "indexoffsetcache.enabled":"false","failReason":"","minIndexVersion":5,"maxIndexVersion":6,
        "totalRows":3000,"indexedRows":3000,"pendingRows":0,"indexState":"Finished"}]}"#;
    let c = client(ReplayTransport::new().reply(200, body));
    let indexes = block_on(c.describe_index("books", "embedding")).unwrap();
    assert_eq!(
        c.transport().sent()[0].body,
        r#"{"dbName":"analytics","collectionName":"books","indexName":"embedding"}"#
    );
    let [index] = indexes.as_slice() else {
        panic!("one index");
    };
    assert_eq!(index.index_type, IndexType::Hnsw);
    assert_eq!(index.metric_type, "COSINE");
    assert_eq!(index.param("M"), Some("16"));
    assert_eq!(index.param("efConstruction"), Some("200"));
    assert_eq!(index.mmap, Some(true));
    assert_eq!(
        (index.total_rows, index.indexed_rows, index.pending_rows),
        (Some(3000), Some(3000), Some(0))
    );
    assert_eq!(index.state, "Finished");
}

#[test]
fn index_params_in_every_shape_and_types_in_any_case() {
    let body = r#"{"code":0,"data":[
        {"indexType":"AUTOINDEX","indexParams":[{"key":"params","value":"{\"nlist\":128}"},{"key":"index_type","value":"AUTOINDEX"}]},
        {"indexType":"ivf_pq","indexParams":"{\"m\":\"16\"}"},
        {"indexType":"INVERTED","indexParams":"not json","totalRows":-1},
        {"indexType":"DISKANN","indexParams":{"params":"[broken"}}
    ]}"#;
    let c = client(ReplayTransport::new().reply(200, body));
    let indexes = block_on(c.describe_index("c", "i")).unwrap();
    assert_eq!(indexes[0].index_type, IndexType::AutoIndex);
    assert_eq!(indexes[0].param("nlist"), Some("128"));
    assert_eq!(indexes[1].index_type, IndexType::IvfPq);
    assert_eq!(indexes[1].param("m"), Some("16"));
    assert_eq!(indexes[2].index_type, IndexType::Unknown("INVERTED".into()));
    assert!(indexes[2].params.is_empty());
    assert_eq!(indexes[2].total_rows, None, "a negative count is unknown");
    assert_eq!(indexes[3].param("params"), Some("[broken"));
}

#[test]
fn describe_index_refusals_keep_their_codes() {
    let c = client(
        ReplayTransport::new()
            .reply(
                200,
                r#"{"code":700,"message":"index not found[indexName=x]"}"#,
            )
            .reply(200, r#"{"code":0,"data":{"indexType":"HNSW"}}"#)
            .reply(200, r#"{"code":0,"data":[1]}"#),
    );
    let error = block_on(c.describe_index("c", "x")).unwrap_err();
    assert_eq!(error.milvus_code(), Some(700));
    for _ in 0..2 {
        let error = block_on(c.describe_index("c", "x")).unwrap_err();
        assert!(undecodable(error.kind()).contains("indexes/describe"));
    }
}

#[test]
fn row_counts_as_number_or_text_and_hostile_ones_refused() {
    let c = client(
        ReplayTransport::new()
            .reply(200, r#"{"code":0,"data":{"rowCount":3000}}"#)
            .reply(200, r#"{"code":0,"data":{"rowCount":"1200"}}"#)
            .reply(
                200,
                r#"{"code":0,"data":{"rowCount":18446744073709551615}}"#,
            )
            .reply(200, r#"{"code":0,"data":{"rowCount":1e30}}"#)
            .reply(200, r#"{"code":0,"data":{"rowCount":-5}}"#)
            .reply(200, r#"{"code":0,"data":{}}"#),
    );
    assert_eq!(block_on(c.collection_row_count("c")).unwrap(), 3000);
    assert_eq!(block_on(c.partition_row_count("c", "p")).unwrap(), 1200);
    assert_eq!(block_on(c.collection_row_count("c")).unwrap(), u64::MAX);
    for _ in 0..3 {
        let error = block_on(c.collection_row_count("c")).unwrap_err();
        assert!(undecodable(error.kind()).contains("rowCount"));
    }
    let sent = c.transport().sent();
    assert_eq!(
        sent[1].body,
        r#"{"dbName":"analytics","collectionName":"c","partitionName":"p"}"#
    );
}
