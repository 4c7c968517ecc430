//! The console's stylesheet, adopted by the document (standalone page) or by the shadow root of
//! an embedded instance. A constructed stylesheet needs no inline `<style>`, so a host page's
//! Content-Security-Policy does not have to allow inline styles for it.

use wasm_bindgen::JsValue;
use web_sys::CssStyleSheet;

const STYLE: &str = include_str!("style.css");

/// Adds the console's stylesheet to `target` (a `Document` or a `ShadowRoot`), once.
pub fn adopt(target: &JsValue) -> Result<(), JsValue> {
    let key = JsValue::from_str("adoptedStyleSheets");
    let current = js_sys::Reflect::get(target, &key)?;
    let sheets: js_sys::Array = if current.is_undefined() {
        js_sys::Array::new()
    } else {
        js_sys::Array::from(&current)
    };
    let marker = JsValue::from_str("__milvusLoadConsoleSheet");
    if sheets
        .iter()
        .any(|s| js_sys::Reflect::has(&s, &marker).unwrap_or(false))
    {
        return Ok(());
    }
    let sheet = CssStyleSheet::new()?;
    sheet.replace_sync(STYLE)?;
    js_sys::Reflect::set(&sheet, &marker, &JsValue::TRUE)?;
    sheets.push(&sheet);
    js_sys::Reflect::set(target, &key, &sheets)?;
    Ok(())
}
