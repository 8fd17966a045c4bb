//! A network cable between the app and the emulator that a test can pull out and plug back
//! in: a TCP forwarder on a fixed port. Unplugged, it refuses connections and cuts the open
//! ones (as a server going away does), so the app sees "offline" at once, not after a timeout.
//!
//! Unplugged, nothing listens on the port: the app's offline probe (a TCP connect) must fail
//! too, so the port cannot be kept by a listener that resets what it accepts. Plugging back in
//! binds the same port again; so that nobody else takes it meanwhile, the port is chosen below
//! the kernel's ephemeral range (where port-0 binds and outgoing connections take theirs), away
//! from other cables of this process, and the bind is retried for a while before giving up
//! with a message that says what happened.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long plugging back in waits for the port to be free again.
const REBIND_DEADLINE: Duration = Duration::from_secs(30);

/// Ports held by this process's cables, plugged in or not.
static CLAIMED: Mutex<BTreeSet<u16>> = Mutex::new(BTreeSet::new());

pub struct Cable {
    port: u16,
    upstream: String,
    /// The listener bound when the cable was made, for the first plug_in.
    bound: Option<TcpListener>,
    plugged: Option<(Arc<AtomicBool>, JoinHandle<()>)>,
    open: Arc<Mutex<Vec<TcpStream>>>,
}

/// The first port of the kernel's ephemeral range (Linux; 32768 elsewhere or if unreadable).
fn ephemeral_start() -> u16 {
    std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|range| range.split_whitespace().next()?.parse().ok())
        .unwrap_or(32_768)
}

/// A listener on a port below the ephemeral range that no other cable of this process holds,
/// claimed for this cable; a port-0 one if none is free there.
fn claim_port() -> (u16, TcpListener) {
    const LOW: u16 = 10_000;
    let high = ephemeral_start().max(LOW + 1000);
    let span = u64::from(high - LOW);
    // Spread processes over the range, so that two test processes seldom try the same ports.
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let seed = u64::from(std::process::id()).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ u64::from(nanos);
    let mut claimed = CLAIMED.lock().unwrap_or_else(PoisonError::into_inner);
    for i in 0..span.min(2000) {
        let port = LOW + u16::try_from((seed.wrapping_add(i)) % span).unwrap_or(0);
        if claimed.contains(&port) {
            continue;
        }
        if let Ok(listener) = TcpListener::bind(("127.0.0.1", port)) {
            claimed.insert(port);
            return (port, listener);
        }
    }
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port for the cable");
    let port = listener.local_addr().expect("the cable's address").port();
    claimed.insert(port);
    (port, listener)
}

impl Cable {
    /// A cable to `upstream` (`http://host:port`), plugged in.
    pub fn new(upstream: &str) -> Cable {
        let upstream = upstream.trim_start_matches("http://").trim_end_matches('/').to_owned();
        let (port, listener) = claim_port();
        let mut cable = Cable { port, upstream, bound: Some(listener), plugged: None, open: Arc::default() };
        cable.plug_in();
        cable
    }

    /// The URL to give the app instead of the emulator's.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn plug_in(&mut self) {
        if self.plugged.is_some() {
            return;
        }
        let listener = match self.bound.take() {
            Some(listener) => listener,
            None => self.bind_again(),
        };
        let stop = Arc::new(AtomicBool::new(false));
        let (upstream, open, flag) = (self.upstream.clone(), Arc::clone(&self.open), Arc::clone(&stop));
        let thread = std::thread::spawn(move || {
            for client in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                let (Ok(client), Ok(server)) = (client, TcpStream::connect(&upstream)) else { continue };
                let mut open = open.lock().unwrap_or_else(PoisonError::into_inner);
                for stream in [&client, &server] {
                    if let Ok(clone) = stream.try_clone() {
                        open.push(clone);
                    }
                }
                forward(&client, &server);
                forward(&server, &client);
            }
        });
        self.plugged = Some((stop, thread));
    }

    /// Binds the cable's port again, retrying while something else holds it.
    fn bind_again(&self) -> TcpListener {
        let deadline = Instant::now() + REBIND_DEADLINE;
        loop {
            match TcpListener::bind(("127.0.0.1", self.port)) {
                Ok(listener) => return listener,
                Err(e) if Instant::now() >= deadline => panic!(
                    "the cable cannot be plugged back in: port {} was taken while it was unplugged, and is still \
                     taken after {REBIND_DEADLINE:?} ({e}); another program bound it",
                    self.port
                ),
                // Polled: nothing tells when another socket lets go of the port.
                Err(_) => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    }

    pub fn unplug(&mut self) {
        let Some((stop, thread)) = self.plugged.take() else { return };
        stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag and drops the listener.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        let _ = thread.join();
        for stream in self.open.lock().unwrap_or_else(PoisonError::into_inner).drain(..) {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }
}

impl Drop for Cable {
    fn drop(&mut self) {
        self.unplug();
        self.bound = None;
        CLAIMED.lock().unwrap_or_else(PoisonError::into_inner).remove(&self.port);
    }
}

fn forward(from: &TcpStream, to: &TcpStream) {
    let (Ok(mut from), Ok(mut to)) = (from.try_clone(), to.try_clone()) else { return };
    std::thread::spawn(move || {
        let mut buf = [0u8; 16 * 1024];
        while let Ok(n) = from.read(&mut buf) {
            if n == 0 || to.write_all(&buf[..n]).is_err() {
                break;
            }
        }
        let _ = to.shutdown(Shutdown::Write);
    });
}
