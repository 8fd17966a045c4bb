; NSIS installer hooks (tauri.conf.json > bundle > windows > nsis > installerHooks).
; The door exchange (crates/lan) listens on TCP for the event's other doors: without a rule,
; Windows asks about its firewall the first time a door opens, at the worst moment. The rule
; names the installed program, not a port (the port falls back to a free one when taken).

!macro NSIS_HOOK_POSTINSTALL
  nsExec::Exec 'netsh advfirewall firewall add rule name="EventOS door exchange" dir=in action=allow program="$INSTDIR\eventos.exe" enable=yes profile=private,domain'
!macroend

!macro NSIS_HOOK_POSTUNINSTALL
  nsExec::Exec 'netsh advfirewall firewall delete rule name="EventOS door exchange"'
!macroend
