//! The sample library shipped inside the binary, so a first launch (or
//! `Library::import_sample`) shows real content with no files at hand.
//! The competition comes first so its essays exist before the blog post
//! that reproduces one of them.

/// (file name, contents) of `assets/sample/*.txt`.
pub const FILES: &[(&str, &str)] = &[
    (
        "world-social-work-day-competition-2020.txt",
        include_str!("../../../assets/sample/world-social-work-day-competition-2020.txt"),
    ),
    (
        "the-value-of-social-work-blog.txt",
        include_str!("../../../assets/sample/the-value-of-social-work-blog.txt"),
    ),
    (
        "social-work-as-a-resource.txt",
        include_str!("../../../assets/sample/social-work-as-a-resource.txt"),
    ),
    (
        "becoming-a-critical-practitioner.txt",
        include_str!("../../../assets/sample/becoming-a-critical-practitioner.txt"),
    ),
    (
        "social-work-forum-community-care.txt",
        include_str!("../../../assets/sample/social-work-forum-community-care.txt"),
    ),
];
