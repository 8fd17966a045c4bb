-- EventOS local replica, schema version 1.
-- Tables, columns, CHECK lists and foreign keys follow ../shared/seeds (003 > 002/004 > 000 > 001),
-- with the type mapping of the design brief: uuid/timestamptz/date/numeric/jsonb/arrays as TEXT,
-- booleans as INTEGER 0/1. Tenancy (seed 000) is added on top: every row of an account's data
-- carries account_id. CHECK constraints are named after the column they guard, so a violation
-- reads "CHECK constraint failed: <column>" and the store can name the field.
-- Timestamps are RFC 3339 UTC with microseconds and 'Z' so that they sort as text.

CREATE TABLE accounts (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  name TEXT NOT NULL,
  slug TEXT NOT NULL UNIQUE,
  plan TEXT NOT NULL DEFAULT 'free' CONSTRAINT plan CHECK (plan IN ('free', 'starter', 'pro', 'enterprise')),
  status TEXT NOT NULL DEFAULT 'active' CONSTRAINT status CHECK (status IN ('active', 'suspended', 'cancelled')),
  billing_email TEXT,
  settings TEXT DEFAULT '{}' CONSTRAINT settings CHECK (json_valid(settings)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;

-- Seed 003: extends auth.users. A person can belong to several accounts (account_users), so
-- profiles are the one table without account_id.
CREATE TABLE profiles (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  email TEXT,
  full_name TEXT,
  phone TEXT,
  company TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;

CREATE TABLE account_users (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  role TEXT NOT NULL DEFAULT 'member' CONSTRAINT role CHECK (role IN ('owner', 'admin', 'manager', 'member', 'viewer')),
  status TEXT NOT NULL DEFAULT 'active' CONSTRAINT status CHECK (status IN ('invited', 'active', 'suspended')),
  invited_by TEXT REFERENCES profiles(id) ON DELETE SET NULL,
  joined_at TEXT CONSTRAINT joined_at CHECK (joined_at GLOB '????-??-??T??:??:??.??????Z'),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z'),
  UNIQUE (account_id, user_id)
) STRICT;

CREATE TABLE venues (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  address TEXT,
  city TEXT DEFAULT 'Toronto',
  postal_code TEXT,
  capacity INTEGER CONSTRAINT capacity CHECK (capacity BETWEEN 10 AND 50000),
  amenities TEXT DEFAULT '{}' CONSTRAINT amenities CHECK (json_valid(amenities)),
  contact_email TEXT,
  contact_phone TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;

CREATE TABLE events (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  organizer_id TEXT NOT NULL REFERENCES profiles(id),
  venue_id TEXT REFERENCES venues(id) ON DELETE SET NULL,
  name TEXT NOT NULL,
  slug TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL CONSTRAINT type CHECK (type IN ('conference', 'seminar', 'workshop', 'networking')),
  description TEXT,
  start_at TEXT NOT NULL CONSTRAINT start_at CHECK (start_at GLOB '????-??-??T??:??:??.??????Z'),
  end_at TEXT NOT NULL CONSTRAINT end_at CHECK (end_at GLOB '????-??-??T??:??:??.??????Z' AND end_at > start_at),
  capacity INTEGER NOT NULL CONSTRAINT capacity CHECK (capacity BETWEEN 10 AND 10000),
  price_cents INTEGER NOT NULL DEFAULT 0 CONSTRAINT price_cents CHECK (price_cents >= 0),
  status TEXT NOT NULL DEFAULT 'draft' CONSTRAINT status CHECK (status IN ('draft', 'published', 'cancelled', 'completed')),
  visibility TEXT NOT NULL DEFAULT 'public' CONSTRAINT visibility CHECK (visibility IN ('public', 'private')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;

CREATE TABLE orders (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  customer_id TEXT REFERENCES profiles(id) ON DELETE SET NULL,
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  order_number TEXT NOT NULL UNIQUE,
  quantity INTEGER NOT NULL CONSTRAINT quantity CHECK (quantity BETWEEN 1 AND 20),
  unit_price_cents INTEGER NOT NULL CONSTRAINT unit_price_cents CHECK (unit_price_cents >= 0),
  total_cents INTEGER NOT NULL CONSTRAINT total_cents CHECK (total_cents = quantity * unit_price_cents),
  payment_status TEXT NOT NULL DEFAULT 'pending' CONSTRAINT payment_status CHECK (payment_status IN ('pending', 'paid', 'failed', 'refunded')),
  stripe_payment_intent_id TEXT UNIQUE,
  paid_at TEXT CONSTRAINT paid_at CHECK (paid_at GLOB '????-??-??T??:??:??.??????Z'),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;

CREATE TABLE attendees (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  order_id TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  full_name TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;

CREATE TABLE tickets (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  order_id TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  attendee_id TEXT REFERENCES attendees(id) ON DELETE SET NULL,
  ticket_number TEXT NOT NULL UNIQUE,
  qr_code TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL DEFAULT 'active' CONSTRAINT status CHECK (status IN ('active', 'used', 'cancelled', 'refunded')),
  checked_in_at TEXT CONSTRAINT checked_in_at CHECK (checked_in_at GLOB '????-??-??T??:??:??.??????Z'),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;

-- Seed 002: twelve event-management tables.

CREATE TABLE speakers (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id TEXT REFERENCES events(id) ON DELETE CASCADE,
  profile_id TEXT REFERENCES profiles(id) ON DELETE CASCADE,
  bio TEXT,
  expertise_areas TEXT CONSTRAINT expertise_areas CHECK (expertise_areas IS NULL OR CASE WHEN json_valid(expertise_areas) THEN json_type(expertise_areas) = 'array' ELSE 0 END),
  social_links TEXT CONSTRAINT social_links CHECK (json_valid(social_links)),
  headshot_url TEXT,
  presentation_title TEXT,
  presentation_description TEXT,
  presentation_duration INTEGER,
  presentation_slides_url TEXT,
  status TEXT DEFAULT 'pending' CONSTRAINT status CHECK (status IN ('pending', 'confirmed', 'cancelled')),
  speaker_fee TEXT,
  travel_arrangements TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;

CREATE TABLE sessions (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id TEXT REFERENCES events(id) ON DELETE CASCADE,
  speaker_id TEXT REFERENCES speakers(id) ON DELETE SET NULL,
  venue_id TEXT REFERENCES venues(id) ON DELETE SET NULL,
  title TEXT NOT NULL,
  description TEXT,
  session_type TEXT CONSTRAINT session_type CHECK (session_type IN ('keynote', 'workshop', 'panel', 'networking', 'break')),
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

CREATE TABLE sponsors (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id TEXT REFERENCES events(id) ON DELETE CASCADE,
  company_name TEXT NOT NULL,
  contact_name TEXT,
  contact_email TEXT,
  contact_phone TEXT,
  sponsorship_tier TEXT CONSTRAINT sponsorship_tier CHECK (sponsorship_tier IN ('platinum', 'gold', 'silver', 'bronze', 'partner')),
  sponsorship_amount TEXT,
  benefits_included TEXT CONSTRAINT benefits_included CHECK (benefits_included IS NULL OR CASE WHEN json_valid(benefits_included) THEN json_type(benefits_included) = 'array' ELSE 0 END),
  logo_url TEXT,
  website_url TEXT,
  marketing_materials TEXT CONSTRAINT marketing_materials CHECK (json_valid(marketing_materials)),
  social_media_links TEXT CONSTRAINT social_media_links CHECK (json_valid(social_media_links)),
  status TEXT DEFAULT 'pending' CONSTRAINT status CHECK (status IN ('pending', 'confirmed', 'cancelled')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;

CREATE TABLE event_feedback (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id TEXT REFERENCES events(id) ON DELETE CASCADE,
  attendee_id TEXT REFERENCES attendees(id) ON DELETE CASCADE,
  session_id TEXT REFERENCES sessions(id) ON DELETE CASCADE,
  overall_rating INTEGER CONSTRAINT overall_rating CHECK (overall_rating BETWEEN 1 AND 5),
  content_rating INTEGER CONSTRAINT content_rating CHECK (content_rating BETWEEN 1 AND 5),
  speaker_rating INTEGER CONSTRAINT speaker_rating CHECK (speaker_rating BETWEEN 1 AND 5),
  venue_rating INTEGER CONSTRAINT venue_rating CHECK (venue_rating BETWEEN 1 AND 5),
  organization_rating INTEGER CONSTRAINT organization_rating CHECK (organization_rating BETWEEN 1 AND 5),
  comments TEXT,
  suggestions TEXT,
  best_aspects TEXT,
  improvement_areas TEXT,
  is_anonymous INTEGER DEFAULT 0 CONSTRAINT is_anonymous CHECK (is_anonymous IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;

CREATE TABLE networking_connections (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id TEXT REFERENCES events(id) ON DELETE CASCADE,
  requester_id TEXT REFERENCES attendees(id) ON DELETE CASCADE,
  target_id TEXT REFERENCES attendees(id) ON DELETE CASCADE,
  connection_type TEXT CONSTRAINT connection_type CHECK (connection_type IN ('business', 'collaboration', 'mentorship', 'friendship')),
  status TEXT DEFAULT 'pending' CONSTRAINT status CHECK (status IN ('pending', 'accepted', 'declined', 'blocked')),
  message TEXT,
  meeting_requested INTEGER DEFAULT 0 CONSTRAINT meeting_requested CHECK (meeting_requested IN (0, 1)),
  meeting_scheduled TEXT CONSTRAINT meeting_scheduled CHECK (meeting_scheduled GLOB '????-??-??T??:??:??.??????Z'),
  meeting_location TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z'),
  UNIQUE (event_id, requester_id, target_id)
) STRICT;

CREATE TABLE event_checkins (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id TEXT REFERENCES events(id) ON DELETE CASCADE,
  attendee_id TEXT REFERENCES attendees(id) ON DELETE CASCADE,
  session_id TEXT REFERENCES sessions(id) ON DELETE SET NULL,
  check_in_time TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT check_in_time CHECK (check_in_time GLOB '????-??-??T??:??:??.??????Z'),
  check_out_time TEXT CONSTRAINT check_out_time CHECK (check_out_time GLOB '????-??-??T??:??:??.??????Z'),
  location TEXT,
  qr_code_scanned TEXT,
  check_in_method TEXT CONSTRAINT check_in_method CHECK (check_in_method IN ('qr_code', 'manual', 'nfc', 'app')),
  attendance_duration INTEGER,
  is_present INTEGER DEFAULT 1 CONSTRAINT is_present CHECK (is_present IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;

CREATE TABLE event_materials (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id TEXT REFERENCES events(id) ON DELETE CASCADE,
  session_id TEXT REFERENCES sessions(id) ON DELETE SET NULL,
  uploaded_by TEXT REFERENCES profiles(id) ON DELETE SET NULL,
  title TEXT NOT NULL,
  description TEXT,
  material_type TEXT CONSTRAINT material_type CHECK (material_type IN ('presentation', 'document', 'video', 'audio', 'image', 'link')),
  file_url TEXT,
  file_size INTEGER,
  file_format TEXT,
  download_count INTEGER DEFAULT 0,
  access_level TEXT DEFAULT 'public' CONSTRAINT access_level CHECK (access_level IN ('public', 'attendees_only', 'speakers_only', 'sponsors_only')),
  requires_download INTEGER DEFAULT 1 CONSTRAINT requires_download CHECK (requires_download IN (0, 1)),
  tags TEXT CONSTRAINT tags CHECK (tags IS NULL OR CASE WHEN json_valid(tags) THEN json_type(tags) = 'array' ELSE 0 END),
  language TEXT DEFAULT 'en',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;

CREATE TABLE event_announcements (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id TEXT REFERENCES events(id) ON DELETE CASCADE,
  author_id TEXT REFERENCES profiles(id) ON DELETE SET NULL,
  title TEXT NOT NULL,
  content TEXT NOT NULL,
  priority TEXT DEFAULT 'normal' CONSTRAINT priority CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  target_audience TEXT CONSTRAINT target_audience CHECK (target_audience IN ('all', 'attendees', 'speakers', 'sponsors', 'organizers')),
  -- uuid[] of sessions; Postgres cannot enforce element foreign keys either.
  target_sessions TEXT CONSTRAINT target_sessions CHECK (target_sessions IS NULL OR CASE WHEN json_valid(target_sessions) THEN json_type(target_sessions) = 'array' ELSE 0 END),
  -- text[] <@ ARRAY['email','push','in_app','sms']: checked by the triggers below.
  delivery_method TEXT CONSTRAINT delivery_method CHECK (delivery_method IS NULL OR CASE WHEN json_valid(delivery_method) THEN json_type(delivery_method) = 'array' ELSE 0 END),
  scheduled_for TEXT CONSTRAINT scheduled_for CHECK (scheduled_for GLOB '????-??-??T??:??:??.??????Z'),
  sent_at TEXT CONSTRAINT sent_at CHECK (sent_at GLOB '????-??-??T??:??:??.??????Z'),
  status TEXT DEFAULT 'draft' CONSTRAINT status CHECK (status IN ('draft', 'scheduled', 'sent', 'cancelled')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;

CREATE TABLE event_analytics (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id TEXT REFERENCES events(id) ON DELETE CASCADE,
  session_id TEXT REFERENCES sessions(id) ON DELETE SET NULL,
  metric_name TEXT NOT NULL,
  metric_value TEXT,
  metric_unit TEXT,
  measurement_time TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT measurement_time CHECK (measurement_time GLOB '????-??-??T??:??:??.??????Z'),
  data_source TEXT,
  dimension_1 TEXT,
  dimension_2 TEXT,
  dimension_3 TEXT,
  raw_data TEXT CONSTRAINT raw_data CHECK (json_valid(raw_data)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;

CREATE TABLE event_waitlists (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id TEXT REFERENCES events(id) ON DELETE CASCADE,
  attendee_id TEXT REFERENCES attendees(id) ON DELETE CASCADE,
  waitlist_position INTEGER,
  waitlist_reason TEXT,
  notify_on_availability INTEGER DEFAULT 1 CONSTRAINT notify_on_availability CHECK (notify_on_availability IN (0, 1)),
  notification_sent_at TEXT CONSTRAINT notification_sent_at CHECK (notification_sent_at GLOB '????-??-??T??:??:??.??????Z'),
  status TEXT DEFAULT 'waiting' CONSTRAINT status CHECK (status IN ('waiting', 'offered', 'converted', 'expired', 'cancelled')),
  expires_at TEXT CONSTRAINT expires_at CHECK (expires_at GLOB '????-??-??T??:??:??.??????Z'),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;

CREATE TABLE event_expenses (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id TEXT REFERENCES events(id) ON DELETE CASCADE,
  created_by TEXT REFERENCES profiles(id) ON DELETE SET NULL,
  expense_name TEXT NOT NULL,
  expense_category TEXT CONSTRAINT expense_category CHECK (expense_category IN ('venue', 'catering', 'speakers', 'marketing', 'technology', 'travel', 'miscellaneous')),
  description TEXT,
  amount TEXT NOT NULL,
  currency TEXT DEFAULT 'CAD',
  vendor_name TEXT,
  invoice_number TEXT,
  status TEXT DEFAULT 'pending' CONSTRAINT status CHECK (status IN ('pending', 'approved', 'rejected', 'paid')),
  approved_by TEXT REFERENCES profiles(id) ON DELETE SET NULL,
  approved_at TEXT CONSTRAINT approved_at CHECK (approved_at GLOB '????-??-??T??:??:??.??????Z'),
  payment_date TEXT CONSTRAINT payment_date CHECK (payment_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  receipt_url TEXT,
  invoice_url TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;

CREATE TABLE event_teams (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id TEXT REFERENCES events(id) ON DELETE CASCADE,
  member_id TEXT REFERENCES profiles(id) ON DELETE CASCADE,
  role TEXT NOT NULL CONSTRAINT role CHECK (role IN ('organizer', 'coordinator', 'volunteer', 'speaker_liaison', 'tech_support', 'registration', 'marketing')),
  -- text[] <@ ARRAY[...]: checked by the triggers below.
  permissions TEXT CONSTRAINT permissions CHECK (permissions IS NULL OR CASE WHEN json_valid(permissions) THEN json_type(permissions) = 'array' ELSE 0 END),
  assigned_by TEXT REFERENCES profiles(id) ON DELETE SET NULL,
  assigned_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT assigned_at CHECK (assigned_at GLOB '????-??-??T??:??:??.??????Z'),
  status TEXT DEFAULT 'active' CONSTRAINT status CHECK (status IN ('active', 'inactive', 'removed')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z'),
  UNIQUE (event_id, member_id)
) STRICT;

-- Seed 004: the CRM. References to auth.users point at profiles (1:1 with auth.users).

CREATE TABLE crm_organizers (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  company_name TEXT NOT NULL,
  industry TEXT,
  company_size TEXT CONSTRAINT company_size CHECK (company_size IN ('startup', 'small', 'medium', 'large', 'enterprise')),
  website TEXT,
  status TEXT DEFAULT 'active' CONSTRAINT status CHECK (status IN ('active', 'inactive', 'prospect', 'archived')),
  lead_source TEXT CONSTRAINT lead_source CHECK (lead_source IN ('referral', 'inbound', 'outbound', 'event', 'marketing', 'partner')),
  primary_email TEXT,
  primary_phone TEXT,
  address TEXT DEFAULT '{}' CONSTRAINT address CHECK (json_valid(address)),
  annual_events INTEGER DEFAULT 0,
  total_revenue TEXT DEFAULT '0.00',
  lifetime_value TEXT DEFAULT '0.00',
  engagement_score INTEGER DEFAULT 50 CONSTRAINT engagement_score CHECK (engagement_score BETWEEN 0 AND 100),
  health_score INTEGER DEFAULT 50 CONSTRAINT health_score CHECK (health_score BETWEEN 0 AND 100),
  churn_risk TEXT DEFAULT 'low' CONSTRAINT churn_risk CHECK (churn_risk IN ('low', 'medium', 'high')),
  event_history TEXT DEFAULT '[]' CONSTRAINT event_history CHECK (json_valid(event_history)),
  tags TEXT DEFAULT '[]' CONSTRAINT tags CHECK (tags IS NULL OR CASE WHEN json_valid(tags) THEN json_type(tags) = 'array' ELSE 0 END),
  assigned_to TEXT REFERENCES profiles(id),
  created_by TEXT REFERENCES profiles(id),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z'),
  last_activity_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT last_activity_at CHECK (last_activity_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;

CREATE TABLE crm_contacts (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  organizer_id TEXT NOT NULL REFERENCES crm_organizers(id) ON DELETE CASCADE,
  full_name TEXT NOT NULL,
  title TEXT,
  department TEXT,
  email TEXT NOT NULL,
  phone TEXT,
  mobile TEXT,
  linkedin_url TEXT,
  is_primary INTEGER DEFAULT 0 CONSTRAINT is_primary CHECK (is_primary IN (0, 1)),
  is_decision_maker INTEGER DEFAULT 0 CONSTRAINT is_decision_maker CHECK (is_decision_maker IN (0, 1)),
  vip_status INTEGER DEFAULT 0 CONSTRAINT vip_status CHECK (vip_status IN (0, 1)),
  influence_level TEXT CONSTRAINT influence_level CHECK (influence_level IN ('low', 'medium', 'high')),
  communication_preference TEXT DEFAULT 'email' CONSTRAINT communication_preference CHECK (communication_preference IN ('email', 'phone', 'whatsapp', 'any')),
  timezone TEXT DEFAULT 'America/Toronto',
  language TEXT DEFAULT 'en',
  last_contact_date TEXT CONSTRAINT last_contact_date CHECK (last_contact_date GLOB '????-??-??T??:??:??.??????Z'),
  engagement_score INTEGER DEFAULT 50 CONSTRAINT engagement_score CHECK (engagement_score BETWEEN 0 AND 100),
  notes TEXT,
  tags TEXT DEFAULT '[]' CONSTRAINT tags CHECK (tags IS NULL OR CASE WHEN json_valid(tags) THEN json_type(tags) = 'array' ELSE 0 END),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;

-- Seed 004 keeps one global list of stages; with tenancy each account has its own six defaults
-- (created with the account, ids derived from the account id so every device agrees).
CREATE TABLE crm_pipeline_stages (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT,
  order_index INTEGER NOT NULL,
  color TEXT DEFAULT '#3b82f6',
  is_active INTEGER DEFAULT 1 CONSTRAINT is_active CHECK (is_active IN (0, 1)),
  is_closed INTEGER DEFAULT 0 CONSTRAINT is_closed CHECK (is_closed IN (0, 1)),
  is_won INTEGER DEFAULT 0 CONSTRAINT is_won CHECK (is_won IN (0, 1)),
  auto_actions TEXT DEFAULT '[]' CONSTRAINT auto_actions CHECK (json_valid(auto_actions)),
  default_probability INTEGER DEFAULT 50 CONSTRAINT default_probability CHECK (default_probability BETWEEN 0 AND 100),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;

CREATE TABLE crm_opportunities (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  organizer_id TEXT NOT NULL REFERENCES crm_organizers(id) ON DELETE CASCADE,
  event_id TEXT REFERENCES events(id) ON DELETE SET NULL,
  stage_id TEXT NOT NULL REFERENCES crm_pipeline_stages(id),
  name TEXT NOT NULL,
  description TEXT,
  value TEXT NOT NULL,
  currency TEXT DEFAULT 'CAD',
  probability INTEGER DEFAULT 50 CONSTRAINT probability CHECK (probability BETWEEN 0 AND 100),
  -- DECIMAL(12,2) GENERATED ALWAYS AS (value * probability / 100): exact, in integer cents,
  -- rounded half away from zero like Postgres numeric, written back as text with two decimals.
  -- (value is numeric(12,2), under 10^10: its cents fit a double exactly, so the REAL step is exact.)
  expected_revenue TEXT GENERATED ALWAYS AS (CASE WHEN value IS NULL OR probability IS NULL THEN NULL ELSE printf('%s%d.%02d', CASE WHEN ((CAST(round(CAST(value AS REAL) * 100) AS INTEGER)) * probability + (CASE WHEN (CAST(round(CAST(value AS REAL) * 100) AS INTEGER)) < 0 THEN -50 ELSE 50 END)) / 100 < 0 THEN '-' ELSE '' END, abs(((CAST(round(CAST(value AS REAL) * 100) AS INTEGER)) * probability + (CASE WHEN (CAST(round(CAST(value AS REAL) * 100) AS INTEGER)) < 0 THEN -50 ELSE 50 END)) / 100) / 100, abs(((CAST(round(CAST(value AS REAL) * 100) AS INTEGER)) * probability + (CASE WHEN (CAST(round(CAST(value AS REAL) * 100) AS INTEGER)) < 0 THEN -50 ELSE 50 END)) / 100) % 100) END) STORED,
  expected_close_date TEXT CONSTRAINT expected_close_date CHECK (expected_close_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  actual_close_date TEXT CONSTRAINT actual_close_date CHECK (actual_close_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  status TEXT DEFAULT 'open' CONSTRAINT status CHECK (status IN ('open', 'won', 'lost', 'abandoned')),
  loss_reason TEXT,
  assigned_to TEXT REFERENCES profiles(id),
  ai_score INTEGER DEFAULT 50 CONSTRAINT ai_score CHECK (ai_score BETWEEN 0 AND 100),
  ai_insights TEXT DEFAULT '{}' CONSTRAINT ai_insights CHECK (json_valid(ai_insights)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z'),
  last_stage_change_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT last_stage_change_at CHECK (last_stage_change_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;

CREATE TABLE crm_activities (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  organizer_id TEXT REFERENCES crm_organizers(id) ON DELETE CASCADE,
  contact_id TEXT REFERENCES crm_contacts(id) ON DELETE CASCADE,
  opportunity_id TEXT REFERENCES crm_opportunities(id) ON DELETE CASCADE,
  event_id TEXT REFERENCES events(id) ON DELETE SET NULL,
  type TEXT NOT NULL CONSTRAINT type CHECK (type IN ('call', 'email', 'meeting', 'note', 'task', 'event')),
  subject TEXT NOT NULL,
  description TEXT,
  activity_date TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT activity_date CHECK (activity_date GLOB '????-??-??T??:??:??.??????Z'),
  duration_minutes INTEGER,
  is_task INTEGER DEFAULT 0 CONSTRAINT is_task CHECK (is_task IN (0, 1)),
  task_status TEXT CONSTRAINT task_status CHECK (task_status IN ('pending', 'completed', 'cancelled')),
  due_date TEXT CONSTRAINT due_date CHECK (due_date GLOB '????-??-??T??:??:??.??????Z'),
  user_id TEXT NOT NULL REFERENCES profiles(id),
  metadata TEXT DEFAULT '{}' CONSTRAINT metadata CHECK (json_valid(metadata)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;

CREATE TABLE crm_notes (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  organizer_id TEXT REFERENCES crm_organizers(id) ON DELETE CASCADE,
  contact_id TEXT REFERENCES crm_contacts(id) ON DELETE CASCADE,
  opportunity_id TEXT REFERENCES crm_opportunities(id) ON DELETE CASCADE,
  title TEXT,
  content TEXT NOT NULL,
  is_pinned INTEGER DEFAULT 0 CONSTRAINT is_pinned CHECK (is_pinned IN (0, 1)),
  tags TEXT DEFAULT '[]' CONSTRAINT tags CHECK (tags IS NULL OR CASE WHEN json_valid(tags) THEN json_type(tags) = 'array' ELSE 0 END),
  created_by TEXT NOT NULL REFERENCES profiles(id),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;

CREATE TABLE crm_documents (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  organizer_id TEXT REFERENCES crm_organizers(id) ON DELETE CASCADE,
  opportunity_id TEXT REFERENCES crm_opportunities(id) ON DELETE CASCADE,
  file_name TEXT NOT NULL,
  file_type TEXT NOT NULL,
  file_size INTEGER NOT NULL,
  storage_path TEXT NOT NULL,
  document_type TEXT CONSTRAINT document_type CHECK (document_type IN ('contract', 'proposal', 'invoice', 'presentation', 'other')),
  version INTEGER DEFAULT 1,
  is_signed INTEGER DEFAULT 0 CONSTRAINT is_signed CHECK (is_signed IN (0, 1)),
  signed_at TEXT CONSTRAINT signed_at CHECK (signed_at GLOB '????-??-??T??:??:??.??????Z'),
  signed_by TEXT REFERENCES profiles(id),
  uploaded_by TEXT NOT NULL REFERENCES profiles(id),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;

CREATE TABLE crm_email_templates (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT,
  subject TEXT NOT NULL,
  body_html TEXT NOT NULL,
  body_text TEXT,
  category TEXT CONSTRAINT category CHECK (category IN ('welcome', 'follow_up', 'proposal', 'reminder', 'thank_you', 'other')),
  variables TEXT DEFAULT '[]' CONSTRAINT variables CHECK (json_valid(variables)),
  is_active INTEGER DEFAULT 1 CONSTRAINT is_active CHECK (is_active IN (0, 1)),
  created_by TEXT REFERENCES profiles(id),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;

-- Seed 000 names campaigns and notifications without columns; these are ours.

CREATE TABLE campaigns (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id TEXT REFERENCES events(id) ON DELETE SET NULL,
  name TEXT NOT NULL,
  description TEXT,
  channel TEXT NOT NULL CONSTRAINT channel CHECK (channel IN ('email', 'social', 'sms', 'push', 'ads', 'other')),
  status TEXT NOT NULL DEFAULT 'draft' CONSTRAINT status CHECK (status IN ('draft', 'scheduled', 'active', 'paused', 'completed', 'cancelled')),
  subject TEXT,
  content TEXT,
  audience TEXT DEFAULT '{}' CONSTRAINT audience CHECK (json_valid(audience)),
  budget TEXT,
  scheduled_at TEXT CONSTRAINT scheduled_at CHECK (scheduled_at GLOB '????-??-??T??:??:??.??????Z'),
  started_at TEXT CONSTRAINT started_at CHECK (started_at GLOB '????-??-??T??:??:??.??????Z'),
  ended_at TEXT CONSTRAINT ended_at CHECK (ended_at GLOB '????-??-??T??:??:??.??????Z'),
  metrics TEXT DEFAULT '{}' CONSTRAINT metrics CHECK (json_valid(metrics)),
  created_by TEXT REFERENCES profiles(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;

CREATE TABLE notifications (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  type TEXT NOT NULL CONSTRAINT type CHECK (type IN ('system', 'event', 'order', 'checkin', 'crm', 'campaign', 'reminder')),
  title TEXT NOT NULL,
  body TEXT,
  channel TEXT NOT NULL DEFAULT 'in_app' CONSTRAINT channel CHECK (channel IN ('in_app', 'email', 'push', 'sms')),
  priority TEXT NOT NULL DEFAULT 'normal' CONSTRAINT priority CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  link_url TEXT,
  data TEXT DEFAULT '{}' CONSTRAINT data CHECK (json_valid(data)),
  read_at TEXT CONSTRAINT read_at CHECK (read_at GLOB '????-??-??T??:??:??.??????Z'),
  sent_at TEXT CONSTRAINT sent_at CHECK (sent_at GLOB '????-??-??T??:??:??.??????Z'),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;

-- Indexes: the seeds' own; account_id on every tenant table (deleting or syncing an account);
-- the references that cascades and lookups walk on large tables; the door's lookups (the
-- UNIQUE ticket_number and qr_code above).
CREATE INDEX idx_orders_account ON orders(account_id);
CREATE INDEX idx_attendees_account ON attendees(account_id);
CREATE INDEX idx_tickets_account ON tickets(account_id);
CREATE INDEX idx_speakers_account ON speakers(account_id);
CREATE INDEX idx_sessions_account ON sessions(account_id);
CREATE INDEX idx_sponsors_account ON sponsors(account_id);
CREATE INDEX idx_event_feedback_account ON event_feedback(account_id);
CREATE INDEX idx_networking_connections_account ON networking_connections(account_id);
CREATE INDEX idx_event_checkins_account ON event_checkins(account_id);
CREATE INDEX idx_event_materials_account ON event_materials(account_id);
CREATE INDEX idx_event_announcements_account ON event_announcements(account_id);
CREATE INDEX idx_event_analytics_account ON event_analytics(account_id);
CREATE INDEX idx_event_waitlists_account ON event_waitlists(account_id);
CREATE INDEX idx_event_expenses_account ON event_expenses(account_id);
CREATE INDEX idx_event_teams_account ON event_teams(account_id);
CREATE INDEX idx_crm_contacts_account ON crm_contacts(account_id);
CREATE INDEX idx_crm_opportunities_account ON crm_opportunities(account_id);
CREATE INDEX idx_crm_activities_account ON crm_activities(account_id);
CREATE INDEX idx_crm_notes_account ON crm_notes(account_id);
CREATE INDEX idx_crm_documents_account ON crm_documents(account_id);
CREATE INDEX idx_crm_email_templates_account ON crm_email_templates(account_id);
CREATE INDEX idx_notifications_account ON notifications(account_id);
CREATE INDEX idx_account_users_user ON account_users(user_id);
CREATE INDEX idx_profiles_email ON profiles(email);
CREATE INDEX idx_venues_account ON venues(account_id);
CREATE INDEX idx_events_account ON events(account_id);
CREATE INDEX idx_events_organizer ON events(organizer_id);
CREATE INDEX idx_events_venue ON events(venue_id);
CREATE INDEX idx_events_status ON events(status);
CREATE INDEX idx_events_start_at ON events(start_at);
CREATE INDEX idx_orders_customer ON orders(customer_id);
CREATE INDEX idx_orders_event ON orders(event_id);
CREATE INDEX idx_attendees_order ON attendees(order_id);
CREATE INDEX idx_attendees_event ON attendees(event_id);
CREATE INDEX idx_tickets_event_status ON tickets(event_id, status);
CREATE INDEX idx_tickets_order ON tickets(order_id);
CREATE INDEX idx_tickets_attendee ON tickets(attendee_id);
CREATE INDEX idx_speakers_event ON speakers(event_id);
CREATE INDEX idx_speakers_profile ON speakers(profile_id);
CREATE INDEX idx_sessions_event ON sessions(event_id, start_time);
CREATE INDEX idx_sessions_speaker ON sessions(speaker_id);
CREATE INDEX idx_sponsors_event ON sponsors(event_id);
CREATE INDEX idx_feedback_event ON event_feedback(event_id);
CREATE INDEX idx_feedback_attendee ON event_feedback(attendee_id);
CREATE INDEX idx_feedback_session ON event_feedback(session_id);
CREATE INDEX idx_connections_requester ON networking_connections(requester_id);
CREATE INDEX idx_connections_target ON networking_connections(target_id);
CREATE INDEX idx_checkins_event ON event_checkins(event_id, check_in_time);
CREATE INDEX idx_checkins_attendee ON event_checkins(attendee_id);
CREATE INDEX idx_checkins_session ON event_checkins(session_id);
CREATE INDEX idx_materials_event ON event_materials(event_id);
CREATE INDEX idx_materials_session ON event_materials(session_id);
CREATE INDEX idx_announcements_event ON event_announcements(event_id);
CREATE INDEX idx_analytics_event ON event_analytics(event_id, metric_name);
CREATE INDEX idx_waitlists_event ON event_waitlists(event_id, waitlist_position);
CREATE INDEX idx_waitlists_attendee ON event_waitlists(attendee_id);
CREATE INDEX idx_expenses_event ON event_expenses(event_id);
CREATE INDEX idx_teams_member ON event_teams(member_id);
CREATE INDEX idx_organizers_account ON crm_organizers(account_id);
CREATE INDEX idx_organizers_status ON crm_organizers(status);
CREATE INDEX idx_organizers_assigned ON crm_organizers(assigned_to);
CREATE INDEX idx_organizers_industry ON crm_organizers(industry);
CREATE INDEX idx_organizers_engagement ON crm_organizers(engagement_score);
CREATE INDEX idx_contacts_organizer ON crm_contacts(organizer_id);
CREATE INDEX idx_contacts_email ON crm_contacts(email);
CREATE INDEX idx_contacts_primary ON crm_contacts(is_primary) WHERE is_primary = 1;
CREATE INDEX idx_contacts_vip ON crm_contacts(vip_status) WHERE vip_status = 1;
CREATE UNIQUE INDEX idx_contacts_one_primary ON crm_contacts(organizer_id) WHERE is_primary = 1;
CREATE UNIQUE INDEX idx_stages_order ON crm_pipeline_stages(account_id, order_index);
CREATE INDEX idx_opportunities_organizer ON crm_opportunities(organizer_id);
CREATE INDEX idx_opportunities_event ON crm_opportunities(event_id);
CREATE INDEX idx_opportunities_stage ON crm_opportunities(stage_id);
CREATE INDEX idx_opportunities_status ON crm_opportunities(status);
CREATE INDEX idx_opportunities_assigned ON crm_opportunities(assigned_to);
CREATE INDEX idx_opportunities_close_date ON crm_opportunities(expected_close_date);
CREATE INDEX idx_activities_organizer ON crm_activities(organizer_id);
CREATE INDEX idx_activities_contact ON crm_activities(contact_id);
CREATE INDEX idx_activities_opportunity ON crm_activities(opportunity_id);
CREATE INDEX idx_activities_type ON crm_activities(type);
CREATE INDEX idx_activities_user ON crm_activities(user_id);
CREATE INDEX idx_activities_date ON crm_activities(activity_date DESC);
CREATE INDEX idx_activities_tasks ON crm_activities(is_task, task_status) WHERE is_task = 1;
CREATE INDEX idx_notes_organizer ON crm_notes(organizer_id);
CREATE INDEX idx_notes_contact ON crm_notes(contact_id);
CREATE INDEX idx_notes_opportunity ON crm_notes(opportunity_id);
CREATE INDEX idx_notes_pinned ON crm_notes(is_pinned) WHERE is_pinned = 1;
CREATE INDEX idx_documents_organizer ON crm_documents(organizer_id);
CREATE INDEX idx_documents_opportunity ON crm_documents(opportunity_id);
CREATE INDEX idx_documents_type ON crm_documents(document_type);
CREATE INDEX idx_templates_category ON crm_email_templates(category);
CREATE INDEX idx_templates_active ON crm_email_templates(is_active) WHERE is_active = 1;
CREATE INDEX idx_campaigns_account ON campaigns(account_id);
CREATE INDEX idx_campaigns_event ON campaigns(event_id);
CREATE INDEX idx_notifications_user ON notifications(user_id, read_at);

-- Seed 003's event_stats view: computed from tickets, never stored.
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

-- text[] <@ ARRAY[...] checks (SQLite CHECK cannot hold a subquery).
CREATE TRIGGER event_announcements_delivery_method_subset_ins BEFORE INSERT ON event_announcements
WHEN NEW.delivery_method IS NOT NULL AND json_valid(NEW.delivery_method) AND EXISTS (
  SELECT 1 FROM json_each(NEW.delivery_method) WHERE value NOT IN ('email', 'push', 'in_app', 'sms')
)
BEGIN
  SELECT RAISE(ABORT, 'CHECK constraint failed: delivery_method');
END;
CREATE TRIGGER event_announcements_delivery_method_subset_upd BEFORE UPDATE OF delivery_method ON event_announcements
WHEN NEW.delivery_method IS NOT NULL AND json_valid(NEW.delivery_method) AND EXISTS (
  SELECT 1 FROM json_each(NEW.delivery_method) WHERE value NOT IN ('email', 'push', 'in_app', 'sms')
)
BEGIN
  SELECT RAISE(ABORT, 'CHECK constraint failed: delivery_method');
END;
CREATE TRIGGER event_teams_permissions_subset_ins BEFORE INSERT ON event_teams
WHEN NEW.permissions IS NOT NULL AND json_valid(NEW.permissions) AND EXISTS (
  SELECT 1 FROM json_each(NEW.permissions) WHERE value NOT IN ('manage_event', 'manage_sessions', 'manage_attendees', 'view_analytics', 'manage_materials', 'send_announcements')
)
BEGIN
  SELECT RAISE(ABORT, 'CHECK constraint failed: permissions');
END;
CREATE TRIGGER event_teams_permissions_subset_upd BEFORE UPDATE OF permissions ON event_teams
WHEN NEW.permissions IS NOT NULL AND json_valid(NEW.permissions) AND EXISTS (
  SELECT 1 FROM json_each(NEW.permissions) WHERE value NOT IN ('manage_event', 'manage_sessions', 'manage_attendees', 'view_analytics', 'manage_materials', 'send_announcements')
)
BEGIN
  SELECT RAISE(ABORT, 'CHECK constraint failed: permissions');
END;

-- Full-text search, kept in step by triggers. External-content tables index the base table's
-- rowid: VACUUM may renumber rowids, so the store rebuilds these after any VACUUM.
CREATE VIRTUAL TABLE attendees_fts USING fts5(
  full_name, email, phone, event_id UNINDEXED,
  content = 'attendees', content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE TRIGGER attendees_fts_ai AFTER INSERT ON attendees BEGIN
  INSERT INTO attendees_fts(rowid, full_name, email, phone, event_id) VALUES (new.rowid, new.full_name, new.email, new.phone, new.event_id);
END;
CREATE TRIGGER attendees_fts_ad AFTER DELETE ON attendees BEGIN
  INSERT INTO attendees_fts(attendees_fts, rowid, full_name, email, phone, event_id) VALUES ('delete', old.rowid, old.full_name, old.email, old.phone, old.event_id);
END;
CREATE TRIGGER attendees_fts_au AFTER UPDATE ON attendees WHEN NEW.full_name IS NOT OLD.full_name OR NEW.email IS NOT OLD.email OR NEW.phone IS NOT OLD.phone OR NEW.event_id IS NOT OLD.event_id BEGIN
  INSERT INTO attendees_fts(attendees_fts, rowid, full_name, email, phone, event_id) VALUES ('delete', old.rowid, old.full_name, old.email, old.phone, old.event_id);
  INSERT INTO attendees_fts(rowid, full_name, email, phone, event_id) VALUES (new.rowid, new.full_name, new.email, new.phone, new.event_id);
END;
CREATE VIRTUAL TABLE crm_contacts_fts USING fts5(
  full_name, email, title, department,
  content = 'crm_contacts', content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE TRIGGER crm_contacts_fts_ai AFTER INSERT ON crm_contacts BEGIN
  INSERT INTO crm_contacts_fts(rowid, full_name, email, title, department) VALUES (new.rowid, new.full_name, new.email, new.title, new.department);
END;
CREATE TRIGGER crm_contacts_fts_ad AFTER DELETE ON crm_contacts BEGIN
  INSERT INTO crm_contacts_fts(crm_contacts_fts, rowid, full_name, email, title, department) VALUES ('delete', old.rowid, old.full_name, old.email, old.title, old.department);
END;
CREATE TRIGGER crm_contacts_fts_au AFTER UPDATE ON crm_contacts WHEN NEW.full_name IS NOT OLD.full_name OR NEW.email IS NOT OLD.email OR NEW.title IS NOT OLD.title OR NEW.department IS NOT OLD.department BEGIN
  INSERT INTO crm_contacts_fts(crm_contacts_fts, rowid, full_name, email, title, department) VALUES ('delete', old.rowid, old.full_name, old.email, old.title, old.department);
  INSERT INTO crm_contacts_fts(rowid, full_name, email, title, department) VALUES (new.rowid, new.full_name, new.email, new.title, new.department);
END;
CREATE VIRTUAL TABLE crm_organizers_fts USING fts5(
  company_name, industry, primary_email, website,
  content = 'crm_organizers', content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE TRIGGER crm_organizers_fts_ai AFTER INSERT ON crm_organizers BEGIN
  INSERT INTO crm_organizers_fts(rowid, company_name, industry, primary_email, website) VALUES (new.rowid, new.company_name, new.industry, new.primary_email, new.website);
END;
CREATE TRIGGER crm_organizers_fts_ad AFTER DELETE ON crm_organizers BEGIN
  INSERT INTO crm_organizers_fts(crm_organizers_fts, rowid, company_name, industry, primary_email, website) VALUES ('delete', old.rowid, old.company_name, old.industry, old.primary_email, old.website);
END;
CREATE TRIGGER crm_organizers_fts_au AFTER UPDATE ON crm_organizers WHEN NEW.company_name IS NOT OLD.company_name OR NEW.industry IS NOT OLD.industry OR NEW.primary_email IS NOT OLD.primary_email OR NEW.website IS NOT OLD.website BEGIN
  INSERT INTO crm_organizers_fts(crm_organizers_fts, rowid, company_name, industry, primary_email, website) VALUES ('delete', old.rowid, old.company_name, old.industry, old.primary_email, old.website);
  INSERT INTO crm_organizers_fts(rowid, company_name, industry, primary_email, website) VALUES (new.rowid, new.company_name, new.industry, new.primary_email, new.website);
END;
CREATE VIRTUAL TABLE crm_notes_fts USING fts5(
  title, content,
  content = 'crm_notes', content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE TRIGGER crm_notes_fts_ai AFTER INSERT ON crm_notes BEGIN
  INSERT INTO crm_notes_fts(rowid, title, content) VALUES (new.rowid, new.title, new.content);
END;
CREATE TRIGGER crm_notes_fts_ad AFTER DELETE ON crm_notes BEGIN
  INSERT INTO crm_notes_fts(crm_notes_fts, rowid, title, content) VALUES ('delete', old.rowid, old.title, old.content);
END;
CREATE TRIGGER crm_notes_fts_au AFTER UPDATE ON crm_notes WHEN NEW.title IS NOT OLD.title OR NEW.content IS NOT OLD.content BEGIN
  INSERT INTO crm_notes_fts(crm_notes_fts, rowid, title, content) VALUES ('delete', old.rowid, old.title, old.content);
  INSERT INTO crm_notes_fts(rowid, title, content) VALUES (new.rowid, new.title, new.content);
END;
