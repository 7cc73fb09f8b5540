//! The byte layout of `features.bin` (see [`super::persist`]): encoding, and decoding with a
//! precise complaint about what is wrong.

use sha2::{Digest, Sha256};

use super::vocab::Vocab;

/// First bytes of `features.bin`.
pub(crate) const MAGIC: &[u8; 8] = b"LSTXFEAT";
const CHECKSUM_LEN: usize = 32;

/// One decoded vocabulary row: term, df, IDF.
pub(crate) type Row = (String, u32, f32);

/// Encodes the training document count and both vocabularies, with a trailing checksum.
pub(crate) fn encode_vocabs(n_docs: u64, word: &Vocab, char: &Vocab) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&super::persist::FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&n_docs.to_le_bytes());
    for v in [word, char] {
        out.extend_from_slice(&(v.len() as u32).to_le_bytes());
        for i in 0..v.len() {
            out.extend_from_slice(&(v.terms[i].len() as u32).to_le_bytes());
            out.extend_from_slice(v.terms[i].as_bytes());
            out.extend_from_slice(&v.df[i].to_le_bytes());
            out.extend_from_slice(&v.idf[i].to_le_bytes());
        }
    }
    let sum = Sha256::digest(&out);
    out.extend_from_slice(&sum);
    out
}

/// Decodes what [`encode_vocabs`] wrote, or says what is wrong.
pub(crate) fn decode_vocabs(bytes: &[u8]) -> Result<(u64, Vec<Row>, Vec<Row>), String> {
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err("bad magic: not a landscape features file".into());
    }
    let mut r = Reader {
        bytes,
        pos: MAGIC.len(),
    };
    let version = r.u32()?;
    if version != super::persist::FORMAT_VERSION {
        return Err(format!(
            "unsupported version {version} (this build reads {})",
            super::persist::FORMAT_VERSION
        ));
    }
    if bytes.len() < r.pos + CHECKSUM_LEN {
        return Err("truncated".into());
    }
    let (body, sum) = bytes.split_at(bytes.len() - CHECKSUM_LEN);
    if Sha256::digest(body).as_slice() != sum {
        return Err("checksum mismatch: the file is truncated or corrupted".into());
    }
    r.bytes = body;
    let n_docs = r.u64()?;
    let word = r.rows()?;
    let char = r.rows()?;
    if r.pos != body.len() {
        return Err(format!(
            "{} unexpected bytes after the vocabularies",
            body.len() - r.pos
        ));
    }
    Ok((n_docs, word, char))
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], String> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| format!("truncated at byte {}", self.pos))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }

    fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().unwrap()))
    }

    fn rows(&mut self) -> Result<Vec<Row>, String> {
        let n = self.u32()? as usize;
        let mut rows = Vec::with_capacity(n.min(self.bytes.len() / 12));
        for _ in 0..n {
            let len = self.u32()? as usize;
            let at = self.pos;
            let term = std::str::from_utf8(self.take(len)?)
                .map_err(|_| format!("term at byte {at} is not UTF-8"))?
                .to_string();
            let df = self.u32()?;
            let idf = f32::from_le_bytes(self.take(4)?.try_into().unwrap());
            rows.push((term, df, idf));
        }
        Ok(rows)
    }
}
