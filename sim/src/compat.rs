//! Server versions that answer differently (`--compat`). Each rule of the contract that names a
//! version range is one predicate here, so the endpoints never compare version numbers.

use std::fmt;

use crate::request::Refusal;

/// A Milvus 2.x release: `2.{minor}.{patch}`, minor 4 to 6.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Compat {
    pub minor: u8,
    pub patch: u16,
}

impl Compat {
    pub const V2_4_0: Compat = Compat::new(4, 0);
    pub const V2_4_13: Compat = Compat::new(4, 13);
    pub const V2_4_18: Compat = Compat::new(4, 18);
    pub const V2_5_0: Compat = Compat::new(5, 0);
    pub const V2_5_4: Compat = Compat::new(5, 4);
    pub const V2_6_0: Compat = Compat::new(6, 0);
    pub const V2_6_19: Compat = Compat::new(6, 19);

    pub const fn new(minor: u8, patch: u16) -> Compat {
        Compat { minor, patch }
    }

    /// `2.4.7`, or a bare line: `2.4` is 2.4.13 (code 0, no `databases/*`, as this flag always
    /// meant), `2.5` is 2.5.4 (with `refresh_load`), `2.6` is 2.6.19 (the newest rules).
    pub fn parse(text: &str) -> Option<Compat> {
        let mut parts = text.trim().split('.');
        if parts.next()? != "2" {
            return None;
        }
        let minor: u8 = parts.next()?.parse().ok()?;
        if !(4..=6).contains(&minor) {
            return None;
        }
        let patch = match parts.next() {
            Some(p) => p.parse().ok()?,
            None => match minor {
                4 => 13,
                5 => 4,
                _ => 19,
            },
        };
        parts.next().is_none().then_some(Compat { minor, patch })
    }

    /// 2.4.0–2.4.2 answer code 200 on success.
    pub fn success_code(self) -> i64 {
        if self < Compat::new(4, 3) {
            200
        } else {
            0
        }
    }

    /// `databases/list` and `databases/describe`: 2.4.18 and later.
    pub fn has_databases(self) -> bool {
        self >= Compat::V2_4_18
    }

    /// `collections/refresh_load` and the JSON 408 body: 2.5.4 and later.
    pub fn has_refresh_load(self) -> bool {
        self >= Compat::V2_5_4
    }

    /// 408 is `{"code":10001,...}` from 2.5.4, plain-text `timeout` before.
    pub fn json_timeout(self) -> bool {
        self >= Compat::V2_5_4
    }

    /// 2.6.19 standardised codes: many 65535 refusals became 1100 with `: invalid parameter`.
    pub fn merr_codes(self) -> bool {
        self >= Compat::V2_6_19
    }

    /// Partition names may contain `-` from 2.4.18.
    pub fn partition_dash(self) -> bool {
        self >= Compat::V2_4_18
    }

    /// `collections/load` against other replica settings: refused on 2.4.0–2.4.12, silently
    /// reconfigured from 2.4.13.
    pub fn reconfigures_loaded(self) -> bool {
        self >= Compat::V2_4_13
    }

    /// Collection load properties are honoured from 2.4.7.
    pub fn reads_load_properties(self) -> bool {
        self >= Compat::new(4, 7)
    }

    /// Database load properties are honoured from 2.4.6.
    pub fn reads_database_load_properties(self) -> bool {
        self >= Compat::new(4, 6)
    }

    /// `resource_groups/list|describe`: 2.5.3 and later.
    pub fn has_resource_groups(self) -> bool {
        self >= Compat::new(5, 3)
    }

    /// `collections/alter_properties|drop_properties` and the database ones: 2.5.4 and later.
    pub fn has_alter_properties(self) -> bool {
        self >= Compat::V2_5_4
    }

    /// `databases/alter`: 2.4.18 and later.
    pub fn has_database_alter(self) -> bool {
        self >= Compat::V2_4_18
    }

    /// `quotacenter/describe`: 2.6.0 and later.
    pub fn has_quotacenter(self) -> bool {
        self >= Compat::V2_6_0
    }

