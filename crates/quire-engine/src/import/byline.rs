//! Bylines: the author (and often the university) written under an essay's
//! title.
//!
//! Students write them in many ways, and every one must be told apart from
//! a heading ("Working Better Together"), a sentence, a date, "Word count:
//! 998" or a citation that can stand in the same place. Recognised:
//!
//! - "Name - University" (also `–`, `—`, `|`), "Name, University" and
//!   "Name (University)": the second part must name an institution;
//! - "by Name", optionally followed by the university in any of the shapes
//!   above;
//! - a name with the university on the next line (in one block, or in two
//!   consecutive blocks as Word paragraphs become);
//! - a name alone, plain or in bold: only when it is clearly a person's
//!   name (two to four capitalised words, none of them a function word or
//!   a word common in headings).
//!
//! Markdown emphasis and escapes are ignored, so `**Jane Doe, University of
//! Kent**` and `**Jane Doe**, University of Kent` read like the plain line.
//! Each check is one pass over a short line, so cost is linear in the text.

use std::sync::LazyLock;

use regex::Regex;

/// What marks a line as a byline, strongest first. The splitter trusts an
/// affiliation anywhere, but a bare or "by" name only right under the title
/// at the top of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Evidence {
    /// A name and an institution.
    Affiliation,
    /// "by Name" without an institution.
    By,
    /// A person's name alone.
    Name,
}

/// An author found under a title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Byline {
    pub author: String,
    pub affiliation: Option<String>,
    /// How many blocks the byline takes (2 when the university is a
    /// paragraph of its own).
    pub blocks: usize,
    pub evidence: Evidence,
}

static INSTITUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(universit|college|institute|school|academy|polytechnic|faculty|department|hochschule|universidad)")
        .expect("valid regex")
});
/// Publishers carry university names ("Open University Press").
static PUBLISHER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bpress\b").expect("valid regex"));
static DASHED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(.+?)\s+[-–—|]\s+(.+)$").expect("valid regex"));
static BRACKETED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([^()]+?)\s*\(([^()]+)\)$").expect("valid regex"));
static BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:written|an essay|essay)\s+)?by:?\s+(.+)$").expect("valid regex")
});
/// One word of a name: "Jane", "O'Brien", "Krumer-Nevo", "J.", "J.K.".
static NAME_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{Lu}[\p{L}\p{M}'’.\-]*$").expect("valid regex"));
/// "J.", "J.K.", "J.-P." or a lone capital.
static INITIALS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:(?:\p{Lu}\.-?)+|\p{Lu})$").expect("valid regex"));

/// Lower-case words inside names ("Ludwig van Beethoven", "Ana de Souza").
#[rustfmt::skip]
const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "des", "le", "la", "bin",
    "binti", "ibn", "al", "el", "ten", "ter", "dos", "das", "y", "e",
];

/// Words that never stand in a name (checked case-insensitively).
#[rustfmt::skip]
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "but", "nor", "in", "on", "at", "to", "for", "from",
    "with", "without", "into", "onto", "by", "as", "is", "are", "was", "were", "be", "been",
    "being", "am", "do", "does", "did", "has", "have", "had", "can", "could", "will", "would",
    "shall", "should", "may", "might", "must", "not", "no", "yes", "how", "why", "what", "who",
    "whom", "whose", "when", "where", "which", "that", "this", "these", "those", "it", "its",
    "we", "our", "us", "you", "your", "they", "their", "them", "i", "me", "my", "he", "she",
    "his", "her", "him", "all", "any", "some", "more", "most", "less", "than", "then", "so",
    "if", "about", "after", "before", "between", "beyond", "through", "over", "under", "up",
    "down", "out", "off", "via", "vs", "versus", "toward", "towards", "upon", "within",
    "across", "against", "among", "amongst", "during", "until", "while", "whilst", "per",
    "et", "page", "pp.", "p.", "chapter", "part", "section",
];

