//! The account's system: notification templates (the defaults every account gets, with ids
//! derived alike everywhere) and a few queued and sent messages, integrations (their settings
//! only: a secret is never in a synced row), scheduled jobs, and analytics snapshots of the past
//! event, taken from the replica as a computer would.

use serde_json::json;

use crate::{Demo, DemoEvent, Result, Users};

impl Demo<'_, '_> {
    pub(crate) fn system(&mut self, users: &Users, events: &[DemoEvent]) -> Result<()> {
        let created = self.at(-90, 600);
        let templates = self.notification_templates(&created)?;
        self.queued_messages(users, events, &templates, &created)?;
        self.integrations(users, &created)?;
        self.scheduled_jobs(users, &created)?;
        if let Some(past) = events.iter().find(|e| e.status == "completed") {
            self.snapshots(past)?;
        }
        Ok(())
    }

    fn notification_templates(&mut self, created: &str) -> Result<Vec<String>> {
        let mut ids = Vec::new();
        for (key, channel, name, subject, body) in [
            (
                "order_confirmation",
                "email",
                "Order confirmation",
                Some("Your tickets for {{event_name}}"),
                "Hi {{name}}, your order {{order_number}} for {{event_name}} is confirmed. Your tickets are attached.",
            ),
            (
                "waitlist_offer",
                "email",
                "Waitlist offer",
                Some("A place at {{event_name}} is yours"),
                "Hi {{name}}, a place opened up at {{event_name}}. It is held for you until {{expires_at}}.",
            ),
            (
                "waitlist_offer",
                "sms",
                "Waitlist offer (SMS)",
                None,
                "A place at {{event_name}} is yours until {{expires_at}}.",
            ),
            (
                "meeting_booked",
                "email",
                "Meeting booked",
                Some("{{meeting_type}} on {{starts_at}}"),
                "Hi {{guest_name}}, our {{meeting_type}} is booked for {{starts_at}}. {{location}}",
            ),
        ] {
            let id = self.shared_id(&format!("notification_templates:{key}:{channel}:en"));
            let row = json!({"id": id, "template_key": key, "channel": channel, "locale": "en", "name": name,
                "subject": subject, "body": body, "variables": [], "is_active": true, "is_default": true,
                "created_at": created, "updated_at": created});
            ids.push(self.insert_owned("notification_templates", row)?);
        }
        Ok(ids)
    }

    fn queued_messages(
        &mut self,
        users: &Users,
        events: &[DemoEvent],
        templates: &[String],
        created: &str,
    ) -> Result<()> {
        let upcoming = events.iter().find(|e| e.status == "published" && e.start_at > self.at(1, 0));
        let Some(event) = upcoming else { return Ok(()) };
        for (i, (to, status, priority)) in [
            ("amara.okafor@example.com", "sent", "normal"),
            ("+1-416-555-0188", "failed", "high"),
            ("jonah@example.com", "queued", "normal"),
        ]
        .into_iter()
        .enumerate()
        {
            let channel = if to.starts_with('+') { "sms" } else { "email" };
            let row = json!({"id": self.id(), "event_id": event.id, "template_id": templates[if channel == "sms" { 2 } else { 1 }],
                "channel": channel, "to_address": to, "subject": (channel == "email").then(|| format!("A place at {} is yours", event.name)),
                "body": format!("A place opened up at {}.", event.name), "priority": priority,
                "scheduled_for": self.at(-1, 600 + 10 * i as i64), "status": status,
                "attempts": if status == "queued" { 0 } else { 1 + i }, "sent_at": (status == "sent").then(|| self.at(-1, 601)),
                "last_error": (status == "failed").then_some("The number does not take text messages."),
                "dedupe_key": format!("waitlist_offer:{}:{to}", event.id), "created_by": users.organizer,
                "created_at": created, "updated_at": created});
            self.insert_owned("notification_queue", row)?;
        }
        Ok(())
    }

    fn integrations(&mut self, users: &Users, created: &str) -> Result<()> {
        for (provider, name, status, config, has_secret, error) in [
            (
                "stripe",
                "Stripe (CAD)",
                "connected",
                json!({"account_country": "CA", "statement_descriptor": "NORTHWIND EVENTS"}),
                true,
                None,
            ),
            ("mailchimp", "Newsletter", "disconnected", json!({"audience": "Toronto events"}), false, None),
            (
                "webhook",
                "Accounting export",
                "error",
                json!({"url": "https://books.example.com/hooks/eventos"}),
                true,
                Some("The endpoint answered 503 three times."),
            ),
        ] {
            let connected = status != "disconnected";
            let row = json!({"id": self.id(), "provider": provider, "name": name, "status": status, "config": config,
                "scopes": if provider == "stripe" { json!(["payments", "refunds"]) } else { json!([]) },
                "has_secret": has_secret, "secret_hint": has_secret.then_some("4242"),
                "connected_by": connected.then(|| users.owner.clone()), "connected_at": connected.then(|| self.at(-90, 600)),
                "last_sync_at": connected.then(|| self.at(0, 60)), "last_error": error,
                "created_at": created, "updated_at": created});
            self.insert_owned("integrations", row)?;
        }
        Ok(())
    }

    fn scheduled_jobs(&mut self, users: &Users, created: &str) -> Result<()> {
        for (kind, name, cron, runs) in [
            ("send_notifications", "Send queued messages", "*/5 * * * *", 25_920),
            ("analytics_snapshot", "Nightly snapshots", "0 4 * * *", 90),
            ("waitlist_expiry", "Expire waitlist offers", "*/15 * * * *", 8_640),
        ] {
            let row = json!({"id": self.id(), "kind": kind, "name": name, "cron": cron, "payload": {}, "is_active": true,
                "next_run_at": self.at(1, 240), "last_run_at": self.at(0, 240), "last_status": "succeeded",
                "run_count": runs, "created_by": users.owner, "created_at": created, "updated_at": created});
            self.insert_owned("scheduled_jobs", row)?;
        }
        Ok(())
    }

    /// The past event's figures frozen at its close, counted from the replica.
    fn snapshots(&mut self, past: &DemoEvent) -> Result<()> {
        let tickets = self.w.ids_where("tickets", "event_id", &past.id)?.len() as i64;
        let checkins = self.w.ids_where("event_checkins", "event_id", &past.id)?.len() as i64;
        let day = &past.start_at[..10];
        let rate = if tickets == 0 { 0 } else { checkins * 1_000_000 / tickets };
        for (metric, value, unit) in [
            ("tickets_sold", format!("{tickets}.0000"), "count"),
            ("checkins", format!("{checkins}.0000"), "count"),
            ("attendance_rate", format!("{}.{:04}", rate / 10_000, rate % 10_000), "percent"),
        ] {
            let key = format!("analytics:{}:{metric}:event:{day}:", past.id);
            let row = json!({"id": self.shared_id(&key), "event_id": past.id,
                "metric": metric, "period": "event", "period_start": day, "period_end": next_day(day),
                "value": value, "unit": unit, "dimensions": {}, "dimension_key": "", "source": "replica",
                "computed_at": past.start_at, "computed_by": "demo", "created_at": past.start_at, "updated_at": past.start_at});
            self.insert_owned("analytics", row)?;
        }
        Ok(())
    }
}

/// `2026-10-23` → `2026-10-24`.
fn next_day(day: &str) -> String {
    eventos_model::timestamp::parse_date(day)
        .and_then(|d| d.next_day())
        .map(eventos_model::timestamp::format_date)
        .unwrap_or_else(|| day.to_owned())
}
