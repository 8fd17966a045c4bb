-- Columns seed 001 needs on tables we had (issue 17, docs/SCHEMA.md §A), as the replica's V16.

ALTER TABLE public.accounts ADD COLUMN legal_name TEXT;
ALTER TABLE public.accounts ADD COLUMN address JSONB DEFAULT '{}';
ALTER TABLE public.accounts ADD COLUMN tax_number TEXT;
ALTER TABLE public.accounts ADD COLUMN default_currency TEXT NOT NULL DEFAULT 'CAD';
ALTER TABLE public.accounts ADD COLUMN timezone TEXT;
ALTER TABLE public.accounts ADD COLUMN locale TEXT NOT NULL DEFAULT 'en-CA';
ALTER TABLE public.accounts ADD COLUMN invoice_series TEXT NOT NULL DEFAULT 'INV';
ALTER TABLE public.accounts ADD COLUMN logo_storage_path TEXT;
ALTER TABLE public.profiles ADD COLUMN preferences JSONB DEFAULT '{}';
ALTER TABLE public.venues ADD COLUMN kind TEXT NOT NULL DEFAULT 'physical' CONSTRAINT kind CHECK (kind IN ('physical', 'virtual', 'hybrid'));
ALTER TABLE public.venues ADD COLUMN online_url TEXT;
ALTER TABLE public.attendees ADD COLUMN profile_id UUID REFERENCES public.profiles(id) ON DELETE SET NULL;
ALTER TABLE public.attendees ADD COLUMN answers JSONB DEFAULT '{}';
ALTER TABLE public.event_feedback ADD COLUMN profile_id UUID REFERENCES public.profiles(id) ON DELETE SET NULL;
ALTER TABLE public.event_feedback ADD COLUMN respondent_type TEXT NOT NULL DEFAULT 'attendee' CONSTRAINT respondent_type CHECK (respondent_type IN ('attendee', 'staff', 'sponsor', 'designer', 'model', 'partner', 'other'));
ALTER TABLE public.event_teams ADD COLUMN position TEXT;
ALTER TABLE public.event_teams ADD COLUMN shift_start_at TIMESTAMPTZ;
ALTER TABLE public.event_teams ADD COLUMN shift_end_at TIMESTAMPTZ CONSTRAINT shift_end_at CHECK (shift_end_at > shift_start_at);
ALTER TABLE public.crm_organizers ADD COLUMN company_roles TEXT[] NOT NULL DEFAULT '{client}' CONSTRAINT company_roles CHECK (company_roles <@ ARRAY['client', 'sponsor', 'vendor', 'agency', 'media', 'designer_house', 'venue', 'partner']);
ALTER TABLE public.crm_notes ADD COLUMN event_id UUID REFERENCES public.events(id) ON DELETE CASCADE;
CREATE INDEX idx_attendees_profile ON public.attendees(profile_id);
CREATE INDEX idx_notes_event ON public.crm_notes(event_id);

-- A note on an event takes (and must share) the event's account, as on its company, contact or deal.
DROP TRIGGER settle_account ON public.crm_notes;
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, organizer_id, contact_id, opportunity_id, event_id ON public.crm_notes
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('organizer_id', 'crm_organizers', 'contact_id', 'crm_contacts', 'opportunity_id', 'crm_opportunities', 'event_id', 'events');
