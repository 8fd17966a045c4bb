//! The CRM: client companies, their people, a pipeline across every stage, activities and tasks,
//! notes, documents, templates; plus campaigns and notifications.

use serde_json::json;

use crate::names::{COMPANIES, FIRST_NAMES, LAST_NAMES, TITLES};
use crate::{Demo, DemoEvent, Result, Users};

impl Demo<'_, '_> {
    pub(crate) fn crm(&mut self, users: &Users, stages: &[(String, String, i64)], events: &[DemoEvent]) -> Result<()> {
        let created = self.at(-200, 600);
        let sources = ["referral", "inbound", "outbound", "event", "marketing", "partner"];
        for (i, (company, industry, size)) in COMPANIES.iter().enumerate() {
            let owner = if i % 3 == 2 { &users.owner } else { &users.sales };
            let domain =
                format!("{}.example.com", company.to_lowercase().split_whitespace().next().unwrap_or("client"));
            let organizer = {
                let row = json!({"id": self.id(), "company_name": company, "industry": industry, "company_size": size,
                    "website": format!("https://{domain}"), "status": if i % 5 == 4 { "prospect" } else { "active" },
                    "lead_source": sources[i % sources.len()], "primary_email": format!("events@{domain}"),
                    "primary_phone": format!("+1-416-555-{:04}", 2000 + i),
                    "address": {"street": format!("{} King St W", 100 + 10 * i), "city": "Toronto", "province": "ON", "country": "CA"},
                    "annual_events": self.rng.range(1, 12), "total_revenue": format!("{}.00", self.rng.range(5, 90) * 1000),
                    "lifetime_value": format!("{}.50", self.rng.range(10, 200) * 1000),
                    "engagement_score": self.rng.range(20, 95), "health_score": self.rng.range(30, 95),
                    "churn_risk": (["low", "medium", "high"][i % 3]), "event_history": [], "tags": [industry.to_lowercase()],
                    "assigned_to": owner, "created_by": users.sales, "created_at": created, "updated_at": created,
                    "last_activity_at": self.at(-(i as i64) - 1, 900)});
                self.insert_owned("crm_organizers", row)
            }?;
            let mut contacts = Vec::new();
            for c in 0..(2 + i % 3) {
                let first = *self.rng.pick(FIRST_NAMES);
                let last = *self.rng.pick(LAST_NAMES);
                let email =
                    format!("{}.{}@{domain}", first.to_lowercase(), last.to_lowercase().replace(['\'', ' '], ""));
                let contact = {
                    let row = json!({"id": self.id(), "organizer_id": organizer, "full_name": format!("{first} {last}"),
                        "title": TITLES[(i + c) % TITLES.len()], "department": "Operations", "email": email,
                        "phone": format!("+1-416-555-{:04}", 3000 + 10 * i + c), "is_primary": c == 0,
                        "is_decision_maker": c == 0, "vip_status": c == 0 && i % 4 == 0,
                        "influence_level": (["high", "medium", "low"][c % 3]), "communication_preference": "email",
                        "last_contact_date": self.at(-(c as i64) - 2, 840), "engagement_score": self.rng.range(30, 90),
                        "tags": [], "created_at": created, "updated_at": created});
                    self.insert_owned("crm_contacts", row)
                }?;
                contacts.push(contact);
            }
            self.opportunities(users, owner, &organizer, &contacts, stages, events, i)?;
        }
        self.templates_campaigns_notifications(users, events)
    }

