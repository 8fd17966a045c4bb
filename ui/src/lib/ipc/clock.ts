/** Minutes east of UTC, as the commands that need the local day (dashboard, open demo) want them. */
export function localUtcOffsetMinutes(): number {
  return -new Date().getTimezoneOffset();
}
