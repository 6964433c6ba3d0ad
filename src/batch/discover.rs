//! Finding the inputs: files, directories searched recursively, and `-` (paths on stdin).

use std::fs;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

use crate::source::{sniff, Sniffed};

/// One input of a batch.
#[derive(Debug)]
pub struct Input {
    /// The path as given or found (a directory argument joined with the file's relative path):
    /// the name used in every output, and the sort key.
    pub name: String,
    /// Where to read it.
    pub path: PathBuf,
    /// Why it cannot be read, found while looking for inputs (a missing path, a directory
    /// that cannot be listed).
    pub problem: Option<io::Error>,
}

/// Extensions taken from directories without looking at the content (the reader still
/// sniffs it: a `.pdf` that holds text is read as text).
const EXTENSIONS: [&str; 6] = ["pdf", "txt", "md", "html", "htm", "csv"];

/// Every input named by `args`, sorted by name, without duplicates. Directories are searched
/// recursively, skipping hidden entries, symbolic links to directories and `out`; in them a
/// file is an input when its extension is `.pdf`, `.txt`, `.md`, `.html`, `.htm` or `.csv` (any case) or when it is a
/// PDF by content. A file named on the command line (or on stdin) is always an input.
///
/// # Errors
/// When standard input cannot be read.
#[cfg(test)]
pub(crate) fn inputs(args: &[PathBuf], out: &Path, stdin: impl BufRead) -> io::Result<Vec<Input>> {
    inputs_counting(args, out, stdin, &mut Skipped::new())
}

/// Files a directory search passed over, counted by extension (`docx` → 2; `(none)` for a
/// file without one), so that a batch can say what it did not read.
pub(crate) type Skipped = std::collections::BTreeMap<String, usize>;

/// [`inputs`], also counting the files of searched directories that are not inputs.
///
/// # Errors
/// When standard input cannot be read.
pub(crate) fn inputs_counting(
    args: &[PathBuf],
    out: &Path,
    stdin: impl BufRead,
    skipped: &mut Skipped,
) -> io::Result<Vec<Input>> {
    let out = fs::canonicalize(out).ok();
    let mut found = Vec::new();
    let mut stdin = Some(stdin);
    for arg in args {
        if arg.as_os_str() == "-" {
            // `-` twice reads stdin once.
            if let Some(lines) = stdin.take() {
                for line in lines.lines() {
                    let line = line?;
                    let line = line.strip_suffix('\r').unwrap_or(&line);
                    if !line.trim().is_empty() {
                        named(Path::new(line), out.as_deref(), &mut found, skipped);
                    }
                }
            }
        } else {
            named(arg, out.as_deref(), &mut found, skipped);
        }
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    found.dedup_by(|a, b| a.name == b.name);
    Ok(found)
}

/// A path named by the user: a file, a directory, or something that cannot be read.
fn named(path: &Path, out: Option<&Path>, found: &mut Vec<Input>, skipped: &mut Skipped) {
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => walk(path, out, found, skipped),
        Ok(_) => found.push(input(path, None)),
        Err(e) => found.push(input(path, Some(e))),
    }
}

/// Searches a directory recursively.
fn walk(dir: &Path, out: Option<&Path>, found: &mut Vec<Input>, skipped: &mut Skipped) {
    if out.is_some() && fs::canonicalize(dir).ok().as_deref() == out {
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return found.push(input(dir, Some(e))),
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => return found.push(input(dir, Some(e))),
        };
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let is_file = if kind.is_symlink() {
            // Followed to files only: a link to a directory could make a loop.
            fs::metadata(&path).is_ok_and(|m| m.is_file())
        } else if kind.is_dir() {
            walk(&path, out, found, skipped);
            continue;
        } else {
            kind.is_file()
        };
        if is_file && wanted(&path) {
            found.push(input(&path, None));
        } else if is_file {
            let ext = path.extension().map_or_else(
                || "(none)".to_owned(),
                |e| e.to_string_lossy().to_lowercase(),
            );
            *skipped.entry(ext).or_default() += 1;
        }
    }
}

/// Whether a file found in a directory is an input: by extension, else a PDF by content.
fn wanted(path: &Path) -> bool {
    let by_extension = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)));
    by_extension || is_pdf(path)
}

/// Whether the file's first KiB holds the `%PDF-` header.
fn is_pdf(path: &Path) -> bool {
    let mut head = Vec::with_capacity(1024);
    fs::File::open(path)
        .and_then(|f| f.take(1024).read_to_end(&mut head))
        .is_ok()
        && sniff(&head) == Sniffed::Pdf
}

fn input(path: &Path, problem: Option<io::Error>) -> Input {
    Input {
        name: path.to_string_lossy().into_owned(),
        path: path.to_owned(),
        problem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_are_searched_by_extension_and_content() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir_all(d.join("sub/deeper")).unwrap();
        fs::create_dir_all(d.join(".hidden")).unwrap();
        fs::create_dir_all(d.join("out")).unwrap();
        fs::write(d.join("b.txt"), "x").unwrap();
        fs::write(d.join("a.PDF"), "x").unwrap();
        fs::write(d.join("sub/notes.md"), "x").unwrap();
        fs::write(d.join("sub/deeper/download.php"), "%PDF-1.7\n").unwrap();
        fs::write(d.join("sub/data.csv"), "a,b\n").unwrap();
        fs::write(d.join(".hidden/x.txt"), "x").unwrap();
        fs::write(d.join("out/reports.txt"), "x").unwrap();
        let listed = format!(
            "{}\n\n{}\r\n",
            d.join("sub/data.csv").display(),
            "missing.txt"
        );
        let args = [d.to_owned(), PathBuf::from("-"), d.join("b.txt")];
        let found = inputs(&args, &d.join("out"), listed.as_bytes()).unwrap();
        let names: Vec<_> = found
            .iter()
            .map(|i| {
                i.name
                    .strip_prefix(&*d.to_string_lossy())
                    .unwrap_or(&i.name)
            })
            .collect();
        assert_eq!(
            names,
            [
                "/a.PDF",
                "/b.txt",
                "/sub/data.csv",
                "/sub/deeper/download.php",
                "/sub/notes.md",
                "missing.txt"
            ]
        );
        assert!(found.last().unwrap().problem.is_some());
    }
}
