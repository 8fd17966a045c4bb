//! The replica's WAL checkpoints, once a second on their own thread and connection: the
//! facade's and the door scanner's connections never checkpoint themselves
//! ([`Store::checkpoint_elsewhere`]), so a check-in's write is never the one that pays for one.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::thread::JoinHandle;
use std::time::Duration;

use eventos_store::Store;

const EVERY: Duration = Duration::from_secs(1);

pub(crate) struct Checkpoints {
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpoints {
    pub(crate) fn start(db: PathBuf) -> Checkpoints {
        let (stop, stopped) = channel();
        let thread =
            std::thread::Builder::new().name("eventos-checkpoints".into()).spawn(move || run(&db, &stopped)).ok();
        Checkpoints { stop: Some(stop), thread }
    }
}

fn run(db: &std::path::Path, stopped: &Receiver<()>) {
    let Ok(store) = Store::open(db) else { return };
    loop {
        match stopped.recv_timeout(EVERY) {
            Err(RecvTimeoutError::Timeout) => {
                // A busy or failed checkpoint is retried at the next tick.
                let _ = store.checkpoint();
            }
            Ok(()) | Err(RecvTimeoutError::Disconnected) => {
                let _ = store.checkpoint();
                return;
            }
        }
    }
}

impl Drop for Checkpoints {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
