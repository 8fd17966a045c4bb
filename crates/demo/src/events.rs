//! Venues' events in every phase, and their box office: orders, attendees, tickets, check-ins,
//! plus sessions, speakers, sponsors, budget, team, announcements, materials and feedback.

use serde_json::json;

use crate::names::{EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, SESSION_TITLES};
use crate::{Demo, DemoEvent, Result, Users};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Past,
    Live,
    Upcoming,
    Draft,
}

struct Plan {
    name: String,
    kind: &'static str,
    /// Days from today and minutes after midnight UTC of the start.
    day: i64,
    start_minute: i64,
    minutes: i64,
    capacity: i64,
    price_cents: i64,
    venue: usize,
    /// Share of all attendees, per mille, before capacity caps it.
    share: u64,
    phase: Phase,
    /// Named events get the full programme; overflow events only a box office.
    full: bool,
}

/// Tickets an event sells at most: 90 % of capacity, all of it for small workshops.
fn sellable(plan: &Plan) -> u64 {
    let capacity = plan.capacity as u64;
    if capacity <= 100 { capacity } else { capacity * 9 / 10 }
}

fn named_plans() -> Vec<Plan> {
    let plan = |name: &str, kind, day, start_minute, minutes, capacity, price_cents, venue, share, phase| Plan {
        name: name.to_owned(),
        kind,
        day,
        start_minute,
        minutes,
        capacity,
        price_cents,
        venue,
        share,
        phase,
        full: true,
    };
    vec![
        plan("Toronto Tech Summit", "conference", -30, 13 * 60, 9 * 60, 2_000, 24_900, 0, 250, Phase::Past),
        plan("AI & Machine Learning Summit", "conference", 0, 13 * 60, 14 * 60, 10_000, 29_900, 0, 450, Phase::Live),
        plan("Leadership Breakfast Seminar", "seminar", 12, 12 * 60, 3 * 60, 300, 8_900, 1, 80, Phase::Upcoming),
        plan("Product Design Workshop", "workshop", 26, 14 * 60, 6 * 60, 60, 45_000, 3, 100, Phase::Upcoming),
        plan("Founders Networking Night", "networking", 40, 23 * 60, 4 * 60, 800, 2_500, 2, 120, Phase::Upcoming),
        plan("Data Engineering Bootcamp", "workshop", 75, 14 * 60, 7 * 60, 120, 120_000, 4, 0, Phase::Draft),
    ]
}

/// Attendee counts per plan summing to exactly `total`; what the named events cannot hold
/// goes to extra "Toronto Tech Expo" events of 10,000 seats, alternately past and upcoming.
fn allocate(total: u64) -> Vec<(Plan, u64)> {
    let mut out: Vec<(Plan, u64)> = Vec::new();
    let mut left = total;
    for plan in named_plans() {
        let want = (total * plan.share / 1000).min(sellable(&plan)).min(left);
        left -= want;
        out.push((plan, want));
    }
    let mut k = 0;
    while left > 0 {
        k += 1;
        let past = k % 2 == 1;
        let offset = 14 * ((k as i64 + 1) / 2);
        let plan = Plan {
            name: format!("Toronto Tech Expo {k}"),
            kind: "conference",
            day: if past { -45 - offset } else { 45 + offset },
            start_minute: 14 * 60,
            minutes: 8 * 60,
            capacity: 10_000,
            price_cents: 4_900,
            venue: 0,
            share: 0,
            phase: if past { Phase::Past } else { Phase::Upcoming },
            full: false,
        };
        let count = sellable(&plan).min(left);
        left -= count;
        out.push((plan, count));
    }
    out
}

pub(crate) struct EventRef {
    pub id: String,
    pub day: i64,
}

struct Sold {
    attendee: String,
    used: bool,
}

