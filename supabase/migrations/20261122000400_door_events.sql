-- The events the caller works the door of (an active 'registration' or 'volunteer' team row):
-- what a door laptop replicates when its user belongs to no account. Door staff cannot read
-- event_teams themselves, and reading events would also list every published public event.
CREATE FUNCTION public.door_events() RETURNS uuid[]
LANGUAGE sql STABLE SECURITY INVOKER SET search_path = '' AS $$
  SELECT private.door_event_ids()
$$;

REVOKE EXECUTE ON FUNCTION public.door_events() FROM PUBLIC, anon;
GRANT EXECUTE ON FUNCTION public.door_events() TO authenticated;
