//! What a CSV column can be imported into, for each kind of import, and the suggestion made
//! from its header ("E-mail address" → email). Besides the table's own fields, a contact or a
//! deal takes its company by name (`company`, matched, else created), a contact its name from
//! first and last name columns, and a deal its stage by name (`stage`).

use eventos_model::{presentation, schema};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Companies,
    Contacts,
    Opportunities,
}

impl ImportKind {
    pub fn table(self) -> &'static str {
        match self {
            ImportKind::Companies => "crm_organizers",
            ImportKind::Contacts => "crm_contacts",
            ImportKind::Opportunities => "crm_opportunities",
        }
    }

    pub fn parse(word: &str) -> Option<ImportKind> {
        match word {
            "companies" => Some(ImportKind::Companies),
            "contacts" => Some(ImportKind::Contacts),
            "opportunities" | "deals" => Some(ImportKind::Opportunities),
            _ => None,
        }
    }
}

/// A field a column can fill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportField {
    pub field: String,
    pub label: String,
    pub required: bool,
}

/// Made by the replica or the import itself, never taken from a file.
const NEVER: [&str; 6] = ["id", "account_id", "created_at", "updated_at", "organizer_id", "stage_id"];

/// The fields an import of `kind` fills.
pub fn targets(kind: ImportKind) -> Vec<ImportField> {
    let mut out: Vec<ImportField> = Vec::new();
    let virtual_field =
        |field: &str, label: &str, required: bool| ImportField { field: field.into(), label: label.into(), required };
    match kind {
        ImportKind::Companies => {}
        ImportKind::Contacts => {
            out.push(virtual_field("company", "Company (by name)", true));
            out.push(virtual_field("first_name", "First name", false));
            out.push(virtual_field("last_name", "Last name", false));
        }
        ImportKind::Opportunities => {
            out.push(virtual_field("company", "Company (by name)", true));
            out.push(virtual_field("stage", "Stage (by name)", false));
        }
    }
    if let Some(table) = schema::table(kind.table()) {
        for column in table.columns.iter().filter(|c| !c.generated && !NEVER.contains(&c.name)) {
            let required = column.required() && !(kind == ImportKind::Contacts && column.name == "full_name");
            out.push(ImportField { field: column.name.into(), label: presentation::field_label(column), required });
        }
    }
    out
}

/// Letters and digits only, lower case: how headers and names are compared.
pub fn squash(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Other words people put in headers for a field.
const SYNONYMS: &[(&str, &[&str])] = &[
    ("company_name", &["company", "name", "organization", "organisation", "account", "companyname", "business"]),
    ("company", &["company", "companyname", "organization", "organisation", "account", "employer"]),
    ("full_name", &["name", "fullname", "contact", "contactname", "person"]),
    ("first_name", &["firstname", "givenname", "first", "prenom", "forename"]),
    ("last_name", &["lastname", "surname", "familyname", "last", "nom"]),
    ("email", &["email", "emailaddress", "mail", "courriel"]),
    ("primary_email", &["email", "emailaddress", "mail"]),
    ("phone", &["phone", "telephone", "tel", "phonenumber", "workphone"]),
    ("primary_phone", &["phone", "telephone", "tel", "phonenumber"]),
    ("mobile", &["mobile", "cell", "cellphone", "mobilephone"]),
    ("website", &["website", "web", "url", "site", "domain"]),
    ("title", &["title", "jobtitle", "position", "role"]),
    ("name", &["name", "deal", "dealname", "opportunity", "opportunityname"]),
    ("value", &["value", "amount", "dealvalue", "size", "revenue"]),
    ("expected_close_date", &["closedate", "expectedclose", "expectedclosedate", "close"]),
    ("stage", &["stage", "pipelinestage", "dealstage"]),
];

/// The field a header most likely means (None: leave the column out).
pub fn suggest(kind: ImportKind, header: &str) -> Option<String> {
    let key = squash(header);
    if key.is_empty() {
        return None;
    }
    let fields = targets(kind);
    let exact = fields.iter().find(|f| squash(&f.field) == key || squash(&f.label) == key);
    if let Some(found) = exact {
        return Some(found.field.clone());
    }
    SYNONYMS
        .iter()
        .filter(|(field, _)| fields.iter().any(|f| f.field == *field))
        .find(|(_, words)| words.contains(&key.as_str()))
        .map(|(field, _)| (*field).to_owned())
}

/// A company's name as duplicates are found: squashed, without a legal form at its end.
pub fn company_key(name: &str) -> String {
    let mut key = squash(name);
    for suffix in ["incorporated", "corporation", "limited", "company", "inc", "ltd", "llc", "corp", "co", "gmbh", "sa"]
    {
        if key.len() > suffix.len() + 2 && key.ends_with(suffix) {
            key.truncate(key.len() - suffix.len());
            break;
        }
    }
    key
}

/// A website's domain (`https://www.Acme.ca/about` → `acme.ca`).
pub fn domain_key(website: &str) -> Option<String> {
    let rest = website.trim().to_lowercase();
    let rest = rest.split("://").last().unwrap_or_default();
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.strip_prefix("www.").unwrap_or(host);
    (host.contains('.')).then(|| host.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_people_write_are_understood() {
        assert_eq!(suggest(ImportKind::Contacts, "E-mail Address").as_deref(), Some("email"));
        assert_eq!(suggest(ImportKind::Contacts, "First Name").as_deref(), Some("first_name"));
        assert_eq!(suggest(ImportKind::Contacts, "Organization").as_deref(), Some("company"));
        assert_eq!(suggest(ImportKind::Companies, "Company").as_deref(), Some("company_name"));
        assert_eq!(suggest(ImportKind::Opportunities, "Amount").as_deref(), Some("value"));
        assert_eq!(suggest(ImportKind::Companies, "Favourite colour"), None);
    }

    #[test]
    fn duplicates_are_found_by_normalised_name_and_domain() {
        assert_eq!(company_key("Maple Leaf Analytics, Inc."), company_key("maple leaf analytics"));
        assert_eq!(domain_key("https://www.Acme.ca/about").as_deref(), Some("acme.ca"));
        assert_eq!(domain_key("n/a"), None);
    }
}
