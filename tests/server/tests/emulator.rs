//! The Supabase emulator (tests/supabase-emulator, test infrastructure) answers as GoTrue and
//! PostgREST do, in front of a real Supabase-like PostgreSQL. Each test makes its own tables,
//! functions and users (it does not depend on supabase/migrations or the seed) and talks HTTP.
#![allow(clippy::unwrap_used)]

use base64::Engine as _;
use eventos_server_tests::Postgres;
use eventos_supabase_emulator::{Config, Emulator};
use serde_json::{Value, json};

const ALICE: &str = "a1a1a1a1-0000-4000-8000-000000000001";
const BOB: &str = "b2b2b2b2-0000-4000-8000-000000000002";
const CAROL: &str = "c3c3c3c3-0000-4000-8000-000000000003";

/// Tables, functions and users of the emulator tests, made as the superuser.
const SCHEMA: &str = r#"
CREATE TABLE public.emu_items (
  id int PRIMARY KEY,
  owner uuid NOT NULL DEFAULT auth.uid(),
  name text NOT NULL,
  qty int CHECK (qty IS NULL OR qty >= 0),
  done boolean,
  tag text UNIQUE,
  note text DEFAULT 'n/a',
  created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE public.emu_items ENABLE ROW LEVEL SECURITY;
CREATE POLICY emu_items_own ON public.emu_items FOR ALL TO authenticated
  USING (owner = auth.uid()) WITH CHECK (owner = auth.uid());
GRANT ALL ON public.emu_items TO anon, authenticated, service_role;

CREATE TABLE public.emu_parts (
  id serial PRIMARY KEY,
  item_id int NOT NULL REFERENCES public.emu_items (id),
  label text
);
GRANT ALL ON public.emu_parts TO anon, authenticated, service_role;
GRANT ALL ON SEQUENCE public.emu_parts_id_seq TO anon, authenticated, service_role;

CREATE TABLE public.emu_tagged (id int PRIMARY KEY, tags text[], attrs jsonb);
GRANT ALL ON public.emu_tagged TO anon, authenticated, service_role;

CREATE FUNCTION public.emu_add(a int, b int DEFAULT 10) RETURNS int LANGUAGE sql AS 'SELECT a + b';
CREATE FUNCTION public.emu_echo(payload jsonb, label text) RETURNS jsonb LANGUAGE sql
  AS $$ SELECT jsonb_build_object('label', label, 'payload', payload) $$;
CREATE FUNCTION public.emu_my_items() RETURNS SETOF public.emu_items LANGUAGE sql STABLE
  AS 'SELECT * FROM public.emu_items ORDER BY id';
CREATE FUNCTION public.emu_touch(item int) RETURNS void LANGUAGE sql
  AS 'UPDATE public.emu_items SET done = true WHERE id = item';
CREATE FUNCTION public.emu_fail(message text) RETURNS int LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION '%', message; END $$;
CREATE FUNCTION public.emu_whoami() RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'user', current_user, 'uid', auth.uid(), 'role', auth.role(),
    'email', auth.jwt() ->> 'email',
    'method', current_setting('request.method', true),
    'path', current_setting('request.path', true),
    'x_test', current_setting('request.headers', true)::json ->> 'x-test',
    'read_only', current_setting('transaction_read_only'))
$$;
CREATE FUNCTION public.emu_members_only() RETURNS text LANGUAGE sql AS $$ SELECT 'secret' $$;
REVOKE EXECUTE ON FUNCTION public.emu_members_only() FROM PUBLIC, anon;
GRANT EXECUTE ON FUNCTION public.emu_members_only() TO authenticated;

INSERT INTO auth.users (id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data)
VALUES
  ('a1a1a1a1-0000-4000-8000-000000000001', 'authenticated', 'authenticated', 'alice@emu.test',
   extensions.crypt('alice-pw', extensions.gen_salt('bf')), now(),
   '{"provider":"email","providers":["email"]}', '{"name":"Alice"}'),
  ('b2b2b2b2-0000-4000-8000-000000000002', 'authenticated', 'authenticated', 'bob@emu.test',
   extensions.crypt('bob-pw', extensions.gen_salt('bf')), now(),
   '{"provider":"email","providers":["email"]}', '{}'),
  ('c3c3c3c3-0000-4000-8000-000000000003', 'authenticated', 'authenticated', 'carol@emu.test',
   extensions.crypt('carol-pw', extensions.gen_salt('bf')), NULL,
   '{"provider":"email","providers":["email"]}', '{}');
"#;

struct Fixture {
    emulator: Emulator,
    pg: Postgres,
    agent: ureq::Agent,
}

struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Resp {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn ids(&self) -> Vec<i64> {
        self.json().as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).collect()
    }
}

fn fixture() -> Fixture {
    fixture_with(|_| {})
}

fn fixture_with(configure: impl FnOnce(&mut Config)) -> Fixture {
    let pg = Postgres::start().unwrap();
    pg.psql(SCHEMA).unwrap();
    let mut config = Config::new(pg.connection_string());
    configure(&mut config);
    let emulator = Emulator::start(config).unwrap();
    let agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    Fixture { emulator, pg, agent }
}

/// Who a request is sent as: no `Authorization`, or a bearer token.
#[derive(Clone, Copy)]
enum As<'a> {
    Nobody,
    Bearer(&'a str),
}

impl Fixture {
    fn request(&self, method: &str, path: &str, who: As<'_>, headers: &[(&str, &str)], body: Option<&str>) -> Resp {
        self.raw(method, path, Some(self.emulator.anon_key()), who, headers, body)
    }

    fn raw(
        &self,
        method: &str,
        path: &str,
        api_key: Option<&str>,
        who: As<'_>,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Resp {
        let url = format!("{}{path}", self.emulator.url());
        let mut all: Vec<(String, String)> = headers.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        if let Some(key) = api_key {
            all.push(("apikey".into(), key.into()));
        }
        if let As::Bearer(token) = who {
            all.push(("Authorization".into(), format!("Bearer {token}")));
        }
        let result = match method {
            "GET" | "HEAD" | "DELETE" => {
                let mut r = match method {
                    "GET" => self.agent.get(&url),
                    "HEAD" => self.agent.head(&url),
                    _ => self.agent.delete(&url),
                };
                for (k, v) in &all {
                    r = r.header(k, v);
                }
                r.call()
            }
            _ => {
                let mut r = if method == "PATCH" { self.agent.patch(&url) } else { self.agent.post(&url) };
                r = r.header("Content-Type", "application/json");
                for (k, v) in &all {
                    r = r.header(k, v);
                }
                r.send(body.unwrap_or(""))
            }
        };
        let mut response = result.unwrap();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
            .collect();
        let body = response.body_mut().read_to_string().unwrap();
        Resp { status: response.status().as_u16(), headers, body }
    }

    fn service(&self) -> As<'_> {
        As::Bearer(self.emulator.service_role_key())
    }

    fn sign_in(&self, email: &str, password: &str) -> Value {
        let r = self.request(
            "POST",
            "/auth/v1/token?grant_type=password",
            As::Nobody,
            &[],
            Some(&json!({ "email": email, "password": password }).to_string()),
        );
        assert_eq!(r.status, 200, "{}", r.body);
        r.json()
    }

    fn refresh(&self, refresh_token: &str) -> Resp {
        self.request(
            "POST",
            "/auth/v1/token?grant_type=refresh_token",
            As::Nobody,
            &[],
            Some(&json!({ "refresh_token": refresh_token }).to_string()),
        )
    }

    /// Inserts rows as the superuser (no RLS): `(id, owner, name, qty, done, tag)`.
    fn seed(&self, values: &str) {
        self.pg
            .psql(&format!("INSERT INTO public.emu_items (id, owner, name, qty, done, tag) VALUES {values}"))
            .unwrap();
    }
}

