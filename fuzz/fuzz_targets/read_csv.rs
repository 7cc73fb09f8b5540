//! Fuzzes the Csv reader: arbitrary bytes read as a `.csv` file.
#![no_main]

#[path = "common.rs"]
mod common;

use landscape::ingest::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::read_all(data, Format::Csv, ".csv"));
