//! Saved web pages and CSV files as text lines, for the rest of the pipeline.
//!
//! A small, careful HTML-to-text converter (no DOM; the pages users save are tag soup): tags
//! are dropped, the contents of `<script>`, `<style>`, `<nav>`, `<header>`, `<footer>` (and
//! other page chrome: `<noscript>`, `<template>`, `<svg>`, `<select>`) are ignored, character
//! references are decoded, a table row becomes one line with its cells separated by tabs, and
//! block elements (`<p>`, `<div>`, `<li>`, headings, `<br>`) break lines. Inside a cell, a
//! line break is a space, so a row stays one line. A CSV file's records become lines of
//! tab-separated cells (quoted fields, embedded commas and newlines handled by `csv`).

/// Elements whose whole content is page chrome or code, never document text.
const SKIPPED: [&str; 10] = [
    "script", "style", "nav", "header", "footer", "noscript", "template", "svg", "select", "iframe",
];

/// Elements that start and end a line.
const BLOCKS: [&str; 30] = [
    "p",
    "div",
    "section",
    "article",
    "main",
    "aside",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "blockquote",
    "pre",
    "form",
    "hr",
    "title",
    "figure",
    "figcaption",
];

/// Does this text look like an HTML page (a doctype, `<html`, or markup that opens with a
/// `<table` / `<body`)?
#[must_use]
pub fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
    let head: String = start.chars().take(4096).collect::<String>().to_lowercase();
    if head.starts_with("<!doctype html") || head.contains("<html") {
        return true;
    }
    head.starts_with('<') && (head.contains("<table") || head.contains("<body"))
}

/// The text of an HTML page as lines (see the module docs). Blank lines separate paragraphs.
#[must_use]
pub fn to_lines(html: &str) -> Vec<String> {
    let mut out = Out::default();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.text(&rest[..lt]);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        let Some(tag) = Tag::parse(rest) else {
            // A lone `<` is text.
            out.text("<");
            rest = &rest[1..];
            continue;
        };
        rest = &rest[tag.len..];
        if tag.name.is_empty() {
            continue;
        }
        if !tag.closing && SKIPPED.contains(&tag.name.as_str()) {
            rest = skip_element(rest, &tag.name);
            continue;
        }
        out.tag(&tag);
    }
    out.text(rest);
    out.finish()
}

/// A tag: its lower-case name, whether it closes, and its length in bytes.
struct Tag {
    name: String,
    closing: bool,
    len: usize,
}

impl Tag {
    /// Parses the tag at the start of `s` (which starts with `<`); `None` when `<` is not
    /// followed by a tag name, `/`, `!` or `?`.
    fn parse(s: &str) -> Option<Tag> {
        let body = &s[1..];
        let first = body.chars().next()?;
        if !(first.is_ascii_alphabetic() || matches!(first, '/' | '!' | '?')) {
            return None;
        }
        // The end: the first `>` outside a quoted attribute value.
        let mut quote: Option<char> = None;
        let mut end = None;
        for (i, c) in body.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') if i > 0 => quote = Some(c),
                (None, '>') => {
                    end = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let len = end.map_or(s.len(), |e| e + 2);
        let inner = &body[..end.unwrap_or(body.len())];
        let closing = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        Some(Tag { name, closing, len })
    }
}

/// The rest of the text after the element `name` whose start tag was just read (nested
/// elements of the same name counted; script and style are raw text up to their end tag).
fn skip_element<'a>(rest: &'a str, name: &str) -> &'a str {
    let lower = rest.to_ascii_lowercase();
    let open = format!("<{name}");
    let close = format!("</{name}");
    if matches!(name, "script" | "style") {
        return lower.find(&close).map_or("", |e| after_tag(rest, e));
    }
    let mut depth = 1usize;
    let mut at = 0usize;
    loop {
        let next_open = lower[at..].find(&open).map(|i| i + at);
        let next_close = lower[at..].find(&close).map(|i| i + at);
        match (next_open, next_close) {
            (Some(o), Some(c)) if o < c => {
                let boundary = lower[o + open.len()..]
                    .chars()
                    .next()
                    .is_some_and(|ch| !ch.is_ascii_alphanumeric());
                if boundary {
                    depth += 1;
                }
                at = o + open.len();
            }
            (_, Some(c)) => {
                depth -= 1;
                if depth == 0 {
                    return after_tag(rest, c);
                }
                at = c + close.len();
            }
            (_, None) => return "",
        }
    }
}

/// `rest` after the tag that starts at byte `at`.
fn after_tag(rest: &str, at: usize) -> &str {
    rest[at..].find('>').map_or("", |e| &rest[at + e + 1..])
}

/// The text being built: lines, the current line, and where we are in a table.
#[derive(Default)]
struct Out {
    lines: Vec<String>,
    line: String,
    /// Cells opened in the current table row.
    cells: usize,
    /// Depth of open `<td>`/`<th>` elements.
    in_cell: usize,
}

impl Out {
    fn text(&mut self, raw: &str) {
        let decoded = decode_entities(raw);
        for c in decoded.chars() {
            if c.is_whitespace() || c == '\u{00A0}' {
                if !self.line.is_empty() && !self.line.ends_with([' ', '\t']) {
                    self.line.push(' ');
                }
            } else {
                self.line.push(c);
            }
        }
    }

    /// Ends the current line (a no-op on an empty one).
    fn break_line(&mut self) {
        let l = self.line.trim_matches(' ').to_owned();
        self.line.clear();
        if !l.trim().is_empty() {
            self.lines.push(l);
        }
    }

