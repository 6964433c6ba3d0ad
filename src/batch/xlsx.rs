//! `ita.xlsx`: the batch's tables as one Excel workbook, a sheet per table (the CSVs' columns),
//! header row frozen, numbers as numbers, column widths that fit the Thai text.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, Worksheet};

use super::tables::{Cell, Id, TABLES};
use super::BatchError;

/// Widest a column is made, in characters (long narratives wrap in the cell instead).
const MAX_WIDTH: usize = 60;

/// The workbook being filled; written to disk by [`XlsxSink::finish`].
pub(crate) struct XlsxSink {
    workbook: Workbook,
    /// Per table: the next row, and the widest cell seen per column (characters).
    state: Vec<(u32, Vec<usize>)>,
}

fn error(path: &Path, e: &rust_xlsxwriter::XlsxError) -> BatchError {
    BatchError::Io {
        path: path.to_owned(),
        source: std::io::Error::other(e.to_string()),
    }
}

/// Display width of a cell's text: Thai combining marks take no column.
fn width(s: &str) -> usize {
    s.lines()
        .map(|l| l.chars().filter(|&c| !crate::thai::is_combining(c)).count())
        .max()
        .unwrap_or(0)
}

impl XlsxSink {
    /// A workbook with one sheet per table, each with its bold, frozen header row.
    pub(crate) fn create(path: &Path) -> Result<XlsxSink, BatchError> {
        let mut workbook = Workbook::new();
        let bold = Format::new().set_bold();
        let mut state = Vec::new();
        for table in &TABLES {
            let sheet: &mut Worksheet = workbook.add_worksheet();
            sheet.set_name(table.name).map_err(|e| error(path, &e))?;
            let mut widths = Vec::new();
            for (c, (name, _, _)) in table.columns.iter().enumerate() {
                let col = u16::try_from(c).unwrap_or(u16::MAX);
                sheet
                    .write_string_with_format(0, col, *name, &bold)
                    .map_err(|e| error(path, &e))?;
                widths.push(width(name));
            }
            sheet.set_freeze_panes(1, 0).map_err(|e| error(path, &e))?;
            state.push((1, widths));
        }
        Ok(XlsxSink { workbook, state })
    }

    /// One row of `table`.
    pub(crate) fn row(
        &mut self,
        path: &Path,
        table: Id,
        cells: &[Cell<'_>],
    ) -> Result<(), BatchError> {
        let (row, widths) = &mut self.state[table as usize];
        let sheet = self
            .workbook
            .worksheet_from_index(table as usize)
            .map_err(|e| error(path, &e))?;
        for (c, cell) in cells.iter().enumerate() {
            let col = u16::try_from(c).unwrap_or(u16::MAX);
            let written = match cell {
                Cell::Null => continue,
                #[allow(clippy::cast_precision_loss)]
                Cell::Int(i) => sheet.write_number(*row, col, *i as f64).map(|_| 1),
                Cell::Real(x) => sheet.write_number(*row, col, *x).map(|_| 1),
                Cell::Text(t) => sheet.write_string(*row, col, *t).map(|_| width(t)),
            };
            let w = written.map_err(|e| error(path, &e))?;
            if let Some(max) = widths.get_mut(c) {
                *max = (*max).max(w);
            }
        }
        *row += 1;
        Ok(())
    }

    /// Sets the column widths and writes the workbook to `path`.
    pub(crate) fn finish(mut self, path: &Path) -> Result<(), BatchError> {
        for (i, (_, widths)) in self.state.iter().enumerate() {
            let sheet = self
                .workbook
                .worksheet_from_index(i)
                .map_err(|e| error(path, &e))?;
            for (c, w) in widths.iter().enumerate() {
                #[allow(clippy::cast_precision_loss)]
                let chars = (*w).clamp(6, MAX_WIDTH) as f64 + 2.0;
                sheet
                    .set_column_width(u16::try_from(c).unwrap_or(u16::MAX), chars)
                    .map_err(|e| error(path, &e))?;
            }
        }
        self.workbook.save(path).map_err(|e| error(path, &e))
    }
}
