-- Issue 17, part one: seed 001's production and operations tables (docs/SCHEMA.md §N3, §N4, §N6,
-- §N7) and the event and session kinds a fashion show needs (§A5, §A9). The replica's migration
-- V12 has the same tables.
--
-- Who may do what (20261122000200_rls.sql's table, extended):
--   event side (designers, models, a show's runs, models and looks, media partners, influencers,
--   logistics, planning, risks, custom fields): owners, admins, managers and members read, add
--   and change; viewers read; owners, admins and managers delete.
--   set-up (social media platforms, meeting types): the account's people read; owners, admins
--   and managers write.
--   Door staff, customers and anonymous visitors: nothing.

ALTER TABLE public.events DROP CONSTRAINT type,
  ADD CONSTRAINT type CHECK (type IN ('conference', 'seminar', 'workshop', 'networking', 'fashion_show'));
ALTER TABLE public.sessions DROP CONSTRAINT session_type,
  ADD CONSTRAINT session_type CHECK (session_type IN ('keynote', 'workshop', 'panel', 'networking', 'break', 'show', 'rehearsal'));

-- The new tables are parents too (settle_account takes a row's account from them).
CREATE OR REPLACE FUNCTION private.account_of(parent text, parent_id uuid) RETURNS uuid
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
    WHEN 'campaigns' THEN RETURN (SELECT account_id FROM public.campaigns WHERE id = parent_id);
    WHEN 'event_expenses' THEN RETURN (SELECT account_id FROM public.event_expenses WHERE id = parent_id);
    WHEN 'fashion_designers' THEN RETURN (SELECT account_id FROM public.fashion_designers WHERE id = parent_id);
    WHEN 'models' THEN RETURN (SELECT account_id FROM public.models WHERE id = parent_id);
    WHEN 'production_runs' THEN RETURN (SELECT account_id FROM public.production_runs WHERE id = parent_id);
    WHEN 'social_media_platforms' THEN RETURN (SELECT account_id FROM public.social_media_platforms WHERE id = parent_id);
    WHEN 'influencers' THEN RETURN (SELECT account_id FROM public.influencers WHERE id = parent_id);
    WHEN 'event_planning' THEN RETURN (SELECT account_id FROM public.event_planning WHERE id = parent_id);
  END CASE;
END $$;
REVOKE EXECUTE ON FUNCTION private.account_of(text, uuid) FROM PUBLIC, anon, authenticated;

CREATE TABLE public.fashion_designers (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES public.accounts(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  brand_name TEXT,
  organizer_id UUID REFERENCES public.crm_organizers(id) ON DELETE SET NULL,
  contact_email TEXT,
  contact_phone TEXT,
  website TEXT,
  social_links JSONB DEFAULT '{}',
  bio TEXT,
  categories TEXT[] DEFAULT '{}' CONSTRAINT categories CHECK (categories <@ ARRAY['womenswear', 'menswear', 'unisex', 'couture', 'ready_to_wear', 'bridal', 'accessories', 'footwear', 'kidswear', 'swimwear', 'sustainable']),
  status TEXT NOT NULL DEFAULT 'prospect' CONSTRAINT status CHECK (status IN ('prospect', 'confirmed', 'inactive')),
  tags TEXT[] DEFAULT '{}',
  notes TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_fashion_designers_account ON public.fashion_designers(account_id);
CREATE INDEX idx_fashion_designers_organizer_id ON public.fashion_designers(organizer_id);
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, organizer_id ON public.fashion_designers
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('organizer_id', 'crm_organizers');
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON public.fashion_designers FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();

CREATE TABLE public.models (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES public.accounts(id) ON DELETE CASCADE,
  full_name TEXT NOT NULL,
  stage_name TEXT,
  agency_id UUID REFERENCES public.crm_organizers(id) ON DELETE SET NULL,
  agency_name TEXT,
  email TEXT,
  phone TEXT,
  divisions TEXT[] DEFAULT '{}' CONSTRAINT divisions CHECK (divisions <@ ARRAY['women', 'men', 'non_binary', 'curve', 'petite', 'kids', 'mature']),
  height_cm INTEGER CONSTRAINT height_cm CHECK (height_cm BETWEEN 50 AND 250),
  bust_cm INTEGER CONSTRAINT bust_cm CHECK (bust_cm BETWEEN 30 AND 200),
  waist_cm INTEGER CONSTRAINT waist_cm CHECK (waist_cm BETWEEN 30 AND 200),
  hips_cm INTEGER CONSTRAINT hips_cm CHECK (hips_cm BETWEEN 30 AND 200),
  shoe_size TEXT,
  dress_size TEXT,
  hair_color TEXT,
  eye_color TEXT,
  is_minor BOOLEAN NOT NULL DEFAULT false,
  day_rate_cents INTEGER CONSTRAINT day_rate_cents CHECK (day_rate_cents >= 0),
  portfolio_url TEXT,
  instagram_handle TEXT,
  status TEXT NOT NULL DEFAULT 'active' CONSTRAINT status CHECK (status IN ('active', 'on_hold', 'inactive')),
  tags TEXT[] DEFAULT '{}',
  notes TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_models_account ON public.models(account_id);
CREATE INDEX idx_models_agency_id ON public.models(agency_id);
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, agency_id ON public.models
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('agency_id', 'crm_organizers');
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON public.models FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();

CREATE TABLE public.production_runs (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES public.accounts(id) ON DELETE CASCADE,
  event_id UUID NOT NULL REFERENCES public.events(id) ON DELETE CASCADE,
  session_id UUID NOT NULL REFERENCES public.sessions(id) ON DELETE CASCADE,
  designer_id UUID REFERENCES public.fashion_designers(id),
  title TEXT NOT NULL,
  collection_season TEXT,
  run_order INTEGER NOT NULL CONSTRAINT run_order CHECK (run_order >= 1),
  planned_start_at TIMESTAMPTZ,
  duration_minutes INTEGER CONSTRAINT duration_minutes CHECK (duration_minutes BETWEEN 1 AND 600),
  music TEXT,
  lighting_notes TEXT,
  status TEXT NOT NULL DEFAULT 'planning' CONSTRAINT status CHECK (status IN ('planning', 'casting', 'fittings', 'rehearsed', 'ready', 'shown', 'cancelled')),
  producer_id UUID REFERENCES public.profiles(id) ON DELETE SET NULL,
  notes TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_production_runs_account ON public.production_runs(account_id);
CREATE INDEX idx_production_runs_event_id ON public.production_runs(event_id);
CREATE INDEX idx_production_runs_designer_id ON public.production_runs(designer_id);
CREATE UNIQUE INDEX uq_production_runs_session_id_run_order ON public.production_runs(session_id, run_order);
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, event_id, session_id, designer_id ON public.production_runs
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('event_id', 'events', 'session_id', 'sessions', 'designer_id', 'fashion_designers');
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON public.production_runs FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();

CREATE TABLE public.production_run_models (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES public.accounts(id) ON DELETE CASCADE,
  event_id UUID NOT NULL REFERENCES public.events(id) ON DELETE CASCADE,
  production_run_id UUID NOT NULL REFERENCES public.production_runs(id) ON DELETE CASCADE,
  model_id UUID NOT NULL REFERENCES public.models(id),
  call_at TIMESTAMPTZ NOT NULL,
  fitting_at TIMESTAMPTZ,
  hair_makeup_at TIMESTAMPTZ,
  released_at TIMESTAMPTZ,
  status TEXT NOT NULL DEFAULT 'booked' CONSTRAINT status CHECK (status IN ('booked', 'confirmed', 'arrived', 'released', 'no_show', 'cancelled')),
  fee_cents INTEGER CONSTRAINT fee_cents CHECK (fee_cents >= 0),
  chaperone_name TEXT,
  notes TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_production_run_models_account ON public.production_run_models(account_id);
CREATE INDEX idx_production_run_models_model_id ON public.production_run_models(model_id);
CREATE INDEX idx_production_run_models_event_id_call_at ON public.production_run_models(event_id, call_at);
CREATE UNIQUE INDEX uq_production_run_models_production_run_id_model_id ON public.production_run_models(production_run_id, model_id);
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, event_id, production_run_id, model_id ON public.production_run_models
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('event_id', 'events', 'production_run_id', 'production_runs', 'model_id', 'models');
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON public.production_run_models FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();

CREATE TABLE public.production_looks (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES public.accounts(id) ON DELETE CASCADE,
  event_id UUID NOT NULL REFERENCES public.events(id) ON DELETE CASCADE,
  production_run_id UUID NOT NULL REFERENCES public.production_runs(id) ON DELETE CASCADE,
  look_number INTEGER NOT NULL CONSTRAINT look_number CHECK (look_number >= 1),
  model_id UUID REFERENCES public.models(id) ON DELETE SET NULL,
  title TEXT,
  garments JSONB DEFAULT '[]',
  accessories TEXT,
  change_type TEXT NOT NULL DEFAULT 'none' CONSTRAINT change_type CHECK (change_type IN ('none', 'quick', 'full')),
  dresser_name TEXT,
  hair_makeup_notes TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_production_looks_account ON public.production_looks(account_id);
CREATE INDEX idx_production_looks_event_id ON public.production_looks(event_id);
CREATE INDEX idx_production_looks_model_id ON public.production_looks(model_id);
CREATE UNIQUE INDEX uq_production_looks_production_run_id_look_number ON public.production_looks(production_run_id, look_number);
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, event_id, production_run_id, model_id ON public.production_looks
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('event_id', 'events', 'production_run_id', 'production_runs', 'model_id', 'models');
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON public.production_looks FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();

CREATE TABLE public.social_media_platforms (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES public.accounts(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  slug TEXT NOT NULL,
  profile_url_template TEXT,
  account_handle TEXT,
  sort_order INTEGER NOT NULL DEFAULT 0,
  is_active BOOLEAN NOT NULL DEFAULT true,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_social_media_platforms_account ON public.social_media_platforms(account_id);
CREATE UNIQUE INDEX uq_social_media_platforms_account_id_slug ON public.social_media_platforms(account_id, slug);
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id ON public.social_media_platforms
  FOR EACH ROW EXECUTE FUNCTION private.settle_account();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON public.social_media_platforms FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();

CREATE TABLE public.media_partners (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES public.accounts(id) ON DELETE CASCADE,
  event_id UUID NOT NULL REFERENCES public.events(id) ON DELETE CASCADE,
  outlet_name TEXT NOT NULL,
  organizer_id UUID REFERENCES public.crm_organizers(id) ON DELETE SET NULL,
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
  coverage_urls TEXT[] DEFAULT '{}',
  notes TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_media_partners_account ON public.media_partners(account_id);
CREATE INDEX idx_media_partners_event_id ON public.media_partners(event_id);
CREATE INDEX idx_media_partners_organizer_id ON public.media_partners(organizer_id);
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, event_id, organizer_id ON public.media_partners
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('event_id', 'events', 'organizer_id', 'crm_organizers');
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON public.media_partners FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();

CREATE TABLE public.influencers (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES public.accounts(id) ON DELETE CASCADE,
  full_name TEXT NOT NULL,
  handle TEXT NOT NULL,
  platform_id UUID REFERENCES public.social_media_platforms(id) ON DELETE SET NULL,
  follower_count INTEGER CONSTRAINT follower_count CHECK (follower_count >= 0),
  engagement_rate NUMERIC(5,2),
  niches TEXT[] DEFAULT '{}',
  email TEXT,
  phone TEXT,
  agency_id UUID REFERENCES public.crm_organizers(id) ON DELETE SET NULL,
  rate_cents INTEGER CONSTRAINT rate_cents CHECK (rate_cents >= 0),
  other_handles JSONB DEFAULT '{}',
  status TEXT NOT NULL DEFAULT 'prospect' CONSTRAINT status CHECK (status IN ('prospect', 'active', 'inactive')),
  notes TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_influencers_account ON public.influencers(account_id);
CREATE INDEX idx_influencers_platform_id ON public.influencers(platform_id);
CREATE INDEX idx_influencers_agency_id ON public.influencers(agency_id);
CREATE UNIQUE INDEX uq_influencers_account_id_platform_id_handle ON public.influencers(account_id, platform_id, lower(handle));
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, platform_id, agency_id ON public.influencers
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('platform_id', 'social_media_platforms', 'agency_id', 'crm_organizers');
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON public.influencers FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();

CREATE TABLE public.event_influencers (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES public.accounts(id) ON DELETE CASCADE,
  event_id UUID NOT NULL REFERENCES public.events(id) ON DELETE CASCADE,
  influencer_id UUID NOT NULL REFERENCES public.influencers(id) ON DELETE CASCADE,
  campaign_id UUID REFERENCES public.campaigns(id) ON DELETE SET NULL,
  attendee_id UUID REFERENCES public.attendees(id) ON DELETE SET NULL,
  role TEXT NOT NULL DEFAULT 'guest' CONSTRAINT role CHECK (role IN ('guest', 'front_row', 'content_creator', 'host', 'ambassador')),
  deliverables TEXT,
  posts_required INTEGER NOT NULL DEFAULT 0 CONSTRAINT posts_required CHECK (posts_required >= 0),
  posts_delivered INTEGER NOT NULL DEFAULT 0 CONSTRAINT posts_delivered CHECK (posts_delivered >= 0),
  fee_cents INTEGER CONSTRAINT fee_cents CHECK (fee_cents >= 0),
  status TEXT NOT NULL DEFAULT 'invited' CONSTRAINT status CHECK (status IN ('invited', 'confirmed', 'attended', 'declined', 'cancelled')),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_event_influencers_account ON public.event_influencers(account_id);
CREATE INDEX idx_event_influencers_influencer_id ON public.event_influencers(influencer_id);
CREATE INDEX idx_event_influencers_campaign_id ON public.event_influencers(campaign_id);
CREATE INDEX idx_event_influencers_attendee_id ON public.event_influencers(attendee_id);
CREATE UNIQUE INDEX uq_event_influencers_event_id_influencer_id ON public.event_influencers(event_id, influencer_id);
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, event_id, influencer_id, campaign_id, attendee_id ON public.event_influencers
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('event_id', 'events', 'influencer_id', 'influencers', 'campaign_id', 'campaigns', 'attendee_id', 'attendees');
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON public.event_influencers FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();

CREATE TABLE public.event_logistics (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES public.accounts(id) ON DELETE CASCADE,
  event_id UUID NOT NULL REFERENCES public.events(id) ON DELETE CASCADE,
  category TEXT NOT NULL CONSTRAINT category CHECK (category IN ('transport', 'equipment', 'catering', 'staffing', 'security', 'setup', 'teardown', 'accommodation', 'permits', 'other')),
  title TEXT NOT NULL,
  description TEXT,
  vendor_id UUID REFERENCES public.crm_organizers(id) ON DELETE SET NULL,
  vendor_name TEXT,
  location TEXT,
  quantity INTEGER CONSTRAINT quantity CHECK (quantity >= 0),
  scheduled_at TIMESTAMPTZ,
  ends_at TIMESTAMPTZ CONSTRAINT ends_at CHECK (ends_at > scheduled_at),
  status TEXT NOT NULL DEFAULT 'planned' CONSTRAINT status CHECK (status IN ('planned', 'requested', 'confirmed', 'in_progress', 'done', 'cancelled')),
  owner_id UUID REFERENCES public.profiles(id) ON DELETE SET NULL,
  expense_id UUID REFERENCES public.event_expenses(id) ON DELETE SET NULL,
  notes TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_event_logistics_account ON public.event_logistics(account_id);
CREATE INDEX idx_event_logistics_event_id_scheduled_at ON public.event_logistics(event_id, scheduled_at);
CREATE INDEX idx_event_logistics_vendor_id ON public.event_logistics(vendor_id);
CREATE INDEX idx_event_logistics_expense_id ON public.event_logistics(expense_id);
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, event_id, vendor_id, expense_id ON public.event_logistics
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('event_id', 'events', 'vendor_id', 'crm_organizers', 'expense_id', 'event_expenses');
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON public.event_logistics FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();

CREATE TABLE public.event_planning (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES public.accounts(id) ON DELETE CASCADE,
  event_id UUID NOT NULL REFERENCES public.events(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  description TEXT,
  kind TEXT NOT NULL DEFAULT 'task' CONSTRAINT kind CHECK (kind IN ('task', 'milestone', 'approval')),
  phase TEXT CONSTRAINT phase CHECK (phase IN ('concept', 'pre_production', 'marketing', 'production', 'event_day', 'post_event')),
  status TEXT NOT NULL DEFAULT 'not_started' CONSTRAINT status CHECK (status IN ('not_started', 'in_progress', 'blocked', 'done', 'cancelled')),
  priority TEXT NOT NULL DEFAULT 'normal' CONSTRAINT priority CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  assigned_to UUID REFERENCES public.profiles(id) ON DELETE SET NULL,
  start_date DATE,
  due_date DATE,
  completed_at TIMESTAMPTZ,
  depends_on_id UUID REFERENCES public.event_planning(id) ON DELETE SET NULL,
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_event_planning_account ON public.event_planning(account_id);
CREATE INDEX idx_event_planning_event_id_due_date ON public.event_planning(event_id, due_date);
CREATE INDEX idx_event_planning_assigned_to ON public.event_planning(assigned_to);
CREATE INDEX idx_event_planning_depends_on_id ON public.event_planning(depends_on_id);
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, event_id, depends_on_id ON public.event_planning
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('event_id', 'events', 'depends_on_id', 'event_planning');
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON public.event_planning FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();

CREATE TABLE public.event_risks (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES public.accounts(id) ON DELETE CASCADE,
  event_id UUID NOT NULL REFERENCES public.events(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  description TEXT,
  category TEXT CONSTRAINT category CHECK (category IN ('safety', 'security', 'weather', 'financial', 'supplier', 'technical', 'health', 'legal', 'reputational', 'other')),
  likelihood INTEGER NOT NULL CONSTRAINT likelihood CHECK (likelihood BETWEEN 1 AND 5),
  impact INTEGER NOT NULL CONSTRAINT impact CHECK (impact BETWEEN 1 AND 5),
  risk_score INTEGER GENERATED ALWAYS AS (likelihood * impact) STORED,
  owner_id UUID REFERENCES public.profiles(id) ON DELETE SET NULL,
  mitigation TEXT,
  contingency TEXT,
  status TEXT NOT NULL DEFAULT 'open' CONSTRAINT status CHECK (status IN ('open', 'mitigating', 'accepted', 'closed', 'occurred')),
  review_date DATE,
  raised_by UUID REFERENCES public.profiles(id) ON DELETE SET NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_event_risks_account ON public.event_risks(account_id);
CREATE INDEX idx_event_risks_event_id_status ON public.event_risks(event_id, status);
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, event_id ON public.event_risks
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('event_id', 'events');
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON public.event_risks FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();

CREATE TABLE public.event_xpls (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES public.accounts(id) ON DELETE CASCADE,
  event_id UUID NOT NULL REFERENCES public.events(id) ON DELETE CASCADE,
  field_key TEXT NOT NULL,
  label TEXT,
  value_type TEXT NOT NULL DEFAULT 'text' CONSTRAINT value_type CHECK (value_type IN ('text', 'number', 'date', 'boolean', 'url', 'json')),
  field_value TEXT,
  visibility TEXT NOT NULL DEFAULT 'internal' CONSTRAINT visibility CHECK (visibility IN ('internal', 'public')),
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_event_xpls_account ON public.event_xpls(account_id);
CREATE UNIQUE INDEX uq_event_xpls_event_id_field_key ON public.event_xpls(event_id, field_key);
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, event_id ON public.event_xpls
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('event_id', 'events');
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON public.event_xpls FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();

CREATE TABLE public.meeting_types (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES public.accounts(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT,
  duration_minutes INTEGER NOT NULL DEFAULT 30 CONSTRAINT duration_minutes CHECK (duration_minutes BETWEEN 5 AND 480),
  location_kind TEXT NOT NULL DEFAULT 'video' CONSTRAINT location_kind CHECK (location_kind IN ('in_person', 'video', 'phone')),
  default_location TEXT,
  buffer_minutes INTEGER NOT NULL DEFAULT 0 CONSTRAINT buffer_minutes CHECK (buffer_minutes BETWEEN 0 AND 240),
  color TEXT,
  is_active BOOLEAN NOT NULL DEFAULT true,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_meeting_types_account ON public.meeting_types(account_id);
CREATE UNIQUE INDEX uq_meeting_types_account_id_name ON public.meeting_types(account_id, name);
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id ON public.meeting_types
  FOR EACH ROW EXECUTE FUNCTION private.settle_account();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON public.meeting_types FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();

-- ---------------------------------------------------------------------------------------------
-- Privileges and row-level security
-- ---------------------------------------------------------------------------------------------

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['fashion_designers', 'models', 'production_runs', 'production_run_models', 'production_looks', 'media_partners', 'influencers', 'event_influencers', 'event_logistics', 'event_planning', 'event_risks', 'event_xpls', 'social_media_platforms', 'meeting_types'] LOOP
    EXECUTE format('REVOKE ALL ON public.%I FROM PUBLIC, anon, authenticated', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON public.%I TO authenticated', t);
    EXECUTE format('GRANT ALL ON public.%I TO service_role', t);
    EXECUTE format('ALTER TABLE public.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$
      CREATE POLICY "account members read" ON public.%1$I
        FOR SELECT TO authenticated
        USING (account_id = ANY ((SELECT private.account_ids_with_role('owner', 'admin', 'manager', 'member', 'viewer'))::uuid[]))
    $p$, t);
    EXECUTE format($p$
      CREATE POLICY "owners, admins and managers delete" ON public.%1$I
        FOR DELETE TO authenticated
        USING (account_id = ANY ((SELECT private.account_ids_with_role('owner', 'admin', 'manager'))::uuid[]))
    $p$, t);
  END LOOP;

  FOREACH t IN ARRAY ARRAY['fashion_designers', 'models', 'production_runs', 'production_run_models', 'production_looks', 'media_partners', 'influencers', 'event_influencers', 'event_logistics', 'event_planning', 'event_risks', 'event_xpls'] LOOP
    EXECUTE format($p$
      CREATE POLICY "owners, admins, managers and members add" ON public.%1$I
        FOR INSERT TO authenticated
        WITH CHECK (account_id = ANY ((SELECT private.account_ids_with_role('owner', 'admin', 'manager', 'member'))::uuid[]))
    $p$, t);
    EXECUTE format($p$
      CREATE POLICY "owners, admins, managers and members change" ON public.%1$I
        FOR UPDATE TO authenticated
        USING (account_id = ANY ((SELECT private.account_ids_with_role('owner', 'admin', 'manager', 'member'))::uuid[]))
        WITH CHECK (account_id = ANY ((SELECT private.account_ids_with_role('owner', 'admin', 'manager', 'member'))::uuid[]))
    $p$, t);
  END LOOP;

  -- Set-up is the account's to decide: owners, admins and managers.
  FOREACH t IN ARRAY ARRAY['social_media_platforms', 'meeting_types'] LOOP
    EXECUTE format($p$
      CREATE POLICY "owners, admins and managers add" ON public.%1$I
        FOR INSERT TO authenticated
        WITH CHECK (account_id = ANY ((SELECT private.account_ids_with_role('owner', 'admin', 'manager'))::uuid[]))
    $p$, t);
    EXECUTE format($p$
      CREATE POLICY "owners, admins and managers change" ON public.%1$I
        FOR UPDATE TO authenticated
        USING (account_id = ANY ((SELECT private.account_ids_with_role('owner', 'admin', 'manager'))::uuid[]))
        WITH CHECK (account_id = ANY ((SELECT private.account_ids_with_role('owner', 'admin', 'manager'))::uuid[]))
    $p$, t);
  END LOOP;
END $$;

-- ---------------------------------------------------------------------------------------------
-- Synced like the other tables (20261122000300_sync.sql): clocks and the change log
-- ---------------------------------------------------------------------------------------------

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['fashion_designers', 'models', 'production_runs', 'production_run_models', 'production_looks', 'media_partners', 'influencers', 'event_influencers', 'event_logistics', 'event_planning', 'event_risks', 'event_xpls', 'social_media_platforms', 'meeting_types'] LOOP
    INSERT INTO sync.synced_tables (name) VALUES (t);
    EXECUTE format('ALTER TABLE public.%I ADD COLUMN _hlc jsonb NOT NULL DEFAULT ''{}''', t);
    EXECUTE format('CREATE TRIGGER zz_sync_stamp_hlc BEFORE INSERT OR UPDATE ON public.%I
                    FOR EACH ROW EXECUTE FUNCTION sync.stamp_hlc()', t);
    EXECUTE format('CREATE TRIGGER sync_log_insert AFTER INSERT ON public.%I
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sync.log_changes()', t);
    EXECUTE format('CREATE TRIGGER sync_log_update AFTER UPDATE ON public.%I
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sync.log_changes()', t);
    EXECUTE format('CREATE TRIGGER sync_log_delete AFTER DELETE ON public.%I
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sync.log_changes()', t);
  END LOOP;
END $$;