fn claims(access_token: &str) -> Value {
    let payload = access_token.split('.').nth(1).unwrap();
    serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

fn token(session: &Value) -> String {
    session["access_token"].as_str().unwrap().to_owned()
}

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

#[test]
fn the_apikey_is_required_and_must_be_a_project_key() {
    let f = fixture();
    let missing = f.raw("GET", "/rest/v1/emu_items", None, As::Nobody, &[], None);
    assert_eq!(missing.status, 401);
    assert_eq!(
        missing.json(),
        json!({"message": "No API key found in request", "hint": "No `apikey` request header or url param was found."})
    );
    let auth_missing = f.raw("POST", "/auth/v1/token?grant_type=password", None, As::Nobody, &[], Some("{}"));
    assert_eq!(auth_missing.status, 401, "GoTrue's routes need the key too");

    // A key signed with another secret, and a non-JWT key, are refused.
    let other = Emulator::start(Config {
        jwt_secret: "another-secret-that-is-at-least-32-characters".into(),
        ..Config::new(f.pg.connection_string())
    })
    .unwrap();
    for key in [other.anon_key(), "not-a-key"] {
        let wrong = f.raw("GET", "/rest/v1/emu_items", Some(key), As::Nobody, &[], None);
        assert_eq!(wrong.status, 401);
        assert_eq!(
            wrong.json(),
            json!({"message": "Invalid API key", "hint": "Double check your Supabase `anon` or `service_role` API key."})
        );
    }
    // The project's keys pass, in the header or as ?apikey=.
    assert_eq!(f.request("GET", "/rest/v1/emu_items", As::Nobody, &[], None).status, 200);
    let in_query =
        f.raw("GET", &format!("/rest/v1/emu_items?apikey={}", f.emulator.anon_key()), None, As::Nobody, &[], None);
    assert_eq!(in_query.status, 200, "{}", in_query.body);
    let service = f.raw("GET", "/rest/v1/emu_items", Some(f.emulator.service_role_key()), As::Nobody, &[], None);
    assert_eq!(service.status, 200);
    assert_eq!(f.raw("GET", "/nowhere", None, As::Nobody, &[], None).status, 404);
}

#[test]
fn password_sign_in_returns_a_gotrue_session() {
    let f = fixture();
    let before = now();
    let session = f.sign_in("Alice@Emu.Test", "alice-pw");
    assert_eq!(session["token_type"], "bearer");
    assert_eq!(session["expires_in"], 3600);
    let expires_at = session["expires_at"].as_i64().unwrap();
    assert!((before + 3600..=now() + 3600).contains(&expires_at), "expires_at {expires_at}");
    let refresh = session["refresh_token"].as_str().unwrap();
    assert_eq!(refresh.len(), 12);
    assert!(refresh.chars().all(|c| c.is_ascii_alphanumeric()));
    let user = &session["user"];
    assert_eq!(user["id"], ALICE);
    assert_eq!((user["aud"].as_str(), user["role"].as_str()), (Some("authenticated"), Some("authenticated")));
    assert_eq!(user["email"], "alice@emu.test");
    assert_eq!(user["app_metadata"], json!({"provider": "email", "providers": ["email"]}));
    assert_eq!(user["user_metadata"], json!({"name": "Alice"}));
    assert_eq!(user["is_anonymous"], false);
    assert!(user["last_sign_in_at"].as_str().unwrap().ends_with('Z'));
    let keys: Vec<&str> = session.as_object().unwrap().keys().map(String::as_str).collect();
    for key in ["access_token", "token_type", "expires_in", "expires_at", "refresh_token", "user"] {
        assert!(keys.contains(&key), "{key} in {keys:?}");
    }

    // The session and its refresh token are GoTrue's rows.
    let rows =
        f.pg.psql(&format!(
            "SELECT s.user_id, s.aal, rt.user_id, rt.revoked, rt.parent IS NULL FROM auth.refresh_tokens rt
             JOIN auth.sessions s ON s.id = rt.session_id WHERE rt.token = '{refresh}'"
        ))
        .unwrap();
    assert_eq!(rows, format!("{ALICE}|aal1|{ALICE}|f|t"));
    let last_sign_in =
        f.pg.psql(&format!("SELECT last_sign_in_at IS NOT NULL FROM auth.users WHERE id = '{ALICE}'")).unwrap();
    assert_eq!(last_sign_in, "t");
}

#[test]
fn wrong_credentials_get_gotrues_errors() {
    let f = fixture();
    let invalid = json!({"code": 400, "error_code": "invalid_credentials", "msg": "Invalid login credentials"});
    for (email, password) in [("alice@emu.test", "wrong"), ("nobody@emu.test", "alice-pw")] {
        let r = f.request(
            "POST",
            "/auth/v1/token?grant_type=password",
            As::Nobody,
            &[],
            Some(&json!({ "email": email, "password": password }).to_string()),
        );
        assert_eq!((r.status, r.json()), (400, invalid.clone()), "{email}");
    }
    // supabase-js sends X-Supabase-Api-Version: 2024-01-01, which gets the newer shape.
    let versioned = f.request(
        "POST",
        "/auth/v1/token?grant_type=password",
        As::Nobody,
        &[("X-Supabase-Api-Version", "2024-01-01")],
        Some(r#"{"email":"alice@emu.test","password":"wrong"}"#),
    );
    assert_eq!(versioned.status, 400);
    assert_eq!(versioned.json(), json!({"code": "invalid_credentials", "message": "Invalid login credentials"}));
    assert_eq!(versioned.header("x-supabase-api-version"), Some("2024-01-01"));

    let unconfirmed = f.request(
        "POST",
        "/auth/v1/token?grant_type=password",
        As::Nobody,
        &[],
        Some(r#"{"email":"carol@emu.test","password":"carol-pw"}"#),
    );
    assert_eq!(
        (unconfirmed.status, unconfirmed.json()),
        (400, json!({"code": 400, "error_code": "email_not_confirmed", "msg": "Email not confirmed"}))
    );
    let missing = f.request("POST", "/auth/v1/token?grant_type=password", As::Nobody, &[], Some("{}"));
    assert_eq!(missing.json()["error_code"], "validation_failed");
    let not_json = f.request("POST", "/auth/v1/token?grant_type=password", As::Nobody, &[], Some("{"));
    assert_eq!((not_json.status, not_json.json()["error_code"].as_str()), (400, Some("bad_json")));
    let sessions =
        f.pg.psql(&format!("SELECT count(*) FROM auth.sessions WHERE user_id IN ('{ALICE}', '{CAROL}')")).unwrap();
    assert_eq!(sessions, "0", "no session for a failed sign-in");
}

#[test]
fn access_token_claims_are_supabases() {
    let f = fixture();
    let session = f.sign_in("alice@emu.test", "alice-pw");
    let access = token(&session);
    let header: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(access.split('.').next().unwrap()).unwrap(),
    )
    .unwrap();
    assert_eq!(header, json!({"alg": "HS256", "typ": "JWT"}));
    let c = claims(&access);
    let keys: Vec<&str> = c.as_object().unwrap().keys().map(String::as_str).collect();
    let mut expected = vec![
        "iss",
        "sub",
        "aud",
        "exp",
        "iat",
        "email",
        "phone",
        "app_metadata",
        "user_metadata",
        "role",
        "aal",
        "amr",
        "session_id",
        "is_anonymous",
    ];
    expected.sort_unstable();
    assert_eq!(keys, expected, "exactly GoTrue's claims");
    assert_eq!(c["iss"], format!("{}/auth/v1", f.emulator.url()));
    assert_eq!(c["sub"], ALICE);
    assert_eq!(c["aud"], "authenticated");
    assert_eq!(c["role"], "authenticated");
    assert_eq!(c["email"], "alice@emu.test");
    assert_eq!(c["phone"], "");
    assert_eq!(c["aal"], "aal1");
    assert_eq!(c["is_anonymous"], false);
    assert_eq!(c["app_metadata"], session["user"]["app_metadata"]);
    assert_eq!(c["user_metadata"], json!({"name": "Alice"}));
    assert_eq!(c["exp"].as_i64().unwrap() - c["iat"].as_i64().unwrap(), 3600);
    assert_eq!(c["exp"], session["expires_at"]);
    assert_eq!(c["amr"][0]["method"], "password");
    assert!((now() - 60..=now()).contains(&c["amr"][0]["timestamp"].as_i64().unwrap()));
    let session_id = f.pg.psql(&format!("SELECT id FROM auth.sessions WHERE user_id = '{ALICE}'")).unwrap();
    assert_eq!(c["session_id"], session_id);

    // PostgREST's side trusts the token (signed with the project secret) and refuses a forgery.
    let me = f.request("POST", "/rest/v1/rpc/emu_whoami", As::Bearer(&access), &[], Some("{}"));
    assert_eq!(me.json()["uid"], ALICE, "{}", me.body);
    let parts: Vec<&str> = access.split('.').collect();
    let mut forged_claims = c.clone();
    forged_claims["sub"] = json!(BOB);
    let forged = format!(
        "{}.{}.{}",
        parts[0],
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(forged_claims.to_string()),
        parts[2]
    );
    let refused = f.request("GET", "/rest/v1/emu_items", As::Bearer(&forged), &[], None);
    assert_eq!(refused.status, 401);
    assert_eq!(refused.json()["code"], "PGRST301");
    assert_eq!(refused.json()["message"], "JWT cryptographic operation failed");
}

#[test]
fn refresh_tokens_rotate_within_the_session() {
    // An hour's reuse interval: "still within the interval" below must not depend on how fast
    // the steps before it ran (GoTrue's default is 10 s).
    let f = fixture_with(|c| c.refresh_token_reuse_interval = std::time::Duration::from_secs(3600));
    let first = f.sign_in("bob@emu.test", "bob-pw");
    let r1 = first["refresh_token"].as_str().unwrap().to_owned();
    let second = f.refresh(&r1);
    assert_eq!(second.status, 200, "{}", second.body);
    let second = second.json();
    let r2 = second["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(r1, r2);
    assert_eq!(claims(&token(&second))["session_id"], claims(&token(&first))["session_id"], "same session");
    assert_eq!(second["user"]["id"], BOB);
    let rows = |pg: &Postgres| {
        pg.psql("SELECT token || ':' || revoked || ':' || coalesce(parent, '-') FROM auth.refresh_tokens ORDER BY id")
            .unwrap()
    };
    assert_eq!(rows(&f.pg), format!("{r1}:true:-\n{r2}:false:{r1}"));

    // The client lost the answer and retries with r1: GoTrue hands back the active child, r2.
    let retried = f.refresh(&r1).json();
    assert_eq!(retried["refresh_token"], r2.as_str());
    assert_eq!(rows(&f.pg), format!("{r1}:true:-\n{r2}:false:{r1}"), "no new token");

    let third = f.refresh(&r2).json();
    let r3 = third["refresh_token"].as_str().unwrap().to_owned();
    assert_eq!(rows(&f.pg), format!("{r1}:true:-\n{r2}:true:{r1}\n{r3}:false:{r2}"));
    // The new access token works on PostgREST's side.
    assert_eq!(f.request("GET", "/rest/v1/emu_items", As::Bearer(&token(&third)), &[], None).status, 200);
    // r1 again, still within the reuse interval of its revocation but no longer the active
    // token's parent: GoTrue issues another child of r1.
    let branch = f.refresh(&r1).json();
    let r4 = branch["refresh_token"].as_str().unwrap().to_owned();
    assert!(![r1.as_str(), r2.as_str(), r3.as_str()].contains(&r4.as_str()));
    assert_eq!(rows(&f.pg), format!("{r1}:true:-\n{r2}:true:{r1}\n{r3}:false:{r2}\n{r4}:false:{r1}"));

    let unknown = f.refresh("nosuchtoken0");
    assert_eq!(
        (unknown.status, unknown.json()),
        (
            400,
            json!({"code": 400, "error_code": "refresh_token_not_found", "msg": "Invalid Refresh Token: Refresh Token Not Found"})
        )
    );
    let empty = f.refresh("");
    assert_eq!(
        (empty.status, empty.json()),
        (400, json!({"error": "invalid_request", "error_description": "refresh_token required"}))
    );
}

#[test]
fn reusing_a_revoked_refresh_token_after_the_interval_revokes_the_session() {
    let f = fixture();
    let session = f.sign_in("bob@emu.test", "bob-pw");
    let r1 = session["refresh_token"].as_str().unwrap().to_owned();
    let r2 = f.refresh(&r1).json()["refresh_token"].as_str().unwrap().to_owned();
    let r3 = f.refresh(&r2).json()["refresh_token"].as_str().unwrap().to_owned();
    // Another session of Bob's is not touched.
    let other = f.sign_in("bob@emu.test", "bob-pw")["refresh_token"].as_str().unwrap().to_owned();

    // r1 was revoked more than GoTrue's 10 s reuse interval ago.
    f.pg.psql(&format!(
        "UPDATE auth.refresh_tokens SET updated_at = now() - interval '11 seconds' WHERE token = '{r1}'"
    ))
    .unwrap();
    let reused = f.refresh(&r1);
    assert_eq!(reused.status, 400);
    assert_eq!(
        reused.json(),
        json!({"code": 400, "error_code": "refresh_token_already_used", "msg": "Invalid Refresh Token: Already Used"})
    );
    let live =
        f.pg.psql(&format!(
            "SELECT string_agg(token, ',' ORDER BY id) FROM auth.refresh_tokens WHERE revoked IS FALSE
             AND session_id = (SELECT session_id FROM auth.refresh_tokens WHERE token = '{r1}')"
        ))
        .unwrap();
    assert_eq!(live, "", "every token of the session is revoked, r3 ({r3}) included");
    let others = f.pg.psql(&format!("SELECT revoked FROM auth.refresh_tokens WHERE token = '{other}'")).unwrap();
    assert_eq!(others, "f");
    assert_eq!(f.refresh(&other).status, 200);
}

#[test]
fn an_expired_access_token_gets_postgrests_401() {
    let f = fixture_with(|c| c.access_token_ttl = eventos_supabase_emulator::time::Duration::seconds(-60));
    let session = f.sign_in("alice@emu.test", "alice-pw");
    assert_eq!(session["expires_in"], -60);
    let expired = f.request("GET", "/rest/v1/emu_items", As::Bearer(&token(&session)), &[], None);
    assert_eq!(expired.status, 401);
    assert_eq!(expired.json(), json!({"code": "PGRST303", "details": null, "hint": null, "message": "JWT expired"}));
    assert_eq!(
        expired.header("www-authenticate"),
        Some(r#"Bearer error="invalid_token", error_description="JWT expired""#)
    );
    // Refreshing gives a new token (expired too with this TTL, but a new one).
    let refreshed = f.refresh(session["refresh_token"].as_str().unwrap());
    assert_eq!(refreshed.status, 200);
    let garbage = f.request("GET", "/rest/v1/emu_items", As::Bearer("abc"), &[], None);
    assert_eq!((garbage.status, garbage.json()["message"].as_str()), (401, Some("Expected 3 parts in JWT; got 1")));
}

#[test]
fn row_level_security_applies_per_request() {
    let f = fixture();
    f.seed(&format!(
        "(1, '{ALICE}', 'a1', 1, false, NULL), (2, '{ALICE}', 'a2', 2, false, NULL), (3, '{BOB}', 'b1', 3, false, NULL)"
    ));
    let alice = token(&f.sign_in("alice@emu.test", "alice-pw"));
    let bob = token(&f.sign_in("bob@emu.test", "bob-pw"));
    let get = |who| f.request("GET", "/rest/v1/emu_items?order=id", who, &[], None).ids();
    assert_eq!(get(As::Bearer(&alice)), vec![1, 2]);
    assert_eq!(get(As::Bearer(&bob)), vec![3]);
    assert_eq!(get(As::Nobody), Vec::<i64>::new(), "anon without a token sees nothing");
    assert_eq!(get(As::Bearer(f.emulator.anon_key())), Vec::<i64>::new(), "nor with the anon key as bearer");
    assert_eq!(get(f.service()), vec![1, 2, 3], "service_role bypasses RLS");

    // The request's role, claims and GUCs, as PostgREST sets them.
    let me = f.request("POST", "/rest/v1/rpc/emu_whoami", As::Bearer(&alice), &[("X-Test", "yes")], Some("{}")).json();
    assert_eq!(
        me,
        json!({"user": "authenticated", "uid": ALICE, "role": "authenticated", "email": "alice@emu.test",
               "method": "POST", "path": "/rpc/emu_whoami", "x_test": "yes", "read_only": "on"})
    );
    let anon = f.request("POST", "/rest/v1/rpc/emu_whoami", As::Nobody, &[], Some("{}")).json();
    assert_eq!(
        (anon["user"].as_str(), anon["uid"].is_null(), anon["role"].as_str()),
        (Some("anon"), true, Some("anon"))
    );
    // Nothing leaks between requests on pooled connections.
    let settings = f.request("POST", "/rest/v1/rpc/emu_whoami", As::Nobody, &[], Some("{}")).json();
    assert!(settings["email"].is_null() && settings["x_test"].is_null(), "{settings}");
}

#[test]
fn every_filter_operator_works() {
    let f = fixture();
    f.seed(&format!(
        "(1, '{ALICE}', 'apple', 5, true, 't1'), (2, '{ALICE}', 'Banana', 10, false, 't2'),
         (3, '{ALICE}', 'cherry', NULL, NULL, 'a,b'), (4, '{ALICE}', 'date', 20, true, NULL)"
    ));
    let ids = |query: &str| {
        let r = f.request("GET", &format!("/rest/v1/emu_items?order=id&{query}"), f.service(), &[], None);
        assert_eq!(r.status, 200, "{query}: {}", r.body);
        r.ids()
    };
    assert_eq!(ids("qty=eq.10"), vec![2]);
    assert_eq!(ids("qty=neq.10"), vec![1, 4]);
    assert_eq!(ids("qty=gt.5"), vec![2, 4]);
    assert_eq!(ids("qty=gte.5"), vec![1, 2, 4]);
    assert_eq!(ids("qty=lt.10"), vec![1]);
    assert_eq!(ids("qty=lte.10"), vec![1, 2]);
    assert_eq!(ids("id=in.(1,3,4)"), vec![1, 3, 4]);
    assert_eq!(ids("tag=in.(%22a,b%22,t2)"), vec![2, 3], "quoted values keep their commas");
    assert_eq!(ids("id=in.()"), Vec::<i64>::new());
    assert_eq!(ids("qty=is.null"), vec![3]);
    assert_eq!(ids("qty=not.is.null"), vec![1, 2, 4]);
    assert_eq!(ids("done=is.true"), vec![1, 4]);
    assert_eq!(ids("done=is.false"), vec![2]);
    assert_eq!(ids("id=not.eq.1"), vec![2, 3, 4]);
    assert_eq!(ids("id=not.in.(1,2)"), vec![3, 4]);
    assert_eq!(ids("name=like.*an*"), vec![2]);
    assert_eq!(ids("name=ilike.b*"), vec![2]);
    assert_eq!(ids("name=eq.date"), vec![4]);
    assert_eq!(ids(&format!("owner=eq.{ALICE}")), vec![1, 2, 3, 4]);
    assert_eq!(ids("qty=gte.5&done=is.true&name=neq.apple"), vec![4], "filters are ANDed");
    assert_eq!(ids("created_at=lte.2999-01-01T00:00:00Z"), vec![1, 2, 3, 4], "values are cast to the column type");

    let bad_value = f.request("GET", "/rest/v1/emu_items?qty=eq.many", f.service(), &[], None);
    assert_eq!((bad_value.status, bad_value.json()["code"].as_str()), (400, Some("22P02")));
    let bad_op = f.request("GET", "/rest/v1/emu_items?qty=equals.1", f.service(), &[], None);
    assert_eq!(bad_op.status, 400);
    assert_eq!(bad_op.json()["code"], "PGRST100");
    let unknown = f.request("GET", "/rest/v1/emu_items?colour=eq.red", f.service(), &[], None);
    assert_eq!(
        (unknown.status, unknown.json()),
        (
            400,
            json!({"code": "42703", "details": null, "hint": null, "message": "column emu_items.colour does not exist"})
        )
    );
    let injection = f.request("GET", "/rest/v1/emu_items?name=eq.x'%20OR%20'1'='1", f.service(), &[], None);
    assert_eq!((injection.status, injection.ids()), (200, vec![]), "values are parameters, not SQL");
}

#[test]
fn order_limit_offset_and_select_shape_the_result() {
    let f = fixture();
    f.seed(&format!(
        "(1, '{ALICE}', 'b', 5, true, NULL), (2, '{ALICE}', 'a', NULL, false, NULL),
         (3, '{ALICE}', 'c', 5, true, NULL), (4, '{ALICE}', 'a', 1, true, NULL)"
    ));
    let ids = |query: &str| f.request("GET", &format!("/rest/v1/emu_items?{query}"), f.service(), &[], None).ids();
    assert_eq!(ids("order=qty.desc.nullslast,id.desc"), vec![3, 1, 4, 2]);
    assert_eq!(ids("order=qty.desc,id"), vec![2, 1, 3, 4], "desc puts NULLs first by default");
    assert_eq!(ids("order=qty.asc.nullsfirst,name"), vec![2, 4, 1, 3]);
    assert_eq!(ids("order=name,id.desc"), vec![4, 2, 1, 3]);
    assert_eq!(ids("order=id&limit=2"), vec![1, 2]);
    assert_eq!(ids("order=id&limit=2&offset=1"), vec![2, 3]);
    assert_eq!(ids("order=id&offset=3"), vec![4]);

    let selected = f.request("GET", "/rest/v1/emu_items?select=id,name&order=id&limit=1", f.service(), &[], None);
    assert_eq!(selected.json(), json!([{"id": 1, "name": "b"}]));
    assert_eq!(selected.header("content-type"), Some("application/json; charset=utf-8"));
    let all = f.request("GET", "/rest/v1/emu_items?order=id&limit=1", f.service(), &[], None).json();
    let keys: Vec<&str> = all[0].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys.len(), 8, "every column: {keys:?}");

    let unknown = f.request("GET", "/rest/v1/emu_items?select=id,nope", f.service(), &[], None);
    assert_eq!((unknown.status, unknown.json()["code"].as_str()), (400, Some("42703")));
    let embedded = f.request("GET", "/rest/v1/emu_items?select=id,emu_parts(*)", f.service(), &[], None);
    assert_eq!((embedded.status, embedded.json()["code"].as_str()), (400, Some("PGRST127")));
    let bad_order = f.request("GET", "/rest/v1/emu_items?order=id.sideways", f.service(), &[], None);
    assert_eq!((bad_order.status, bad_order.json()["code"].as_str()), (400, Some("PGRST100")));
    let head = f.request("HEAD", "/rest/v1/emu_items?order=id", f.service(), &[], None);
    assert_eq!((head.status, head.body.as_str(), head.header("content-range")), (200, "", Some("0-3/*")));
}

#[test]
fn count_exact_sets_content_range() {
    let f = fixture();
    f.pg.psql(&format!(
        "INSERT INTO public.emu_items (id, owner, name, qty) SELECT i, '{ALICE}', 'n' || i, i FROM generate_series(1, 25) i"
    ))
    .unwrap();
    let get = |query: &str, count: bool| {
        let headers: &[(&str, &str)] = if count { &[("Prefer", "count=exact")] } else { &[] };
        f.request("GET", &format!("/rest/v1/emu_items?{query}"), f.service(), headers, None)
    };
    let page = get("order=id&limit=10", true);
    assert_eq!((page.status, page.header("content-range")), (206, Some("0-9/25")), "a partial page is 206");
    assert_eq!(page.header("preference-applied"), Some("count=exact"));
    assert_eq!(page.ids(), (1..=10).collect::<Vec<_>>());
    let last = get("order=id&limit=10&offset=20", true);
    assert_eq!((last.status, last.header("content-range")), (206, Some("20-24/25")));
    let whole = get("order=id", true);
    assert_eq!((whole.status, whole.header("content-range")), (200, Some("0-24/25")));
    let filtered = get("qty=lte.3", true);
    assert_eq!((filtered.status, filtered.header("content-range")), (200, Some("0-2/3")));
    let empty = get("qty=gt.100", true);
    assert_eq!((empty.status, empty.header("content-range"), empty.body.as_str()), (200, Some("*/0"), "[]"));
    let uncounted = get("order=id&limit=10", false);
    assert_eq!((uncounted.status, uncounted.header("content-range")), (200, Some("0-9/*")));
    assert_eq!(uncounted.header("preference-applied"), None);
    let beyond = get("order=id&offset=30", true);
    assert_eq!((beyond.status, beyond.header("content-range")), (416, Some("*/25")));
    assert_eq!(
        beyond.json(),
        json!({"code": "PGRST103", "details": "An offset of 30 was requested, but there are only 25 rows.",
               "hint": null, "message": "Requested range not satisfiable"})
    );
    // RLS applies to the count too.
    let bob = token(&f.sign_in("bob@emu.test", "bob-pw"));
    let bobs = f.request("GET", "/rest/v1/emu_items", As::Bearer(&bob), &[("Prefer", "count=exact")], None);
    assert_eq!(bobs.header("content-range"), Some("*/0"));
}

#[test]
fn insert_returns_representation_minimal_or_headers() {
    let f = fixture();
    let alice = token(&f.sign_in("alice@emu.test", "alice-pw"));
    let minimal = f.request("POST", "/rest/v1/emu_items", As::Bearer(&alice), &[], Some(r#"{"id": 1, "name": "one"}"#));
    assert_eq!((minimal.status, minimal.body.as_str()), (201, ""));
    assert_eq!(minimal.header("content-range"), Some("*/*"));
    // Only the keys sent are inserted, so defaults apply (owner = auth.uid(), note, created_at).
    let row =
        f.pg.psql("SELECT owner, name, qty IS NULL, note, created_at IS NOT NULL FROM public.emu_items WHERE id = 1")
            .unwrap();
    assert_eq!(row, format!("{ALICE}|one|t|n/a|t"));

    let repr = f.request(
        "POST",
        "/rest/v1/emu_items",
        As::Bearer(&alice),
        &[("Prefer", "return=representation")],
        Some(r#"[{"id": 2, "name": "two", "qty": 2}, {"id": 3, "name": "three", "qty": 3}]"#),
    );
    assert_eq!(repr.status, 201, "{}", repr.body);
    assert_eq!(repr.header("preference-applied"), Some("return=representation"));
    let rows = repr.json();
    assert_eq!(rows.as_array().unwrap().len(), 2);
    assert_eq!(
        (rows[0]["id"].as_i64(), rows[0]["note"].as_str(), rows[0]["owner"].as_str()),
        (Some(2), Some("n/a"), Some(ALICE))
    );
    let selected = f.request(
        "POST",
        "/rest/v1/emu_items?select=id,name",
        As::Bearer(&alice),
        &[("Prefer", "return=representation,count=exact")],
        Some(r#"{"id": 4, "name": "four"}"#),
    );
    assert_eq!(selected.json(), json!([{"id": 4, "name": "four"}]));
    assert_eq!(selected.header("content-range"), Some("*/1"));
    let headers_only = f.request(
        "POST",
        "/rest/v1/emu_items",
        As::Bearer(&alice),
        &[("Prefer", "return=headers-only")],
        Some(r#"{"id": 5, "name": "five"}"#),
    );
    assert_eq!((headers_only.status, headers_only.body.as_str()), (201, ""));
    assert_eq!(headers_only.header("location"), Some("/emu_items?id=eq.5"));

    // missing=default with ?columns=: absent keys take the column default, not NULL.
    let defaults = f.request(
        "POST",
        "/rest/v1/emu_items?columns=id,name,note,owner",
        f.service(),
        &[("Prefer", "missing=default,return=representation")],
        Some(&format!(r#"[{{"id": 6, "name": "six", "owner": "{ALICE}"}}]"#)),
    );
    assert_eq!(defaults.status, 201, "{}", defaults.body);
    assert_eq!(defaults.json()[0]["note"], "n/a");
    assert_eq!(defaults.header("preference-applied"), Some("return=representation, missing=default"));

    let mismatched = f.request(
        "POST",
        "/rest/v1/emu_items",
        As::Bearer(&alice),
        &[],
        Some(r#"[{"id": 7, "name": "a"}, {"id": 8}]"#),
    );
    assert_eq!(
        (mismatched.status, mismatched.json()),
        (400, json!({"code": "PGRST102", "details": null, "hint": null, "message": "All object keys must match"}))
    );
    let unknown =
        f.request("POST", "/rest/v1/emu_items", As::Bearer(&alice), &[], Some(r#"{"id": 7, "colour": "red"}"#));
    assert_eq!(
        (unknown.status, unknown.json()["code"].as_str(), unknown.json()["message"].as_str()),
        (400, Some("PGRST204"), Some("Could not find the 'colour' column of 'emu_items' in the schema cache"))
    );
    let not_json = f.request("POST", "/rest/v1/emu_items", As::Bearer(&alice), &[], Some("{nope"));
    assert_eq!((not_json.status, not_json.json()["code"].as_str()), (400, Some("PGRST102")));
    assert_eq!(f.pg.psql("SELECT string_agg(id::text, ',' ORDER BY id) FROM public.emu_items").unwrap(), "1,2,3,4,5,6");
}

#[test]
fn upsert_merges_or_ignores_duplicates() {
    let f = fixture();
    f.seed(&format!("(1, '{ALICE}', 'one', 1, false, 't1')"));
    let merge = f.request(
        "POST",
        "/rest/v1/emu_items",
        f.service(),
        &[("Prefer", "resolution=merge-duplicates,return=representation")],
        Some(&format!(
            r#"[{{"id": 1, "name": "uno", "owner": "{ALICE}"}}, {{"id": 2, "name": "dos", "owner": "{ALICE}"}}]"#
        )),
    );
    assert_eq!(merge.status, 201, "one row was inserted: {}", merge.body);
    assert_eq!(merge.header("preference-applied"), Some("resolution=merge-duplicates, return=representation"));
    assert_eq!(
        f.pg.psql("SELECT string_agg(id || ':' || name || ':' || coalesce(qty::text, '-'), ',' ORDER BY id) FROM public.emu_items")
            .unwrap(),
        "1:uno:1,2:dos:-",
        "the conflicting row is updated with the sent keys only"
    );
    let only_updates = f.request(
        "POST",
        "/rest/v1/emu_items",
        f.service(),
        &[("Prefer", "resolution=merge-duplicates")],
        Some(&format!(r#"{{"id": 2, "name": "two", "owner": "{ALICE}"}}"#)),
    );
    assert_eq!((only_updates.status, only_updates.body.as_str()), (200, ""), "nothing inserted: 200");

    let ignore = f.request(
        "POST",
        "/rest/v1/emu_items",
        f.service(),
        &[("Prefer", "resolution=ignore-duplicates,return=representation")],
        Some(&format!(
            r#"[{{"id": 1, "name": "ignored", "owner": "{ALICE}"}}, {{"id": 3, "name": "tres", "owner": "{ALICE}"}}]"#
        )),
    );
    assert_eq!(ignore.status, 201);
    assert_eq!(ignore.ids(), vec![3], "the duplicate is skipped");
    assert_eq!(f.pg.psql("SELECT name FROM public.emu_items WHERE id = 1").unwrap(), "uno");

    let on_tag = f.request(
        "POST",
        "/rest/v1/emu_items?on_conflict=tag",
        f.service(),
        &[("Prefer", "resolution=merge-duplicates")],
        Some(&format!(r#"{{"id": 1, "tag": "t1", "name": "by tag", "owner": "{ALICE}"}}"#)),
    );
    assert_eq!(on_tag.status, 200, "{}", on_tag.body);
    assert_eq!(f.pg.psql("SELECT name FROM public.emu_items WHERE tag = 't1'").unwrap(), "by tag");
    // Without a resolution, a duplicate is a conflict.
    let plain = f.request(
        "POST",
        "/rest/v1/emu_items",
        f.service(),
        &[],
        Some(&format!(r#"{{"id": 1, "name": "x", "owner": "{ALICE}"}}"#)),
    );
    assert_eq!(plain.status, 409);
}

#[test]
fn patch_and_delete_use_the_filters() {
    let f = fixture();
    f.seed(&format!(
        "(1, '{ALICE}', 'one', 1, false, NULL), (2, '{ALICE}', 'two', 6, false, NULL),
         (3, '{ALICE}', 'three', 7, false, NULL), (4, '{BOB}', 'four', 9, false, NULL)"
    ));
    let alice = token(&f.sign_in("alice@emu.test", "alice-pw"));
    let patched = f.request("PATCH", "/rest/v1/emu_items?qty=gt.5", As::Bearer(&alice), &[], Some(r#"{"done": true}"#));
    assert_eq!((patched.status, patched.body.as_str()), (204, ""));
    assert_eq!(patched.header("content-range"), Some("0-1/*"), "Bob's row is not Alice's to update");
    assert_eq!(
        f.pg.psql("SELECT string_agg(id || ':' || name || ':' || done, ',' ORDER BY id) FROM public.emu_items")
            .unwrap(),
        "1:one:false,2:two:true,3:three:true,4:four:false",
        "only the sent key changes, only on matching rows"
    );
    let repr = f.request(
        "PATCH",
        "/rest/v1/emu_items?id=eq.1&select=id,qty",
        As::Bearer(&alice),
        &[("Prefer", "return=representation")],
        Some(r#"{"qty": 100}"#),
    );
    assert_eq!((repr.status, repr.json()), (200, json!([{"id": 1, "qty": 100}])));
    let none = f.request("PATCH", "/rest/v1/emu_items?id=eq.4", As::Bearer(&alice), &[], Some(r#"{"qty": 0}"#));
    assert_eq!((none.status, none.header("content-range")), (204, Some("*/*")));
    assert_eq!(f.pg.psql("SELECT qty FROM public.emu_items WHERE id = 4").unwrap(), "9");

    let deleted = f.request("DELETE", "/rest/v1/emu_items?id=in.(1,4)", As::Bearer(&alice), &[], None);
    assert_eq!((deleted.status, deleted.body.as_str(), deleted.header("content-range")), (204, "", Some("*/*")));
    let gone = f.request(
        "DELETE",
        "/rest/v1/emu_items?id=eq.2",
        As::Bearer(&alice),
        &[("Prefer", "return=representation,count=exact")],
        None,
    );
    assert_eq!((gone.status, gone.ids(), gone.header("content-range")), (200, vec![2], Some("*/1")));
    assert_eq!(f.pg.psql("SELECT string_agg(id::text, ',' ORDER BY id) FROM public.emu_items").unwrap(), "3,4");

    // Supabase's pg-safeupdate: no filter, no UPDATE or DELETE.
    let all = f.request("DELETE", "/rest/v1/emu_items", f.service(), &[], None);
    assert_eq!(
        (all.status, all.json()),
        (400, json!({"code": "21000", "details": null, "hint": null, "message": "DELETE requires a WHERE clause"}))
    );
    let all = f.request("PATCH", "/rest/v1/emu_items", f.service(), &[], Some(r#"{"qty": 1}"#));
    assert_eq!((all.status, all.json()["message"].as_str()), (400, Some("UPDATE requires a WHERE clause")));
    assert_eq!(f.pg.psql("SELECT count(*) FROM public.emu_items").unwrap(), "2");
}

#[test]
fn constraint_errors_map_to_postgrest_statuses() {
    let f = fixture();
    f.seed(&format!("(1, '{ALICE}', 'one', 1, false, 'dup')"));
    let post = |body: &str| f.request("POST", "/rest/v1/emu_items", f.service(), &[], Some(body));
    let owner = format!(r#""owner": "{ALICE}""#);

    let unique = post(&format!(r#"{{"id": 2, "name": "x", "tag": "dup", {owner}}}"#));
    assert_eq!(unique.status, 409);
    assert_eq!(
        unique.json(),
        json!({"code": "23505", "details": "Key (tag)=(dup) already exists.", "hint": null,
               "message": "duplicate key value violates unique constraint \"emu_items_tag_key\""})
    );
    let not_null = post(&format!(r#"{{"id": 3, {owner}}}"#));
    assert_eq!((not_null.status, not_null.json()["code"].as_str()), (400, Some("23502")));
    let check = post(&format!(r#"{{"id": 4, "name": "x", "qty": -1, {owner}}}"#));
    assert_eq!((check.status, check.json()["code"].as_str()), (400, Some("23514")));
    let bad_type = post(&format!(r#"{{"id": 5, "name": "x", "qty": "lots", {owner}}}"#));
    assert_eq!((bad_type.status, bad_type.json()["code"].as_str()), (400, Some("22P02")));
    let fk = f.request("POST", "/rest/v1/emu_parts", f.service(), &[], Some(r#"{"item_id": 99}"#));
    assert_eq!((fk.status, fk.json()["code"].as_str()), (409, Some("23503")));
    let raised = f.request("POST", "/rest/v1/rpc/emu_fail", f.service(), &[], Some(r#"{"message": "no way"}"#));
    assert_eq!(
        (raised.status, raised.json()),
        (400, json!({"code": "P0001", "details": null, "hint": null, "message": "no way"}))
    );
    // One transaction per request: a failing row rolls back the whole bulk insert.
    let bulk = post(&format!(
        r#"[{{"id": 6, "name": "ok", "tag": "new", {owner}}}, {{"id": 7, "name": "bad", "tag": "dup", {owner}}}]"#
    ));
    assert_eq!(bulk.status, 409);
    assert_eq!(f.pg.psql("SELECT count(*) FROM public.emu_items").unwrap(), "1");
}

#[test]
fn an_rls_violation_on_insert_is_403_for_users_and_401_for_anon() {
    let f = fixture();
    let alice = token(&f.sign_in("alice@emu.test", "alice-pw"));
    let message = "new row violates row-level security policy for table \"emu_items\"";
    let as_bob = format!(r#"{{"id": 1, "name": "x", "owner": "{BOB}"}}"#);
    let forbidden = f.request("POST", "/rest/v1/emu_items", As::Bearer(&alice), &[], Some(&as_bob));
    assert_eq!(forbidden.status, 403);
    assert_eq!(forbidden.json(), json!({"code": "42501", "details": null, "hint": null, "message": message}));
    assert_eq!(forbidden.header("www-authenticate"), None);
    for who in [As::Nobody, As::Bearer(f.emulator.anon_key())] {
        let anon = f.request("POST", "/rest/v1/emu_items", who, &[], Some(&as_bob));
        assert_eq!(anon.status, 401);
        assert_eq!(anon.json()["code"], "42501");
        assert_eq!(anon.header("www-authenticate"), Some("Bearer"));
    }
    // With return=representation the row must also pass the SELECT policy, as in PostgreSQL.
    let ok = f.request(
        "POST",
        "/rest/v1/emu_items",
        As::Bearer(&alice),
        &[("Prefer", "return=representation")],
        Some(r#"{"id": 2, "name": "mine"}"#),
    );
    assert_eq!(ok.status, 201);
    assert_eq!(f.pg.psql("SELECT count(*) FROM public.emu_items").unwrap(), "1");
}

#[test]
fn rpc_calls_functions_with_named_arguments() {
    let f = fixture();
    f.seed(&format!("(1, '{ALICE}', 'one', 1, false, NULL), (2, '{BOB}', 'two', 2, false, NULL)"));
    let call = |name: &str, who, body: &str| f.request("POST", &format!("/rest/v1/rpc/{name}"), who, &[], Some(body));
    let sum = call("emu_add", As::Nobody, r#"{"a": 1, "b": 2}"#);
    assert_eq!((sum.status, sum.body.as_str(), sum.header("content-range")), (200, "3", Some("0-0/*")));
    assert_eq!(call("emu_add", As::Nobody, r#"{"a": 1}"#).body, "11", "b takes its default");
    let echoed = call("emu_echo", As::Nobody, r#"{"label": "x", "payload": {"k": [1, 2]}}"#);
    assert_eq!(echoed.json(), json!({"label": "x", "payload": {"k": [1, 2]}}), "jsonb comes back as the body");
    let alice = token(&f.sign_in("alice@emu.test", "alice-pw"));
    let mine = call("emu_my_items", As::Bearer(&alice), "{}");
    assert_eq!((mine.status, mine.ids()), (200, vec![1]), "a set of rows is an array, under RLS");
    let touched = call("emu_touch", f.service(), r#"{"item": 2}"#);
    assert_eq!((touched.status, touched.body.as_str()), (204, ""), "void is 204");
    assert_eq!(f.pg.psql("SELECT done FROM public.emu_items WHERE id = 2").unwrap(), "t", "a volatile call commits");

    let unknown = call("emu_nope", As::Nobody, r#"{"a": 1}"#);
    assert_eq!(unknown.status, 404);
    assert_eq!(
        unknown.json(),
        json!({"code": "PGRST202",
               "details": "Searched for the function public.emu_nope with parameter a or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.",
               "hint": null, "message": "Could not find the function public.emu_nope(a) in the schema cache"})
    );
    let wrong_args = call("emu_add", As::Nobody, r#"{"x": 1}"#);
    assert_eq!((wrong_args.status, wrong_args.json()["code"].as_str()), (404, Some("PGRST202")));
    let missing_required = call("emu_add", As::Nobody, r#"{"b": 1}"#);
    assert_eq!(missing_required.status, 404, "a has no default");

    // EXECUTE is PostgreSQL's to check, with the request's role.
    let anon = call("emu_members_only", As::Nobody, "{}");
    assert_eq!((anon.status, anon.json()["code"].as_str()), (401, Some("42501")));
    assert_eq!(anon.json()["message"], "permission denied for function emu_members_only");
    assert_eq!(call("emu_members_only", As::Bearer(&alice), "{}").body, "\"secret\"");
}

#[test]
fn get_returns_at_most_1000_rows() {
    let f = fixture();
    f.pg.psql(&format!(
        "INSERT INTO public.emu_items (id, owner, name) SELECT i, '{ALICE}', 'n' || i FROM generate_series(1, 1500) i"
    ))
    .unwrap();
    let all =
        f.request("GET", "/rest/v1/emu_items?select=id&order=id", f.service(), &[("Prefer", "count=exact")], None);
    assert_eq!(all.ids().len(), 1000);
    assert_eq!((all.status, all.header("content-range")), (206, Some("0-999/1500")));
    let asked = f.request("GET", "/rest/v1/emu_items?select=id&order=id&limit=2000&offset=100", f.service(), &[], None);
    let ids = asked.ids();
    assert_eq!((ids.len(), ids[0], asked.header("content-range")), (1000, 101, Some("100-1099/*")));
    let small = f.request("GET", "/rest/v1/emu_items?select=id&limit=5", f.service(), &[], None);
    assert_eq!(small.ids().len(), 5);
}

#[test]
fn only_public_tables_are_exposed() {
    let f = fixture();
    let unknown = f.request("GET", "/rest/v1/emu_nothing", f.service(), &[], None);
    assert_eq!(
        (unknown.status, unknown.json()),
        (
            404,
            json!({"code": "PGRST205", "details": null, "hint": null,
                     "message": "Could not find the table 'public.emu_nothing' in the schema cache"})
        )
    );
    let qualified = f.request("GET", "/rest/v1/auth.users", f.service(), &[], None);
    assert_eq!((qualified.status, qualified.json()["code"].as_str()), (404, Some("PGRST205")));
    let profile = f.request("GET", "/rest/v1/users", f.service(), &[("Accept-Profile", "auth")], None);
    assert_eq!(
        (profile.status, profile.json()),
        (
            406,
            json!({"code": "PGRST106", "details": null, "hint": "Only the following schemas are exposed: public",
                     "message": "Invalid schema: auth"})
        )
    );
    let write_profile = f.request("POST", "/rest/v1/users", f.service(), &[("Content-Profile", "auth")], Some("{}"));
    assert_eq!(write_profile.status, 406);
    let nested = f.request("GET", "/rest/v1/emu_items/1", f.service(), &[], None);
    assert_eq!((nested.status, nested.json()["code"].as_str()), (404, Some("PGRST125")));
}

/// `.single()` / `.maybeSingle()` in supabase-js: `Accept: application/vnd.pgrst.object+json`.
const OBJECT: (&str, &str) = ("Accept", "application/vnd.pgrst.object+json");

fn pgrst116(rows: usize) -> Value {
    json!({"code": "PGRST116", "details": format!("The result contains {rows} rows"), "hint": null,
           "message": "Cannot coerce the result to a single JSON object"})
}

#[test]
fn a_single_object_is_one_row_or_406() {
    let f = fixture();
    f.seed(&format!("(1, '{ALICE}', 'one', NULL, false, NULL), (2, '{ALICE}', 'two', 2, false, NULL)"));
    let get = |query: &str, accept: &str| {
        f.request("GET", &format!("/rest/v1/emu_items?{query}"), f.service(), &[("Accept", accept)], None)
    };
    let one = get("id=eq.1&select=id,name,qty", OBJECT.1);
    assert_eq!((one.status, one.json()), (200, json!({"id": 1, "name": "one", "qty": null})));
    assert_eq!(one.header("content-type"), Some("application/vnd.pgrst.object+json; charset=utf-8"));
    assert_eq!(one.header("content-range"), Some("0-0/*"));
    let none = get("id=eq.9", OBJECT.1);
    assert_eq!((none.status, none.json()), (406, pgrst116(0)));
    assert_eq!(none.header("content-type"), Some("application/json; charset=utf-8"), "errors are plain JSON");
    let two = get("order=id", OBJECT.1);
    assert_eq!((two.status, two.json()), (406, pgrst116(2)));
    // Without the +json suffix, with nulls stripped, or among other ranges by preference.
    assert_eq!(get("id=eq.1&select=id", "application/vnd.pgrst.object").json(), json!({"id": 1}));
    let stripped = get("id=eq.1&select=id,qty", "application/vnd.pgrst.object+json;nulls=stripped");
    assert_eq!(stripped.json(), json!({"id": 1}), "null fields left out");
    let array = get("order=id&select=id,qty", "application/vnd.pgrst.array+json;nulls=stripped");
    assert_eq!(array.json(), json!([{"id": 1}, {"id": 2, "qty": 2}]));
    let preferred = get("id=eq.2&select=id", "application/json;q=0.5, application/vnd.pgrst.object+json");
    assert_eq!(preferred.json(), json!({"id": 2}));
    assert_eq!(get("order=id&select=id", "*/*").json(), json!([{"id": 1}, {"id": 2}]));
    let html = get("order=id", "text/html");
    assert_eq!(
        (html.status, html.json()),
        (
            406,
            json!({"code": "PGRST107", "details": null, "hint": null,
                   "message": "None of these media types are available: text/html"})
        )
    );
    assert_eq!(get("order=id", "text/csv").json()["code"], "PGRST127", "CSV is left out");

    // A set-returning function, too; a scalar is one object already.
    let rpc = |accept: (&str, &str)| f.request("POST", "/rest/v1/rpc/emu_my_items", f.service(), &[accept], Some("{}"));
    let set = rpc(OBJECT);
    assert_eq!((set.status, set.json()), (406, pgrst116(2)));
    f.pg.psql("DELETE FROM public.emu_items WHERE id = 2").unwrap();
    assert_eq!(rpc(OBJECT).json()["name"], "one");
    let scalar = f.request("POST", "/rest/v1/rpc/emu_add", As::Nobody, &[OBJECT], Some(r#"{"a": 1}"#));
    assert_eq!((scalar.status, scalar.body.as_str()), (200, "11"));
}

#[test]
fn a_single_object_mutation_touching_other_than_one_row_is_rolled_back() {
    let f = fixture();
    let alice = token(&f.sign_in("alice@emu.test", "alice-pw"));
    let me = As::Bearer(&alice);
    let repr = ("Prefer", "return=representation");
    let names = || f.pg.psql("SELECT string_agg(id || ':' || name, ',' ORDER BY id) FROM public.emu_items").unwrap();

    // insert(...).select().single(): the row as an object.
    let created = f.request(
        "POST",
        "/rest/v1/emu_items?select=id,name",
        me,
        &[repr, OBJECT],
        Some(r#"{"id": 1, "name": "one"}"#),
    );
    assert_eq!((created.status, created.json()), (201, json!({"id": 1, "name": "one"})));
    assert_eq!(created.header("content-type"), Some("application/vnd.pgrst.object+json; charset=utf-8"));
    let two = f.request(
        "POST",
        "/rest/v1/emu_items",
        me,
        &[OBJECT],
        Some(r#"[{"id": 2, "name": "a"}, {"id": 3, "name": "b"}]"#),
    );
    assert_eq!((two.status, two.json()), (406, pgrst116(2)), "return=minimal is checked too");
    let fine = f.request(
        "POST",
        "/rest/v1/emu_items",
        me,
        &[],
        Some(r#"[{"id": 2, "name": "two"}, {"id": 3, "name": "three"}]"#),
    );
    assert_eq!(fine.status, 201);
    assert_eq!(names(), "1:one,2:two,3:three", "the refused insert left nothing");

    // update(...).eq(...).select(...).single(), as a check-in app scans a code: once, then again.
    let scan = |query: &str| {
        f.request(
            "PATCH",
            &format!("/rest/v1/emu_items?{query}&select=id,name"),
            me,
            &[repr, OBJECT],
            Some(r#"{"name": "used"}"#),
        )
    };
    let first = scan("id=eq.1&name=neq.used");
    assert_eq!((first.status, first.json()), (200, json!({"id": 1, "name": "used"})));
    let again = scan("id=eq.1&name=neq.used");
    assert_eq!((again.status, again.json()), (406, pgrst116(0)));
    let minimal = f.request("PATCH", "/rest/v1/emu_items?id=eq.2", me, &[OBJECT], Some(r#"{"name": "two"}"#));
    assert_eq!((minimal.status, minimal.body.as_str()), (204, ""), "one row, return=minimal");
    let both = scan("id=gt.1");
    assert_eq!((both.status, both.json()), (406, pgrst116(2)));
    assert_eq!(names(), "1:used,2:two,3:three", "two rows matched: the update was rolled back");

    let deleted = f.request("DELETE", "/rest/v1/emu_items?id=gt.1", me, &[OBJECT], None);
    assert_eq!((deleted.status, deleted.json()), (406, pgrst116(2)));
    assert_eq!(names(), "1:used,2:two,3:three", "nothing deleted");
    let one = f.request("DELETE", "/rest/v1/emu_items?id=eq.3&select=id", me, &[repr, OBJECT], None);
    assert_eq!((one.status, one.json()), (200, json!({"id": 3})));
}

#[test]
fn a_bulk_insert_takes_the_quoted_columns_supabase_js_sends() {
    let f = fixture();
    let alice = token(&f.sign_in("alice@emu.test", "alice-pw"));
    // supabase-js's insert([...]) names the union of the rows' keys, quoted, in ?columns=. The
    // objects' keys may then differ: a key a row lacks is NULL, a key not listed is ignored.
    let inserted = f.request(
        "POST",
        "/rest/v1/emu_items?columns=%22id%22%2C%22name%22%2C%22qty%22&select=id,name,qty,note",
        As::Bearer(&alice),
        &[("Prefer", "return=representation")],
        Some(r#"[{"id": 1, "name": "one", "qty": 1}, {"id": 2, "name": "two", "note": "not a listed column"}]"#),
    );
    assert_eq!(inserted.status, 201, "{}", inserted.body);
    assert_eq!(
        inserted.json(),
        json!([{"id": 1, "name": "one", "qty": 1, "note": "n/a"}, {"id": 2, "name": "two", "qty": null, "note": "n/a"}]),
        "rows come back in the order sent"
    );
    let unknown =
        f.request("POST", "/rest/v1/emu_items?columns=%22id%22,%22colour%22", As::Bearer(&alice), &[], Some("[]"));
    assert_eq!((unknown.status, unknown.json()["code"].as_str()), (400, Some("PGRST204")));
    let unquoted = f.request(
        "POST",
        "/rest/v1/emu_items?columns=%22id%22,name",
        As::Bearer(&alice),
        &[],
        Some(r#"[{"id": 3, "name": "x"}]"#),
    );
    assert_eq!(unquoted.status, 201, "plain and quoted names mix");
    let bad = f.request("POST", "/rest/v1/emu_items?columns=%22id", As::Bearer(&alice), &[], Some("[]"));
    assert_eq!((bad.status, bad.json()["code"].as_str()), (400, Some("PGRST100")));
    let scalar = f.request("POST", "/rest/v1/emu_items?columns=id", As::Bearer(&alice), &[], Some("1"));
    assert_eq!((scalar.status, scalar.json()["code"].as_str()), (400, Some("PGRST102")));
}

#[test]
fn containment_filters_work_on_json_and_arrays() {
    let f = fixture();
    f.pg.psql(
        r#"INSERT INTO public.emu_tagged VALUES
             (1, '{a,b}', '{"parking": true, "wifi": true}'), (2, '{b,c}', '{"parking": false}'), (3, NULL, '{}')"#,
    )
    .unwrap();
    let ids = |query: &str| {
        let r = f.request("GET", &format!("/rest/v1/emu_tagged?order=id&{query}"), As::Nobody, &[], None);
        assert_eq!(r.status, 200, "{query}: {}", r.body);
        r.ids()
    };
    // The seed's venue finder: .filter('amenities', 'cs', '{"parking": true}').
    assert_eq!(ids("attrs=cs.%7B%22parking%22%3A%20true%7D"), vec![1]);
    assert_eq!(ids("attrs=cd.%7B%22parking%22%3Afalse%2C%22x%22%3A1%7D"), vec![2, 3]);
    assert_eq!(ids("tags=cs.%7Bb%7D"), vec![1, 2]);
    assert_eq!(ids("tags=cd.%7Ba,b,z%7D"), vec![1]);
    assert_eq!(ids("tags=not.cs.%7Bc%7D"), vec![1], "NULL is neither");
    let bad = f.request("GET", "/rest/v1/emu_tagged?attrs=cs.nope", As::Nobody, &[], None);
    assert_eq!((bad.status, bad.json()["code"].as_str()), (400, Some("22P02")));
}
