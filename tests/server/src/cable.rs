//! A network cable between the app and the emulator that a test can pull out and plug back
//! in: a TCP forwarder on a fixed port. Unplugged, it refuses connections and cuts the open
//! ones (as a server going away does), so the app sees "offline" at once, not after a timeout.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

pub struct Cable {
    port: u16,
    upstream: String,
    plugged: Option<(Arc<AtomicBool>, JoinHandle<()>)>,
    open: Arc<Mutex<Vec<TcpStream>>>,
}

impl Cable {
    /// A cable to `upstream` (`http://host:port`), plugged in.
    pub fn new(upstream: &str) -> Cable {
        let upstream = upstream.trim_start_matches("http://").trim_end_matches('/').to_owned();
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).unwrap_or(0);
        let mut cable = Cable { port, upstream, plugged: None, open: Arc::default() };
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
        let listener = TcpListener::bind(("127.0.0.1", self.port)).expect("the cable's port is free again");
        let stop = Arc::new(AtomicBool::new(false));
        let (upstream, open, flag) = (self.upstream.clone(), Arc::clone(&self.open), Arc::clone(&stop));
        let thread = std::thread::spawn(move || {
            for client in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                let (Ok(client), Ok(server)) = (client, TcpStream::connect(&upstream)) else { continue };
                let mut open = open.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
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

    pub fn unplug(&mut self) {
        let Some((stop, thread)) = self.plugged.take() else { return };
        stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag and drops the listener.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        let _ = thread.join();
        for stream in self.open.lock().unwrap_or_else(std::sync::PoisonError::into_inner).drain(..) {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }
}

impl Drop for Cable {
    fn drop(&mut self) {
        self.unplug();
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
