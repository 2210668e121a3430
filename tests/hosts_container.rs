//! The container function without a container engine (none on this machine): the static (musl)
//! binary, run by tests/fixtures/hosts/docker — a `docker` stand-in that runs it the way docker
//! runs the image of ../Dockerfile (stdin/stdout only, `unshare -n`, an empty environment except
//! `-e`, uid 65534, an empty read-only root entered with chroot) — under the real
//! `kubectl kustomize --enable-alpha-plugins` (`container:` transformer) and kpt (`--image`).
//!
//! Each test is skipped, with the reason printed, when the musl target is not installed
//! (`rustup target add x86_64-unknown-linux-musl`), when we are not root (chroot and setting the
//! uid need it), or when the host tool is missing.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

const BIN: &str = env!("CARGO_BIN_EXE_capsule-render");
const TARGET: &str = "x86_64-unknown-linux-musl";
const IMAGE: &str = "ghcr.io/capsule-render/capsule-render:v0.1.0";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Builds (or finds up to date) the static binary, in its own target dir so that the build does
/// not wait for the lock of the `cargo test` that runs us. `Err` is the reason to skip.
fn static_binary() -> Result<&'static Path, String> {
    static BUILT: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let installed = Command::new("rustup")
                .args(["target", "list", "--installed"])
                .output()
                .map_err(|e| format!("rustup is not available ({e})"))?;
            if !String::from_utf8_lossy(&installed.stdout).contains(TARGET) {
                return Err(format!(
                    "the {TARGET} target is not installed (rustup target add {TARGET})"
                ));
            }
            let target_dir = root().join("target/static");
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
            let out = Command::new(cargo)
                .args(["build", "--release", "--locked", "--target", TARGET])
                .args(["--bin", "capsule-render"])
                .env("CARGO_TARGET_DIR", &target_dir)
                .current_dir(root())
                .output()
                .map_err(|e| format!("cargo did not start: {e}"))?;
            assert!(
                out.status.success(),
                "the static build failed:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
            Ok(target_dir.join(TARGET).join("release/capsule-render"))
        })
        .as_ref()
        .map(PathBuf::as_path)
        .map_err(Clone::clone)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

/// The static binary, or the reason this test is skipped (printed).
fn prerequisites() -> Option<&'static Path> {
    if !is_root() {
        println!("skipped: chroot and uid 65534 need root");
        return None;
    }
    match static_binary() {
        Ok(path) => Some(path),
        Err(reason) => {
            println!("skipped: {reason}");
            None
        }
    }
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "capsule-render-container-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Runs `binary ARGS` as uid 65534 in a root that holds nothing but the binary, with no network
/// and an empty environment, `input` on stdin.
fn run_in_empty_root(binary: &Path, args: &[&str], input: &[u8]) -> std::process::Output {
    let dir = temp_dir("root");
    let jail = dir.join("root");
    std::fs::create_dir_all(&jail).expect("root dir");
    std::fs::copy(binary, jail.join("capsule-render")).expect("copy");
    // The environment is emptied, so chroot is named by its path.
    let chroot = ["/usr/sbin/chroot", "/usr/bin/chroot"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .expect("chroot (coreutils) is installed");
    let mut child = Command::new("unshare")
        .args(["-n", chroot, "--userspec=65534:65534"])
        .arg(&jail)
        .arg("/capsule-render")
        .args(args)
        .env_clear()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("unshare runs");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("piped");
        let _ = stdin.write_all(input);
    }
    let out = child.wait_with_output().expect("wait");
    let _ = std::fs::remove_dir_all(&dir);
    out
}

/// The examples/envoy-gateway files as one stream (a `---` before each file).
fn envoy_gateway_stream() -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("examples/envoy-gateway"))
        .expect("example")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    let mut text = String::new();
    for f in files {
        text.push_str("---\n");
        text.push_str(&std::fs::read_to_string(f).expect("read"));
    }
    text
}

#[test]
fn the_static_binary_runs_in_an_empty_root_as_nobody() {
    let Some(binary) = prerequisites() else {
        return;
    };
    let out = run_in_empty_root(binary, &["--version"], b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("capsule-render {}\n", env!("CARGO_PKG_VERSION"))
    );
    // It renders there exactly what the host binary renders.
    let stream = envoy_gateway_stream();
    let jailed = run_in_empty_root(binary, &[], stream.as_bytes());
    assert!(
        jailed.status.success(),
        "{}",
        String::from_utf8_lossy(&jailed.stderr)
    );
    let mut host = Command::new(BIN)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("host binary");
    {
        use std::io::Write;
        let mut stdin = host.stdin.take().expect("piped");
        stdin.write_all(stream.as_bytes()).expect("write");
    }
    let host = host.wait_with_output().expect("wait");
    assert_eq!(jailed.stdout, host.stdout);
    assert!(String::from_utf8_lossy(&jailed.stdout).contains("kind: EnvoyProxy"));
    // The root really is empty: the dynamically linked test binary cannot start there.
    let dynamic = run_in_empty_root(Path::new(BIN), &["--version"], b"");
    assert!(!dynamic.status.success());
}