    #[allow(clippy::too_many_arguments)]
    fn opportunities(
        &mut self,
        users: &Users,
        owner: &str,
        organizer: &str,
        contacts: &[String],
        stages: &[(String, String, i64)],
        events: &[DemoEvent],
        i: usize,
    ) -> Result<()> {
        let created = self.at(-120 + i as i64, 600);
        let (stage_id, stage_name, probability) = stages[i % stages.len()].clone();
        let status = match stage_name.as_str() {
            "Won" => "won",
            "Lost" => "lost",
            _ => "open",
        };
        let closed = status != "open";
        let opportunity = {
            let row = json!({"id": self.id(), "organizer_id": organizer, "event_id": events.get(i % events.len()).map(|e| e.id.clone()),
                "stage_id": stage_id, "name": format!("{} annual conference", COMPANIES[i].0),
                "description": "Venue, catering and registration for their yearly client conference.",
                "value": format!("{}.{:02}", self.rng.range(8, 120) * 1000, self.rng.range(0, 99)), "currency": "CAD",
                "probability": probability, "expected_close_date": self.date(15 + 7 * i as i64),
                "actual_close_date": closed.then(|| self.date(-(i as i64))), "status": status,
                "loss_reason": (status == "lost").then_some("Chose a venue outside Toronto"),
                "assigned_to": owner, "ai_score": self.rng.range(20, 90),
                "ai_insights": {"next_action": "Send the revised proposal", "risk_factors": ["budget"]},
                "created_at": created, "updated_at": created, "last_stage_change_at": self.at(-(i as i64) - 3, 600)});
            self.insert_owned("crm_opportunities", row)
        }?;
        let kinds =
            [("call", "Intro call", 30), ("email", "Sent venue options", 0), ("meeting", "Site visit at MTCC", 90)];
        for (k, (kind, subject, minutes)) in kinds.iter().enumerate().take(2 + i % 2) {
            {
                let row = json!({"id": self.id(), "organizer_id": organizer, "contact_id": contacts.get(k % contacts.len()),
                    "opportunity_id": opportunity, "type": kind, "subject": subject,
                    "description": format!("{subject} with {}.", COMPANIES[i].0),
                    "activity_date": self.at(-(3 * k as i64) - 1, 15 * 60), "duration_minutes": (*minutes > 0).then_some(*minutes),
                    "is_task": false, "user_id": owner, "metadata": {}, "created_at": created, "updated_at": created});
                self.insert_owned("crm_activities", row)
            }?;
        }
        let done = i.is_multiple_of(3);
        {
            let row = json!({"id": self.id(), "organizer_id": organizer, "contact_id": contacts.first(), "opportunity_id": opportunity,
                "type": "task", "subject": "Follow up on the proposal", "is_task": true,
                "task_status": if done { "completed" } else { "pending" }, "due_date": self.at(2 + i as i64 - 6, 14 * 60),
                "activity_date": self.at(-1, 14 * 60), "user_id": owner, "created_at": created, "updated_at": created});
            self.insert_owned("crm_activities", row)
        }?;
        {
            let row = json!({"id": self.id(), "organizer_id": organizer, "contact_id": contacts.first(), "opportunity_id": opportunity,
                "title": "Budget and timing", "is_pinned": i.is_multiple_of(4), "tags": ["budget"], "created_by": owner,
                "content": format!("{} plans a conference for about {} guests; budget approval expected next quarter. Prefers downtown venues with parking.",
                    COMPANIES[i].0, 100 * (i + 2)),
                "created_at": created, "updated_at": created});
            self.insert_owned("crm_notes", row)
        }?;
        if i.is_multiple_of(2) {
            {
                let row = json!({"id": self.id(), "organizer_id": organizer, "opportunity_id": opportunity,
                    "file_name": format!("proposal-{}.pdf", i + 1), "file_type": "application/pdf", "file_size": 184_320 + i * 1000,
                    "storage_path": format!("crm/{organizer}/proposal-{}.pdf", i + 1),
                    "document_type": if status == "won" { "contract" } else { "proposal" }, "version": 1 + i % 3,
                    "is_signed": status == "won", "signed_at": (status == "won").then(|| self.at(-(i as i64), 600)),
                    "signed_by": (status == "won").then(|| users.owner.clone()), "uploaded_by": owner, "created_at": created});
                self.insert_owned("crm_documents", row)
            }?;
        }
        Ok(())
    }

    fn templates_campaigns_notifications(&mut self, users: &Users, events: &[DemoEvent]) -> Result<()> {
        let created = self.at(-150, 600);
        let templates = [
            ("Welcome", "welcome", "Welcome to Northwind Events, {{contact_name}}"),
            ("Proposal follow-up", "follow_up", "Your event proposal for {{company_name}}"),
            ("Event reminder", "reminder", "{{event_name}} is coming up"),
            ("Thank you", "thank_you", "Thank you for joining {{event_name}}"),
        ];
        for (name, category, subject) in templates {
            {
                let row = json!({"id": self.id(), "name": name, "description": format!("{name} email"), "subject": subject,
                    "body_html": format!("<p>Hello {{{{contact_name}}}},</p><p>{subject}.</p>"),
                    "body_text": format!("Hello {{{{contact_name}}}},\n\n{subject}."), "category": category,
                    "variables": [{"name": "contact_name", "description": "The contact's full name"}],
                    "is_active": true, "created_by": users.sales, "created_at": created, "updated_at": created});
                self.insert_owned("crm_email_templates", row)
            }?;
        }
        for (i, (name, channel, status)) in
            [("Early-bird launch", "email", "completed"), ("Last seats push", "social", "active")].iter().enumerate()
        {
            {
                let row = json!({"id": self.id(), "event_id": events.get(1 + i).map(|e| e.id.clone()), "name": name,
                    "description": "Ticket sales campaign", "channel": channel, "status": status,
                    "subject": format!("{name}: save your seat"), "audience": {"segment": "past_attendees"},
                    "budget": "1500.00", "started_at": self.at(-40 + 20 * i as i64, 600),
                    "metrics": {"sent": 4200, "opened": 1830, "clicked": 412}, "created_by": users.organizer,
                    "created_at": created, "updated_at": created});
                self.insert_owned("campaigns", row)
            }?;
        }
        let notes = [
            (&users.organizer, "event", "Ticket sales passed 80% for the summit"),
            (&users.door, "checkin", "You are on the door team for today's summit"),
            (&users.sales, "crm", "Task due: follow up on the proposal"),
            (&users.owner, "system", "Your plan renews next month"),
        ];
        for (i, (user, kind, title)) in notes.iter().enumerate() {
            {
                let row = json!({"id": self.id(), "user_id": user, "type": kind, "title": title, "channel": "in_app",
                    "priority": if i == 1 { "high" } else { "normal" }, "data": {},
                    "read_at": (i == 3).then(|| self.at(-1, 600)), "sent_at": self.at(-1, 540), "created_at": self.at(-1, 540)});
                self.insert_owned("notifications", row)
            }?;
        }
        Ok(())
    }
}
