//! Door stations of one event exchanging their check-ins on the local network, with no server:
//! so the second door says "already checked in 8 s ago at Gate B" with the internet down.
//!
//! - [`discovery`]: DNS-SD (mDNS) announces this door and finds the event's others;
//! - [`secret`]: the event's door key and pairing codes, the two ways in;
//! - [`wire`]: one encrypted, authenticated connection (Noise over TCP);
//! - [`station`]: the exchange itself — connections to every door found, new check-ins sent as
//!   they happen, what a door missed sent when it comes back, idempotently by row id.
//!
//! The crate knows nothing of the replica: a [`Ledger`] (the app's, over its SQLite file)
//! holds the rows. No async runtime: a few threads per station.

mod connection;
pub mod discovery;
mod message;
mod peer;
pub mod secret;
pub mod station;
mod wire;

use serde::{Deserialize, Serialize};

pub use secret::{PairingCode, Psk};
pub use station::{Config, DoorInfo, ExchangeState, ExchangeStatus, PeerStatus, Station};

/// Where a door listens when the port is free (else any free port; DNS-SD says which).
pub const DEFAULT_PORT: u16 = 47_011;

/// One check-in as it crosses the network: its row id, and what the ledger needs to apply it
/// (the row, and the change the sync would push for it) — opaque to this crate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shared {
    pub id: String,
    pub body: serde_json::Value,
}

/// Where a station's check-ins live. Every call may be made from any of the station's threads
/// (one at a time: the station holds it behind a lock).
pub trait Ledger: Send {
    /// The ids of every check-in of the event this station holds.
    fn ids(&mut self) -> std::result::Result<Vec<String>, LedgerError>;
    /// Those of `ids` this station holds, as rows to send.
    fn rows(&mut self, ids: &[String]) -> std::result::Result<Vec<Shared>, LedgerError>;
    /// Takes rows another door sent; returns the ids that were new here (a row already held is
    /// left as it is).
    fn take_in(&mut self, rows: &[Shared]) -> std::result::Result<Vec<String>, LedgerError>;
    /// Check-ins made at this station since `cursor` (which it moves on): what to tell the others.
    fn own_since(&mut self, cursor: &mut i64) -> std::result::Result<Vec<Shared>, LedgerError>;
    /// How many check-ins this station made (shown on the other doors).
    fn own_count(&mut self) -> std::result::Result<u64, LedgerError>;
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct LedgerError(pub String);

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("network: {0}")]
    Io(#[from] std::io::Error),
    #[error("encryption: {0}")]
    Noise(#[from] snow::Error),
    /// The other side does not hold this event's door key (or the code was wrong).
    #[error("the other station does not hold this event's door key")]
    Refused,
    #[error("not an EventOS door station")]
    NotADoor,
    #[error("the other door broke the protocol: {0}")]
    Protocol(&'static str),
    #[error("this door is at another event ({0})")]
    OtherEvent(String),
    #[error("{0}")]
    BadCode(&'static str),
    #[error("the door list of this computer: {0}")]
    Ledger(#[from] LedgerError),
    #[error("local network discovery: {0}")]
    Discovery(String),
    #[error("no random numbers: {0}")]
    Random(String),
    #[error("the connection is closed")]
    Closed,
}

pub type Result<T> = std::result::Result<T, Error>;