impl Demo<'_, '_> {
    pub(crate) fn events(&mut self, users: &Users, venues: &[(String, i64)]) -> Result<(Vec<DemoEvent>, String)> {
        let mut report = Vec::new();
        let mut live_slug = String::new();
        let mut past_attendees = Vec::new();
        let mut written = 0;
        for (plan, count) in allocate(self.attendees) {
            let event = self.event(&plan, users, &venues[plan.venue].0)?;
            let sold = self.box_office(&plan, &event, count)?;
            if count > 0 {
                written += count;
                (self.progress)(written, self.attendees);
            }
            if plan.full {
                self.programme(&plan, &event, users, &venues[plan.venue].0, &sold, &past_attendees)?;
            }
            if plan.phase == Phase::Past && plan.full {
                past_attendees = sold.iter().map(|s| s.attendee.clone()).collect();
            }
            let row = self.w.get("events", &event.id)?.unwrap_or_default();
            let text = |k: &str| row.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
            if plan.phase == Phase::Live {
                live_slug = text("slug");
            }
            report.push(DemoEvent {
                id: event.id.clone(),
                name: plan.name.clone(),
                slug: text("slug"),
                status: text("status"),
                start_at: text("start_at"),
            });
        }
        Ok((report, live_slug))
    }

    fn event(&mut self, plan: &Plan, users: &Users, venue: &str) -> Result<EventRef> {
        let created = self.at(plan.day - 120, 600);
        let status = match plan.phase {
            Phase::Past => "completed",
            Phase::Live | Phase::Upcoming => "published",
            Phase::Draft => "draft",
        };
        let description = format!(
            "{} at {}: talks, workshops and time to meet people building Toronto's future.",
            plan.name,
            crate::names::VENUES[plan.venue].0
        );
        let id = {
            let row = json!({
                "id": self.id(), "organizer_id": users.organizer, "venue_id": venue, "name": plan.name,
                "type": plan.kind, "description": description,
                "start_at": self.at(plan.day, plan.start_minute),
                "end_at": self.at(plan.day, plan.start_minute + plan.minutes),
                "capacity": plan.capacity, "price_cents": plan.price_cents, "status": status,
                "visibility": if plan.phase == Phase::Draft { "private" } else { "public" },
                "created_at": created, "updated_at": created,
            });
            self.insert_owned("events", row)
        }?;
        self.door_key(&id, &created)?;
        Ok(EventRef { id, day: plan.day })
    }

    /// The event's door key, as the server would make it. Derived from the event's id rather
    /// than drawn from the generator, so the rest of the demo stays what it was; two demo folders
    /// made alike share it, so their doors find each other (a demo key is no secret).
    pub(crate) fn door_key(&mut self, event_id: &str, created: &str) -> Result<String> {
        let event = uuid::Uuid::parse_str(event_id).unwrap_or_default();
        let part = |n: &str| uuid::Uuid::new_v5(&event, format!("demo door key {n}").as_bytes()).simple().to_string();
        let row = json!({
            "id": uuid::Uuid::new_v5(&event, b"demo door key row").to_string(), "event_id": event_id,
            "door_key": format!("{}{}", part("1"), part("2")), "created_at": created,
        });
        self.insert_owned("event_door_keys", row)
    }

    /// Sells `count` tickets in orders of one to four, spread over the months before the event
    /// (more of them late); checks in the right share for the event's phase.
    fn box_office(&mut self, plan: &Plan, event: &EventRef, count: u64) -> Result<Vec<Sold>> {
        let mut sold = Vec::with_capacity(count as usize);
        let first_sale_day = plan.day - 90;
        let last_sale_day = plan.day.min(0) - 1;
        let mut left = count;
        while left > 0 {
            let quantity = (*self.rng.pick(&[1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 4])).min(left);
            left -= quantity;
            let span = (last_sale_day - first_sale_day).max(1);
            let day = first_sale_day + self.rng.range(0, span).max(self.rng.range(0, span));
            let minute = self.rng.range(13 * 60, 27 * 60);
            let at = self.at(day, minute);
            let refunded = self.rng.chance(2);
            let order_id = self.unique_id("orders", &at)?;
            let intent = format!("pi_demo_{}", &order_id[..8]);
            self.insert_owned(
                "orders",
                json!({
                    "id": order_id, "event_id": event.id, "quantity": quantity, "unit_price_cents": plan.price_cents,
                    "payment_status": if refunded { "refunded" } else { "paid" },
                    "stripe_payment_intent_id": format!("{intent}{}", &order_id[9..13]),
                    "paid_at": at, "created_at": at, "updated_at": at,
                }),
            )?;
            for _ in 0..quantity {
                sold.push(self.ticket(plan, event, &order_id, &at, refunded)?);
            }
        }
        Ok(sold)
    }

