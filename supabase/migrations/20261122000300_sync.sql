-- Sync support for EventOS Desktop (the protocol is in ARCHITECTURE.md, "Sync protocol").
--
-- * sync.change_log: one entry per changed row, written by AFTER triggers on every synced table,
--   so writes made directly by the web app are captured too. Pulls page through it by
--   (txid, id) and only below the oldest running transaction, so nothing that commits out of
--   order is ever skipped.
-- * _hlc on every synced table: field -> hybrid logical clock ("*" = the row's insert clock).
--   Pushes write their own clocks; a BEFORE trigger stamps server time on fields a direct write
--   changes. Clocks are text "MMMMMMMMMMMMM-CCCCC-node" (ms since 1970, counter, node) and
--   compare in the "C" collation.
-- * public.pull_changes / push_changes / sync_cursor: the RPCs the desktop calls. They run as
--   the caller (SECURITY INVOKER), so row-level security decides what is read and written.
--
-- The sync schema is not in PostgREST's exposed schemas: nothing here is reachable over HTTP
-- except the three public functions.

CREATE SCHEMA IF NOT EXISTS sync;
REVOKE ALL ON SCHEMA sync FROM PUBLIC;
-- The RPCs run as the caller and call into sync; the tables themselves stay closed.
GRANT USAGE ON SCHEMA sync TO authenticated;

CREATE TABLE sync.synced_tables (name text PRIMARY KEY);
INSERT INTO sync.synced_tables (name) VALUES
  ('accounts'), ('profiles'), ('account_users'), ('venues'), ('events'), ('orders'), ('attendees'),
  ('tickets'), ('speakers'), ('sessions'), ('sponsors'), ('event_feedback'),
  ('networking_connections'), ('event_checkins'), ('event_materials'), ('event_announcements'),
  ('event_analytics'), ('event_waitlists'), ('event_expenses'), ('event_teams'),
  ('crm_organizers'), ('crm_contacts'), ('crm_pipeline_stages'), ('crm_opportunities'),
  ('crm_activities'), ('crm_notes'), ('crm_documents'), ('crm_email_templates'), ('campaigns'),
  ('notifications');

-- What an event scope (a door laptop) replicates: its event's door data.
CREATE FUNCTION sync.event_scope_tables() RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$ SELECT ARRAY['events', 'attendees', 'tickets', 'event_checkins'] $$;

CREATE TABLE sync.change_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  tbl text NOT NULL,
  pk uuid NOT NULL,
  account_id uuid,
  event_id uuid,
  op text NOT NULL CHECK (op IN ('upsert', 'delete'))
);
-- Pulls read one scope at a time in (txid, id) order.
CREATE INDEX change_log_by_account ON sync.change_log (account_id, txid, id);
CREATE INDEX change_log_by_event ON sync.change_log (event_id, txid, id) WHERE event_id IS NOT NULL;
CREATE INDEX change_log_deletes ON sync.change_log (pk) WHERE op = 'delete';

