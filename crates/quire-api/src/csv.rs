//! CSV as spreadsheets read it: every export of a table (review results,
//! the data behind each insights chart) writes its rows through [`row`].

/// One CSV line (CRLF), quoted where needed; a cell that a spreadsheet
/// would run as a formula is written as text.
pub(crate) fn row(cells: &[String]) -> String {
    let mut line = cells
        .iter()
        .map(|c| {
            // A cell starting with = + - @ is text, not a spreadsheet formula.
            let c = match c.chars().next() {
                Some('=' | '+' | '@') => format!("'{c}"),
                Some('-') if c.parse::<f64>().is_err() => format!("'{c}"),
                _ => c.clone(),
            };
            if c.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c
            }
        })
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}
