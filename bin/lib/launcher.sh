# Shared by bin/chat, bin/chat-server and bin/loadgen: builds a module's jar on first use, and
# finds the options the JDK on PATH needs (jdk_options).
# Maven's output is kept off stdout (which may carry envelope data or be read by scripts) and is
# shown on stderr only if the build fails.

# standard_streams: a stdin or stdout the caller closed (`bin/chat send ops <&-`, `>&-`) is opened
# on /dev/null. Left closed, the first file the JVM opens would take its number: the client read the
# JDK's own lib/modules as a message typed on stdin, and a file opened for writing would take what
# is printed. Redirecting to another number (3) fails exactly when the stream is closed; bash takes
# `<&0` and `>&1` as no-ops. A closed stderr is left: bash has put the script itself there, read-only.
standard_streams() {
  true 2>/dev/null 3<&0 || exec 0</dev/null
  true 2>/dev/null 3>&1 || exec 1>/dev/null
}

# ensure_jar ROOT MODULE JAR NAME: builds MODULE (and what it needs) unless JAR exists.
# Builds of one tree are serialised: the modules share chat-protocol and e2e-crypto, and two Maven
# runs compiling them into the same target/ at once break each other (a relay started a second
# after a client on a fresh clone failed with "package chat.protocol does not exist"). A launcher
# that finds another one building waits for it, then uses what it built.
ensure_jar() {
  local root="$1" module="$2" jar="$3" name="$4" log lock
  lock="$root/target/build.lock"
  [[ -f "$jar" && ! -d "$lock" ]] && return 0
  build_lock "$lock" "$name"
  if [[ -f "$jar" ]]; then
    build_unlock
    return 0
  fi
  echo "$name: building $module (first run)..." >&2
  log="$(mktemp)"
  if ! (cd "$root" && mvn -B -q -Dstyle.color=never -DskipTests package -pl "$module" -am) >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    build_unlock
    echo "$name: build failed; see the Maven output above" >&2
    exit 1
  fi
  rm -f "$log"
  build_unlock
}

# build_lock DIR NAME: takes the tree's build lock, waiting while another launcher holds it. The lock
# is a directory (mkdir is atomic on every POSIX file system, so it needs no flock, which macOS
# lacks) holding the owner's pid; a lock whose owner is gone (killed mid-build), or that never got
# a pid within a minute, is taken over. Where no lock can be made (a read-only checkout) the build
# goes on without one. The lock is released on exit or interrupt as well as by build_unlock.
build_lock() {
  local dir="$1" name="$2" owner told=""
  mkdir -p "$(dirname "$dir")" 2>/dev/null || true
  [[ -w "$(dirname "$dir")" ]] || return 0
  while ! mkdir "$dir" 2>/dev/null; do
    owner="$(cat "$dir/pid" 2>/dev/null || true)"
    if { [[ "$owner" =~ ^[0-9]+$ ]] && ! kill -0 "$owner" 2>/dev/null; } ||
      { [[ -z "$owner" ]] && [[ -n "$(find "$dir" -maxdepth 0 -mmin +1 2>/dev/null)" ]]; }; then
      # The owner died without releasing it: take it over (one launcher wins the rename).
      mv "$dir" "$dir.stale.$$" 2>/dev/null && rm -rf "$dir.stale.$$"
      continue
    fi
    if [[ -z "$told" ]]; then
      echo "$name: waiting for the build another launcher started in this tree${owner:+ (pid $owner)}..." >&2
      told=1
    fi
    sleep 1
  done
  echo "$$" >"$dir/pid"
  build_lock_dir="$dir"
  trap 'build_unlock' EXIT
  trap 'build_unlock; exit 130' INT
  trap 'build_unlock; exit 143' TERM
}

# build_unlock: releases the build lock if this launcher holds it.
build_unlock() {
  if [[ -n "${build_lock_dir:-}" ]]; then
    rm -rf "$build_lock_dir"
    build_lock_dir=""
  fi
  trap - EXIT INT TERM
}

# jdk_options: prints, one per line, the options the JDK first on PATH needs so that the libraries'
# lawful use of native code and of sun.misc.Unsafe runs without a warning on every start: native
# access (SQLite and BoringSSL load native libraries) from Java 22, sun.misc.Unsafe memory access
# (protobuf, used by Tink) from Java 24. Older JDKs neither warn nor know these options. The version
# comes from the JDK's release file, so no JVM is started to ask; without one, nothing is printed.
jdk_options() {
  local java release major
  java="$(readlink -f "$(command -v java)")" || return 0
  release="$(dirname "$(dirname "$java")")/release"
  [[ -r "$release" ]] || return 0
  major="$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$release")"
  [[ "$major" =~ ^[0-9]+$ ]] || return 0
  if ((major >= 22)); then
    echo "--enable-native-access=ALL-UNNAMED"
  fi
  if ((major >= 24)); then
    echo "--sun-misc-unsafe-memory-access=allow"
  fi
}

# huge_pages_option [SETTING_FILE]: prints -XX:+UseTransparentHugePages where the kernel gives
# transparent huge pages on request (SETTING_FILE, by default /sys/kernel/mm/transparent_hugepage/
# enabled, says [madvise]). A relay's heap growing back under a burst then takes 2 MiB pages instead
# of faulting in 4 KiB ones one by one (docs/PERFORMANCE.md, "The heap between bursts"). With
# "always" the heap has them anyway, and with "never" the JVM would only print a warning.
huge_pages_option() {
  local setting="${1:-/sys/kernel/mm/transparent_hugepage/enabled}"
  if [[ -r "$setting" ]] && grep -q '\[madvise\]' "$setting"; then
    echo "-XX:+UseTransparentHugePages"
  fi
}

# utf8_locale: under the C or POSIX locale (or none: cron, containers, systemd units) the JVM reads
# arguments, file names and the environment as ASCII and turns every other byte into U+FFFD, so
# `chat send ops 'é'` would send two replacement characters. There, run the JVM under C.UTF-8
# instead: every byte of such text is then read as the UTF-8 it almost always is. Any other locale
# is left as it is.
utf8_locale() {
  local effective="${LC_ALL:-${LC_CTYPE:-${LANG:-}}}"
  if [[ -z "$effective" || "$effective" == "C" || "$effective" == "POSIX" ]]; then
    export LC_ALL=C.UTF-8
  fi
}
