// TEST INFRASTRUCTURE. The web app's organizer editing an event, with the real
// @supabase/supabase-js: signs in as the organizer and changes the event's name and description
// (seed 003's "update event" form). tests/server/tests/webapp.rs runs it while a desktop laptop
// is offline with its own edit of the same event, to see the two converge.
//
//   SUPABASE_URL=… SUPABASE_ANON_KEY=… WEBAPP_EVENT_ID=… WEBAPP_EVENT_NAME=… WEBAPP_EVENT_DESCRIPTION=… node edit_event.mjs
//
// Prints one JSON line on stdout: the event's row as the server answered the update.

import assert from 'node:assert/strict';
import { createClient } from '@supabase/supabase-js';

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`edit_event.mjs: ${name} is not set`);
    process.exit(2);
  }
  return value;
};

const client = createClient(env('SUPABASE_URL'), env('SUPABASE_ANON_KEY'), {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
});
const signIn = await client.auth.signInWithPassword({
  email: 'organizer@demo.eventos.test',
  password: process.env.WEBAPP_PASSWORD ?? 'eventos-demo',
});
assert.equal(signIn.error, null, `sign-in: ${signIn.error?.message}`);

const { data, error } = await client
  .from('events')
  .update({ name: env('WEBAPP_EVENT_NAME'), description: env('WEBAPP_EVENT_DESCRIPTION') })
  .eq('id', env('WEBAPP_EVENT_ID'))
  .select('id, name, description, capacity, updated_at')
  .single();
assert.equal(error, null, `update: ${error?.message}`);
assert.equal(data.name, process.env.WEBAPP_EVENT_NAME);
console.log(JSON.stringify(data));
