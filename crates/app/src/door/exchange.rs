//! Doors talking to each other: while a door is open, its check-ins go to the event's other
//! doors on the local network and theirs come into the replica (`eventos_lan` does the
//! network; this is its ledger over the replica, and the App's handle on it).
//!
//! The door key: the server's (`event_door_keys`, synced to the event's door staff and the
//! account's organizers). Where the replica has none (a workspace never connected, an event
//! made offline), one kept in the keychain per event and data folder: the first door of an
//! event at a venue makes one, and a door let in by another's pairing code takes that door's
//! key (and keeps it), so from then on the doors find each other by DNS-SD alone.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use eventos_lan::{Config, DoorInfo, PairingCode, Station};
use eventos_store::Store;
use rusqlite::OptionalExtension;
use serde::Serialize;
use ts_rs::TS;

use super::ledger::ReplicaLedger;
use super::{DoorMode, DoorSetup};
use crate::sync::Secrets;
use crate::{App, AppError, ErrorCode, Result};

/// The exchange as the Check-in screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DoorExchange {
    /// `alone`, `connected` or `needs_key`.
    pub state: String,
    pub peers: Vec<OtherDoor>,
    /// Check-ins other doors sent that were new here.
    pub received: u64,
    /// Whether doors are found by DNS-SD here (else by pairing code only).
    pub discovery: bool,
    pub listening: String,
    pub last_error: Option<String>,
}

/// Another door of the event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OtherDoor {
    pub name: String,
    pub gate: String,
    pub exit: bool,
    pub connected: bool,
    /// Seconds since it was last heard from.
    pub last_heard_s: u64,
    pub checked_in: u64,
}

/// A pairing code this door shows, for one other door to join by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PairingShown {
    /// What a person types: `192.168.1.20:47011 K7M2Q-9PX3D`.
    pub text: String,
    /// What the QR holds (the screen draws it with `ticket_qr`, like a ticket's).
    pub qr_payload: String,
    pub valid_minutes: u32,
}

/// The running exchange of one door.
pub(crate) struct Exchange {
    /// The door it runs for (a session door is its event's door here).
    door: DoorSetup,
    station: Station,
    key_slot: Secrets,
    saved_key: Option<String>,
}

impl Exchange {
    /// A check-in was just recorded here: send it now.
    pub(crate) fn kick(&self) {
        self.station.kick();
    }
}

impl App {
    /// Joins the exchange of this door's event (a no-op if it runs for it already; another
    /// event's is left first).
    pub fn open_exchange(&mut self, door: &DoorSetup) -> Result<DoorExchange> {
        let door = DoorSetup { session_id: None, ..door.clone() };
        if self.exchange.as_ref().is_none_or(|x| x.door != door) {
            self.exchange = None;
            let store = Store::open(&self.db_path())?;
            let node = store.device_node()?;
            let key_slot = Secrets::door_key(&self.data_dir, self.session_store, &door.event_id);
            let key = match (server_key(&store, &door.event_id)?, key_slot.load_text()) {
                (Some(key), _) | (None, Some(key)) => key,
                (None, None) => {
                    let key = new_door_key()?;
                    key_slot.save_text(&key, "the event's door key")?;
                    key
                }
            };
            let info = DoorInfo {
                event_id: door.event_id.clone(),
                node: node.clone(),
                name: computer_name(),
                gate: door.gate.trim().to_owned(),
                exit: door.mode == DoorMode::Exit,
            };
            let sync = self.sync.as_ref().map(|w| Arc::clone(&w.shared));
            let ledger = ReplicaLedger {
                store,
                event_id: door.event_id.clone(),
                node,
                on_new: Box::new(move || {
                    if let Some(sync) = &sync {
                        sync.edited();
                    }
                }),
            };
            let station = Station::start(config(info, key.clone()), Box::new(ledger)).map_err(lan_error)?;
            self.exchange = Some(Exchange { door, station, key_slot, saved_key: Some(key) });
        }
        self.exchange()
    }

    /// How the exchange stands; a door key learnt from a pairing is kept for next time, and the
    /// server's key, once synced, replaces a key made here (the exchange starts again with it).
    pub fn exchange(&mut self) -> Result<DoorExchange> {
        let exchange = self.exchange.as_ref().ok_or_else(not_open)?;
        if let Some(key) = server_key(self.store()?, &exchange.door.event_id)?
            && Some(&key) != exchange.saved_key.as_ref()
        {
            let door = exchange.door.clone();
            self.exchange = None;
            return self.open_exchange(&door);
        }
        let exchange = self.exchange.as_mut().ok_or_else(not_open)?;
        let key = exchange.station.door_key();
        if key.is_some() && key != exchange.saved_key {
            if let Some(key) = &key {
                exchange.key_slot.save_text(key, "the event's door key")?;
            }
            exchange.saved_key = key;
        }
        let status = exchange.station.status();
        Ok(DoorExchange {
            state: status.state.as_str().to_owned(),
            peers: status
                .peers
                .into_iter()
                .map(|p| OtherDoor {
                    name: p.name,
                    gate: p.gate,
                    exit: p.exit,
                    connected: p.connected,
                    last_heard_s: p.last_heard_ms / 1000,
                    checked_in: p.checked_in,
                })
                .collect(),
            received: status.received,
            discovery: status.discovery,
            listening: status.listening,
            last_error: status.last_error,
        })
    }

