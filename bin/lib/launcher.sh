# Shared by bin/chat and bin/chat-server: builds a module's jar on first use.
# Maven's output is kept off stdout (which may carry envelope data or be read by scripts) and is
# shown on stderr only if the build fails.

# ensure_jar ROOT MODULE JAR NAME: builds MODULE (and what it needs) unless JAR exists.
ensure_jar() {
  local root="$1" module="$2" jar="$3" name="$4" log
  [[ -f "$jar" ]] && return 0
  echo "$name: building $module (first run)..." >&2
  log="$(mktemp)"
  if ! (cd "$root" && mvn -B -q -Dstyle.color=never -DskipTests package -pl "$module" -am) >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "$name: build failed; see the Maven output above" >&2
    exit 1
  fi
  rm -f "$log"
}
