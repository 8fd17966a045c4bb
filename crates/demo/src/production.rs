//! Seed 001's production and operations: a fashion show (its rehearsal and show, designers,
//! models booked with call times, the run-of-show and its looks), media partners and
//! influencers, social platforms, logistics, planning, risks, custom fields, meeting types and
//! the sales reps' meeting bookings.
//! Written after everything else, so the rest of the demo stays row for row what it was.

use serde_json::json;

use crate::{Demo, DemoEvent, Result, Users};

/// The show: three weeks out, late evening UTC (early evening in Toronto).
const SHOW_DAY: i64 = 21;
const SHOW_MINUTE: i64 = 23 * 60;

impl Demo<'_, '_> {
    pub(crate) fn production(&mut self, users: &Users, venue: &str, live_event: &str) -> Result<DemoEvent> {
        let created = self.at(-60, 600);
        let show = self.fashion_show(users, venue, &created)?;
        let runway = self.show_sessions(&show.id, venue, &created)?;
        let platforms = self.social_platforms(&created)?;
        let designers = self.designers(&created)?;
        let models = self.models(&created)?;
        self.run_of_show(&show.id, runway, &designers, &models, users, &created)?;
        self.media(&show.id, &platforms, &created)?;
        self.operations(&show.id, live_event, users, &created)?;
        let types = self.meeting_types(&created)?;
        self.meeting_bookings(users, &types, &created)?;
        Ok(show)
    }

    fn fashion_show(&mut self, users: &Users, venue: &str, created: &str) -> Result<DemoEvent> {
        let (name, start_at) = ("Northwind Runway: Spring/Summer 2027", self.at(SHOW_DAY, SHOW_MINUTE));
        let row = json!({"id": self.id(), "organizer_id": users.organizer, "venue_id": venue, "name": name,
            "type": "fashion_show", "description": "Two designers, one runway: press, buyers and front-row guests.",
            "start_at": start_at, "end_at": self.at(SHOW_DAY, SHOW_MINUTE + 180), "capacity": 150, "price_cents": 0,
            "status": "published", "visibility": "private", "created_at": created, "updated_at": created});
        let id = self.insert_owned("events", row)?;
        self.door_key(&id, created)?;
        let slug = self.w.get("events", &id)?.and_then(|r| r.get("slug").and_then(|s| s.as_str().map(str::to_owned)));
        Ok(DemoEvent { id, name: name.into(), slug: slug.unwrap_or_default(), status: "published".into(), start_at })
    }

    /// The afternoon's rehearsal and the show itself; returns the show's.
    fn show_sessions(&mut self, event: &str, venue: &str, created: &str) -> Result<String> {
        let mut ids = Vec::new();
        for (title, kind, start, minutes) in
            [("Full rehearsal", "rehearsal", SHOW_MINUTE - 240, 120), ("The show", "show", SHOW_MINUTE + 60, 45)]
        {
            let row = json!({"id": self.id(), "event_id": event, "venue_id": venue, "title": title, "session_type": kind,
                "description": "Atelier Chen, then Moretti Uomo.", "start_time": self.at(SHOW_DAY, start),
                "end_time": self.at(SHOW_DAY, start + minutes), "max_attendees": 150, "status": "scheduled",
                "created_at": created, "updated_at": created});
            ids.push(self.insert_owned("sessions", row)?);
        }
        Ok(ids.pop().unwrap_or_default())
    }

    /// Per-account defaults, with ids every computer derives alike (docs/SCHEMA.md §N4).
    fn social_platforms(&mut self, created: &str) -> Result<Vec<String>> {
        let mut ids = Vec::new();
        for (i, (name, slug, url)) in [
            ("Instagram", "instagram", "https://www.instagram.com/{handle}"),
            ("TikTok", "tiktok", "https://www.tiktok.com/@{handle}"),
            ("YouTube", "youtube", "https://www.youtube.com/@{handle}"),
        ]
        .into_iter()
        .enumerate()
        {
            let id = self.shared_id(&format!("social_media_platforms:{slug}"));
            let row = json!({"id": id, "name": name, "slug": slug, "profile_url_template": url,
                "account_handle": "northwindevents", "sort_order": i + 1, "is_active": true,
                "created_at": created, "updated_at": created});
            ids.push(self.insert_owned("social_media_platforms", row)?);
        }
        Ok(ids)
    }

