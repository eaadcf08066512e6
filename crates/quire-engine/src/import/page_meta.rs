//! The work a saved web page describes, read from the page's own metadata.
//!
//! Sources, strongest first; each field is taken from the first source that
//! has it:
//!
//! 1. Highwire Press `citation_*` tags (journal landing pages: title,
//!    authors, journal, publisher, date, volume/issue/pages, DOI);
//! 2. JSON-LD schema.org (`Article`, `NewsArticle` and kin, `BlogPosting`,
//!    `ScholarlyArticle`, `Report`, `WebPage`; `@graph` arrays and `@id`
//!    references are followed one step);
//! 3. Dublin Core (`DC.*`, `dcterms.*`);
//! 4. Open Graph (`og:title`, `og:site_name`, `og:url`,
//!    `article:published_time`, `article:author` when it is a name, not a URL);
//! 5. `<meta name=author>`, `<title>` (less a " | Site" / " - Site" suffix
//!    naming the site or an author), `<link rel=canonical>`, and the
//!    "saved from url=" comment browsers write.
//!
//! The URL is the canonical link, else `og:url`, else JSON-LD's, else the
//! saved-from URL. `accessed` is the file's modification date (`saved`):
//! pages carry no date of saving.
//!
//! The item type, first rule that applies:
//! * `article-journal`: `citation_journal_title`, or `citation_doi`, or a
//!   JSON-LD `ScholarlyArticle` (`paper-conference`, `chapter`, `report`,
//!   `thesis` for the matching `citation_*` tags);
//! * `post-weblog`: JSON-LD `BlogPosting`/`Blog`, the Blogger generator tag,
//!   or a `*.blogspot.*` / `*.wordpress.com` address;
//! * `article-magazine`: a site on the short list of magazines below (trade
//!   and general magazines, Community Care among them, that mark their
//!   articles up as `NewsArticle` like newspapers do), a site name with
//!   "magazine" in it, or JSON-LD `isPartOf` a `Periodical`;
//! * `article-newspaper`: JSON-LD `NewsArticle` or one of its subtypes, a
//!   `NewsMediaOrganization` publisher, or a site on the short list of news
//!   sites;
//! * `webpage` otherwise (a generic `Article`, `og:type` "article" included:
//!   guidance pages and charities use them too).
//!
//! Authors are people; a name that looks like an organisation's ("… Council",
//! "The Open University") or that is the site's own name is kept whole as a
//! literal. A web page (type `webpage`) naming no author is credited to the
//! organisation behind the site (its publisher, else the site name), as
//! APA and Harvard cite such pages.
//!
//! Bounds: at most 2,000 `<meta>` tags and 16 JSON-LD blocks are read, a
//! block over 512 KiB or nested more than 64 deep is skipped before parsing
//! (so serde_json's own limit of 128 is never reached), at most 500 JSON-LD
//! nodes and 50 authors are looked at, and every string kept is cut to
//! 1,000 characters. Invalid JSON-LD is skipped silently.

use std::collections::HashMap;

use dom_query::Document;
use quire_csl::{CslItem, DateField, Name};
use serde_json::Value;

const MAX_METAS: usize = 2000;
const MAX_LD_BLOCKS: usize = 16;
const MAX_LD_BYTES: usize = 512 * 1024;
const MAX_LD_DEPTH: usize = 64;
const MAX_LD_NODES: usize = 500;
const MAX_AUTHORS: usize = 50;
const MAX_FIELD: usize = 1000;

/// Hosts (without `www.`) of magazines, which mark articles up as news.
const MAGAZINE_HOSTS: &[&str] = &[
    "communitycare.co.uk",
    "newstatesman.com",
    "spectator.co.uk",
    "economist.com",
    "newyorker.com",
    "theatlantic.com",
    "wired.com",
    "wired.co.uk",
    "prospectmagazine.co.uk",
    "nursingtimes.net",
    "timeshighereducation.com",
    "tes.com",
    "psychologytoday.com",
    "lrb.co.uk",
    "newscientist.com",
    "time.com",
];

/// Hosts of newspapers and broadcasters' news sites.
const NEWS_HOSTS: &[&str] = &[
    "bbc.co.uk",
    "bbc.com",
    "theguardian.com",
    "independent.co.uk",
    "telegraph.co.uk",
    "thetimes.co.uk",
    "ft.com",
    "nytimes.com",
    "washingtonpost.com",
    "scotsman.com",
    "heraldscotland.com",
    "irishtimes.com",
    "mirror.co.uk",
    "dailymail.co.uk",
    "reuters.com",
    "apnews.com",
];

