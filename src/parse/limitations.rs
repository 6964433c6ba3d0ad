//! Part 3: the agency's limitations (ข้อจำกัดของหน่วยงาน) in the five fixed areas.

use super::Diagnostics;
use crate::model::Limitation;
use crate::normalize::Line;

/// Parses the limitations from the lines of part 3.
pub fn parse(_part3: &[Line], _diags: &mut Diagnostics) -> Vec<Limitation> {
    Vec::new()
}
