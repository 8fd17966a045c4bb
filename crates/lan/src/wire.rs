//! One encrypted connection between two door stations: a Noise `NNpsk0` handshake over TCP,
//! then messages of any size, each split into Noise frames.
//!
//! `NNpsk0` because the doors of an event share one secret (the event's door key, or a pairing
//! code) and have no long-term identities: the pre-shared key is mixed in before the first
//! message, so a station without it fails at once (a door of another event is ignored), and the
//! ephemeral keys give each connection its own keys (what is recorded today cannot be read with
//! the door key learnt tomorrow).

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::sync::Mutex;
use std::time::Duration;

use snow::{Builder, TransportState};

use crate::secret::Psk;
use crate::{Error, Result};

const PATTERN: &str = "Noise_NNpsk0_25519_ChaChaPoly_BLAKE2s";
/// What a connecting station says first, in clear: the protocol and which secret it uses.
const MAGIC: &[u8; 8] = b"EOSDOOR1";
/// Noise's own limit for one message, and the tag each frame carries.
const MAX_FRAME: usize = 65535;
const TAG: usize = 16;
/// Plaintext per frame: one byte says whether more frames follow.
const CHUNK: usize = MAX_FRAME - TAG - 1;
/// A message larger than this is refused (a bug or a hostile peer, never real check-ins: a
/// whole 100k event's ids are ~4 MB).
const MAX_MESSAGE: usize = 64 << 20;
/// How long a handshake may take before the connection is dropped.
pub(crate) const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(5);

/// Which secret a connection is made with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// The event's door key: any door of the event.
    DoorKey,
    /// A pairing code shown on the listening door.
    Pairing,
}

impl Admission {
    fn byte(self) -> u8 {
        match self {
            Admission::DoorKey => b'K',
            Admission::Pairing => b'P',
        }
    }
}

/// The session's keys, and the socket three times: the writer behind a lock (frames of two
/// messages never mix), the reader, and a handle to end it with that never waits for either (a
/// write to a door whose cable was pulled may block for seconds).
pub(crate) struct Channel {
    noise: Mutex<TransportState>,
    writer: Mutex<TcpStream>,
    reader: Mutex<TcpStream>,
    control: TcpStream,
}

impl Channel {
    /// Dials side: says which secret, then the handshake's first message.
    pub(crate) fn connect(mut stream: TcpStream, admission: Admission, psk: &Psk) -> Result<Channel> {
        handshaking(&stream)?;
        let mut preamble = MAGIC.to_vec();
        preamble.push(admission.byte());
        stream.write_all(&preamble)?;
        let mut noise = Builder::new(params()?).psk(0, psk.bytes())?.build_initiator()?;
        let mut buf = vec![0u8; MAX_FRAME];
        let len = noise.write_message(&[], &mut buf)?;
        write_frame(&mut stream, &buf[..len])?;
        // A door that does not take our secret hangs up instead of answering.
        let reply = read_frame(&mut stream).map_err(|e| match e {
            Error::Io(io) if matches!(io.kind(), ErrorKind::UnexpectedEof | ErrorKind::ConnectionReset) => {
                Error::Refused
            }
            other => other,
        })?;
        noise.read_message(&reply, &mut buf).map_err(|_| Error::Refused)?;
        Channel::ready(stream, noise.into_transport_mode()?)
    }

    /// Listening side: which secret the dialler uses (the caller picks the key for it).
    pub(crate) fn admission(stream: &mut TcpStream) -> Result<Admission> {
        handshaking(stream)?;
        let mut preamble = [0u8; 9];
        stream.read_exact(&mut preamble)?;
        if &preamble[..8] != MAGIC {
            return Err(Error::NotADoor);
        }
        match preamble[8] {
            b'K' => Ok(Admission::DoorKey),
            b'P' => Ok(Admission::Pairing),
            _ => Err(Error::NotADoor),
        }
    }