-- Push idempotency: a change id is answered once; a replay gets "duplicate".
CREATE TABLE sync.applied_change (
  change_id uuid PRIMARY KEY,
  user_id uuid NOT NULL DEFAULT auth.uid(),
  status text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE sync.applied_change ENABLE ROW LEVEL SECURITY;
CREATE POLICY "own pushes" ON sync.applied_change
  FOR ALL TO authenticated
  USING (user_id = (SELECT auth.uid())) WITH CHECK (user_id = (SELECT auth.uid()));
GRANT SELECT, INSERT ON sync.applied_change TO authenticated;

-- ---------------------------------------------------------------------------------------------
-- Clocks
-- ---------------------------------------------------------------------------------------------

CREATE FUNCTION sync.hlc_now() RETURNS text
LANGUAGE sql VOLATILE SET search_path = '' AS $$
  SELECT lpad(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint::text, 13, '0') || '-00000-server'
$$;

-- A server clock later than `previous` (which may be ahead of server time by a few minutes).
CREATE FUNCTION sync.hlc_after(previous text) RETURNS text
LANGUAGE plpgsql VOLATILE SET search_path = '' AS $$
DECLARE
  now_hlc text := sync.hlc_now();
BEGIN
  IF previous IS NULL OR previous !~ '^\d{13}-\d{5}-' OR now_hlc COLLATE "C" > previous COLLATE "C" THEN
    RETURN now_hlc;
  END IF;
  RETURN left(previous, 13) || '-' || lpad((substr(previous, 15, 5)::int + 1)::text, 5, '0') || '-server';
END $$;

-- BEFORE INSERT OR UPDATE on every synced table: fields changed by a write that did not bring its
-- own clock (a direct write by the web app) get a server clock. Pushes set _hlc themselves.
CREATE FUNCTION sync.stamp_hlc() RETURNS trigger
LANGUAGE plpgsql SET search_path = '' AS $$
DECLARE
  new_row jsonb;
  old_row jsonb;
  field text;
  stamps jsonb := '{}';
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NOT NEW._hlc ? '*' THEN
      NEW._hlc := NEW._hlc || jsonb_build_object('*', sync.hlc_now());
    END IF;
    RETURN NEW;
  END IF;
  new_row := to_jsonb(NEW) - '_hlc';
  old_row := to_jsonb(OLD) - '_hlc';
  IF new_row = old_row THEN
    RETURN NEW;
  END IF;
  FOR field IN
    SELECT n.key FROM jsonb_each(new_row) n WHERE n.value IS DISTINCT FROM old_row -> n.key
  LOOP
    IF (NEW._hlc -> field) IS NOT DISTINCT FROM (OLD._hlc -> field) THEN
      stamps := stamps || jsonb_build_object(field, sync.hlc_after(coalesce(OLD._hlc ->> field, OLD._hlc ->> '*')));
    END IF;
  END LOOP;
  NEW._hlc := NEW._hlc || stamps;
  RETURN NEW;
END $$;

-- ---------------------------------------------------------------------------------------------
-- The change log
-- ---------------------------------------------------------------------------------------------

-- AFTER statement triggers with transition tables (one per operation: Postgres allows transition
-- tables only on single-event triggers). A row's scopes are its account and its event (door
-- staff pull one event); accounts and events are their own. SECURITY DEFINER so that callers
-- need no rights on the log.
CREATE FUNCTION sync.log_changes() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  account_key text := CASE TG_TABLE_NAME WHEN 'accounts' THEN 'id' ELSE 'account_id' END;
  event_key text := CASE TG_TABLE_NAME WHEN 'events' THEN 'id' ELSE 'event_id' END;
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO sync.change_log (tbl, pk, account_id, event_id, op)
    SELECT TG_TABLE_NAME, (r ->> 'id')::uuid, (r ->> account_key)::uuid, (r ->> event_key)::uuid, 'delete'
    FROM (SELECT to_jsonb(o) AS r FROM old_rows o) d;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO sync.change_log (tbl, pk, account_id, event_id, op)
    SELECT TG_TABLE_NAME, (r ->> 'id')::uuid, (r ->> account_key)::uuid, (r ->> event_key)::uuid, 'upsert'
    FROM (SELECT to_jsonb(n) AS r FROM new_rows n) d;
  ELSE
    -- The new scope, and the old one when the row moved: there it now arrives as a tombstone.
    INSERT INTO sync.change_log (tbl, pk, account_id, event_id, op)
    WITH new_scopes AS MATERIALIZED (
      SELECT (r ->> 'id')::uuid AS pk, (r ->> account_key)::uuid AS account_id, (r ->> event_key)::uuid AS event_id
      FROM (SELECT to_jsonb(n) AS r FROM new_rows n) d),
    old_scopes AS (
      SELECT (r ->> 'id')::uuid AS pk, (r ->> account_key)::uuid AS account_id, (r ->> event_key)::uuid AS event_id
      FROM (SELECT to_jsonb(o) AS r FROM old_rows o) d)
    SELECT TG_TABLE_NAME, pk, account_id, event_id, 'upsert' FROM new_scopes
    UNION ALL
    SELECT TG_TABLE_NAME, o.pk, o.account_id, o.event_id, 'upsert'
    FROM old_scopes o JOIN new_scopes n ON n.pk = o.pk
    WHERE (o.account_id, o.event_id) IS DISTINCT FROM (n.account_id, n.event_id);
  END IF;
  RETURN NULL;
END $$;

-- The accounts whose replicas hold a person's profile: where they are a member, a customer, on
-- an event team or a speaker (what row-level security shows members, see the RLS migration).
CREATE FUNCTION sync.accounts_naming(person uuid) RETURNS SETOF uuid
LANGUAGE sql STABLE SET search_path = '' AS $$
  SELECT account_id FROM public.account_users WHERE user_id = person
  UNION SELECT account_id FROM public.orders WHERE customer_id = person
  UNION SELECT account_id FROM public.event_teams WHERE member_id = person
  UNION SELECT account_id FROM public.speakers WHERE profile_id = person
$$;

-- profiles carry no account: a profile change is logged for every account that names its person.
CREATE FUNCTION sync.log_profile_changes() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  INSERT INTO sync.change_log (tbl, pk, account_id, op)
  SELECT 'profiles', p.id, a.account_id, CASE WHEN TG_OP = 'DELETE' THEN 'delete' ELSE 'upsert' END
  FROM (SELECT id FROM changed_rows) p, sync.accounts_naming(p.id) AS a(account_id);
  RETURN NULL;
END $$;

-- A row naming a person (a member, a customer, a team member, a speaker) brings their profile
-- into its account's replicas. The trigger's argument is the column naming the person.
CREATE FUNCTION sync.log_named_people() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  person_column text := TG_ARGV[0];
BEGIN
  INSERT INTO sync.change_log (tbl, pk, account_id, op)
  SELECT DISTINCT 'profiles', (r ->> person_column)::uuid, (r ->> 'account_id')::uuid, 'upsert'
  FROM (SELECT to_jsonb(c) AS r FROM changed_rows c) d
  WHERE r ->> person_column IS NOT NULL;
  RETURN NULL;
END $$;

-- CRM rows whose visibility follows another row (row-level security, seed 004): contacts and
-- activities follow their organizer's assignment; notes follow their organizer, contact or
-- opportunity; documents their organizer or opportunity. When that row changes hands (or a
-- contact moves to another organizer), its dependents are logged again, so that a rep who lost
-- them gets tombstones and one who gained them gets the rows.
CREATE FUNCTION sync.log_crm_dependents() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  owner_column text := CASE TG_TABLE_NAME WHEN 'crm_contacts' THEN 'organizer_id' ELSE 'assigned_to' END;
  moved uuid[];
