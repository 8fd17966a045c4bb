-- Seed 000's integrations and analytics, and seed 001's notification templates, notification
-- queue and scheduled jobs (issue 17, docs/SCHEMA.md §N5, §N7, §N8), as the replica's V15.
--
-- Who may do what:
--   notification_templates, analytics: the account's people read; owners, admins and managers
--     write (set-up; snapshots are also the server's job).
--   notification_queue: owners, admins, managers and members read, queue and cancel; owners,
--     admins and managers delete; viewers nothing (messages hold addresses).
--   integrations: owners and admins write, managers read. scheduled_jobs: owners and admins
--     write, managers and members read.
--   Door staff, customers and anonymous visitors: nothing.
--
-- An integration's settings hold no key naming a secret (secret, token, password, key), as the
-- replica's triggers read keys: secrets are set on the server, never kept in a synced row.

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
    WHEN 'notifications' THEN RETURN (SELECT account_id FROM public.notifications WHERE id = parent_id);
    WHEN 'event_expenses' THEN RETURN (SELECT account_id FROM public.event_expenses WHERE id = parent_id);
    WHEN 'fashion_designers' THEN RETURN (SELECT account_id FROM public.fashion_designers WHERE id = parent_id);
    WHEN 'models' THEN RETURN (SELECT account_id FROM public.models WHERE id = parent_id);
    WHEN 'production_runs' THEN RETURN (SELECT account_id FROM public.production_runs WHERE id = parent_id);
    WHEN 'social_media_platforms' THEN RETURN (SELECT account_id FROM public.social_media_platforms WHERE id = parent_id);
    WHEN 'influencers' THEN RETURN (SELECT account_id FROM public.influencers WHERE id = parent_id);
    WHEN 'event_planning' THEN RETURN (SELECT account_id FROM public.event_planning WHERE id = parent_id);
    WHEN 'meeting_types' THEN RETURN (SELECT account_id FROM public.meeting_types WHERE id = parent_id);
    WHEN 'notification_templates' THEN RETURN (SELECT account_id FROM public.notification_templates WHERE id = parent_id);
  END CASE;
END $$;
REVOKE EXECUTE ON FUNCTION private.account_of(text, uuid) FROM PUBLIC, anon, authenticated;

CREATE TABLE public.notification_templates (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES public.accounts(id) ON DELETE CASCADE,
  template_key TEXT NOT NULL,
  channel TEXT NOT NULL CONSTRAINT channel CHECK (channel IN ('email', 'sms', 'push', 'in_app')),
  locale TEXT NOT NULL DEFAULT 'en',
  name TEXT NOT NULL,
  subject TEXT,
  body TEXT NOT NULL,
  body_html TEXT,
  variables JSONB DEFAULT '[]',
  is_active BOOLEAN NOT NULL DEFAULT true,
  is_default BOOLEAN NOT NULL DEFAULT false,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_notification_templates_account ON public.notification_templates(account_id);
CREATE UNIQUE INDEX uq_notification_templates_account_id_template_key_channel_locale ON public.notification_templates(account_id, template_key, channel, locale);
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id ON public.notification_templates
  FOR EACH ROW EXECUTE FUNCTION private.settle_account();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON public.notification_templates FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();

CREATE TABLE public.notification_queue (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES public.accounts(id) ON DELETE CASCADE,
  event_id UUID REFERENCES public.events(id) ON DELETE SET NULL,
  template_id UUID REFERENCES public.notification_templates(id) ON DELETE SET NULL,
  notification_id UUID REFERENCES public.notifications(id) ON DELETE SET NULL,
  channel TEXT NOT NULL CONSTRAINT channel CHECK (channel IN ('email', 'sms', 'push', 'in_app')),
  recipient_user_id UUID REFERENCES public.profiles(id) ON DELETE SET NULL,
  recipient_attendee_id UUID REFERENCES public.attendees(id) ON DELETE SET NULL,
  recipient_contact_id UUID REFERENCES public.crm_contacts(id) ON DELETE SET NULL,
  to_address TEXT NOT NULL,
  subject TEXT,
  body TEXT NOT NULL,
  data JSONB DEFAULT '{}',
  priority TEXT NOT NULL DEFAULT 'normal' CONSTRAINT priority CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  scheduled_for TIMESTAMPTZ NOT NULL DEFAULT now(),
  status TEXT NOT NULL DEFAULT 'queued' CONSTRAINT status CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
  attempts INTEGER NOT NULL DEFAULT 0 CONSTRAINT attempts CHECK (attempts >= 0),
  last_error TEXT,
  provider_message_id TEXT,
  sent_at TIMESTAMPTZ,
  dedupe_key TEXT,
  created_by UUID REFERENCES public.profiles(id) ON DELETE SET NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_notification_queue_account ON public.notification_queue(account_id);
CREATE INDEX idx_notification_queue_status_scheduled_for ON public.notification_queue(status, scheduled_for);
CREATE INDEX idx_notification_queue_event_id ON public.notification_queue(event_id);
CREATE INDEX idx_notification_queue_template_id ON public.notification_queue(template_id);
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, event_id, template_id, notification_id, recipient_attendee_id, recipient_contact_id ON public.notification_queue
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('event_id', 'events', 'template_id', 'notification_templates', 'notification_id', 'notifications', 'recipient_attendee_id', 'attendees', 'recipient_contact_id', 'crm_contacts');
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON public.notification_queue FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();

CREATE TABLE public.integrations (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES public.accounts(id) ON DELETE CASCADE,
  provider TEXT NOT NULL CONSTRAINT provider CHECK (provider IN ('stripe', 'square', 'mailchimp', 'sendgrid', 'twilio', 'google_calendar', 'microsoft_365', 'zoom', 'hubspot', 'instagram', 'tiktok', 'webhook', 'other')),
  name TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'disconnected' CONSTRAINT status CHECK (status IN ('disconnected', 'connected', 'error', 'disabled')),
  config JSONB DEFAULT '{}' CONSTRAINT config CHECK (NOT jsonb_path_exists(config, '$.keyvalue() ? (@.key like_regex "secret" flag "i")') AND NOT jsonb_path_exists(config, '$.keyvalue() ? (@.key like_regex "token" flag "i")') AND NOT jsonb_path_exists(config, '$.keyvalue() ? (@.key like_regex "password" flag "i")') AND NOT jsonb_path_exists(config, '$.keyvalue() ? (@.key like_regex "key" flag "i")')),
  scopes TEXT[] DEFAULT '{}',
  has_secret BOOLEAN NOT NULL DEFAULT false,
  secret_hint TEXT,
  webhook_url TEXT,
  connected_by UUID REFERENCES public.profiles(id) ON DELETE SET NULL,
  connected_at TIMESTAMPTZ,
  last_sync_at TIMESTAMPTZ,
  last_error TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_integrations_account ON public.integrations(account_id);
CREATE UNIQUE INDEX uq_integrations_account_id_provider_name ON public.integrations(account_id, provider, name);
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id ON public.integrations
  FOR EACH ROW EXECUTE FUNCTION private.settle_account();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON public.integrations FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();

CREATE TABLE public.scheduled_jobs (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES public.accounts(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CONSTRAINT kind CHECK (kind IN ('send_notifications', 'campaign_send', 'analytics_snapshot', 'waitlist_expiry', 'invoice_reminder', 'integration_sync', 'report_email', 'data_retention')),
  name TEXT NOT NULL,
  cron TEXT,
  run_at TIMESTAMPTZ,
  payload JSONB DEFAULT '{}',
  is_active BOOLEAN NOT NULL DEFAULT true,
  next_run_at TIMESTAMPTZ,
  last_run_at TIMESTAMPTZ,
  last_status TEXT CONSTRAINT last_status CHECK (last_status IN ('succeeded', 'failed', 'skipped')),
  last_error TEXT,
  run_count INTEGER NOT NULL DEFAULT 0 CONSTRAINT run_count CHECK (run_count >= 0),
  created_by UUID REFERENCES public.profiles(id) ON DELETE SET NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_scheduled_jobs_account ON public.scheduled_jobs(account_id);
CREATE INDEX idx_scheduled_jobs_is_active_next_run_at ON public.scheduled_jobs(is_active, next_run_at);
CREATE UNIQUE INDEX uq_scheduled_jobs_account_id_name ON public.scheduled_jobs(account_id, name);
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id ON public.scheduled_jobs
  FOR EACH ROW EXECUTE FUNCTION private.settle_account();
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON public.scheduled_jobs FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();

CREATE TABLE public.analytics (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id UUID NOT NULL REFERENCES public.accounts(id) ON DELETE CASCADE,
  event_id UUID REFERENCES public.events(id) ON DELETE CASCADE,
  metric TEXT NOT NULL CONSTRAINT metric CHECK (metric IN ('revenue_cents', 'tickets_sold', 'checkins', 'attendance_rate', 'refunds_cents', 'sponsorship_cents', 'expenses_cents', 'result_cents', 'new_contacts', 'pipeline_value_cents', 'won_value_cents', 'avg_feedback', 'campaign_spend_cents')),
  period TEXT NOT NULL CONSTRAINT period CHECK (period IN ('day', 'week', 'month', 'quarter', 'year', 'event')),
  period_start DATE NOT NULL,
  period_end DATE NOT NULL CONSTRAINT period_end CHECK (period_end > period_start),
  value NUMERIC(18,4) NOT NULL,
  unit TEXT NOT NULL CONSTRAINT unit CHECK (unit IN ('cents', 'count', 'percent', 'rating')),
  dimensions JSONB DEFAULT '{}',
  dimension_key TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT 'server' CONSTRAINT source CHECK (source IN ('server', 'replica', 'import')),
  computed_at TIMESTAMPTZ NOT NULL,
  computed_by TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_analytics_account ON public.analytics(account_id);
CREATE INDEX idx_analytics_account_id_metric_period_start ON public.analytics(account_id, metric, period_start);
CREATE INDEX idx_analytics_event_id ON public.analytics(event_id);
CREATE TRIGGER settle_account BEFORE INSERT OR UPDATE OF account_id, event_id ON public.analytics
  FOR EACH ROW EXECUTE FUNCTION private.settle_account('event_id', 'events');
CREATE TRIGGER handle_updated_at BEFORE UPDATE ON public.analytics FOR EACH ROW EXECUTE FUNCTION private.handle_updated_at();

CREATE UNIQUE INDEX uq_notification_queue_account_id_dedupe_key ON public.notification_queue(account_id, dedupe_key)
  WHERE dedupe_key IS NOT NULL;
CREATE UNIQUE INDEX uq_analytics_snapshot ON public.analytics
  (account_id, coalesce(event_id, '00000000-0000-0000-0000-000000000000'::uuid), metric, period, period_start, dimension_key);

-- ---------------------------------------------------------------------------------------------
-- Privileges and row-level security
-- ---------------------------------------------------------------------------------------------

CREATE FUNCTION pg_temp.policies(t text, readers text[], writers text[], deleters text[]) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE format('REVOKE ALL ON public.%I FROM PUBLIC, anon, authenticated', t);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON public.%I TO authenticated', t);
  EXECUTE format('GRANT ALL ON public.%I TO service_role', t);
  EXECUTE format('ALTER TABLE public.%I ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format($p$CREATE POLICY "read" ON public.%I FOR SELECT TO authenticated
    USING (account_id = ANY ((SELECT private.account_ids_with_role(VARIADIC %L::text[]))::uuid[]))$p$, t, readers);
  EXECUTE format($p$CREATE POLICY "add" ON public.%I FOR INSERT TO authenticated
    WITH CHECK (account_id = ANY ((SELECT private.account_ids_with_role(VARIADIC %L::text[]))::uuid[]))$p$, t, writers);
  EXECUTE format($p$CREATE POLICY "change" ON public.%I FOR UPDATE TO authenticated
    USING (account_id = ANY ((SELECT private.account_ids_with_role(VARIADIC %L::text[]))::uuid[]))
    WITH CHECK (account_id = ANY ((SELECT private.account_ids_with_role(VARIADIC %L::text[]))::uuid[]))$p$, t, writers, writers);
  EXECUTE format($p$CREATE POLICY "delete" ON public.%I FOR DELETE TO authenticated
    USING (account_id = ANY ((SELECT private.account_ids_with_role(VARIADIC %L::text[]))::uuid[]))$p$, t, deleters);
END $fn$;

SELECT pg_temp.policies('notification_templates', '{owner,admin,manager,member,viewer}', '{owner,admin,manager}', '{owner,admin,manager}');
SELECT pg_temp.policies('analytics', '{owner,admin,manager,member,viewer}', '{owner,admin,manager}', '{owner,admin,manager}');
SELECT pg_temp.policies('notification_queue', '{owner,admin,manager,member}', '{owner,admin,manager,member}', '{owner,admin,manager}');
SELECT pg_temp.policies('integrations', '{owner,admin,manager}', '{owner,admin}', '{owner,admin}');
SELECT pg_temp.policies('scheduled_jobs', '{owner,admin,manager,member}', '{owner,admin}', '{owner,admin}');

-- ---------------------------------------------------------------------------------------------
-- Synced like the other tables (20261122000300_sync.sql): clocks and the change log
-- ---------------------------------------------------------------------------------------------

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['notification_templates', 'notification_queue', 'integrations', 'scheduled_jobs', 'analytics'] LOOP
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