    /// Listening side, after [`Channel::admission`]: a wrong key fails on the first message.
    pub(crate) fn accept(mut stream: TcpStream, psk: &Psk) -> Result<Channel> {
        let mut noise = Builder::new(params()?).psk(0, psk.bytes())?.build_responder()?;
        let mut buf = vec![0u8; MAX_FRAME];
        let first = read_frame(&mut stream)?;
        noise.read_message(&first, &mut buf).map_err(|_| Error::Refused)?;
        let len = noise.write_message(&[], &mut buf)?;
        write_frame(&mut stream, &buf[..len])?;
        Channel::ready(stream, noise.into_transport_mode()?)
    }

    fn ready(stream: TcpStream, noise: TransportState) -> Result<Channel> {
        // Reads block until a message or the peer goes (a silent peer is dropped by the
        // station's heartbeat, which closes the socket); a write to a peer that stopped reading
        // gives up after a while instead of holding its sender for ever.
        stream.set_read_timeout(None)?;
        stream.set_write_timeout(Some(Duration::from_secs(10)))?;
        let reader = stream.try_clone()?;
        let control = stream.try_clone()?;
        Ok(Channel { noise: Mutex::new(noise), writer: Mutex::new(stream), reader: Mutex::new(reader), control })
    }

    /// Sends one message, encrypted, in as many frames as it takes.
    pub(crate) fn send(&self, message: &[u8]) -> Result<()> {
        let mut writer = self.writer.lock().map_err(|_| Error::Closed)?;
        let mut frame = vec![0u8; MAX_FRAME];
        let mut chunks = message.chunks(CHUNK).peekable();
        let mut plain = Vec::with_capacity(CHUNK + 1);
        while let Some(chunk) = chunks.next() {
            plain.clear();
            plain.push(u8::from(chunks.peek().is_some()));
            plain.extend_from_slice(chunk);
            let len = self.noise.lock().map_err(|_| Error::Closed)?.write_message(&plain, &mut frame)?;
            write_frame(&mut writer, &frame[..len])?;
        }
        Ok(())
    }

    /// The next whole message; an error when the peer goes or sends what it should not.
    pub(crate) fn receive(&self) -> Result<Vec<u8>> {
        let mut reader = self.reader.lock().map_err(|_| Error::Closed)?;
        let mut message = Vec::new();
        let mut plain = vec![0u8; MAX_FRAME];
        loop {
            let frame = read_frame(&mut reader)?;
            let len = self.noise.lock().map_err(|_| Error::Closed)?.read_message(&frame, &mut plain)?;
            let (&more, data) = plain[..len].split_first().ok_or(Error::Protocol("an empty frame"))?;
            message.extend_from_slice(data);
            if message.len() > MAX_MESSAGE {
                return Err(Error::Protocol("a message over 64 MiB"));
            }
            if more == 0 {
                return Ok(message);
            }
        }
    }

    /// How long [`Channel::receive`] waits (`None`: for ever); the first message has a limit.
    pub(crate) fn set_read_timeout(&self, timeout: Option<Duration>) -> Result<()> {
        Ok(self.control.set_read_timeout(timeout)?)
    }

    /// Ends the connection both ways: a blocked read or write returns at once.
    pub(crate) fn close(&self) {
        let _ = self.control.shutdown(std::net::Shutdown::Both);
    }
}

/// A handshake that stalls is given up; small frames go out at once.
fn handshaking(stream: &TcpStream) -> Result<()> {
    stream.set_read_timeout(Some(HANDSHAKE_TIMEOUT))?;
    stream.set_write_timeout(Some(HANDSHAKE_TIMEOUT))?;
    stream.set_nodelay(true)?;
    Ok(())
}

fn params() -> Result<snow::params::NoiseParams> {
    Ok(PATTERN.parse()?)
}

fn write_frame(stream: &mut TcpStream, frame: &[u8]) -> Result<()> {
    let len = u16::try_from(frame.len()).map_err(|_| Error::Protocol("a frame over 64 KiB"))?;
    let mut out = Vec::with_capacity(frame.len() + 2);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(frame);
    stream.write_all(&out)?;
    Ok(())
}

fn read_frame(stream: &mut TcpStream) -> Result<Vec<u8>> {
    let mut len = [0u8; 2];
    stream.read_exact(&mut len)?;
    let mut frame = vec![0u8; usize::from(u16::from_be_bytes(len))];
    stream.read_exact(&mut frame)?;
    Ok(frame)
}
