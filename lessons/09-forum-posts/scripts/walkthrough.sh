#!/usr/bin/env bash
# Runs the walkthrough in walkthrough.txt against a real server, with curl:
# Ada registers and is turned away while pending, the admin approves her, she
# writes two posts, the admin replies, and she lists them page by page.
# It starts the server itself with `pnpm dev 9` from the repository root, on
# a temporary database, port 3459 and ADMIN_EMAIL=admin@example.com, runs
# every `$` line of the transcript, and prints each command and its real
# answer, then the server log. Last, it compares the answers with
# walkthrough.txt, with ids, cookies and times replaced by the transcript's
# placeholders, and fails when they differ.
#
#   pnpm walkthrough                                   # in lessons/09-forum-posts
#   bash lessons/09-forum-posts/scripts/walkthrough.sh  # from the repository root
#
# walkthrough.txt itself is written by a docs test against createApp()
# (docs/test/lesson-09-walkthrough.test.ts); `pnpm examples` in docs/
# rewrites it. PORT (default 3459) picks the port. Needs curl, xargs and
# setsid.
set -euo pipefail

lesson="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$(cd "$lesson/../.." && pwd)"
transcript="$lesson/walkthrough.txt"
port="${PORT:-3459}"
base="http://localhost:$port"
# The address the transcript's commands use: `pnpm dev 9` on its default port.
transcript_base='http://localhost:3000'
# The account the transcript registers as the admin.
admin_email='admin@example.com'

if [[ /dev/stdout -ef "$transcript" ]]; then
  echo "Do not redirect this script into walkthrough.txt: that file is written by the docs tests (cd docs && pnpm examples)." >&2
  exit 1
fi
mapfile -t lines <"$transcript"
if ((${#lines[@]} == 0)); then
  echo "$transcript is empty. Restore it with git, or write it again with: cd docs && pnpm examples" >&2
  exit 1
fi

work="$(mktemp -d)"
log="$work/server.log"
output="$work/walkthrough.txt"
server_pid=""

stop_server() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    # The server runs in a process group of its own (setsid): pnpm, the dev
    # runner, the watcher and the server itself. SIGINT reaches all of them,
    # as Ctrl+C in a terminal does.
    kill -INT -- "-$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  server_pid=""
}
trap 'stop_server; rm -rf "$work"' EXIT

start_server() {
  (cd "$root" && PORT="$port" ADMIN_EMAIL="$admin_email" DATABASE_PATH="$work/walkthrough.db" \
    exec setsid pnpm dev 9 </dev/null >>"$log" 2>&1) &
  server_pid=$!
  for _ in $(seq 1 150); do
    if curl -fs "$base/health" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "The server did not start on port $port. Its output:" >&2
  cat "$log" >&2
  exit 1
}

# Runs one `curl -i ...` line of the transcript, against $base, in the work
# folder where the cookie jars live. Prints the status line, the headers the
# transcript shows, and the body.
run_curl() {
  local args=${1#'$ curl -i '}
  if [[ "$args" == "$1" ]]; then
    echo "Not a curl -i command: $1" >&2
    exit 1
  fi
  args=${args//"$transcript_base"/"$base"}
  # xargs splits the line into words as a shell would, quotes included, but
  # runs nothing: no word of the transcript is ever evaluated.
  local words=()
  mapfile -d '' -t words < <(printf '%s' "$args" | xargs printf '%s\0')
  local headers="$work/headers" body="$work/body"
  rm -f "$headers" "$body"
  (cd "$work" && curl -s -D "$headers" -o "$body" "${words[@]}" </dev/null)
  grep -iE '^(HTTP/|location:|set-cookie:|cache-control:|content-type:)' "$headers" | tr -d '\r'
  if [[ -s "$body" ]]; then printf '\n%s\n' "$(cat "$body")"; fi
}

# Comment lines are copied; a comment after a blank line starts a new block.
# The recorded answers are skipped: each command prints its real one.
run_transcript() {
  local line previous='' first=1
  for line in "${lines[@]}"; do
    case "$line" in
      '#'*)
        if ((first == 0)) && [[ -z "$previous" ]]; then echo; fi
        echo "$line"
        ;;
      '$ curl '*)
        echo "${line//"$transcript_base"/"$base"}"
        run_curl "$line"
        ;;
      '$ '*)
        echo "walkthrough.txt has a command this script cannot run: $line" >&2
        exit 1
        ;;
    esac
    previous=$line
    first=0
  done
}

# The real answers with the transcript's placeholders in place of what
# changes from run to run (see docs/exercises/reference/placeholders.ts).
placeholders() {
  sed -E \
    -e "s#$base#$transcript_base#g" \
    -e 's/"requestId":"[0-9a-f-]{36}"/"requestId":"<request-id>"/g' \
    -e 's/"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z"/"<timestamp>"/g' \
    -e 's/^(Set-Cookie: forum\.sid=)s%3A[^;]*/\1<session-cookie>/' \
    -e '/^Set-Cookie:/{/Expires=Thu, 01 Jan 1970/!s/Expires=[^;]*/Expires=<now + 7 days>/}'
}

start_server
run_transcript >"$output"
stop_server
cat "$output"

printf '\n# The server log\n'
# Leave out pnpm's own lines: its banner, and the failure it reports when
# the dev runner is stopped by a signal.
grep -vE '^> |^$|ELIFECYCLE' "$log" || true
# Every password the transcript sends.
mapfile -t passwords < <(grep -oE '"password":"[^"]+"' "$transcript" | sed -E 's/^"password":"(.*)"$/\1/' | sort -u)
for password in "${passwords[@]}"; do
  if grep -qF "$password" "$log"; then
    echo "FAIL: the server log contains the password \"$password\"" >&2
    exit 1
  fi
done
printf '\n# No password the walkthrough sent appears in the server log.\n'

if diff -u --label walkthrough.txt --label 'this run' "$transcript" <(placeholders <"$output") >"$work/diff"; then
  printf '# The answers match walkthrough.txt, but for the values it shows as <…>.\n'
else
  printf '\nFAIL: the real server answered differently from walkthrough.txt:\n\n' >&2
  cat "$work/diff" >&2
  exit 1
fi
