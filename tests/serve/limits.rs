//! Limits and safety of the server: no path traversal through any route or parameter,
//! only GET, bounded bodies and targets, security headers, 127.0.0.1 by default, read-only.

use std::io::{BufRead, BufReader};
use std::process::{Command as Process, Stdio};

use assert_cmd::cargo::CommandCargoExt;

use crate::support::{addr, fixture, get, raw};

#[test]
fn no_path_traversal_through_any_route() {
    for target in [
        "/assets/../Cargo.toml",
        "/assets/%2e%2e/Cargo.toml",
        "/assets/..%2fCargo.toml",
        "/assets/%2e%2e%2f%2e%2e%2fCargo.toml",
        "/../../Cargo.toml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/projects/..%2f..%2fCargo.toml",
        "/api/projects/%2e%2e%2f%2e%2e%2fCargo.toml",
        "/api/projects/..%5c..%5cCargo.toml",
        "/api/export?format=csv&source=..%2f..%2fCargo.toml",
        "/api/export?format=..%2fCargo.toml",
        "/?source=../../etc/passwd",
        "/assets/style.css/../../Cargo.toml",
    ] {
        let r = get(target);
        let body = String::from_utf8_lossy(&r.body);
        assert!(
            !body.contains("[package]") && !body.contains("root:x:"),
            "{target} leaked a file"
        );
        assert!(
            [200, 400, 404].contains(&r.status),
            "{target}: unexpected status {}",
            r.status
        );
        if r.status == 200 {
            assert!(!body.contains("Cargo.toml\n"), "{target}");
        }
    }
}

#[test]
fn only_get_and_bounded_requests() {
    let post = raw(
        addr(),
        "POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
    );
    assert_eq!(post.status, 405);
    assert!(post.json()["error"].as_str().unwrap().contains("read-only"));
    let big = raw(addr(), "GET /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\nConnection: close\r\n\r\n");
    assert_eq!(big.status, 413);
    let long = get(&format!("/api/search?q={}", "a".repeat(9000)));
    assert_eq!(long.status, 414);
    let many = get(&format!("/api/search?{}", "source=a&".repeat(500)));
    assert_eq!(many.status, 400);
}

#[test]
fn responses_carry_security_headers() {
    for target in ["/", "/api/search", "/nowhere", "/api/search?page=0"] {
        let r = get(target);
        let csp = r.header("content-security-policy").unwrap_or_default();
        assert!(
            csp.contains("default-src 'none'") && csp.contains("script-src 'self'"),
            "{target}"
        );
        assert_eq!(
            r.header("x-content-type-options"),
            Some("nosniff"),
            "{target}"
        );
    }
}

#[test]
fn cli_listens_on_loopback_by_default_and_refuses_a_missing_catalogue() {
    let dir = &fixture().dir;
    let mut child = Process::cargo_bin("landscape")
        .unwrap()
        .args(["serve", "--port", "0", "--catalogue"])
        .arg(dir)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(line.contains("at http://127.0.0.1:"), "{line}");

    let missing = tempfile::tempdir().unwrap();
    let out = Process::cargo_bin("landscape")
        .unwrap()
        .args(["serve", "--port", "0", "--catalogue"])
        .arg(missing.path().join("none"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a catalogue"));
}

#[test]
fn serving_never_writes_to_the_catalogue() {
    let dir = &fixture().dir;
    let before = snapshot(dir);
    for target in [
        "/",
        "/landscape",
        "/api/stats",
        "/api/export?format=jsonl",
        "/api/search?q=water",
    ] {
        assert_eq!(get(target).status, 200, "{target}");
    }
    assert_eq!(snapshot(dir), before);
}

/// Every file under `dir` with its size and modification time.
fn snapshot(dir: &std::path::Path) -> Vec<(String, u64, std::time::SystemTime)> {
    let mut out = vec![];
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let m = e.metadata().unwrap();
            if m.is_dir() {
                stack.push(e.path());
            } else {
                out.push((
                    e.path().display().to_string(),
                    m.len(),
                    m.modified().unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}