    fn ticket(&mut self, plan: &Plan, event: &EventRef, order_id: &str, at: &str, refunded: bool) -> Result<Sold> {
        let first = *self.rng.pick(FIRST_NAMES);
        let last = *self.rng.pick(LAST_NAMES);
        let n = self.rng.range(1, 999);
        let email = format!("{}.{}{n}@{}", ascii(first), ascii(last), self.rng.pick(EMAIL_DOMAINS));
        let attendee = {
            let row = json!({"id": self.id(), "order_id": order_id, "event_id": event.id, "full_name": format!("{first} {last}"),
                "email": email, "phone": format!("+1-416-555-{:04}", self.rng.range(0, 9999)),
                "created_at": at, "updated_at": at});
            self.insert_owned("attendees", row)
        }?;
        let used_share = match plan.phase {
            Phase::Past => 88,
            Phase::Live => 42,
            _ => 0,
        };
        let status = if refunded {
            "refunded"
        } else if self.rng.chance(3) {
            "cancelled"
        } else if self.rng.chance(used_share) {
            "used"
        } else {
            "active"
        };
        let qr = eventos_model::codes::qr_code_from_bytes(self.rng.bytes());
        let ticket_id = self.unique_id("tickets", at)?;
        let arrival = self.rng.range(-30, 150);
        let checked_in = (status == "used").then(|| self.at(event.day, plan.start_minute + arrival));
        let updated = checked_in.clone().unwrap_or_else(|| at.to_owned());
        self.insert_owned(
            "tickets",
            json!({"id": ticket_id, "event_id": event.id, "order_id": order_id, "attendee_id": attendee, "qr_code": qr,
                "status": status, "checked_in_at": checked_in, "created_at": at, "updated_at": updated}),
        )?;
        if let Some(time) = &checked_in {
            let gate = *self.rng.pick(&["Main entrance", "Main entrance", "Gate B", "Front Street doors"]);
            let past = plan.phase == Phase::Past;
            let stayed = self.rng.range(120, 480);
            let out = past.then(|| self.at(event.day, plan.start_minute + stayed));
            {
                let row = json!({"id": self.id(), "event_id": event.id, "attendee_id": attendee, "check_in_time": time,
                    "check_out_time": out, "location": gate, "qr_code_scanned": qr,
                    "check_in_method": if self.rng.chance(90) { "qr_code" } else { "manual" }, "ticket_id": ticket_id,
                    "attendance_duration": past.then_some(stayed), "is_present": !past, "created_at": time});
                self.insert_owned("event_checkins", row)
            }?;
        }
        Ok(Sold { attendee, used: status == "used" })
    }

    /// A fresh id whose order or ticket number (derived from the id and day) is not taken yet.
    fn unique_id(&mut self, table: &str, at: &str) -> Result<String> {
        let created = eventos_model::timestamp::parse(at).map(|t| t.date()).unwrap_or(self.today);
        loop {
            let id = self.rng.uuid();
            let code = match table {
                "orders" => eventos_model::codes::order_number(id, created),
                _ => eventos_model::codes::ticket_number(id, created),
            };
            if self.codes.insert(code) {
                return Ok(id.to_string());
            }
        }
    }

