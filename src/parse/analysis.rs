//! A topic's narrative cut into the template's parts.

use super::Diagnostics;
use crate::model::AnalysisParts;
use crate::normalize::Line;

/// Cuts the narrative lines of topic `no` into its parts; `None` when there is no narrative.
pub fn parts(_no: u8, _narrative: &[Line], _diags: &mut Diagnostics) -> Option<AnalysisParts> {
    None
}
