//! Checked slicing. Offsets in the parsers are computed (regex matches,
//! `find`, arithmetic on them); a wrong one must lose a citation or a
//! field, never abort an import, so every computed slice goes through here.

/// `s[start..end]`, or "" when the bounds cross or miss a character boundary.
pub fn part(s: &str, start: usize, end: usize) -> &str {
    s.get(start..end).unwrap_or("")
}

/// `s[..end]`, or "" when `end` is not a character boundary of `s`.
pub fn before(s: &str, end: usize) -> &str {
    part(s, 0, end)
}

/// `s[start..]`, or "" when `start` is not a character boundary of `s`.
pub fn after(s: &str, start: usize) -> &str {
    part(s, start, s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_bounds_give_nothing() {
        assert_eq!(part("abc", 2, 1), "");
        assert_eq!(part("’", 1, 3), "");
        assert_eq!(before("abc", 9), "");
        assert_eq!(after("abc", 1), "bc");
    }
}
