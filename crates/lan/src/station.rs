//! A door station in the exchange: it listens, dials the doors it knows of, sends its new
//! check-ins to every connected door as they happen, and keeps what the others send.
//!
//! Threads: one accepts connections, one per connection reads (and one writes, [`crate::peer`]),
//! one "keeper" ticks ten times a second — it sends this door's new check-ins, pings, drops doors
//! silent for [`SILENCE`] and dials the ones not connected.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::connection;
use crate::discovery::Discovery;
use crate::message::Message;
use crate::peer::Link;
use crate::secret::{PAIRING_LIFETIME, PairingCode, Psk, Shown};
use crate::wire::{Admission, Channel};
use crate::{DEFAULT_PORT, Error, Ledger, Result, Shared};

/// How often the keeper looks for this door's new check-ins (and the latency it adds, at most).
const TICK: Duration = Duration::from_millis(100);
const PING_EVERY: Duration = Duration::from_secs(1);
/// A door not heard from for this long is shown as gone, and its connection dropped.
pub const SILENCE: Duration = Duration::from_secs(4);
/// Dialling a door that does not answer: the first retry after this, doubling to [`RETRY_MAX`].
const RETRY_FIRST: Duration = Duration::from_millis(500);
const RETRY_MAX: Duration = Duration::from_secs(4);
const DIAL_TIMEOUT: Duration = Duration::from_secs(2);

/// Who this door is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoorInfo {
    pub event_id: String,
    /// The replica's node (the `device_id` of this door's check-ins).
    pub node: String,
    /// The computer's name.
    pub name: String,
    pub gate: String,
    pub exit: bool,
}

#[derive(Clone)]
pub struct Config {
    pub door: DoorInfo,
    /// The event's door key; without it the door can only join by a pairing code.
    pub door_key: Option<String>,
    /// Where to listen: [`DEFAULT_PORT`] on every address unless said (a taken port falls back
    /// to any free one).
    pub listen: SocketAddr,
    /// Announce and look for doors with DNS-SD (off where a test or a person says so).
    pub discovery: bool,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the door key.
        f.debug_struct("Config")
            .field("door", &self.door)
            .field("door_key", &self.door_key.as_ref().map(|_| "…"))
            .field("listen", &self.listen)
            .field("discovery", &self.discovery)
            .finish()
    }
}

impl Config {
    pub fn new(door: DoorInfo, door_key: Option<String>) -> Config {
        Config {
            door,
            door_key,
            listen: SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), DEFAULT_PORT),
            discovery: true,
        }
    }
}

/// What the Check-in screen says of the exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExchangeState {
    /// Listening, and no other door connected (yet).
    Alone,
    /// At least one other door connected.
    Connected,
    /// No door key on this computer: only a pairing code lets this door in.
    NeedsKey,
}

