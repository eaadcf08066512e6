//! The synthetic library of `quire bench insights`: competition files of
//! essays with Harvard reference lists and the in-text citations that go
//! with them, written the way the sample competition file is, so that the
//! engine imports them through its ordinary path (splitting, parsing,
//! auditing, near-duplicate sketches, the index).
//!
//! - **Prose** is cut up from the seed texts: an order-1 word chain that
//!   mostly follows a seed sentence and now and then jumps to another place
//!   where the current word occurs. It reads like the seeds locally, but
//!   two essays share few word 5-grams, as different students' essays do
//!   (essays made of whole seed sentences would share most of theirs, and
//!   make near-duplicate detection, which compares 5-grams, do work a real
//!   library never asks of it).
//! - **Works** are a pool of distinct works (articles, books, chapters,
//!   reports of organisations, web pages), each written out as one Harvard
//!   entry. An essay draws its 10–20 references from the pool with
//!   Zipf-like popularity (weight 1/rank), so the first works are cited by
//!   thousands of essays (of 10,000: the first by about 9,000, the 25th by
//!   about 800), the hundredth by a hundred or two and the last by a few;
//!   none is later than the essay, and no two share a first author
//!   and a year (their in-text citations would be ambiguous). A tenth of
//!   the entries drop the DOI or write the title in lower case, as students
//!   do, which the engine's work matching must see through.
//! - **Citations** "(Family, 2014)", "(Cree and Smith, 2018)", "(Mishna et
//!   al., 2019)", clusters and narrative "Ferguson (2014) argues that"; each
//!   reference is cited one to four times, one in twenty not at all.
//! - **Collections**: three competitions (2018, 2020, 2022) with a
//!   "The criteria: …" header, in a 3:4:3 split of the essays.
//!
//! Everything comes from one seeded RNG, so a run is repeatable.

use std::collections::{HashMap, HashSet};

use fastrand::Rng;

use crate::{FIRST, LAST, PLACES, SEEDS};

/// Probability of following the seed text to the next word rather than
/// jumping to another occurrence of the current word.
const STAY: f64 = 0.6;

/// The competitions the essays are entered in: year, prompt, share of the
/// essays in tenths.
pub(crate) const COMPETITIONS: [(i32, &str, usize); 3] = [
    (
        2018,
        "What does social justice mean for social work practice today?",
        3,
    ),
    (
        2020,
        "Working better together: How do we build stronger relationships between social workers and people using services?",
        4,
    ),
    (
        2022,
        "Poverty and the cost of living: what can social workers do?",
        3,
    ),
];

