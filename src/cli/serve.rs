//! `landscape serve`: the local web catalogue (search page, landscape view, JSON API) over a
//! catalogue directory, read-only, on 127.0.0.1 unless told otherwise; stops on Ctrl-C.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use landscape::serve::{self, ServeConfig};

/// Serve the catalogue as a local web page and JSON API.
///
/// Example: `landscape serve --catalogue cat` then open http://127.0.0.1:8080/ in a browser.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The catalogue directory (opened for reading only).
    #[arg(long, default_value = "./catalogue")]
    pub catalogue: PathBuf,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Address to listen on. The default serves this computer only; 0.0.0.0 would expose
    /// the catalogue to the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: IpAddr,
}

/// Runs `landscape serve` until Ctrl-C.
pub fn run(args: Args) -> anyhow::Result<()> {
    let config = ServeConfig {
        catalogue: args.catalogue,
        addr: SocketAddr::new(args.host, args.port),
    };
    serve::run(&config, |addr| {
        println!(
            "landscape: serving {} at http://{addr}/",
            config.catalogue.display()
        );
        println!("press Ctrl-C to stop");
    })?;
    eprintln!("landscape: stopped");
    Ok(())
}