    fn designers(&mut self, created: &str) -> Result<Vec<String>> {
        let mut ids = Vec::new();
        for (name, brand, categories, status) in [
            ("Amara Chen", "Atelier Chen", json!(["womenswear", "sustainable"]), "confirmed"),
            ("Luca Moretti", "Moretti Uomo", json!(["menswear", "ready_to_wear"]), "confirmed"),
            ("Noor Haddad", "Maison Noor", json!(["couture", "bridal"]), "prospect"),
        ] {
            let domain = brand.to_lowercase().replace(' ', "");
            let row = json!({"id": self.id(), "name": name, "brand_name": brand,
                "contact_email": format!("studio@{domain}.example.com"), "website": format!("https://{domain}.example.com"),
                "social_links": {"instagram": domain}, "categories": categories, "status": status, "tags": ["ss27"],
                "bio": format!("{name} founded {brand} in Toronto."), "created_at": created, "updated_at": created});
            ids.push(self.insert_owned("fashion_designers", row)?);
        }
        Ok(ids)
    }

    fn models(&mut self, created: &str) -> Result<Vec<String>> {
        let mut ids = Vec::new();
        for (name, agency, division, height, status) in [
            ("Zoë Laurent", "Elite Toronto", "women", 178, "active"),
            ("Kwame Mensah", "Next Toronto", "men", 188, "active"),
            ("Sofia Ivanova", "Elite Toronto", "curve", 175, "active"),
            ("Aiden Park", "Next Toronto", "men", 185, "on_hold"),
        ] {
            let handle = name.to_lowercase().replace([' ', 'ë'], "");
            let row = json!({"id": self.id(), "full_name": name, "agency_name": agency,
                "email": format!("{handle}@models.example.com"), "divisions": [division], "height_cm": height,
                "is_minor": false, "day_rate_cents": 95_000 + 5_000 * (height - 175), "instagram_handle": handle,
                "status": status, "created_at": created, "updated_at": created});
            ids.push(self.insert_owned("models", row)?);
        }
        Ok(ids)
    }

    /// Two designers' segments of the show, the models booked on each with their call times,
    /// and the looks in walk order.
    fn run_of_show(
        &mut self,
        event: &str,
        session: String,
        designers: &[String],
        models: &[String],
        users: &Users,
        created: &str,
    ) -> Result<()> {
        let runs = [("Tidal", 0, "fittings", [0, 2]), ("Linea", 1, "casting", [1, 3])];
        for (order, (title, designer, status, booked)) in runs.into_iter().enumerate() {
            let start = SHOW_MINUTE + 60 + 25 * order as i64;
            let run = json!({"id": self.id(), "event_id": event, "session_id": session, "designer_id": designers[designer],
                "title": title, "collection_season": "SS27", "run_order": order + 1,
                "planned_start_at": self.at(SHOW_DAY, start), "duration_minutes": 20,
                "music": "Live strings", "status": status, "producer_id": users.organizer,
                "created_at": created, "updated_at": created});
            let run = self.insert_owned("production_runs", run)?;
            for (i, model) in booked.iter().enumerate() {
                let row = json!({"id": self.id(), "event_id": event, "production_run_id": run, "model_id": models[*model],
                    "call_at": self.at(SHOW_DAY, SHOW_MINUTE - 300 + 30 * order as i64),
                    "fitting_at": self.at(SHOW_DAY - 2, 17 * 60 + 30 * i as i64),
                    "hair_makeup_at": self.at(SHOW_DAY, SHOW_MINUTE - 120),
                    "status": if i == 0 { "confirmed" } else { "booked" }, "fee_cents": 100_000,
                    "created_at": created, "updated_at": created});
                self.insert_owned("production_run_models", row)?;
            }
            for look in 1..=3 {
                let model = &models[booked[(look + 1) % 2]];
                let row = json!({"id": self.id(), "event_id": event, "production_run_id": run, "look_number": look,
                    "model_id": model, "title": format!("{title} look {look}"),
                    "garments": [{"item": if look == 3 { "Finale piece" } else { "Coat and trousers" }, "size": "M"}],
                    "change_type": if look == 3 { "full" } else { "none" }, "dresser_name": "Priya Nair",
                    "created_at": created, "updated_at": created});
                self.insert_owned("production_looks", row)?;
            }
        }
        Ok(())
    }

