//! The shared fixture (a catalogue of the `data/` samples, ingested by the real binary, plus
//! hand-made hostile records; one server over it) and a raw HTTP/1.1 client that sends
//! request targets exactly as written (no normalisation, so traversal attempts reach the
//! server as typed).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use assert_cmd::Command;
use landscape::catalogue::Catalogue;
use landscape::labels::{Classification, Evidence, Labels, Openness, Pillar, Sector};
use landscape::serve::{self, Running, ServeConfig};
use landscape::Proposal;

/// Hostile text used in every field the pages show.
pub const SCRIPT: &str = "<script>alert(1)</script>";
/// A right-to-left override, which reorders the text after it unless isolated.
pub const RLO: char = '\u{202e}';

/// The hostile record's key (its id has quotes, markup and slashes).
pub fn hostile_key() -> String {
    hostile().key()
}

/// A record whose every displayed field is hostile.
pub fn hostile() -> Proposal {
    let mut extra = std::collections::BTreeMap::new();
    extra.insert("note<x>".into(), format!("</td>{SCRIPT}"));
    Proposal {
        id: "H1\"'<b>/../x".into(),
        source: "hostile".into(),
        title: format!("{SCRIPT} \"double\" 'single' {RLO}gnp.exe zebrafish"),
        description: format!("Zebrafish portal <img src=x onerror=alert(2)> & {RLO}reversed"),
        text: format!("Zebrafish portal {SCRIPT} digital platform"),
        country_code: Some("KEN".into()),
        country_name: Some(format!("Kenya{RLO}<i>")),
        region: Some(format!("Evil <b>Region</b> {RLO}")),
        year: Some(2021),
        extra,
        classification: Some(Classification {
            labels: Labels {
                digital: 2,
                openness: Openness::Open,
                pillars: vec![Pillar::Dpi],
                sectors: vec![Sector::Healthcare],
            },
            digital_probs: [0.05, 0.15, 0.8],
            openness_probs: vec![0.7, 0.1, 0.1, 0.1, 0.0],
            pillar_probs: vec![0.1, 0.1, 0.2, 0.1, 0.1, 0.9],
            sector_probs: vec![0.8, 0.1, 0.1, 0.1, 0.1, 0.1],
            evidence: vec![Evidence {
                head: "pillars".into(),
                label: "dpi".into(),
                term: format!("<img src=x onerror=alert(3)> \"{RLO}\""),
                weight: 2.5,
            }],
            model: format!("model {SCRIPT}"),
        }),
        ..Default::default()
    }
}

/// The fixture: catalogue directory and running server, built once per test binary.
pub struct Fixture {
    /// The catalogue directory.
    pub dir: PathBuf,
    /// The server.
    pub server: Running,
}

/// The shared fixture.
pub fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-catalogue");
        build_catalogue(&dir);
        let server = serve::start(&ServeConfig::local(dir.clone(), 0)).expect("server starts");
        Fixture { dir, server }
    })
}

/// Ingests the four `data/` samples with the shipped model, then adds the hostile record.
pub fn build_catalogue(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    let root = crate::common::root();
    let samples = [
        "sample_proposals.csv",
        "sample.jsonl",
        "sample_iati.xml",
        "sample_undp_project.json",
    ];
    let mut cmd = Command::cargo_bin("landscape").unwrap();
    cmd.current_dir(&root).arg("ingest");
    for s in samples {
        cmd.arg(root.join("data").join(s));
    }
    cmd.arg("--catalogue").arg(dir).assert().success();
    let cat = Catalogue::open(dir).unwrap();
    let mut w = cat.writer().unwrap();
    w.upsert(&hostile()).unwrap();
    w.commit().unwrap();
}

/// The fixture server's address.
pub fn addr() -> SocketAddr {
    fixture().server.addr()
}

/// A response.
#[derive(Debug)]
pub struct Resp {
    /// Status code.
    pub status: u16,
    /// Headers, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// Body, de-chunked.
    pub body: Vec<u8>,
}

impl Resp {
    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8 body")
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// `GET target` on the fixture server.
pub fn get(target: &str) -> Resp {
    raw(
        addr(),
        &format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
    )
}

/// Sends `request` verbatim and reads the whole response.
pub fn raw(addr: SocketAddr, request: &str) -> Resp {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s.write_all(request.as_bytes()).expect("send");
    let mut buf = vec![];
    let _ = s.read_to_end(&mut buf);
    parse(&buf)
}

fn parse(buf: &[u8]) -> Resp {
    let end = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("header end");
    let head = String::from_utf8_lossy(&buf[..end]).to_string();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let rest = &buf[end + 4..];
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"));
    let body = if chunked {
        dechunk(rest)
    } else {
        rest.to_vec()
    };
    Resp {
        status,
        headers,
        body,
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = vec![];
    loop {
        let Some(eol) = b.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size =
            usize::from_str_radix(std::str::from_utf8(&b[..eol]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[eol + 4 + size..];
    }
}

/// A path segment, percent-encoded.
pub fn seg(s: &str) -> String {
    landscape::serve::links::path_segment(s)
}
