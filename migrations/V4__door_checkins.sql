-- Door check-in (issue 6).
--
-- event_checkins gains what a door records beyond seed 002's columns: the ticket scanned (a
-- signed ticket may be admitted before its row reaches this replica, so no foreign key: the
-- check-in is a fact either way) and the device that scanned it (with `location` as the gate,
-- that says where; duplicate entries across doors are found by it). An exit is its own row:
-- check_out_time set, check_in_time NULL, is_present 0.
--
-- events gains the event's Ed25519 public key (base64url) that signed ticket codes verify with.
ALTER TABLE event_checkins ADD COLUMN ticket_id TEXT;
ALTER TABLE event_checkins ADD COLUMN device_id TEXT;
ALTER TABLE events ADD COLUMN ticket_public_key TEXT;

-- A ticket's check-ins in time order: the door's "is this person inside?" is one index probe.
CREATE INDEX idx_checkins_ticket ON event_checkins(ticket_id, check_in_time);

-- Check-ins are facts and a ticket's status follows from them, here as on the server
-- (private.derive_ticket_checkin): the earliest entry wins; cancelled and refunded tickets are
-- left as they are. The ticket is the check-in's ticket_id, else the scanned code's, else the
-- attendee's, always within the check-in's event. Only entries to the event count (not exits,
-- not session check-ins). Not an edit: nothing goes to the outbox (the server derives its own).
CREATE TRIGGER event_checkins_derive_ticket AFTER INSERT ON event_checkins
WHEN NEW.check_in_time IS NOT NULL AND NEW.session_id IS NULL
BEGIN
  UPDATE tickets SET status = 'used',
                     checked_in_at = CASE WHEN checked_in_at IS NULL OR checked_in_at > NEW.check_in_time
                                          THEN NEW.check_in_time ELSE checked_in_at END
  WHERE id = coalesce(
          NEW.ticket_id,
          (SELECT t.id FROM tickets t WHERE t.qr_code = NEW.qr_code_scanned),
          (SELECT t.id FROM tickets t WHERE t.event_id = NEW.event_id AND t.attendee_id = NEW.attendee_id
           ORDER BY t.created_at, t.id LIMIT 1))
    AND event_id = NEW.event_id
    AND (status = 'active' OR (status = 'used' AND (checked_in_at IS NULL OR checked_in_at > NEW.check_in_time)));
END;
