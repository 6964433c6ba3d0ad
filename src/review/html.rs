//! The site's HTML: the index of reports and one page per report. Everything printed is
//! escaped; styles and scripts are inline (the site works from `file://`).

use std::collections::BTreeSet;
use std::fmt::Write;

use super::svg::{self, Outline};
use super::{page_name, values, warnings, Entry, Value};
use crate::model::{Diagnostic, Report, Severity};

/// Thai first, then fallbacks a reader's machine is likely to have.
const FONTS: &str =
    r#""Sarabun", "TH Sarabun New", "Noto Sans Thai", "Garuda", "Loma", "Noto Sans", sans-serif"#;

const STYLE: &str = r#"
body { font-family: FONTS; margin: 1.2em; color: #222; line-height: 1.45; }
h1 { font-size: 1.4em; margin: 0 0 .3em; } h2 { font-size: 1.15em; margin: 1em 0 .4em; }
table { border-collapse: collapse; font-size: 14px; }
th, td { border: 1px solid #ccc; padding: .2em .45em; vertical-align: top; text-align: left; }
th { background: #f2f2f2; position: sticky; top: 0; }
th.sortable { cursor: pointer; } th.sortable::after { content: " ⇅"; color: #999; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.warn > td { background: #fff1e0; } tr.repair > td { background: #eef5ff; }
tr:target > td, tr.hl > td { background: #ffec80; }
.status-ok { color: #080; } .status-partial { color: #b60; } .status-failed { color: #c00; }
.diag { display: block; font-size: 12.5px; margin: .1em 0; }
.diag.warning, .diag.error { color: #a33c00; font-weight: 600; }
.diag.repair { color: #2456a6; } .diag.pass { color: #777; }
.src { color: #444; font-size: 13px; min-width: 14em; max-width: 26em; }
td.val { min-width: 4em; max-width: 14em; overflow-wrap: anywhere; }
.split > div:first-child { overflow-x: auto; } td.label { min-width: 8em; max-width: 16em; }
td.diags { min-width: 14em; max-width: 26em; }
.meta { color: #555; } .note { background: #fff6d6; padding: .3em .6em; display: inline-block; }
.filters { margin: .5em 0; } .filters input { font: inherit; padding: .2em .4em; width: 22em; }
.split { display: grid; grid-template-columns: minmax(0, 1.25fr) minmax(0, 1fr); gap: 1em; align-items: start; }
.pages { position: sticky; top: 0; max-height: 100vh; overflow: auto; }
.page-box { border: 1px solid #bbb; margin-bottom: 1em; background: #fff; }
.page-box h3 { margin: 0; padding: .2em .5em; font-size: 13px; background: #eee; }
svg.page { display: block; width: 100%; height: auto; }
svg.page .sheet { fill: #fff; } svg.page .rule { fill: #999; }
svg.page text { font-family: FONTS; fill: #333; }
svg.page .box { fill: rgba(0, 110, 255, .10); stroke: #0a5cd6; stroke-width: .8; }
svg.page .box.warn { fill: rgba(255, 120, 0, .16); stroke: #d45500; }
svg.page .box:target, svg.page .box.hl { fill: rgba(255, 215, 0, .35); stroke: #e00; stroke-width: 2.5; }
a.at { text-decoration: none; }
"#;

/// Index page: sort by a column (numbers as numbers), filter by text and status.
const INDEX_SCRIPT: &str = r#"
(function () {
  var table = document.getElementById('reports');
  var body = table.tBodies[0];
  var dir = {};
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
    th.classList.add('sortable');
    th.addEventListener('click', function () {
      dir[i] = -(dir[i] || -1);
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[i].getAttribute('data-v') || a.cells[i].textContent;
        var y = b.cells[i].getAttribute('data-v') || b.cells[i].textContent;
        var nx = parseFloat(x), ny = parseFloat(y);
        var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, 'th');
        return c * dir[i];
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  var q = document.getElementById('q'), st = document.getElementById('status');
  function filter() {
    var words = q.value.toLowerCase().split(/\s+/).filter(Boolean);
    Array.prototype.forEach.call(body.rows, function (r) {
      var t = r.textContent.toLowerCase();
      var ok = words.every(function (w) { return t.indexOf(w) >= 0; });
      ok = ok && (!st.value || r.getAttribute('data-status') === st.value);
      r.style.display = ok ? '' : 'none';
    });
  }
  q.addEventListener('input', filter); st.addEventListener('change', filter);
})();
"#;

/// Report page: a value (its link or its row) shows its box on the page drawing, a box shows
/// its row; the one shown is highlighted. The page drawings scroll in their own pane.
const REPORT_SCRIPT: &str = r##"
(function () {
  var lit = [];
  function show(id) {
    var el = document.getElementById(id);
    if (!el) return;
    lit.forEach(function (e) { e.classList.remove('hl'); });
    lit = [el];
    el.classList.add('hl');
    var pane = el.closest('.pages');
    if (pane) {
      var r = el.getBoundingClientRect(), p = pane.getBoundingClientRect();
      pane.scrollTop += r.top - p.top - p.height / 2;
    } else {
      el.scrollIntoView({ block: 'center' });
    }
    history.replaceState(null, '', '#' + id);
  }
  document.addEventListener('click', function (e) {
    var a = e.target.closest('a[href^="#"]');
    var tr = e.target.closest('tr[data-box]');
    var id = a ? (a.getAttribute('href') || '').slice(1) : (tr ? tr.getAttribute('data-box') : null);
    if (!id) return;
    e.preventDefault();
    show(id);
  });
  if (location.hash) {
    // The drawings scroll in their own pane: the page itself stays at its top.
    window.addEventListener('load', function () {
      window.scrollTo(0, 0);
      show(decodeURIComponent(location.hash.slice(1)));
    });
  }
})();
"##;

/// `s` with `&`, `<`, `>`, `"` and `'` escaped.
pub(super) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn head(title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"th\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{}</style>\n</head>\n",
        esc(title),
        STYLE.replace("FONTS", FONTS)
    )
}

fn json_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn opt(v: Option<&str>) -> String {
    v.map(esc).unwrap_or_default()
}

/// The index of every report.
pub(super) fn index(entries: &[Entry]) -> String {
    let mut s = head("ITA reports: review");
    s.push_str("<body>\n<h1>ITA reports</h1>\n");
    let _ = writeln!(
        s,
        "<p class=\"meta\">{} reports. Click a column to sort; type to filter.</p>",
        entries.len()
    );
    s.push_str(
        "<div class=\"filters\"><input id=\"q\" type=\"search\" placeholder=\"filter: agency, province, file…\"> \
         <select id=\"status\"><option value=\"\">any status</option><option>ok</option>\
         <option>partial</option><option>failed</option></select></div>\n",
    );
    s.push_str(
        "<table id=\"reports\">\n<thead><tr><th>#</th><th>file</th><th>kind</th><th>agency</th>\
         <th>type</th><th>province</th><th>year</th><th>ITA</th><th>result</th><th>status</th>\
         <th>warnings</th></tr></thead>\n<tbody>\n",
    );
    for (k, e) in entries.iter().enumerate() {
        let r = &e.report;
        let status = json_name(&r.status);
        let kind = json_name(&r.document.kind);
        let _ = writeln!(
            s,
            "<tr class=\"report\" data-status=\"{status}\"><td class=\"num\" data-v=\"{n}\">{n}</td>\
             <td><a href=\"reports/{page}\">{file}</a></td><td>{kind}</td><td>{agency}</td>\
             <td>{kind_of}</td><td>{province}</td><td class=\"num\">{year}</td>\
             <td class=\"num\">{ita}</td><td>{result}</td><td class=\"status-{status}\">{status}</td>\
             <td class=\"num\">{warn}</td></tr>",
            n = k + 1,
            page = page_name(k),
            file = esc(&r.source.path),
            kind = esc(&kind),
            agency = opt(r.agency.name.as_deref()),
            kind_of = r
                .agency
                .kind
                .map(|t| esc(&json_name(&t)))
                .unwrap_or_default(),
            province = opt(r.agency.province.as_deref()),
            year = r.fiscal_year.map(|y| y.to_string()).unwrap_or_default(),
            ita = r.ita.score.map(|v| v.to_string()).unwrap_or_default(),
            result = opt(r.ita.result.as_deref()),
            warn = warnings(r),
        );
    }
    s.push_str("</tbody>\n</table>\n<script>");
    s.push_str(INDEX_SCRIPT);
    s.push_str("</script>\n</body>\n</html>\n");
    s
}

/// A report's page and how many PDF pages it draws.
pub(super) struct Page {
    pub html: String,
    pub drawn: usize,
}

/// How a diagnostic is shown: a warning, a repair or note, or a passed check.
fn diag_class(d: &Diagnostic) -> &'static str {
    match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info if crate::audit::CHECKS.contains(&d.code.as_str()) => "pass",
        Severity::Info => "repair",
    }
}

fn diag_html(d: &Diagnostic) -> String {
    format!(
        "<span class=\"diag {}\"><b>{}</b>: {}</span>",
        diag_class(d),
        esc(&d.code),
        esc(&d.message)
    )
}

/// The normalized text of line `line` on `page` (cells shown as ` | `).
fn line_text(e: &Entry, page: Option<u32>, line: u32) -> Option<String> {
    let text = e.text.as_ref()?;
    let k = usize::try_from(line).ok()?.checked_sub(1)?;
    let l = text.lines.get(k).filter(|l| l.at.page == page)?;
    Some(l.cells().collect::<Vec<_>>().join(" | "))
}

fn place(page: Option<u32>, line: u32) -> (String, String) {
    (
        page.map(|p| p.to_string()).unwrap_or_default(),
        line.to_string(),
    )
}

/// One report's page: its values with their lines and diagnostics, and its cited PDF pages.
pub(super) fn report_page(e: &Entry) -> Page {
    let r: &Report = &e.report;
    let title = r
        .agency
        .name
        .clone()
        .unwrap_or_else(|| r.source.path.clone());
    let mut s = head(&format!("{title}: review"));
    s.push_str("<body>\n<p><a href=\"../index.html\">← all reports</a></p>\n");
    let _ = writeln!(s, "<h1>{}</h1>", esc(&title));
    let _ = writeln!(
        s,
        "<p class=\"meta\">{} · {} · fiscal year {} · status <b class=\"status-{st}\">{st}</b> · {} warnings</p>",
        esc(&r.source.path),
        esc(&json_name(&r.document.kind)),
        r.fiscal_year.map(|y| y.to_string()).unwrap_or_else(|| "?".into()),
        warnings(r),
        st = json_name(&r.status),
    );
    if let Some(note) = &e.note {
        let _ = writeln!(
            s,
            "<p class=\"note\">{}: no line texts or page drawings.</p>",
            esc(note)
        );
    }
    let vals = values(r);
    // Diagnostics by the line they concern; those at no value's line are listed apart.
    let lines_of_values: BTreeSet<(Option<u32>, u32)> = vals
        .iter()
        .filter_map(|v| v.at.map(|a| (a.page, a.line)))
        .collect();
    let concerns = |v: &Value| -> Vec<&Diagnostic> {
        let Some(a) = v.at else { return Vec::new() };
        r.diagnostics
            .iter()
            .filter(|d| d.at.is_some_and(|b| b.page == a.page && b.line == a.line))
            .collect()
    };
    let apart: Vec<&Diagnostic> = r
        .diagnostics
        .iter()
        .filter(|d| {
            d.at.is_none_or(|a| !lines_of_values.contains(&(a.page, a.line)))
        })
        .collect();
    let mut table = String::new();
    table.push_str(
        "<table id=\"values\">\n<thead><tr><th>value</th><th>extracted</th><th>page</th><th>line</th>\
         <th>source line</th><th>diagnostics</th></tr></thead>\n<tbody>\n",
    );
    let mut outlines: Vec<(u32, Outline)> = Vec::new();
    let pdf = r.source.format == crate::model::Format::Pdf;
    for (i, v) in vals.iter().enumerate() {
        let diags = concerns(v);
        let class = if diags.iter().any(|d| d.severity >= Severity::Warning) {
            "warn"
        } else if diags.iter().any(|d| diag_class(d) == "repair") {
            "repair"
        } else {
            ""
        };
        let row = format!("v{}", i + 1);
        let boxed = v.at.and_then(|a| Some((a.page?, a.bbox?)));
        let drawn = pdf && e.text.is_some();
        let (page, line) =
            v.at.map_or((String::new(), String::new()), |a| place(a.page, a.line));
        let value = match boxed {
            Some((p, b)) if drawn => {
                let id = format!("b{}", i + 1);
                outlines.push((
                    p,
                    Outline {
                        id: id.clone(),
                        row: row.clone(),
                        rect: b.0,
                        class: if class == "warn" { "warn" } else { "" },
                        title: format!("{}: {}", v.label, v.value),
                    },
                ));
                format!(
                    "<a class=\"at\" href=\"#{id}\" data-box=\"{id}\">{}</a>",
                    esc(&v.value)
                )
            }
            _ => esc(&v.value),
        };
        let source =
            v.at.and_then(|a| line_text(e, a.page, a.line))
                .map(|t| esc(&t))
                .unwrap_or_default();
        let mut data = outlines
            .last()
            .filter(|o| o.1.row == row)
            .map(|o| format!(" data-box=\"{}\"", o.1.id))
            .unwrap_or_default();
        if let Some(p) = v.at.and_then(|a| a.page) {
            let _ = write!(data, " data-page=\"{p}\"");
        }
        let _ = writeln!(
            table,
            "<tr id=\"{row}\" class=\"value {class}\"{data}><td class=\"label\">{}</td><td class=\"num val\">{value}</td>\
             <td class=\"num\">{page}</td><td class=\"num\">{line}</td><td class=\"src\">{source}</td><td class=\"diags\">{}</td></tr>",
            esc(&v.label),
            diags.iter().map(|d| diag_html(d)).collect::<String>(),
        );
    }
    table.push_str("</tbody>\n</table>\n");
    let mut other = String::new();
    if !apart.is_empty() {
        other.push_str("<h2>Diagnostics not at a value's line</h2>\n<table id=\"other-diagnostics\">\n<thead><tr><th>page</th><th>line</th><th>source line</th><th>diagnostic</th></tr></thead>\n<tbody>\n");
        for d in apart {
            let (page, line) =
                d.at.map_or((String::new(), String::new()), |a| place(a.page, a.line));
            let source =
                d.at.and_then(|a| line_text(e, a.page, a.line))
                    .map(|t| esc(&t))
                    .unwrap_or_default();
            let _ = writeln!(
                other,
                "<tr class=\"{}\"><td class=\"num\">{page}</td><td class=\"num\">{line}</td><td class=\"src\">{source}</td><td>{}</td></tr>",
                if d.severity >= Severity::Warning { "warn" } else { "" },
                diag_html(d)
            );
        }
        other.push_str("</tbody>\n</table>\n");
    }
    let mut drawings = String::new();
    let mut drawn = 0;
    if let Some(text) = &e.text {
        let pages: BTreeSet<u32> = outlines.iter().map(|o| o.0).collect();
        for p in pages {
            let on_page: Vec<Outline> = outlines
                .iter()
                .filter(|o| o.0 == p)
                .map(|o| Outline {
                    id: o.1.id.clone(),
                    row: o.1.row.clone(),
                    rect: o.1.rect,
                    class: o.1.class,
                    title: o.1.title.clone(),
                })
                .collect();
            if let Some(svg) = svg::page(text, p, &on_page) {
                let _ = writeln!(
                    drawings,
                    "<div class=\"page-box\" id=\"page-{p}\"><h3>page {p}</h3>{svg}</div>"
                );
                drawn += 1;
            }
        }
    }
    if drawings.is_empty() {
        s.push_str("<h2>Values</h2>\n");
        s.push_str(&table);
    } else {
        s.push_str("<div class=\"split\">\n<div>\n<h2>Values</h2>\n");
        s.push_str(&table);
        s.push_str("</div>\n<div class=\"pages\">\n");
        s.push_str(&drawings);
        s.push_str("</div>\n</div>\n");
    }
    s.push_str(&other);
    s.push_str("<script>");
    s.push_str(REPORT_SCRIPT);
    s.push_str("</script>\n</body>\n</html>\n");
    Page { html: s, drawn }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_printed_is_escaped() {
        assert_eq!(
            esc(r#"<b a="x">ผ่าน & 'y'</b>"#),
            "&lt;b a=&quot;x&quot;&gt;ผ่าน &amp; &#39;y&#39;&lt;/b&gt;"
        );
    }
}
