//! rawItems (`handleRawItem`): the item's JSON text is fast-templated as a whole (keys, values,
//! and any other `{{ … }}` sequence, which becomes empty), then decoded; `kind` must be there.

use serde_json::Value as Json;

use super::fast_template::FastContext;

/// Renders one raw item. Errors carry Capsule's message (`decode unstructured: …`).
pub fn render_raw_item(raw: &Json, fast: &FastContext) -> Result<Json, String> {
    let text = serde_json::to_string(raw).map_err(|e| format!("decode unstructured: {e}"))?;
    let templated = fast.apply(&text).map_err(|e| e.message)?;
    let mut obj: Json =
        serde_json::from_str(&templated).map_err(|e| format!("decode unstructured: {e}"))?;
    // Held until the output is written: without the room serde_json's decoder leaves.
    crate::json_field::compact(&mut obj);
    let has_kind = obj
        .get("kind")
        .and_then(Json::as_str)
        .is_some_and(|k| !k.is_empty());
    if !obj.is_object() || !has_kind {
        return Err(format!(
            "decode unstructured: Object 'Kind' is missing in '{templated}'"
        ));
    }
    Ok(obj)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fc(t: &str, ns: Option<&str>) -> FastContext {
        FastContext {
            tenant: Some(t.into()),
            namespace: ns.map(str::to_string),
        }
    }

    #[test]
    fn whole_text_is_templated() {
        let raw = json!({"apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": "{{tenant.name}}-{{namespace}}"},
            "data": {"{{ tenant.name }}": "x", "helm": "{{ .Values.x }}", "plain": "a}}b"}});
        let got = render_raw_item(&raw, &fc("solar", Some("solar-one"))).expect("valid");
        assert_eq!(
            got,
            json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "solar-solar-one"},
                "data": {"solar": "x", "helm": "", "plain": "a}}b"}})
        );
    }

    #[test]
    fn kind_templated_away_is_an_error() {
        let raw = json!({"apiVersion": "v1", "kind": "{{ unknown }}"});
        let e = render_raw_item(&raw, &fc("t", None)).expect_err("no kind");
        assert!(
            e.starts_with("decode unstructured: Object 'Kind' is missing in '"),
            "{e}"
        );
    }

    #[test]
    fn unterminated_tag() {
        let raw = json!({"kind": "X", "a": "}}", "b": "{{ x"});
        assert!(render_raw_item(&raw, &fc("t", None)).is_err());
    }
}
