//! Load test of `landscape serve` on loopback over the catalogue of the shared UNDP 2014 and
//! World Bank corpora (24,889 records, classified by `models/default`).
//!
//! Run: `cargo bench --bench serve_load` (release build; needs `../shared/data`). It builds
//! the catalogue once with `landscape ingest` into `<target>/serve-load-catalogue` (or uses
//! `LANDSCAPE_LOAD_CATALOGUE=DIR`), starts the real server, then:
//! 1. latency: one keep-alive connection sends each search of a fixed mix in turn
//!    (`LOAD_SEQUENTIAL` requests, 400 by default): median and p99 of `/api/search`;
//! 2. load: `LOAD_CONNS` connections (200) for `LOAD_SECS` seconds (60) over a mix of API
//!    searches, search pages, project pages, the landscape view and stats: requests/s,
//!    errors (any non-200 or I/O failure), median, p99 and maximum latency.
//!
//! Environment overrides keep a quick check short: `LOAD_SECS=5 LOAD_CONNS=20`.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use landscape::serve::{self, ServeConfig};
use std::io::{Read, Write};
use std::net::TcpStream;

const SEARCHES: &[&str] = &[
    "/api/search?q=water",
    "/api/search?q=%22early+warning%22",
    "/api/search?q=mobile+money&digital=1,2",
    "/api/search?q=health+information+system",
    "/api/search?q=climate+adaptation&sector=climate_energy",
    "/api/search?q=digital&pillar=government",
    "/api/search?q=e-government",
    "/api/search?q=renewable+energy&year=2010..2014",
    "/api/search?q=education&source=wb",
    "/api/search?digital=1,2&sort=year_desc",
    "/api/search?q=governance&country=KEN",
    "/api/search?q=disaster+risk+reduction&per_page=50",
];

const PAGES: &[&str] = &[
    "/?q=water",
    "/?q=mobile+money&digital=1,2",
    "/?pillar=government&sector=healthcare",
    "/landscape",
    "/api/stats",
    "/projects/wb-P000001",
];

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn catalogue() -> PathBuf {
    if let Ok(dir) = std::env::var("LANDSCAPE_LOAD_CATALOGUE") {
        return PathBuf::from(dir);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var("CARGO_TARGET_DIR").map_or(root.join("target"), PathBuf::from);
    let dir = target.join("serve-load-catalogue");
    if dir.join("catalogue.json").exists() {
        return dir;
    }
    let corpora = root.join("../shared/data/corpora");
    assert!(
        corpora.is_dir(),
        "shared data not found at {}",
        corpora.display()
    );
    eprintln!(
        "building {} from the UNDP 2014 and World Bank corpora...",
        dir.display()
    );
    let status = Command::new(env!("CARGO_BIN_EXE_landscape"))
        .current_dir(root)
        .arg("ingest")
        .arg(corpora.join("undp_open_projects_2014.csv"))
        .arg(corpora.join("worldbank_projects_2025.csv"))
        .arg("--catalogue")
        .arg(&dir)
        .status()
        .expect("landscape ingest runs");
    assert!(status.success(), "landscape ingest failed");
    dir
}

/// One keep-alive HTTP/1.1 connection.
struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Conn {
    fn open(addr: SocketAddr) -> std::io::Result<Conn> {
        let stream = TcpStream::connect(addr)?;
        stream.set_read_timeout(Some(Duration::from_secs(60)))?;
        stream.set_nodelay(true)?;
        Ok(Conn {
            stream,
            buf: Vec::with_capacity(64 * 1024),
        })
    }

    /// Sends a GET and reads the whole response; returns the status.
    fn get(&mut self, target: &str) -> std::io::Result<u16> {
        let req = format!("GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n");
        self.stream.write_all(req.as_bytes())?;
        self.buf.clear();
        let head_end = loop {
            if let Some(i) = self.buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            self.fill()?;
        };
        let head = String::from_utf8_lossy(&self.buf[..head_end]).to_ascii_lowercase();
        let status = head.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
        let len: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse().ok())
            .ok_or_else(|| std::io::Error::other("no content-length"))?;
        while self.buf.len() < head_end + len {
            self.fill()?;
        }
        Ok(status)
    }

    fn fill(&mut self) -> std::io::Result<()> {
        let mut chunk = [0u8; 16 * 1024];
        let n = self.stream.read(&mut chunk)?;
        if n == 0 {
            return Err(std::io::Error::other("connection closed"));
        }
        self.buf.extend_from_slice(&chunk[..n]);
        Ok(())
    }
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i] as f64 / 1000.0
}