/// Surnames beyond those of the seed reference lists and the bylines.
const FAMILIES: [&str; 64] = [
    "Adams", "Ahmed", "Allen", "Bailey", "Baker", "Barnes", "Bell", "Bennett", "Brooks", "Butler",
    "Carter", "Chapman", "Cole", "Collins", "Cooper", "Davies", "Dixon", "Edwards", "Ellis",
    "Fisher", "Fletcher", "Foster", "Gordon", "Graham", "Gray", "Hall", "Harris", "Harrison",
    "Hart", "Holmes", "Hunt", "Jenkins", "Johnson", "Kaur", "Kelly", "Khan", "King", "Lewis",
    "Lloyd", "Marshall", "Mason", "Mills", "Morgan", "Murray", "Owen", "Palmer", "Parker",
    "Pearson", "Phillips", "Price", "Reid", "Richards", "Roberts", "Robinson", "Shaw", "Simpson",
    "Stewart", "Taylor", "Walker", "Ward", "Watson", "Webb", "Wells", "Wright",
];
const ORGANISATIONS: [&str; 8] = [
    "Department of Health",
    "Department for Education",
    "Social Work England",
    "British Association of Social Workers",
    "Joseph Rowntree Foundation",
    "Care Quality Commission",
    "Local Government Association",
    "Office for National Statistics",
];
const JOURNALS: [&str; 16] = [
    "British Journal of Social Work",
    "Social Work Education",
    "Journal of Social Work Practice",
    "Child and Family Social Work",
    "Critical Social Policy",
    "Qualitative Social Work",
    "European Journal of Social Work",
    "International Social Work",
    "Journal of Social Work",
    "Ethics and Social Welfare",
    "Practice: Social Work in Action",
    "Child Abuse Review",
    "Families, Relationships and Societies",
    "Health and Social Care in the Community",
    "Australian Social Work",
    "Social Policy and Administration",
];
const PUBLISHERS: [&str; 8] = [
    "Bristol: Policy Press",
    "London: Palgrave Macmillan",
    "Abingdon: Routledge",
    "London: Sage",
    "Maidenhead: Open University Press",
    "London: Jessica Kingsley",
    "Exeter: Learning Matters",
    "Oxford: Oxford University Press",
];
const SITES: [&str; 5] = [
    "www.communitycare.co.uk",
    "www.basw.co.uk",
    "www.jrf.org.uk",
    "www.gov.uk",
    "www.theguardian.com",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const VERBS: [&str; 6] = [
    "argues that",
    "suggests that",
    "notes that",
    "shows that",
    "observes that",
    "reminds us that",
];

/// One competition file: its name, text and how much it holds.
pub(crate) struct File {
    pub name: String,
    pub text: String,
    pub essays: usize,
    pub references: usize,
    pub citations: usize,
}

/// The word chain the prose and titles are cut from.
struct Text {
    tokens: Vec<String>,
    /// Whether token i is followed, in its seed line, by token i + 1.
    has_next: Vec<bool>,
    /// Where each token occurs with a successor, for jumps.
    occurrences: HashMap<String, Vec<usize>>,
    /// Tokens that start a sentence.
    starts: Vec<usize>,
}

impl Text {
    fn from_seeds() -> Text {
        let mut tokens: Vec<String> = Vec::new();
        let mut has_next = Vec::new();
        for seed in SEEDS {
            for line in seed.lines().map(str::trim) {
                if line.starts_with("- ")
                    || line.split_whitespace().count() <= 12
                    || looks_like_an_entry(line)
                    || is_web_control(line)
                {
                    continue;
                }
                let words: Vec<String> = without_brackets(line)
                    .split_whitespace()
                    .filter_map(clean_token)
                    .collect();
                if words.len() < 2 {
                    continue;
                }
                let n = words.len();
                tokens.extend(words);
                has_next.extend((0..n).map(|i| i + 1 < n));
            }
        }
        let mut occurrences: HashMap<String, Vec<usize>> = HashMap::new();
        let mut starts = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            if has_next[i] {
                occurrences.entry(t.clone()).or_default().push(i);
            }
            let after_end = i == 0 || !has_next[i - 1] || ends_sentence(&tokens[i - 1]);
            if after_end && has_next[i] && t.starts_with(|c: char| c.is_uppercase()) {
                starts.push(i);
            }
        }
        Text {
            tokens,
            has_next,
            occurrences,
            starts,
        }
    }

    /// One sentence of 6 to about 30 words, ending in a full stop (added
    /// when the chain had to be cut), without its final punctuation: the
    /// caller appends any citation, then the stop.
    fn sentence(&self, rng: &mut Rng) -> String {
        let mut at = self.starts[rng.usize(..self.starts.len())];
        let mut out: Vec<&str> = vec![&self.tokens[at]];
        let max = rng.usize(14..=30);
        loop {
            let token = &self.tokens[at];
            if (ends_sentence(token) && out.len() >= 6) || out.len() >= max {
                break;
            }
            at = if self.has_next[at] && rng.f64() < STAY {
                at + 1
            } else {
                match self.occurrences.get(token) {
                    Some(places) => places[rng.usize(..places.len())] + 1,
                    None if self.has_next[at] => at + 1,
                    None => break,
                }
            };
            out.push(&self.tokens[at]);
        }
        let mut s = out.join(" ");
        let kept = s.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
        s.truncate(kept);
        s
    }

    /// `min..=max` consecutive seed words, without punctuation, the first
    /// capitalised: a title.
    fn fragment(&self, rng: &mut Rng, min: usize, max: usize) -> String {
        let want = rng.usize(min..=max);
        for _ in 0..50 {
            let mut at = rng.usize(..self.tokens.len());
            let mut words: Vec<String> = Vec::new();
            loop {
                let w = self.tokens[at].trim_matches(|c: char| !c.is_alphanumeric());
                if w.is_empty()
                    || w.contains(['\'', '’'])
                    || w.contains(|c: char| c.is_ascii_digit())
                {
                    break;
                }
                words.push(w.to_string());
                if words.len() == want || !self.has_next[at] || ends_sentence(&self.tokens[at]) {
                    break;
                }
                at += 1;
            }
            if words.len() >= min {
                return capitalised(&words.join(" "));
            }
        }
        "Social work practice".to_string()
    }

    /// An essay's title: 4–9 seed words with at least one in lower case,
    /// so that it is never taken for a name on its own ("Sir Richard
    /// Heaton KCB"), which the importer would read as a byline.
    fn title(&self, rng: &mut Rng) -> String {
        loop {
            let t = self.fragment(rng, 4, 9);
            if t.split_whitespace()
                .any(|w| w.starts_with(char::is_lowercase))
            {
                return t;
            }
        }
    }
}

