//! krm-fn.yaml, the ready-to-use function declaration at the repository root, as kpt's function
//! config: `kpt fn eval PKG --exec capsule-render --fn-config krm-fn.yaml` on a copy of
//! examples/envoy-gateway. Skipped, with the reason printed, when kpt is missing.

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_capsule-render");
const KPT: &str = "/usr/bin/kpt";

#[test]
fn krm_fn_yaml_is_a_valid_function_config_for_kpt() {
    if !Path::new(KPT).exists() {
        println!("skipped: {KPT} is not installed");
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("capsule-render-krm-fn-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    for entry in std::fs::read_dir(root.join("examples/envoy-gateway"))
        .expect("example")
        .flatten()
    {
        std::fs::copy(entry.path(), dir.join(entry.file_name())).expect("copy");
    }
    let out = Command::new(KPT)
        .args(["fn", "eval"])
        .arg(&dir)
        .args(["--exec", BIN, "--fn-config"])
        .arg(root.join("krm-fn.yaml"))
        .args(["-o", "unwrap"])
        .output()
        .expect("kpt runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let gateways = stdout.lines().filter(|l| *l == "kind: Gateway").count();
    assert_eq!(gateways, 3, "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}
