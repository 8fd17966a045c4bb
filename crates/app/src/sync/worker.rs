//! The background sync: one thread per connected workspace, with its own connection to the
//! replica (WAL lets the UI read and write meanwhile), waking when [`Schedule`] says so or when
//! told (an edit, "Sync now", a sign-in, stop). The UI only ever reads a snapshot ([`Live`]),
//! so nothing it does waits for the network.

use std::net::{TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use eventos_store::Store;
use eventos_supabase::Client;
use eventos_sync::schedule::{Next, Schedule, Timing};
use eventos_sync::{Progress, RemoteError, SyncError};

use super::secrets::Secrets;
use crate::{AppError, ErrorCode, lock};

/// What the worker is doing, as the status badge shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    /// Started, nothing tried yet.
    Starting,
    Syncing,
    /// The last sync worked.
    Synced,
    /// The server could not be reached; probing until it can.
    Offline,
    /// The server answered with an error; backing off.
    Failed,
    /// No usable session: waiting for a sign-in.
    SignedOut,
}

/// The snapshot the UI reads.
pub(crate) struct Live {
    pub(crate) phase: Phase,
    pub(crate) error: Option<AppError>,
    /// Bootstrap progress: scope, rows done, rows in all.
    pub(crate) progress: Option<(String, u64, u64)>,
    /// The number of the latest sync asked for ("Sync now", a sign-in, a change of scopes).
    pub(crate) requested: u64,
    /// The latest request answered: an attempt that started after it has ended (synced, or
    /// found the server unreachable, refused or signed out). While it is below `requested`,
    /// "Synced" would be stale: the status says Syncing, and whoever asked waits for this.
    pub(crate) answered: u64,
    schedule: Schedule,
    stop: bool,
}

pub(crate) struct Shared {
    live: Mutex<Live>,
    wake: Condvar,
    /// The one client (and so the one refresh token in use): the worker and the facade's own
    /// server calls take turns, so a rotation is never raced.
    pub(crate) client: Mutex<Option<Client>>,
    pub(crate) secrets: Arc<Secrets>,
    /// Bumped by each sign-in before its session is kept: a sync that started with an older
    /// session and found it refused must not forget the new one.
    session: AtomicU64,
    url: String,
}

/// The running worker; stopping it (or dropping it) ends the thread.
pub(crate) struct Worker {
    pub(crate) shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    pub(crate) fn start(db: PathBuf, url: String, client: Option<Client>, secrets: Arc<Secrets>) -> Worker {
        let now = Instant::now();
        let mut schedule = Schedule::new(timing(), now);
        // A worker started with a session syncs at once: that is request 1.
        let requested = u64::from(client.is_some());
        let phase = if client.is_some() {
            Phase::Starting
        } else {
            schedule.signed_out();
            Phase::SignedOut
        };
        let shared = Arc::new(Shared {
            live: Mutex::new(Live {
                phase,
                error: None,
                progress: None,
                requested,
                answered: 0,
                schedule,
                stop: false,
            }),
            wake: Condvar::new(),
            client: Mutex::new(client),
            secrets,
            session: AtomicU64::new(0),
            url,
        });
        let for_thread = Arc::clone(&shared);
        let thread = std::thread::Builder::new().name("eventos-sync".into()).spawn(move || run(&for_thread, &db)).ok();
        Worker { shared, thread }
    }

