//! One live connection's sending side: messages queue and a thread of its own writes them, so a
//! door that stopped reading (its cable pulled) never holds up a scan or the other doors.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex};
use std::thread;

use crate::message::Message;
use crate::wire::Channel;

static NEXT_LINK: AtomicU64 = AtomicU64::new(1);

pub(crate) struct Link {
    /// Tells this connection from another to the same door (a reconnect, a crossed dial).
    pub id: u64,
    /// The node of the station that dialled: of two connections between the same doors, both
    /// keep the one the smaller node dialled (then the larger `nonce`).
    pub dialled_by: String,
    /// The dialler's number for this connection (see `Hello::nonce`).
    pub nonce: u64,
    channel: Arc<Channel>,
    queue: Mutex<Option<Sender<Vec<u8>>>>,
    closed: AtomicBool,
}

impl Link {
    pub(crate) fn start(channel: Arc<Channel>, dialled_by: String, nonce: u64) -> Arc<Link> {
        let (queue, outgoing) = mpsc::channel::<Vec<u8>>();
        let link = Arc::new(Link {
            id: NEXT_LINK.fetch_add(1, Ordering::Relaxed),
            dialled_by,
            nonce,
            channel: channel.clone(),
            queue: Mutex::new(Some(queue)),
            closed: AtomicBool::new(false),
        });
        let writer = link.clone();
        thread::spawn(move || {
            for message in outgoing {
                if writer.channel.send(&message).is_err() {
                    writer.close();
                    break;
                }
            }
        });
        link
    }

    /// Queues a message; a closed link drops it (the other door catches up when it is back).
    pub(crate) fn send(&self, message: &Message) {
        if let Ok(queue) = self.queue.lock()
            && let Some(queue) = queue.as_ref()
        {
            let _ = queue.send(message.encode());
        }
    }

    pub(crate) fn receive(&self) -> crate::Result<Message> {
        let bytes = self.channel.receive()?;
        Message::decode(&bytes).ok_or(crate::Error::Protocol("a message that is not one"))
    }

    pub(crate) fn close(&self) {
        self.closed.store(true, Ordering::Relaxed);
        if let Ok(mut queue) = self.queue.lock() {
            queue.take();
        }
        self.channel.close();
    }

    pub(crate) fn is_closed(&self) -> bool {
        self.closed.load(Ordering::Relaxed)
    }
}
