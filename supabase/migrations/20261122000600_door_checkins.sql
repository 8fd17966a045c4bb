-- Door check-in (issue 6): the columns the desktop replica's migration V4 adds, and the ticket
-- derivation extended to them.
--
-- event_checkins.ticket_id: the ticket scanned. No foreign key: a door may admit a signed ticket
-- before the laptop that sold it has synced, and the check-in is a fact either way; the ticket
-- takes its status from it when it arrives (tickets_derive_from_checkins below).
-- event_checkins.device_id: the device that scanned (with location, the gate).
-- events.ticket_public_key: the Ed25519 key (base64url) signed ticket codes verify with.
ALTER TABLE public.event_checkins ADD COLUMN ticket_id uuid;
ALTER TABLE public.event_checkins ADD COLUMN device_id text;
ALTER TABLE public.events ADD COLUMN ticket_public_key text;

CREATE INDEX idx_checkins_ticket ON public.event_checkins(ticket_id, check_in_time);

-- As before, with the check-in's own ticket_id first, and only entries to the event counting:
-- an exit (check_in_time NULL) or a session check-in (session_id set) does not make a ticket used.
CREATE OR REPLACE FUNCTION private.derive_ticket_checkin() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  -- Once per statement (a pushed batch of check-ins is one INSERT): one UPDATE for all tickets.
  WITH entries AS (
    SELECT coalesce(
             n.ticket_id,
             (SELECT t.id FROM public.tickets t WHERE t.event_id = n.event_id AND t.qr_code = n.qr_code_scanned),
             (SELECT t.id FROM public.tickets t WHERE t.event_id = n.event_id AND t.attendee_id = n.attendee_id
              ORDER BY t.created_at, t.id LIMIT 1)) AS ticket,
           n.event_id,
           n.check_in_time AS entered
    FROM new_checkins n
    WHERE n.check_in_time IS NOT NULL AND n.session_id IS NULL),
  earliest AS (SELECT ticket, event_id, min(entered) AS entered FROM entries WHERE ticket IS NOT NULL GROUP BY ticket, event_id)
  UPDATE public.tickets t SET status = 'used', checked_in_at = least(t.checked_in_at, e.entered)
  FROM earliest e
  WHERE t.id = e.ticket AND t.event_id = e.event_id
    AND (t.status = 'active' OR (t.status = 'used' AND (t.checked_in_at IS NULL OR t.checked_in_at > e.entered)));
  RETURN NULL;
END $$;

-- A ticket that arrives after a door admitted it (a signed code, sold offline elsewhere) takes
-- its status from those check-ins at once.
CREATE FUNCTION private.tickets_derive_from_checkins() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  WITH earliest AS (
    SELECT c.ticket_id AS ticket, min(c.check_in_time) AS entered
    FROM new_tickets n JOIN public.event_checkins c ON c.ticket_id = n.id AND c.event_id = n.event_id
    WHERE c.check_in_time IS NOT NULL AND c.session_id IS NULL
    GROUP BY c.ticket_id)
  UPDATE public.tickets t SET status = 'used', checked_in_at = least(t.checked_in_at, e.entered)
  FROM earliest e
  WHERE t.id = e.ticket
    AND (t.status = 'active' OR (t.status = 'used' AND (t.checked_in_at IS NULL OR t.checked_in_at > e.entered)));
  RETURN NULL;
END $$;

CREATE TRIGGER tickets_derive_from_checkins AFTER INSERT ON public.tickets
  REFERENCING NEW TABLE AS new_tickets FOR EACH STATEMENT EXECUTE FUNCTION private.tickets_derive_from_checkins();

REVOKE EXECUTE ON FUNCTION private.tickets_derive_from_checkins() FROM PUBLIC, anon, authenticated;
