//! Compact, versioned binary encodings: f32 vectors (magic `LSFV`, version, length,
//! little-endian values), a [`LogisticModel`] (`LSLR`) and a [`OneVsRest`] (`LSOR`). The
//! bytes depend only on the model, so identical models encode identically.

use super::error::ModelError;
use super::linear::{FitInfo, LogisticModel};
use super::ovr::OneVsRest;

const VEC_MAGIC: &[u8; 4] = b"LSFV";
const LR_MAGIC: &[u8; 4] = b"LSLR";
const OVR_MAGIC: &[u8; 4] = b"LSOR";
/// The codec version this build writes and the newest it reads.
pub const CODEC_VERSION: u32 = 1;

/// Encodes an f32 vector: magic, version (u32), length (u64), values, all little-endian.
pub fn encode_f32s(values: &[f32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + 4 * values.len());
    out.extend_from_slice(VEC_MAGIC);
    out.extend_from_slice(&CODEC_VERSION.to_le_bytes());
    out.extend_from_slice(&(values.len() as u64).to_le_bytes());
    values
        .iter()
        .for_each(|v| out.extend_from_slice(&v.to_le_bytes()));
    out
}

/// Decodes [`encode_f32s`] output; the whole input must be one vector.
pub fn decode_f32s(bytes: &[u8]) -> Result<Vec<f32>, ModelError> {
    let mut r = Reader::new(bytes, "f32 vector");
    let v = r.f32s()?;
    r.finish()?;
    Ok(v)
}

/// Encodes a logistic model: header, fit info, bias, then its weight vector.
pub fn encode_logistic(m: &LogisticModel) -> Vec<u8> {
    let mut out = Vec::with_capacity(32 + 4 * m.weights.len());
    out.extend_from_slice(LR_MAGIC);
    out.extend_from_slice(&CODEC_VERSION.to_le_bytes());
    out.extend_from_slice(&m.info.iterations.to_le_bytes());
    out.push(u8::from(m.info.converged));
    out.extend_from_slice(&m.bias.to_le_bytes());
    out.extend_from_slice(&encode_f32s(&m.weights));
    out
}

/// Decodes [`encode_logistic`] output.
pub fn decode_logistic(bytes: &[u8]) -> Result<LogisticModel, ModelError> {
    let mut r = Reader::new(bytes, "logistic model");
    let m = r.logistic()?;
    r.finish()?;
    Ok(m)
}

/// Encodes a one-vs-rest model: header, head count, then each head's name and model.
pub fn encode_ovr(m: &OneVsRest) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(OVR_MAGIC);
    out.extend_from_slice(&CODEC_VERSION.to_le_bytes());
    out.extend_from_slice(&(m.names.len() as u32).to_le_bytes());
    for (name, model) in m.names.iter().zip(&m.models) {
        out.extend_from_slice(&(name.len() as u32).to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&encode_logistic(model));
    }
    out
}

/// Decodes [`encode_ovr`] output.
pub fn decode_ovr(bytes: &[u8]) -> Result<OneVsRest, ModelError> {
    let mut r = Reader::new(bytes, "one-vs-rest model");
    r.header(OVR_MAGIC)?;
    let k = r.u32()? as usize;
    let (mut names, mut models) = (Vec::new(), Vec::new());
    for _ in 0..k {
        let len = r.u32()? as usize;
        let name = std::str::from_utf8(r.take(len)?)
            .map_err(|_| r.err("head name is not UTF-8".into()))?;
        names.push(name.to_string());
        models.push(r.logistic()?);
    }
    r.finish()?;
    OneVsRest::from_parts(names, models)
}

