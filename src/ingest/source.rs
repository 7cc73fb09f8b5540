//! Opening an input file as UTF-8: a UTF-8 BOM is skipped, UTF-16 (with BOM) and
//! Windows-1252 (when the bytes are not UTF-8 at all) are transcoded into a temporary file,
//! and anything else is read as UTF-8 whose invalid bytes the readers replace with a warning.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};
use tempfile::TempPath;

use super::{IngestError, Warning};

/// How many bytes are looked at to guess the encoding.
const SNIFF_BYTES: usize = 64 * 1024;

/// A file ready to be read as UTF-8.
pub struct Source {
    /// The name used in rejects and warnings (the path as given).
    pub display: String,
    /// The file to read: the input itself, or its UTF-8 transcoding.
    pub path: PathBuf,
    /// Bytes to skip at the start (a UTF-8 BOM).
    pub skip: u64,
    /// Warnings raised while preparing (a transcoding).
    pub warnings: Vec<Warning>,
    /// Keeps the transcoded temporary file alive; it is deleted on drop.
    _temp: Option<TempPath>,
}

impl Source {
    /// Sniffs the encoding of `path` and transcodes it when it is not UTF-8.
    pub fn prepare(path: &Path) -> Result<Source, IngestError> {
        let display = path.display().to_string();
        let mut head = Vec::with_capacity(SNIFF_BYTES);
        File::open(path)
            .and_then(|f| f.take(SNIFF_BYTES as u64).read_to_end(&mut head))
            .map_err(|e| IngestError::io(path, e))?;
        let plain = |skip| Source {
            display: display.clone(),
            path: path.to_path_buf(),
            skip,
            warnings: vec![],
            _temp: None,
        };
        let encoding = match head.as_slice() {
            [0xEF, 0xBB, 0xBF, ..] => return Ok(plain(3)),
            [0xFF, 0xFE, ..] => UTF_16LE,
            [0xFE, 0xFF, ..] => UTF_16BE,
            _ if looks_like_windows_1252(&head) => WINDOWS_1252,
            _ => return Ok(plain(0)),
        };
        let temp = transcode(path, encoding)?;
        let warnings = vec![Warning {
            file: display.clone(),
            line: None,
            message: format!("decoded from {}", encoding.name()),
        }];
        Ok(Source {
            display,
            path: temp.to_path_buf(),
            skip: 0,
            warnings,
            _temp: Some(temp),
        })
    }

    /// Opens the (prepared) file, positioned after any BOM.
    pub fn open(&self) -> Result<File, IngestError> {
        use std::io::{Seek, SeekFrom};
        let mut f = File::open(&self.path).map_err(|e| IngestError::io(&self.path, e))?;
        f.seek(SeekFrom::Start(self.skip))
            .map_err(|e| IngestError::io(&self.path, e))?;
        Ok(f)
    }
}

/// True when the sample has invalid UTF-8 and no valid multi-byte sequence at all: a
/// legacy single-byte file rather than UTF-8 with a few bad bytes.
fn looks_like_windows_1252(sample: &[u8]) -> bool {
    let (mut invalid, mut multibyte) = (0usize, 0usize);
    let mut rest = sample;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                multibyte += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let valid = std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or_default();
                multibyte += valid.chars().filter(|c| !c.is_ascii()).count();
                match e.error_len() {
                    Some(n) => {
                        invalid += 1;
                        rest = &rest[e.valid_up_to() + n..];
                    }
                    None => break,
                }
            }
        }
    }
    invalid > 0 && multibyte == 0
}

/// Transcodes the whole file into a temporary UTF-8 file (streaming, constant memory).
fn transcode(path: &Path, encoding: &'static Encoding) -> Result<TempPath, IngestError> {
    let io = |e| IngestError::io(path, e);
    let mut input = BufReader::new(File::open(path).map_err(io)?);
    let temp = tempfile::NamedTempFile::new().map_err(io)?;
    let mut out = BufWriter::new(temp.as_file());
    let mut decoder = encoding.new_decoder();
    let (mut buf, mut text) = (vec![0u8; 64 * 1024], String::with_capacity(200 * 1024));
    loop {
        let n = input.read(&mut buf).map_err(io)?;
        text.clear();
        text.reserve(decoder.max_utf8_buffer_length(n).unwrap_or(4 * n + 16));
        let _ = decoder.decode_to_string(&buf[..n], &mut text, n == 0);
        let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
        out.write_all(body.as_bytes()).map_err(io)?;
        if n == 0 {
            break;
        }
    }
    out.flush().map_err(io)?;
    drop(out);
    Ok(temp.into_temp_path())
}

/// Decodes bytes as UTF-8, replacing invalid sequences; `true` when some were replaced.
pub fn decode_lossy(bytes: &[u8]) -> (String, bool) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), false),
        Err(_) => (String::from_utf8_lossy(bytes).into_owned(), true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing() {
        assert!(looks_like_windows_1252(
            b"id,title\n1,Caf\xe9 \x96 r\xe9seau\n"
        ));
        assert!(!looks_like_windows_1252("id,title\n1,Café\n".as_bytes()));
        assert!(!looks_like_windows_1252(
            b"id,title\n1,Caf\xc3\xa9 and one bad \xff byte\n"
        ));
    }
}
