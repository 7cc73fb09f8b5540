//! A reader adapter that turns a byte stream into valid UTF-8, replacing each invalid
//! sequence by U+FFFD and remembering the lines where it did, for streaming readers (XML)
//! that would otherwise fail on the first bad byte.

use std::io::{self, BufRead, Read};

/// Replaces invalid UTF-8 on the fly; [`LossyUtf8::take_bad_lines`] tells where.
pub struct LossyUtf8<R> {
    inner: R,
    /// Valid UTF-8 not yet handed out.
    out: Vec<u8>,
    out_pos: usize,
    /// An incomplete sequence carried over from the previous chunk.
    carry: Vec<u8>,
    line: u64,
    bad_lines: Vec<u64>,
    /// Newlines handed out and consumed so far.
    consumed_newlines: u64,
}

impl<R: BufRead> LossyUtf8<R> {
    /// Wraps a buffered reader.
    pub fn new(inner: R) -> Self {
        LossyUtf8 {
            inner,
            out: Vec::new(),
            out_pos: 0,
            carry: Vec::new(),
            line: 1,
            bad_lines: Vec::new(),
            consumed_newlines: 0,
        }
    }

    /// The 1-based line of the next byte to be consumed.
    pub fn line(&self) -> u64 {
        self.consumed_newlines + 1
    }

    /// The 1-based lines where bytes were replaced since the last call.
    pub fn take_bad_lines(&mut self) -> Vec<u64> {
        std::mem::take(&mut self.bad_lines)
    }

    /// Reads the next chunk into `out`; false at end of input.
    fn refill(&mut self) -> io::Result<bool> {
        let chunk = self.inner.fill_buf()?;
        let eof = chunk.is_empty();
        let mut bytes = std::mem::take(&mut self.carry);
        bytes.extend_from_slice(chunk);
        let consumed = chunk.len();
        self.inner.consume(consumed);
        if bytes.is_empty() {
            return Ok(false);
        }
        self.out.clear();
        self.out_pos = 0;
        self.repair(&bytes, eof);
        Ok(true)
    }

    fn repair(&mut self, mut rest: &[u8], eof: bool) {
        loop {
            match std::str::from_utf8(rest) {
                Ok(s) => return self.push_valid(s),
                Err(e) => {
                    let (valid, after) = rest.split_at(e.valid_up_to());
                    self.push_valid(std::str::from_utf8(valid).unwrap_or_default());
                    match e.error_len() {
                        None if !eof => return self.carry.extend_from_slice(after),
                        bad => {
                            self.bad_lines.push(self.line);
                            self.out.extend_from_slice("\u{FFFD}".as_bytes());
                            rest = &after[bad.unwrap_or(after.len())..];
                        }
                    }
                }
            }
        }
    }

    fn push_valid(&mut self, s: &str) {
        self.line += s.bytes().filter(|&b| b == b'\n').count() as u64;
        self.out.extend_from_slice(s.as_bytes());
    }
}

impl<R: BufRead> Read for LossyUtf8<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = buf.len().min(available.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for LossyUtf8<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self.out_pos >= self.out.len() {
            if !self.refill()? {
                return Ok(&[]);
            }
        }
        Ok(&self.out[self.out_pos..])
    }

    fn consume(&mut self, amount: usize) {
        let end = (self.out_pos + amount).min(self.out.len());
        let taken = &self.out[self.out_pos..end];
        self.consumed_newlines += taken.iter().filter(|&&b| b == b'\n').count() as u64;
        self.out_pos = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repair(bytes: &[u8], chunk: usize) -> (String, Vec<u64>) {
        let reader = io::BufReader::with_capacity(chunk, bytes);
        let mut lossy = LossyUtf8::new(reader);
        let mut out = String::new();
        lossy.read_to_string(&mut out).unwrap();
        (out, lossy.take_bad_lines())
    }

    fn lossy_line(bytes: &[u8], chunk: usize) -> u64 {
        let mut lossy = LossyUtf8::new(io::BufReader::with_capacity(chunk, bytes));
        lossy.read_to_end(&mut Vec::new()).unwrap();
        lossy.line()
    }

    #[test]
    fn replaces_bad_bytes_and_keeps_split_sequences() {
        for chunk in [1, 2, 3, 64] {
            let (out, lines) = repair(b"caf\xc3\xa9\nx\xffy\n", chunk);
            assert_eq!(out, "café\nx\u{FFFD}y\n", "chunk {chunk}");
            assert_eq!(lines, vec![2]);
            assert_eq!(lossy_line(b"a\nb\nc", chunk), 3);
        }
    }

    #[test]
    fn truncated_sequence_at_end_is_replaced() {
        let (out, lines) = repair(b"ab\xc3", 64);
        assert_eq!(out, "ab\u{FFFD}");
        assert_eq!(lines, vec![1]);
    }
}