/// A reference entry written without a list marker, or a line quoting
/// one: its words would put URLs and page ranges into the prose.
fn looks_like_an_entry(line: &str) -> bool {
    [
        "http",
        "www.",
        "Available at",
        "Available from",
        "Accessed",
        "doi",
        "pp.",
    ]
    .iter()
    .any(|mark| line.contains(mark))
}

/// A web page's control text copied with the seed ("Interactive feature
/// not available…"): the importer drops it as page furniture, so an essay
/// title cut from it would not be one.
fn is_web_control(line: &str) -> bool {
    let line = line.to_lowercase();
    [
        "interactive feature",
        "download this",
        "skip transcript",
        "copy this transcript",
        "print this transcript",
    ]
    .iter()
    .any(|start| line.starts_with(start))
}

/// The line without parenthesised or bracketed asides: in the seeds these
/// are mostly citations, which would cite works the essay does not list.
fn without_brackets(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut depth = 0usize;
    for c in line.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// A seed word as the chain uses it: Markdown and citation characters
/// taken out, numbers dropped.
fn clean_token(word: &str) -> Option<String> {
    let w: String = word
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '#' | '<' | '>' | '|' | '`' | '\\'))
        .filter(|c| !"¹²³⁴⁵⁶⁷⁸⁹⁰".contains(*c))
        .collect();
    let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
    let dash = matches!(w.as_str(), "-" | "–" | "—");
    let number = bare.chars().any(|c| c.is_ascii_digit());
    (!w.is_empty() && !dash && !number && !bare.is_empty()).then_some(w)
}

fn ends_sentence(token: &str) -> bool {
    token
        .trim_end_matches(['"', '”', '’', '\''])
        .ends_with(['.', '?', '!'])
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Article,
    Book,
    Chapter,
    Report,
    Web,
}

/// One work of the pool.
struct Work {
    kind: Kind,
    /// (family, initials); empty for an organisation's report.
    authors: Vec<(String, String)>,
    organisation: Option<&'static str>,
    year: i32,
    title: String,
    /// Journal, book (of a chapter) or site.
    container: String,
    /// "21(3), pp. 283–294", a publisher, or a URL path.
    detail: String,
    doi: Option<String>,
}

impl Work {
    /// "Ferguson", "Cree and Smith", "Mishna et al.", "Department of Health".
    fn cited_as(&self) -> String {
        match (self.organisation, self.authors.as_slice()) {
            (Some(org), _) => org.to_string(),
            (None, [one]) => one.0.clone(),
            (None, [a, b]) => format!("{} and {}", a.0, b.0),
            (None, [a, ..]) => format!("{} et al.", a.0),
            (None, []) => "Anon".to_string(),
        }
    }

    /// First author (or organisation) and year, folded: two works of an
    /// essay must differ here.
    fn key(&self) -> (String, i32) {
        let who = self
            .organisation
            .map(str::to_string)
            .or_else(|| self.authors.first().map(|a| a.0.clone()))
            .unwrap_or_default();
        (who.to_lowercase(), self.year)
    }

