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
        }
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
        while self.out_pos >= self.out.len() {
            if !self.refill()? {
                return Ok(0);
            }
        }
        let n = buf.len().min(self.out.len() - self.out_pos);
        buf[..n].copy_from_slice(&self.out[self.out_pos..self.out_pos + n]);
        self.out_pos += n;
        Ok(n)
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

    #[test]
    fn replaces_bad_bytes_and_keeps_split_sequences() {
        for chunk in [1, 2, 3, 64] {
            let (out, lines) = repair(b"caf\xc3\xa9\nx\xffy\n", chunk);
            assert_eq!(out, "café\nx\u{FFFD}y\n", "chunk {chunk}");
            assert_eq!(lines, vec![2]);
        }
    }

    #[test]
    fn truncated_sequence_at_end_is_replaced() {
        let (out, lines) = repair(b"ab\xc3", 64);
        assert_eq!(out, "ab\u{FFFD}");
        assert_eq!(lines, vec![1]);
    }
}
