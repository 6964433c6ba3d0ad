//! A small tokenizer for content streams and CMaps: operands and operators, nothing else.
//!
//! lopdf's generic content parser builds an `Object` tree for every operation; this one
//! borrows names and strings from the buffer where it can and skips inline images, which is
//! what the text interpreter needs (see PDF-NOTES: the generic parser dominated the time).

use std::borrow::Cow;

/// Deepest nesting of arrays/dictionaries accepted in one operand.
const MAX_NESTING: usize = 32;
/// Most operands kept before one operator (a CMap block has up to 100 entries of 2–3).
const MAX_OPERANDS: usize = 4096;

/// One operand of a content-stream operation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Operand<'a> {
    /// An integer or real number.
    Num(f64),
    /// A name, without the slash (`#xx` escapes decoded).
    Name(Cow<'a, [u8]>),
    /// A literal or hexadecimal string, decoded to bytes.
    Str(Cow<'a, [u8]>),
    /// An array.
    Array(Vec<Operand<'a>>),
    /// A dictionary, as key/value pairs in order.
    Dict(Vec<(Cow<'a, [u8]>, Operand<'a>)>),
    /// `true` / `false`.
    Bool(bool),
    /// `null`, or anything unreadable.
    Null,
}

impl Operand<'_> {
    /// The number, if this is one.
    pub(crate) fn num(&self) -> Option<f64> {
        match self {
            Operand::Num(n) => Some(*n),
            _ => None,
        }
    }

    /// A value of a dictionary operand.
    pub(crate) fn get(&self, key: &[u8]) -> Option<&Self> {
        match self {
            Operand::Dict(d) => d.iter().find(|(k, _)| k.as_ref() == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Most spare buffers kept for reuse, of each kind.
const MAX_SPARE: usize = 64;

/// Tokenizer state over one buffer.
pub(crate) struct Lexer<'a> {
    buf: &'a [u8],
    pos: usize,
    /// Byte buffers of the operands dropped at the last operator, reused for decoded strings
    /// and names: an allocation per hex string and per `TJ` array was a large share of the
    /// interpreter's time.
    spare_bytes: Vec<Vec<u8>>,
    /// Emptied arrays of those operands, reused the same way.
    spare_arrays: Vec<Vec<Operand<'a>>>,
}

/// Byte classes: white space, delimiter, or regular.
const WHITE: u8 = 1;
const DELIM: u8 = 2;
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let white = b" \t\r\n\x0c\0";
    let mut i = 0;
    while i < white.len() {
        t[white[i] as usize] = WHITE;
        i += 1;
    }
    let delim = b"()<>[]{}/%";
    let mut i = 0;
    while i < delim.len() {
        t[delim[i] as usize] = DELIM;
        i += 1;
    }
    t
};

fn is_white(b: u8) -> bool {
    CLASS[b as usize] == WHITE
}

/// White space or a delimiter: where a name, a number or a keyword ends.
fn ends_word(b: u8) -> bool {
    CLASS[b as usize] != 0
}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

impl<'a> Lexer<'a> {
    /// A tokenizer at the start of `buf`.
    pub(crate) fn new(buf: &'a [u8]) -> Self {
        Lexer {
            buf,
            pos: 0,
            spare_bytes: Vec::new(),
            spare_arrays: Vec::new(),
        }
    }

    /// Keeps the buffers of a dropped operand for the next ones.
    fn recycle(&mut self, op: Operand<'a>) {
        match op {
            Operand::Name(Cow::Owned(mut v)) | Operand::Str(Cow::Owned(mut v))
                if self.spare_bytes.len() < MAX_SPARE =>
            {
                v.clear();
                self.spare_bytes.push(v);
            }
            Operand::Array(mut items) => {
                for item in items.drain(..) {
                    self.recycle(item);
                }
                if self.spare_arrays.len() < MAX_SPARE {
                    self.spare_arrays.push(items);
                }
            }
            Operand::Dict(items) => {
                for (k, v) in items {
                    if let Cow::Owned(k) = k {
                        self.recycle(Operand::Name(Cow::Owned(k)));
                    }
                    self.recycle(v);
                }
            }
            _ => {}
        }
    }

    /// An empty byte buffer, reused when one is spare.
    fn bytes(&mut self) -> Vec<u8> {
        self.spare_bytes.pop().unwrap_or_default()
    }

    fn skip_white(&mut self) {
        while let Some(&b) = self.buf.get(self.pos) {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(&c) = self.buf.get(self.pos) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// Reads operands into `operands` (cleared first) up to the next operator, and returns the
    /// operator; `None` at the end of the buffer.
    pub(crate) fn next_op(&mut self, operands: &mut Vec<Operand<'a>>) -> Option<&'a [u8]> {
        for op in operands.drain(..) {
            self.recycle(op);
        }
        loop {
            self.skip_white();
            let &b = self.buf.get(self.pos)?;
            if let Some(op) = self.operand(b, 0) {
                if operands.len() < MAX_OPERANDS {
                    operands.push(op);
                }
                continue;
            }
            // A keyword: operator, true/false/null.
            let word = self.word();
            if word.is_empty() {
                // A stray delimiter (`)`, `>`, `]`, `}`): skip it.
                self.pos += 1;
                continue;
            }
            match word {
                b"true" => operands.push(Operand::Bool(true)),
                b"false" => operands.push(Operand::Bool(false)),
                b"null" => operands.push(Operand::Null),
                b"BI" => {
                    self.skip_inline_image();
                    for op in operands.drain(..) {
                        self.recycle(op);
                    }
                }
                _ => return Some(word),
            }
        }
    }

    /// Skips `BI … ID <data> EI`.
    fn skip_inline_image(&mut self) {
        // Find "ID" as a keyword.
        while self.pos + 1 < self.buf.len() {
            if self.buf[self.pos] == b'I'
                && self.buf[self.pos + 1] == b'D'
                && self.pos > 0
                && is_white(self.buf[self.pos - 1])
                && self.buf.get(self.pos + 2).is_none_or(|&c| is_white(c))
            {
                self.pos += 3;
                break;
            }
            self.pos += 1;
        }
        // Then "EI" between white space.
        while self.pos + 1 < self.buf.len() {
            if self.buf[self.pos] == b'E'
                && self.buf[self.pos + 1] == b'I'
                && is_white(self.buf[self.pos - 1])
                && self.buf.get(self.pos + 2).is_none_or(|&c| is_white(c))
            {
                self.pos += 2;
                return;
            }
            self.pos += 1;
        }
        self.pos = self.buf.len();
    }

    /// An operand starting at the current position, or `None` if a keyword starts here.
    fn operand(&mut self, b: u8, depth: usize) -> Option<Operand<'a>> {
        match b {
            b'0'..=b'9' | b'+' | b'-' | b'.' => Some(self.number()),
            b'/' => {
                self.pos += 1;
                Some(Operand::Name(self.name()))
            }
            b'(' => {
                self.pos += 1;
                Some(Operand::Str(self.literal()))
            }
            b'<' if self.buf.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                Some(self.dict(depth + 1))
            }
            b'<' => {
                self.pos += 1;
                let mut out = self.bytes();
                self.hex(&mut out);
                Some(Operand::Str(Cow::Owned(out)))
            }
            b'[' => {
                self.pos += 1;
                Some(self.array(depth + 1))
            }
            _ => None,
        }
    }

    fn number(&mut self) -> Operand<'a> {
        // [sign] digits [. digits]: `--5` and `5-3` appear in broken streams, so a sign after
        // the start ends the number, as does a second point.
        let s = &self.buf[self.pos..];
        let mut i = 0;
        let neg = match s.first() {
            Some(b'-') => {
                i = 1;
                true
            }
            Some(b'+') => {
                i = 1;
                false
            }
            _ => false,
        };
        let mut int: f64 = 0.0;
        while let Some(&c) = s.get(i) {
            if !c.is_ascii_digit() {
                break;
            }
            int = int * 10.0 + f64::from(c - b'0');
            i += 1;
        }
        let mut frac: f64 = 0.0;
        if s.get(i) == Some(&b'.') {
            i += 1;
            let mut scale: f64 = 1.0;
            while let Some(&c) = s.get(i) {
                if !c.is_ascii_digit() {
                    break;
                }
                scale *= 0.1;
                frac += f64::from(c - b'0') * scale;
                i += 1;
            }
        }
        self.pos += i;
        let v = int + frac;
        Operand::Num(if neg { -v } else { v })
    }

    fn name(&mut self) -> Cow<'a, [u8]> {
        let start = self.pos;
        while let Some(&c) = self.buf.get(self.pos) {
            if ends_word(c) {
                break;
            }
            self.pos += 1;
        }
        let raw = &self.buf[start..self.pos];
        if !raw.contains(&b'#') {
            return Cow::Borrowed(raw);
        }
        let mut out = self.bytes();
        let mut i = 0;
        while i < raw.len() {
            if raw[i] == b'#' && i + 2 < raw.len() + 1 {
                if let (Some(h), Some(l)) = (
                    raw.get(i + 1).copied().and_then(hex_val),
                    raw.get(i + 2).copied().and_then(hex_val),
                ) {
                    out.push(h * 16 + l);
                    i += 3;
                    continue;
                }
            }
            out.push(raw[i]);
            i += 1;
        }
        Cow::Owned(out)
    }

    fn literal(&mut self) -> Cow<'a, [u8]> {
        let start = self.pos;
        // Fast path: no escapes and balanced parentheses without nesting.
        while let Some(&c) = self.buf.get(self.pos) {
            match c {
                b')' => {
                    let s = &self.buf[start..self.pos];
                    self.pos += 1;
                    return Cow::Borrowed(s);
                }
                b'\\' | b'(' | b'\r' => break,
                _ => self.pos += 1,
            }
        }
        self.pos = start;
        let mut out = self.bytes();
        let mut depth = 1usize;
        while let Some(&c) = self.buf.get(self.pos) {
            self.pos += 1;
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(c);
                }
                b'\r' => {
                    out.push(b'\n');
                    if self.buf.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                    }
                }
                b'\\' => {
                    let Some(&e) = self.buf.get(self.pos) else {
                        break;
                    };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.buf.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.buf.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xFF) as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
        Cow::Owned(out)
    }

    fn hex(&mut self, out: &mut Vec<u8>) {
        let mut hi: Option<u8> = None;
        while let Some(&c) = self.buf.get(self.pos) {
            self.pos += 1;
            if c == b'>' {
                break;
            }
            if let Some(v) = hex_val(c) {
                match hi.take() {
                    Some(h) => out.push(h * 16 + v),
                    None => hi = Some(v),
                }
            }
        }
        if let Some(h) = hi {
            out.push(h * 16);
        }
    }

    fn array(&mut self, depth: usize) -> Operand<'a> {
        let mut items = self.spare_arrays.pop().unwrap_or_default();
        loop {
            self.skip_white();
            let Some(&b) = self.buf.get(self.pos) else {
                break;
            };
            if b == b']' {
                self.pos += 1;
                break;
            }
            if depth > MAX_NESTING {
                self.pos += 1;
                continue;
            }
            match self.operand(b, depth) {
                Some(op) => items.push(op),
                None => items.push(self.bare_keyword()),
            }
        }
        Operand::Array(items)
    }

    fn dict(&mut self, depth: usize) -> Operand<'a> {
        let mut items = Vec::new();
        let mut key: Option<Cow<'a, [u8]>> = None;
        loop {
            self.skip_white();
            let Some(&b) = self.buf.get(self.pos) else {
                break;
            };
            if b == b'>' {
                self.pos += if self.buf.get(self.pos + 1) == Some(&b'>') {
                    2
                } else {
                    1
                };
                break;
            }
            if depth > MAX_NESTING {
                self.pos += 1;
                continue;
            }
            let value = match self.operand(b, depth) {
                Some(v) => v,
                None => self.bare_keyword(),
            };
            match key.take() {
                None => {
                    if let Operand::Name(n) = value {
                        key = Some(n)
                    }
                }
                Some(k) => items.push((k, value)),
            }
        }
        Operand::Dict(items)
    }

    /// A keyword inside an array or dictionary: `true`, `false`, or `null` / junk (always
    /// consumes at least one byte, so a malformed stream cannot stall the lexer).
    fn bare_keyword(&mut self) -> Operand<'a> {
        match self.word() {
            b"true" => Operand::Bool(true),
            b"false" => Operand::Bool(false),
            b"" => {
                self.pos += 1;
                Operand::Null
            }
            _ => Operand::Null,
        }
    }

    /// The run of regular characters at the cursor (empty at a delimiter or the end).
    fn word(&mut self) -> &'a [u8] {
        let start = self.pos;
        while let Some(&c) = self.buf.get(self.pos) {
            if ends_word(c) {
                break;
            }
            self.pos += 1;
        }
        self.buf.get(start..self.pos).unwrap_or_default()
    }
}