    fn programme(
        &mut self,
        plan: &Plan,
        event: &EventRef,
        users: &Users,
        venue: &str,
        sold: &[Sold],
        past_attendees: &[String],
    ) -> Result<()> {
        let created = self.at(plan.day - 100, 600);
        let sessions = if plan.kind == "conference" { 4 } else { 2 };
        let mut session_ids = Vec::new();
        for i in 0..sessions {
            let profile = users.speakers[(i + plan.venue) % users.speakers.len()].clone();
            let title = SESSION_TITLES[(i * 2 + plan.venue) % SESSION_TITLES.len()];
            let speaker = {
                let row = json!({"id": self.id(), "event_id": event.id, "profile_id": profile,
                    "bio": "Practitioner and frequent speaker on technology and leadership in Toronto.",
                    "expertise_areas": ["AI", "Leadership", "Data"], "social_links": {"linkedin": "https://linkedin.example.com/in/speaker"},
                    "presentation_title": title, "presentation_duration": 45, "status": "confirmed",
                    "speaker_fee": if i == 0 { "2500.00" } else { "750.00" }, "created_at": created, "updated_at": created});
                self.insert_owned("speakers", row)
            }?;
            let start = plan.start_minute + 30 + 60 * i as i64;
            let session = {
                let row = json!({"id": self.id(), "event_id": event.id, "speaker_id": speaker, "venue_id": venue, "title": title,
                    "description": format!("{title} — part of {}.", plan.name),
                    "session_type": if i == 0 { "keynote" } else if i % 2 == 1 { "workshop" } else { "panel" },
                    "difficulty_level": (["beginner", "intermediate", "advanced"][i % 3]),
                    "start_time": self.at(plan.day, start), "end_time": self.at(plan.day, start + 45),
                    "max_attendees": plan.capacity.min(500), "current_registrations": (sold.len() as i64).min(500) / 2,
                    "registration_required": plan.kind == "workshop", "materials_urls": [],
                    "status": if plan.phase == Phase::Past { "completed" } else { "scheduled" },
                    "created_at": created, "updated_at": created});
                self.insert_owned("sessions", row)
            }?;
            session_ids.push(session);
        }
        let tiers = ["platinum", "gold", "silver"];
        for (i, company) in ["Shopify", "RBC Ventures", "Maple Cloud"]
            .iter()
            .take(if plan.kind == "conference" { 3 } else { 1 })
            .enumerate()
        {
            {
                let row = json!({"id": self.id(), "event_id": event.id, "company_name": company, "contact_name": "Partnerships team",
                    "contact_email": "partners@sponsor.example.com", "sponsorship_tier": tiers[i],
                    "sponsorship_amount": (["25000.00", "10000.00", "5000.00"][i]), "benefits_included": ["logo", "booth"],
                    "status": "confirmed", "created_at": created, "updated_at": created});
                self.insert_owned("sponsors", row)
            }?;
        }
        let expenses = [
            ("Venue rental", "venue", "18500.00"),
            ("Catering", "catering", "9200.50"),
            ("Social ads", "marketing", "3100.00"),
            ("AV and streaming", "technology", "4750.25"),
        ];
        for (i, (name, category, amount)) in expenses.iter().enumerate() {
            let approved = plan.phase != Phase::Draft && i < 3;
            {
                let row = json!({"id": self.id(), "event_id": event.id, "created_by": users.organizer, "expense_name": name,
                    "expense_category": category, "amount": amount, "currency": "CAD", "vendor_name": "Toronto Supplier Co.",
                    "invoice_number": format!("INV-{}", self.rng.range(10_000, 99_999)),
                    "status": if approved { "approved" } else { "pending" },
                    "approved_by": approved.then(|| users.owner.clone()), "approved_at": approved.then(|| created.clone()),
                    "payment_date": approved.then(|| self.date(plan.day - 20)), "created_at": created, "updated_at": created});
                self.insert_owned("event_expenses", row)
            }?;
        }
        let mut team = vec![(
            users.organizer.clone(),
            "organizer",
            json!(["manage_event", "manage_sessions", "manage_attendees", "view_analytics", "send_announcements"]),
        )];
        if plan.phase != Phase::Draft {
            team.push((users.door.clone(), "registration", json!(["manage_attendees"])));
        }
        if plan.phase == Phase::Live {
            team.push((users.sales.clone(), "marketing", json!(["view_analytics"])));
        }
        for (member, role, permissions) in team {
            {
                let row = json!({"id": self.id(), "event_id": event.id, "member_id": member, "role": role, "permissions": permissions,
                    "position": (role == "registration").then_some("Main entrance"),
                    "shift_start_at": self.at(plan.day, plan.start_minute - 60),
                    "shift_end_at": self.at(plan.day, plan.start_minute + plan.minutes + 30),
                    "assigned_by": users.owner, "assigned_at": created, "status": "active", "created_at": created, "updated_at": created});
                self.insert_owned("event_teams", row)
            }?;
        }
        {
            let row = json!({"id": self.id(), "event_id": event.id, "author_id": users.organizer,
                "title": format!("{}: doors open 30 minutes early", plan.name),
                "content": "Bring your ticket QR code on your phone or printed. Coat check is by the main entrance.",
                "priority": if plan.phase == Phase::Live { "high" } else { "normal" }, "target_audience": "attendees",
                "target_sessions": [], "delivery_method": ["email", "in_app"],
                "status": if plan.phase == Phase::Draft { "draft" } else { "sent" },
                "sent_at": (plan.phase != Phase::Draft).then(|| self.at(plan.day - 1, 14 * 60)),
                "created_at": created, "updated_at": created});
            self.insert_owned("event_announcements", row)
        }?;
        {
            let row = json!({"id": self.id(), "event_id": event.id, "session_id": session_ids.first(), "uploaded_by": users.organizer,
                "title": "Attendee guide", "material_type": "document", "file_url": "https://files.example.com/guide.pdf",
                "file_size": 482_113, "file_format": "pdf", "access_level": "attendees_only", "tags": ["guide"],
                "created_at": created, "updated_at": created});
            self.insert_owned("event_materials", row)
        }?;
        for (metric, value) in [("page_views", "18452"), ("conversion_rate", "3.8125")] {
            {
                let row = json!({"id": self.id(), "event_id": event.id, "metric_name": metric, "metric_value": value,
                    "metric_unit": if metric == "page_views" { "views" } else { "percent" },
                    "measurement_time": self.at(plan.day.min(0) - 1, 0), "data_source": "registration",
                    "dimension_1": "web", "raw_data": {"source": "demo"}, "created_at": created});
                self.insert_owned("event_analytics", row)
            }?;
        }
        match plan.phase {
            Phase::Past => self.feedback_and_networking(event, sold, &session_ids)?,
            Phase::Upcoming if plan.kind == "workshop" => self.waitlist(event, past_attendees)?,
            _ => {}
        }
        Ok(())
    }

