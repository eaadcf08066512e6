//! What a format reader (PDF, saved web page, ODT) hands to the splitter:
//! the file's text as Markdown, the work its own metadata describes, and
//! the caveats a person should see. The readers know nothing of the store.

use quire_csl::CslItem;

/// The warning a PDF without a text layer (a scan) yields, with empty text;
/// `import::parse` turns it into a refusal that says what to do.
pub const NO_TEXT_LAYER: &str = "no text layer";

/// One file's extracted content.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// Markdown: paragraphs separated by blank lines, headings as `#`,
    /// list items as `- `. Page furniture (running headers, footers, page
    /// numbers, navigation, cookie banners) is already gone.
    pub text: String,
    /// The work the file's own metadata describes (a PDF's info dictionary
    /// and DOI, a page's citation_*/Dublin Core/Open Graph/JSON-LD tags);
    /// `None` when it names too little to be a work (no title).
    pub work: Option<CslItem>,
    /// Caveats for the person importing, short and lower-case, e.g.
    /// `"no text layer"`, `"pages 3, 7 have no text layer"`,
    /// `"2 columns: reading order may be imperfect"`.
    pub warnings: Vec<String>,
}
