//! The query nodes' refusal of a load for memory (memory doc 10.7). It never comes in the
//! load's reply: the load stays Loading, and once it is dropped `get_load_state` of the
//! collection answers the loader's error for a day. Read here from that text, with the
//! server's figures where it gives them; any other error stays what it was.

use super::error::{ApiError, ApiErrorKind};
use crate::substring::contains;

/// A load the query nodes refused because it does not fit in their memory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemoryRefusal {
    /// The server's figures, in its MB: "needs 61440 MB with 2048 MB in use, of 65536 MB".
    pub figures: Option<String>,
    /// The server's text, as sent.
    pub text: String,
}

/// The number after `key` in `text` ("predictMemUsage = 1234.5" → "1234.5").
fn figure<'t>(text: &'t str, key: &str) -> Option<&'t str> {
    let (_, rest) = crate::substring::split_once(text, key)?;
    let rest = rest.trim_start_matches([' ', '=', ':']);
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    let number = rest.get(..end)?;
    (!number.is_empty()).then_some(number)
}

impl MemoryRefusal {
    /// The refusal in a server message: "OOM if load" (2.4–2.6.7), "memory limit exceeded"
    /// (the loader's fast path) or "segment request resource failed[resourceType=Memory]"
    /// (2.6.8+, no figures). `None` for any other text.
    pub fn from_message(message: &str) -> Option<MemoryRefusal> {
        let figures = if contains(message, "OOM if load") {
            match (
                figure(message, "predictMemUsage"),
                figure(message, "memUsage"),
                figure(message, "totalMem"),
            ) {
                (Some(predict), Some(used), Some(total)) => Some(format!(
                    "needs {predict} MB with {used} MB in use, of {total} MB"
                )),
                _ => None,
            }
        } else if contains(message, "memory limit exceeded") {
            match (figure(message, "predict(MB)"), figure(message, "limit(MB)")) {
                (Some(predict), Some(limit)) => {
                    Some(format!("needs {predict} MB, limit {limit} MB"))
                }
                _ => None,
            }
        } else if contains(message, "resourceType=Memory") {
            None
        } else {
            return None;
        };
        Some(MemoryRefusal {
            figures,
            text: message.trim().to_string(),
        })
    }

    /// "Does not fit in query-node memory (needs … MB …)".
    pub fn headline(&self) -> String {
        match &self.figures {
            Some(figures) => format!("Does not fit in query-node memory ({figures})"),
            None => "Does not fit in query-node memory".to_string(),
        }
    }
}

impl ApiError {
    /// The server refused a load for memory: this error is that refusal.
    pub fn memory_refusal(&self) -> Option<MemoryRefusal> {
        match self.kind() {
            ApiErrorKind::Milvus { message, .. } => MemoryRefusal::from_message(message),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_figures_of_each_refusal() {
        let oom = "show collection failed: load segment failed, OOM if load, maxSegmentSize = 1024 MB,  memUsage = 2048 MB, predictMemUsage = 70000 MB, totalMem = 65536 MB thresholdFactor = 0.900000";
        let r = MemoryRefusal::from_message(oom).unwrap();
        assert_eq!(
            r.figures.as_deref(),
            Some("needs 70000 MB with 2048 MB in use, of 65536 MB")
        );
        assert_eq!(r.text, oom);
        let fast = "memory limit exceeded[predict(MB)=900][limit(MB)=800]";
        assert_eq!(
            MemoryRefusal::from_message(fast)
                .unwrap()
                .figures
                .as_deref(),
            Some("needs 900 MB, limit 800 MB")
        );
        let new = "show collection failed: segment request resource failed[resourceType=Memory]";
        let r = MemoryRefusal::from_message(new).unwrap();
        assert_eq!(r.figures, None);
        assert_eq!(r.headline(), "Does not fit in query-node memory");
    }

    #[test]
    fn other_texts_are_no_refusal() {
        for text in [
            "",
            "collection not found[collection=a]",
            "disk limit exceeded[resourceType=Disk]",
            "OOM",
        ] {
            assert_eq!(MemoryRefusal::from_message(text), None, "{text}");
        }
        let e = ApiError::new(ApiErrorKind::Milvus {
            code: 605,
            message: "segment request resource failed[resourceType=Memory]".into(),
        });
        assert!(e.memory_refusal().is_some());
    }
}