    fn feedback_and_networking(&mut self, event: &EventRef, sold: &[Sold], sessions: &[String]) -> Result<()> {
        let came: Vec<&Sold> = sold.iter().filter(|s| s.used).take(40).collect();
        let at = self.at(event.day + 1, 15 * 60);
        for (i, s) in came.iter().enumerate() {
            let overall = self.rng.range(3, 5);
            {
                let row = json!({"id": self.id(), "event_id": event.id, "attendee_id": s.attendee, "session_id": sessions.get(i % sessions.len()),
                    "overall_rating": overall, "content_rating": self.rng.range(2, 5), "speaker_rating": self.rng.range(3, 5),
                    "venue_rating": self.rng.range(2, 5), "organization_rating": self.rng.range(3, 5),
                    "comments": if overall == 5 { "Excellent speakers and smooth check-in." } else { "Good content; the coffee line was long." },
                    "is_anonymous": i % 4 == 0, "created_at": at, "updated_at": at});
                self.insert_owned("event_feedback", row)
            }?;
        }
        for pair in came.chunks(2).take(8) {
            if let [a, b] = pair {
                {
                    let row = json!({"id": self.id(), "event_id": event.id, "requester_id": a.attendee, "target_id": b.attendee,
                        "connection_type": "business", "status": "accepted", "message": "Great to meet you at the summit!",
                        "meeting_requested": false, "created_at": at, "updated_at": at});
                    self.insert_owned("networking_connections", row)
                }?;
            }
        }
        Ok(())
    }

    fn waitlist(&mut self, event: &EventRef, people: &[String]) -> Result<()> {
        let at = self.at(-3, 16 * 60);
        for (position, attendee) in people.iter().take(5).enumerate() {
            {
                let row = json!({"id": self.id(), "event_id": event.id, "attendee_id": attendee, "waitlist_position": position + 1,
                    "waitlist_reason": "event_full", "status": "waiting", "expires_at": self.at(event.day - 2, 0),
                    "created_at": at, "updated_at": at});
                self.insert_owned("event_waitlists", row)
            }?;
        }
        Ok(())
    }
}

/// Names in emails: ASCII letters only.
fn ascii(name: &str) -> String {
    name.chars()
        .filter_map(|c| match c {
            'é' | 'è' | 'É' => Some('e'),
            'ô' => Some('o'),
            'á' => Some('a'),
            'ü' => Some('u'),
            c if c.is_ascii_alphabetic() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocation_sums_exactly_and_respects_capacity() {
        for total in [0, 1, 400, 12_345, 100_000] {
            let plans = allocate(total);
            assert_eq!(plans.iter().map(|(_, n)| n).sum::<u64>(), total);
            for (plan, n) in &plans {
                assert!(*n <= plan.capacity as u64, "{} sells {n} of {}", plan.name, plan.capacity);
            }
        }
    }
}
