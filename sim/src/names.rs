//! Name rules of a real server (`validateCollectionName` and `validatePartitionTag` in
//! `internal/proxy/util.go`). Refusals echo the name, which is why clients must render server
//! messages as text. Checks are on bytes, as in Go: any non-ASCII byte is refused.

const MAX_NAME_LENGTH: usize = 255;

/// Collection names: `[A-Za-z_][A-Za-z0-9_]*`, at most 255 bytes. The message is final
/// (code 1100 on every version), with the server's two spaces after the name's period.
pub fn validate_collection(name: &str) -> Result<(), String> {
    let invalid = format!("Invalid collection name: {name}. ");
    let reason = if name.is_empty() {
        return Err("collection name should not be empty: invalid parameter".to_string());
    } else if name.len() > MAX_NAME_LENGTH {
        format!("the length of a collection name must be less than {MAX_NAME_LENGTH} characters")
    } else if !name
        .bytes()
        .next()
        .is_some_and(|b| b == b'_' || b.is_ascii_alphabetic())
    {
        "the first character of a collection name must be an underscore or letter".to_string()
    } else if !name.bytes().all(|b| b == b'_' || b.is_ascii_alphanumeric()) {
        "collection name can only contain numbers, letters and underscores".to_string()
    } else {
        return Ok(());
    };
    Err(format!("{invalid} {reason}: invalid parameter"))
}

/// Partition names: trimmed, then `[A-Za-z0-9_][A-Za-z0-9_-]*` (`-` only when `dash` is
/// allowed, 2.4.18+), at most 255 bytes. The message is the base text; the caller adds the
/// version's code and suffix.
pub fn validate_partition(name: &str, dash: bool) -> Result<(), String> {
    let name = name.trim();
    let invalid = format!("Invalid partition name: {name}. ");
    let plain = |b: u8| b == b'_' || b.is_ascii_alphanumeric();
    let reason = if name.is_empty() {
        "Partition name should not be empty."
    } else if name.len() > MAX_NAME_LENGTH {
        return Err(format!(
            "{invalid}The length of a partition name must be less than {MAX_NAME_LENGTH} characters."
        ));
    } else if !name.bytes().next().is_some_and(plain) {
        "The first character of a partition name must be an underscore or letter."
    } else if !name.bytes().all(|b| plain(b) || (dash && b == b'-')) {
        "Partition name can only contain numbers, letters and underscores."
    } else {
        return Ok(());
    };
    Err(format!("{invalid}{reason}"))
}

#[cfg(test)]
mod tests {
    use super::{validate_collection, validate_partition};

    #[test]
    fn collection_refusals_echo_the_name_with_two_spaces() {
        assert_eq!(
            validate_collection("1abc").unwrap_err(),
            "Invalid collection name: 1abc.  the first character of a collection name must be an underscore or letter: invalid parameter"
        );
        assert_eq!(
            validate_collection("a-b").unwrap_err(),
            "Invalid collection name: a-b.  collection name can only contain numbers, letters and underscores: invalid parameter"
        );
        assert!(validate_collection(&"a".repeat(256)).is_err());
        assert!(validate_collection(&"a".repeat(255)).is_ok());
        assert!(validate_collection("_ok_9").is_ok());
        assert!(validate_collection("名前").is_err());
    }

    #[test]
    fn partition_names_are_looser() {
        assert!(validate_partition("2024", false).is_ok());
        assert!(validate_partition(" p1 ", false).is_ok());
        assert!(validate_partition("eu-west", true).is_ok());
        assert_eq!(
            validate_partition("eu-west", false).unwrap_err(),
            "Invalid partition name: eu-west. Partition name can only contain numbers, letters and underscores."
        );
        assert_eq!(
            validate_partition(" a b ", true).unwrap_err(),
            "Invalid partition name: a b. Partition name can only contain numbers, letters and underscores."
        );
        assert!(validate_partition("-a", true).is_err());
    }
}
