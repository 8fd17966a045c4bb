-- Meeting bookings (issue 17, docs/SCHEMA.md §N6): a sales rep's meeting of a type with a guest,
-- maybe a CRM contact, company, deal or event. Each booking has its CRM activity (a meeting on
-- the host's timeline, My day and the reminders), written with it by the store
-- (crates/store/src/meetings.rs). The server's 20261208000200_meeting_bookings.sql has the same.

CREATE TABLE meeting_bookings (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  meeting_type_id TEXT NOT NULL REFERENCES meeting_types(id),
  event_id TEXT REFERENCES events(id) ON DELETE SET NULL,
  host_id TEXT NOT NULL REFERENCES profiles(id),
  organizer_id TEXT REFERENCES crm_organizers(id) ON DELETE SET NULL,
  contact_id TEXT REFERENCES crm_contacts(id) ON DELETE SET NULL,
  opportunity_id TEXT REFERENCES crm_opportunities(id) ON DELETE SET NULL,
  guest_name TEXT NOT NULL,
  guest_email TEXT,
  guest_phone TEXT,
  starts_at TEXT NOT NULL CONSTRAINT starts_at CHECK (starts_at GLOB '????-??-??T??:??:??.??????Z'),
  ends_at TEXT NOT NULL CONSTRAINT ends_at CHECK (ends_at GLOB '????-??-??T??:??:??.??????Z' AND ends_at > starts_at),
  location TEXT,
  meeting_url TEXT,
  status TEXT NOT NULL DEFAULT 'confirmed' CONSTRAINT status CHECK (status IN ('requested', 'confirmed', 'cancelled', 'completed', 'no_show')),
  source TEXT NOT NULL DEFAULT 'app' CONSTRAINT source CHECK (source IN ('app', 'web', 'import')),
  cancel_reason TEXT,
  activity_id TEXT REFERENCES crm_activities(id) ON DELETE SET NULL,
  notes TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;
CREATE INDEX idx_meeting_bookings_account ON meeting_bookings(account_id);
CREATE INDEX idx_meeting_bookings_host_id_starts_at ON meeting_bookings(host_id, starts_at);
CREATE INDEX idx_meeting_bookings_meeting_type_id ON meeting_bookings(meeting_type_id);
CREATE INDEX idx_meeting_bookings_event_id ON meeting_bookings(event_id);
CREATE INDEX idx_meeting_bookings_organizer_id ON meeting_bookings(organizer_id);
CREATE INDEX idx_meeting_bookings_contact_id ON meeting_bookings(contact_id);
CREATE INDEX idx_meeting_bookings_opportunity_id ON meeting_bookings(opportunity_id);
CREATE UNIQUE INDEX uq_meeting_bookings_activity_id ON meeting_bookings(activity_id);

