-- Issue 17, part one: seed 001's production and operations tables (docs/SCHEMA.md §N3, §N4, §N6,
-- §N7), and the event and session kinds a fashion show needs (§A5, §A9). The server's
-- 20261208000100_production.sql makes the same tables.
--
-- Widening a CHECK in SQLite means rebuilding the table (make the new one, copy, drop, rename):
-- the store runs migrations with foreign keys off and checks them before turning them back on
-- (crates/store/src/open.rs), as SQLite's ALTER TABLE documentation prescribes. The view on
-- events goes while events is rebuilt; the guard triggers are re-made when the file opens.

DROP VIEW event_stats;

CREATE TABLE events_v12 (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  organizer_id TEXT NOT NULL REFERENCES profiles(id),
  venue_id TEXT REFERENCES venues(id) ON DELETE SET NULL,
  name TEXT NOT NULL,
  slug TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL CONSTRAINT type CHECK (type IN ('conference', 'seminar', 'workshop', 'networking', 'fashion_show')),
  description TEXT,
  start_at TEXT NOT NULL CONSTRAINT start_at CHECK (start_at GLOB '????-??-??T??:??:??.??????Z'),
  end_at TEXT NOT NULL CONSTRAINT end_at CHECK (end_at GLOB '????-??-??T??:??:??.??????Z' AND end_at > start_at),
  capacity INTEGER NOT NULL CONSTRAINT capacity CHECK (capacity BETWEEN 10 AND 10000),
  price_cents INTEGER NOT NULL DEFAULT 0 CONSTRAINT price_cents CHECK (price_cents >= 0),
  status TEXT NOT NULL DEFAULT 'draft' CONSTRAINT status CHECK (status IN ('draft', 'published', 'cancelled', 'completed')),
  visibility TEXT NOT NULL DEFAULT 'public' CONSTRAINT visibility CHECK (visibility IN ('public', 'private')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z'),
  ticket_public_key TEXT
) STRICT;
INSERT INTO events_v12 (rowid, id, account_id, organizer_id, venue_id, name, slug, type, description, start_at, end_at, capacity, price_cents, status, visibility, created_at, updated_at, ticket_public_key)
  SELECT rowid, id, account_id, organizer_id, venue_id, name, slug, type, description, start_at, end_at, capacity, price_cents, status, visibility, created_at, updated_at, ticket_public_key FROM events;
DROP TABLE events;
ALTER TABLE events_v12 RENAME TO events;

CREATE TABLE sessions_v12 (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id TEXT REFERENCES events(id) ON DELETE CASCADE,
  speaker_id TEXT REFERENCES speakers(id) ON DELETE SET NULL,
  venue_id TEXT REFERENCES venues(id) ON DELETE SET NULL,
  title TEXT NOT NULL,
  description TEXT,
  session_type TEXT CONSTRAINT session_type CHECK (session_type IN ('keynote', 'workshop', 'panel', 'networking', 'break', 'show', 'rehearsal')),
  difficulty_level TEXT CONSTRAINT difficulty_level CHECK (difficulty_level IN ('beginner', 'intermediate', 'advanced')),
  start_time TEXT NOT NULL CONSTRAINT start_time CHECK (start_time GLOB '????-??-??T??:??:??.??????Z'),
  end_time TEXT NOT NULL CONSTRAINT end_time CHECK (end_time GLOB '????-??-??T??:??:??.??????Z'),
  -- Postgres: EXTRACT(EPOCH FROM (end_time - start_time))/60 stored in an integer (rounded).
  duration_minutes INTEGER GENERATED ALWAYS AS (CAST(round((julianday(end_time) - julianday(start_time)) * 1440.0) AS INTEGER)) STORED,
  max_attendees INTEGER,
  current_registrations INTEGER DEFAULT 0,
  registration_required INTEGER DEFAULT 0 CONSTRAINT registration_required CHECK (registration_required IN (0, 1)),
  registration_deadline TEXT CONSTRAINT registration_deadline CHECK (registration_deadline GLOB '????-??-??T??:??:??.??????Z'),
  materials_urls TEXT CONSTRAINT materials_urls CHECK (materials_urls IS NULL OR CASE WHEN json_valid(materials_urls) THEN json_type(materials_urls) = 'array' ELSE 0 END),
  recording_url TEXT,
  chat_enabled INTEGER DEFAULT 1 CONSTRAINT chat_enabled CHECK (chat_enabled IN (0, 1)),
  status TEXT DEFAULT 'scheduled' CONSTRAINT status CHECK (status IN ('scheduled', 'live', 'completed', 'cancelled')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;
INSERT INTO sessions_v12 (rowid, id, account_id, event_id, speaker_id, venue_id, title, description, session_type, difficulty_level, start_time, end_time, max_attendees, current_registrations, registration_required, registration_deadline, materials_urls, recording_url, chat_enabled, status, created_at, updated_at)
  SELECT rowid, id, account_id, event_id, speaker_id, venue_id, title, description, session_type, difficulty_level, start_time, end_time, max_attendees, current_registrations, registration_required, registration_deadline, materials_urls, recording_url, chat_enabled, status, created_at, updated_at FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_v12 RENAME TO sessions;

CREATE INDEX idx_events_account ON events(account_id);
CREATE INDEX idx_events_organizer ON events(organizer_id);
CREATE INDEX idx_events_start_at ON events(start_at);
CREATE INDEX idx_events_status ON events(status);
CREATE INDEX idx_events_venue ON events(venue_id);
CREATE INDEX idx_sessions_account ON sessions(account_id);
CREATE INDEX idx_sessions_event ON sessions(event_id, start_time);
CREATE INDEX idx_sessions_speaker ON sessions(speaker_id);

CREATE VIEW event_stats AS
SELECT
  event_id,
  event_name,
  capacity,
  sold AS tickets_sold,
  capacity - sold AS tickets_available,
  active AS tickets_active,
  used AS tickets_used,
  cancelled AS tickets_cancelled
FROM (
  SELECT
    e.id AS event_id,
    e.name AS event_name,
    e.capacity AS capacity,
    (SELECT count(*) FROM tickets t WHERE t.event_id = e.id AND t.status IN ('active', 'used')) AS sold,
    (SELECT count(*) FROM tickets t WHERE t.event_id = e.id AND t.status = 'active') AS active,
    (SELECT count(*) FROM tickets t WHERE t.event_id = e.id AND t.status = 'used') AS used,
    (SELECT count(*) FROM tickets t WHERE t.event_id = e.id AND t.status = 'cancelled') AS cancelled
  FROM events e
);

CREATE TABLE fashion_designers (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  brand_name TEXT,
  organizer_id TEXT REFERENCES crm_organizers(id) ON DELETE SET NULL,
  contact_email TEXT,
  contact_phone TEXT,
  website TEXT,
  social_links TEXT DEFAULT '{}' CONSTRAINT social_links CHECK (json_valid(social_links)),
  bio TEXT,
  categories TEXT DEFAULT '[]' CONSTRAINT categories CHECK (categories IS NULL OR CASE WHEN json_valid(categories) THEN json_type(categories) = 'array' ELSE 0 END),
  status TEXT NOT NULL DEFAULT 'prospect' CONSTRAINT status CHECK (status IN ('prospect', 'confirmed', 'inactive')),
  tags TEXT DEFAULT '[]' CONSTRAINT tags CHECK (tags IS NULL OR CASE WHEN json_valid(tags) THEN json_type(tags) = 'array' ELSE 0 END),
  notes TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;
CREATE INDEX idx_fashion_designers_account ON fashion_designers(account_id);
CREATE INDEX idx_fashion_designers_organizer_id ON fashion_designers(organizer_id);
CREATE TRIGGER fashion_designers_categories_subset_ins BEFORE INSERT ON fashion_designers
WHEN NEW.categories IS NOT NULL AND json_valid(NEW.categories) AND EXISTS (
  SELECT 1 FROM json_each(NEW.categories) WHERE value NOT IN ('womenswear', 'menswear', 'unisex', 'couture', 'ready_to_wear', 'bridal', 'accessories', 'footwear', 'kidswear', 'swimwear', 'sustainable')
)
BEGIN
  SELECT RAISE(ABORT, 'CHECK constraint failed: categories');
END;
CREATE TRIGGER fashion_designers_categories_subset_upd BEFORE UPDATE OF categories ON fashion_designers
WHEN NEW.categories IS NOT NULL AND json_valid(NEW.categories) AND EXISTS (
  SELECT 1 FROM json_each(NEW.categories) WHERE value NOT IN ('womenswear', 'menswear', 'unisex', 'couture', 'ready_to_wear', 'bridal', 'accessories', 'footwear', 'kidswear', 'swimwear', 'sustainable')
)
BEGIN
  SELECT RAISE(ABORT, 'CHECK constraint failed: categories');
END;

CREATE TABLE models (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  full_name TEXT NOT NULL,
  stage_name TEXT,
  agency_id TEXT REFERENCES crm_organizers(id) ON DELETE SET NULL,
  agency_name TEXT,
  email TEXT,
  phone TEXT,
  divisions TEXT DEFAULT '[]' CONSTRAINT divisions CHECK (divisions IS NULL OR CASE WHEN json_valid(divisions) THEN json_type(divisions) = 'array' ELSE 0 END),
  height_cm INTEGER CONSTRAINT height_cm CHECK (height_cm BETWEEN 50 AND 250),
  bust_cm INTEGER CONSTRAINT bust_cm CHECK (bust_cm BETWEEN 30 AND 200),
  waist_cm INTEGER CONSTRAINT waist_cm CHECK (waist_cm BETWEEN 30 AND 200),
  hips_cm INTEGER CONSTRAINT hips_cm CHECK (hips_cm BETWEEN 30 AND 200),
  shoe_size TEXT,
  dress_size TEXT,
  hair_color TEXT,
  eye_color TEXT,
  is_minor INTEGER NOT NULL DEFAULT 0 CONSTRAINT is_minor CHECK (is_minor IN (0, 1)),
  day_rate_cents INTEGER CONSTRAINT day_rate_cents CHECK (day_rate_cents >= 0),
  portfolio_url TEXT,
  instagram_handle TEXT,
  status TEXT NOT NULL DEFAULT 'active' CONSTRAINT status CHECK (status IN ('active', 'on_hold', 'inactive')),
  tags TEXT DEFAULT '[]' CONSTRAINT tags CHECK (tags IS NULL OR CASE WHEN json_valid(tags) THEN json_type(tags) = 'array' ELSE 0 END),
  notes TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;
CREATE INDEX idx_models_account ON models(account_id);
CREATE INDEX idx_models_agency_id ON models(agency_id);
CREATE TRIGGER models_divisions_subset_ins BEFORE INSERT ON models
WHEN NEW.divisions IS NOT NULL AND json_valid(NEW.divisions) AND EXISTS (
  SELECT 1 FROM json_each(NEW.divisions) WHERE value NOT IN ('women', 'men', 'non_binary', 'curve', 'petite', 'kids', 'mature')
)
BEGIN
  SELECT RAISE(ABORT, 'CHECK constraint failed: divisions');
END;
CREATE TRIGGER models_divisions_subset_upd BEFORE UPDATE OF divisions ON models
WHEN NEW.divisions IS NOT NULL AND json_valid(NEW.divisions) AND EXISTS (
  SELECT 1 FROM json_each(NEW.divisions) WHERE value NOT IN ('women', 'men', 'non_binary', 'curve', 'petite', 'kids', 'mature')
)
BEGIN
  SELECT RAISE(ABORT, 'CHECK constraint failed: divisions');
END;

CREATE TABLE production_runs (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  designer_id TEXT REFERENCES fashion_designers(id),
  title TEXT NOT NULL,
  collection_season TEXT,
  run_order INTEGER NOT NULL CONSTRAINT run_order CHECK (run_order >= 1),
  planned_start_at TEXT CONSTRAINT planned_start_at CHECK (planned_start_at GLOB '????-??-??T??:??:??.??????Z'),
  duration_minutes INTEGER CONSTRAINT duration_minutes CHECK (duration_minutes BETWEEN 1 AND 600),
  music TEXT,
  lighting_notes TEXT,
  status TEXT NOT NULL DEFAULT 'planning' CONSTRAINT status CHECK (status IN ('planning', 'casting', 'fittings', 'rehearsed', 'ready', 'shown', 'cancelled')),
  producer_id TEXT REFERENCES profiles(id) ON DELETE SET NULL,
  notes TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;
CREATE INDEX idx_production_runs_account ON production_runs(account_id);
CREATE INDEX idx_production_runs_event_id ON production_runs(event_id);
CREATE INDEX idx_production_runs_designer_id ON production_runs(designer_id);
CREATE UNIQUE INDEX uq_production_runs_session_id_run_order ON production_runs(session_id, run_order);

CREATE TABLE production_run_models (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  production_run_id TEXT NOT NULL REFERENCES production_runs(id) ON DELETE CASCADE,
  model_id TEXT NOT NULL REFERENCES models(id),
  call_at TEXT NOT NULL CONSTRAINT call_at CHECK (call_at GLOB '????-??-??T??:??:??.??????Z'),
  fitting_at TEXT CONSTRAINT fitting_at CHECK (fitting_at GLOB '????-??-??T??:??:??.??????Z'),
  hair_makeup_at TEXT CONSTRAINT hair_makeup_at CHECK (hair_makeup_at GLOB '????-??-??T??:??:??.??????Z'),
  released_at TEXT CONSTRAINT released_at CHECK (released_at GLOB '????-??-??T??:??:??.??????Z'),
  status TEXT NOT NULL DEFAULT 'booked' CONSTRAINT status CHECK (status IN ('booked', 'confirmed', 'arrived', 'released', 'no_show', 'cancelled')),
  fee_cents INTEGER CONSTRAINT fee_cents CHECK (fee_cents >= 0),
  chaperone_name TEXT,
  notes TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;
CREATE INDEX idx_production_run_models_account ON production_run_models(account_id);
CREATE INDEX idx_production_run_models_model_id ON production_run_models(model_id);
CREATE INDEX idx_production_run_models_event_id_call_at ON production_run_models(event_id, call_at);
CREATE UNIQUE INDEX uq_production_run_models_production_run_id_model_id ON production_run_models(production_run_id, model_id);

CREATE TABLE production_looks (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  production_run_id TEXT NOT NULL REFERENCES production_runs(id) ON DELETE CASCADE,
  look_number INTEGER NOT NULL CONSTRAINT look_number CHECK (look_number >= 1),
  model_id TEXT REFERENCES models(id) ON DELETE SET NULL,
  title TEXT,
  garments TEXT DEFAULT '[]' CONSTRAINT garments CHECK (json_valid(garments)),
  accessories TEXT,
  change_type TEXT NOT NULL DEFAULT 'none' CONSTRAINT change_type CHECK (change_type IN ('none', 'quick', 'full')),
  dresser_name TEXT,
  hair_makeup_notes TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;
CREATE INDEX idx_production_looks_account ON production_looks(account_id);
CREATE INDEX idx_production_looks_event_id ON production_looks(event_id);
CREATE INDEX idx_production_looks_model_id ON production_looks(model_id);
CREATE UNIQUE INDEX uq_production_looks_production_run_id_look_number ON production_looks(production_run_id, look_number);

CREATE TABLE social_media_platforms (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  slug TEXT NOT NULL,
  profile_url_template TEXT,
  account_handle TEXT,
  sort_order INTEGER NOT NULL DEFAULT 0,
  is_active INTEGER NOT NULL DEFAULT 1 CONSTRAINT is_active CHECK (is_active IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;
CREATE INDEX idx_social_media_platforms_account ON social_media_platforms(account_id);
CREATE UNIQUE INDEX uq_social_media_platforms_account_id_slug ON social_media_platforms(account_id, slug);

CREATE TABLE media_partners (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  outlet_name TEXT NOT NULL,
  organizer_id TEXT REFERENCES crm_organizers(id) ON DELETE SET NULL,
  contact_name TEXT,
  contact_email TEXT,
  contact_phone TEXT,
  partnership_type TEXT NOT NULL CONSTRAINT partnership_type CHECK (partnership_type IN ('official_media_partner', 'press', 'broadcast', 'livestream', 'photography', 'print', 'online', 'podcast')),
  deliverables TEXT,
  audience_reach INTEGER CONSTRAINT audience_reach CHECK (audience_reach >= 0),
  in_kind_value_cents INTEGER CONSTRAINT in_kind_value_cents CHECK (in_kind_value_cents >= 0),
  fee_cents INTEGER CONSTRAINT fee_cents CHECK (fee_cents >= 0),
  press_passes INTEGER NOT NULL DEFAULT 0 CONSTRAINT press_passes CHECK (press_passes >= 0),
  status TEXT NOT NULL DEFAULT 'proposed' CONSTRAINT status CHECK (status IN ('proposed', 'confirmed', 'cancelled', 'completed')),
  coverage_urls TEXT DEFAULT '[]' CONSTRAINT coverage_urls CHECK (coverage_urls IS NULL OR CASE WHEN json_valid(coverage_urls) THEN json_type(coverage_urls) = 'array' ELSE 0 END),
  notes TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;
CREATE INDEX idx_media_partners_account ON media_partners(account_id);
CREATE INDEX idx_media_partners_event_id ON media_partners(event_id);
CREATE INDEX idx_media_partners_organizer_id ON media_partners(organizer_id);

CREATE TABLE influencers (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  full_name TEXT NOT NULL,
  handle TEXT NOT NULL,
  platform_id TEXT REFERENCES social_media_platforms(id) ON DELETE SET NULL,
  follower_count INTEGER CONSTRAINT follower_count CHECK (follower_count >= 0),
  engagement_rate TEXT,
  niches TEXT DEFAULT '[]' CONSTRAINT niches CHECK (niches IS NULL OR CASE WHEN json_valid(niches) THEN json_type(niches) = 'array' ELSE 0 END),
  email TEXT,
  phone TEXT,
  agency_id TEXT REFERENCES crm_organizers(id) ON DELETE SET NULL,
  rate_cents INTEGER CONSTRAINT rate_cents CHECK (rate_cents >= 0),
  other_handles TEXT DEFAULT '{}' CONSTRAINT other_handles CHECK (json_valid(other_handles)),
  status TEXT NOT NULL DEFAULT 'prospect' CONSTRAINT status CHECK (status IN ('prospect', 'active', 'inactive')),
  notes TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;
CREATE INDEX idx_influencers_account ON influencers(account_id);
CREATE INDEX idx_influencers_platform_id ON influencers(platform_id);
CREATE INDEX idx_influencers_agency_id ON influencers(agency_id);
CREATE UNIQUE INDEX uq_influencers_account_id_platform_id_handle ON influencers(account_id, platform_id, lower(handle));

CREATE TABLE event_influencers (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  influencer_id TEXT NOT NULL REFERENCES influencers(id) ON DELETE CASCADE,
  campaign_id TEXT REFERENCES campaigns(id) ON DELETE SET NULL,
  attendee_id TEXT REFERENCES attendees(id) ON DELETE SET NULL,
  role TEXT NOT NULL DEFAULT 'guest' CONSTRAINT role CHECK (role IN ('guest', 'front_row', 'content_creator', 'host', 'ambassador')),
  deliverables TEXT,
  posts_required INTEGER NOT NULL DEFAULT 0 CONSTRAINT posts_required CHECK (posts_required >= 0),
  posts_delivered INTEGER NOT NULL DEFAULT 0 CONSTRAINT posts_delivered CHECK (posts_delivered >= 0),
  fee_cents INTEGER CONSTRAINT fee_cents CHECK (fee_cents >= 0),
  status TEXT NOT NULL DEFAULT 'invited' CONSTRAINT status CHECK (status IN ('invited', 'confirmed', 'attended', 'declined', 'cancelled')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;
CREATE INDEX idx_event_influencers_account ON event_influencers(account_id);
CREATE INDEX idx_event_influencers_influencer_id ON event_influencers(influencer_id);
CREATE INDEX idx_event_influencers_campaign_id ON event_influencers(campaign_id);
CREATE INDEX idx_event_influencers_attendee_id ON event_influencers(attendee_id);
CREATE UNIQUE INDEX uq_event_influencers_event_id_influencer_id ON event_influencers(event_id, influencer_id);

CREATE TABLE event_logistics (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  category TEXT NOT NULL CONSTRAINT category CHECK (category IN ('transport', 'equipment', 'catering', 'staffing', 'security', 'setup', 'teardown', 'accommodation', 'permits', 'other')),
  title TEXT NOT NULL,
  description TEXT,
  vendor_id TEXT REFERENCES crm_organizers(id) ON DELETE SET NULL,
  vendor_name TEXT,
  location TEXT,
  quantity INTEGER CONSTRAINT quantity CHECK (quantity >= 0),
  scheduled_at TEXT CONSTRAINT scheduled_at CHECK (scheduled_at GLOB '????-??-??T??:??:??.??????Z'),
  ends_at TEXT CONSTRAINT ends_at CHECK (ends_at GLOB '????-??-??T??:??:??.??????Z' AND ends_at > scheduled_at),
  status TEXT NOT NULL DEFAULT 'planned' CONSTRAINT status CHECK (status IN ('planned', 'requested', 'confirmed', 'in_progress', 'done', 'cancelled')),
  owner_id TEXT REFERENCES profiles(id) ON DELETE SET NULL,
  expense_id TEXT REFERENCES event_expenses(id) ON DELETE SET NULL,
  notes TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;
CREATE INDEX idx_event_logistics_account ON event_logistics(account_id);
CREATE INDEX idx_event_logistics_event_id_scheduled_at ON event_logistics(event_id, scheduled_at);
CREATE INDEX idx_event_logistics_vendor_id ON event_logistics(vendor_id);
CREATE INDEX idx_event_logistics_expense_id ON event_logistics(expense_id);

CREATE TABLE event_planning (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  description TEXT,
  kind TEXT NOT NULL DEFAULT 'task' CONSTRAINT kind CHECK (kind IN ('task', 'milestone', 'approval')),
  phase TEXT CONSTRAINT phase CHECK (phase IN ('concept', 'pre_production', 'marketing', 'production', 'event_day', 'post_event')),
  status TEXT NOT NULL DEFAULT 'not_started' CONSTRAINT status CHECK (status IN ('not_started', 'in_progress', 'blocked', 'done', 'cancelled')),
  priority TEXT NOT NULL DEFAULT 'normal' CONSTRAINT priority CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  assigned_to TEXT REFERENCES profiles(id) ON DELETE SET NULL,
  start_date TEXT CONSTRAINT start_date CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  due_date TEXT CONSTRAINT due_date CHECK (due_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  completed_at TEXT CONSTRAINT completed_at CHECK (completed_at GLOB '????-??-??T??:??:??.??????Z'),
  depends_on_id TEXT REFERENCES event_planning(id) ON DELETE SET NULL,
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;
CREATE INDEX idx_event_planning_account ON event_planning(account_id);
CREATE INDEX idx_event_planning_event_id_due_date ON event_planning(event_id, due_date);
CREATE INDEX idx_event_planning_assigned_to ON event_planning(assigned_to);
CREATE INDEX idx_event_planning_depends_on_id ON event_planning(depends_on_id);

CREATE TABLE event_risks (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  description TEXT,
  category TEXT CONSTRAINT category CHECK (category IN ('safety', 'security', 'weather', 'financial', 'supplier', 'technical', 'health', 'legal', 'reputational', 'other')),
  likelihood INTEGER NOT NULL CONSTRAINT likelihood CHECK (likelihood BETWEEN 1 AND 5),
  impact INTEGER NOT NULL CONSTRAINT impact CHECK (impact BETWEEN 1 AND 5),
  risk_score INTEGER GENERATED ALWAYS AS (likelihood * impact) STORED,
  owner_id TEXT REFERENCES profiles(id) ON DELETE SET NULL,
  mitigation TEXT,
  contingency TEXT,
  status TEXT NOT NULL DEFAULT 'open' CONSTRAINT status CHECK (status IN ('open', 'mitigating', 'accepted', 'closed', 'occurred')),
  review_date TEXT CONSTRAINT review_date CHECK (review_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  raised_by TEXT REFERENCES profiles(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;
CREATE INDEX idx_event_risks_account ON event_risks(account_id);
CREATE INDEX idx_event_risks_event_id_status ON event_risks(event_id, status);

CREATE TABLE event_xpls (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  field_key TEXT NOT NULL,
  label TEXT,
  value_type TEXT NOT NULL DEFAULT 'text' CONSTRAINT value_type CHECK (value_type IN ('text', 'number', 'date', 'boolean', 'url', 'json')),
  field_value TEXT,
  visibility TEXT NOT NULL DEFAULT 'internal' CONSTRAINT visibility CHECK (visibility IN ('internal', 'public')),
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;
CREATE INDEX idx_event_xpls_account ON event_xpls(account_id);
CREATE UNIQUE INDEX uq_event_xpls_event_id_field_key ON event_xpls(event_id, field_key);

CREATE TABLE meeting_types (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT,
  duration_minutes INTEGER NOT NULL DEFAULT 30 CONSTRAINT duration_minutes CHECK (duration_minutes BETWEEN 5 AND 480),
  location_kind TEXT NOT NULL DEFAULT 'video' CONSTRAINT location_kind CHECK (location_kind IN ('in_person', 'video', 'phone')),
  default_location TEXT,
  buffer_minutes INTEGER NOT NULL DEFAULT 0 CONSTRAINT buffer_minutes CHECK (buffer_minutes BETWEEN 0 AND 240),
  color TEXT,
  is_active INTEGER NOT NULL DEFAULT 1 CONSTRAINT is_active CHECK (is_active IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;
CREATE INDEX idx_meeting_types_account ON meeting_types(account_id);
CREATE UNIQUE INDEX uq_meeting_types_account_id_name ON meeting_types(account_id, name);

