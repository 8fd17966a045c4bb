-- EventOS server schema for the organisation's Supabase project (PostgreSQL 15).
--
-- The same tables and columns, in the same order, as the desktop's SQLite replica
-- (migrations/V1__replica_schema.sql), with the types the replica's TEXT and INTEGER stand in
-- for: uuid, timestamptz, date, boolean, numeric(p,s) with the seeds' precision, jsonb,
-- text[]/uuid[]. The replica's CHECKs that only guard a text encoding (uuid, timestamp and date
-- shapes, JSON validity, 0/1 booleans, JSON arrays) are the column types here; every other
-- CHECK keeps the replica's name, its column's, so a refusal names the field on both sides.
-- Tenancy (seed 000) as in the replica: every row but a profile carries account_id.
--
-- Row-level security, grants, sync columns and change logs come in later migrations.

-- Already there on Supabase; the test stand-in creates it too. Always called schema-qualified.
CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA extensions;

-- Seed 000: the tenant.
CREATE TABLE accounts (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  name TEXT NOT NULL,
  slug TEXT NOT NULL UNIQUE,
  plan TEXT NOT NULL DEFAULT 'free' CONSTRAINT plan CHECK (plan IN ('free', 'starter', 'pro', 'enterprise')),
  status TEXT NOT NULL DEFAULT 'active' CONSTRAINT status CHECK (status IN ('active', 'suspended', 'cancelled')),
  billing_email TEXT,
  settings JSONB DEFAULT '{}',
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Seed 003: extends auth.users (so the id is the user's, no default). A person can belong to
-- several accounts (account_users), so profiles are the one table without account_id.
CREATE TABLE profiles (
  id UUID PRIMARY KEY REFERENCES auth.users(id) ON DELETE CASCADE,
  email TEXT,
  full_name TEXT,
  phone TEXT,
  company TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE account_users (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  user_id UUID NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  role TEXT NOT NULL DEFAULT 'member' CONSTRAINT role CHECK (role IN ('owner', 'admin', 'manager', 'member', 'viewer')),
  status TEXT NOT NULL DEFAULT 'active' CONSTRAINT status CHECK (status IN ('invited', 'active', 'suspended')),
  invited_by UUID REFERENCES profiles(id) ON DELETE SET NULL,
  joined_at TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (account_id, user_id)
);

CREATE TABLE venues (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  address TEXT,
  city TEXT DEFAULT 'Toronto',
  postal_code TEXT,
  capacity INTEGER CONSTRAINT capacity CHECK (capacity BETWEEN 10 AND 50000),
  amenities JSONB DEFAULT '{}',
  contact_email TEXT,
  contact_phone TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE events (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  organizer_id UUID NOT NULL REFERENCES profiles(id),
  venue_id UUID REFERENCES venues(id) ON DELETE SET NULL,
  name TEXT NOT NULL,
  slug TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL CONSTRAINT type CHECK (type IN ('conference', 'seminar', 'workshop', 'networking')),
  description TEXT,
  start_at TIMESTAMPTZ NOT NULL,
  end_at TIMESTAMPTZ NOT NULL,
  capacity INTEGER NOT NULL CONSTRAINT capacity CHECK (capacity BETWEEN 10 AND 10000),
  price_cents INTEGER NOT NULL DEFAULT 0 CONSTRAINT price_cents CHECK (price_cents >= 0),
  status TEXT NOT NULL DEFAULT 'draft' CONSTRAINT status CHECK (status IN ('draft', 'published', 'cancelled', 'completed')),
  visibility TEXT NOT NULL DEFAULT 'public' CONSTRAINT visibility CHECK (visibility IN ('public', 'private')),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT end_at CHECK (end_at > start_at)
);

CREATE TABLE orders (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  customer_id UUID REFERENCES profiles(id) ON DELETE SET NULL,
  event_id UUID NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  order_number TEXT NOT NULL UNIQUE,
  quantity INTEGER NOT NULL CONSTRAINT quantity CHECK (quantity BETWEEN 1 AND 20),
  unit_price_cents INTEGER NOT NULL CONSTRAINT unit_price_cents CHECK (unit_price_cents >= 0),
  total_cents INTEGER NOT NULL,
  payment_status TEXT NOT NULL DEFAULT 'pending' CONSTRAINT payment_status CHECK (payment_status IN ('pending', 'paid', 'failed', 'refunded')),
  stripe_payment_intent_id TEXT UNIQUE,
  paid_at TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT total_cents CHECK (total_cents = quantity * unit_price_cents)
);

CREATE TABLE attendees (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  order_id UUID NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  event_id UUID NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  full_name TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE tickets (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id UUID NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  order_id UUID NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  attendee_id UUID REFERENCES attendees(id) ON DELETE SET NULL,
  ticket_number TEXT NOT NULL UNIQUE,
  qr_code TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL DEFAULT 'active' CONSTRAINT status CHECK (status IN ('active', 'used', 'cancelled', 'refunded')),
  checked_in_at TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Seed 002: twelve event-management tables.

CREATE TABLE speakers (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id UUID REFERENCES events(id) ON DELETE CASCADE,
  profile_id UUID REFERENCES profiles(id) ON DELETE CASCADE,
  bio TEXT,
  expertise_areas TEXT[],
  social_links JSONB,
  headshot_url TEXT,
  presentation_title TEXT,
  presentation_description TEXT,
  presentation_duration INTEGER,
  presentation_slides_url TEXT,
  status TEXT DEFAULT 'pending' CONSTRAINT status CHECK (status IN ('pending', 'confirmed', 'cancelled')),
  speaker_fee NUMERIC(10,2),
  travel_arrangements TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id UUID REFERENCES events(id) ON DELETE CASCADE,
  speaker_id UUID REFERENCES speakers(id) ON DELETE SET NULL,
  venue_id UUID REFERENCES venues(id) ON DELETE SET NULL,
  title TEXT NOT NULL,
  description TEXT,
  session_type TEXT CONSTRAINT session_type CHECK (session_type IN ('keynote', 'workshop', 'panel', 'networking', 'break')),
  difficulty_level TEXT CONSTRAINT difficulty_level CHECK (difficulty_level IN ('beginner', 'intermediate', 'advanced')),
  start_time TIMESTAMPTZ NOT NULL,
  end_time TIMESTAMPTZ NOT NULL,
  -- Stored as integer: the numeric minutes round half away from zero, as the replica's round().
  duration_minutes INTEGER GENERATED ALWAYS AS (EXTRACT(EPOCH FROM (end_time - start_time)) / 60) STORED,
  max_attendees INTEGER,
  current_registrations INTEGER DEFAULT 0,
  registration_required BOOLEAN DEFAULT false,
  registration_deadline TIMESTAMPTZ,
  materials_urls TEXT[],
  recording_url TEXT,
  chat_enabled BOOLEAN DEFAULT true,
  status TEXT DEFAULT 'scheduled' CONSTRAINT status CHECK (status IN ('scheduled', 'live', 'completed', 'cancelled')),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE sponsors (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id UUID REFERENCES events(id) ON DELETE CASCADE,
  company_name TEXT NOT NULL,
  contact_name TEXT,
  contact_email TEXT,
  contact_phone TEXT,
  sponsorship_tier TEXT CONSTRAINT sponsorship_tier CHECK (sponsorship_tier IN ('platinum', 'gold', 'silver', 'bronze', 'partner')),
  sponsorship_amount NUMERIC(10,2),
  benefits_included TEXT[],
  logo_url TEXT,
  website_url TEXT,
  marketing_materials JSONB,
  social_media_links JSONB,
  status TEXT DEFAULT 'pending' CONSTRAINT status CHECK (status IN ('pending', 'confirmed', 'cancelled')),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE event_feedback (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id UUID REFERENCES events(id) ON DELETE CASCADE,
  attendee_id UUID REFERENCES attendees(id) ON DELETE CASCADE,
  session_id UUID REFERENCES sessions(id) ON DELETE CASCADE,
  overall_rating INTEGER CONSTRAINT overall_rating CHECK (overall_rating BETWEEN 1 AND 5),
  content_rating INTEGER CONSTRAINT content_rating CHECK (content_rating BETWEEN 1 AND 5),
  speaker_rating INTEGER CONSTRAINT speaker_rating CHECK (speaker_rating BETWEEN 1 AND 5),
  venue_rating INTEGER CONSTRAINT venue_rating CHECK (venue_rating BETWEEN 1 AND 5),
  organization_rating INTEGER CONSTRAINT organization_rating CHECK (organization_rating BETWEEN 1 AND 5),
  comments TEXT,
  suggestions TEXT,
  best_aspects TEXT,
  improvement_areas TEXT,
  is_anonymous BOOLEAN DEFAULT false,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE networking_connections (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id UUID REFERENCES events(id) ON DELETE CASCADE,
  requester_id UUID REFERENCES attendees(id) ON DELETE CASCADE,
  target_id UUID REFERENCES attendees(id) ON DELETE CASCADE,
  connection_type TEXT CONSTRAINT connection_type CHECK (connection_type IN ('business', 'collaboration', 'mentorship', 'friendship')),
  status TEXT DEFAULT 'pending' CONSTRAINT status CHECK (status IN ('pending', 'accepted', 'declined', 'blocked')),
  message TEXT,
  meeting_requested BOOLEAN DEFAULT false,
  meeting_scheduled TIMESTAMPTZ,
  meeting_location TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (event_id, requester_id, target_id)
);

CREATE TABLE event_checkins (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id UUID REFERENCES events(id) ON DELETE CASCADE,
  attendee_id UUID REFERENCES attendees(id) ON DELETE CASCADE,
  session_id UUID REFERENCES sessions(id) ON DELETE SET NULL,
  check_in_time TIMESTAMPTZ DEFAULT now(),
  check_out_time TIMESTAMPTZ,
  location TEXT,
  qr_code_scanned TEXT,
  check_in_method TEXT CONSTRAINT check_in_method CHECK (check_in_method IN ('qr_code', 'manual', 'nfc', 'app')),
  attendance_duration INTEGER,
  is_present BOOLEAN DEFAULT true,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE event_materials (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id UUID REFERENCES events(id) ON DELETE CASCADE,
  session_id UUID REFERENCES sessions(id) ON DELETE SET NULL,
  uploaded_by UUID REFERENCES profiles(id) ON DELETE SET NULL,
  title TEXT NOT NULL,
  description TEXT,
  material_type TEXT CONSTRAINT material_type CHECK (material_type IN ('presentation', 'document', 'video', 'audio', 'image', 'link')),
  file_url TEXT,
  file_size BIGINT,
  file_format TEXT,
  download_count INTEGER DEFAULT 0,
  access_level TEXT DEFAULT 'public' CONSTRAINT access_level CHECK (access_level IN ('public', 'attendees_only', 'speakers_only', 'sponsors_only')),
  requires_download BOOLEAN DEFAULT true,
  tags TEXT[],
  language TEXT DEFAULT 'en',
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE event_announcements (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id UUID REFERENCES events(id) ON DELETE CASCADE,
  author_id UUID REFERENCES profiles(id) ON DELETE SET NULL,
  title TEXT NOT NULL,
  content TEXT NOT NULL,
  priority TEXT DEFAULT 'normal' CONSTRAINT priority CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  target_audience TEXT CONSTRAINT target_audience CHECK (target_audience IN ('all', 'attendees', 'speakers', 'sponsors', 'organizers')),
  -- Sessions' ids; Postgres has no foreign keys on array elements (the seed's REFERENCES here is not valid SQL).
  target_sessions UUID[],
  delivery_method TEXT[] CONSTRAINT delivery_method CHECK (delivery_method <@ ARRAY['email', 'push', 'in_app', 'sms']),
  scheduled_for TIMESTAMPTZ,
  sent_at TIMESTAMPTZ,
  status TEXT DEFAULT 'draft' CONSTRAINT status CHECK (status IN ('draft', 'scheduled', 'sent', 'cancelled')),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE event_analytics (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id UUID REFERENCES events(id) ON DELETE CASCADE,
  session_id UUID REFERENCES sessions(id) ON DELETE SET NULL,
  metric_name TEXT NOT NULL,
  metric_value NUMERIC(15,4),
  metric_unit TEXT,
  measurement_time TIMESTAMPTZ DEFAULT now(),
  data_source TEXT,
  dimension_1 TEXT,
  dimension_2 TEXT,
  dimension_3 TEXT,
  raw_data JSONB,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE event_waitlists (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id UUID REFERENCES events(id) ON DELETE CASCADE,
  attendee_id UUID REFERENCES attendees(id) ON DELETE CASCADE,
  waitlist_position INTEGER,
  waitlist_reason TEXT,
  notify_on_availability BOOLEAN DEFAULT true,
  notification_sent_at TIMESTAMPTZ,
  status TEXT DEFAULT 'waiting' CONSTRAINT status CHECK (status IN ('waiting', 'offered', 'converted', 'expired', 'cancelled')),
  expires_at TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE event_expenses (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id UUID REFERENCES events(id) ON DELETE CASCADE,
  created_by UUID REFERENCES profiles(id) ON DELETE SET NULL,
  expense_name TEXT NOT NULL,
  expense_category TEXT CONSTRAINT expense_category CHECK (expense_category IN ('venue', 'catering', 'speakers', 'marketing', 'technology', 'travel', 'miscellaneous')),
  description TEXT,
  amount NUMERIC(10,2) NOT NULL,
  currency TEXT DEFAULT 'CAD',
  vendor_name TEXT,
  invoice_number TEXT,
  status TEXT DEFAULT 'pending' CONSTRAINT status CHECK (status IN ('pending', 'approved', 'rejected', 'paid')),
  approved_by UUID REFERENCES profiles(id) ON DELETE SET NULL,
  approved_at TIMESTAMPTZ,
  payment_date DATE,
  receipt_url TEXT,
  invoice_url TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE event_teams (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id UUID REFERENCES events(id) ON DELETE CASCADE,
  member_id UUID REFERENCES profiles(id) ON DELETE CASCADE,
  role TEXT NOT NULL CONSTRAINT role CHECK (role IN ('organizer', 'coordinator', 'volunteer', 'speaker_liaison', 'tech_support', 'registration', 'marketing')),
  permissions TEXT[] CONSTRAINT permissions CHECK (permissions <@ ARRAY['manage_event', 'manage_sessions', 'manage_attendees', 'view_analytics', 'manage_materials', 'send_announcements']),
  assigned_by UUID REFERENCES profiles(id) ON DELETE SET NULL,
  assigned_at TIMESTAMPTZ DEFAULT now(),
  status TEXT DEFAULT 'active' CONSTRAINT status CHECK (status IN ('active', 'inactive', 'removed')),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (event_id, member_id)
);

-- Seed 004: the CRM. References to auth.users point at profiles (1:1 with auth.users), as in
-- the replica; they are NO ACTION, so a person with CRM records cannot be deleted unnoticed.

CREATE TABLE crm_organizers (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  company_name TEXT NOT NULL,
  industry TEXT,
  company_size TEXT CONSTRAINT company_size CHECK (company_size IN ('startup', 'small', 'medium', 'large', 'enterprise')),
  website TEXT,
  status TEXT DEFAULT 'active' CONSTRAINT status CHECK (status IN ('active', 'inactive', 'prospect', 'archived')),
  lead_source TEXT CONSTRAINT lead_source CHECK (lead_source IN ('referral', 'inbound', 'outbound', 'event', 'marketing', 'partner')),
  primary_email TEXT,
  primary_phone TEXT,
  address JSONB DEFAULT '{}',
  annual_events INTEGER DEFAULT 0,
  total_revenue NUMERIC(12,2) DEFAULT 0,
  lifetime_value NUMERIC(12,2) DEFAULT 0,
  engagement_score INTEGER DEFAULT 50 CONSTRAINT engagement_score CHECK (engagement_score BETWEEN 0 AND 100),
  health_score INTEGER DEFAULT 50 CONSTRAINT health_score CHECK (health_score BETWEEN 0 AND 100),
  churn_risk TEXT DEFAULT 'low' CONSTRAINT churn_risk CHECK (churn_risk IN ('low', 'medium', 'high')),
  event_history JSONB DEFAULT '[]',
  tags TEXT[] DEFAULT '{}',
  assigned_to UUID REFERENCES profiles(id),
  created_by UUID REFERENCES profiles(id),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_activity_at TIMESTAMPTZ DEFAULT now()
);

CREATE TABLE crm_contacts (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  organizer_id UUID NOT NULL REFERENCES crm_organizers(id) ON DELETE CASCADE,
  full_name TEXT NOT NULL,
  title TEXT,
  department TEXT,
  email TEXT NOT NULL,
  phone TEXT,
  mobile TEXT,
  linkedin_url TEXT,
  is_primary BOOLEAN DEFAULT false,
  is_decision_maker BOOLEAN DEFAULT false,
  vip_status BOOLEAN DEFAULT false,
  influence_level TEXT CONSTRAINT influence_level CHECK (influence_level IN ('low', 'medium', 'high')),
  communication_preference TEXT DEFAULT 'email' CONSTRAINT communication_preference CHECK (communication_preference IN ('email', 'phone', 'whatsapp', 'any')),
  timezone TEXT DEFAULT 'America/Toronto',
  language TEXT DEFAULT 'en',
  last_contact_date TIMESTAMPTZ,
  engagement_score INTEGER DEFAULT 50 CONSTRAINT engagement_score CHECK (engagement_score BETWEEN 0 AND 100),
  notes TEXT,
  tags TEXT[] DEFAULT '{}',
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Seed 004 keeps one global list of stages; with tenancy each account has its own six defaults,
-- their ids derived from the account id (uuid v5, see crates/model/src/prepare.rs).
CREATE TABLE crm_pipeline_stages (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT,
  order_index INTEGER NOT NULL,
  color TEXT DEFAULT '#3b82f6',
  is_active BOOLEAN DEFAULT true,
  is_closed BOOLEAN DEFAULT false,
  is_won BOOLEAN DEFAULT false,
  auto_actions JSONB DEFAULT '[]',
  default_probability INTEGER DEFAULT 50 CONSTRAINT default_probability CHECK (default_probability BETWEEN 0 AND 100),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE crm_opportunities (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  organizer_id UUID NOT NULL REFERENCES crm_organizers(id) ON DELETE CASCADE,
  event_id UUID REFERENCES events(id) ON DELETE SET NULL,
  stage_id UUID NOT NULL REFERENCES crm_pipeline_stages(id),
  name TEXT NOT NULL,
  description TEXT,
  value NUMERIC(12,2) NOT NULL,
  currency TEXT DEFAULT 'CAD',
  probability INTEGER DEFAULT 50 CONSTRAINT probability CHECK (probability BETWEEN 0 AND 100),
  -- Rounded half away from zero into numeric(12,2), which the replica reproduces in integer cents.
  expected_revenue NUMERIC(12,2) GENERATED ALWAYS AS (value * probability / 100) STORED,
  expected_close_date DATE,
  actual_close_date DATE,
  status TEXT DEFAULT 'open' CONSTRAINT status CHECK (status IN ('open', 'won', 'lost', 'abandoned')),
  loss_reason TEXT,
  assigned_to UUID REFERENCES profiles(id),
  ai_score INTEGER DEFAULT 50 CONSTRAINT ai_score CHECK (ai_score BETWEEN 0 AND 100),
  ai_insights JSONB DEFAULT '{}',
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_stage_change_at TIMESTAMPTZ DEFAULT now()
);

CREATE TABLE crm_activities (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  organizer_id UUID REFERENCES crm_organizers(id) ON DELETE CASCADE,
  contact_id UUID REFERENCES crm_contacts(id) ON DELETE CASCADE,
  opportunity_id UUID REFERENCES crm_opportunities(id) ON DELETE CASCADE,
  event_id UUID REFERENCES events(id) ON DELETE SET NULL,
  type TEXT NOT NULL CONSTRAINT type CHECK (type IN ('call', 'email', 'meeting', 'note', 'task', 'event')),
  subject TEXT NOT NULL,
  description TEXT,
  activity_date TIMESTAMPTZ DEFAULT now(),
  duration_minutes INTEGER,
  is_task BOOLEAN DEFAULT false,
  task_status TEXT CONSTRAINT task_status CHECK (task_status IN ('pending', 'completed', 'cancelled')),
  due_date TIMESTAMPTZ,
  user_id UUID NOT NULL REFERENCES profiles(id),
  metadata JSONB DEFAULT '{}',
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE crm_notes (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  organizer_id UUID REFERENCES crm_organizers(id) ON DELETE CASCADE,
  contact_id UUID REFERENCES crm_contacts(id) ON DELETE CASCADE,
  opportunity_id UUID REFERENCES crm_opportunities(id) ON DELETE CASCADE,
  title TEXT,
  content TEXT NOT NULL,
  is_pinned BOOLEAN DEFAULT false,
  tags TEXT[] DEFAULT '{}',
  created_by UUID NOT NULL REFERENCES profiles(id),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE crm_documents (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  organizer_id UUID REFERENCES crm_organizers(id) ON DELETE CASCADE,
  opportunity_id UUID REFERENCES crm_opportunities(id) ON DELETE CASCADE,
  file_name TEXT NOT NULL,
  file_type TEXT NOT NULL,
  file_size BIGINT NOT NULL,
  storage_path TEXT NOT NULL,
  document_type TEXT CONSTRAINT document_type CHECK (document_type IN ('contract', 'proposal', 'invoice', 'presentation', 'other')),
  version INTEGER DEFAULT 1,
  is_signed BOOLEAN DEFAULT false,
  signed_at TIMESTAMPTZ,
  signed_by UUID REFERENCES profiles(id),
  uploaded_by UUID NOT NULL REFERENCES profiles(id),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE crm_email_templates (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT,
  subject TEXT NOT NULL,
  body_html TEXT NOT NULL,
  body_text TEXT,
  category TEXT CONSTRAINT category CHECK (category IN ('welcome', 'follow_up', 'proposal', 'reminder', 'thank_you', 'other')),
  variables JSONB DEFAULT '[]',
  is_active BOOLEAN DEFAULT true,
  created_by UUID REFERENCES profiles(id),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Seed 000 names campaigns and notifications without columns; these are the replica's.

CREATE TABLE campaigns (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id UUID REFERENCES events(id) ON DELETE SET NULL,
  name TEXT NOT NULL,
  description TEXT,
  channel TEXT NOT NULL CONSTRAINT channel CHECK (channel IN ('email', 'social', 'sms', 'push', 'ads', 'other')),
  status TEXT NOT NULL DEFAULT 'draft' CONSTRAINT status CHECK (status IN ('draft', 'scheduled', 'active', 'paused', 'completed', 'cancelled')),
  subject TEXT,
  content TEXT,
  audience JSONB DEFAULT '{}',
  budget NUMERIC(12,2),
  scheduled_at TIMESTAMPTZ,
  started_at TIMESTAMPTZ,
  ended_at TIMESTAMPTZ,
  metrics JSONB DEFAULT '{}',
  created_by UUID REFERENCES profiles(id) ON DELETE SET NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE notifications (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  user_id UUID NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  type TEXT NOT NULL CONSTRAINT type CHECK (type IN ('system', 'event', 'order', 'checkin', 'crm', 'campaign', 'reminder')),
  title TEXT NOT NULL,
  body TEXT,
  channel TEXT NOT NULL DEFAULT 'in_app' CONSTRAINT channel CHECK (channel IN ('in_app', 'email', 'push', 'sms')),
  priority TEXT NOT NULL DEFAULT 'normal' CONSTRAINT priority CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  link_url TEXT,
  data JSONB DEFAULT '{}',
  read_at TIMESTAMPTZ,
  sent_at TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Indexes: the replica's (the seeds' own; account_id on every tenant table, for row-level
-- security and sync by account; the references that cascades and lookups walk), plus seed
-- 004's full-text indexes, which the replica keeps in FTS5 tables instead. account_users and
-- crm_pipeline_stages are indexed by account through their UNIQUE (account_id, ...).
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
CREATE INDEX idx_organizers_search ON crm_organizers USING gin (to_tsvector('english', company_name));
CREATE INDEX idx_contacts_organizer ON crm_contacts(organizer_id);
CREATE INDEX idx_contacts_email ON crm_contacts(email);
CREATE INDEX idx_contacts_primary ON crm_contacts(is_primary) WHERE is_primary;
CREATE INDEX idx_contacts_vip ON crm_contacts(vip_status) WHERE vip_status;
CREATE UNIQUE INDEX idx_contacts_one_primary ON crm_contacts(organizer_id) WHERE is_primary;
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
CREATE INDEX idx_activities_tasks ON crm_activities(is_task, task_status) WHERE is_task;
CREATE INDEX idx_notes_organizer ON crm_notes(organizer_id);
CREATE INDEX idx_notes_contact ON crm_notes(contact_id);
CREATE INDEX idx_notes_opportunity ON crm_notes(opportunity_id);
CREATE INDEX idx_notes_pinned ON crm_notes(is_pinned) WHERE is_pinned;
CREATE INDEX idx_notes_search ON crm_notes USING gin (to_tsvector('english', content));
CREATE INDEX idx_documents_organizer ON crm_documents(organizer_id);
CREATE INDEX idx_documents_opportunity ON crm_documents(opportunity_id);
CREATE INDEX idx_documents_type ON crm_documents(document_type);
CREATE INDEX idx_templates_category ON crm_email_templates(category);
CREATE INDEX idx_templates_active ON crm_email_templates(is_active) WHERE is_active;
CREATE INDEX idx_campaigns_account ON campaigns(account_id);
CREATE INDEX idx_campaigns_event ON campaigns(event_id);
CREATE INDEX idx_notifications_user ON notifications(user_id, read_at);

-- Trigger functions live in a schema that PostgREST does not expose (a function in public can
-- be called over the REST API). Nobody but the owner may use it: triggers call their
-- functions without a privilege check, so the API roles need nothing here; the one exception
-- is event_stats' ticket counts (below), granted in the row-level security migration.
CREATE SCHEMA IF NOT EXISTS private;
REVOKE ALL ON SCHEMA private FROM PUBLIC;

-- Seed 003's handle_updated_at(): every UPDATE stamps the server's time.
CREATE FUNCTION private.handle_updated_at() RETURNS trigger
LANGUAGE plpgsql SET search_path = '' AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END $$;

-- Codes, made exactly as crates/model/src/codes.rs makes them offline, and only when the row
-- comes without one: a code a device already printed or showed stays the row's code.

-- Event (and account) slug: the name's ASCII letters and digits, lowercased, every other run of
-- characters one '-', no '-' at either end, cut at the first letter or digit that reaches 60
-- characters; then '-' and the id's first 8 hex digits (only those when the name has no ASCII
-- letter or digit).
CREATE FUNCTION private.generate_slug() RETURNS trigger
LANGUAGE plpgsql SET search_path = '' AS $$
DECLARE
  base text;
BEGIN
  IF coalesce(NEW.slug, '') = '' THEN
    base := btrim(lower(regexp_replace(coalesce(NEW.name, ''), '[^A-Za-z0-9]+', '-', 'g')), '-');
    -- No two '-' in a row and none at the end: past 60, the cut is at 60 or, on a '-', at 61.
    base := left(base, CASE WHEN substr(base, 60, 1) = '-' THEN 61 ELSE 60 END);
    NEW.slug := CASE WHEN base = '' THEN '' ELSE base || '-' END || left(NEW.id::text, 8);
  END IF;
  RETURN NEW;
END $$;

-- ORD-{YYYYMMDD of created_at in UTC}-{first 8 hex of id}; total_cents when left out, as the
-- desktop fills it.
CREATE FUNCTION private.generate_order_number() RETURNS trigger
LANGUAGE plpgsql SET search_path = '' AS $$
BEGIN
  IF coalesce(NEW.order_number, '') = '' THEN
    NEW.order_number := 'ORD-' || to_char(coalesce(NEW.created_at, now()) AT TIME ZONE 'UTC', 'YYYYMMDD')
      || '-' || left(NEW.id::text, 8);
  END IF;
  NEW.total_cents := coalesce(NEW.total_cents, NEW.quantity * NEW.unit_price_cents);
  RETURN NEW;
END $$;

-- TKT-{first 8 HEX of id}-{YYMMDD of created_at in UTC}; qr_code: 32 random bytes, base64
-- with padding (44 characters).
CREATE FUNCTION private.generate_ticket_codes() RETURNS trigger
LANGUAGE plpgsql SET search_path = '' AS $$
BEGIN
  IF coalesce(NEW.ticket_number, '') = '' THEN
    NEW.ticket_number := 'TKT-' || upper(left(NEW.id::text, 8))
      || '-' || to_char(coalesce(NEW.created_at, now()) AT TIME ZONE 'UTC', 'YYMMDD');
  END IF;
  IF coalesce(NEW.qr_code, '') = '' THEN
    NEW.qr_code := encode(extensions.gen_random_bytes(32), 'base64');
  END IF;
  RETURN NEW;
END $$;

-- Tenancy. The account a parent row belongs to, whoever asks: SECURITY DEFINER, so row-level
-- security never hides a parent from the checks below. An unknown parent table raises
-- CASE_NOT_FOUND.
CREATE FUNCTION private.account_of(parent text, parent_id uuid) RETURNS uuid
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  CASE parent
    WHEN 'venues' THEN RETURN (SELECT account_id FROM public.venues WHERE id = parent_id);
    WHEN 'events' THEN RETURN (SELECT account_id FROM public.events WHERE id = parent_id);
    WHEN 'orders' THEN RETURN (SELECT account_id FROM public.orders WHERE id = parent_id);
    WHEN 'attendees' THEN RETURN (SELECT account_id FROM public.attendees WHERE id = parent_id);
    WHEN 'speakers' THEN RETURN (SELECT account_id FROM public.speakers WHERE id = parent_id);
    WHEN 'sessions' THEN RETURN (SELECT account_id FROM public.sessions WHERE id = parent_id);
    WHEN 'crm_organizers' THEN RETURN (SELECT account_id FROM public.crm_organizers WHERE id = parent_id);
    WHEN 'crm_contacts' THEN RETURN (SELECT account_id FROM public.crm_contacts WHERE id = parent_id);
    WHEN 'crm_pipeline_stages' THEN RETURN (SELECT account_id FROM public.crm_pipeline_stages WHERE id = parent_id);
    WHEN 'crm_opportunities' THEN RETURN (SELECT account_id FROM public.crm_opportunities WHERE id = parent_id);
  END CASE;
END $$;

-- A row belongs to its parents' account, as the desktop's writer keeps it (settle_account).
-- The existing web app inserts rows without account_id: take it from the first parent given
-- (an order's event, a contact's company, ...). Refuse a row whose account differs from any
-- parent's, a row with no account to take, and moving a row to another account. The trigger's
-- arguments are pairs: reference column, parent table.
CREATE FUNCTION private.settle_account() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  fields jsonb := to_jsonb(NEW);
  reference text;
  parent_id uuid;
  parent_account uuid;
  taken_from text := '';
  missing text;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.account_id IS DISTINCT FROM OLD.account_id THEN
    RAISE EXCEPTION '%.account_id cannot change from % to %: a row never moves to another account',
      TG_TABLE_NAME, OLD.account_id, NEW.account_id USING ERRCODE = '23514';
  END IF;
  FOR i IN 0 .. TG_NARGS / 2 - 1 LOOP
    reference := TG_ARGV[2 * i];
    parent_id := (fields ->> reference)::uuid;
    CONTINUE WHEN parent_id IS NULL;
    parent_account := private.account_of(TG_ARGV[2 * i + 1], parent_id);
    IF parent_account IS NULL THEN
      missing := coalesce(missing, format('%s.%s %s is not in %s', TG_TABLE_NAME, reference, parent_id, TG_ARGV[2 * i + 1]));
    ELSIF NEW.account_id IS NULL THEN
      NEW.account_id := parent_account;
      taken_from := format(' (taken from %s %s)', reference, parent_id);
    ELSIF NEW.account_id <> parent_account THEN
      RAISE EXCEPTION '%.account_id % does not match %.% %, which belongs to account %',
        TG_TABLE_NAME, NEW.account_id || taken_from, TG_TABLE_NAME, reference, parent_id, parent_account
        USING ERRCODE = '23514', HINT = 'Leave account_id out: a row takes its parent''s.';
    END IF;
  END LOOP;
  IF NEW.account_id IS NULL AND missing IS NOT NULL THEN
    RAISE EXCEPTION '%', missing USING ERRCODE = '23503';
  ELSIF NEW.account_id IS NULL THEN
    RAISE EXCEPTION '%.account_id is required%', TG_TABLE_NAME,
      CASE WHEN TG_NARGS > 0 THEN ' when the row has no parent to take it from' ELSE ': the row belongs to an account' END
      USING ERRCODE = '23502';
  END IF;
  RETURN NEW;
END $$;

-- Check-ins are facts: a ticket's status and checked_in_at follow from them. The earliest
-- entry wins whatever order two doors' check-ins arrive in; a later one changes nothing, so
-- the ticket is not rewritten. The ticket is the scanned code's within the check-in's event,
-- else the attendee's ticket for that event; a cancelled or refunded ticket is left as it is.
-- SECURITY DEFINER: door staff record check-ins without the right to edit tickets.
CREATE FUNCTION private.derive_ticket_checkin() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  -- Once per statement (a pushed batch of check-ins is one INSERT): one UPDATE for all tickets.
  WITH entries AS (
    SELECT coalesce(
             (SELECT t.id FROM public.tickets t WHERE t.event_id = n.event_id AND t.qr_code = n.qr_code_scanned),
             (SELECT t.id FROM public.tickets t WHERE t.event_id = n.event_id AND t.attendee_id = n.attendee_id
              ORDER BY t.created_at, t.id LIMIT 1)) AS ticket,
           coalesce(n.check_in_time, n.created_at) AS entered
    FROM new_checkins n),
  earliest AS (SELECT ticket, min(entered) AS entered FROM entries WHERE ticket IS NOT NULL GROUP BY ticket)
  UPDATE public.tickets t SET status = 'used', checked_in_at = least(t.checked_in_at, e.entered)
  FROM earliest e
  WHERE t.id = e.ticket
    AND (t.status = 'active' OR (t.status = 'used' AND (t.checked_in_at IS NULL OR t.checked_in_at > e.entered)));
  RETURN NULL;
END $$;

-- Seed 003's event_stats figures for one event: its tickets counted by status, never a ticket
-- row. SECURITY DEFINER, so that whoever may see the event gets its full figures: the web shop
-- shows seats left for events whose tickets its reader may not read (anon none of them, a
-- customer only their own). Who may see which event is decided by the view below, which reads
-- events as the caller. Each call is an index-only scan of the event's range
-- of idx_tickets_event_status (event_id, status). COST (default 100) tells the planner a call is
-- worth about an index lookup or two, so that it calls it for the events a query asks for
-- rather than for every event the reader may see (see the view).
CREATE FUNCTION private.event_ticket_counts(
  p_event_id uuid,
  OUT tickets_sold bigint, OUT tickets_active bigint, OUT tickets_used bigint, OUT tickets_cancelled bigint)
LANGUAGE sql STABLE SECURITY DEFINER COST 1000 SET search_path = '' AS $$
  SELECT count(*) FILTER (WHERE t.status IN ('active', 'used')),
         count(*) FILTER (WHERE t.status = 'active'),
         count(*) FILTER (WHERE t.status = 'used'),
         count(*) FILTER (WHERE t.status = 'cancelled')
  FROM public.tickets t
  WHERE t.event_id = p_event_id
$$;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA private FROM PUBLIC, anon, authenticated, service_role;

-- Seed 003's event_stats: computed from tickets, never stored. security_invoker (a view
-- otherwise reads as its owner), so the reader's row-level security on events decides which
-- events have a row: anon and customers get published public events, members their account's,
-- door staff their event. The figures come from private.event_ticket_counts, whatever the
-- reader may see of the tickets themselves. Anyone who reads the view needs EXECUTE on the
-- function (20261122000200_rls.sql).
-- Performance: one call per event, each an index-only scan of that event's tickets; never a scan
-- of all tickets. The call sits in a subquery with OFFSET 0 so that the planner costs every call
-- (it takes a function scan's rescans as free): otherwise a dashboard that embeds the stats of
-- an account's events (events LEFT JOIN LATERAL event_stats, as PostgREST does) may be planned
-- as the stats of every event the reader sees (every published public event of every account)
-- hash-joined to the account's events.
CREATE VIEW event_stats WITH (security_invoker = true) AS
SELECT
  e.id AS event_id,
  e.name AS event_name,
  e.capacity,
  c.tickets_sold,
  e.capacity - c.tickets_sold AS tickets_available,
  c.tickets_active,
  c.tickets_used,
  c.tickets_cancelled
FROM events e
CROSS JOIN LATERAL (SELECT * FROM private.event_ticket_counts(e.id) OFFSET 0) c;

-- updated_at on every table that has it.
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON profiles FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON account_users FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON venues FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON events FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON attendees FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON tickets FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON speakers FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON sessions FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON sponsors FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON event_feedback FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON networking_connections FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON event_materials FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON event_announcements FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON event_waitlists FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON event_expenses FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON event_teams FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON crm_organizers FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON crm_contacts FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON crm_pipeline_stages FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON crm_opportunities FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON crm_activities FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON crm_notes FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON crm_email_templates FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON campaigns FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();

-- Codes on insert.
CREATE TRIGGER generate_slug BEFORE INSERT ON accounts FOR EACH ROW EXECUTE FUNCTION private.generate_slug();
CREATE TRIGGER generate_slug BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION private.generate_slug();
CREATE TRIGGER generate_order_number BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION private.generate_order_number();
CREATE TRIGGER generate_ticket_codes BEFORE INSERT ON tickets FOR EACH ROW EXECUTE FUNCTION private.generate_ticket_codes();

-- Tenancy: every table with account_id, with the references to parents that have an account
-- (profiles have none, so references to people are not listed). Top-level tables list none.
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id ON account_users
  FOR EACH ROW EXECUTE FUNCTION private.settle_account();
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id ON venues
  FOR EACH ROW EXECUTE FUNCTION private.settle_account();
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, venue_id ON events
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('venue_id', 'venues');
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, event_id ON orders
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('event_id', 'events');
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, order_id, event_id ON attendees
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('order_id', 'orders', 'event_id', 'events');
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, event_id, order_id, attendee_id ON tickets
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('event_id', 'events', 'order_id', 'orders', 'attendee_id', 'attendees');
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, event_id ON speakers
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('event_id', 'events');
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, event_id, speaker_id, venue_id ON sessions
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('event_id', 'events', 'speaker_id', 'speakers', 'venue_id', 'venues');
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, event_id ON sponsors
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('event_id', 'events');
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, event_id, attendee_id, session_id ON event_feedback
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('event_id', 'events', 'attendee_id', 'attendees', 'session_id', 'sessions');
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, event_id, requester_id, target_id ON networking_connections
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('event_id', 'events', 'requester_id', 'attendees', 'target_id', 'attendees');
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, event_id, attendee_id, session_id ON event_checkins
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('event_id', 'events', 'attendee_id', 'attendees', 'session_id', 'sessions');
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, event_id, session_id ON event_materials
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('event_id', 'events', 'session_id', 'sessions');
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, event_id ON event_announcements
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('event_id', 'events');
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, event_id, session_id ON event_analytics
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('event_id', 'events', 'session_id', 'sessions');
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, event_id, attendee_id ON event_waitlists
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('event_id', 'events', 'attendee_id', 'attendees');
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, event_id ON event_expenses
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('event_id', 'events');
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, event_id ON event_teams
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('event_id', 'events');
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id ON crm_organizers
  FOR EACH ROW EXECUTE FUNCTION private.settle_account();
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, organizer_id ON crm_contacts
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('organizer_id', 'crm_organizers');
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id ON crm_pipeline_stages
  FOR EACH ROW EXECUTE FUNCTION private.settle_account();
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, organizer_id, event_id, stage_id ON crm_opportunities
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('organizer_id', 'crm_organizers', 'event_id', 'events', 'stage_id', 'crm_pipeline_stages');
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, organizer_id, contact_id, opportunity_id, event_id ON crm_activities
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('organizer_id', 'crm_organizers', 'contact_id', 'crm_contacts', 'opportunity_id', 'crm_opportunities', 'event_id', 'events');
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, organizer_id, contact_id, opportunity_id ON crm_notes
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('organizer_id', 'crm_organizers', 'contact_id', 'crm_contacts', 'opportunity_id', 'crm_opportunities');
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, organizer_id, opportunity_id ON crm_documents
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('organizer_id', 'crm_organizers', 'opportunity_id', 'crm_opportunities');
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id ON crm_email_templates
  FOR EACH ROW EXECUTE FUNCTION private.settle_account();
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, event_id ON campaigns
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('event_id', 'events');
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id ON notifications
  FOR EACH ROW EXECUTE FUNCTION private.settle_account();

-- A check-in derives its ticket's state.
CREATE TRIGGER derive_ticket_checkin AFTER INSERT ON event_checkins
  REFERENCING NEW TABLE AS new_checkins FOR EACH STATEMENT EXECUTE FUNCTION private.derive_ticket_checkin();
