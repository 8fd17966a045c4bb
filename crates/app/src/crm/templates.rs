//! Email templates with `{{variables}}`, filled for one contact (and, when the template speaks
//! of one, an event): the variables a person may use, each flagged when it is unknown or has no
//! value for this contact, so nothing half-filled is sent; and the `mailto:` link that opens the
//! message in the computer's mail app, after which the email is logged as an activity.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use crate::records::Action;
use crate::{App, AppError, ErrorCode, Result, text};

/// The variables a template can use, and what each is.
pub const VARIABLES: [(&str, &str); 6] = [
    ("company_name", "The contact's company"),
    ("contact_name", "The contact's full name"),
    ("contact_first_name", "The contact's first name"),
    ("event_name", "The event chosen for the message"),
    ("event_date", "The event's day, on its venue's clock"),
    ("owner_name", "The company's sales rep"),
];

/// A template filled for one contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RenderedEmail {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// `{{names}}` the template uses that are not variables: left as typed.
    pub unknown: Vec<String>,
    /// Variables with no value for this contact (or no event chosen): left empty.
    pub empty: Vec<String>,
    /// The message as a `mailto:` link (subject and body encoded).
    pub mailto: String,
}

/// The `{{name}}`s in a text, in order, once each.
pub fn variables_in(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        let name = after[..end].trim().to_owned();
        if !name.is_empty() && !found.contains(&name) {
            found.push(name);
        }
        rest = &after[end + 2..];
    }
    found
}

/// Fills `{{name}}` from `values`; unknown names stay as typed.
fn fill(text: &str, values: &BTreeMap<&str, String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            return out;
        };
        match values.get(after[..end].trim()) {
            Some(value) => out.push_str(value),
            None => out.push_str(&rest[start..start + 2 + end + 2]),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// Percent-encoding for a `mailto:` query (RFC 6068): everything but unreserved characters.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

impl App {
    /// The template filled for the contact, with the event when given.
    pub fn render_template(
        &self,
        template_id: &str,
        contact_id: &str,
        event_id: Option<&str>,
    ) -> Result<RenderedEmail> {
        self.permitted("crm_email_templates", Action::Read)?;
        let store = self.store()?;
        let missing = |what: &str, id: &str| {
            AppError::new(ErrorCode::NotFound, format!("there is no {what} {id} on this computer"))
        };
        let template =
            store.get("crm_email_templates", template_id)?.ok_or_else(|| missing("template", template_id))?;
        let contact = store.get("crm_contacts", contact_id)?.ok_or_else(|| missing("contact", contact_id))?;
        let company = store.get("crm_organizers", &text(&contact, "organizer_id"))?.unwrap_or_default();
        let owner = match company.get("assigned_to").and_then(Value::as_str) {
            Some(id) => store.get("profiles", id)?.map(|p| text(&p, "full_name")).unwrap_or_default(),
            None => String::new(),
        };
        let (event_name, event_date) = match event_id.filter(|e| !e.is_empty()) {
            Some(id) => {
                let event = store.get("events", id)?.ok_or_else(|| missing("event", id))?;
                let zone = crate::organize::event_zone(store, &event)?;
                let day = eventos_store::zones::utc_to_local(&text(&event, "start_at"), &zone)
                    .map(|d| d[..10].to_owned())
                    .unwrap_or_default();
                (text(&event, "name"), day)
            }
            None => (String::new(), String::new()),
        };
        let full_name = text(&contact, "full_name");
        let values: BTreeMap<&str, String> = [
            ("company_name", text(&company, "company_name")),
            ("contact_first_name", full_name.split_whitespace().next().unwrap_or_default().to_owned()),
            ("contact_name", full_name),
            ("event_name", event_name),
            ("event_date", event_date),
            ("owner_name", owner),
        ]
        .into_iter()
        .collect();
        let (subject, body) = (text(&template, "subject"), {
            let plain = text(&template, "body_text");
            if plain.trim().is_empty() { text(&template, "body_html") } else { plain }
        });
        let used = variables_in(&format!("{subject}\n{body}"));
        let unknown: Vec<String> = used.iter().filter(|v| !values.contains_key(v.as_str())).cloned().collect();
        let empty: Vec<String> = used
            .iter()
            .filter(|v| values.get(v.as_str()).is_some_and(|value| value.trim().is_empty()))
            .cloned()
            .collect();
        let (subject, body) = (fill(&subject, &values), fill(&body, &values));
        let to = text(&contact, "email");
        let mailto =
            format!("mailto:{}?subject={}&body={}", encode(&to).replace("%40", "@"), encode(&subject), encode(&body));
        Ok(RenderedEmail { to, subject, body, unknown, empty, mailto })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_are_found_and_filled_and_unknown_ones_stay() {
        let text = "Hi {{ contact_first_name }}, {{company_name}} and {{nope}} {{company_name}} {{unclosed";
        assert_eq!(variables_in(text), ["contact_first_name", "company_name", "nope"]);
        let values: BTreeMap<&str, String> =
            [("contact_first_name", "Ana".to_owned()), ("company_name", "Acme".to_owned())].into_iter().collect();
        assert_eq!(fill(text, &values), "Hi Ana, Acme and {{nope}} Acme {{unclosed");
        assert_eq!(encode("a b&c=é"), "a%20b%26c%3D%C3%A9");
    }
}
