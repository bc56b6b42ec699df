#!/usr/bin/env bash
# Walks through lesson 07 against a real server, the way a browser would use
# it: register, log in, who am I, restart the server, who am I, log out, who
# am I. It starts the server itself with `pnpm dev 7` from the repository
# root, on a temporary database, and prints every request and answer.
#
#   bash lessons/07-authentication/scripts/walkthrough.sh                    # print the transcript
#   bash lessons/07-authentication/scripts/walkthrough.sh > lessons/07-authentication/walkthrough.txt
#
# PORT (default 3457) picks the port. Needs curl and setsid.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
port="${PORT:-3457}"
base="http://localhost:$port"
work="$(mktemp -d)"
db="$work/forum.db"
jar="$work/cookies.txt"
log="$work/server.log"
server_pid=""

stop_server() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    # The server runs in a process group of its own (setsid): pnpm, the dev
    # runner, tsx watch and the server itself. SIGTERM reaches all of them.
    kill -TERM -- "-$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  server_pid=""
}
trap 'stop_server; rm -rf "$work"' EXIT

start_server() {
  (cd "$root" && PORT="$port" DATABASE_PATH="$db" exec setsid pnpm dev 7 >>"$log" 2>&1) &
  server_pid=$!
  for _ in $(seq 1 150); do
    if curl -fs "$base/health" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "The server did not start on port $port. Its output:" >&2
  cat "$log" >&2
  exit 1
}

# Quotes the arguments that need it, so a printed command can be pasted.
quoted() {
  local out=() arg
  for arg in "$@"; do
    if [[ $arg =~ [^A-Za-z0-9_./:=@%+-] ]]; then out+=("'$arg'"); else out+=("$arg"); fi
  done
  printf '%s' "${out[*]}"
}

# Prints the command, then the status line, the headers that matter here,
# and the body of the answer. Every request reads and writes the cookie jar,
# as a browser does.
step() {
  local title=$1
  shift
  printf '\n# %s\n$ curl -i -b %s -c %s %s\n' "$title" "$(basename "$jar")" "$(basename "$jar")" "$(quoted "$@")"
  local headers body
  headers="$(mktemp -p "$work")"
  body="$(curl -s -D "$headers" -c "$jar" -b "$jar" "$@")"
  grep -iE '^(HTTP/|location:|set-cookie:|content-type:)' "$headers" | tr -d '\r'
  if [[ -n "$body" ]]; then printf '\n%s\n' "$body"; fi
}

json=(-H 'Content-Type: application/json')
password='correct horse battery staple'

echo "# Lesson 07 walkthrough: PORT=$port DATABASE_PATH=<temporary file> pnpm dev 7"
echo "# Answers show the status line, Location, Set-Cookie and Content-Type; other headers are left out."
start_server
grep -E '^Lesson 07' "$log" | tail -1

step 'Register: 201 and the user, without the password or its hash' \
  "${json[@]}" -d "{\"username\":\"ada\",\"email\":\"ada@example.com\",\"password\":\"$password\"}" "$base/api/v1/auth/register"
step 'Who am I, before logging in: 401' "$base/api/v1/auth/me"
step 'Log in with a wrong password: 401' \
  "${json[@]}" -d '{"email":"ada@example.com","password":"not the password"}' "$base/api/v1/auth/login"
step 'Log in with an email nobody has: the same 401' \
  "${json[@]}" -d '{"email":"nobody@example.com","password":"not the password"}' "$base/api/v1/auth/login"
step 'Log in: 200, the user, and a session cookie (the jar keeps it)' \
  "${json[@]}" -d "{\"email\":\"ada@example.com\",\"password\":\"$password\"}" "$base/api/v1/auth/login"
step 'Who am I: the cookie goes back, 200' "$base/api/v1/auth/me"

printf '\n# Restart the server: stop it with SIGTERM, start it again on the same database\n'
stop_server
start_server
grep -E '^Lesson 07' "$log" | tail -1

step 'Who am I, after the restart: still logged in' "$base/api/v1/auth/me"
step 'A route behind requireAuth: the users list' "$base/api/v1/users"
cp "$jar" "$work/copy-of-cookies.txt"
step 'Log out: 204, and the cookie is cleared' -X POST "$base/api/v1/auth/logout"
step 'Who am I, after logging out: 401' "$base/api/v1/auth/me"
jar="$work/copy-of-cookies.txt"
step 'Replay a copy of the cookie from before the logout: still 401' "$base/api/v1/auth/me"

stop_server
printf '\n# The server log of both runs\n'
# Leave out pnpm's own lines: its banner, and the failure it reports when
# the dev runner is stopped by a signal.
grep -vE '^> |^$|ELIFECYCLE' "$log"
if grep -qF "$password" "$log"; then
  echo 'FAIL: the server log contains the password' >&2
  exit 1
fi
printf '\n# The password appears nowhere in the server log.\n'
