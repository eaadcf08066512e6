//! quire-review: what a review round computes, apart from where it is kept.
//!
//! Markers score entries against a [`rubric::Rubric`]; entries are shared
//! out by [`allocate::allocate`]; the marks of one entry become its agreed
//! mark by the round's [`agree::Rule`]; [`standardise`] corrects for harsh
//! or lenient markers and ranks; [`mask`] hides an author in a blind round;
//! [`marks_file`] is the file a marker on another machine sends back.
//! Plain values in, plain values out, no I/O, so every rule is tested
//! (and generated rounds of hundreds of entries checked) without a library.

pub mod agree;
pub mod allocate;
pub mod marks_file;
pub mod mask;
pub mod rubric;
pub mod standardise;
pub mod state;

pub use agree::{Agreement, Rule};
pub use allocate::{allocate, AllocError, Candidate};
pub use marks_file::{MarksFile, MarksFileError};
pub use mask::{mask, MaskKind, Masked};
pub use rubric::{round2, Criterion, Level, Rubric, RubricError, Scores};
pub use state::State;
