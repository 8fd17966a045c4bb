-- Meeting bookings (issue 17, docs/SCHEMA.md §N6), as the replica's V13. Rules of the CRM's
-- activities: owners and admins everything; managers and members (sales reps) read, book and
-- change the bookings they host, and delete none (they cancel); viewers, door staff, customers
-- and anonymous visitors nothing.

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
    WHEN 'crm_activities' THEN RETURN (SELECT account_id FROM public.crm_activities WHERE id = parent_id);
    WHEN 'campaigns' THEN RETURN (SELECT account_id FROM public.campaigns WHERE id = parent_id);
    WHEN 'event_expenses' THEN RETURN (SELECT account_id FROM public.event_expenses WHERE id = parent_id);
    WHEN 'fashion_designers' THEN RETURN (SELECT account_id FROM public.fashion_designers WHERE id = parent_id);
    WHEN 'models' THEN RETURN (SELECT account_id FROM public.models WHERE id = parent_id);
    WHEN 'production_runs' THEN RETURN (SELECT account_id FROM public.production_runs WHERE id = parent_id);
    WHEN 'social_media_platforms' THEN RETURN (SELECT account_id FROM public.social_media_platforms WHERE id = parent_id);
    WHEN 'influencers' THEN RETURN (SELECT account_id FROM public.influencers WHERE id = parent_id);
    WHEN 'event_planning' THEN RETURN (SELECT account_id FROM public.event_planning WHERE id = parent_id);
    WHEN 'meeting_types' THEN RETURN (SELECT account_id FROM public.meeting_types WHERE id = parent_id);
  END CASE;
END $$;
REVOKE EXECUTE ON FUNCTION private.account_of(text, uuid) FROM PUBLIC, anon, authenticated;

CREATE TABLE public.meeting_bookings (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES public.accounts(id) ON DELETE CASCADE,
  meeting_type_id UUID NOT NULL REFERENCES public.meeting_types(id),
  event_id UUID REFERENCES public.events(id) ON DELETE SET NULL,
  host_id UUID NOT NULL REFERENCES public.profiles(id),
  organizer_id UUID REFERENCES public.crm_organizers(id) ON DELETE SET NULL,
  contact_id UUID REFERENCES public.crm_contacts(id) ON DELETE SET NULL,
  opportunity_id UUID REFERENCES public.crm_opportunities(id) ON DELETE SET NULL,
  guest_name TEXT NOT NULL,
  guest_email TEXT,
  guest_phone TEXT,
  starts_at TIMESTAMPTZ NOT NULL,
  ends_at TIMESTAMPTZ NOT NULL CONSTRAINT ends_at CHECK (ends_at > starts_at),
  location TEXT,
  meeting_url TEXT,
  status TEXT NOT NULL DEFAULT 'confirmed' CONSTRAINT status CHECK (status IN ('requested', 'confirmed', 'cancelled', 'completed', 'no_show')),
  source TEXT NOT NULL DEFAULT 'app' CONSTRAINT source CHECK (source IN ('app', 'web', 'import')),
  cancel_reason TEXT,
  activity_id UUID REFERENCES public.crm_activities(id) ON DELETE SET NULL,
  notes TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_meeting_bookings_account ON public.meeting_bookings(account_id);
CREATE INDEX idx_meeting_bookings_host_id_starts_at ON public.meeting_bookings(host_id, starts_at);
CREATE INDEX idx_meeting_bookings_meeting_type_id ON public.meeting_bookings(meeting_type_id);
CREATE INDEX idx_meeting_bookings_event_id ON public.meeting_bookings(event_id);
CREATE INDEX idx_meeting_bookings_organizer_id ON public.meeting_bookings(organizer_id);
CREATE INDEX idx_meeting_bookings_contact_id ON public.meeting_bookings(contact_id);
CREATE INDEX idx_meeting_bookings_opportunity_id ON public.meeting_bookings(opportunity_id);
CREATE UNIQUE INDEX uq_meeting_bookings_activity_id ON public.meeting_bookings(activity_id);
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, meeting_type_id, event_id, organizer_id, contact_id, opportunity_id, activity_id ON public.meeting_bookings
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('meeting_type_id', 'meeting_types', 'event_id', 'events', 'organizer_id', 'crm_organizers', 'contact_id', 'crm_contacts', 'opportunity_id', 'crm_opportunities', 'activity_id', 'crm_activities');
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON public.meeting_bookings FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();


REVOKE ALL ON public.meeting_bookings FROM PUBLIC, anon, authenticated;
GRANT SELECT, INSERT, UPDATE, DELETE ON public.meeting_bookings TO authenticated;
GRANT ALL ON public.meeting_bookings TO service_role;
ALTER TABLE public.meeting_bookings ENABLE ROW LEVEL SECURITY;

CREATE POLICY "owners and admins do everything" ON public.meeting_bookings
  FOR ALL TO authenticated
  USING (account_id = ANY ((SELECT private.account_ids_with_role('owner', 'admin'))::uuid[]))
  WITH CHECK (account_id = ANY ((SELECT private.account_ids_with_role('owner', 'admin'))::uuid[]));
CREATE POLICY "sales reps read the meetings they host" ON public.meeting_bookings
  FOR SELECT TO authenticated
  USING (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
         AND host_id = (SELECT auth.uid()));
CREATE POLICY "sales reps book meetings they host" ON public.meeting_bookings
  FOR INSERT TO authenticated
  WITH CHECK (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
              AND host_id = (SELECT auth.uid()));
CREATE POLICY "sales reps change the meetings they host" ON public.meeting_bookings
  FOR UPDATE TO authenticated
  USING (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
         AND host_id = (SELECT auth.uid()))
  WITH CHECK (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
              AND host_id = (SELECT auth.uid()));

INSERT INTO sync.synced_tables (name) VALUES ('meeting_bookings');
ALTER TABLE public.meeting_bookings ADD COLUMN _hlc jsonb NOT NULL DEFAULT '{}';
CREATE TRIGGER zz_sync_stamp_hlc BEFORE INSERT OR UPDATE ON public.meeting_bookings
  FOR EACH ROW EXECUTE FUNCTION sync.stamp_hlc();
CREATE TRIGGER sync_log_insert AFTER INSERT ON public.meeting_bookings
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sync.log_changes();
CREATE TRIGGER sync_log_update AFTER UPDATE ON public.meeting_bookings
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sync.log_changes();
CREATE TRIGGER sync_log_delete AFTER DELETE ON public.meeting_bookings
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sync.log_changes();
