-- Events' door keys (issue 16): the secret an event's door stations join their local exchange
-- with (crates/lan, crates/app/src/door/exchange.rs). A table of its own, synced from the server,
-- which makes one per event and gives it only to the event's door staff and the account's
-- organizers; this computer never writes it but in the demo. The server's
-- 20261207000300_event_door_keys.sql has the same table.
CREATE TABLE event_door_keys (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id TEXT NOT NULL UNIQUE REFERENCES events(id) ON DELETE CASCADE,
  door_key TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;
CREATE INDEX idx_event_door_keys_account ON event_door_keys(account_id);