    /// Altering `collection.replica.number|resource_groups` of a loaded collection reconfigures
    /// it at once from 2.6.3; before, the value is only stored.
    pub fn alter_reconfigures_loaded(self) -> bool {
        self >= Compat::new(6, 3)
    }

    /// The loader's memory refusal: code 605 `segment request resource failed` from 2.6.8,
    /// 65535 `OOM if load` before.
    pub fn memory_refusal_is_605(self) -> bool {
        self >= Compat::new(6, 8)
    }

    /// AUTOINDEX on float vectors builds HNSW_SQ from 2.6.10, HNSW before.
    pub fn autoindex_is_hnsw_sq(self) -> bool {
        self >= Compat::new(6, 10)
    }

    /// Raw vectors behind an index without raw data stay in memory on 2.4; from 2.5 they are
    /// on disk.
    pub fn raw_vectors_in_memory(self) -> bool {
        self < Compat::V2_5_0
    }

    /// Describe carries `functions` and field `nullable`, and `indexes/describe` the index
    /// params, mmap and version keys, from 2.5.
    pub fn describes_2_5_keys(self) -> bool {
        self >= Compat::V2_5_0
    }

    /// Up to 2.5 a replica placement refusal reads `failed to spawn replica for collection: `
    /// before the reason; 2.6 has no such part.
    pub fn spawn_prefix(self) -> bool {
        self < Compat::V2_6_0
    }

    /// 2.6 reloads a collection loaded with a field subset instead of refusing.
    pub fn reloads_field_subset(self) -> bool {
        self >= Compat::V2_6_0
    }

    /// 2.6 records every load as a collection load: a partition created later is loaded at
    /// once even when only `partitions/load` was used (source-level).
    pub fn loads_new_partitions(self) -> bool {
        self >= Compat::V2_6_0
    }

    /// 2.6 adds `X-Content-Type-Options: nosniff` to every reply.
    pub fn sends_nosniff(self) -> bool {
        self >= Compat::V2_6_0
    }

    /// A proxy-side refusal: 65535 with `text`, or from 2.6.19 code 1100 with
    /// `: invalid parameter` appended.
    pub fn refusal(self, text: &str) -> Refusal {
        if self.merr_codes() {
            Refusal::new(1100, format!("{text}: invalid parameter"))
        } else {
            Refusal::new(65535, text)
        }
    }
}

impl fmt::Display for Compat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "2.{}.{}", self.minor, self.patch)
    }
}

#[cfg(test)]
mod tests {
    use super::Compat;

    #[test]
    fn versions_and_lines_parse() {
        assert_eq!(Compat::parse("2.4.0"), Some(Compat::V2_4_0));
        assert_eq!(Compat::parse("2.4"), Some(Compat::V2_4_13));
        assert_eq!(Compat::parse("2.5"), Some(Compat::V2_5_4));
        assert_eq!(Compat::parse("2.6"), Some(Compat::V2_6_19));
        assert_eq!(Compat::parse("2.6.19"), Some(Compat::V2_6_19));
        assert_eq!(Compat::parse("2.3.9"), None);
        assert_eq!(Compat::parse("2.4.1.2"), None);
        assert_eq!(Compat::parse("3.0"), None);
    }

    #[test]
    fn boundaries() {
        assert_eq!(Compat::parse("2.4.2").map(Compat::success_code), Some(200));
        assert_eq!(Compat::parse("2.4.3").map(Compat::success_code), Some(0));
        assert!(!Compat::parse("2.4.17").is_some_and(Compat::has_databases));
        assert!(Compat::V2_4_18.has_databases());
        assert!(!Compat::parse("2.5.3").is_some_and(Compat::has_refresh_load));
        assert!(Compat::V2_5_4.json_timeout());
        assert!(!Compat::parse("2.6.18").is_some_and(Compat::merr_codes));
        assert!(!Compat::parse("2.4.12").is_some_and(Compat::reconfigures_loaded));
    }
}