    fn media(&mut self, event: &str, platforms: &[String], created: &str) -> Result<()> {
        let partner = json!({"id": self.id(), "event_id": event, "outlet_name": "Toronto Style Weekly",
            "contact_name": "Dana Brooks", "contact_email": "dana@styleweekly.example.com",
            "partnership_type": "official_media_partner", "deliverables": "Runway gallery and two interviews",
            "audience_reach": 85_000, "in_kind_value_cents": 450_000, "press_passes": 4, "status": "confirmed",
            "coverage_urls": [], "created_at": created, "updated_at": created});
        self.insert_owned("media_partners", partner)?;
        for (i, (name, handle, followers, rate, status)) in [
            ("Maya Brooks", "mayawears", 214_000, "3.85", "active"),
            ("Theo Grant", "theogrant", 92_000, "6.10", "prospect"),
        ]
        .into_iter()
        .enumerate()
        {
            let row = json!({"id": self.id(), "full_name": name, "handle": handle, "platform_id": platforms[i],
                "follower_count": followers, "engagement_rate": rate, "niches": ["fashion"],
                "email": format!("{handle}@creators.example.com"), "rate_cents": 150_000, "status": status,
                "created_at": created, "updated_at": created});
            let influencer = self.insert_owned("influencers", row)?;
            if i == 0 {
                let row = json!({"id": self.id(), "event_id": event, "influencer_id": influencer, "role": "front_row",
                    "deliverables": "Three stories and one reel", "posts_required": 4, "posts_delivered": 0,
                    "status": "confirmed", "created_at": created, "updated_at": created});
                self.insert_owned("event_influencers", row)?;
            }
        }
        Ok(())
    }

    /// Logistics, planning, risks and a custom field for the show; a load-in and a risk for the
    /// event running today.
    fn operations(&mut self, show: &str, live: &str, users: &Users, created: &str) -> Result<()> {
        let logistics = [
            (live, "setup", "Hall load-in", "Dock 3", -1, 18 * 60, "done"),
            (show, "equipment", "Runway lighting rig", "Main hall", SHOW_DAY, 14 * 60, "confirmed"),
            (show, "transport", "Garment van from the studios", "Atelier Chen", SHOW_DAY, 12 * 60, "requested"),
        ];
        for (event, category, title, location, day, minute, status) in logistics {
            let row = json!({"id": self.id(), "event_id": event, "category": category, "title": title,
                "vendor_name": "Lumen Stage Co.", "location": location, "quantity": 1,
                "scheduled_at": self.at(day, minute), "ends_at": self.at(day, minute + 180), "status": status,
                "owner_id": users.organizer, "created_at": created, "updated_at": created});
            self.insert_owned("event_logistics", row)?;
        }
        let mut previous: Option<String> = None;
        for (i, (title, kind, phase, status, due)) in [
            ("Casting closed", "milestone", "pre_production", "done", -3),
            ("Fittings with both designers", "task", "production", "in_progress", 12),
            ("Send the run-of-show to dressers", "task", "production", "not_started", 18),
        ]
        .into_iter()
        .enumerate()
        {
            let row = json!({"id": self.id(), "event_id": show, "title": title, "kind": kind, "phase": phase,
                "status": status, "priority": if i == 0 { "high" } else { "normal" }, "assigned_to": users.organizer,
                "due_date": self.date(due), "completed_at": (status == "done").then(|| self.at(-3, 900)),
                "depends_on_id": previous, "sort_order": i + 1, "created_at": created, "updated_at": created});
            previous = Some(self.insert_owned("event_planning", row)?);
        }
        for (event, title, category, likelihood, impact, mitigation) in [
            (
                live,
                "Wi-Fi fails at the doors",
                "technical",
                3,
                4,
                "Doors check in offline and exchange check-ins over the LAN.",
            ),
            (show, "A model misses the call time", "supplier", 2, 4, "A stand-by model from the agency on the day."),
            (show, "Rain on the red carpet", "weather", 3, 2, "Marquee booked; arrivals through the side hall."),
        ] {
            let row = json!({"id": self.id(), "event_id": event, "title": title, "category": category,
                "likelihood": likelihood, "impact": impact, "owner_id": users.organizer, "mitigation": mitigation,
                "status": "open", "review_date": self.date(7), "raised_by": users.owner,
                "created_at": created, "updated_at": created});
            self.insert_owned("event_risks", row)?;
        }
        for (i, (key, label, kind, value, visibility)) in [
            ("dress_code", "Dress code", "text", "Black tie optional", "public"),
            ("photographers", "Photographers in the pit", "number", "6", "internal"),
        ]
        .into_iter()
        .enumerate()
        {
            let row = json!({"id": self.id(), "event_id": show, "field_key": key, "label": label, "value_type": kind,
                "field_value": value, "visibility": visibility, "sort_order": i + 1,
                "created_at": created, "updated_at": created});
            self.insert_owned("event_xpls", row)?;
        }
        Ok(())
    }

