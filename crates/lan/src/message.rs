//! What door stations say to each other once connected (JSON inside the encrypted channel).

use serde::{Deserialize, Serialize};

use crate::Shared;

/// Raised when the protocol changes in a way an older station cannot follow.
pub const PROTOCOL: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(crate) enum Message {
    /// First thing each side sends.
    Hello(Hello),
    /// The ids of every check-in the sender holds (sent after `Hello`, and again after a gap):
    /// the other side answers with the rows the sender lacks.
    Have { ids: Vec<String> },
    /// Check-ins: new ones as they happen, or what the other side lacked.
    Rows { rows: Vec<Shared> },
    /// Every second: still here, and how many this door has checked in.
    Ping { checked_in: u64 },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Hello {
    pub protocol: u32,
    pub event_id: String,
    /// The station's replica node: unique per computer, and the `device_id` of its check-ins.
    pub node: String,
    /// The station's name (the computer's), for staff to tell doors apart.
    pub name: String,
    pub gate: String,
    pub exit: bool,
    /// Where this station listens, so the other side can reach it again.
    pub port: u16,
    pub checked_in: u64,
    /// The dialler's random number for this connection (the answer repeats it): of two
    /// connections between the same doors both sides keep the same one.
    pub nonce: u64,
    /// Given to a door let in by a pairing code, so it can join the event's other doors too.
    pub door_key: Option<String>,
}

impl Message {
    pub(crate) fn encode(&self) -> Vec<u8> {
        // Serialising these plain structs cannot fail (string keys, no maps with other keys).
        serde_json::to_vec(self).unwrap_or_default()
    }

    pub(crate) fn decode(bytes: &[u8]) -> Option<Message> {
        serde_json::from_slice(bytes).ok()
    }
}
