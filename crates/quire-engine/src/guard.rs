//! Catching a panic at the boundary of one file or one document.
//!
//! A bug triggered by one odd file (a parser slicing at a bad index) must
//! not abort a batch import, an audit or the app: the work on that file is
//! run under [`catch`], its panic becomes an error naming it, and the rest
//! goes on. A database transaction open inside the caught work is dropped by
//! the unwinding, which rolls it back, so the file leaves nothing behind.
//!
//! Rust's default panic hook prints the panic to stderr as if the process
//! were ending; under `catch` a quiet hook records the message instead, for
//! the error the user sees. Panics anywhere else still reach the hook that
//! was installed before.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe, PanicHookInfo};
use std::sync::Once;

thread_local! {
    /// How many `catch` calls are running on this thread.
    static CATCHING: Cell<u32> = const { Cell::new(0) };
    /// The last panic message recorded by the quiet hook on this thread.
    static CAUGHT: RefCell<Option<String>> = const { RefCell::new(None) };
}

static QUIET_HOOK: Once = Once::new();

/// Run `work`; a panic in it becomes `Err(message)` (with where it happened).
///
/// `AssertUnwindSafe` is sound here because callers pass work whose state
/// does not outlive it half-changed: a transaction rolls back on drop, and
/// the library holds no in-memory cache of what a transaction wrote.
pub fn catch<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    install_quiet_hook();
    CAUGHT.with(|c| c.borrow_mut().take());
    CATCHING.with(|n| n.set(n.get() + 1));
    let result = panic::catch_unwind(AssertUnwindSafe(work));
    CATCHING.with(|n| n.set(n.get().saturating_sub(1)));
    result.map_err(|payload| {
        CAUGHT
            .with(|c| c.borrow_mut().take())
            .unwrap_or_else(|| payload_text(payload.as_ref()))
    })
}

fn install_quiet_hook() {
    QUIET_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info: &PanicHookInfo<'_>| {
            if CATCHING.with(Cell::get) > 0 {
                let at = info
                    .location()
                    .map(|l| format!(" at {}:{}", l.file(), l.line()))
                    .unwrap_or_default();
                let message = format!("{}{at}", payload_text(info.payload()));
                CAUGHT.with(|c| *c.borrow_mut() = Some(message));
            } else {
                previous(info);
            }
        }));
    });
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic without a message".to_owned())
}

/// A panic on purpose, for tests of the boundaries above: a document body
/// holding this marker panics in `store_file` when the engine is built for
/// tests or with the `fault-injection` feature, and nowhere else.
#[cfg(any(test, feature = "fault-injection"))]
#[doc(hidden)]
pub const PANIC_MARKER: &str = "QUIRE-FAULT-INJECTION-PANIC";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panic_becomes_message_with_location() {
        let err = catch(|| -> u8 { panic!("boom {}", 7) }).unwrap_err();
        assert!(err.starts_with("boom 7 at "), "{err}");
        assert!(err.contains("guard.rs"), "{err}");
        assert_eq!(catch(|| 5), Ok(5));
    }

    #[test]
    fn a_panicking_file_fails_alone_and_leaves_nothing() {
        use crate::{DocFilter, Library};
        let dir = tempfile::tempdir().unwrap();
        let files = dir.path().join("files");
        std::fs::create_dir(&files).unwrap();
        std::fs::write(files.join("a.txt"), "First\n\nThe first file, imported.").unwrap();
        std::fs::write(
            files.join("b.txt"),
            format!("Second\n\nIt says {PANIC_MARKER}."),
        )
        .unwrap();
        std::fs::write(
            files.join("c.txt"),
            "Third\n\nThe third file, imported too.",
        )
        .unwrap();
        let mut library = Library::open(&dir.path().join("lib")).unwrap();
        let report = library.import_files(
            std::slice::from_ref(&files),
            &Default::default(),
            &mut |_| {},
        );
        assert_eq!(report.imported.len(), 2, "{report:?}");
        assert_eq!(report.errors.len(), 1);
        let failure = &report.errors[0];
        assert!(failure.path.ends_with("b.txt"), "{failure:?}");
        assert!(
            failure
                .message
                .starts_with("could not import b.txt (internal error: fault injection"),
            "{failure:?}"
        );
        // b.txt's transaction rolled back: only a and c are stored.
        assert_eq!(library.documents(&DocFilter::default()).unwrap().len(), 2);
        let err = library
            .import_bytes("d.md", format!("# D\n\n{PANIC_MARKER}").as_bytes(), None)
            .unwrap_err();
        assert!(err.to_string().contains("internal error"), "{err}");
        // The library is still usable afterwards.
        library
            .import_bytes("e.md", b"# E\n\nAfter the panic.", None)
            .unwrap();
        assert_eq!(library.documents(&DocFilter::default()).unwrap().len(), 3);
    }

    #[test]
    fn nested_catch_reports_the_inner_panic_once() {
        let outer = catch(|| catch(|| -> u8 { panic!("inner") }));
        assert!(
            matches!(outer, Ok(Err(ref m)) if m.starts_with("inner")),
            "{outer:?}"
        );
    }
}