fn sequential(addr: SocketAddr, n: u64) -> Vec<u64> {
    let mut c = Conn::open(addr).expect("connect");
    for t in SEARCHES {
        assert_eq!(c.get(t).expect("warm-up"), 200, "{t}");
    }
    let mut lat = Vec::with_capacity(n as usize);
    for i in 0..n as usize {
        let t0 = Instant::now();
        let status = c.get(SEARCHES[i % SEARCHES.len()]).expect("request");
        lat.push(t0.elapsed().as_micros() as u64);
        assert_eq!(status, 200);
    }
    lat.sort_unstable();
    lat
}

/// One connection's share of the load (on its own thread): latencies (µs) and errors.
fn worker(addr: SocketAddr, id: usize, until: Instant) -> (Vec<u64>, u64) {
    let mix: Vec<&str> = SEARCHES.iter().chain(PAGES).copied().collect();
    let (mut lat, mut errors) = (Vec::new(), 0u64);
    let mut conn = None;
    let mut i = id;
    while Instant::now() < until {
        if conn.is_none() {
            match Conn::open(addr) {
                Ok(c) => conn = Some(c),
                Err(_) => {
                    errors += 1;
                    std::thread::sleep(Duration::from_millis(10));
                    continue;
                }
            }
        }
        let t0 = Instant::now();
        let r = conn.as_mut().expect("open").get(mix[i % mix.len()]);
        i += 7;
        match r {
            Ok(200) => lat.push(t0.elapsed().as_micros() as u64),
            Ok(_) => errors += 1,
            Err(_) => {
                errors += 1;
                conn = None;
            }
        }
    }
    (lat, errors)
}

fn main() {
    let dir = catalogue();
    let server = serve::start(&ServeConfig::local(dir.clone(), 0)).expect("server starts");
    let addr = server.addr();
    let (n, conns, secs) = (
        env_num("LOAD_SEQUENTIAL", 400),
        env_num("LOAD_CONNS", 200),
        env_num("LOAD_SECS", 60),
    );
    let lat = sequential(addr, n);
    println!(
        "search latency, one connection, {n} requests over {} queries: median {:.2} ms, p99 {:.2} ms",
        SEARCHES.len(),
        percentile(&lat, 0.5),
        percentile(&lat, 0.99)
    );
    let until = Instant::now() + Duration::from_secs(secs);
    let t0 = Instant::now();
    let threads: Vec<_> = (0..conns as usize)
        .map(|i| std::thread::spawn(move || worker(addr, i, until)))
        .collect();
    let results: Vec<_> = threads
        .into_iter()
        .map(|t| t.join().expect("worker"))
        .collect();
    let elapsed = t0.elapsed().as_secs_f64();
    let errors: u64 = results.iter().map(|r| r.1).sum();
    let mut all: Vec<u64> = results.into_iter().flat_map(|r| r.0).collect();
    all.sort_unstable();
    println!(
        "load: {conns} connections for {secs} s on {}: {} requests, {:.0} requests/s, {errors} errors, \
         median {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        dir.display(),
        all.len(),
        all.len() as f64 / elapsed,
        percentile(&all, 0.5),
        percentile(&all, 0.99),
        all.last().copied().unwrap_or(0) as f64 / 1000.0
    );
    server.stop();
    assert_eq!(errors, 0, "the load run had errors");
}
