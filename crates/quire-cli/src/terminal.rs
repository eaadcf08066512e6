//! Text made safe for a terminal.
//!
//! Imported files are written by strangers. A document body, title or
//! reference printed as it is could carry escape sequences that recolour
//! the terminal, rewrite its title, hide lines, or (OSC 52) fill the
//! clipboard. Everything the CLI prints for a person goes through [`safe`]:
//! escape sequences go whole (CSI, OSC, DCS, SOS, PM, APC and the short
//! ones), and so does every other control character except newline and
//! tab. JSON output is left alone: serde escapes control characters there.

use std::borrow::Cow;

const ESC: char = '\u{1b}';
const BEL: char = '\u{07}';
/// The 8-bit String Terminator.
const ST: char = '\u{9c}';

/// What the escape-sequence reader is inside.
enum State {
    Text,
    /// After ESC.
    Escape,
    /// After ESC and intermediate bytes (0x20–0x2F), before the final byte.
    Intermediate,
    /// Inside a control sequence (CSI), before its final byte.
    Csi,
    /// Inside a control string (OSC, DCS, SOS, PM, APC), before its end.
    String,
    /// After ESC inside a control string: `\` ends it.
    StringEscape,
}

/// `text` without escape sequences or control characters other than `\n`
/// and `\t`. Borrowed when there was nothing to remove.
pub fn safe(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut state = State::Text;
    for c in text.chars() {
        state = match state {
            State::Text => match c {
                '\n' | '\t' => {
                    out.push(c);
                    State::Text
                }
                ESC => State::Escape,
                '\u{9b}' => State::Csi,
                '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => State::String,
                c if c.is_control() => State::Text,
                c => {
                    out.push(c);
                    State::Text
                }
            },
            State::Escape => match c {
                '[' => State::Csi,
                ']' | 'P' | 'X' | '^' | '_' => State::String,
                '\u{20}'..='\u{2f}' => State::Intermediate,
                // A final byte ends a two-character sequence.
                '\u{30}'..='\u{7e}' => State::Text,
                c => resume(&mut out, c),
            },
            State::Intermediate => match c {
                '\u{20}'..='\u{2f}' => State::Intermediate,
                '\u{30}'..='\u{7e}' => State::Text,
                c => resume(&mut out, c),
            },
            State::Csi => match c {
                // Parameter and intermediate bytes.
                '\u{20}'..='\u{3f}' => State::Csi,
                '\u{40}'..='\u{7e}' => State::Text,
                c => resume(&mut out, c),
            },
            State::String => match c {
                BEL | ST => State::Text,
                ESC => State::StringEscape,
                // A string never runs past the line: the rest of the
                // document stays readable even if it is never closed.
                '\n' => resume(&mut out, c),
                _ => State::String,
            },
            State::StringEscape => match c {
                '\\' => State::Text,
                '\n' => resume(&mut out, c),
                _ => State::String,
            },
        };
    }
    Cow::Owned(out)
}

/// A malformed sequence ends at `c`, which is read again as text.
fn resume(out: &mut String, c: char) -> State {
    match c {
        ESC => State::Escape,
        '\n' | '\t' => {
            out.push(c);
            State::Text
        }
        c if c.is_control() => State::Text,
        c => {
            out.push(c);
            State::Text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::safe;

    #[test]
    fn plain_text_is_borrowed() {
        let text = "Krumer-Nevo (2016, p. 1796)\n\tindented — ünïcode";
        assert!(matches!(safe(text), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn sequences_go_whole() {
        let cases = [
            ("a\u{1b}[31mred\u{1b}[0m b", "ared b"),
            ("\u{1b}[2J\u{1b}[1;1Hclear", "clear"),
            ("\u{1b}]0;pwned title\u{07}text", "text"),
            ("\u{1b}]52;c;ZXZpbA==\u{1b}\\clip", "clip"),
            ("\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\", "link"),
            ("\u{1b}P+q544e\u{1b}\\dcs", "dcs"),
            ("\u{1b}_apc\u{9c}after", "after"),
            ("\u{9b}31mc1\u{9b}0m", "c1"),
            ("\u{9d}0;t\u{07}osc8", "osc8"),
            ("\u{1b}(Bcharset", "charset"),
            ("\u{1b}7save\u{1b}8", "save"),
            ("back\u{8}\u{8}\rspace\u{7f}", "backspace"),
            ("line\u{1b}]0;never closed\nnext", "line\nnext"),
            ("\u{1b}[\u{1b}[1mbold", "bold"),
            ("tail\u{1b}", "tail"),
            ("keep\ttabs\nand lines", "keep\ttabs\nand lines"),
        ];
        for (input, want) in cases {
            assert_eq!(safe(input), want, "{input:?}");
        }
    }

    mod grammar {
        //! Text interleaved with the escape sequences terminals read.
        use super::safe;
        use proptest::prelude::*;

        /// A closed sequence of each kind, with realistic parameters.
        fn sequence() -> impl Strategy<Value = String> {
            let params = "[0-9]{0,3}(;[0-9]{0,3}){0,3}";
            prop_oneof![
                (params, "[@-~]").prop_map(|(p, f)| format!("\u{1b}[{p}{f}")),
                (params, "[@-~]").prop_map(|(p, f)| format!("\u{9b}{p}{f}")),
                (
                    "[ -~]{0,30}",
                    prop::sample::select(vec!["\u{7}", "\u{1b}\\", "\u{9c}"])
                )
                    .prop_map(|(body, end)| format!("\u{1b}]{body}{end}")),
                ("[PX^_]", "[ -~]{0,20}").prop_map(|(k, body)| format!("\u{1b}{k}{body}\u{1b}\\")),
                // Not `[`, `]`, P, X, ^ or _ right after ESC: those open longer ones.
                "[ -/]{0,2}[0-9A-OQ-WYZ`a-z{|}~]".prop_map(|s| format!("\u{1b}{s}")),
                "[\u{0}-\u{8}\u{b}-\u{1a}\u{1c}-\u{1f}\u{7f}]".prop_map(String::from),
            ]
        }

        /// Words a document holds, including non-ASCII.
        fn word() -> impl Strategy<Value = String> {
            "[A-Za-zé–ü0-9.,()]{1,12}"
        }

        proptest! {
            #[test]
            fn only_the_text_survives(parts in prop::collection::vec((word(), prop::option::of(sequence())), 0..40)) {
                let mut input = String::new();
                let mut want = String::new();
                for (w, seq) in &parts {
                    input.push_str(w);
                    want.push_str(w);
                    if let Some(seq) = seq {
                        input.push_str(seq);
                    }
                    input.push('\n');
                    want.push('\n');
                }
                prop_assert_eq!(safe(&input), want);
            }

            #[test]
            fn no_control_character_ever_passes(text in "(\\PC|\\p{Cc}){0,200}") {
                let out = safe(&text);
                prop_assert!(!out.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
            }
        }
    }
}
