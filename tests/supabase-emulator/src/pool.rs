//! A small pool of synchronous PostgreSQL connections: idle clients wait in a vector, a request
//! takes one (or opens a new one) and gives it back when done, unless it broke.

use std::ops::{Deref, DerefMut};
use std::sync::Mutex;

use postgres::{Client, NoTls};

/// Idle connections kept beyond this are closed.
const MAX_IDLE: usize = 8;

pub struct Pool {
    config: postgres::Config,
    idle: Mutex<Vec<Client>>,
}

impl Pool {
    pub fn new(config: postgres::Config) -> Pool {
        Pool { config, idle: Mutex::new(Vec::new()) }
    }

    pub fn get(&self) -> Result<Pooled<'_>, postgres::Error> {
        let idle = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let client = match idle {
            Some(client) if !client.is_closed() => client,
            _ => self.config.connect(NoTls)?,
        };
        Ok(Pooled { pool: self, client: Some(client) })
    }
}

/// A connection on loan from the pool.
pub struct Pooled<'a> {
    pool: &'a Pool,
    client: Option<Client>,
}

impl Deref for Pooled<'_> {
    type Target = Client;
    fn deref(&self) -> &Client {
        self.client.as_ref().unwrap_or_else(|| unreachable!("a loaned connection is present until drop"))
    }
}

impl DerefMut for Pooled<'_> {
    fn deref_mut(&mut self) -> &mut Client {
        self.client.as_mut().unwrap_or_else(|| unreachable!("a loaned connection is present until drop"))
    }
}

impl Drop for Pooled<'_> {
    fn drop(&mut self) {
        if let Some(client) = self.client.take()
            && !client.is_closed()
        {
            let mut idle = self.pool.idle.lock().unwrap_or_else(|e| e.into_inner());
            if idle.len() < MAX_IDLE {
                idle.push(client);
            }
        }
    }
}
