//! Command-line interface: one module per subcommand, each with its `Args` and `run()`.

use clap::{Parser, Subcommand};

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
    /// Train a model from labelled files and the corpora.
    Train(train::Args),
}

/// Runs the chosen subcommand.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Train(a) => train::run(a),
    }
}

/// Is this error a closed pipe (for example `landscape search ... | head`)?
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Exit code for an error: 2 for bad input or usage, 1 for anything else.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    if err
        .chain()
        .any(|e| e.downcast_ref::<std::io::Error>().is_some())
    {
        1
    } else {
        2
    }
}
