//! Reading from the server and writing the replica at the same time: fetching a page (the
//! server's query, HTTP, JSON) and applying one (SQLite) take about as long as each other, so
//! overlapping them nearly halves a long pull or bootstrap.

use std::sync::mpsc::sync_channel;

use crate::{RemoteError, SyncError};

/// Calls `fetch` on a thread of its own until it returns `None` (or an error), at most two
/// items ahead of `apply`, which runs on this thread in order. The first error of either ends
/// both; what was applied before it stays applied.
pub(crate) fn pipelined<T: Send>(
    mut fetch: impl FnMut() -> Option<Result<T, RemoteError>> + Send,
    mut apply: impl FnMut(T) -> Result<(), SyncError>,
) -> Result<(), SyncError> {
    std::thread::scope(|threads| {
        let (sender, received) = sync_channel(2);
        threads.spawn(move || {
            while let Some(item) = fetch() {
                let failed = item.is_err();
                // A closed channel means the applier failed: stop fetching too.
                if sender.send(item).is_err() || failed {
                    return;
                }
            }
        });
        for item in received {
            apply(item?)?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_fetched_is_applied_in_order() {
        let mut next = 0;
        let mut applied = Vec::new();
        pipelined(
            || {
                next += 1;
                (next <= 5).then_some(Ok(next))
            },
            |n| {
                applied.push(n);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(applied, [1, 2, 3, 4, 5]);
    }

    #[test]
    fn a_fetch_error_ends_it_after_what_came_before_is_applied() {
        let mut next = 0;
        let mut applied = Vec::new();
        let result = pipelined(
            || {
                next += 1;
                Some(if next == 3 { Err(RemoteError::Unreachable("gone".into())) } else { Ok(next) })
            },
            |n| {
                applied.push(n);
                Ok(())
            },
        );
        assert!(matches!(result, Err(SyncError::Remote(RemoteError::Unreachable(_)))));
        assert_eq!(applied, [1, 2]);
    }

    #[test]
    fn an_apply_error_stops_the_fetching_too() {
        let fetched = std::sync::atomic::AtomicUsize::new(0);
        let result = pipelined(
            || {
                // Endless, unless the failure stops it.
                Some(Ok(fetched.fetch_add(1, std::sync::atomic::Ordering::SeqCst)))
            },
            |n| if n == 1 { Err(SyncError::BadScope("x".into())) } else { Ok(()) },
        );
        assert!(matches!(result, Err(SyncError::BadScope(_))));
        // At most the two in the channel and the one in hand beyond the failed one.
        assert!(fetched.load(std::sync::atomic::Ordering::SeqCst) <= 5);
    }
}