/// Words common in headings and titles, which a name line is not made of
/// alone ("Working Better Together", "Social Work Practice").
#[rustfmt::skip]
const HEADING_WORDS: &[&str] = &[
    "abstract", "introduction", "conclusion", "conclusions", "summary", "overview", "background",
    "discussion", "analysis", "method", "methods", "methodology", "results", "findings",
    "literature", "review", "references", "bibliography", "appendix", "appendices", "contents",
    "acknowledgements", "acknowledgments", "essay", "assignment", "reflection", "reflective",
    "reflections", "critical", "case", "study", "studies", "social", "work", "worker",
    "workers", "working", "practice", "practices", "practitioner", "practitioners", "care",
    "carer", "carers", "support", "health", "mental", "child", "children", "young", "family",
    "families", "people", "person", "service", "services", "user", "users", "relationship",
    "relationships", "better", "together", "stronger", "strong", "good", "best", "new", "old",
    "key", "main", "final", "first", "second", "third", "last", "next", "other", "theory",
    "theories", "policy", "policies", "law", "legal", "rights", "human", "justice", "ethics",
    "ethical", "values", "value", "power", "poverty", "community", "communities", "trust",
    "empathy", "continuity", "involvement", "accessibility", "time", "the", "wider", "picture",
    "word", "words", "count", "student", "number", "name", "date", "module", "tutor", "course",
    "title", "draft", "version", "submitted", "submission", "deadline", "university", "college",
    "school", "department", "faculty", "programme", "program", "degree", "year", "term",
    "semester", "learning", "teaching", "education", "research", "evidence", "based",
    "approach", "approaches", "model", "models", "framework", "perspective", "perspectives",
    "role", "roles", "identity", "identities", "culture", "cultural", "diversity", "equality",
    "inclusion", "race", "racism", "gender", "class", "age", "disability", "risk", "safety",
    "safeguarding", "protection", "abuse", "neglect", "trauma", "recovery", "wellbeing",
    "well-being", "resilience", "change", "changes", "challenge", "challenges", "future",
    "past", "present", "history", "context", "contexts", "issues", "issue", "problem",
    "problems", "solution", "solutions", "role", "public", "private", "state", "government",
    "national", "local", "global", "world", "day", "week", "month", "report", "notes", "note",
    "plan", "planning", "assessment", "intervention", "outcomes", "outcome", "skills", "skill",
    "knowledge", "self", "use", "using", "building", "build", "listening", "listen", "voice",
    "voices", "matters", "matter", "why", "making", "difference", "beyond", "apart", "distance",
    "online", "digital", "media", "remote", "pandemic", "covid", "covid-19", "lockdown",
    "housing", "homelessness", "addiction", "substance", "older", "adults", "adult", "youth",
    "early", "years", "help", "helping", "hope", "love", "life", "lives", "living", "home",
    "school", "everyday", "part", "one", "two", "three", "four", "five", "dear", "thanks",
    "thank", "chapter", "section", "activity", "free", "table", "figure", "contents", "index",
    "glossary", "preface", "foreword", "epilogue", "prologue", "afterword", "notes",
];

/// Common given names: a line starting with one is a name even if the
/// surname is also a word ("Rose Hill", "Grace Green").
#[rustfmt::skip]
const GIVEN_NAMES: &[&str] = &[
    "aaron", "abby", "abdul", "abigail", "adam", "adrian", "ahmed", "aidan", "aisha", "alan",
    "albert", "alex", "alexander", "alexandra", "alfie", "ali", "alice", "alison", "amanda",
    "amber", "amelia", "amir", "amy", "ana", "andrea", "andrew", "angela", "anna", "anne",
    "annie", "anthony", "aoife", "archie", "arthur", "ashley", "barbara", "beatrice", "becky",
    "ben", "benjamin", "beth", "bethany", "bill", "billy", "bo", "brian", "bridget", "callum",
    "cameron", "carl", "carol", "caroline", "carys", "catherine", "charles", "charlie",
    "charlotte", "chloe", "chris", "christine", "christopher", "claire", "clara", "clement",
    "connor", "constance", "craig", "daisy", "dan", "daniel", "david", "dawn", "dean",
    "deborah", "declan", "dennis", "diana", "dylan", "edward", "eleanor", "elena", "eliza",
    "elizabeth", "ella", "ellie", "emily", "emma", "eric", "erin", "ethan", "eve", "evie",
    "faith", "fatima", "finn", "fiona", "florence", "frances", "francesca", "frank", "freya",
    "gareth", "gary", "gemma", "george", "georgia", "grace", "graham", "hannah", "harry",
    "harriet", "hazel", "heather", "helen", "henry", "holly", "hope", "hugh", "ian", "imogen",
    "isaac", "isabel", "isabella", "isla", "ivy", "jack", "jacob", "jade", "james", "jamie",
    "jane", "janet", "jason", "jay", "jennifer", "jenny", "jessica", "jo", "joan", "joanna",
    "joe", "john", "jon", "jonathan", "jordan", "joseph", "josh", "joshua", "joy", "julia",
    "julie", "june", "karen", "kate", "katherine", "katie", "keith", "kelly", "kevin", "kieran",
    "kim", "laura", "lauren", "leah", "lee", "leo", "liam", "lily", "linda", "lisa", "logan",
    "louise", "lucy", "luke", "lydia", "maeve", "maria", "mark", "martin", "mary", "matthew",
    "max", "megan", "mia", "michael", "michelle", "mohammed", "mohamed", "muhammad", "molly",
    "nadia", "naomi", "natalie", "nathan", "neil", "nia", "niamh", "nicola", "noah", "nora",
    "oliver", "olivia", "omar", "oscar", "patrick", "paul", "peter", "philip", "phoebe", "pip",
    "poppy", "priya", "rachel", "rebecca", "rhys", "richard", "robert", "rose", "ruby", "ruth",
    "ryan", "sam", "samuel", "sarah", "scarlett", "sean", "siobhan", "simon", "sophie",
    "stephen", "steven", "summer", "susan", "thomas", "tom", "verity", "victoria", "will",
    "william", "zara", "zoe",
];