/// The page's metadata tags and JSON-LD, gathered once.
#[derive(Default)]
struct Tags {
    /// `(lower-cased name or property, content)` in document order.
    metas: Vec<(String, String)>,
    title: Option<String>,
    /// The first few `<h1>` texts, to cut a `<title>` down to the headline.
    h1s: Vec<String>,
    canonical: Option<String>,
    ld: Ld,
}

impl Tags {
    fn get(&self, key: &str) -> Option<&str> {
        self.metas
            .iter()
            .find(|(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    fn all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.metas
            .iter()
            .filter(move |(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    fn first(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| self.get(k))
    }
}

/// What the JSON-LD says about the main work.
#[derive(Default)]
struct Ld {
    types: Vec<String>,
    headline: Option<String>,
    authors: Vec<(String, bool)>, // (name, is an organisation)
    publisher: Option<String>,
    publisher_is_news: bool,
    date: Option<String>,
    url: Option<String>,
    part_of: Option<String>,
    part_of_periodical: bool,
    site_name: Option<String>,
    doi: Option<String>,
}

/// The work the page describes; `None` when it names no title.
/// `head` is the start of the decoded page (for the "saved from url="
/// comment), `saved` the file's modification date.
pub(crate) fn work(doc: &Document, head: &str, saved: Option<(i32, u32, u32)>) -> Option<CslItem> {
    let tags = gather(doc);
    let saved_from = saved_from_url(head);

    let site = site_name(&tags);
    let url = tags
        .canonical
        .clone()
        .or_else(|| tags.get("og:url").map(clip))
        .or_else(|| tags.ld.url.clone())
        .or(saved_from)
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let host = url.as_deref().map(host_of).unwrap_or_default();

    // Authors, as names with an organisation flag.
    let mut authors: Vec<(String, bool)> = tags
        .all("citation_author")
        .map(|a| (clip(a), false))
        .collect();
    if authors.is_empty() {
        authors = tags.ld.authors.clone();
    }
    if authors.is_empty() {
        authors = tags
            .all("dc.creator")
            .chain(tags.all("dcterms.creator"))
            .map(|a| (clip(a), false))
            .collect();
    }
    if authors.is_empty() {
        authors = tags
            .all("article:author")
            .filter(|a| !a.contains("://") && !a.starts_with("www."))
            .map(|a| (clip(a), false))
            .collect();
    }
    if authors.is_empty() {
        authors = tags
            .all("author")
            .filter(|a| !a.contains("://"))
            .map(|a| (clip(a), false))
            .collect();
    }
    authors.truncate(MAX_AUTHORS);

    let title = tags
        .get("citation_title")
        .map(clip)
        .or_else(|| tags.ld.headline.clone())
        .or_else(|| tags.first(&["dc.title", "dcterms.title"]).map(clip))
        .map(|t| strip_site(&t, site.as_deref(), &authors))
        .or_else(|| {
            tags.get("og:title")
                .map(|t| strip_site(t, site.as_deref(), &authors))
                .or_else(|| {
                    let t = strip_site(tags.title.as_deref()?, site.as_deref(), &authors);
                    // "Headline | Some site" with the site unnamed elsewhere:
                    // the page's own <h1> shows where the headline ends.
                    Some(
                        tags.h1s
                            .iter()
                            .find(|h| t.len() > h.len() && t.starts_with(h.as_str()))
                            .cloned()
                            .unwrap_or(t),
                    )
                })
        })
        .map(|t| collapse(&t))
        .filter(|t| !t.is_empty())?;

    let kind = kind(&tags, &host, site.as_deref());

    let journal = tags.first(&[
        "citation_journal_title",
        "citation_conference_title",
        "citation_book_title",
    ]);
    let container = journal
        .map(clip)
        .or_else(|| {
            tags.ld
                .part_of
                .clone()
                .filter(|_| tags.ld.part_of_periodical)
        })
        .or_else(|| site.clone())
        .or_else(|| tags.ld.part_of.clone());

    let blog_platform = |p: &str| {
        matches!(
            p.to_lowercase().as_str(),
            "blogger" | "wordpress" | "wordpress.com"
        )
    };
    let publisher = tags
        .get("citation_publisher")
        .map(clip)
        .or_else(|| tags.ld.publisher.clone())
        .or_else(|| tags.first(&["dc.publisher", "dcterms.publisher"]).map(clip))
        .filter(|p| !blog_platform(p));

    let issued = tags
        .first(&[
            "citation_publication_date",
            "citation_date",
            "citation_online_date",
        ])
        .and_then(parse_date)
        .or_else(|| tags.ld.date.as_deref().and_then(parse_date))
        .or_else(|| {
            tags.first(&[
                "dc.date",
                "dcterms.issued",
                "dcterms.date",
                "dcterms.created",
                "dc.date.issued",
            ])
            .and_then(parse_date)
        })
        .or_else(|| {
            tags.first(&["article:published_time", "og:published_time"])
                .and_then(parse_date)
        });

    let doi = tags
        .first(&["citation_doi", "prism.doi", "bepress_citation_doi"])
        .and_then(clean_doi)
        .or_else(|| {
            tags.metas
                .iter()
                .filter(|(k, _)| k == "dc.identifier" || k == "dcterms.identifier")
                .find_map(|(_, v)| clean_doi(v))
        })
        .or_else(|| tags.ld.doi.as_deref().and_then(clean_doi));

    let mut names: Vec<Name> = authors
        .iter()
        .filter(|(n, _)| !n.trim().is_empty())
        .map(|(n, org)| {
            let same_as_site = site
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case(n.trim()));
            if *org || same_as_site || looks_like_organisation(n) {
                Name::organisation(&collapse(n))
            } else {
                person(n)
            }
        })
        .collect();
    names.dedup();
    if names.is_empty() && kind == "webpage" {
        if let Some(org) = publisher.as_deref().or(site.as_deref()) {
            names.push(Name::organisation(org));
        }
    }

    let page = match (
        tags.get("citation_firstpage"),
        tags.get("citation_lastpage"),
    ) {
        (Some(f), Some(l)) if f != l => Some(format!("{}-{}", clip(f), clip(l))),
        (Some(f), _) => Some(clip(f)),
        _ => None,
    };

    Some(CslItem {
        kind: kind.into(),
        title: Some(title),
        author: names,
        container_title: container.filter(|c| !c.is_empty()),
        publisher,
        issued,
        url,
        doi,
        volume: tags.get("citation_volume").map(clip),
        issue: tags.get("citation_issue").map(clip),
        page,
        accessed: saved
            .map(|(y, m, d)| DateField::ymd(y, u8::try_from(m).ok(), u8::try_from(d).ok())),
        ..CslItem::default()
    })
}

fn gather(doc: &Document) -> Tags {
    let mut tags = Tags::default();
    for m in doc.select("meta").iter().take(MAX_METAS) {
        let key = m
            .attr("name")
            .or_else(|| m.attr("property"))
            .or_else(|| m.attr("itemprop"));
        let (Some(key), Some(content)) = (key, m.attr("content")) else {
            continue;
        };
        tags.metas
            .push((key.trim().to_ascii_lowercase(), clip(content.trim())));
    }
    tags.title = doc
        .select_single("title")
        .iter()
        .next()
        .map(|t| clip(&collapse(&t.text())));
    tags.h1s = doc
        .select("h1")
        .iter()
        .take(3)
        .map(|h| collapse(&h.text()))
        .filter(|h| !h.is_empty())
        .collect();
    tags.canonical = doc
        .select("link[rel=canonical]")
        .iter()
        .find_map(|l| l.attr("href"))
        .map(|h| clip(h.trim()));
    let blocks: Vec<String> = doc
        .select("script[type=\"application/ld+json\"]")
        .iter()
        .take(MAX_LD_BLOCKS)
        .map(|s| s.text().to_string())
        .collect();
    tags.ld = json_ld(&blocks);
    tags
}

/// The deepest nesting of `[`/`{` in a JSON text, not counting brackets
/// inside strings; stops counting once past `limit`.
fn nesting(s: &str, limit: usize) -> usize {
    let (mut depth, mut max, mut in_str, mut esc) = (0usize, 0usize, false, false);
    for b in s.bytes() {
        if in_str {
            match (esc, b) {
                (true, _) => esc = false,
                (false, b'\\') => esc = true,
                (false, b'"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
                if max > limit {
                    return max;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

fn json_ld(blocks: &[String]) -> Ld {
    const ARTICLE_TYPES: &[&str] = &[
        "Article",
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "BlogPosting",
        "LiveBlogPosting",
        "SocialMediaPosting",
        "ScholarlyArticle",
        "MedicalScholarlyArticle",
        "Report",
        "TechArticle",
        "Blog",
        "Course",
        "LearningResource",
    ];
    let mut nodes: Vec<Value> = Vec::new();
    for block in blocks {
        let text = block.trim();
        let text = text.strip_prefix("<![CDATA[").unwrap_or(text);
        let text = text.strip_suffix("]]>").unwrap_or(text).trim();
        let text = text.strip_prefix("<!--").unwrap_or(text);
        let text = text.strip_suffix("-->").unwrap_or(text).trim();
        if text.len() > MAX_LD_BYTES || nesting(text, MAX_LD_DEPTH) > MAX_LD_DEPTH {
            continue;
        }
        let Ok(v) = serde_json::from_str::<Value>(text) else {
            continue;
        };
        let mut stack = vec![v];
        while let Some(v) = stack.pop() {
            if nodes.len() >= MAX_LD_NODES {
                break;
            }
            match v {
                Value::Array(a) => stack.extend(a.into_iter().rev().take(MAX_LD_NODES)),
                Value::Object(mut o) => {
                    if let Some(Value::Array(g)) = o.remove("@graph") {
                        stack.extend(g.into_iter().rev().take(MAX_LD_NODES));
                    }
                    if !o.is_empty() {
                        nodes.push(Value::Object(o));
                    }
                }
                _ => {}
            }
        }
    }
    let by_id: HashMap<&str, &Value> = nodes
        .iter()
        .filter_map(|n| Some((n.get("@id")?.as_str()?, n)))
        .collect();
    fn resolve_in<'v>(by_id: &HashMap<&str, &'v Value>, v: &'v Value) -> Option<&'v Value> {
        match v.get("@id").and_then(Value::as_str) {
            Some(id) if v.as_object().is_some_and(|o| o.len() == 1) => by_id.get(id).copied(),
            _ => Some(v),
        }
    }
    let types_of = |v: &Value| -> Vec<String> {
        match v.get("@type") {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(Value::as_str)
                .take(8)
                .map(String::from)
                .collect(),
            _ => Vec::new(),
        }
    };
    let has_type = |v: &Value, ts: &[&str]| types_of(v).iter().any(|t| ts.contains(&t.as_str()));
    let text_of = |v: Option<&Value>| -> Option<String> {
        v.and_then(Value::as_str)
            .map(collapse)
            .filter(|s| !s.is_empty())
            .map(|s| clip(&s))
    };
    let name_of = |v: &Value| -> Option<String> {
        match v {
            Value::String(s) => Some(clip(&collapse(s))).filter(|s| !s.is_empty()),
            Value::Object(_) => text_of(resolve_in(&by_id, v)?.get("name")),
            _ => None,
        }
    };

    let mut ld = Ld {
        site_name: nodes
            .iter()
            .find(|n| has_type(n, &["WebSite"]))
            .and_then(|n| text_of(n.get("name"))),
        ..Ld::default()
    };
    let main = nodes
        .iter()
        .find(|n| has_type(n, ARTICLE_TYPES))
        .or_else(|| nodes.iter().find(|n| has_type(n, &["WebPage"])));
    let Some(main) = main else {
        return ld;
    };
    ld.types = types_of(main);
    ld.headline = text_of(main.get("headline")).or_else(|| text_of(main.get("name")));
    let authors: Vec<&Value> = match main.get("author").or_else(|| main.get("creator")) {
        Some(Value::Array(a)) => a.iter().take(MAX_AUTHORS).collect(),
        Some(v) => vec![v],
        None => Vec::new(),
    };
    for a in authors {
        let org = match a {
            Value::Object(_) => resolve_in(&by_id, a)
                .is_some_and(|r| !has_type(r, &["Person"]) && !types_of(r).is_empty()),
            _ => false,
        };
        if let Some(n) = name_of(a) {
            ld.authors.push((n, org));
        }
    }
    if ld.authors.iter().any(|(_, org)| !org) {
        ld.authors.retain(|(_, org)| !org);
    }
    if let Some(p) = main.get("publisher") {
        ld.publisher = name_of(p);
        ld.publisher_is_news =
            resolve_in(&by_id, p).is_some_and(|r| has_type(r, &["NewsMediaOrganization"]));
    }
    ld.date = text_of(main.get("datePublished")).or_else(|| text_of(main.get("dateCreated")));
    ld.url = text_of(main.get("url")).or_else(|| match main.get("mainEntityOfPage") {
        Some(Value::String(s)) => Some(clip(s)),
        Some(o @ Value::Object(_)) => text_of(o.get("@id")).or_else(|| text_of(o.get("url"))),
        _ => None,
    });
    if let Some(p) = main.get("isPartOf").and_then(|p| resolve_in(&by_id, p)) {
        ld.part_of = text_of(p.get("name"));
        ld.part_of_periodical =
            has_type(p, &["Periodical", "PublicationVolume", "PublicationIssue"]);
        if has_type(p, &["WebSite"]) && ld.site_name.is_none() {
            ld.site_name = ld.part_of.clone();
        }
    }
    ld.doi = text_of(main.get("doi")).or_else(|| {
        text_of(main.get("identifier")).filter(|i| i.starts_with("10.") || i.contains("doi.org/"))
    });
    ld
}

/// The site's name: og:site_name, JSON-LD WebSite, what the `<title>` adds
/// to the page's own title (Blogger's "Blog name: Post"), the publisher.
fn site_name(tags: &Tags) -> Option<String> {
    if let Some(s) = tags.first(&["og:site_name", "application-name", "citation_journal_title"]) {
        return Some(clip(&collapse(s)));
    }
    if let Some(s) = &tags.ld.site_name {
        return Some(s.clone());
    }
    if let (Some(t), Some(og)) = (tags.title.as_deref(), tags.get("og:title")) {
        let og = collapse(og);
        if let Some(i) = t.find(og.as_str()).filter(|_| t.len() > og.len() + 2) {
            let rest = format!("{} {}", &t[..i], &t[i + og.len()..]);
            let rest = rest
                .trim_matches(|c: char| c.is_whitespace() || "|:-–—·»".contains(c))
                .trim();
            if !rest.is_empty() && rest.split_whitespace().count() <= 8 {
                return Some(clip(rest));
            }
        }
    }
    tags.ld
        .publisher
        .clone()
        .filter(|p| !matches!(p.to_lowercase().as_str(), "blogger" | "wordpress"))
}

fn kind(tags: &Tags, host: &str, site: Option<&str>) -> &'static str {
    let ld_is = |ts: &[&str]| tags.ld.types.iter().any(|t| ts.contains(&t.as_str()));
    if tags.get("citation_conference_title").is_some() {
        return "paper-conference";
    }
    if tags.get("citation_book_title").is_some() {
        return "chapter";
    }
    if tags.get("citation_dissertation_institution").is_some() {
        return "thesis";
    }
    if tags.get("citation_technical_report_institution").is_some() {
        return "report";
    }
    if tags
        .first(&["citation_journal_title", "citation_doi"])
        .is_some()
        || ld_is(&["ScholarlyArticle", "MedicalScholarlyArticle"])
    {
        return "article-journal";
    }
    let generator = tags.get("generator").unwrap_or("").to_ascii_lowercase();
    if ld_is(&["BlogPosting", "Blog", "LiveBlogPosting"])
        || generator.starts_with("blogger")
        || host.contains(".blogspot.")
        || host.ends_with(".wordpress.com")
    {
        return "post-weblog";
    }
    let on = |list: &[&str]| {
        list.iter()
            .any(|h| host == *h || host.ends_with(&format!(".{h}")))
    };
    if on(MAGAZINE_HOSTS)
        || site.is_some_and(|s| s.to_lowercase().contains("magazine"))
        || tags.ld.part_of_periodical
    {
        return "article-magazine";
    }
    let news = tags.ld.types.iter().any(|t| t.ends_with("NewsArticle"));
    if news || tags.ld.publisher_is_news || on(NEWS_HOSTS) {
        return "article-newspaper";
    }
    "webpage"
}

/// The URL in a browser's `<!-- saved from url=(0042)https://… -->`.
fn saved_from_url(head: &str) -> Option<String> {
    let i = head.find("saved from url=")?;
    let rest = &head[i + "saved from url=".len()..];
    let rest = rest
        .strip_prefix('(')
        .and_then(|r| r.split_once(')'))
        .map_or(rest, |(_, r)| r);
    let url: String = rest
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '-')
        .collect();
    Some(clip(&url)).filter(|u| u.starts_with("http"))
}

fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    host.strip_prefix("www.").unwrap_or(&host).to_string()
}

/// A title less a trailing (or, Blogger-style, leading) segment that names
/// the site or one of the authors: "Title | Author | The Guardian" → "Title".
fn strip_site(title: &str, site: Option<&str>, authors: &[(String, bool)]) -> String {
    let mut t = collapse(title);
    let matches = |seg: &str| {
        let seg = seg.trim().to_lowercase();
        if seg.is_empty() {
            return false;
        }
        let site_hit = site.is_some_and(|s| {
            let s = s.to_lowercase();
            seg == s || seg.contains(&s) || (s.contains(&seg) && seg.len() >= 4)
        });
        site_hit || authors.iter().any(|(a, _)| a.to_lowercase() == seg)
    };
    for _ in 0..4 {
        let cut = [" | ", " - ", " – ", " — ", " :: ", " · ", " » "]
            .iter()
            .filter_map(|sep| t.rfind(sep).map(|i| (i, sep.len())))
            .max_by_key(|(i, _)| *i);
        match cut {
            Some((i, n)) if i > 0 && matches(&t[i + n..]) => t.truncate(i),
            _ => break,
        }
    }
    if let Some((head, rest)) = t.split_once(": ") {
        if matches(head) && !rest.trim().is_empty() {
            t = rest.trim().to_string();
        }
    }
    t.trim().to_string()
}

const ORG_WORDS: &[&str] = &[
    "university",
    "council",
    "trust",
    "association",
    "institute",
    "institution",
    "department",
    "ministry",
    "office",
    "agency",
    "society",
    "foundation",
    "centre",
    "center",
    "college",
    "school",
    "ltd",
    "limited",
    "plc",
    "inc",
    "inc.",
    "llc",
    "group",
    "press",
    "news",
    "service",
    "services",
    "government",
    "committee",
    "commission",
    "network",
    "charity",
    "partnership",
    "authority",
    "nhs",
    "team",
    "staff",
    "editors",
    "editorial",
    "board",
    "federation",
    "union",
    "club",
    "project",
    "programme",
    "program",
    "research",
    "organisation",
    "organization",
    "company",
    "media",
    "unit",
    "library",
    "museum",
    "gov.uk",
    "bbc",
];

fn looks_like_organisation(name: &str) -> bool {
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
                .to_lowercase()
        })
        .collect();
    words.len() > 4
        || words.iter().any(|w| ORG_WORDS.contains(&w.as_str()))
        || words.first().is_some_and(|w| w == "the")
}

const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "le", "la", "ter", "ten",
];

/// "Family, Given" or "Given Family" as a CSL name, with particles
/// ("Ludwig van Beethoven") kept apart.
fn person(raw: &str) -> Name {
    let raw = collapse(raw);
    let raw = raw.trim_start_matches('@').trim();
    let raw = raw
        .strip_prefix("By ")
        .or_else(|| raw.strip_prefix("by "))
        .unwrap_or(raw)
        .trim();
    if let Some((family, given)) = raw.split_once(',') {
        return Name::person(family.trim(), given.trim());
    }
    let words: Vec<&str> = raw.split(' ').collect();
    if words.len() == 1 {
        return Name::person(words[0], "");
    }
    let mut i = words.len() - 1;
    while i > 1 && PARTICLES.contains(&words[i - 1].to_lowercase().as_str()) {
        i -= 1;
    }
    let mut name = Name::person(words[words.len() - 1], &words[..i].join(" "));
    if i < words.len() - 1 {
        name.non_dropping_particle = Some(words[i..words.len() - 1].join(" "));
    }
    name
}

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// ISO dates (`2016-10-18T11:37:20+00:00`, `2021/11/02`, `2019`) and the
/// written forms pages show ("14 Jun 2021", "October 18, 2016").
pub(crate) fn parse_date(s: &str) -> Option<DateField> {
    let s = s.trim();
    if s.len() > 64 {
        return None;
    }
    if s.len() >= 4 && s[..4].bytes().all(|b| b.is_ascii_digit()) {
        let parsed = DateField::parse_iso(s).or_else(|| DateField::parse_iso(&s[..4]))?;
        let (y, m, d) = parsed.start()?;
        return Some(DateField::ymd(y, m, d));
    }
    let words: Vec<String> = s
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let month = words
        .iter()
        .find_map(|w| MONTHS.iter().position(|m| w.len() >= 3 && w.starts_with(m)))?;
    let nums: Vec<i32> = words
        .iter()
        .filter_map(|w| w.trim_end_matches(|c: char| c.is_alphabetic()).parse().ok())
        .collect();
    let year = *nums.iter().find(|n| (1000..=9999).contains(*n))?;
    let day = nums
        .iter()
        .find(|n| (1..=31).contains(*n))
        .and_then(|d| u8::try_from(*d).ok());
    Some(DateField::ymd(year, u8::try_from(month + 1).ok(), day))
}

fn clean_doi(s: &str) -> Option<String> {
    let s = s.trim();
    let lower = s.to_ascii_lowercase();
    let start = lower.find("10.")?;
    let prefix = &lower[..start];
    if !(prefix.is_empty()
        || prefix.ends_with("doi.org/")
        || prefix.ends_with("doi:")
        || prefix.ends_with("doi: "))
    {
        return None;
    }
    let doi = &s[start..];
    (doi.contains('/') && doi.len() <= 300).then(|| doi.to_string())
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn clip(s: &str) -> String {
    s.chars().take(MAX_FIELD).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_dates_and_dois() {
        assert_eq!(person("Okonjo, Adaeze"), Name::person("Okonjo", "Adaeze"));
        assert_eq!(person("Laura Walters"), Name::person("Walters", "Laura"));
        let lvb = person("Ludwig van Beethoven");
        assert_eq!(lvb.family.as_deref(), Some("Beethoven"));
        assert_eq!(lvb.non_dropping_particle.as_deref(), Some("van"));
        assert!(looks_like_organisation("The Open University"));
        assert!(!looks_like_organisation("Nadia Okafor"));
        assert_eq!(
            parse_date("2016-10-18T11:37:20+00:00"),
            Some(DateField::ymd(2016, Some(10), Some(18)))
        );
        assert_eq!(
            parse_date("2021/11/02"),
            Some(DateField::ymd(2021, Some(11), Some(2)))
        );
        assert_eq!(
            parse_date("14 Jun 2021"),
            Some(DateField::ymd(2021, Some(6), Some(14)))
        );
        assert_eq!(
            parse_date("October 18, 2016"),
            Some(DateField::ymd(2016, Some(10), Some(18)))
        );
        assert_eq!(parse_date("nonsense"), None);
        assert_eq!(
            clean_doi("https://doi.org/10.1000/xyz").as_deref(),
            Some("10.1000/xyz")
        );
        assert_eq!(clean_doi("doi:10.1000/xyz").as_deref(), Some("10.1000/xyz"));
        assert_eq!(clean_doi("ISBN 10.5"), None);
    }

    #[test]
    fn titles_lose_the_site_and_author_suffix() {
        let a = vec![("Nadia Okafor".to_string(), false)];
        assert_eq!(
            strip_site(
                "Supervision | Nadia Okafor | The Guardian",
                Some("the Guardian"),
                &a
            ),
            "Supervision"
        );
        assert_eq!(
            strip_site(
                "Social work as a resource | Research in Practice",
                Some("Research in Practice"),
                &[]
            ),
            "Social work as a resource"
        );
        assert_eq!(
            strip_site(
                "Probation Notes: The Value of Social Work",
                Some("Probation Notes"),
                &[]
            ),
            "The Value of Social Work"
        );
        assert_eq!(strip_site("A - B - C", Some("Elsewhere"), &[]), "A - B - C");
    }

    #[test]
    fn hostile_json_ld_is_skipped_without_harm() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let deep_obj = format!("{}1{}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
        let wide = format!("[{}]", vec!["{\"@type\":\"Thing\"}"; 20_000].join(","));
        let ld = json_ld(&[deep, deep_obj, "{not json".into(), wide]);
        assert!(ld.headline.is_none());
        let html = "<title>T</title><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":7,\"author\":[1,{\"name\":{\"name\":2}}]}</script>";
        let w = work(&Document::from(html), html, None).unwrap();
        assert_eq!(w.title.as_deref(), Some("T"));
        assert!(w.author.is_empty());
    }
}