    /// The Harvard entry, as one student writes it: `variant` 1 leaves the
    /// DOI or URL out, 2 writes the title in lower case.
    fn entry(&self, variant: u8) -> String {
        let names = match self.organisation {
            Some(org) => org.to_string(),
            None => {
                let each: Vec<String> = self
                    .authors
                    .iter()
                    .map(|(family, initials)| format!("{family}, {initials}"))
                    .collect();
                match each.as_slice() {
                    [] => String::new(),
                    [one] => one.clone(),
                    [init @ .., last] => format!("{} and {last}", init.join(", ")),
                }
            }
        };
        let title = match variant {
            2 => capitalised(&self.title.to_lowercase()),
            _ => self.title.clone(),
        };
        let year = self.year;
        let link = |url: &str| match variant {
            1 => String::new(),
            _ => format!(" Available at: {url}"),
        };
        match self.kind {
            Kind::Article => {
                let doi = self
                    .doi
                    .as_deref()
                    .map(|d| link(&format!("https://doi.org/{d}")))
                    .unwrap_or_default();
                format!(
                    "{names} ({year}) '{title}', {}, {}.{doi}",
                    self.container, self.detail
                )
            }
            Kind::Book => format!("{names} ({year}) {title}. {}.", self.detail),
            Kind::Chapter => format!(
                "{names} ({year}) '{title}', in {}. {}.",
                self.container, self.detail
            ),
            Kind::Report => format!("{names} ({year}) {title}. London: {names}."),
            Kind::Web => {
                let url = format!("https://{}/{}", self.container, self.detail);
                let seen = format!(
                    " (Accessed: {} {} {})",
                    1 + (self.year as usize * 7) % 28,
                    MONTHS[self.year as usize % 12],
                    year + 1
                );
                match variant {
                    1 => format!("{names} ({year}) {title}."),
                    _ => format!("{names} ({year}) {title}. Available at: {url}{seen}."),
                }
            }
        }
    }
}

/// Everything the files are made from.
pub(crate) struct Generator {
    text: Text,
    works: Vec<Work>,
    /// Cumulative Zipf weights of `works`, for drawing by popularity.
    cumulative: Vec<f64>,
    rng: Rng,
    next_essay: usize,
}

impl Generator {
    /// A pool of `works` distinct works, and the word chain.
    pub(crate) fn new(seed: u64, works: usize) -> Generator {
        let mut rng = Rng::with_seed(seed);
        let text = Text::from_seeds();
        let families = families();
        let mut titles = HashSet::new();
        let mut pool = Vec::with_capacity(works);
        while pool.len() < works {
            let id = pool.len();
            let work = work(&mut rng, &text, &families, id);
            // Titles stay distinct, so matching never joins two works.
            if titles.insert(work.title.to_lowercase()) {
                pool.push(work);
            }
        }
        let mut total = 0.0;
        let cumulative = (0..works)
            .map(|rank| {
                total += 1.0 / (rank + 1) as f64;
                total
            })
            .collect();
        Generator {
            text,
            works: pool,
            cumulative,
            rng,
            next_essay: 0,
        }
    }

    /// A competition file of `essays` essays for competition `competition`
    /// (an index of [`COMPETITIONS`]); `part` numbers the file.
    pub(crate) fn file(&mut self, competition: usize, part: usize, essays: usize) -> File {
        let (year, prompt, _) = COMPETITIONS[competition];
        let mut text = format!(
            "WORLD SOCIAL WORK DAY {year}\n\n\
             The criteria: a 750 - 1000 word assignment with the following title:\n\n\
             “{prompt}”\n\n\
             Who could take part: Social Work Students undertaking an Undergraduate or Post Graduate Social Work Degree\n\n"
        );
        let (mut references, mut citations) = (0, 0);
        for _ in 0..essays {
            let (essay, refs, cites) = self.essay(year);
            text.push_str(&essay);
            references += refs;
            citations += cites;
        }
        File {
            name: format!("competition-{year}-part-{part:04}.md"),
            text,
            essays,
            references,
            citations,
        }
    }