fn docker_path() -> String {
    format!(
        "{}:{}",
        root().join("tests/fixtures/hosts").display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

const EXAMPLE_FILES: [&str; 5] = [
    "namespaces.yaml",
    "tenants.yaml",
    "httproutes.yaml",
    "managed-envoy-gateway.yaml",
    "tenant-acme-issuer.yaml",
];

fn assert_stack(output: &str) {
    for tenant in ["lunar", "solar", "venus"] {
        for want in [
            format!("name: tenant-{tenant}-gateway\n  namespace: tenant-{tenant}-system"),
            format!("name: {tenant}-acme-http\n  namespace: tenant-{tenant}-system"),
        ] {
            assert!(output.contains(&want), "{want} missing:\n{output}");
        }
    }
    let proxies = output.lines().filter(|l| *l == "kind: EnvoyProxy").count();
    assert_eq!(proxies, 3, "{output}");
}

#[test]
fn kubectl_kustomize_container_transformer_through_the_docker_stand_in() {
    let Some(binary) = prerequisites() else {
        return;
    };
    let kubectl = "/usr/bin/kubectl";
    if !Path::new(kubectl).exists() {
        println!("skipped: {kubectl} is not installed");
        return;
    }
    let dir = temp_dir("kustomize");
    for f in EXAMPLE_FILES {
        std::fs::copy(root().join("examples/envoy-gateway").join(f), dir.join(f)).expect("copy");
    }
    std::fs::write(
        dir.join("kustomization.yaml"),
        format!(
            "resources:\n{}transformers:\n- render-config.yaml\n",
            EXAMPLE_FILES.map(|f| format!("- {f}\n")).concat()
        ),
    )
    .expect("write");
    std::fs::write(
        dir.join("render-config.yaml"),
        format!(
            "apiVersion: capsule-render.dev/v1alpha1\nkind: RenderConfig\nmetadata:\n  name: capsule-render\n  annotations:\n    config.kubernetes.io/function: |\n      container:\n        image: {IMAGE}\nspec:\n  runChecks: true\n"
        ),
    )
    .expect("write");
    let log = dir.join("docker.log");
    let out = Command::new(kubectl)
        .args([
            "kustomize",
            "--enable-alpha-plugins",
            "-e",
            "TENANT_DOMAIN=example.com",
        ])
        .arg(&dir)
        .env("PATH", docker_path())
        .env("FAKE_DOCKER_BINARY", binary)
        .env("FAKE_DOCKER_LOG", &log)
        .output()
        .expect("kubectl runs");
    assert!(
        out.status.success(),
        "kubectl kustomize failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_stack(&String::from_utf8_lossy(&out.stdout));
    let argv = std::fs::read_to_string(&log).expect("the stand-in ran");
    assert!(argv.contains("--network none"), "{argv}");
    assert!(argv.contains("--user nobody"), "{argv}");
    assert!(argv.contains("-e TENANT_DOMAIN=example.com"), "{argv}");
    assert!(argv.trim_end().ends_with(IMAGE), "{argv}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn kpt_fn_eval_image_through_the_docker_stand_in() {
    let Some(binary) = prerequisites() else {
        return;
    };
    let kpt = "/usr/bin/kpt";
    if !Path::new(kpt).exists() {
        println!("skipped: {kpt} is not installed");
        return;
    }
    let dir = temp_dir("kpt");
    let pkg = dir.join("envoy-gateway");
    std::fs::create_dir_all(&pkg).expect("pkg");
    for f in EXAMPLE_FILES.iter().chain(&["Kptfile"]) {
        std::fs::copy(root().join("examples/envoy-gateway").join(f), pkg.join(f)).expect("copy");
    }
    let log = dir.join("docker.log");
    let out = Command::new(kpt)
        .args(["fn", "eval"])
        .arg(&pkg)
        .args(["--image", IMAGE, "-o", "unwrap"])
        .env("PATH", docker_path())
        .env("FAKE_DOCKER_BINARY", binary)
        .env("FAKE_DOCKER_LOG", &log)
        .output()
        .expect("kpt runs");
    assert!(
        out.status.success(),
        "kpt fn eval failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_stack(&String::from_utf8_lossy(&out.stdout));
    let argv = std::fs::read_to_string(&log).expect("the stand-in ran");
    assert!(argv.contains("--network none --user nobody"), "{argv}");
    let _ = std::fs::remove_dir_all(&dir);
}
