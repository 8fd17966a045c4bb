-- Which Supabase project (and which user) this replica is connected to: one row once the
-- workspace connects. Its tokens are not here: they live in the OS keychain (or a private file
-- where there is none). Kept after signing out, so signing in again needs only the password.
CREATE TABLE sync_connection (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  url TEXT NOT NULL CHECK (url GLOB 'http*://*'),
  anon_key TEXT NOT NULL CHECK (length(anon_key) > 0),
  email TEXT NOT NULL,
  user_id TEXT NOT NULL CHECK (length(user_id) = 36),
  connected_at TEXT NOT NULL
) STRICT;
