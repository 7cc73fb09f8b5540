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
    no_huge_pages();
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

/// Turns transparent huge pages off for this process. mimalloc asks for them on every region it
/// maps; measured on `classify` of 24,889 records, they doubled peak memory (84 MB against
/// 43 MB) for no speed, and a run that had to wait for the kernel to assemble a 2 MB page now
/// and then spent 0.15 s more in the kernel. Failing to turn them off changes nothing else.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}
