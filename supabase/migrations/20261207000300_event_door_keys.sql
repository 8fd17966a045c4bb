-- Events' door keys (issue 16): the secret an event's door stations join their local exchange
-- with (crates/lan). A table of its own, never a column of events (which anonymous visitors may
-- read): the server makes one per event and gives it only to the event's door staff and the
-- account's organizers. Clients never write it. The replica's migration V11 has the same table.
CREATE TABLE public.event_door_keys (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES public.accounts(id) ON DELETE CASCADE,
  event_id UUID NOT NULL UNIQUE REFERENCES public.events(id) ON DELETE CASCADE,
  door_key TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_event_door_keys_account ON public.event_door_keys(account_id);

CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, event_id ON public.event_door_keys
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('event_id', 'events');

-- 256 bits from two v4 uuids' 244 random ones, hashed: no extension needed.
CREATE FUNCTION private.new_door_key() RETURNS text
LANGUAGE sql VOLATILE SET search_path = '' AS $$
  SELECT encode(pg_catalog.sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex')
$$;

-- Every event gets its key when it is made, whoever makes it (the desktop's push, the web app):
-- as the definer, since nobody may insert door keys through the API.
CREATE FUNCTION private.make_door_key() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  INSERT INTO public.event_door_keys (account_id, event_id, door_key)
  VALUES (NEW.account_id, NEW.id, private.new_door_key())
  ON CONFLICT (event_id) DO NOTHING;
  RETURN NULL;
END $$;

REVOKE EXECUTE ON FUNCTION private.new_door_key(), private.make_door_key() FROM PUBLIC, anon, authenticated;

-- Row-level security: read by the account's organizers and the event's door staff; no policy
-- lets anyone insert, change or delete one.
REVOKE ALL ON public.event_door_keys FROM PUBLIC, anon, authenticated;
GRANT SELECT, INSERT, UPDATE, DELETE ON public.event_door_keys TO authenticated;
GRANT ALL ON public.event_door_keys TO service_role;
ALTER TABLE public.event_door_keys ENABLE ROW LEVEL SECURITY;

CREATE POLICY "organizers read their events' door keys" ON public.event_door_keys
  FOR SELECT TO authenticated
  USING (account_id = ANY ((SELECT private.account_ids_with_role('owner', 'admin', 'manager', 'member'))::uuid[]));
CREATE POLICY "door staff read their event's door key" ON public.event_door_keys
  FOR SELECT TO authenticated
  USING (event_id = ANY ((SELECT private.door_event_ids())::uuid[]));

-- Synced like the other tables (20261122000300_sync.sql): clocks, the change log, and in a door
-- laptop's event scope.
INSERT INTO sync.synced_tables (name) VALUES ('event_door_keys');
ALTER TABLE public.event_door_keys ADD COLUMN _hlc jsonb NOT NULL DEFAULT '{}';
CREATE TRIGGER zz_sync_stamp_hlc BEFORE INSERT OR UPDATE ON public.event_door_keys
  FOR EACH ROW EXECUTE FUNCTION sync.stamp_hlc();
CREATE TRIGGER sync_log_insert AFTER INSERT ON public.event_door_keys
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sync.log_changes();
CREATE TRIGGER sync_log_update AFTER UPDATE ON public.event_door_keys
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sync.log_changes();
CREATE TRIGGER sync_log_delete AFTER DELETE ON public.event_door_keys
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sync.log_changes();

-- Every event already there gets its key now, logged like any new row (so replicas past their
-- bootstrap pull it).
CREATE TRIGGER make_door_key AFTER INSERT ON public.events
  FOR EACH ROW EXECUTE FUNCTION private.make_door_key();
INSERT INTO public.event_door_keys (account_id, event_id, door_key)
SELECT account_id, id, private.new_door_key() FROM public.events;

CREATE OR REPLACE FUNCTION sync.event_scope_tables() RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$ SELECT ARRAY['events', 'attendees', 'tickets', 'event_checkins', 'event_door_keys'] $$;