/// Markdown emphasis, escapes and hard-break markers removed; spacing
/// normalised; heading hashes dropped.
pub fn clean_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.trim().trim_start_matches('#').chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(&next) = chars.peek() {
                    if next.is_ascii_punctuation() {
                        out.push(next);
                        chars.next();
                    }
                }
            }
            '*' | '_' => {}
            _ => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The byline that starts at `blocks[0]`, if any.
pub fn at(blocks: &[Vec<String>]) -> Option<Byline> {
    let block = blocks.first()?;
    match block.as_slice() {
        [line] => {
            let line = clean_line(line);
            if let Some((author, affiliation)) = affiliated(&line) {
                return Some(Byline {
                    author,
                    affiliation: Some(affiliation),
                    blocks: 1,
                    evidence: Evidence::Affiliation,
                });
            }
            let (name, evidence) = bare_name(&line)?;
            // The university as a paragraph of its own under the name.
            let next = blocks
                .get(1)
                .filter(|b| b.len() == 1)
                .map(|b| clean_line(&b[0]))
                .filter(|l| is_affiliation(l));
            Some(match next {
                Some(affiliation) => Byline {
                    author: name,
                    affiliation: Some(affiliation),
                    blocks: 2,
                    evidence: Evidence::Affiliation,
                },
                None => Byline {
                    author: name,
                    affiliation: None,
                    blocks: 1,
                    evidence,
                },
            })
        }
        [first, second] => {
            let (name, _) = bare_name(&clean_line(first))?;
            let affiliation = clean_line(second);
            is_affiliation(&affiliation).then_some(Byline {
                author: name,
                affiliation: Some(affiliation),
                blocks: 1,
                evidence: Evidence::Affiliation,
            })
        }
        _ => None,
    }
}

/// "Name - University", "Name, University", "Name (University)", each also
/// after "by".
pub fn affiliated(line: &str) -> Option<(String, String)> {
    let line = BY
        .captures(line)
        .map_or(line, |c| c.get(1).map_or(line, |m| m.as_str()));
    let candidates = [
        DASHED
            .captures(line)
            .map(|c| (c[1].to_owned(), c[2].to_owned())),
        line.split_once(',')
            .map(|(a, b)| (a.to_owned(), b.to_owned())),
        BRACKETED
            .captures(line)
            .map(|c| (c[1].to_owned(), c[2].to_owned())),
    ];
    candidates
        .into_iter()
        .flatten()
        .find_map(|(name, affiliation)| {
            let name = name.trim();
            let affiliation = affiliation.trim();
            (is_name(name, false) && is_affiliation(affiliation))
                .then(|| (name.to_owned(), affiliation.to_owned()))
        })
}

/// "by Name" (evidence `By`) or a clear name alone (evidence `Name`).
fn bare_name(line: &str) -> Option<(String, Evidence)> {
    if let Some(c) = BY.captures(line) {
        let name = c.get(1)?.as_str().trim();
        return is_name(name, false).then(|| (name.to_owned(), Evidence::By));
    }
    is_name(line, true).then(|| (line.to_owned(), Evidence::Name))
}

/// A line naming an institution and nothing much else.
pub fn is_affiliation(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (1..=12).contains(&words)
        && INSTITUTION.is_match(line)
        && !PUBLISHER.is_match(line)
        && !line.ends_with(['.', '?', '!', ':', ';'])
        && !line.contains(['(', ')', '"', '“', '”'])
        && line.starts_with(|c: char| c.is_uppercase())
}