impl ExchangeState {
    pub fn as_str(self) -> &'static str {
        match self {
            ExchangeState::Alone => "alone",
            ExchangeState::Connected => "connected",
            ExchangeState::NeedsKey => "needs_key",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeerStatus {
    pub node: String,
    pub name: String,
    pub gate: String,
    pub exit: bool,
    pub connected: bool,
    /// Milliseconds since anything came from it.
    pub last_heard_ms: u64,
    /// Check-ins made at that door, as it last said.
    pub checked_in: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExchangeStatus {
    pub state: ExchangeState,
    pub listening: String,
    /// Whether DNS-SD runs (else doors join by pairing code only).
    pub discovery: bool,
    /// Doors heard from since this station started, connected or not, by name.
    pub peers: Vec<PeerStatus>,
    /// Check-ins other doors sent that were new here.
    pub received: u64,
    pub last_error: Option<String>,
}

/// A door heard from: what it said of itself, and its connection while there is one.
pub(crate) struct Peer {
    pub name: String,
    pub gate: String,
    pub exit: bool,
    pub checked_in: u64,
    pub last_heard: Instant,
    pub link: Option<Arc<Link>>,
}

/// How an address is dialled: with the event's door key as it is when dialling (a pairing may
/// bring another), or with a pairing code's secret.
#[derive(Clone)]
pub(crate) enum DialWith {
    DoorKey,
    Code(Psk),
}

/// An address to keep a connection to.
pub(crate) struct Dial {
    /// The door there, once known (from DNS-SD, or its hello).
    pub node: Option<String>,
    pub with: DialWith,
    pub next_try: Instant,
    pub wait: Duration,
    pub dialling: bool,
}

pub(crate) struct Inner {
    pub door: DoorInfo,
    /// Where the listener is bound (an unspecified address is reached through loopback).
    pub listening: SocketAddr,
    pub door_key: Mutex<Option<String>>,
    pub ledger: Mutex<Box<dyn Ledger>>,
    pub peers: Mutex<HashMap<String, Peer>>,
    pub dials: Mutex<HashMap<SocketAddr, Dial>>,
    pub shown: Mutex<Option<Shown>>,
    pub received: AtomicU64,
    pub stopping: AtomicBool,
    pub last_error: Mutex<Option<String>>,
    wake: (Mutex<bool>, Condvar),
}

/// A running door station. Dropping it stops it.
pub struct Station {
    inner: Arc<Inner>,
    threads: Vec<JoinHandle<()>>,
    discovery: Option<Discovery>,
}

impl Station {
    pub fn start(config: Config, ledger: Box<dyn Ledger>) -> Result<Station> {
        let listener =
            TcpListener::bind(config.listen).or_else(|_| TcpListener::bind(SocketAddr::new(config.listen.ip(), 0)))?;
        let listening = listener.local_addr()?;
        let inner = Arc::new(Inner {
            door: config.door.clone(),
            listening,
            door_key: Mutex::new(config.door_key.filter(|k| !k.is_empty())),
            ledger: Mutex::new(ledger),
            peers: Mutex::new(HashMap::new()),
            dials: Mutex::new(HashMap::new()),
            shown: Mutex::new(None),
            received: AtomicU64::new(0),
            stopping: AtomicBool::new(false),
            last_error: Mutex::new(None),
            wake: (Mutex::new(false), Condvar::new()),
        });
        let mut threads = Vec::new();
        let accepting = inner.clone();
        threads.push(thread::spawn(move || accept(&accepting, &listener)));
        let keeping = inner.clone();
        threads.push(thread::spawn(move || keep(&keeping)));
        let discovery = if config.discovery {
            let found = inner.clone();
            match Discovery::start(&config.door, listening.port(), move |address, node| {
                found.add_dial(address, Some(node), DialWith::DoorKey, false)
            }) {
                Ok(discovery) => Some(discovery),
                Err(e) => {
                    inner.note_error(&e);
                    None
                }
            }
        } else {
            None
        };
        Ok(Station { inner, threads, discovery })
    }

    /// The door key in use: the one given, or one a pairing brought (for the caller to keep).
    pub fn door_key(&self) -> Option<String> {
        self.inner.door_key()
    }

    pub fn port(&self) -> u16 {
        self.inner.port()
    }

    /// Check-ins other doors sent that were new here (tests and screens wait for it to move).
    pub fn received(&self) -> u64 {
        self.inner.received.load(Ordering::Relaxed)
    }

    /// Looks for this door's new check-ins now rather than at the next tick.
    pub fn kick(&self) {
        self.inner.kick();
    }

    /// Keeps a connection to a door at this address (one the person typed, or a test's).
    pub fn connect(&self, address: SocketAddr) {
        self.inner.add_dial(address, None, DialWith::DoorKey, false);
    }

    /// A new pairing code for another door to join by (the last one shown stops working).
    /// `ip` is the address the other door will reach this one at.
    pub fn pairing_code(&self, ip: IpAddr) -> Result<PairingCode> {
        let code = PairingCode::new(SocketAddr::new(ip, self.inner.port()))?;
        *lock(&self.inner.shown) = Some(Shown { code: code.clone(), until: Instant::now() + PAIRING_LIFETIME });
        Ok(code)
    }

    /// Joins the door that shows this code (scanned or typed).
    pub fn pair(&self, code: &PairingCode) {
        self.inner.add_dial(code.address, None, DialWith::Code(code.psk()), false);
    }

    pub fn status(&self) -> ExchangeStatus {
        let now = Instant::now();
        let mut peers: Vec<PeerStatus> = lock(&self.inner.peers)
            .iter()
            .map(|(node, p)| PeerStatus {
                node: node.clone(),
                name: p.name.clone(),
                gate: p.gate.clone(),
                exit: p.exit,
                connected: p.link.as_ref().is_some_and(|l| !l.is_closed()),
                last_heard_ms: u64::try_from(now.duration_since(p.last_heard).as_millis()).unwrap_or(u64::MAX),
                checked_in: p.checked_in,
            })
            .collect();
        peers.sort_by(|a, b| (&a.gate, &a.name, &a.node).cmp(&(&b.gate, &b.name, &b.node)));
        let state = if self.inner.door_key().is_none() {
            ExchangeState::NeedsKey
        } else if peers.iter().any(|p| p.connected) {
            ExchangeState::Connected
        } else {
            ExchangeState::Alone
        };
        ExchangeStatus {
            state,
            listening: format!("port {}", self.inner.port()),
            discovery: self.discovery.is_some(),
            peers,
            received: self.received(),
            last_error: lock(&self.inner.last_error).clone(),
        }
    }

    /// Stops listening and drops every connection (the other doors show this one as gone).
    pub fn stop(&mut self) {
        if self.inner.stopping.swap(true, Ordering::SeqCst) {
            return;
        }
        if let Some(discovery) = self.discovery.take() {
            discovery.stop();
        }
        for peer in lock(&self.inner.peers).values() {
            if let Some(link) = &peer.link {
                link.close();
            }
        }
        self.inner.kick();
        // Wakes the accepting thread, blocked in accept(), through the address it listens on.
        let _ = TcpStream::connect_timeout(&self.inner.wake_address(), DIAL_TIMEOUT);
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}

impl Drop for Station {
    fn drop(&mut self) {
        self.stop();
    }
}

impl Inner {
    pub(crate) fn door_key(&self) -> Option<String> {
        lock(&self.door_key).clone()
    }

    pub(crate) fn port(&self) -> u16 {
        self.listening.port()
    }

    fn wake_address(&self) -> SocketAddr {
        let ip = match self.listening.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        SocketAddr::new(ip, self.listening.port())
    }

    pub(crate) fn ledger(&self) -> MutexGuard<'_, Box<dyn Ledger>> {
        lock(&self.ledger)
    }

    pub(crate) fn note_error(&self, error: &Error) {
        *lock(&self.last_error) = Some(error.to_string());
    }

    fn kick(&self) {
        let (flag, condvar) = &self.wake;
        *lock(flag) = true;
        condvar.notify_all();
    }

    /// An address to keep a connection to: found by DNS-SD, a code or an address typed, or a
    /// door that connected (`reached`: a code that let us in gives way to the key). It is
    /// tried again soon; a code not used yet is kept.
    pub(crate) fn add_dial(&self, address: SocketAddr, node: Option<String>, with: DialWith, reached: bool) {
        let mut dials = lock(&self.dials);
        let dial = dials.entry(address).or_insert_with(|| Dial {
            node: None,
            with: with.clone(),
            next_try: Instant::now(),
            wait: RETRY_FIRST,
            dialling: false,
        });
        if node.is_some() {
            dial.node = node;
        }
        if reached || !matches!(dial.with, DialWith::Code(_)) {
            dial.with = with;
        }
        dial.wait = RETRY_FIRST;
        drop(dials);
        self.kick();
    }

    /// Sends rows to every connected door but `except` (the one they came from).
    pub(crate) fn broadcast(&self, rows: Vec<Shared>, except: Option<u64>) {
        if rows.is_empty() {
            return;
        }
        let message = Message::Rows { rows };
        for peer in lock(&self.peers).values() {
            if let Some(link) = &peer.link
                && Some(link.id) != except
                && !link.is_closed()
            {
                link.send(&message);
            }
        }
    }

    /// Registers a connection to a door: of two to the same door, both sides keep the one the
    /// smaller node dialled (a reconnect from the same side replaces the old). Returns whether
    /// this one is kept.
    pub(crate) fn register(&self, node: &str, hello: &crate::message::Hello, link: &Arc<Link>) -> bool {
        let mut peers = lock(&self.peers);
        let peer = peers.entry(node.to_owned()).or_insert_with(|| Peer {
            name: String::new(),
            gate: String::new(),
            exit: false,
            checked_in: 0,
            last_heard: Instant::now(),
            link: None,
        });
        if self.stopping.load(Ordering::SeqCst) {
            return false;
        }
        // Both sides rank the two the same way: who dialled, then the dialler's number.
        if let Some(old) = peer.link.as_ref().filter(|l| !l.is_closed())
            && (old.dialled_by.as_str(), std::cmp::Reverse(old.nonce))
                < (link.dialled_by.as_str(), std::cmp::Reverse(link.nonce))
        {
            return false;
        }
        if let Some(old) = peer.link.replace(link.clone()) {
            old.close();
        }
        // A door joined: an earlier problem is no longer the news.
        *lock(&self.last_error) = None;
        peer.name.clone_from(&hello.name);
        peer.gate.clone_from(&hello.gate);
        peer.exit = hello.exit;
        peer.checked_in = hello.checked_in;
        peer.last_heard = Instant::now();
        true
    }

    /// Something came from a door: it is alive.
    pub(crate) fn heard(&self, node: &str, checked_in: Option<u64>) {
        if let Some(peer) = lock(&self.peers).get_mut(node) {
            peer.last_heard = Instant::now();
            if let Some(count) = checked_in {
                peer.checked_in = count;
            }
        }
    }

    /// A connection ended: the door shows as gone unless another connection replaced it.
    pub(crate) fn lost(&self, node: &str, link: &Arc<Link>) {
        link.close();
        if let Some(peer) = lock(&self.peers).get_mut(node)
            && peer.link.as_ref().is_some_and(|l| l.id == link.id)
        {
            peer.link = None;
        }
        self.kick();
    }
}

fn accept(inner: &Arc<Inner>, listener: &TcpListener) {
    for stream in listener.incoming() {
        if inner.stopping.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else { continue };
        let inner = inner.clone();
        thread::spawn(move || {
            if let Err(e) = connection::answer(&inner, stream) {
                connection::note_unless_ordinary(&inner, &e);
            }
        });
    }
}

/// The keeper: this door's new check-ins out, pings, silent doors dropped, dials made.
fn keep(inner: &Arc<Inner>) {
    let mut cursor = -1;
    let mut last_ping = Instant::now();
    let mut checked_in = 0;
    while !inner.stopping.load(Ordering::SeqCst) {
        match inner.ledger().own_since(&mut cursor) {
            Ok(rows) => inner.broadcast(rows, None),
            Err(e) => inner.note_error(&e.into()),
        }
        if last_ping.elapsed() >= PING_EVERY {
            last_ping = Instant::now();
            checked_in = inner.ledger().own_count().unwrap_or(checked_in);
            ping(inner, checked_in);
        }
        dial_due(inner);
        let (flag, condvar) = &inner.wake;
        let mut woken = lock(flag);
        if !*woken {
            woken = condvar.wait_timeout(woken, TICK).map(|(g, _)| g).unwrap_or_else(|e| e.into_inner().0);
        }
        *woken = false;
    }
}

fn ping(inner: &Inner, checked_in: u64) {
    let message = Message::Ping { checked_in };
    for peer in lock(&inner.peers).values() {
        let Some(link) = &peer.link else { continue };
        if peer.last_heard.elapsed() > SILENCE {
            // Its cable pulled, its laptop asleep: nothing will say so but the silence.
            link.close();
        } else {
            link.send(&message);
        }
    }
}

/// Dials every known address whose door is not connected, each on a thread of its own.
fn dial_due(inner: &Arc<Inner>) {
    if inner.stopping.load(Ordering::SeqCst) {
        return;
    }
    let connected: Vec<String> = lock(&inner.peers)
        .iter()
        .filter(|(_, p)| p.link.as_ref().is_some_and(|l| !l.is_closed()))
        .map(|(node, _)| node.clone())
        .collect();
    let now = Instant::now();
    let mut dials = lock(&inner.dials);
    for (address, dial) in dials.iter_mut() {
        let known_connected = dial.node.as_ref().is_some_and(|n| connected.contains(n));
        if dial.dialling || known_connected || now < dial.next_try {
            continue;
        }
        let (admission, psk) = match &dial.with {
            DialWith::DoorKey => match inner.door_key() {
                Some(key) => (Admission::DoorKey, Psk::for_event(&inner.door.event_id, &key)),
                None => continue,
            },
            DialWith::Code(psk) => (Admission::Pairing, psk.clone()),
        };
        dial.dialling = true;
        dial.next_try = now + dial.wait;
        dial.wait = (dial.wait * 2).min(RETRY_MAX);
        let address = *address;
        let inner = inner.clone();
        thread::spawn(move || {
            let result = TcpStream::connect_timeout(&address, DIAL_TIMEOUT)
                .map_err(Error::from)
                .and_then(|stream| Channel::connect(stream, admission, &psk))
                .and_then(|channel| connection::run(&inner, channel, address, true, admission));
            let mut dials = lock(&inner.dials);
            match result {
                // A wrong, used or expired code: dialling it again cannot help.
                Err(Error::Refused) if admission == Admission::Pairing => {
                    dials.remove(&address);
                    drop(dials);
                    inner.note_error(&Error::BadCode(
                        "the pairing code was refused: it may be mistyped, used or expired",
                    ));
                }
                result => {
                    if let Some(dial) = dials.get_mut(&address) {
                        dial.dialling = false;
                    }
                    drop(dials);
                    if let Err(e) = result {
                        connection::note_unless_ordinary(&inner, &e);
                    }
                }
            }
        });
    }
}

pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A thread that panicked holding a lock leaves plain data behind: keep going with it.
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
