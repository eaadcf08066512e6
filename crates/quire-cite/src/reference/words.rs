//! Word lists that tell a journal from a publisher, a newspaper or an
//! organisation. Rules on these lists stand in for a learned model: they are
//! what a marker would use to read an unpunctuated entry.

fn has_word(s: &str, words: &[&str]) -> bool {
    s.split(|c: char| !c.is_alphanumeric())
        .any(|w| words.iter().any(|x| w.eq_ignore_ascii_case(x)))
}

pub fn is_journal(s: &str) -> bool {
    has_word(
        s,
        &[
            "journal",
            "review",
            "quarterly",
            "bulletin",
            "annals",
            "proceedings",
            "studies",
            "research",
            "education",
            "practice",
            "one",
            "lancet",
            "bmj",
            "jama",
            "nature",
            "science",
            "psychology",
            "medicine",
            "psychiatry",
            "sociology",
            "policy",
            "welfare",
            "work",
            "care",
            "society",
            "societies",
            "services",
            "psychotherapy",
            "development",
            "health",
        ],
    ) && !is_publisher(s)
}

pub fn is_news(s: &str) -> bool {
    has_word(
        s,
        &[
            "news",
            "guardian",
            "times",
            "telegraph",
            "independent",
            "observer",
            "mail",
            "post",
            "herald",
            "communitycare",
            "bbc",
            "magazine",
            "conversation",
        ],
    ) || s.eq_ignore_ascii_case("community care")
}

/// Weekly trade and general magazines, which CSL types apart from newspapers.
pub fn is_magazine(s: &str) -> bool {
    has_word(s, &["magazine", "communitycare", "economist", "spectator"])
        || s.eq_ignore_ascii_case("community care")
}

/// Publishing houses: "Sage", "Palgrave Macmillan", "Open University Press".
pub fn is_publisher(s: &str) -> bool {
    has_word(
        s,
        &[
            "press",
            "publishers",
            "publisher",
            "publishing",
            "publications",
            "books",
            "ltd",
            "inc",
            "routledge",
            "sage",
            "palgrave",
            "macmillan",
            "wiley",
            "blackwell",
            "elsevier",
            "springer",
            "penguin",
            "kingsley",
            "learning",
            "matters",
            "pearson",
            "mcgraw",
            "norton",
            "harpercollins",
            "vintage",
            "verso",
            "polity",
            "oup",
            "cup",
        ],
    ) && !has_word(s, &["journal", "review"])
}

/// Bodies that publish reports and web pages: "Children's Commissioner",
/// "The Frank Buttle Trust", "Health Foundation".
pub fn is_organisation(s: &str) -> bool {
    has_word(
        s,
        &[
            "trust",
            "council",
            "commissioner",
            "association",
            "institute",
            "foundation",
            "department",
            "office",
            "agency",
            "government",
            "ministry",
            "organisation",
            "organization",
            "centre",
            "center",
            "charity",
            "commission",
            "university",
            "college",
            "nhs",
            "unicef",
            "who",
            "un",
            "federation",
            "board",
            "network",
            "alliance",
            "unit",
            "parliament",
            "executive",
            "hmso",
        ],
    ) && !has_word(s, &["journal", "review", "quarterly"])
        && !is_publisher(s)
}

pub fn is_thesis(s: &str) -> bool {
    has_word(s, &["thesis", "dissertation", "phd", "doctoral", "mphil"])
}