    /// A code another door scans or types to join this one (where DNS-SD cannot find it).
    pub fn exchange_pairing_code(&mut self) -> Result<PairingShown> {
        let exchange = self.exchange.as_ref().ok_or_else(not_open)?;
        let code = exchange.station.pairing_code(lan_address()).map_err(lan_error)?;
        Ok(PairingShown {
            text: code.text(),
            qr_payload: code.qr_payload(),
            valid_minutes: u32::try_from(eventos_lan::secret::PAIRING_LIFETIME.as_secs() / 60).unwrap_or(10),
        })
    }

    /// Joins the door showing this code (scanned or typed).
    pub fn exchange_pair(&mut self, code: &str) -> Result<DoorExchange> {
        self.join_by_code(code)?;
        self.exchange()
    }

    /// [`App::exchange_pair`] without the status (the camera's poll, which holds no `&mut`).
    pub(crate) fn join_by_code(&self, code: &str) -> Result<()> {
        let exchange = self.exchange.as_ref().ok_or_else(not_open)?;
        let code = PairingCode::parse(code).map_err(|e| AppError::new(ErrorCode::Invalid, e.to_string()))?;
        exchange.station.pair(&code);
        Ok(())
    }

    /// Leaves the exchange (the other doors show this one as gone).
    pub fn close_exchange(&mut self) {
        self.exchange = None;
    }
}

/// The event's door key as the server gave it, if it has reached this replica.
fn server_key(store: &Store, event_id: &str) -> Result<Option<String>> {
    Ok(store
        .connection()
        .query_row("SELECT door_key FROM event_door_keys WHERE event_id = ?1", [event_id], |r| r.get(0))
        .optional()?)
}

fn config(door: DoorInfo, key: String) -> Config {
    let mut config = Config::new(door, Some(key));
    // Tests and a second station on one computer choose their port; a person never needs to.
    if let Some(port) = std::env::var("EVENTOS_DOOR_PORT").ok().and_then(|p| p.parse().ok()) {
        config.listen = SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), port);
    }
    config.discovery = std::env::var("EVENTOS_DOOR_DISCOVERY").map_or(true, |v| v != "off");
    config
}

/// Whether a scanned text is another door's pairing code rather than a ticket.
pub fn is_pairing_code(payload: &str) -> bool {
    payload.trim_start().starts_with(eventos_lan::secret::QR_PREFIX)
}

/// 32 random bytes, as hex.
fn new_door_key() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AppError::new(ErrorCode::Internal, format!("no random numbers: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The computer's name, for the other doors to show.
fn computer_name() -> String {
    ["EVENTOS_DOOR_NAME", "HOSTNAME", "COMPUTERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|n| !n.trim().is_empty()))
        .or_else(|| {
            std::fs::read_to_string("/etc/hostname").ok().map(|n| n.trim().to_owned()).filter(|n| !n.is_empty())
        })
        .unwrap_or_else(|| "door".into())
}

/// The address other doors reach this one at: the first IPv4 of a network interface that is
/// up and not loopback (a pairing code names it).
fn lan_address() -> IpAddr {
    std::net::UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0))
        .and_then(|s| {
            // No packet is sent: connecting a UDP socket only asks the routing table.
            s.connect((Ipv4Addr::new(192, 0, 2, 1), 9))?;
            s.local_addr()
        })
        .map(|a| a.ip())
        .ok()
        .filter(|ip| !ip.is_unspecified() && !ip.is_loopback())
        .or_else(interface_address)
        .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST))
}

/// Without a default route (a venue's network with no internet), the routing table has no
/// answer: the first non-loopback IPv4 of the interfaces, as Linux lists them.
fn interface_address() -> Option<IpAddr> {
    let text = std::fs::read_to_string("/proc/net/fib_trie").ok()?;
    let lines: Vec<&str> = text.lines().collect();
    lines.windows(2).find_map(|pair| {
        let ip: Ipv4Addr = pair[0].trim().trim_start_matches("|-- ").parse().ok()?;
        (pair[1].contains("/32 host LOCAL") && !ip.is_loopback()).then_some(IpAddr::V4(ip))
    })
}

fn not_open() -> AppError {
    AppError::new(ErrorCode::Invalid, "no door is open on this computer")
}

fn lan_error(e: eventos_lan::Error) -> AppError {
    AppError::new(ErrorCode::Io, format!("the door exchange: {e}"))
}
