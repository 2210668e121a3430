//! Generators (`RenderUnstructuredItems`): the template is parsed once per replication and
//! executed per iteration with `missingkey=<missingKey>`; the output is split and decoded with
//! Kubernetes' YAML-or-JSON stream rules (YAML 1.1 scalars) and each document disposed of as in
//! capsule-semantics.md §3.4: empty/`null`/`{}` and mappings with neither `apiVersion` nor
//! `kind` are skipped, a sequence or scalar root is a decode error, the rest is kept in order.

use serde_json::Value as Json;

use crate::template::{
    ExecOptions, FuncEvent, FuncMap, MissingKey, RenderEnv, Template, TemplateError, Value,
};
use crate::yaml;

/// A generator failure, with Capsule's message.
#[derive(Clone, Debug, PartialEq)]
pub enum GeneratorError {
    /// Parse or execution error of the template.
    Template(TemplateError),
    /// The rendered text is not a stream of objects.
    Decode { message: String, rendered: String },
}

impl GeneratorError {
    /// `error running generator: …` as Capsule's status shows it.
    pub fn capsule_message(&self) -> String {
        match self {
            GeneratorError::Template(e) => format!("error running generator: {}", e.go_message),
            GeneratorError::Decode { message, rendered } => format!(
                "error running generator: decode yaml: {message}\nrendered template:\n{}",
                with_line_numbers(rendered)
            ),
        }
    }
}

/// The rendered text with 1-based line numbers, for decode errors.
pub fn with_line_numbers(s: &str) -> String {
    let mut out = String::new();
    for (i, line) in s.lines().enumerate() {
        out.push_str(&format!("{:>4}: {line}\n", i + 1));
    }
    out
}

/// A generator whose template is parsed at most once.
#[derive(Debug)]
pub struct CompiledGenerator {
    pub source: String,
    pub missing_key: MissingKey,
    parsed: Option<Result<Template, TemplateError>>,
}

/// One successful execution.
#[derive(Debug)]
pub struct GeneratorOutput {
    pub objects: Vec<Json>,
    pub rendered: String,
    pub events: Vec<FuncEvent>,
}

impl CompiledGenerator {
    /// A generator not parsed yet (Capsule parses only when there is something to render).
    pub fn new(source: &str, missing_key: MissingKey) -> CompiledGenerator {
        CompiledGenerator {
            source: source.to_string(),
            missing_key,
            parsed: None,
        }
    }

    /// Renders for one iteration.
    pub fn run(
        &mut self,
        funcs: &FuncMap,
        data: &Value,
        env: &mut RenderEnv,
    ) -> Result<GeneratorOutput, GeneratorError> {
        if self.source.is_empty() {
            return Ok(GeneratorOutput {
                objects: Vec::new(),
                rendered: String::new(),
                events: Vec::new(),
            });
        }
        let source = &self.source;
        let parsed = self
            .parsed
            .get_or_insert_with(|| Template::parse("tpl", source, funcs));
        let tpl = parsed
            .as_ref()
            .map_err(|e| GeneratorError::Template(e.clone()))?;
        let opts = ExecOptions {
            missing_key: self.missing_key,
            ..ExecOptions::default()
        };
        let rendered = tpl
            .execute(data, &opts, env)
            .map_err(GeneratorError::Template)?;
        let events = std::mem::take(&mut env.events);
        let objects = decode_documents(&rendered)?;
        Ok(GeneratorOutput {
            objects,
            rendered,
            events,
        })
    }
}

/// Splits and filters rendered output.
pub fn decode_documents(rendered: &str) -> Result<Vec<Json>, GeneratorError> {
    let docs = yaml::decode_k8s_stream(rendered).map_err(|e| GeneratorError::Decode {
        // sigs.k8s.io/yaml wraps go-yaml's errors so; JSON streams report encoding/json's.
        message: if rendered.trim_start().starts_with('{') {
            e.message.clone()
        } else {
            format!(
                "error converting YAML to JSON: yaml: line {}: {}",
                e.line, e.message
            )
        },
        rendered: rendered.to_string(),
    })?;
    dispose_documents(docs, rendered)
}

