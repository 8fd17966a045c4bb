//! How far a PDF being made has got, for a screen to show while it waits: pages drawn of the
//! pages there will be (when all are drawn, the file is being written).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Shared between the code drawing and whoever asks; cloning shares it.
#[derive(Debug, Clone, Default)]
pub struct Progress(Arc<Counts>);

#[derive(Debug, Default)]
struct Counts {
    done: AtomicUsize,
    total: AtomicUsize,
}

impl Progress {
    /// A new PDF of `total` pages begins.
    pub fn start(&self, total: usize) {
        self.0.done.store(0, Ordering::SeqCst);
        self.0.total.store(total, Ordering::SeqCst);
    }

    pub(crate) fn page_done(&self) {
        self.0.done.fetch_add(1, Ordering::SeqCst);
    }

    /// Pages drawn, and pages in all (0 before any PDF began).
    pub fn now(&self) -> (usize, usize) {
        (self.0.done.load(Ordering::SeqCst), self.0.total.load(Ordering::SeqCst))
    }
}