    pub(crate) fn live(&self) -> MutexGuard<'_, Live> {
        self.shared.live()
    }

    /// A local edit was made: sync once edits pause.
    pub(crate) fn edited(&self) {
        self.shared.edited();
    }

    /// Asks for a sync at once; returns the request's number, which the status's `answered`
    /// reaches once a sync that started after it has ended.
    pub(crate) fn sync_now(&self) -> u64 {
        let mut live = self.shared.live();
        live.requested += 1;
        live.schedule.sync_now(Instant::now());
        self.shared.wake.notify_all();
        live.requested
    }

    /// A sign-in is about to keep a new session: a sync still running with the old one must
    /// leave the new one alone if the server refuses the old.
    pub(crate) fn new_session_coming(&self) {
        self.shared.session.fetch_add(1, Ordering::SeqCst);
    }

    /// A new session (after signing in): use it and sync at once.
    pub(crate) fn signed_in(&self, client: Client) {
        self.new_session_coming();
        super::drop_off_runtime(lock(&self.shared.client).replace(client));
        let mut live = self.shared.live();
        live.phase = Phase::Starting;
        live.error = None;
        live.requested += 1;
        live.schedule.sync_now(Instant::now());
        self.shared.wake.notify_all();
    }

    pub(crate) fn signed_out(&self) {
        super::drop_off_runtime(lock(&self.shared.client).take());
        let mut live = self.shared.live();
        live.phase = Phase::SignedOut;
        live.error = None;
        // Nothing runs until a sign-in: every request so far has its answer (signed out).
        live.answered = live.requested;
        live.schedule.signed_out();
        self.shared.wake.notify_all();
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.shared.live().stop = true;
        self.shared.wake.notify_all();
        if let Some(thread) = self.thread.take() {
            // A sync in flight ends at its next step; every step is its own transaction.
            let _ = thread.join();
        }
        super::drop_off_runtime(lock(&self.shared.client).take());
    }
}

impl Shared {
    /// Holds syncing off (a sync in flight finishes first) while the guard lives; the client
    /// is the one the worker uses, for the facade's own calls to the server.
    pub(crate) fn pause(&self) -> MutexGuard<'_, Option<Client>> {
        lock(&self.client)
    }

    fn live(&self) -> MutexGuard<'_, Live> {
        lock(&self.live)
    }

    /// A local edit was made (also from threads other than the facade's: the door's scanner).
    pub(crate) fn edited(&self) {
        self.tell(|s| s.edited(Instant::now()));
    }

    fn tell(&self, f: impl FnOnce(&mut Schedule)) {
        f(&mut self.live().schedule);
        self.wake.notify_all();
    }
}

/// The schedule's timing; `EVENTOS_SYNC_INTERVAL_SECS` shortens the periodic sync (tests).
fn timing() -> Timing {
    let mut timing = Timing::default();
    if let Some(secs) = std::env::var("EVENTOS_SYNC_INTERVAL_SECS").ok().and_then(|s| s.parse().ok()) {
        timing.interval = Duration::from_secs(secs);
    }
    timing
}

enum Action {
    Sync,
    Probe,
}

fn run(shared: &Shared, db: &std::path::Path) {
    let mut store = match Store::open(db) {
        Ok(store) => store,
        Err(e) => {
            let mut live = shared.live();
            live.phase = Phase::Failed;
            live.error = Some(e.into());
            return;
        }
    };
    while let Some((action, request, started)) = wait_for_work(shared) {
        match action {
            Action::Probe => {
                let up = reachable(&shared.url);
                let now = Instant::now();
                let mut live = shared.live();
                if up {
                    // The sync that follows at once answers the request.
                    live.schedule.reachable(now);
                } else {
                    live.schedule.unreachable(now);
                    live.answered = live.answered.max(request);
                }
            }
            Action::Sync => sync_once(shared, &mut store, request, started),
        }
    }
}

/// Sleeps until the schedule's next step is due (or the worker is stopped: `None`); with the
/// step comes the latest request it answers (taken under the same lock, so a request made
/// after this moment waits for the next step).
fn wait_for_work(shared: &Shared) -> Option<(Action, u64, Instant)> {
    let mut live = shared.live();
    loop {
        if live.stop {
            return None;
        }
        let (at, action) = match live.schedule.next() {
            Next::Idle => {
                live = shared.wake.wait(live).unwrap_or_else(std::sync::PoisonError::into_inner);
                continue;
            }
            Next::Sync(at) => (at, Action::Sync),
            Next::Probe(at) => (at, Action::Probe),
        };
        let now = Instant::now();
        if at <= now {
            if let Action::Sync = action {
                live.phase = Phase::Syncing;
            }
            return Some((action, live.requested, now));
        }
        live = shared.wake.wait_timeout(live, at - now).unwrap_or_else(std::sync::PoisonError::into_inner).0;
    }
}

