-- Sync bookkeeping (the protocol: ARCHITECTURE.md, "Sync protocol"). It lives in its own
-- tables, never in the seeds' tables, and is not in the schema registry: it never syncs.

-- This replica's identity and clock (one row). `node` names this device in its clocks;
-- `clock_ms`/`clock_counter` are the last clock it gave out, so clocks never go backwards
-- across restarts. `capture` is on once the workspace is connected to a server: from then on
-- every local write to a synced table also goes to the outbox.
CREATE TABLE sync_device (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  node TEXT NOT NULL CHECK (node GLOB '[0-9a-f]*' AND length(node) = 16),
  clock_ms INTEGER NOT NULL DEFAULT 0 CHECK (clock_ms >= 0),
  clock_counter INTEGER NOT NULL DEFAULT 0 CHECK (clock_counter BETWEEN 0 AND 99999),
  capture INTEGER NOT NULL DEFAULT 0 CHECK (capture IN (0, 1))
) STRICT;
INSERT INTO sync_device (id, node) VALUES (1, lower(hex(randomblob(8))));

-- Local changes waiting to go up, in the order they were made. `data` holds the changed
-- columns as the server takes them (JSON); a delete has none. A change the server refused
-- stays, `failed`, with its error, until the user retries or discards it.
CREATE TABLE sync_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  change_id TEXT NOT NULL UNIQUE CHECK (length(change_id) = 36),
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  data TEXT CHECK (data IS NULL OR json_valid(data)),
  hlc TEXT NOT NULL,
  created_at TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed')),
  error TEXT,
  attempts INTEGER NOT NULL DEFAULT 0
) STRICT;
-- "Does this row have a pending change?" — asked for every pulled row.
CREATE INDEX sync_outbox_by_row ON sync_outbox (tbl, row_id);

-- What this replica pulls: `account:<uuid>` or `event:<uuid>`, each with its own cursor
-- (NULL until its bootstrap has finished) and, while a bootstrap runs, where it has got to
-- (JSON), so an interrupted one resumes.
CREATE TABLE sync_scopes (
  scope TEXT PRIMARY KEY CHECK (scope GLOB 'account:*' OR scope GLOB 'event:*'),
  cursor TEXT,
  bootstrap TEXT CHECK (bootstrap IS NULL OR json_valid(bootstrap)),
  synced_at TEXT
) STRICT;

-- Fields where another edit won: this device's value and the winner's, when, and whose (the
-- winning clock names its device, or `server` for a write made on the web), for the user to
-- see and undo (undo = a new local edit putting `mine` back). The winner is filled in when the
-- row is next pulled.
CREATE TABLE sync_conflicts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  field TEXT NOT NULL,
  mine TEXT CHECK (mine IS NULL OR json_valid(mine)),
  winner TEXT CHECK (winner IS NULL OR json_valid(winner)),
  winner_hlc TEXT,
  at TEXT NOT NULL,
  change_id TEXT NOT NULL,
  undone_at TEXT
) STRICT;
CREATE INDEX sync_conflicts_by_row ON sync_conflicts (tbl, row_id);

-- The full-text search triggers, set aside while a bootstrap loads many pages (indexing row by
-- row is the slowest part of a bulk load): restored, and the indexes rebuilt, when it ends —
-- or when the replica is next opened, if it never did.
CREATE TABLE search_index_suspended (
  name TEXT PRIMARY KEY,
  sql TEXT NOT NULL
) STRICT;
