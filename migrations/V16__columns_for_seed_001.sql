-- Columns seed 001 needs on tables we had (issue 17, docs/SCHEMA.md §A): accounts' invoicing
-- and locale (A1), people's preferences (A2), virtual venues (A4), a registration's user and
-- answers (A7), feedback from people other than attendees (A11), a team member's post and
-- shift (A13), the roles a company plays (A14) and notes on events (A15). The server's
-- 20261208000500_columns_for_seed_001.sql adds the same.

ALTER TABLE accounts ADD COLUMN legal_name TEXT;
ALTER TABLE accounts ADD COLUMN address TEXT DEFAULT '{}' CONSTRAINT address CHECK (json_valid(address));
ALTER TABLE accounts ADD COLUMN tax_number TEXT;
ALTER TABLE accounts ADD COLUMN default_currency TEXT NOT NULL DEFAULT 'CAD';
ALTER TABLE accounts ADD COLUMN timezone TEXT;
ALTER TABLE accounts ADD COLUMN locale TEXT NOT NULL DEFAULT 'en-CA';
ALTER TABLE accounts ADD COLUMN invoice_series TEXT NOT NULL DEFAULT 'INV';
ALTER TABLE accounts ADD COLUMN logo_storage_path TEXT;
ALTER TABLE profiles ADD COLUMN preferences TEXT DEFAULT '{}' CONSTRAINT preferences CHECK (json_valid(preferences));
ALTER TABLE venues ADD COLUMN kind TEXT NOT NULL DEFAULT 'physical' CONSTRAINT kind CHECK (kind IN ('physical', 'virtual', 'hybrid'));
ALTER TABLE venues ADD COLUMN online_url TEXT;
ALTER TABLE attendees ADD COLUMN profile_id TEXT REFERENCES profiles(id) ON DELETE SET NULL;
ALTER TABLE attendees ADD COLUMN answers TEXT DEFAULT '{}' CONSTRAINT answers CHECK (json_valid(answers));
ALTER TABLE event_feedback ADD COLUMN profile_id TEXT REFERENCES profiles(id) ON DELETE SET NULL;
ALTER TABLE event_feedback ADD COLUMN respondent_type TEXT NOT NULL DEFAULT 'attendee' CONSTRAINT respondent_type CHECK (respondent_type IN ('attendee', 'staff', 'sponsor', 'designer', 'model', 'partner', 'other'));
ALTER TABLE event_teams ADD COLUMN position TEXT;
ALTER TABLE event_teams ADD COLUMN shift_start_at TEXT CONSTRAINT shift_start_at CHECK (shift_start_at GLOB '????-??-??T??:??:??.??????Z');
ALTER TABLE event_teams ADD COLUMN shift_end_at TEXT CONSTRAINT shift_end_at CHECK (shift_end_at GLOB '????-??-??T??:??:??.??????Z' AND shift_end_at > shift_start_at);
ALTER TABLE crm_organizers ADD COLUMN company_roles TEXT NOT NULL DEFAULT '["client"]' CONSTRAINT company_roles CHECK (company_roles IS NULL OR CASE WHEN json_valid(company_roles) THEN json_type(company_roles) = 'array' ELSE 0 END);
ALTER TABLE crm_notes ADD COLUMN event_id TEXT REFERENCES events(id) ON DELETE CASCADE;
CREATE INDEX idx_attendees_profile ON attendees(profile_id);
CREATE INDEX idx_notes_event ON crm_notes(event_id);

-- text[] <@ ARRAY[...] (SQLite CHECK cannot hold a subquery).
CREATE TRIGGER crm_organizers_company_roles_subset_ins BEFORE INSERT ON crm_organizers
WHEN NEW.company_roles IS NOT NULL AND json_valid(NEW.company_roles) AND EXISTS (
  SELECT 1 FROM json_each(NEW.company_roles) WHERE value NOT IN ('client', 'sponsor', 'vendor', 'agency', 'media', 'designer_house', 'venue', 'partner')
)
BEGIN
  SELECT RAISE(ABORT, 'CHECK constraint failed: company_roles');
END;
CREATE TRIGGER crm_organizers_company_roles_subset_upd BEFORE UPDATE OF company_roles ON crm_organizers
WHEN NEW.company_roles IS NOT NULL AND json_valid(NEW.company_roles) AND EXISTS (
  SELECT 1 FROM json_each(NEW.company_roles) WHERE value NOT IN ('client', 'sponsor', 'vendor', 'agency', 'media', 'designer_house', 'venue', 'partner')
)
BEGIN
  SELECT RAISE(ABORT, 'CHECK constraint failed: company_roles');
END;