fn sync_once(shared: &Shared, store: &mut Store, request: u64, started: Instant) {
    let session = shared.session.load(Ordering::SeqCst);
    let result = {
        let mut client = lock(&shared.client);
        match client.as_mut() {
            None => Err(SyncError::Remote(RemoteError::Unauthorized("not signed in".into()))),
            Some(client) => eventos_sync::sync(store, client, &mut |p| {
                if let Progress::Bootstrapping { scope, done, total } = p {
                    shared.live().progress = Some((scope, done, total));
                }
            }),
        }
    };
    // A sign-in came while this sync ran: the session it refused is not the one kept now.
    let replaced = || shared.session.load(Ordering::SeqCst) != session;
    if let Err(SyncError::Remote(RemoteError::Unauthorized(_))) = &result {
        // The refresh token is spent or revoked: forget it (before taking the snapshot's lock,
        // as every other holder of both locks does), and wait for a sign-in.
        let mut client = lock(&shared.client);
        if !replaced() {
            *client = None;
            let _ = shared.secrets.clear();
        }
    }
    let now = Instant::now();
    let mut live = shared.live();
    live.progress = None;
    live.answered = live.answered.max(request);
    if live.phase == Phase::SignedOut {
        // Signed out while this sync ran (sign_out waits for it to let go of the client): that
        // stands, whatever the sync's outcome.
        return;
    }
    match result {
        Ok(_) => {
            live.phase = Phase::Synced;
            live.error = None;
            live.schedule.succeeded(started, now);
        }
        Err(SyncError::Remote(RemoteError::Unreachable(why))) => {
            live.phase = Phase::Offline;
            live.error = Some(AppError::new(ErrorCode::Unreachable, format!("the server cannot be reached: {why}")));
            live.schedule.unreachable(now);
        }
        // The new session syncs next (its request is still open).
        Err(SyncError::Remote(RemoteError::Unauthorized(_))) if replaced() => {}
        Err(SyncError::Remote(RemoteError::Unauthorized(why))) => {
            live.phase = Phase::SignedOut;
            live.error = Some(AppError::new(ErrorCode::SessionEnded, format!("sign in again to sync: {why}")));
            live.answered = live.requested;
            live.schedule.signed_out();
        }
        Err(e) => {
            live.phase = Phase::Failed;
            live.error = Some(super::sync_error(e));
            live.schedule.failed(now, jitter());
        }
    }
    // A request made while this sync ran is answered by the next one, at once: the schedule's
    // new due time (interval, backoff, probe) must not swallow it.
    if live.requested > live.answered && live.phase != Phase::SignedOut {
        live.schedule.sync_now(now);
    }
}

/// Whether anything answers at the project's host and port (a TCP handshake; cheap enough to
/// try every few seconds while offline).
fn reachable(url: &str) -> bool {
    let (https, rest) = match url.split_once("://") {
        Some((scheme, rest)) => (scheme == "https", rest),
        None => (true, url),
    };
    let authority = rest.split('/').next().unwrap_or_default();
    let address = if authority.rsplit_once(':').is_some_and(|(_, port)| port.parse::<u16>().is_ok()) {
        authority.to_owned()
    } else {
        format!("{authority}:{}", if https { 443 } else { 80 })
    };
    let Ok(addresses) = address.to_socket_addrs() else { return false };
    addresses.into_iter().any(|a| TcpStream::connect_timeout(&a, Duration::from_secs(2)).is_ok())
}

/// A random fraction in [0, 1) for the backoff's jitter.
fn jitter() -> f64 {
    let mut bytes = [0u8; 4];
    let _ = getrandom::fill(&mut bytes);
    f64::from(u32::from_le_bytes(bytes)) / (f64::from(u32::MAX) + 1.0)
}