    /// Ends the current line and leaves one blank line after it.
    fn paragraph(&mut self) {
        self.break_line();
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    fn tag(&mut self, tag: &Tag) {
        let name = tag.name.as_str();
        match (name, tag.closing) {
            ("tr", _) => {
                self.break_line();
                self.cells = 0;
                self.in_cell = 0;
            }
            ("td" | "th", false) => {
                // A cell: after the previous one of the row, a tab.
                while self.line.ends_with(' ') {
                    self.line.pop();
                }
                if self.cells > 0 {
                    self.line.push('\t');
                }
                self.cells += 1;
                self.in_cell += 1;
            }
            ("td" | "th", true) => {
                while self.line.ends_with(' ') {
                    self.line.pop();
                }
                self.in_cell = self.in_cell.saturating_sub(1);
            }
            // Inside a cell, line breaks are spaces: the row stays one line.
            _ if self.in_cell > 0 => {
                let breaks = name == "br" || BLOCKS.contains(&name);
                if breaks && !self.line.is_empty() && !self.line.ends_with([' ', '\t']) {
                    self.line.push(' ');
                }
            }
            ("br", _) => self.break_line(),
            ("p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "table" | "ul" | "ol", _) => {
                self.paragraph();
                if name == "table" {
                    self.cells = 0;
                }
            }
            _ if BLOCKS.contains(&name) => self.break_line(),
            _ => {}
        }
    }

    fn finish(mut self) -> Vec<String> {
        self.break_line();
        while self.lines.last().is_some_and(String::is_empty) {
            self.lines.pop();
        }
        self.lines
    }
}

/// Decodes character references: numeric (`&#3585;`, `&#xE01;`) and the named ones pages use.
#[must_use]
pub fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i + 1);
        let decoded = end.and_then(|e| entity(&rest[1..e]));
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// The character a reference's name (between `&` and `;`) stands for.
fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|&c| c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{00A0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "laquo" => '«',
        "raquo" => '»',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "bull" => '•',
        "middot" => '·',
        "copy" => '©',
        "reg" => '®',
        "deg" => '°',
        "times" => '×',
        _ => return None,
    })
}

/// A CSV text as lines of tab-separated cells: quoted fields, embedded commas, quotes and
/// newlines (a newline or tab inside a field becomes a space). `None` when it does not parse.
#[must_use]
pub fn csv_to_lines(text: &str) -> Option<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut lines = Vec::new();
    for record in reader.records() {
        let record = record.ok()?;
        let cells: Vec<String> = record
            .iter()
            .map(|f| {
                f.split(['\n', '\r', '\t'])
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        lines.push(cells.join("\t"));
    }
    Some(lines)
}

/// Does this text look like CSV: no tabs, and most (60%) of its first records split by commas
/// (outside quotes) into the same number of fields, at least three (a title line or a row cut
/// short may differ)?
#[must_use]
pub fn looks_like_csv(text: &str) -> bool {
    if text.contains('\t') || looks_like_html(text) {
        return false;
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut counts = Vec::new();
    for record in reader.records().take(40) {
        let Ok(record) = record else { return false };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        counts.push(record.len());
    }
    // The most common field count: a title line above the records does not count.
    let mut best = (0usize, 0usize);
    for &n in &counts {
        let same = counts.iter().filter(|&&m| m == n).count();
        if same > best.1 || same == best.1 && n > best.0 {
            best = (n, same);
        }
    }
    let (fields, same) = best;
    fields >= 3 && same >= 2 && same * 10 >= counts.len() * 6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_with_chrome_and_a_table() {
        let html = r#"<!DOCTYPE html><html><head><title>ITAS</title>
<style>td { color: red }</style><script>var x = "<td>1</td>";</script></head>
<body><header><a href="/">หน้าแรก</a></header><nav><ul><li>เมนู</li><li><nav>ซ้อน</nav></li></ul></nav>
<h1>ผลการประเมิน &amp; คะแนน&nbsp;2566</h1>
<table><tr><th>#</th><th>หน่วยงาน</th><th>คะแนน</th></tr>
<tr><td>1</td><td>เทศบาล<br>ตำบล &#3585;</td><td> 97.90 </td></tr></table>
<!-- <p>comment</p> --><p>ท้าย</p><footer>© 2566</footer></body></html>"#;
        assert_eq!(
            to_lines(html),
            [
                "ITAS",
                "",
                "ผลการประเมิน & คะแนน 2566",
                "",
                "#\tหน่วยงาน\tคะแนน",
                "1\tเทศบาล ตำบล ก\t97.90",
                "",
                "ท้าย",
            ]
        );
        assert!(looks_like_html(html));
        assert!(!looks_like_html("ข้อความ <br> ธรรมดา"));
    }

    #[test]
    fn csv_records_become_tab_lines() {
        let text = "ลำดับ,หน่วยงาน,คะแนน\n1,\"เทศบาล, ตำบล\nก\",97.90\n2,อบต.ข,\"88.1\"\n";
        assert!(looks_like_csv(text));
        assert_eq!(
            csv_to_lines(text).unwrap(),
            [
                "ลำดับ\tหน่วยงาน\tคะแนน",
                "1\tเทศบาล, ตำบล ก\t97.90",
                "2\tอบต.ข\t88.1"
            ]
        );
        assert!(!looks_like_csv("ITA ได้ 92.19 คะแนน, ผ่าน\nข้อความ"));
    }
}