BEGIN
  SELECT coalesce(array_agg((n.r ->> 'id')::uuid), '{}') INTO moved
  FROM (SELECT to_jsonb(x) AS r FROM new_rows x) n JOIN (SELECT to_jsonb(x) AS r FROM old_rows x) o ON o.r -> 'id' = n.r -> 'id'
  WHERE n.r -> owner_column IS DISTINCT FROM o.r -> owner_column;
  IF cardinality(moved) = 0 THEN
    RETURN NULL;
  END IF;
  INSERT INTO sync.change_log (tbl, pk, account_id, op)
  SELECT d.tbl, d.id, d.account_id, 'upsert' FROM (
    SELECT 'crm_contacts' AS tbl, c.id, c.account_id FROM public.crm_contacts c
    WHERE TG_TABLE_NAME = 'crm_organizers' AND c.organizer_id = ANY (moved)
    UNION ALL
    SELECT 'crm_activities', a.id, a.account_id FROM public.crm_activities a
    WHERE TG_TABLE_NAME = 'crm_organizers' AND a.organizer_id = ANY (moved)
    UNION ALL
    SELECT 'crm_notes', n.id, n.account_id FROM public.crm_notes n
    WHERE (TG_TABLE_NAME = 'crm_organizers'
           AND (n.organizer_id = ANY (moved)
                OR n.contact_id IN (SELECT c.id FROM public.crm_contacts c WHERE c.organizer_id = ANY (moved))))
       OR (TG_TABLE_NAME = 'crm_contacts' AND n.contact_id = ANY (moved))
       OR (TG_TABLE_NAME = 'crm_opportunities' AND n.opportunity_id = ANY (moved))
    UNION ALL
    SELECT 'crm_documents', d.id, d.account_id FROM public.crm_documents d
    WHERE (TG_TABLE_NAME = 'crm_organizers' AND d.organizer_id = ANY (moved))
       OR (TG_TABLE_NAME = 'crm_opportunities' AND d.opportunity_id = ANY (moved))
  ) d;
  RETURN NULL;
END $$;

DO $$
DECLARE
  t text;
