//! Name rules of a real server: `[A-Za-z_][A-Za-z0-9_]*`, at most 255 characters. A refusal
//! echoes the name, which is why clients must render server messages as text.

const MAX_NAME_LENGTH: usize = 255;

/// Checks a collection or partition name; `kind` is "collection" or "partition".
/// Returns the server's refusal message.
pub fn validate(kind: &str, name: &str) -> Result<(), String> {
    let reason = if name.trim().is_empty() {
        Some(format!("{kind} name should not be empty"))
    } else if name.chars().count() > MAX_NAME_LENGTH {
        Some(format!(
            "the length of a {kind} name must be less than {MAX_NAME_LENGTH} characters"
        ))
    } else if !name
        .chars()
        .next()
        .is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
    {
        Some(format!(
            "the first character of a {kind} name must be an underscore or letter"
        ))
    } else if !name.chars().all(|c| c == '_' || c.is_ascii_alphanumeric()) {
        Some(format!(
            "{kind} name can only contain numbers, letters and underscores"
        ))
    } else {
        None
    };
    match reason {
        Some(reason) => Err(format!(
            "Invalid {kind} name: {name}. {reason}: invalid parameter"
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::validate;

    #[test]
    fn refusals_echo_the_name() {
        assert_eq!(
            validate("collection", "1abc").unwrap_err(),
            "Invalid collection name: 1abc. the first character of a collection name must be an underscore or letter: invalid parameter"
        );
        assert!(validate("partition", "a-b").unwrap_err().contains("a-b"));
        assert!(validate("collection", &"a".repeat(256)).is_err());
        assert!(validate("collection", &"a".repeat(255)).is_ok());
        assert!(validate("collection", "_ok_9").is_ok());
        assert!(validate("collection", "名前").is_err());
    }
}
