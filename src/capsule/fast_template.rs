//! Capsule's "fast template" (`pkg/template/fast.go`, valyala/fasttemplate with `{{`/`}}`):
//! the substitution applied to rawItems, additionalMetadata and ResourceReference fields.
//! Keys are exactly `tenant.name` and `namespace` (surrounding spaces trimmed); any other key,
//! or a key without a value in this scope, becomes the empty string.

/// The values available to fast templates in one rendering iteration
/// (`ContextForTenantAndNamespace`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FastContext {
    /// `tenant.name`.
    pub tenant: Option<String>,
    /// `namespace`: the target namespace, in Namespace scope and for TenantResources.
    pub namespace: Option<String>,
}

/// fasttemplate's failure when a `{{` has no later `}}` (Capsule: the library panics and the
/// reconcile fails).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FastTemplateError {
    pub message: String,
}

impl FastContext {
    fn lookup(&self, key: &str) -> Option<&str> {
        match key {
            "tenant.name" => self.tenant.as_deref(),
            "namespace" => self.namespace.as_deref(),
            _ => None,
        }
    }

    /// `FastTemplate(s, ctx)`: unchanged unless `s` contains both `{{` and `}}`; otherwise every
    /// `{{tag}}` is replaced by the value of the trimmed tag (empty when unknown).
    pub fn apply(&self, s: &str) -> Result<String, FastTemplateError> {
        if !requires_fast_template(s) {
            return Ok(s.to_string());
        }
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        while let Some(start) = rest.find("{{") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find("}}") else {
                return Err(FastTemplateError {
                    message: format!(
                        "cannot find end tag=\"}}}}\" in the template={s:?} starting from {after:?}"
                    ),
                });
            };
            if let Some(v) = self.lookup(after[..end].trim()) {
                out.push_str(v);
            }
            rest = &after[end + 2..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

/// `RequiresFastTemplate`: both `{{` and `}}` occur somewhere.
pub fn requires_fast_template(s: &str) -> bool {
    s.contains("{{") && s.contains("}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both() -> FastContext {
        FastContext {
            tenant: Some("tenant-a".into()),
            namespace: Some("ns-1".into()),
        }
    }

    // Capsule pkg/template/fast_test.go (capsule-semantics.md §8.3.1).
    #[test]
    fn needs_templating() {
        let cases = [
            ("plain text without templates", false),
            ("{{ only open", false),
            ("only close }}", false),
            ("hello {{ .Name }}", true),
            ("{{.Value}}", true),
            ("", false),
            ("{ value }", false),
            ("{{ {{ .Nested }} }}", true),
        ];
        for (s, want) in cases {
            assert_eq!(requires_fast_template(s), want, "{s}");
        }
    }

    // §8.3.2, §8.3.3
    #[test]
    fn substitutes_known_keys_and_empties_unknown() {
        let c = both();
        assert_eq!(
            c.apply("tenant={{tenant.name}}, ns={{namespace}}").ok(),
            Some("tenant=tenant-a, ns=ns-1".into())
        );
        assert_eq!(
            c.apply("tenant={{ tenant.name }}, ns={{ namespace }}").ok(),
            Some("tenant=tenant-a, ns=ns-1".into())
        );
        assert_eq!(c.apply("X={{unknown.key}}").ok(), Some("X=".into()));
        assert_eq!(c.apply("X={{ unknown.key }}").ok(), Some("X=".into()));
        assert_eq!(c.apply("plain").ok(), Some("plain".into()));
        // A dotted key is not `namespace` (e2e TR 8.6-5).
        assert_eq!(c.apply("{{.namespace}}").ok(), Some(String::new()));
    }

    #[test]
    fn namespace_absent_in_tenant_scope() {
        let c = FastContext {
            tenant: Some("acme".into()),
            namespace: None,
        };
        assert_eq!(
            c.apply("{{tenant.name}}-{{namespace}}").ok(),
            Some("acme-".into())
        );
    }

    #[test]
    fn nested_open_tag_is_part_of_the_tag() {
        assert_eq!(both().apply("{{ {{ .Nested }} }}").ok(), Some(" }}".into()));
    }

    #[test]
    fn unterminated_tag_errors() {
        let e = both()
            .apply("a }} b {{ tenant.name")
            .expect_err("no end tag after the last {{");
        assert!(
            e.message.starts_with("cannot find end tag=\"}}\""),
            "{}",
            e.message
        );
        // Only `{{` without any `}}`: left untouched.
        assert_eq!(both().apply("a {{ b").ok(), Some("a {{ b".into()));
    }
}