BEGIN
  FOR t IN SELECT name FROM sync.synced_tables LOOP
    EXECUTE format('ALTER TABLE public.%I ADD COLUMN _hlc jsonb NOT NULL DEFAULT ''{}''', t);
    -- "zz": BEFORE triggers fire in name order, and the clocks must see what the other
    -- triggers (updated_at, codes, account) set.
    EXECUTE format('CREATE TRIGGER zz_sync_stamp_hlc BEFORE INSERT OR UPDATE ON public.%I
                    FOR EACH ROW EXECUTE FUNCTION sync.stamp_hlc()', t);
    IF t = 'profiles' THEN
      EXECUTE 'CREATE TRIGGER sync_log_update AFTER UPDATE ON public.profiles
               REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION sync.log_profile_changes()';
      EXECUTE 'CREATE TRIGGER sync_log_delete AFTER DELETE ON public.profiles
               REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION sync.log_profile_changes()';
      CONTINUE;
    END IF;
    EXECUTE format('CREATE TRIGGER sync_log_insert AFTER INSERT ON public.%I
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sync.log_changes()', t);
    EXECUTE format('CREATE TRIGGER sync_log_update AFTER UPDATE ON public.%I
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sync.log_changes()', t);
    EXECUTE format('CREATE TRIGGER sync_log_delete AFTER DELETE ON public.%I
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sync.log_changes()', t);
  END LOOP;
END $$;

DO $$
DECLARE
  named text[];
BEGIN
  -- The same table and column pairs as sync.accounts_naming.
  FOREACH named SLICE 1 IN ARRAY ARRAY[['account_users', 'user_id'], ['orders', 'customer_id'],
                                       ['event_teams', 'member_id'], ['speakers', 'profile_id']] LOOP
    EXECUTE format('CREATE TRIGGER sync_log_named_people_insert AFTER INSERT ON public.%I
                    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION sync.log_named_people(%L)',
                   named[1], named[2]);
    EXECUTE format('CREATE TRIGGER sync_log_named_people_update AFTER UPDATE ON public.%I
                    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION sync.log_named_people(%L)',
                   named[1], named[2]);
    EXECUTE format('CREATE TRIGGER sync_log_named_people_delete AFTER DELETE ON public.%I
                    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION sync.log_named_people(%L)',
                   named[1], named[2]);
  END LOOP;
END $$;
CREATE TRIGGER sync_log_crm_dependents AFTER UPDATE ON public.crm_organizers
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sync.log_crm_dependents();
CREATE TRIGGER sync_log_crm_dependents AFTER UPDATE ON public.crm_opportunities
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sync.log_crm_dependents();
CREATE TRIGGER sync_log_crm_dependents AFTER UPDATE ON public.crm_contacts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sync.log_crm_dependents();

-- ---------------------------------------------------------------------------------------------
-- Pull
-- ---------------------------------------------------------------------------------------------

-- A cursor is "txid:id": everything up to and including that log entry has been seen.
CREATE FUNCTION sync.parse_cursor(cursor text, OUT txid xid8, OUT id bigint)
LANGUAGE plpgsql IMMUTABLE SET search_path = '' AS $$
BEGIN
  IF cursor IS NULL OR cursor = '' THEN
    txid := '0'::xid8; id := 0; RETURN;
  END IF;
  IF cursor !~ '^\d{1,20}:\d{1,19}$' THEN
    RAISE EXCEPTION 'invalid sync cursor: %', cursor
      USING ERRCODE = '22023', HINT = 'Pass the "next" value of the previous pull, or sync_cursor().';
  END IF;
  txid := split_part(cursor, ':', 1)::xid8;
  id := split_part(cursor, ':', 2)::bigint;
END $$;

-- The scopes a caller may pull: an account they are an active member of; an event they work
-- the door of (an active registration or volunteer team row of the event's account), or of
-- their account. Called only from the definer functions below, which read past row-level
-- security; plain SQL so that it is inlined there.
CREATE FUNCTION sync.may_pull_account(account uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM public.account_users au
                 WHERE au.account_id = account AND au.user_id = auth.uid() AND au.status = 'active')
$$;

CREATE FUNCTION sync.may_pull_event(event uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM public.event_teams et JOIN public.events ev ON ev.id = et.event_id AND ev.account_id = et.account_id
                 WHERE et.event_id = event AND et.member_id = auth.uid()
                   AND et.role IN ('registration', 'volunteer') AND et.status = 'active')
      OR EXISTS (SELECT 1 FROM public.events ev JOIN public.account_users au ON au.account_id = ev.account_id
                 WHERE ev.id = event AND au.user_id = auth.uid() AND au.status = 'active')
$$;

-- Log entries after the cursor for the scopes the caller may pull, oldest first. Only
-- transactions below the oldest one still running are returned: a transaction that started
-- earlier but commits later must not be skipped. SECURITY DEFINER (the log is closed to
-- callers), so it checks the caller's scopes itself. An event scope carries only the tables a
-- door works with, so that the log does not tell door staff even the ids of the event's orders
-- or CRM rows.
CREATE FUNCTION sync.changes_after(after_txid xid8, after_id bigint, accounts uuid[], events uuid[], max_entries integer)
RETURNS TABLE (id bigint, txid xid8, tbl text, pk uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin),
  candidates AS (
    SELECT c.id, c.txid, c.tbl, c.pk FROM unnest(accounts) a, horizon,
    LATERAL (SELECT l.id, l.txid, l.tbl, l.pk FROM sync.change_log l
             WHERE l.account_id = a AND (l.txid, l.id) > (after_txid, after_id) AND l.txid < horizon.xmin
             ORDER BY l.txid, l.id LIMIT max_entries) c
    WHERE sync.may_pull_account(a)
    UNION
    SELECT c.id, c.txid, c.tbl, c.pk FROM unnest(events) e, horizon,
    LATERAL (SELECT l.id, l.txid, l.tbl, l.pk FROM sync.change_log l
             WHERE l.event_id = e AND (l.txid, l.id) > (after_txid, after_id) AND l.txid < horizon.xmin
               AND l.tbl = ANY (sync.event_scope_tables())
             ORDER BY l.txid, l.id LIMIT max_entries) c
    WHERE sync.may_pull_event(e)
  )
  SELECT * FROM candidates ORDER BY txid, id LIMIT max_entries
$$;

-- Which of the requested scopes the caller may no longer pull (left the account or the team):
-- the client drops those rows.
CREATE FUNCTION sync.lost_scopes(accounts uuid[], events uuid[]) RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT coalesce(jsonb_agg(s), '[]') FROM (
    SELECT jsonb_build_object('account_id', a) AS s FROM unnest(accounts) a WHERE NOT sync.may_pull_account(a)
    UNION ALL
    SELECT jsonb_build_object('event_id', e) FROM unnest(events) e WHERE NOT sync.may_pull_event(e)
  ) lost
$$;

-- The cursor a bootstrap takes BEFORE it pages through the tables: every transaction below it
-- has finished, so the snapshot pages see it; later ones come through pull_changes.
CREATE FUNCTION public.sync_cursor() RETURNS text
LANGUAGE sql STABLE SECURITY INVOKER SET search_path = '' AS $$
  SELECT pg_snapshot_xmin(pg_current_snapshot())::text || ':0'
$$;

-- One page of changes for the caller's scopes:
--   scopes: [{"account_id": "..."}, {"event_id": "..."}]
--   returns {"changes": [{"table", "id", "op": "upsert", "row"} | {"table", "id", "op": "delete"}],
--            "next": cursor, "has_more": bool, "lost_scopes": [...]}
-- Rows are read as the caller, under row-level security: a row deleted, or no longer visible
-- to the caller, arrives as a tombstone. A row changed several times within the page arrives
-- once, as it is now. json, not jsonb: building jsonb costs twice as much per row.
CREATE FUNCTION public.pull_changes(cursor text DEFAULT NULL, scopes jsonb DEFAULT '[]', "limit" integer DEFAULT 500)
RETURNS json
LANGUAGE plpgsql STABLE SECURITY INVOKER SET search_path = '' AS $$
DECLARE
  after_cursor record := sync.parse_cursor(cursor);
  page_size integer := least(greatest(coalesce("limit", 500), 1), 1000);
  accounts uuid[];
  events uuid[];
  entries jsonb;
  entry_count integer;
  last_entry jsonb;
  row_queries text;
  changes json;
BEGIN
  IF jsonb_typeof(scopes) IS DISTINCT FROM 'array' THEN
    RAISE EXCEPTION 'scopes must be an array of {"account_id": ...} or {"event_id": ...}' USING ERRCODE = '22023';
  END IF;
  SELECT array_agg((s ->> 'account_id')::uuid) FILTER (WHERE s ? 'account_id'),
         array_agg((s ->> 'event_id')::uuid) FILTER (WHERE s ? 'event_id')
    INTO accounts, events
    FROM jsonb_array_elements(scopes) s;

  SELECT coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'txid', c.txid::text, 'tbl', c.tbl, 'pk', c.pk)
                            ORDER BY c.txid, c.id), '[]')
    INTO entries
    FROM sync.changes_after(after_cursor.txid, after_cursor.id, coalesce(accounts, '{}'), coalesce(events, '{}'), page_size + 1) c;
  entry_count := jsonb_array_length(entries);
  IF entry_count > page_size THEN
    entries := entries - page_size;  -- drop the look-ahead entry
  END IF;

  -- Current rows, read under RLS in one statement (a branch per table): a row deleted or no
  -- longer visible to the caller becomes a tombstone.
  SELECT string_agg(format('SELECT %1$L AS tbl, t.id, row_to_json(t) AS row FROM public.%1$I t
                            WHERE t.id IN (SELECT k.pk FROM keys k WHERE k.tbl = %1$L)', tbl), ' UNION ALL ')
    INTO row_queries
    FROM (SELECT DISTINCT e ->> 'tbl' AS tbl FROM jsonb_array_elements(entries) e) tables;
  IF row_queries IS NULL THEN
    changes := '[]';
  ELSE
    EXECUTE format($query$
      WITH keys AS MATERIALIZED (
        SELECT e ->> 'tbl' AS tbl, (e ->> 'pk')::uuid AS pk, max(position) AS last_position
        FROM jsonb_array_elements($1) WITH ORDINALITY AS x(e, position) GROUP BY 1, 2),
      found AS (%s)
      SELECT json_agg(CASE WHEN f.row IS NULL
                        THEN json_build_object('table', k.tbl, 'id', k.pk, 'op', 'delete')
                        ELSE json_build_object('table', k.tbl, 'id', k.pk, 'op', 'upsert', 'row', f.row) END
                      ORDER BY k.last_position)
      FROM keys k LEFT JOIN found f ON f.tbl = k.tbl AND f.id = k.pk$query$, row_queries)
      INTO changes USING entries;
  END IF;

  last_entry := entries -> -1;
  RETURN json_build_object(
    'changes', changes,
    'next', CASE WHEN last_entry IS NULL THEN coalesce(nullif(cursor, ''), '0:0')
                 ELSE (last_entry ->> 'txid') || ':' || (last_entry ->> 'id') END,
    'has_more', entry_count > page_size,
    'lost_scopes', sync.lost_scopes(coalesce(accounts, '{}'), coalesce(events, '{}')));
END $$;

-- How many rows of each table a scope holds, as the caller sees them (row-level security):
-- a bootstrap's progress total, in one request. {"events": 12, "tickets": 100000, ...}
CREATE FUNCTION public.scope_counts(scope jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY INVOKER SET search_path = '' AS $$
DECLARE
  account uuid := (scope ->> 'account_id')::uuid;
  event uuid := (scope ->> 'event_id')::uuid;
  tables text[] := CASE WHEN event IS NOT NULL THEN sync.event_scope_tables()
                        ELSE ARRAY(SELECT name FROM sync.synced_tables) END;
  table_name text;
  filter text;
  n bigint;
  counts jsonb := '{}';
BEGIN
  IF (account IS NULL) = (event IS NULL) THEN
    RAISE EXCEPTION 'scope must be {"account_id": ...} or {"event_id": ...}' USING ERRCODE = '22023';
  END IF;
  FOREACH table_name IN ARRAY tables LOOP
    filter := CASE
      WHEN event IS NOT NULL AND table_name = 'events' THEN format('id = %L', event)
      WHEN event IS NOT NULL THEN format('event_id = %L', event)
      WHEN table_name = 'accounts' THEN format('id = %L', account)
      WHEN table_name = 'profiles' THEN 'true'
      ELSE format('account_id = %L', account) END;
    EXECUTE format('SELECT count(*) FROM public.%I WHERE %s', table_name, filter) INTO n;
    counts := counts || jsonb_build_object(table_name, n);
  END LOOP;
  RETURN counts;
END $$;

-- ---------------------------------------------------------------------------------------------
-- Push
-- ---------------------------------------------------------------------------------------------

-- Whether a row was deleted: deletes win, so later edits of it are refused. SECURITY DEFINER
-- because the log is closed to callers; it answers for one id at a time.
CREATE FUNCTION sync.was_deleted(tbl text, pk uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT EXISTS (SELECT 1 FROM sync.change_log l WHERE l.pk = was_deleted.pk AND l.tbl = was_deleted.tbl AND l.op = 'delete')
$$;

-- The columns a change may write: not generated, not the clocks.
CREATE FUNCTION sync.writable_columns(tbl text) RETURNS text[]
LANGUAGE sql STABLE SET search_path = '' AS $$
  SELECT array_agg(a.attname::text ORDER BY a.attnum)
  FROM pg_catalog.pg_attribute a
  WHERE a.attrelid = ('public.' || quote_ident(tbl))::regclass
    AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' AND a.attname <> '_hlc'
$$;

CREATE FUNCTION sync.answer(change jsonb, status text, details jsonb DEFAULT '{}') RETURNS jsonb
LANGUAGE sql IMMUTABLE SET search_path = '' AS $$
  SELECT jsonb_build_object('change_id', change -> 'change_id', 'status', status) || details
$$;

-- Why a change cannot be applied as sent (shape, table, columns, clock), or NULL. Touches no row.
CREATE FUNCTION sync.problem(change jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SET search_path = '' AS $$
DECLARE
  uuid_shape constant text := '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
  max_clock_lead_ms constant bigint := 5 * 60 * 1000;
  tbl text := change ->> 'table';
  op text := change ->> 'op';
  clock text := change ->> 'hlc';
  data jsonb := nullif(change -> 'data', 'null');
  writable text[];
  unknown text;
BEGIN
  IF jsonb_typeof(change) IS DISTINCT FROM 'object' OR coalesce(change ->> 'change_id', '') !~ uuid_shape THEN
    RETURN sync.answer(change, 'rejected', '{"reason": "invalid", "message": "change_id must be a lowercase uuid"}');
  ELSIF NOT EXISTS (SELECT 1 FROM sync.synced_tables s WHERE s.name = tbl) THEN
    RETURN sync.answer(change, 'rejected', jsonb_build_object('reason', 'invalid', 'message', format('unknown table %s', tbl)));
  ELSIF op IS NULL OR op NOT IN ('insert', 'update', 'delete') THEN
    RETURN sync.answer(change, 'rejected', '{"reason": "invalid", "message": "op must be insert, update or delete"}');
  ELSIF coalesce(change ->> 'id', '') !~ uuid_shape THEN
    RETURN sync.answer(change, 'rejected', '{"reason": "invalid", "message": "id must be a lowercase uuid"}');
  ELSIF coalesce(clock, '') !~ '^\d{13}-\d{5}-[0-9A-Za-z_.-]{1,64}$' THEN
    RETURN sync.answer(change, 'rejected', '{"reason": "invalid", "message": "hlc must look like 1795000000000-00000-node"}');
  ELSIF op <> 'delete' AND jsonb_typeof(data) IS DISTINCT FROM 'object' THEN
    RETURN sync.answer(change, 'rejected', '{"reason": "invalid", "message": "data must be an object of column values"}');
  ELSIF data ? 'id' AND data ->> 'id' IS DISTINCT FROM change ->> 'id' THEN
    RETURN sync.answer(change, 'rejected', '{"reason": "invalid", "message": "data.id differs from id"}');
  END IF;
  writable := sync.writable_columns(tbl);
  SELECT string_agg(k, ', ') INTO unknown FROM jsonb_object_keys(coalesce(data, '{}') - 'id') k WHERE k <> ALL (writable);
  IF unknown IS NOT NULL THEN
    RETURN sync.answer(change, 'rejected', jsonb_build_object('reason', 'invalid', 'message', format('%s has no writable column %s', tbl, unknown)));
  ELSIF left(clock, 13)::bigint > floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint + max_clock_lead_ms THEN
    RETURN sync.answer(change, 'rejected', '{"reason": "clock_ahead", "message": "the device clock is more than 5 minutes ahead of the server"}');
  END IF;
  RETURN NULL;
END $$;

-- Per-field last-writer-wins on an existing (locked) row: a field is written only if the
-- change's clock is later than the field's own.
CREATE FUNCTION sync.merge_fields(change jsonb, current_row jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = '' AS $$
DECLARE
  clock text := change ->> 'hlc';
  fields text[] := ARRAY(SELECT k FROM jsonb_object_keys(change -> 'data') k WHERE k <> 'id');
  won text[] := ARRAY(SELECT f FROM unnest(fields) f
                      WHERE clock COLLATE "C" > coalesce(current_row -> '_hlc' ->> f, current_row -> '_hlc' ->> '*', '') COLLATE "C");
  lost text[] := ARRAY(SELECT f FROM unnest(fields) f WHERE f <> ALL (won));
BEGIN
  IF cardinality(won) > 0 THEN
    EXECUTE format('UPDATE public.%1$I t SET (%2$s) = (SELECT %2$s FROM jsonb_populate_record(NULL::public.%1$I, $1)),
                    _hlc = t._hlc || $2 WHERE t.id = $3',
                   change ->> 'table', (SELECT string_agg(quote_ident(f), ', ') FROM unnest(won) f))
      USING change -> 'data', (SELECT jsonb_object_agg(f, clock) FROM unnest(won) f), (change ->> 'id')::uuid;
  END IF;
  RETURN CASE
    WHEN cardinality(lost) = 0 THEN sync.answer(change, 'applied')
    WHEN cardinality(won) = 0 THEN sync.answer(change, 'rejected', jsonb_build_object(
      'reason', 'stale', 'lost', to_jsonb(lost), 'message', 'every field has a later edit on the server'))
    ELSE sync.answer(change, 'partial', jsonb_build_object('applied', to_jsonb(won), 'lost', to_jsonb(lost)))
  END;
END $$;

-- One valid, claimed change, written as the caller through the real table (row-level security,
-- constraints and triggers apply). Raises only what the table raises (constraints, RLS).
CREATE FUNCTION sync.apply_claimed(change jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = '' AS $$
DECLARE
  tbl text := change ->> 'table';
  row_id uuid := (change ->> 'id')::uuid;
  data jsonb := change -> 'data';
  current_row jsonb;
  touched integer := 0;
BEGIN
  IF change ->> 'op' = 'delete' THEN
    -- Deletes win: no clock comparison.
    EXECUTE format('DELETE FROM public.%I t WHERE t.id = $1', tbl) USING row_id;
    GET DIAGNOSTICS touched = ROW_COUNT;
    RETURN CASE WHEN touched = 1 OR sync.was_deleted(tbl, row_id) THEN sync.answer(change, 'applied')
                ELSE sync.answer(change, 'rejected', '{"reason": "not_found", "message": "no such row, or not yours to delete"}') END;
  ELSIF sync.was_deleted(tbl, row_id) THEN
    RETURN sync.answer(change, 'rejected', '{"reason": "deleted", "message": "the row was deleted"}');
  END IF;
  IF change ->> 'op' = 'insert' THEN
    EXECUTE format('INSERT INTO public.%1$I (%2$s, _hlc) SELECT %2$s, $2 FROM jsonb_populate_record(NULL::public.%1$I, $1)
                    ON CONFLICT (id) DO NOTHING',
                   tbl, (SELECT string_agg(quote_ident(k), ', ') FROM jsonb_object_keys(data || '{"id": null}') k))
      USING data || jsonb_build_object('id', row_id), jsonb_build_object('*', change ->> 'hlc');
    GET DIAGNOSTICS touched = ROW_COUNT;
    IF touched = 1 THEN
      RETURN sync.answer(change, 'applied');
    END IF;
  END IF;
  -- An edit, or an insert of an id that exists: merge field by field.
  EXECUTE format('SELECT to_jsonb(t) FROM public.%I t WHERE t.id = $1 FOR UPDATE', tbl) INTO current_row USING row_id;
  IF current_row IS NULL THEN
    RETURN sync.answer(change, 'rejected', '{"reason": "not_found", "message": "no such row, or not yours to change"}');
  END IF;
  RETURN sync.merge_fields(change, current_row);
END $$;

-- One change on its own: checked, claimed (a replay is answered "duplicate" and changes
-- nothing), applied, its status recorded.
CREATE FUNCTION sync.apply_change(change jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = '' AS $$
DECLARE
  answer jsonb := sync.problem(change);
BEGIN
  IF answer IS NOT NULL THEN
    RETURN answer;
  END IF;
  INSERT INTO sync.applied_change (change_id, status) VALUES ((change ->> 'change_id')::uuid, 'applying')
    ON CONFLICT (change_id) DO NOTHING;
  IF NOT FOUND THEN
    RETURN sync.answer(change, 'duplicate');
  END IF;
  answer := sync.apply_claimed(change);
  UPDATE sync.applied_change a SET status = answer ->> 'status' WHERE a.change_id = (change ->> 'change_id')::uuid;
  RETURN answer;
END $$;

-- A whole batch at once, for speed: problems answered first, change ids claimed in one
-- statement, new rows inserted with one statement per table and column set (10k offline
-- check-ins are 10 statements, not 10k), the rest one by one. Raises on any table error, and
-- push_changes then takes the batch change by change.
CREATE FUNCTION sync.apply_batch(changes jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = '' AS $$
DECLARE
  answers jsonb;  -- position in the batch -> answer
  claimed uuid[];
  batch record;
  inserted uuid[];
  pending record;
BEGIN
  SELECT coalesce(jsonb_object_agg(position, problem), '{}') INTO answers
  FROM (SELECT position, sync.problem(change) AS problem
        FROM jsonb_array_elements(changes) WITH ORDINALITY AS x(change, position)) p
  WHERE problem IS NOT NULL;

  WITH claim AS (
    INSERT INTO sync.applied_change (change_id, status)
    SELECT (change ->> 'change_id')::uuid, 'applying'
    FROM jsonb_array_elements(changes) WITH ORDINALITY AS x(change, position)
    WHERE NOT answers ? position::text
    ON CONFLICT (change_id) DO NOTHING
    RETURNING change_id)
  SELECT coalesce(array_agg(change_id), '{}') INTO claimed FROM claim;

  SELECT answers || coalesce(jsonb_object_agg(position, sync.answer(change, 'duplicate')), '{}') INTO answers
  FROM jsonb_array_elements(changes) WITH ORDINALITY AS x(change, position)
  WHERE NOT answers ? position::text AND (change ->> 'change_id')::uuid <> ALL (claimed);

  FOR batch IN
    SELECT change ->> 'table' AS tbl,
           (SELECT string_agg(quote_ident(k), ', ' ORDER BY k) FROM jsonb_object_keys(change -> 'data' || '{"id": null}') k) AS columns,
           jsonb_agg(jsonb_build_object('position', position, 'change', change)) AS members
    FROM jsonb_array_elements(changes) WITH ORDINALITY AS x(change, position)
    WHERE NOT answers ? position::text AND change ->> 'op' = 'insert'
      AND NOT sync.was_deleted(change ->> 'table', (change ->> 'id')::uuid)
    GROUP BY 1, 2
  LOOP
    EXECUTE format('WITH new_rows AS (
                      INSERT INTO public.%1$I (%2$s, _hlc) SELECT %2$s, _hlc FROM jsonb_populate_recordset(NULL::public.%1$I, $1)
                      ON CONFLICT (id) DO NOTHING RETURNING id)
                    SELECT coalesce(array_agg(id), ''{}'') FROM new_rows', batch.tbl, batch.columns)
      INTO inserted
      USING (SELECT jsonb_agg(m -> 'change' -> 'data' || jsonb_build_object(
               'id', m -> 'change' -> 'id', '_hlc', jsonb_build_object('*', m -> 'change' -> 'hlc')))
             FROM jsonb_array_elements(batch.members) m);
    SELECT answers || coalesce(jsonb_object_agg(m ->> 'position', sync.answer(m -> 'change', 'applied')), '{}') INTO answers
    FROM jsonb_array_elements(batch.members) m
    WHERE (m -> 'change' ->> 'id')::uuid = ANY (inserted);
  END LOOP;

  FOR pending IN
    SELECT change, position FROM jsonb_array_elements(changes) WITH ORDINALITY AS x(change, position)
    WHERE NOT answers ? position::text ORDER BY position
  LOOP
    answers := answers || jsonb_build_object(pending.position::text, sync.apply_claimed(pending.change));
  END LOOP;

  UPDATE sync.applied_change a SET status = v ->> 'status'
  FROM jsonb_each(answers) e(position, v)
  WHERE a.status = 'applying' AND v ->> 'status' <> 'duplicate' AND a.change_id::text = v ->> 'change_id';

  RETURN (SELECT jsonb_agg(answers -> position::text ORDER BY position)
          FROM generate_series(1, jsonb_array_length(changes)) position);
END $$;

-- A change the table refused (constraint, row-level security): recorded, so a replay is a duplicate.
CREATE FUNCTION sync.refused(change jsonb, code text, message text) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = '' AS $$
BEGIN
  INSERT INTO sync.applied_change (change_id, status) VALUES ((change ->> 'change_id')::uuid, 'rejected')
    ON CONFLICT (change_id) DO NOTHING;
  RETURN sync.answer(change, 'rejected', jsonb_build_object(
    'reason', CASE WHEN code = '42501' THEN 'forbidden' WHEN code LIKE '23%' THEN 'constraint' ELSE 'error' END,
    'code', code, 'message', message));
END $$;

-- A batch of changes [{change_id, table, op, id, hlc, data}], at most 1000; returns
-- {"results": [{change_id, status, ...}]} in the same order. Status: applied, duplicate,
-- partial (some fields had later edits: "applied" and "lost" list them), or rejected with a
-- reason (invalid, clock_ahead, deleted, not_found, stale, forbidden, constraint, error).
CREATE FUNCTION public.push_changes(changes jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = '' AS $$
DECLARE
  results jsonb[] := '{}';
  change jsonb;
BEGIN
  IF auth.uid() IS NULL THEN
    RAISE EXCEPTION 'sign in to push changes' USING ERRCODE = '42501';
  ELSIF jsonb_typeof(changes) IS DISTINCT FROM 'array' THEN
    RAISE EXCEPTION 'changes must be a JSON array' USING ERRCODE = '22023';
  ELSIF jsonb_array_length(changes) > 1000 THEN
    RAISE EXCEPTION 'at most 1000 changes per push, got %', jsonb_array_length(changes)
      USING ERRCODE = '22023', HINT = 'Split the batch.';
  ELSIF jsonb_array_length(changes) = 0 THEN
    RETURN '{"results": []}';
  END IF;

  -- Usually nothing fails: the whole batch in one subtransaction.
  BEGIN
    RETURN jsonb_build_object('results', sync.apply_batch(changes));
  EXCEPTION WHEN OTHERS THEN
    NULL;
  END;
  -- Something failed: again, one subtransaction per change, so a failure rejects that change
  -- alone. Only on this path: each subtransaction that writes takes a transaction id, and past
  -- 64 of them in one transaction Postgres' snapshots get slower for every session.
  FOR change IN SELECT value FROM jsonb_array_elements(changes) LOOP
    BEGIN
      results := results || sync.apply_change(change);
    EXCEPTION WHEN OTHERS THEN
      results := results || sync.refused(change, SQLSTATE, SQLERRM);
    END;
  END LOOP;
  RETURN jsonb_build_object('results', to_jsonb(results));
END $$;

-- ---------------------------------------------------------------------------------------------
-- Privileges: functions are executable by PUBLIC by default (and Supabase grants anon and
-- authenticated on public functions): close everything, then open what callers need.
-- ---------------------------------------------------------------------------------------------

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA sync FROM PUBLIC, anon, authenticated;
REVOKE ALL ON FUNCTION public.pull_changes(text, jsonb, integer), public.push_changes(jsonb), public.sync_cursor(),
  public.scope_counts(jsonb) FROM PUBLIC, anon;
GRANT EXECUTE ON FUNCTION public.pull_changes(text, jsonb, integer), public.push_changes(jsonb), public.sync_cursor(),
  public.scope_counts(jsonb) TO authenticated;
-- Called as the caller by the RPCs above and by the clock trigger on every write.
GRANT USAGE ON SCHEMA sync TO service_role;
GRANT EXECUTE ON FUNCTION sync.hlc_now(), sync.hlc_after(text) TO authenticated, service_role;
GRANT EXECUTE ON FUNCTION sync.parse_cursor(text), sync.event_scope_tables(), sync.changes_after(xid8, bigint, uuid[], uuid[], integer),
  sync.lost_scopes(uuid[], uuid[]), sync.was_deleted(text, uuid), sync.writable_columns(text),
  sync.answer(jsonb, text, jsonb), sync.problem(jsonb), sync.merge_fields(jsonb, jsonb), sync.apply_claimed(jsonb),
  sync.apply_change(jsonb), sync.apply_batch(jsonb), sync.refused(jsonb, text, text)
  TO authenticated;
GRANT SELECT ON sync.synced_tables TO authenticated;
GRANT UPDATE (status) ON sync.applied_change TO authenticated;