    fn meeting_types(&mut self, created: &str) -> Result<Vec<String>> {
        let mut ids = Vec::new();
        for (name, minutes, kind, buffer, color) in [
            ("Discovery call", 30, "video", 10, "#2563eb"),
            ("Venue walkthrough", 60, "in_person", 30, "#16a34a"),
            ("Contract review", 45, "phone", 15, "#9333ea"),
        ] {
            let row = json!({"id": self.id(), "name": name, "duration_minutes": minutes, "location_kind": kind,
                "buffer_minutes": buffer, "color": color, "is_active": true, "created_at": created, "updated_at": created});
            ids.push(self.insert_owned("meeting_types", row)?);
        }
        Ok(ids)
    }

    /// The sales rep's meetings with contacts of their companies (tomorrow, in two days, one
    /// held, one cancelled) and one of the owner's, each with its CRM activity as the app
    /// writes it.
    fn meeting_bookings(&mut self, users: &Users, types: &[String], created: &str) -> Result<()> {
        let plans = [
            (&users.sales, 0, 1, 15 * 60, "confirmed", None),
            (&users.sales, 1, 2, 14 * 60, "confirmed", None),
            (&users.sales, 0, -3, 16 * 60, "completed", None),
            (&users.sales, 2, 5, 18 * 60, "cancelled", Some("The client moved the budget review.")),
            (&users.owner, 2, 3, 17 * 60, "confirmed", None),
        ];
        for (i, (host, kind, day, minute, status, reason)) in plans.into_iter().enumerate() {
            let companies = self.w.ids_where("crm_organizers", "assigned_to", host)?;
            let Some(company) = companies.get(i % companies.len().max(1)) else { continue };
            let Some(contact_id) = self.w.ids_where("crm_contacts", "organizer_id", company)?.into_iter().next() else {
                continue;
            };
            let contact = self.w.get("crm_contacts", &contact_id)?.unwrap_or_default();
            let minutes = [30, 60, 45][kind];
            let row = json!({"id": self.id(), "meeting_type_id": types[kind], "host_id": host, "organizer_id": company,
                "contact_id": contact_id, "guest_name": contact.get("full_name"), "guest_email": contact.get("email"),
                "starts_at": self.at(day, minute), "ends_at": self.at(day, minute + minutes),
                "location": (kind == 1).then_some("Fairmont Royal York, lobby"),
                "meeting_url": (kind != 1).then_some("https://meet.example.com/northwind"),
                "status": status, "cancel_reason": reason, "source": "app", "created_at": created, "updated_at": created});
            let id = self.insert_owned("meeting_bookings", row)?;
            self.w.keep_meeting_activity(&id, None)?;
        }
        Ok(())
    }
}
