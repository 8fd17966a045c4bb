//! `supabase-emulator`: TEST INFRASTRUCTURE, not a product. Serves the emulated Supabase API in
//! front of a PostgreSQL until killed, after printing `SUPABASE_URL=...`,
//! `SUPABASE_ANON_KEY=...` and `SUPABASE_SERVICE_ROLE_KEY=...` on stdout.
//!
//! ```text
//! supabase-emulator --database-url URL [--port 0] [--jwt-secret SECRET]
//! ```

use std::io::Write;
use std::process::ExitCode;

use eventos_supabase_emulator::{Config, DEFAULT_JWT_SECRET, Emulator};

const USAGE: &str = "usage: supabase-emulator --database-url URL [--port PORT (0 = a free port)] [--jwt-secret SECRET]
Test infrastructure: an emulator of Supabase's /auth/v1/token and /rest/v1 in front of PostgreSQL.";

fn main() -> ExitCode {
    let mut database_url = None;
    let mut port = "0".to_owned();
    let mut secret = DEFAULT_JWT_SECRET.to_owned();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) => (n.to_owned(), Some(v.to_owned())),
            None => (arg.clone(), None),
        };
        let mut value = || inline.clone().or_else(|| args.next());
        match name.as_str() {
            "--database-url" => database_url = value(),
            "--port" => port = value().unwrap_or_default(),
            "--jwt-secret" => secret = value().unwrap_or_default(),
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ => {
                eprintln!("unknown argument {arg}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let Some(database_url) = database_url else {
        eprintln!("--database-url is required\n{USAGE}");
        return ExitCode::from(2);
    };
    if port.parse::<u16>().is_err() || secret.is_empty() {
        eprintln!("--port takes 0-65535 and --jwt-secret a non-empty secret\n{USAGE}");
        return ExitCode::from(2);
    }
    let mut config = Config::new(database_url);
    config.bind = format!("127.0.0.1:{port}");
    config.jwt_secret = secret;
    let emulator = match Emulator::start(config) {
        Ok(emulator) => emulator,
        Err(e) => {
            eprintln!("supabase-emulator: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = std::io::stdout().lock();
    let printed = writeln!(
        out,
        "SUPABASE_URL={}\nSUPABASE_ANON_KEY={}\nSUPABASE_SERVICE_ROLE_KEY={}",
        emulator.url(),
        emulator.anon_key(),
        emulator.service_role_key()
    )
    .and_then(|()| out.flush());
    drop(out);
    if printed.is_err() {
        return ExitCode::FAILURE;
    }
    // Serve until the process is killed (SIGTERM ends it).
    loop {
        std::thread::park();
    }
}
