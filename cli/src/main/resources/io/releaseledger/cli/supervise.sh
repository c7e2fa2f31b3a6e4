# release-ledger's supervisor of a deploy command (docs/cli.md, "The deploy command's process group").
# Started with setsid, it leads a process group of its own, in which the command runs: the terminal's
# Ctrl-C and a kill of release-ledger's group reach neither. Its standard input is a pipe from
# release-ledger that is never written: it reaches its end when release-ledger closes it (Ctrl-C, a lost
# lease) or dies, even by SIGKILL. Then the group gets SIGTERM, and SIGKILL $1 seconds later (timed by a
# sleep of its own, not by counting polls) if any of it is left. When the command exits by itself, what it
# left running in the group gets SIGTERM, and the supervisor exits with the command's status.
# Arguments: GRACE_SECONDS COMMAND [ARGUMENT...]
grace=$1
shift
exec 3<&0 </dev/null
"$@" 3<&- &
body=$!
(
  while read -r _ <&3; do :; done
  trap '' TERM
  kill -TERM 0 2>/dev/null
  sleep "$grace" &
  timer=$!
  while kill -0 "$timer" 2>/dev/null && kill -0 "$body" 2>/dev/null; do
    sleep 0.1
  done
  kill -KILL 0 2>/dev/null
) >/dev/null 2>&1 &
watcher=$!
exec 3<&-
# Set after the command and the watcher started, which keep the default: this shell outlives the group's SIGTERM
# to collect the command's status (and reap it).
trap '' TERM
wait "$body"
status=$?
kill "$watcher" 2>/dev/null
kill -TERM 0 2>/dev/null
exit "$status"
