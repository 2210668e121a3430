//! Plain stream mode through a real shell pipe (`for f in *.yaml; do echo ---; cat $f; done | capsule-render`), the way Helm's
//! `--post-renderer` calls it: a multi-document stream in, the stream with Capsule's objects out.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_capsule-render");

fn sh(script: &str) -> std::process::Output {
    Command::new("/bin/sh")
        .args(["-c", script])
        .env("BIN", BIN)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("sh runs")
}

#[test]
fn a_pipe_gives_the_same_objects_as_render() {
    // The example files do not start with `---`: a separator before each file, as Helm writes.
    let piped =
        sh("for f in examples/envoy-gateway/*.yaml; do echo ---; cat \"$f\"; done | \"$BIN\"");
    assert!(
        piped.status.success(),
        "{}",
        String::from_utf8_lossy(&piped.stderr)
    );
    let rendered = sh("\"$BIN\" render examples/envoy-gateway");
    assert!(rendered.status.success());
    let piped = String::from_utf8_lossy(&piped.stdout);
    let rendered = String::from_utf8_lossy(&rendered.stdout);
    // Not a ResourceList: a stream.
    assert!(!piped.contains("kind: ResourceList"));
    let kinds = |s: &str| {
        let mut k: Vec<String> = s
            .lines()
            .filter(|l| l.starts_with("kind: "))
            .map(str::to_string)
            .collect();
        k.sort();
        k
    };
    assert_eq!(kinds(&piped), kinds(&rendered));
    for want in [
        "name: tenant-lunar-gateway",
        "name: venus-acme-http",
        "projectcapsule.dev/managed-by: replications",
    ] {
        assert!(piped.contains(want), "{want} missing:\n{piped}");
    }
}

#[test]
fn a_post_renderer_pipe_passes_through_what_it_does_not_own() {
    // What `helm template` hands a post-renderer: documents with `# Source:` comments.
    let out = sh(
        "printf '%s\\n' '---' '# Source: chart/templates/cm.yaml' 'apiVersion: v1' 'kind: ConfigMap' \
         'metadata:' '  name: x' 'data:' '  on: \"yes\"' | \"$BIN\"",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("kind: ConfigMap"), "{text}");
    assert!(text.contains("name: x"), "{text}");
    assert!(text.contains("\"yes\""), "{text}");
}

#[test]
fn a_broken_stream_fails_with_a_message_and_no_output() {
    let out = sh("printf 'kind: [unclosed\\n' | \"$BIN\"");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("capsule-render: "));
}