/// Keeps the documents Capsule applies (see the module documentation).
pub fn dispose_documents(docs: Vec<Json>, rendered: &str) -> Result<Vec<Json>, GeneratorError> {
    let mut out = Vec::new();
    for d in docs {
        match d {
            Json::Null => {}
            Json::Object(ref m) => {
                if m.is_empty() {
                    continue;
                }
                let av = m.get("apiVersion").and_then(Json::as_str).unwrap_or("");
                let kind = m.get("kind").and_then(Json::as_str).unwrap_or("");
                if av.is_empty() && kind.is_empty() {
                    continue;
                }
                out.push(d);
            }
            other => {
                let what = match other {
                    Json::Array(_) => "array",
                    Json::String(_) => "string",
                    Json::Number(_) => "number",
                    _ => "bool",
                };
                return Err(GeneratorError::Decode {
                    message: format!(
                        "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {what} into Go value of type map[string]interface {{}}"
                    ),
                    rendered: rendered.to_string(),
                });
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    //! Capsule's `unstructured_test.go` facts (capsule-semantics.md §8.2). They need the
    //! template engine and the YAML reader; until those land they return early.
    use super::*;
    use crate::sprig::capsule_func_map;
    use serde_json::json;

    fn engine_ready() -> bool {
        let funcs = FuncMap::new();
        Template::parse("tpl", "x", &funcs)
            .ok()
            .and_then(|t| {
                t.execute(
                    &Value::Nil,
                    &ExecOptions::default(),
                    &mut RenderEnv::default(),
                )
                .ok()
            })
            .is_some_and(|s| s == "x")
            && yaml::decode_k8s_stream("a: b\n").is_ok()
    }

    fn data(v: Json) -> Value {
        Value::from_json(&v)
    }

    fn run(tpl: &str, mk: MissingKey, d: Json) -> Result<Vec<Json>, GeneratorError> {
        let funcs = capsule_func_map();
        let mut g = CompiledGenerator::new(tpl, mk);
        g.run(&funcs, &data(d), &mut RenderEnv::default())
            .map(|o| o.objects)
    }

    fn names(v: &[Json]) -> Vec<String> {
        v.iter()
            .map(|o| {
                format!(
                    "{}/{}",
                    crate::capsule::object::kind(o),
                    crate::capsule::object::name(o)
                )
            })
            .collect()
    }

    #[test]
    fn empty_template_renders_nothing() {
        assert_eq!(
            run("", MissingKey::Zero, json!({})).ok().map(|v| v.len()),
            Some(0)
        );
    }

    #[test]
    fn capsule_unstructured_facts() {
        if !engine_ready() {
            eprintln!("template engine or YAML reader not built yet: skipped");
            return;
        }
        use MissingKey::*;
        // 1
        let got = run(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .name }}\n",
            Error,
            json!({"name": "cm-1"}),
        );
        assert_eq!(
            got.map(|v| names(&v)),
            Ok(vec!["ConfigMap/cm-1".to_string()])
        );
        // 2
        let t = "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-1\n---\n# only a comment\n---\n# comment\n\n---\nnull\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-2\n";
        assert_eq!(
            run(t, Error, json!({})).map(|v| names(&v)),
            Ok(vec!["Namespace/ns-1".into(), "ConfigMap/cm-2".into()])
        );
        // 3
        let t = "metadata:\n  name: skipped\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kept\n";
        assert_eq!(
            run(t, Error, json!({})).map(|v| names(&v)),
            Ok(vec!["ConfigMap/kept".into()])
        );
        // 4
        let t = "apiVersion: v1\nmetadata:\n  name: only-apiversion\n---\nkind: ConfigMap\nmetadata:\n  name: only-kind\n";
        assert_eq!(run(t, Error, json!({})).map(|v| v.len()), Ok(2));
        // 5
        let t = r#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm-json"}}"#;
        assert_eq!(
            run(t, Error, json!({})).map(|v| names(&v)),
            Ok(vec!["ConfigMap/cm-json".into()])
        );
        // 6
        assert!(matches!(
            run("name: {{ .name", Error, json!({})),
            Err(GeneratorError::Template(_))
        ));
        // 7
        let t = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .doesNotExist }}\n";
        assert!(run(t, Error, json!({})).is_err());
        let got = run(t, Zero, json!({})).expect("zero mode renders");
        assert_eq!(got[0]["metadata"]["name"], "<no value>");
        // 8
        let e = run("  a: b\n   c: d\n", Error, json!({})).expect_err("bad indent");
        assert!(e.capsule_message().contains("decode yaml"));
        // 9
        for t in [
            "- apiVersion: v1\n  kind: ConfigMap\n",
            "just-a-string\n",
            "\n   \n\t\n",
        ] {
            let e = run(t, Error, json!({})).expect_err(t);
            assert!(
                e.capsule_message()
                    .starts_with("error running generator: decode yaml"),
                "{t}"
            );
        }
        // 10
        let t = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{{ index .list 0 }}\ndata:\n  x: {{ .outer.inner }}\n";
        let got = run(
            t,
            Error,
            json!({"outer": {"inner": "v"}, "list": ["a", "b"]}),
        )
        .expect("renders");
        assert_eq!(got[0]["metadata"]["name"], "cm-a");
        // 11
        let t = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {{ .ns }}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-1\n  namespace: {{ .ns }}\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s-1\n  namespace: {{ .ns }}\n";
        let got = run(t, Error, json!({"ns": "ns-1"})).expect("renders");
        assert_eq!(got.len(), 3);
        assert_eq!(got[2]["metadata"]["namespace"], "ns-1");
        // 12
        let t = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm-a\"}}\n{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm-b\"}}\n{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"ns-c\"}}\n";
        assert_eq!(
            run(t, Error, json!({})).map(|v| names(&v)),
            Ok(vec![
                "ConfigMap/cm-a".into(),
                "ConfigMap/cm-b".into(),
                "Namespace/ns-c".into()
            ])
        );
        // 14
        let t = "{}\n---\nnull\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-1\n---\n{} # comment\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-1\n";
        assert_eq!(
            run(t, Error, json!({})).map(|v| names(&v)),
            Ok(vec!["ConfigMap/cm-1".into(), "Namespace/ns-1".into()])
        );
    }

    // render_test.go (§8.1)
    #[test]
    fn capsule_render_facts() {
        if !engine_ready() {
            return;
        }
        let funcs = capsule_func_map();
        let exec = |src: &str, mk: MissingKey, d: Json| {
            Template::parse("tpl", src, &funcs).and_then(|t| {
                t.execute(
                    &data(d),
                    &ExecOptions {
                        missing_key: mk,
                        ..ExecOptions::default()
                    },
                    &mut RenderEnv::default(),
                )
            })
        };
        let d = json!({"tenant": {"metadata": {"name": "solar"}}, "namespace": {"metadata": {"name": "solar-prod"}}});
        assert_eq!(
            exec(
                "{{ .tenant.metadata.name }}/{{ .namespace.metadata.name }}/app:1",
                MissingKey::Error,
                d
            )
            .ok(),
            Some("solar/solar-prod/app:1".into())
        );
        let d =
            json!({"namespace": {"metadata": {"labels": {"registry-prefix": "harbor/team-a"}}}});
        assert_eq!(
            exec(
                "{{ index .namespace.metadata.labels \"registry-prefix\" }}/app:1",
                MissingKey::Error,
                d
            )
            .ok(),
            Some("harbor/team-a/app:1".into())
        );
        assert_eq!(
            exec(
                "{{ .registry | upper }}/app:1",
                MissingKey::Error,
                json!({"registry": "harbor"})
            )
            .ok(),
            Some("HARBOR/app:1".into())
        );
        let d = json!({"namespace": {"metadata": {"labels": {}}}});
        assert!(
            exec(
                "{{ .namespace.metadata.labels.registry }}/app:1",
                MissingKey::Error,
                d.clone()
            )
            .is_err()
        );
        assert_eq!(
            exec(
                "{{ .namespace.metadata.labels.registry }}/app:1",
                MissingKey::Invalid,
                d
            )
            .ok(),
            Some("<no value>/app:1".into())
        );
        assert!(exec("{{ .tenant.metadata.name ", MissingKey::Error, json!({})).is_err());
    }

    #[test]
    fn document_disposition() {
        let docs = vec![
            Json::Null,
            json!({}),
            json!({"metadata": {"name": "skipped"}}),
            json!({"apiVersion": "v1", "metadata": {"name": "only-apiversion"}}),
            json!({"kind": "ConfigMap", "metadata": {"name": "only-kind"}}),
            json!({"apiVersion": 1, "kind": ["x"], "metadata": {"name": "typed-away"}}),
        ];
        let got = dispose_documents(docs, "").expect("no error");
        assert_eq!(got.len(), 2);
        for bad in [json!(["a"]), json!("just-a-string"), json!(3)] {
            let e = dispose_documents(vec![bad], "x").expect_err("root must be a map");
            assert!(
                e.capsule_message()
                    .starts_with("error running generator: decode yaml: ")
            );
        }
    }

    #[test]
    fn line_numbers() {
        assert_eq!(with_line_numbers("a\nb"), "   1: a\n   2: b\n");
    }
}
