//! Names a real server refuses but a compromised proxy could send anyway: markup, script URLs,
//! unicode controls and very long strings. The console must render each of them as plain text.

/// The payload corpus. Each entry is used as a database, collection or partition name in
/// `--hostile` mode; the e2e suite reads them back through the control API.
pub fn corpus() -> Vec<String> {
    let mut names: Vec<String> = [
        "<script>window.__pwned=1</script>",
        "<img src=x onerror=\"window.__pwned=1\">",
        "<img src=x onerror=window.__pwned=1>",
        "<svg onload=window.__pwned=1>",
        "<svg><script>window.__pwned=1</script></svg>",
        "<iframe src=\"javascript:window.parent.__pwned=1\"></iframe>",
        "javascript:window.__pwned=1",
        "JaVaScRiPt:window.__pwned=1",
        "<a href=\"javascript:window.__pwned=1\">click</a>",
        "<body onload=window.__pwned=1>",
        "<details open ontoggle=window.__pwned=1>",
        "<video><source onerror=\"window.__pwned=1\"></video>",
        "<audio src=x onerror=window.__pwned=1>",
        "<input autofocus onfocus=window.__pwned=1>",
        "<select autofocus onfocus=window.__pwned=1>",
        "<textarea autofocus onfocus=window.__pwned=1>",
        "<marquee onstart=window.__pwned=1>",
        "<object data=\"javascript:window.__pwned=1\">",
        "<embed src=\"javascript:window.__pwned=1\">",
        "<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>",
        "<style>@import 'javascript:window.__pwned=1';</style>",
        "<link rel=stylesheet href=\"javascript:window.__pwned=1\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__pwned=1\">",
        "<form action=\"javascript:window.__pwned=1\"><button>x</button></form>",
        "\"><script>window.__pwned=1</script>",
        "'><img src=x onerror=window.__pwned=1>",
        "</td><script>window.__pwned=1</script>",
        "</title><script>window.__pwned=1</script>",
        "<!--<img src=\"--><img src=x onerror=window.__pwned=1//\">",
        "<scr<script>ipt>window.__pwned=1</scr</script>ipt>",
        "&lt;script&gt;window.__pwned=1&lt;/script&gt;",
        "&#60;img src=x onerror=window.__pwned=1&#62;",
        "%3Cscript%3Ewindow.__pwned=1%3C/script%3E",
        "${window.__pwned=1}",
        "{{constructor.constructor('window.__pwned=1')()}}",
        "data:text/html,<script>window.__pwned=1</script>",
        "<base href=\"javascript:window.__pwned=1//\">",
        "<div style=\"background:url(javascript:window.__pwned=1)\">",
        "<x onmouseover=window.__pwned=1>hover</x>",
        "<img src=\"x\" onerror=\"eval(atob('d2luZG93Ll9fcHduZWQ9MQ=='))\">",
        "\u{202E}gnp.exe\u{202C}",
        "right\u{202E}to-left override",
        "zero\u{200B}width\u{200B}spaces",
        "bell\u{7}and\u{1b}[31mescape",
        "null\u{0}byte",
        "line\nbreak\rcarriage",
        "tab\there",
        "\u{FEFF}bom-prefixed",
        "combining\u{0301}\u{0301}\u{0301}\u{0301}\u{0301}marks",
        "emoji \u{1F525}\u{1F480} names",
        "中文集合名称",
        "עברית",
        "\u{FFFD}replacement",
        "a\u{2028}line-separator",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    names.push(format!("long_{}", "x".repeat(995)));
    names.push(format!("<b>{}</b>", "W".repeat(300)));
    names
}

#[cfg(test)]
mod tests {
    #[test]
    fn corpus_has_at_least_fifty_distinct_names() {
        let names = super::corpus();
        let distinct: std::collections::BTreeSet<_> = names.iter().collect();
        assert!(distinct.len() >= 50, "only {} names", distinct.len());
        assert_eq!(distinct.len(), names.len());
    }
}
