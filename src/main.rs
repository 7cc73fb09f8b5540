//! The `landscape` binary: parses arguments, runs one subcommand from [`cli`], maps errors to
//! exit codes. All real work lives in the `landscape` library.

mod cli;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc: classification allocates small, short-lived buffers per record from several
/// threads, where glibc's allocator took about an eighth of the CPU time (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if cli::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {}", cli::message(&err));
            ExitCode::from(cli::exit_code(&err))
        }
    }
}
