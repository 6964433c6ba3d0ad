//! Part 2: the action plan table (การนำผลการวิเคราะห์ไปสู่การปฏิบัติ).

use super::Diagnostics;
use crate::model::ActionPlanEntry;
use crate::normalize::Line;

/// Parses the action plan from the lines of part 2.
pub fn parse(
    _part2: &[Line],
    _fiscal_year: Option<u16>,
    _diags: &mut Diagnostics,
) -> Vec<ActionPlanEntry> {
    Vec::new()
}
