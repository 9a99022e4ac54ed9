# Shared by bin/chat, bin/chat-server and bin/loadgen: builds a module's jar on first use, and
# finds the options the JDK on PATH needs (jdk_options).
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