/// A bounds-checked little-endian cursor.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    what: &'static str,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8], what: &'static str) -> Self {
        Reader {
            bytes,
            pos: 0,
            what,
        }
    }

    fn err(&self, reason: String) -> ModelError {
        ModelError::Codec {
            what: self.what,
            reason,
        }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        match self
            .pos
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len())
        {
            Some(end) => {
                let s = &self.bytes[self.pos..end];
                self.pos = end;
                Ok(s)
            }
            None => Err(self.err(format!(
                "truncated at byte {} of {}",
                self.pos,
                self.bytes.len()
            ))),
        }
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }

    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }

    fn header(&mut self, magic: &[u8; 4]) -> Result<(), ModelError> {
        let at = self.pos;
        if self.take(4)? != magic {
            return Err(self.err(format!(
                "bad magic at byte {at} (expected {:?})",
                String::from_utf8_lossy(magic)
            )));
        }
        let v = self.u32()?;
        if v > CODEC_VERSION {
            return Err(self.err(format!(
                "codec version {v} is newer than this build supports ({CODEC_VERSION}); upgrade landscape"
            )));
        }
        Ok(())
    }

    fn f32s(&mut self) -> Result<Vec<f32>, ModelError> {
        self.header(VEC_MAGIC)?;
        let n = u64::from_le_bytes(self.take(8)?.try_into().expect("8 bytes"));
        let len = usize::try_from(n).ok().and_then(|n| n.checked_mul(4));
        let raw = self.take(len.ok_or_else(|| self.err(format!("length {n} too large")))?)?;
        Ok(raw
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes(c.try_into().expect("4 bytes")))
            .collect())
    }

    fn logistic(&mut self) -> Result<LogisticModel, ModelError> {
        self.header(LR_MAGIC)?;
        let iterations = self.u32()?;
        let converged = match self.take(1)?[0] {
            0 => false,
            1 => true,
            b => return Err(self.err(format!("bad converged flag {b}"))),
        };
        let bias = self.f32()?;
        let weights = self.f32s()?;
        Ok(LogisticModel::from_parts(
            weights,
            bias,
            FitInfo {
                iterations,
                converged,
            },
        ))
    }

    fn finish(&self) -> Result<(), ModelError> {
        if self.pos == self.bytes.len() {
            Ok(())
        } else {
            Err(self.err(format!(
                "{} unexpected trailing bytes",
                self.bytes.len() - self.pos
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(seed: f32) -> LogisticModel {
        let info = FitInfo {
            iterations: 7,
            converged: true,
        };
        LogisticModel::from_parts(vec![0.5 * seed, -1.25, 0.0, f32::MIN_POSITIVE], -0.75, info)
    }

    #[test]
    fn f32_vector_layout_is_exact() {
        let b = encode_f32s(&[1.0, -2.0]);
        assert_eq!(&b[..4], b"LSFV");
        assert_eq!(&b[4..8], &1u32.to_le_bytes());
        assert_eq!(&b[8..16], &2u64.to_le_bytes());
        assert_eq!(&b[16..], &[0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0]);
        assert_eq!(decode_f32s(&b).unwrap(), vec![1.0, -2.0]);
    }

    #[test]
    fn models_round_trip_with_identical_bytes() {
        let m = model(1.0);
        let b = encode_logistic(&m);
        assert_eq!(decode_logistic(&b).unwrap(), m);
        assert_eq!(encode_logistic(&model(1.0)), b);
        let ovr = OneVsRest::from_parts(
            vec!["health".into(), "ict é".into()],
            vec![model(1.0), model(2.0)],
        )
        .unwrap();
        let b = encode_ovr(&ovr);
        assert_eq!(decode_ovr(&b).unwrap(), ovr);
        assert_eq!(encode_ovr(&ovr.clone()), b);
    }

    #[test]
    fn damaged_bytes_are_rejected_not_misread() {
        let b = encode_logistic(&model(1.0));
        for cut in [0, 3, 10, b.len() - 1] {
            let e = decode_logistic(&b[..cut]).unwrap_err();
            assert!(e.to_string().contains("truncated"), "cut {cut}: {e}");
        }
        let mut bad = b.clone();
        bad[0] = b'X';
        assert!(decode_logistic(&bad)
            .unwrap_err()
            .to_string()
            .contains("bad magic"));
        let mut newer = b.clone();
        newer[4] = 2;
        assert!(decode_logistic(&newer)
            .unwrap_err()
            .to_string()
            .contains("newer"));
        let mut long = b.clone();
        long.push(0);
        assert!(decode_logistic(&long)
            .unwrap_err()
            .to_string()
            .contains("trailing"));
        assert!(
            decode_ovr(&b).is_err(),
            "a logistic model is not a one-vs-rest model"
        );
    }
}
