//! EventOS domain model: what the data is, independent of where it is stored.
//!
//! - [`schema`]: the registry of replicated tables and their columns, the one source the store,
//!   sync and typed bindings read (checked against the SQL migrations by the store's tests);
//! - [`codes`]: the human-readable codes the server's triggers make (slugs, order and ticket
//!   numbers, QR codes), made identically offline;
//! - [`timestamp`], [`decimal`]: the replica's text formats for time and exact money;
//! - [`validate`]: turning a JSON value into a column value, or a typed error naming the field;
//! - [`signed_ticket`]: QR payloads a door verifies with the event's public key (Ed25519);
//! - [`hlc`]: hybrid logical clocks, the order of edits across devices and the server;
//! - [`presentation`]: how tables and fields are shown (labels, naming fields, default lists).

pub mod codes;
pub mod decimal;
pub mod hlc;
pub mod prepare;
pub mod presentation;
pub mod schema;
pub mod signed_ticket;
pub mod timestamp;
pub mod validate;

pub use validate::ValidationError;