/// Decodes a PDF text string (UTF-16BE with BOM, UTF-8 with BOM, or PDFDocEncoding ≈ Latin-1).
pub(crate) fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units = rest
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]));
        return char::decode_utf16(units)
            .map(|r| r.unwrap_or('\u{FFFD}'))
            .collect();
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(src: &str) -> Vec<(String, Vec<Operand<'_>>)> {
        let mut lx = Lexer::new(src.as_bytes());
        let mut v = Vec::new();
        let mut out = Vec::new();
        while let Some(op) = lx.next_op(&mut v) {
            out.push((String::from_utf8_lossy(op).into_owned(), v.clone()));
        }
        out
    }

    #[test]
    fn operators_and_operands() {
        let o = ops("BT /F1 12 Tf 1 0 0 1 72.5 -.5 Tm (a\\(b\\)c) Tj [<0041>-120(x)] TJ ET");
        let names: Vec<&str> = o.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["BT", "Tf", "Tm", "Tj", "TJ", "ET"]);
        assert_eq!(o[1].1[0], Operand::Name(Cow::Borrowed(b"F1")));
        assert_eq!(o[2].1[5], Operand::Num(-0.5));
        assert_eq!(o[3].1[0], Operand::Str(Cow::Owned(b"a(b)c".to_vec())));
        assert_eq!(
            o[4].1[0],
            Operand::Array(vec![
                Operand::Str(Cow::Owned(vec![0, 0x41])),
                Operand::Num(-120.0),
                Operand::Str(Cow::Borrowed(b"x")),
            ])
        );
    }

    #[test]
    fn marked_content_dict_and_inline_image() {
        let o = ops("/Span <</ActualText <FEFF0E33>>> BDC BI /W 1 /H 1 ID \x00\x01 EI EMC");
        assert_eq!(o[0].0, "BDC");
        let at = o[0].1[1].get(b"ActualText").cloned();
        assert_eq!(
            at,
            Some(Operand::Str(Cow::Owned(vec![0xFE, 0xFF, 0x0E, 0x33])))
        );
        assert_eq!(o[1].0, "EMC");
        assert_eq!(text_string(&[0xFE, 0xFF, 0x0E, 0x33]), "ำ");
    }

    #[test]
    fn octal_escapes_and_names() {
        let o = ops("(\\101\\060) Tj /A#20B Do");
        assert_eq!(o[0].1[0], Operand::Str(Cow::Owned(b"A0".to_vec())));
        assert_eq!(o[1].1[0], Operand::Name(Cow::Owned(b"A B".to_vec())));
    }

    #[test]
    fn reused_buffers_start_empty() {
        // Each operator's operands are recycled for the next: no bytes may carry over.
        let o = ops("[<00410042>(x\\y)] TJ <43> Tj /A#20B /C#20 Tf [<44>] TJ (\\101) Tj");
        assert_eq!(o[1].1[0], Operand::Str(Cow::Owned(vec![0x43])));
        assert_eq!(o[2].1[0], Operand::Name(Cow::Owned(b"A B".to_vec())));
        assert_eq!(o[2].1[1], Operand::Name(Cow::Owned(b"C ".to_vec())));
        assert_eq!(
            o[3].1[0],
            Operand::Array(vec![Operand::Str(Cow::Owned(vec![0x44]))])
        );
        assert_eq!(o[4].1[0], Operand::Str(Cow::Owned(b"A".to_vec())));
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let src = "[".repeat(10_000) + " 1 Tj";
        let o = ops(&src);
        assert!(o.len() <= 1);
    }
}
