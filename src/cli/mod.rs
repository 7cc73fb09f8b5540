//! Command-line interface: one module per subcommand, each with its `Args` and `run()`.

use clap::{Parser, Subcommand};

mod advise;
mod check;
mod classify;
mod eval;
mod export;
mod gaps;
mod ingest;
mod models;
mod read;
mod reclassify;
mod search;
mod serve;
mod show;
mod split;
mod stats;
mod store;
mod suggest;
mod train;

/// Maps the digital-project landscape: ingest proposals, classify them, search the catalogue.
#[derive(Debug, Parser)]
#[command(name = "landscape", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read proposal files (CSV, JSON Lines, IATI XML, open.undp.org JSON), classify them and
    /// add them to a catalogue.
    Ingest(ingest::Args),
    /// Classify proposal files (or JSON Lines on stdin) into CSV or JSON Lines.
    Classify(classify::Args),
    /// Train a model from labelled files and the corpora.
    Train(train::Args),
    /// Evaluate a model on a labelled file.
    Eval(eval::Args),
    /// Search the catalogue.
    Search(search::Args),
    /// Show one record.
    Show(show::Args),
    /// Summarise the catalogue.
    Stats(stats::Args),
    /// Export records to CSV, JSON Lines or Parquet.
    Export(export::Args),
    /// Read proposal files into normalised JSON Lines, without classifying.
    Read(read::Args),
    /// Pick the records whose labels would teach the model most, as a sheet to correct.
    Suggest(suggest::Args),
    /// List, choose and compare model versions.
    Models(models::Args),
    /// Re-label every record of a catalogue with another model version.
    Reclassify(reclassify::Args),
    /// Decision guide: should you use open source, should this be a DPG? (`--graph`: flowchart)
    Advise(advise::Args),
    /// Map DPGs to pillars and sectors and report where projects have few or none.
    Gaps(gaps::Args),
    /// Write cross-validation and cross-source splits of a labelled file, with the text.
    Split(split::Args),
    /// Check the integrity of a catalogue (and of a model directory).
    Check(check::Args),
    /// Serve the catalogue as a local web page and JSON API (read-only).
    Serve(serve::Args),
}

/// Runs the chosen subcommand.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Ingest(a) => ingest::run(a),
        Command::Classify(a) => classify::run(a),
        Command::Train(a) => train::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Search(a) => search::run(a),
        Command::Show(a) => show::run(a),
        Command::Stats(a) => stats::run(a),
        Command::Export(a) => export::run(a),
        Command::Read(a) => read::run(a),
        Command::Suggest(a) => suggest::run(a),
        Command::Models(a) => models::run(a),
        Command::Reclassify(a) => reclassify::run(a),
        Command::Advise(a) => advise::run(a),
        Command::Gaps(a) => gaps::run(a),
        Command::Split(a) => split::run(a),
        Command::Check(a) => check::run(a),
        Command::Serve(a) => serve::run(a),
    }
}

/// The error and its causes, `: `-separated, leaving out a cause whose words the message
/// already ends with (many errors put their cause in their own message).
pub fn message(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for e in err.chain() {
        let text = e.to_string();
        if out.ends_with(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

/// Is this error a closed pipe (for example `landscape search ... | head`)?
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    let pipe = Some(std::io::ErrorKind::BrokenPipe);
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>().map(|io| io.kind()) == pipe
            || e.downcast_ref::<serde_json::Error>()
                .and_then(|j| j.io_error_kind())
                == pipe
    })
}

/// Exit code for an error: 2 for bad input or usage, 1 for anything else.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    if err.is::<check::Unsound>()
        || err
            .chain()
            .any(|e| e.downcast_ref::<std::io::Error>().is_some())
    {
        1
    } else {
        2
    }
}

#[cfg(test)]
mod tests {
    use anyhow::Context;

    /// A reader of our output that has gone away.
    struct Closed;

    impl std::io::Write for Closed {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_is_recognised_through_json_and_context() {
        let json = serde_json::to_writer(Closed, &[1, 2, 3]).context("writing JSON");
        assert!(super::is_broken_pipe(&json.unwrap_err()));
        let io = std::io::Write::write_all(&mut Closed, b"x").context("writing");
        assert!(super::is_broken_pipe(&io.unwrap_err()));
        let other = serde_json::from_str::<u8>("x").context("reading JSON");
        assert!(!super::is_broken_pipe(&other.unwrap_err()));
    }

    #[test]
    fn a_cause_already_in_the_message_is_said_once() {
        let io = || std::io::Error::from(std::io::ErrorKind::NotFound);
        let e = anyhow::Error::new(io()).context(format!("gold.csv: {}", io()));
        let e = e.context("reading labelled files");
        assert_eq!(
            super::message(&e),
            format!("reading labelled files: gold.csv: {}", io())
        );
        let e = anyhow::Error::new(io()).context("cannot open x");
        assert_eq!(super::message(&e), format!("cannot open x: {}", io()));
    }
}
