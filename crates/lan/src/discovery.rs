//! DNS-SD on the local network (mdns-sd: pure Rust, its own thread): this door announces
//! itself as `_eventos-door._tcp` and hears the others. The announcement names neither the
//! event nor the gate — only a tag derived from the event's id, so doors of one event find each
//! other and a passer-by learns nothing but that a door is there.

use std::net::SocketAddr;
use std::thread;

use mdns_sd::{ServiceDaemon, ServiceEvent, ServiceInfo};
use sha2::{Digest, Sha256};

use crate::station::DoorInfo;
use crate::{Error, Result};

pub const SERVICE: &str = "_eventos-door._tcp.local.";

pub(crate) struct Discovery {
    daemon: ServiceDaemon,
}

impl Discovery {
    /// Announces this door and calls `found` with the address and node of each door of the
    /// same event heard (again after it reappears).
    pub(crate) fn start(
        door: &DoorInfo,
        port: u16,
        found: impl Fn(SocketAddr, String) + Send + 'static,
    ) -> Result<Discovery> {
        let daemon = ServiceDaemon::new().map_err(discovery)?;
        let tag = event_tag(&door.event_id);
        let host = format!("eventos-{}.local.", short(&door.node));
        let properties = [("ev", tag.as_str()), ("node", door.node.as_str())];
        let info = ServiceInfo::new(SERVICE, &format!("door-{}", short(&door.node)), &host, "", port, &properties[..])
            .map_err(discovery)?
            .enable_addr_auto();
        daemon.register(info).map_err(discovery)?;
        let events = daemon.browse(SERVICE).map_err(discovery)?;
        let me = door.node.clone();
        thread::spawn(move || {
            // Ends when the daemon shuts down and the channel closes.
            while let Ok(event) = events.recv() {
                let ServiceEvent::ServiceResolved(service) = event else { continue };
                let same_event = service.get_property_val_str("ev") == Some(tag.as_str());
                let Some(node) = service.get_property_val_str("node").map(str::to_owned) else { continue };
                if !same_event || node == me {
                    continue;
                }
                for ip in service.get_addresses_v4() {
                    found(SocketAddr::new(ip.into(), service.get_port()), node.clone());
                }
            }
        });
        Ok(Discovery { daemon })
    }

    pub(crate) fn stop(self) {
        let _ = self.daemon.shutdown();
    }
}

/// What the announcement carries instead of the event's id.
fn event_tag(event_id: &str) -> String {
    let hash = Sha256::digest(format!("eventos door tag v1:{event_id}").as_bytes());
    hash.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

fn short(node: &str) -> String {
    node.chars().filter(char::is_ascii_alphanumeric).take(12).collect()
}

fn discovery(e: mdns_sd::Error) -> Error {
    Error::Discovery(e.to_string())
}
