//! One connection between two doors, from the handshake to its end: hellos, what each lacks
//! sent both ways, then check-ins as they happen until the connection drops.

use std::collections::HashSet;
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::sync::atomic::Ordering;

use crate::message::{Hello, Message, PROTOCOL};
use crate::peer::Link;
use crate::secret::Psk;
use crate::station::{DialWith, Inner, lock};
use crate::wire::{Admission, Channel, HANDSHAKE_TIMEOUT};
use crate::{Error, Result, Shared};

/// Rows per message when a door catches up: a few hundred KB, so pings still get through.
const ROWS_PER_MESSAGE: usize = 500;

/// A door dialled this one: the secret it says it uses, the handshake, then the connection.
pub(crate) fn answer(inner: &Arc<Inner>, mut stream: TcpStream) -> Result<()> {
    let remote = stream.peer_addr()?;
    let admission = Channel::admission(&mut stream)?;
    let psk = match admission {
        Admission::DoorKey => Psk::for_event(&inner.door.event_id, &inner.door_key().ok_or(Error::Refused)?),
        Admission::Pairing => {
            let shown = lock(&inner.shown);
            shown.as_ref().filter(|s| s.valid()).map(|s| s.code.psk()).ok_or(Error::Refused)?
        }
    };
    let channel = Channel::accept(stream, &psk)?;
    if admission == Admission::Pairing {
        // A code lets one door in, once (a newer code shown meanwhile stays).
        let mut shown = lock(&inner.shown);
        if shown.as_ref().is_some_and(|s| s.code.psk() == psk) {
            *shown = None;
        }
    }
    run(inner, channel, remote, false, admission)
}

/// A connection after its handshake, until it ends.
pub(crate) fn run(
    inner: &Arc<Inner>,
    channel: Channel,
    remote: SocketAddr,
    dialled: bool,
    admission: Admission,
) -> Result<()> {
    let channel = Arc::new(channel);
    let me = &inner.door;
    let mut hello = Hello {
        protocol: PROTOCOL,
        event_id: me.event_id.clone(),
        node: me.node.clone(),
        name: me.name.clone(),
        gate: me.gate.clone(),
        exit: me.exit,
        port: inner.port(),
        checked_in: inner.ledger().own_count()?,
        nonce: if dialled { random_nonce()? } else { 0 },
        door_key: None,
    };
    channel.set_read_timeout(Some(HANDSHAKE_TIMEOUT))?;
    // The dialler speaks first; the answering door replies once it knows the event matches, and
    // only then hands a door let in by a code the key (to join the event's other doors too).
    if dialled {
        channel.send(&Message::Hello(hello.clone()).encode())?;
    }
    let theirs = match Message::decode(&channel.receive()?) {
        Some(Message::Hello(theirs)) if theirs.protocol == PROTOCOL => theirs,
        Some(Message::Hello(_)) => return Err(Error::Protocol("another version of the exchange")),
        _ => return Err(Error::Protocol("no hello")),
    };
    if theirs.event_id != me.event_id {
        channel.close();
        return Err(Error::OtherEvent(theirs.event_id));
    }
    let nonce = if dialled { hello.nonce } else { theirs.nonce };
    if !dialled {
        if admission == Admission::Pairing {
            hello.door_key = inner.door_key();
        }
        hello.nonce = nonce;
        channel.send(&Message::Hello(hello).encode())?;
    }
    channel.set_read_timeout(None)?;
    if theirs.node == me.node {
        // Our own announcement, dialled back.
        channel.close();
        return Ok(());
    }
    // A door let in by a code takes the key of the door that showed it: from then on it is
    // one of that exchange's doors (a key it made itself, alone, is dropped).
    if let Some(key) = theirs.door_key.clone().filter(|k| !k.is_empty())
        && dialled
        && admission == Admission::Pairing
    {
        *lock(&inner.door_key) = Some(key);
    }
    let link = Link::start(channel, if dialled { me.node.clone() } else { theirs.node.clone() }, nonce);
    remember(inner, remote, &theirs, dialled);
    let held = match inner.ledger().ids() {
        Ok(ids) => ids,
        Err(e) => {
            link.close();
            return Err(e.into());
        }
    };
    if !inner.register(&theirs.node, &theirs, &link) {
        link.close();
        return Ok(());
    }
    link.send(&Message::Have { ids: held });
    let ended = serve(inner, &theirs.node, &link);
    inner.lost(&theirs.node, &link);
    ended
}

/// Where to reach this door again after a gap: its address and announced port, by key.
fn remember(inner: &Inner, remote: SocketAddr, theirs: &Hello, dialled: bool) {
    let address = if dialled { remote } else { SocketAddr::new(remote.ip(), theirs.port) };
    inner.add_dial(address, Some(theirs.node.clone()), DialWith::DoorKey, true);
}

/// Messages from one door until the connection ends.
fn serve(inner: &Arc<Inner>, node: &str, link: &Arc<Link>) -> Result<()> {
    while !inner.stopping.load(Ordering::SeqCst) {
        let message = link.receive()?;
        // Anything that comes is a sign of life, and so is the work it asks for below: a long
        // catch-up must not make this door look silent to the keeper.
        inner.heard(node, None);
        match message {
            Message::Have { ids } => {
                let theirs: HashSet<String> = ids.into_iter().collect();
                let missing: Vec<String> =
                    inner.ledger().ids()?.into_iter().filter(|id| !theirs.contains(id)).collect();
                for ids in missing.chunks(ROWS_PER_MESSAGE) {
                    let rows = inner.ledger().rows(ids)?;
                    link.send(&Message::Rows { rows });
                    inner.heard(node, None);
                }
            }
            Message::Rows { rows } => {
                let new = take_in(inner, &rows)?;
                inner.heard(node, None);
                inner.broadcast(new, Some(link.id));
            }
            Message::Ping { checked_in } => inner.heard(node, Some(checked_in)),
            Message::Hello(_) => return Err(Error::Protocol("a second hello")),
        }
    }
    Ok(())
}

fn random_nonce() -> Result<u64> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(|e| Error::Random(e.to_string()))?;
    Ok(u64::from_le_bytes(bytes))
}

/// Rows another door sent, kept here; the ones that were new go on to the other doors.
fn take_in(inner: &Inner, rows: &[Shared]) -> Result<Vec<Shared>> {
    let new: HashSet<String> = inner.ledger().take_in(rows)?.into_iter().collect();
    inner.received.fetch_add(new.len() as u64, Ordering::Relaxed);
    Ok(rows.iter().filter(|r| new.contains(&r.id)).cloned().collect())
}

/// A door that went away, or a station of another event knocking, is ordinary; the rest is
/// worth showing.
pub(crate) fn note_unless_ordinary(inner: &Inner, error: &Error) {
    let ordinary = match error {
        Error::Io(_) | Error::Closed | Error::Refused | Error::OtherEvent(_) | Error::NotADoor => true,
        _ => inner.stopping.load(Ordering::SeqCst),
    };
    if !ordinary {
        inner.note_error(error);
    }
}
