//! Small helpers over lopdf objects: bounded dereferencing, numbers, names, stream data with a
//! decompression budget.

use lopdf::{Dictionary, Document, Object};

/// Longest chain of references followed (`1 0 R` → `2 0 R` → …).
const MAX_HOPS: usize = 16;
/// Largest single decoded stream (bytes).
pub(crate) const MAX_STREAM: usize = 64 * 1024 * 1024;
/// Largest total of decoded streams for one document (bytes).
pub(crate) const MAX_TOTAL: usize = 1024 * 1024 * 1024;

/// What decoding streams may still cost, and whether a limit was hit.
#[derive(Debug)]
pub(crate) struct Budget {
    /// Bytes that may still be decoded.
    pub(crate) left: usize,
    /// A stream was refused because of the limits.
    pub(crate) exceeded: bool,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            left: MAX_TOTAL,
            exceeded: false,
        }
    }
}

/// Follows references (a bounded number of hops); a dangling one gives `Null`.
pub(crate) fn deref<'a>(doc: &'a Document, mut o: &'a Object) -> &'a Object {
    for _ in 0..MAX_HOPS {
        match o {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(t) => o = t,
                Err(_) => return &Object::Null,
            },
            _ => return o,
        }
    }
    &Object::Null
}

/// A number (integer or real), dereferenced.
pub(crate) fn num(doc: &Document, o: &Object) -> Option<f64> {
    match deref(doc, o) {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)).filter(|v| v.is_finite()),
        _ => None,
    }
}

/// A name, dereferenced.
pub(crate) fn name_of<'a>(doc: &'a Document, o: Option<&'a Object>) -> Option<&'a [u8]> {
    match deref(doc, o?) {
        Object::Name(n) => Some(n.as_slice()),
        _ => None,
    }
}

/// A dictionary entry, dereferenced, as a dictionary (a stream's dictionary counts).
pub(crate) fn dict<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    match deref(doc, d.get(key).ok()?) {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// The decoded data of a stream object (or of an array of streams, concatenated).
pub(crate) fn stream_data(doc: &Document, o: &Object, budget: &mut Budget) -> Option<Vec<u8>> {
    match deref(doc, o) {
        Object::Stream(s) => {
            let limit = MAX_STREAM.min(budget.left);
            match s.get_plain_content_with_limit(limit) {
                Ok(data) => {
                    budget.left = budget.left.saturating_sub(data.len());
                    Some(data)
                }
                Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                    ..
                })) => {
                    budget.exceeded = true;
                    None
                }
                // Unsupported or broken filters: whatever raw bytes there are are not usable.
                Err(_) => None,
            }
        }
        Object::Array(parts) => {
            let mut out = Vec::new();
            for p in parts.iter().take(4096) {
                // Only streams inside: an array that names itself must not recurse.
                if !matches!(deref(doc, p), Object::Stream(_)) {
                    continue;
                }
                if let Some(d) = stream_data(doc, p, budget) {
                    out.extend_from_slice(&d);
                    out.push(b'\n');
                }
            }
            Some(out)
        }
        _ => None,
    }
}
