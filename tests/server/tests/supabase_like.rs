//! The Supabase-like PostgreSQL behaves like Supabase where our code will rely on it.
#![allow(clippy::unwrap_used)]

use eventos_server_tests::Postgres;

const USER: &str = "11111111-1111-4111-8111-111111111111";

#[test]
fn auth_functions_read_the_request_claims_as_supabase_does() {
    let pg = Postgres::start().unwrap();
    let claims = format!(r#"{{"sub":"{USER}","role":"authenticated","email":"sales@demo.eventos.test"}}"#);
    let out = pg.as_request(&claims, "SELECT auth.uid(), auth.role(), auth.jwt() ->> 'email', current_user").unwrap();
    assert_eq!(out, format!("{USER}|authenticated|sales@demo.eventos.test|authenticated"));
    let anon = pg.as_request("{}", "SELECT auth.uid() IS NULL, current_user").unwrap();
    assert_eq!(anon, "t|anon");
}

#[test]
fn the_api_roles_are_supabases() {
    let pg = Postgres::start().unwrap();
    let roles = pg
        .psql(
            "SELECT rolname, rolcanlogin, rolbypassrls, rolinherit FROM pg_roles \
             WHERE rolname IN ('anon', 'authenticated', 'service_role', 'authenticator') ORDER BY rolname",
        )
        .unwrap();
    assert_eq!(roles, "anon|f|f|f\nauthenticated|f|f|f\nauthenticator|t|f|f\nservice_role|f|t|f");
    // authenticator can become each API role (as PostgREST does per request).
    let members = pg
        .psql(
            "SELECT string_agg(r.rolname, ',' ORDER BY r.rolname) FROM pg_auth_members m \
             JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = 'authenticator'",
        )
        .unwrap();
    assert_eq!(members, "anon,authenticated,service_role");
}

#[test]
fn api_roles_get_table_privileges_and_row_level_security_decides_rows() {
    let pg = Postgres::start().unwrap();
    pg.psql(
        "CREATE TABLE public.notes (id int PRIMARY KEY, owner uuid, body text); \
         INSERT INTO public.notes VALUES (1, '11111111-1111-4111-8111-111111111111', 'mine'), \
                                         (2, '22222222-2222-4222-8222-222222222222', 'theirs'); \
         ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY; \
         CREATE POLICY own ON public.notes FOR SELECT TO authenticated USING (owner = auth.uid());",
    )
    .unwrap();
    let claims = format!(r#"{{"sub":"{USER}","role":"authenticated"}}"#);
    assert_eq!(pg.as_request(&claims, "SELECT string_agg(body, ',') FROM public.notes").unwrap(), "mine");
    assert_eq!(pg.as_request("{}", "SELECT count(*) FROM public.notes").unwrap(), "0", "anon sees nothing");
    let bcrypt = pg.psql("SELECT extensions.crypt('eventos-demo', extensions.gen_salt('bf')) LIKE '$2a$%'").unwrap();
    assert_eq!(bcrypt, "t", "bcrypt for auth.users passwords");
}

#[test]
fn stopping_removes_the_cluster_and_its_server() {
    let pg = Postgres::start().unwrap();
    let dir = pg.dir().to_owned();
    assert_eq!(pg.psql("SELECT 1").unwrap(), "1");
    drop(pg);
    assert!(!dir.exists(), "{} is removed", dir.display());
    let out = std::process::Command::new("pgrep").arg("-f").arg(dir.join("data")).output().unwrap();
    assert!(out.stdout.is_empty(), "a server still runs: {}", String::from_utf8_lossy(&out.stdout));
}
