//! The pages driven in a real headless Chromium over chromedriver (Debian's `chromium` and
//! `chromium-driver`): search for a term, click a facet, open a project, click a heat-map
//! cell, export; hostile text must not run. Screenshots go to `<target>/test-artifacts/serve/`.
//!
//! Missing Chromium fails the test with a clear message; set `LANDSCAPE_SKIP_BROWSER=1` to
//! skip it on purpose.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

use crate::support::{addr, get};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

type Res<T> = Result<T, Box<dyn std::error::Error>>;

/// chromedriver on a free port, killed when dropped.
struct Driver(Child, u16);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_driver() -> Driver {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "chromedriver did not listen within 20 s"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    Driver(child, port)
}

fn artifacts() -> PathBuf {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .to_path_buf();
    let dir = target.join("test-artifacts").join("serve");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn browser_available() -> bool {
    if std::env::var("LANDSCAPE_SKIP_BROWSER").is_ok_and(|v| v == "1") {
        eprintln!("LANDSCAPE_SKIP_BROWSER=1: browser test skipped on purpose");
        return false;
    }
    assert!(
        Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists(),
        "the browser tests need Debian's chromium and chromium-driver \
         (apt-get install -y chromium chromium-driver; .ci/run installs them), \
         or LANDSCAPE_SKIP_BROWSER=1 to skip them on purpose"
    );
    true
}

async fn connect(port: u16, profile: &Path, downloads: &Path) -> Res<Client> {
    let mut caps = serde_json::Map::new();
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--window-size=1366,768",
    ];
    let mut args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    args.push(format!("--user-data-dir={}", profile.display()));
    caps.insert(
        "goog:chromeOptions".into(),
        json!({ "binary": CHROMIUM, "args": args, "prefs": {
            "download.default_directory": downloads.display().to_string(),
            "download.prompt_for_download": false } }),
    );
    let c = ClientBuilder::new(HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await?;
    Ok(c)
}

async fn shot(c: &Client, name: &str) -> Res<()> {
    let png = c.screenshot().await?;
    assert!(png.starts_with(b"\x89PNG"), "{name} is a PNG");
    std::fs::write(artifacts().join(name), png)?;
    Ok(())
}

/// The number in "N results".
async fn result_count(c: &Client) -> Res<u64> {
    let t = c.find(Locator::Css("#result-count")).await?.text().await?;
    Ok(t.split_whitespace().next().unwrap_or("").parse()?)
}

#[test]
fn pages_work_in_headless_chromium() {
    if !browser_available() {
        return;
    }
    let driver = start_driver();
    let profile = tempfile::tempdir().unwrap();
    let downloads = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let c = connect(driver.1, profile.path(), downloads.path())
            .await
            .expect("chromium session");
        let outcome = journey(&c, downloads.path()).await;
        let _ = c.close().await;
        outcome.expect("browser journey");
    });
}

async fn journey(c: &Client, downloads: &Path) -> Res<()> {
    let base = format!("http://{}", addr());
    c.goto(&format!("{base}/")).await?;
    let all = result_count(c).await?;

    // Search for a term.
    c.find(Locator::Css("#q"))
        .await?
        .send_keys("portal")
        .await?;
    c.find(Locator::Css("form.search button"))
        .await?
        .click()
        .await?;
    wait_query(c, "q=portal").await?;
    let found = result_count(c).await?;
    assert!(found > 0 && found < all, "search narrows: {found} of {all}");
    shot(c, "search.png").await?;

    // Click a facet: the result count becomes the facet's count.
    let facet = c
        .find(Locator::Css("a.facet[data-facet=\"digital\"]"))
        .await?;
    let n: u64 = facet
        .find(Locator::Css(".count"))
        .await?
        .text()
        .await?
        .parse()?;
    facet.click().await?;
    wait_query(c, "digital=").await?;
    assert_eq!(result_count(c).await?, n);
    assert!(c
        .current_url()
        .await?
        .query()
        .unwrap_or("")
        .contains("digital="));
    shot(c, "facet.png").await?;

    // Open a project.
    c.find(Locator::Css("a.result-link")).await?.click().await?;
    c.wait()
        .for_element(Locator::Css("article.project h1"))
        .await?;
    assert!(c.current_url().await?.path().starts_with("/projects/"));
    c.find(Locator::Css("table.evidence-table, .labels p"))
        .await?;
    shot(c, "project.png").await?;

    // The landscape view; click the dpi x healthcare heat-map cell.
    c.goto(&format!("{base}/landscape")).await?;
    shot(c, "landscape.png").await?;
    let cell = c
        .find(Locator::Css(
            "a.cell[data-row=\"dpi\"][data-col=\"healthcare\"]",
        ))
        .await?;
    let n: u64 = cell
        .find(Locator::Css("text"))
        .await?
        .text()
        .await?
        .parse()?;
    assert!(n > 0, "the hostile record is dpi x healthcare");
    cell.click().await?;
    wait_query(c, "sector=healthcare").await?;
    let q = c.current_url().await?.query().unwrap_or("").to_string();
    assert!(
        q.contains("pillar=dpi") && q.contains("sector=healthcare"),
        "{q}"
    );
    assert_eq!(result_count(c).await?, n);
    shot(c, "heatmap-click.png").await?;

    // Hostile text is shown but never runs.
    assert!(c.get_alert_text().await.is_err(), "no alert() ran");
    let mut titles = vec![];
    for link in c.find_all(Locator::Css("a.result-link")).await? {
        titles.push(link.text().await?);
    }
    assert!(
        titles
            .iter()
            .any(|t| t.contains("<script>alert(1)</script>")),
        "hostile title shown as text: {titles:?}"
    );

    // Export the current search.
    let link = c.find(Locator::Css("#export-csv")).await?;
    let href = link.attr("href").await?.expect("export link");
    link.click().await?;
    let file = wait_for_download(downloads).await?;
    let csv = std::fs::read_to_string(&file)?;
    assert_eq!(
        csv,
        get(&href).text(),
        "the browser downloads what the API serves"
    );
    assert_eq!(
        csv::Reader::from_reader(csv.as_bytes()).records().count() as u64,
        n
    );
    Ok(())
}

/// Waits until the page's query string contains `part` (after a click navigates).
async fn wait_query(c: &Client, part: &str) -> Res<()> {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !c.current_url().await?.query().unwrap_or("").contains(part) {
        if Instant::now() > deadline {
            return Err(format!("no navigation to a URL with `{part}`").into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    c.wait().for_element(Locator::Css("#result-count")).await?;
    Ok(())
}

async fn wait_for_download(dir: &Path) -> Res<PathBuf> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let done = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "csv"));
        if let Some(p) = done {
            return Ok(p);
        }
        if Instant::now() > deadline {
            return Err("the export was not downloaded within 20 s".into());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
