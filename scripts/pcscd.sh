#!/bin/sh
# Start or stop pcscd (the PC/SC daemon) for the card-reader integration tests on machines without
# an init system. `start` leaves a running daemon alone; `stop` only stops the daemon `start` began.
#   scripts/pcscd.sh start | stop | status
# Needs: apt-get install pcscd vsmartcard-vpcd libpcsclite-dev pcsc-tools
set -eu

STATE_DIR="${TMPDIR:-/tmp}"
MARKER="$STATE_DIR/dosedesk-pcscd.pid"
LOG="$STATE_DIR/dosedesk-pcscd.log"
SOCKET="/run/pcscd/pcscd.comm"
PIDFILE="/run/pcscd/pcscd.pid"

running_pid() {
  if [ -f "$PIDFILE" ]; then
    pid=$(cat "$PIDFILE" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then echo "$pid"; return 0; fi
  fi
  return 1
}

# vpcd's port 35963 (hex 8C7B) listening, read from /proc: connecting to it would insert a "card".
vpcd_listening() {
  cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk '$2 ~ /:8C7B$/ && $4 == "0A" { found = 1 } END { exit !found }'
}

wait_for() { # seconds, command...
  limit=$(( $1 * 10 )); shift
  i=0
  while ! "$@"; do
    i=$((i + 1))
    [ "$i" -ge "$limit" ] && return 1
    sleep 0.1
  done
}

case "${1:-}" in
  start)
    if [ ! -x /usr/sbin/pcscd ]; then
      echo "pcscd is not installed: apt-get install pcscd vsmartcard-vpcd libpcsclite-dev pcsc-tools" >&2; exit 1
    fi
    if [ ! -f /etc/reader.conf.d/vpcd ]; then
      echo "vsmartcard-vpcd is not installed: apt-get install vsmartcard-vpcd" >&2; exit 1
    fi
    if pid=$(running_pid); then
      echo "pcscd already running (pid $pid); leaving it alone"
      exit 0
    fi
    /usr/sbin/pcscd --foreground >"$LOG" 2>&1 &
    echo $! >"$MARKER"
    if ! wait_for 10 vpcd_listening || [ ! -S "$SOCKET" ]; then
      echo "pcscd did not come up; log: $LOG" >&2
      cat "$LOG" >&2 || true
      exit 1
    fi
    echo "pcscd started (pid $(cat "$MARKER")), log: $LOG"
    ;;
  stop)
    if [ ! -f "$MARKER" ]; then
      echo "pcscd was not started by this script; leaving it alone"
      exit 0
    fi
    pid=$(cat "$MARKER")
    rm -f "$MARKER"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      wait_for 5 sh -c "! kill -0 $pid 2>/dev/null" || kill -KILL "$pid" 2>/dev/null || true
    fi
    echo "pcscd stopped"
    ;;
  status)
    if pid=$(running_pid); then echo "pcscd running (pid $pid)"; else echo "pcscd not running"; exit 1; fi
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2; exit 2
    ;;
esac