    /// One essay as it stands in a competition file (title, byline, body,
    /// references), with its numbers of references and in-text citations.
    fn essay(&mut self, year: i32) -> (String, usize, usize) {
        self.next_essay += 1;
        let rng = &mut self.rng;
        let title = self.text.title(rng);
        let byline = format!(
            "{} {} - {}",
            FIRST[rng.usize(..FIRST.len())],
            LAST[rng.usize(..LAST.len())],
            PLACES[rng.usize(..PLACES.len())]
        );

        // References: distinct works, none later than the essay, no two
        // with the same first author and year.
        let want = rng.usize(10..=20);
        let mut chosen: Vec<usize> = Vec::with_capacity(want);
        let mut keys = HashSet::new();
        let total = *self.cumulative.last().unwrap_or(&1.0);
        for _ in 0..want * 50 {
            if chosen.len() == want {
                break;
            }
            let x = rng.f64() * total;
            let i = self
                .cumulative
                .partition_point(|&c| c < x)
                .min(self.works.len() - 1);
            let w = &self.works[i];
            if w.year <= year && !chosen.contains(&i) && keys.insert(w.key()) {
                chosen.push(i);
            }
        }

        // In-text citations, each placed in a sentence.
        let mut cites: Vec<usize> = Vec::new();
        for &w in &chosen {
            let n = match rng.usize(..20) {
                0 => 0,
                _ => {
                    let mut n = 1;
                    while n < 4 && rng.bool() {
                        n += 1;
                    }
                    n
                }
            };
            cites.extend(std::iter::repeat_n(w, n));
        }
        let cite_words: usize = cites
            .iter()
            .map(|&w| self.works[w].cited_as().split_whitespace().count() + 1)
            .sum();
        let target = rng.usize(800..=980).saturating_sub(cite_words);
        let mut sentences: Vec<String> = Vec::new();
        let mut words = 0;
        while words < target {
            let s = self.text.sentence(rng);
            words += s.split_whitespace().count();
            sentences.push(s);
        }
        let mut placed: Vec<Vec<usize>> = vec![Vec::new(); sentences.len()];
        for &w in &cites {
            let at = rng.usize(..sentences.len());
            if !placed[at].contains(&w) {
                placed[at].push(w);
            }
        }
        let citations: usize = placed.iter().map(Vec::len).sum();
        for (s, ws) in sentences.iter_mut().zip(&placed) {
            let mut works = ws.iter().map(|&w| &self.works[w]);
            match ws.len() {
                0 => {}
                1 if rng.usize(..5) == 0 => {
                    let w = works.next().expect("one work");
                    let verb = VERBS[rng.usize(..VERBS.len())];
                    *s = format!("{} ({}) {verb} {}", w.cited_as(), w.year, lower_first(s));
                }
                _ => {
                    let cluster: Vec<String> = works
                        .map(|w| format!("{}, {}", w.cited_as(), w.year))
                        .collect();
                    s.push_str(&format!(" ({})", cluster.join("; ")));
                }
            }
            s.push('.');
        }

        let mut body = String::new();
        let mut rest = sentences.as_slice();
        while !rest.is_empty() {
            let n = rng.usize(3..=6).min(rest.len());
            body.push_str(&rest[..n].join(" "));
            body.push_str("\n\n");
            rest = &rest[n..];
        }

        let mut entries: Vec<(String, i32, String)> = chosen
            .iter()
            .map(|&w| {
                let work = &self.works[w];
                let variant = match rng.usize(..20) {
                    0 => 1,
                    1 => 2,
                    _ => 0,
                };
                (work.key().0, work.year, work.entry(variant))
            })
            .collect();
        entries.sort();
        let list: String = entries.iter().map(|(_, _, e)| format!("- {e}\n")).collect();
        let essay = format!("{title}\n\n{byline}\n\n{body}References\n\n{list}\n");
        (essay, chosen.len(), citations)
    }

    /// Distinct works the reference lists draw from.
    pub(crate) fn pool_size(&self) -> usize {
        self.works.len()
    }
}