/// Two to four capitalised words (particles aside), none a function word.
/// `strict` (a name with nothing else to vouch for it) also refuses lines
/// made of heading words or of words shaped like nouns ("-tion", "-ness"),
/// unless the first word is a common given name.
pub fn is_name(line: &str, strict: bool) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let main: Vec<(&str, &str)> = words
        .iter()
        .zip(&lower)
        .filter(|(_, l)| !PARTICLES.contains(&l.as_str()))
        .map(|(w, l)| (*w, l.as_str()))
        .collect();
    let shaped = (2..=4).contains(&main.len())
        && words.len() <= 6
        && main.iter().all(|(w, _)| NAME_WORD.is_match(w))
        && !main
            .last()
            .is_some_and(|(w, _)| INITIALS.is_match(w) || w.ends_with('.'))
        && !lower
            .iter()
            .any(|l| FUNCTION_WORDS.contains(&l.trim_end_matches('.')))
        && words
            .first()
            .is_some_and(|w| !PARTICLES.contains(&w.to_lowercase().as_str()));
    if !shaped || !strict {
        return shaped;
    }
    let Some(&(first, first_lower)) = main.first() else {
        return false;
    };
    // A given name vouches for the first word only: "Rose Hill" is a name,
    // "Hope Matters" is not.
    let given = GIVEN_NAMES.contains(&first_lower) || INITIALS.is_match(first);
    let checked = if given { &main[1..] } else { &main[..] };
    // Names in capitals are rare; headings in capitals are not.
    let shouting = main.iter().all(|(w, _)| !w.chars().any(char::is_lowercase));
    !shouting
        && (given || !first_lower.ends_with("ing"))
        && !checked
            .iter()
            .any(|(_, l)| l.split('-').any(|part| HEADING_WORDS.contains(&part)) || noun_shaped(l))
}

/// Endings of abstract nouns and adjectives, which names rarely have.
fn noun_shaped(word: &str) -> bool {
    word.chars().count() > 5
        && [
            "tion", "sion", "ness", "ment", "ity", "ism", "ship", "ology", "ical", "ious", "ance",
            "ence", "ful", "less", "ive", "ated", "ised", "ized",
        ]
        .iter()
        .any(|end| word.ends_with(end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<Vec<String>> {
        text.split("\n\n")
            .map(|b| b.lines().map(str::to_owned).collect())
            .collect()
    }

    fn found(text: &str) -> Option<(String, Option<String>, Evidence)> {
        at(&blocks(text)).map(|b| (b.author, b.affiliation, b.evidence))
    }

    fn author(text: &str) -> Option<String> {
        found(text).map(|f| f.0)
    }

    #[test]
    fn forms_with_an_institution() {
        for (line, name, uni) in [
            (
                "Holly Clarke - University of Lincoln",
                "Holly Clarke",
                "University of Lincoln",
            ),
            (
                "Jane Doe, University of Kent",
                "Jane Doe",
                "University of Kent",
            ),
            (
                "Jane Doe (University of Kent)",
                "Jane Doe",
                "University of Kent",
            ),
            (
                "**Jane Doe, University of Kent**",
                "Jane Doe",
                "University of Kent",
            ),
            (
                "**Jane Doe**, University of Kent",
                "Jane Doe",
                "University of Kent",
            ),
            (
                "by Sam O'Neil, Cardiff University",
                "Sam O'Neil",
                "Cardiff University",
            ),
            (
                "By Ana de Souza - King's College London",
                "Ana de Souza",
                "King's College London",
            ),
            (
                "Jane Doe\nUniversity of Kent",
                "Jane Doe",
                "University of Kent",
            ),
            (
                "Jane Doe\n\n*University of Kent*",
                "Jane Doe",
                "University of Kent",
            ),
            (
                "Keith Krumer-Nevo | School of Social Work, Tel Aviv University",
                "Keith Krumer-Nevo",
                "School of Social Work, Tel Aviv University",
            ),
        ] {
            assert_eq!(
                found(line),
                Some((name.to_owned(), Some(uni.to_owned()), Evidence::Affiliation)),
                "{line}"
            );
        }
    }

    #[test]
    fn names_alone_and_after_by() {
        assert_eq!(
            found("by Laura Walters"),
            Some(("Laura Walters".to_owned(), None, Evidence::By))
        );
        assert_eq!(
            found("**Priya Natarajan**"),
            Some(("Priya Natarajan".to_owned(), None, Evidence::Name))
        );
        for name in [
            "Rose Hill",
            "J. K. Rowling",
            "Chiamaka Obi",
            "Tomasz Wiśniewski",
        ] {
            assert_eq!(author(name).as_deref(), Some(name), "{name}");
        }
    }

    #[test]
    fn lines_that_are_not_bylines() {
        for line in [
            "Working Better Together",
            "**Working Better Together**",
            "Introduction",
            "Social Work Practice",
            "The Value of Social Work",
            "Relationship-Based Practice",
            "Word count: 998",
            "Student number: 1234567",
            "12 March 2021",
            "March 2021",
            "(Krumer-Nevo, 2016, p. 1796)",
            "Smith and Jones (2019) argue that trust matters.",
            "Social workers must listen.",
            "INTRODUCTION AND BACKGROUND",
            "Open University Press",
            "Berkshire: Open University Press",
            "Why Relationships Matter",
            "Building Trust Online",
            "Anti-Oppressive Practice",
            "Free course",
            "Key Findings",
            "Social Work, University of Kent Press",
            "Figure 1: Model of factors",
        ] {
            assert_eq!(found(line), None, "{line}");
        }
    }
}
