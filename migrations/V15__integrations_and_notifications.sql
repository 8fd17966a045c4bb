-- Seed 000's integrations and analytics, and seed 001's notification templates, notification
-- queue and scheduled jobs (issue 17, docs/SCHEMA.md §N5, §N7, §N8). The server's
-- 20261208000400_integrations_and_notifications.sql has the same tables. An integration's
-- settings never hold a secret (the triggers below refuse a key naming one); secrets are set on
-- the server, never kept in a synced row.

CREATE TABLE notification_templates (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  template_key TEXT NOT NULL,
  channel TEXT NOT NULL CONSTRAINT channel CHECK (channel IN ('email', 'sms', 'push', 'in_app')),
  locale TEXT NOT NULL DEFAULT 'en',
  name TEXT NOT NULL,
  subject TEXT,
  body TEXT NOT NULL,
  body_html TEXT,
  variables TEXT DEFAULT '[]' CONSTRAINT variables CHECK (json_valid(variables)),
  is_active INTEGER NOT NULL DEFAULT 1 CONSTRAINT is_active CHECK (is_active IN (0, 1)),
  is_default INTEGER NOT NULL DEFAULT 0 CONSTRAINT is_default CHECK (is_default IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;
CREATE INDEX idx_notification_templates_account ON notification_templates(account_id);
CREATE UNIQUE INDEX uq_notification_templates_account_id_template_key_channel_locale ON notification_templates(account_id, template_key, channel, locale);

CREATE TABLE notification_queue (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id TEXT REFERENCES events(id) ON DELETE SET NULL,
  template_id TEXT REFERENCES notification_templates(id) ON DELETE SET NULL,
  notification_id TEXT REFERENCES notifications(id) ON DELETE SET NULL,
  channel TEXT NOT NULL CONSTRAINT channel CHECK (channel IN ('email', 'sms', 'push', 'in_app')),
  recipient_user_id TEXT REFERENCES profiles(id) ON DELETE SET NULL,
  recipient_attendee_id TEXT REFERENCES attendees(id) ON DELETE SET NULL,
  recipient_contact_id TEXT REFERENCES crm_contacts(id) ON DELETE SET NULL,
  to_address TEXT NOT NULL,
  subject TEXT,
  body TEXT NOT NULL,
  data TEXT DEFAULT '{}' CONSTRAINT data CHECK (json_valid(data)),
  priority TEXT NOT NULL DEFAULT 'normal' CONSTRAINT priority CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  scheduled_for TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT scheduled_for CHECK (scheduled_for GLOB '????-??-??T??:??:??.??????Z'),
  status TEXT NOT NULL DEFAULT 'queued' CONSTRAINT status CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
  attempts INTEGER NOT NULL DEFAULT 0 CONSTRAINT attempts CHECK (attempts >= 0),
  last_error TEXT,
  provider_message_id TEXT,
  sent_at TEXT CONSTRAINT sent_at CHECK (sent_at GLOB '????-??-??T??:??:??.??????Z'),
  dedupe_key TEXT,
  created_by TEXT REFERENCES profiles(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;
CREATE INDEX idx_notification_queue_account ON notification_queue(account_id);
CREATE INDEX idx_notification_queue_status_scheduled_for ON notification_queue(status, scheduled_for);
CREATE INDEX idx_notification_queue_event_id ON notification_queue(event_id);
CREATE INDEX idx_notification_queue_template_id ON notification_queue(template_id);

CREATE TABLE integrations (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  provider TEXT NOT NULL CONSTRAINT provider CHECK (provider IN ('stripe', 'square', 'mailchimp', 'sendgrid', 'twilio', 'google_calendar', 'microsoft_365', 'zoom', 'hubspot', 'instagram', 'tiktok', 'webhook', 'other')),
  name TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'disconnected' CONSTRAINT status CHECK (status IN ('disconnected', 'connected', 'error', 'disabled')),
  config TEXT DEFAULT '{}' CONSTRAINT config CHECK (json_valid(config)),
  scopes TEXT DEFAULT '[]' CONSTRAINT scopes CHECK (scopes IS NULL OR CASE WHEN json_valid(scopes) THEN json_type(scopes) = 'array' ELSE 0 END),
  has_secret INTEGER NOT NULL DEFAULT 0 CONSTRAINT has_secret CHECK (has_secret IN (0, 1)),
  secret_hint TEXT,
  webhook_url TEXT,
  connected_by TEXT REFERENCES profiles(id) ON DELETE SET NULL,
  connected_at TEXT CONSTRAINT connected_at CHECK (connected_at GLOB '????-??-??T??:??:??.??????Z'),
  last_sync_at TEXT CONSTRAINT last_sync_at CHECK (last_sync_at GLOB '????-??-??T??:??:??.??????Z'),
  last_error TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;
CREATE INDEX idx_integrations_account ON integrations(account_id);
CREATE UNIQUE INDEX uq_integrations_account_id_provider_name ON integrations(account_id, provider, name);
CREATE TRIGGER integrations_config_nosecret_ins BEFORE INSERT ON integrations
WHEN NEW.config IS NOT NULL AND json_valid(NEW.config) AND json_type(NEW.config) = 'object' AND EXISTS (
  SELECT 1 FROM json_each(NEW.config) WHERE lower(key) GLOB '*secret*' OR lower(key) GLOB '*token*'
    OR lower(key) GLOB '*password*' OR lower(key) GLOB '*key*'
)
BEGIN
  SELECT RAISE(ABORT, 'CHECK constraint failed: config');
END;
CREATE TRIGGER integrations_config_nosecret_upd BEFORE UPDATE OF config ON integrations
WHEN NEW.config IS NOT NULL AND json_valid(NEW.config) AND json_type(NEW.config) = 'object' AND EXISTS (
  SELECT 1 FROM json_each(NEW.config) WHERE lower(key) GLOB '*secret*' OR lower(key) GLOB '*token*'
    OR lower(key) GLOB '*password*' OR lower(key) GLOB '*key*'
)
BEGIN
  SELECT RAISE(ABORT, 'CHECK constraint failed: config');
END;

CREATE TABLE scheduled_jobs (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CONSTRAINT kind CHECK (kind IN ('send_notifications', 'campaign_send', 'analytics_snapshot', 'waitlist_expiry', 'invoice_reminder', 'integration_sync', 'report_email', 'data_retention')),
  name TEXT NOT NULL,
  cron TEXT,
  run_at TEXT CONSTRAINT run_at CHECK (run_at GLOB '????-??-??T??:??:??.??????Z'),
  payload TEXT DEFAULT '{}' CONSTRAINT payload CHECK (json_valid(payload)),
  is_active INTEGER NOT NULL DEFAULT 1 CONSTRAINT is_active CHECK (is_active IN (0, 1)),
  next_run_at TEXT CONSTRAINT next_run_at CHECK (next_run_at GLOB '????-??-??T??:??:??.??????Z'),
  last_run_at TEXT CONSTRAINT last_run_at CHECK (last_run_at GLOB '????-??-??T??:??:??.??????Z'),
  last_status TEXT CONSTRAINT last_status CHECK (last_status IN ('succeeded', 'failed', 'skipped')),
  last_error TEXT,
  run_count INTEGER NOT NULL DEFAULT 0 CONSTRAINT run_count CHECK (run_count >= 0),
  created_by TEXT REFERENCES profiles(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;
CREATE INDEX idx_scheduled_jobs_account ON scheduled_jobs(account_id);
CREATE INDEX idx_scheduled_jobs_is_active_next_run_at ON scheduled_jobs(is_active, next_run_at);
CREATE UNIQUE INDEX uq_scheduled_jobs_account_id_name ON scheduled_jobs(account_id, name);

CREATE TABLE analytics (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id CHECK (length(id) = 36 AND id = lower(id)),
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id TEXT REFERENCES events(id) ON DELETE CASCADE,
  metric TEXT NOT NULL CONSTRAINT metric CHECK (metric IN ('revenue_cents', 'tickets_sold', 'checkins', 'attendance_rate', 'refunds_cents', 'sponsorship_cents', 'expenses_cents', 'result_cents', 'new_contacts', 'pipeline_value_cents', 'won_value_cents', 'avg_feedback', 'campaign_spend_cents')),
  period TEXT NOT NULL CONSTRAINT period CHECK (period IN ('day', 'week', 'month', 'quarter', 'year', 'event')),
  period_start TEXT NOT NULL CONSTRAINT period_start CHECK (period_start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  period_end TEXT NOT NULL CONSTRAINT period_end CHECK (period_end GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND period_end > period_start),
  value TEXT NOT NULL,
  unit TEXT NOT NULL CONSTRAINT unit CHECK (unit IN ('cents', 'count', 'percent', 'rating')),
  dimensions TEXT DEFAULT '{}' CONSTRAINT dimensions CHECK (json_valid(dimensions)),
  dimension_key TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT 'server' CONSTRAINT source CHECK (source IN ('server', 'replica', 'import')),
  computed_at TEXT NOT NULL CONSTRAINT computed_at CHECK (computed_at GLOB '????-??-??T??:??:??.??????Z'),
  computed_by TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT created_at CHECK (created_at GLOB '????-??-??T??:??:??.??????Z'),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z') CONSTRAINT updated_at CHECK (updated_at GLOB '????-??-??T??:??:??.??????Z')
) STRICT;
CREATE INDEX idx_analytics_account ON analytics(account_id);
CREATE INDEX idx_analytics_account_id_metric_period_start ON analytics(account_id, metric, period_start);
CREATE INDEX idx_analytics_event_id ON analytics(event_id);


-- Unique keys with a condition or an expression: a message queued once per
-- dedupe key, and one snapshot per account, event, metric, period and dimensions.
CREATE UNIQUE INDEX uq_notification_queue_account_id_dedupe_key ON notification_queue(account_id, dedupe_key)
  WHERE dedupe_key IS NOT NULL;
CREATE UNIQUE INDEX uq_analytics_snapshot ON analytics(account_id, coalesce(event_id, ''), metric, period, period_start, dimension_key);