/// Surnames for authors: the seed reference lists' plain ones, the byline
/// surnames and [`FAMILIES`].
fn families() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let plain = |s: &str| {
        s.split('-').all(|p| {
            p.len() > 1
                && p.starts_with(|c: char| c.is_ascii_uppercase())
                && p[1..].chars().all(|c| c.is_ascii_lowercase())
        })
    };
    for seed in SEEDS {
        for line in seed.lines().map(str::trim) {
            if let Some(entry) = line.strip_prefix("- ") {
                if let Some((family, _)) = entry.split_once(',') {
                    if plain(family) {
                        out.push(family.to_string());
                    }
                }
            }
        }
    }
    out.extend(LAST.iter().chain(&FAMILIES).map(|s| s.to_string()));
    out.sort();
    out.dedup();
    out
}

fn initials(rng: &mut Rng) -> String {
    let letter = |rng: &mut Rng| char::from(b'A' + rng.u8(..26));
    match rng.usize(..4) {
        0 => format!("{}. {}.", letter(rng), letter(rng)),
        _ => format!("{}.", letter(rng)),
    }
}

/// Work `id` of the pool: its kind, authors, year (recent years likelier)
/// and the parts of its entry.
fn work(rng: &mut Rng, text: &Text, families: &[String], id: usize) -> Work {
    let kind = match rng.usize(..100) {
        0..55 => Kind::Article,
        55..77 => Kind::Book,
        77..87 => Kind::Chapter,
        87..95 => Kind::Report,
        _ => Kind::Web,
    };
    let year = 2021 - (rng.f64().powi(2) * 36.0) as i32;
    let organisation =
        (kind == Kind::Report).then(|| ORGANISATIONS[rng.usize(..ORGANISATIONS.len())]);
    let authors = match organisation {
        Some(_) => Vec::new(),
        None => {
            let n = match rng.usize(..10) {
                0..5 => 1,
                5..8 => 2,
                _ => rng.usize(3..=5),
            };
            let mut names: Vec<(String, String)> = Vec::with_capacity(n);
            while names.len() < n {
                let family = families[rng.usize(..families.len())].clone();
                if names.iter().all(|(f, _)| *f != family) {
                    names.push((family, initials(rng)));
                }
            }
            names
        }
    };
    let mut title = text.fragment(rng, 3, 8);
    if rng.bool() {
        title = format!("{title}: {}", lower_first(&text.fragment(rng, 3, 7)));
    }
    let pages = |rng: &mut Rng| {
        let first = rng.usize(1..=900);
        (first, first + rng.usize(8..=25))
    };
    let (container, detail) = match kind {
        Kind::Article => {
            let (a, b) = pages(rng);
            (
                JOURNALS[rng.usize(..JOURNALS.len())].to_string(),
                format!("{}({}), pp. {a}–{b}", rng.usize(1..=60), rng.usize(1..=6)),
            )
        }
        Kind::Book => (
            String::new(),
            PUBLISHERS[rng.usize(..PUBLISHERS.len())].to_string(),
        ),
        Kind::Chapter => {
            let editor = &families[rng.usize(..families.len())];
            let (a, b) = pages(rng);
            (
                format!(
                    "{editor}, {} (ed.) {}",
                    initials(rng),
                    text.fragment(rng, 3, 6)
                ),
                format!("{}, pp. {a}–{b}", PUBLISHERS[rng.usize(..PUBLISHERS.len())]),
            )
        }
        Kind::Report => (String::new(), String::new()),
        Kind::Web => (
            SITES[rng.usize(..SITES.len())].to_string(),
            format!("article-{id}"),
        ),
    };
    let doi =
        (kind == Kind::Article && rng.usize(..10) < 4).then(|| format!("10.1080/qsw.{id:05}"));
    Work {
        kind,
        authors,
        organisation,
        year,
        title,
        container,
        detail,
        doi,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Print a few essays and entries: `cargo test -p quire-bench
    /// synthetic::tests::show -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn show() {
        let mut g = Generator::new(1, 200);
        for w in g.works.iter().take(12) {
            println!("{}\n  cited as ({}, {})", w.entry(0), w.cited_as(), w.year);
        }
        let f = g.file(1, 0, 2);
        println!("{}", f.text);
    }
}
