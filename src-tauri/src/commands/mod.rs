//! Tauri commands, one module per area of the app.

pub mod audit;
pub mod insights;
pub mod library;
pub mod lists;
pub mod review;
pub mod search;
pub mod styles;
pub mod works;

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// What a failed command sends to the UI: `{ "kind": "...", "message": "..." }`,
/// the application layer's error (kinds are a closed set the UI shows each
/// in its way).
pub use quire_api::ApiError as CommandError;

pub type CommandResult<T> = Result<T, CommandError>;

/// Runs a command's body so that a panic in it (a bug in the engine on
/// input nobody foresaw) becomes the command's error, "internal error: …",
/// which the UI shows, instead of a promise that never settles or, on the
/// main thread, an abort that takes the window down. Every command's body
/// goes through here.
///
/// Unwinding out of the body drops any library guard it held, which
/// poisons the lock; [`lock`] takes the lock over afterwards (see there).
pub fn guarded<T>(body: impl FnOnce() -> CommandResult<T>) -> CommandResult<T> {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|payload| Err(internal_error(&*payload)))
}

/// Runs a command's body on Tauri's blocking pool, guarded as above: for
/// work that would otherwise stall the async workers (an import, a dialog
/// waiting for the person).
pub async fn blocking<T: Send + 'static>(
    body: impl FnOnce() -> CommandResult<T> + Send + 'static,
) -> CommandResult<T> {
    tauri::async_runtime::spawn_blocking(move || guarded(body))
        .await
        // `guarded` caught any panic, so only a cancelled worker ends up here.
        .map_err(|err| CommandError::internal(format!("the command stopped unexpectedly: {err}")))?
}

/// The command error for a caught panic, with the panic's message when it has one.
fn internal_error(payload: &(dyn Any + Send)) -> CommandError {
    let detail = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("the command panicked");
    CommandError::internal(format!("internal error: {detail}"))
}

/// Locks the library. A panic in an earlier command cannot leave the store
/// half-written (every write is one SQLite transaction, rolled back when a
/// panic drops it), so a lock poisoned by that panic is taken over with
/// `into_inner` rather than failing every later command.
pub fn lock<T>(library: &Mutex<T>) -> MutexGuard<'_, T> {
    library.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_api::error::ErrorKind;

    #[test]
    fn a_panicking_body_becomes_an_internal_error() {
        let err = guarded::<()>(|| panic!("begin > end when slicing")).unwrap_err();
        assert_eq!(err.message, "internal error: begin > end when slicing");
        let err = guarded::<()>(|| panic!("{} > {}", 3, 2)).unwrap_err();
        assert_eq!(err.message, "internal error: 3 > 2");
        assert_eq!(err.kind, ErrorKind::Internal);
    }

    #[test]
    fn a_body_that_returns_is_passed_through() {
        assert_eq!(guarded(|| Ok(7)).ok(), Some(7));
        let err = guarded::<()>(|| Err(CommandError::not_found("no such list"))).unwrap_err();
        assert_eq!(err.message, "no such list");
    }

    #[test]
    fn the_lock_is_usable_after_a_panic_poisoned_it() {
        let library = Mutex::new(vec![1]);
        let result = guarded::<()>(|| {
            let mut held = lock(&library);
            held.push(2);
            panic!("while holding the lock");
        });
        assert!(result.is_err());
        assert!(library.is_poisoned());
        lock(&library).push(3);
        assert_eq!(*lock(&library), vec![1, 2, 3]);
    }
}
