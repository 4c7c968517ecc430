//! The demo's cluster and the schemas and indexes of its collections.

use crate::model::{
    Cluster, Collection, DataType, Field, IndexType, VectorIndex, World, DEFAULT_GROUP,
};

/// Query nodes of the default group, and of `rg_legal` (smaller ones).
const DEFAULT_NODES: u32 = 2;
const LEGAL_NODES: u32 = 2;
const DEFAULT_NODE_GIB: u64 = 64;
const LEGAL_NODE_GIB: u64 = 32;
const GIB: u64 = 1 << 30;

/// Two resource groups of two query nodes each: the default group's 64 GiB nodes serve
/// most loads, `rg_legal`'s 32 GiB ones what names that group.
pub fn demo_cluster() -> Cluster {
    let mut cluster = Cluster::with_groups(
        &[(DEFAULT_GROUP, DEFAULT_NODES), ("rg_legal", LEGAL_NODES)],
        DEFAULT_NODE_GIB,
    );
    for node in cluster.nodes.iter_mut().filter(|n| n.group == "rg_legal") {
        node.memory = LEGAL_NODE_GIB * GIB;
    }
    cluster
}

fn index(field: &str, index_type: IndexType, metric: &str, params: &[(&str, &str)]) -> VectorIndex {
    VectorIndex {
        name: field.to_string(),
        field: field.to_string(),
        index_type,
        metric: metric.to_string(),
        params: params
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    }
}

fn set(c: &mut Collection, fields: Vec<Field>, vector_index: VectorIndex) {
    c.fields = fields;
    c.index = vector_index;
}

/// Gives the demo's collections their schemas: text and image embeddings of several
/// dimensions, scalar fields of every common kind, and indexes of the common types.
pub fn demo_schemas(w: &mut World) {
    let Some(db) = w.databases.get_mut("default") else {
        return;
    };
    for (name, c) in db.collections.iter_mut() {
        match name.as_str() {
            "books" => set(
                c,
                vec![
                    Field::primary("id"),
                    Field::varchar("title", 512),
                    Field::array("tags", DataType::VarChar, 16, Some(64)).nullable(),
                    Field::new("extra", DataType::Json).nullable(),
                    Field::vector("embedding", DataType::FloatVector, 768),
                ],
                index("embedding", IndexType::AutoIndex, "COSINE", &[]),
            ),
            "films" => set(
                c,
                vec![
                    Field::primary("id"),
                    Field::varchar("title", 256),
                    Field::new("year", DataType::Int16),
                    Field::new("rating", DataType::Float),
                    Field::vector("plot_embedding", DataType::FloatVector, 384),
                ],
                index(
                    "plot_embedding",
                    IndexType::Hnsw,
                    "IP",
                    &[("M", "16"), ("efConstruction", "200")],
                ),
            ),
            "product_images_clip" | "video_frames_clip" => set(
                c,
                vec![
                    Field::primary("id"),
                    Field::varchar("url", 1024),
                    Field::vector("clip", DataType::FloatVector, 768),
                ],
                index("clip", IndexType::IvfFlat, "L2", &[("nlist", "1024")]),
            ),
            "wiki_passages_e5_large" => set(
                c,
                vec![
                    Field::primary("id"),
                    Field::varchar("passage", 2048),
                    Field::vector("e5", DataType::FloatVector, 1024),
                ],
                index("e5", IndexType::AutoIndex, "COSINE", &[]),
            ),
            "code_snippets" => set(
                c,
                vec![
                    Field::primary("id"),
                    Field::varchar("language", 32),
                    Field::vector("sparse", DataType::SparseFloatVector, 0),
                ],
                index("sparse", IndexType::SparseInvertedIndex, "IP", &[]),
            ),
            "chat_memory" => set(
                c,
                vec![
                    Field::primary("id"),
                    Field::new("session", DataType::Int64),
                    Field::new("created", DataType::Int64),
                    Field::vector("vector", DataType::Float16Vector, 1536),
                ],
                index("vector", IndexType::IvfSq8, "COSINE", &[("nlist", "256")]),
            ),
            "legal_clauses" => set(
                c,
                vec![
                    Field::primary("id"),
                    Field::varchar("clause", 4096),
                    Field::new("metadata", DataType::Json),
                    Field::vector("embedding", DataType::FloatVector, 1024),
                ],
                index("embedding", IndexType::DiskAnn, "COSINE", &[]),
            ),
            "image_hashes" => set(
                c,
                vec![
                    Field::primary("id"),
                    Field::vector("phash", DataType::BinaryVector, 256),
                ],
                index("phash", IndexType::BinFlat, "HAMMING", &[]),
            ),
            _ => {}
        }
    }
}
