package chat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import chat.protocol.ProtocolVersions;
import chat.server.internal.tls.SelfSignedCertificate;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code chat-server} startup: the config file, its errors, {@code --print-config}, and the checks
 * made before anything is written. The subcommands are in {@link MainSubcommandTest}.
 */
class MainTest {
  @TempDir Path dir;
  private final RelayCli cli = new RelayCli();
  private final StringWriter out = cli.out;
  private final StringWriter err = cli.err;

  private int run(Map<String, String> env, String... args) {
    return cli.run(env, args);
  }

  private Path config(String text) throws Exception {
    Path file = dir.resolve("relay.conf");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void version_namesTheWireVersionsTheRelaySpeaks() {
    int code = run(Map.of(), "--version");

    assertThat(code).isZero();
    String versions =
        ProtocolVersions.SUPPORTED.stream().map(String::valueOf).collect(Collectors.joining(", "));
    assertThat(out.toString()).startsWith("chat-server ").contains("wire protocol " + versions);
  }

  @Test
  void version_ofASubcommand_isTheRelaysVersion() {
    for (String[] args :
        List.of(
            new String[] {"audit", "--version"},
            new String[] {"keys", "--version"},
            new String[] {"keys", "rotate", "--version"})) {
      out.getBuffer().setLength(0);

      assertThat(run(Map.of(), args)).isZero();
      assertThat(out.toString()).as(String.join(" ", args)).startsWith("chat-server 0.");
    }
  }

  @Test
  void printConfig_mixedSources_printsEveryKeyWithItsSourceAndExitsZero() throws Exception {
    Path file = config("# test\nport = 7000\nbcrypt-cost = 10\nsession-days = 3\n");

    int code =
        run(
            Map.of("CHAT_SERVER_BCRYPT_COST", "11"),
            "--config",
            file.toString(),
            "--session-days",
            "5",
            "--print-config");

    assertThat(code).as(err.toString()).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(1)).isEqualTo("# config file: " + file);
    assertThat(lines)
        .anyMatch(l -> l.matches("port = 7000 +# file " + Pattern.quote(file + ":2")))
        .anyMatch(l -> l.matches("bcrypt-cost = 11 +# env CHAT_SERVER_BCRYPT_COST"))
        .anyMatch(l -> l.matches("session-days = 5 +# flag"))
        .anyMatch(l -> l.matches("bind = 127\\.0\\.0\\.1 +# default"))
        .anyMatch(l -> l.matches("audit-days = 90 +# default"))
        .anyMatch(l -> l.matches("tls-cert = +# default \\(not set\\)"));
    assertThat(lines).noneMatch(l -> l.startsWith("config =") || l.startsWith("print-config"));
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void printConfig_output_isItselfAValidConfigFile() throws Exception {
    assertThat(run(Map.of(), "--port", "7001", "--print-config")).isZero();
    Path copy = config(out.toString());
    out.getBuffer().setLength(0);

    assertThat(run(Map.of(), "--config", copy.toString(), "--print-config")).isZero();

    assertThat(out.toString()).containsPattern("port = 7001 +# file ");
  }

  /**
   * A value a config file cannot hold (a {@code #} after a space, spaces at its end) is printed
   * commented out, saying so: read back, it was another data directory.
   */
  @Test
  void printConfig_aValueAConfigFileCannotHold_isCommentedOut_soTheOutputNeverMeansAnother()
      throws Exception {
    Path odd = dir.resolve("a #b");
    assertThat(
            run(
                Map.of(),
                "--data-dir",
                odd.toString(),
                "--log-file",
                dir + "/l ",
                "--print-config"))
        .as(err.toString())
        .isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines)
        .anyMatch(
            l ->
                l.matches(
                    "# data-dir = "
                        + Pattern.quote(odd.toString())
                        + " +# flag; a config file cannot hold this value \\(a ' #' starts a"
                        + " comment, spaces at its ends are dropped\\): give it as a flag"))
        .anyMatch(l -> l.startsWith("# log-file = " + dir + "/l  "));
    Path copy = config(out.toString());
    out.getBuffer().setLength(0);

    assertThat(run(Map.of(), "--config", copy.toString(), "--print-config")).isZero();

    assertThat(out.toString())
        .containsPattern("data-dir = \\./data +# default")
        .containsPattern("log-file = +# default");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "--bind|not an address|bind address must be an address of this machine",
        "--bind|999.1.1.1|got '999.1.1.1'",
        "--bind|192.0.2.1|bind address must be an address of this machine",
        "--requests-per-second|0|requests per second must be 1 to 1000000",
        "--request-burst|-1|request burst must be 1 to 1000000",
        "--messages-per-second|0|messages per second must be 1 to 1000000",
        "--message-burst|1000001|message burst must be 1 to 1000000",
        "--session-days|0|session days must be 1 to 3650",
        "--idle-timeout-seconds|-1|idle timeout seconds must be 1 to 86400",
        "--worker-threads|2000000000|worker threads must be 2 to 1024",
        "--worker-threads|1025|worker threads must be 2 to 1024",
        "--max-frame-bytes|67108864|raise --max-pending-bytes to 134217728 or more",
        "--worker-threads|1|worker threads must be 2 to 1024 (one is kept free of password hashing",
        "--session-days|2147483647|session days must be 1 to 3650",
        "--idle-timeout-seconds|86401|idle timeout seconds must be 1 to 86400",
        "--requests-per-second|1000001|requests per second must be 1 to 1000000",
        "--request-burst|2147483647|request burst must be 1 to 1000000",
        "--max-pending-bytes|9223372036854775807|max pending bytes must be at most 1073741824",
        "--max-connections-per-address|1000001|max connections per address must be 0 (no limit)",
        "--presence-max-room-members|1000001|presence max room members must be 0 (every room)",
        "--max-friends|0|max friends must be 1 to 100000",
        "--max-friends|100001|max friends must be 1 to 100000",
        "--file-quota-bytes|1125899906842625|file quota bytes must be 1 to 1125899906842624",
        "--file-storage-bytes|9223372036854775807|file storage bytes must be 1 to",
        "--worker-threads|99999999999|'99999999999' is out of range",
        "--max-file-bytes|100MiB|invalid value for option '--max-file-bytes': '100MiB' is not a"
            + " whole number of bytes (100 MiB is 104857600)",
        "--file-quota-bytes|1GB|invalid value for option '--file-quota-bytes': '1GB' is not a"
            + " whole number of bytes",
        "--max-pending-bytes|9223372036854775808|'9223372036854775808' is too large a number of"
            + " bytes"
      })
  void printConfig_unusableValue_namesItAndExits2(String option, String value, String said) {
    assertThat(run(Map.of(), option, value, "--print-config")).isEqualTo(2);

    assertThat(err.toString()).contains(said).doesNotContain("null");
  }

  @Test
  void logFile_thatCannotBeWritten_isRefusedNamingIt() throws Exception {
    assertThat(run(Map.of(), "--log-file", dir.toString(), "--print-config")).isEqualTo(2);
    assertThat(err.toString()).contains("log file " + dir + " is a directory");

    Path throughAFile = Files.writeString(dir.resolve("a-file"), "x").resolve("relay.log");
    assertThat(run(Map.of(), "--log-file", throughAFile.toString(), "--print-config")).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "log file "
                + throughAFile
                + " cannot be written: "
                + dir.resolve("a-file").toAbsolutePath()
                + " is a file, not a directory");

    assertThat(run(Map.of(), "--log-file", dir.resolve("relay.log").toString(), "--print-config"))
        .isZero();
    Path missingFolders = dir.resolve("logs").resolve("chat").resolve("relay.log");
    assertThat(run(Map.of(), "--log-file", missingFolders.toString(), "--print-config"))
        .as("Logback creates missing folders")
        .isZero();
  }

  @Test
  void bindAddress_ofAnotherMachine_stopsTheStartBeforeTheDataDirectoryIsMade() {
    Path data = dir.resolve("data");

    assertThat(run(Map.of(), "--bind", "192.0.2.1", "--port", "0", "--data-dir", data.toString()))
        .isEqualTo(2);

    assertThat(err.toString())
        .startsWith("chat-server: bind address must be an address of this machine")
        .contains("got '192.0.2.1'");
    assertThat(data).doesNotExist();
  }

  /** What was typed is quoted, but never an escape that would drive the terminal. */
  @Test
  void bindAddress_withAnEscape_isQuotedWithoutIt() {
    assertThat(
            run(
                Map.of(),
                "--bind",
                "x\u001b[31m\u202e",
                "--port",
                "0",
                "--data-dir",
                dir.toString()))
        .isEqualTo(2);

    assertThat(err.toString()).contains("got 'x?[31m?'").doesNotContain("\u001b");
  }

  @Test
  void logFile_whoseFolderCannotBeMade_stopsTheStartNamingIt() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
    Path data = dir.resolve("data");

    // As root every permission check passes, but /proc takes no new folder.
    int code =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60),
            () ->
                run(
                    Map.of("CHAT_SERVER_LOG_FILE", "/proc/nope/relay.log"),
                    "--port",
                    "0",
                    "--data-dir",
                    data.toString()));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "chat-server: log file /proc/nope/relay.log cannot be written: /proc/nope cannot be"
                + " made: its folder takes no new files (from env CHAT_SERVER_LOG_FILE)\n");
    assertThat(data).doesNotExist();
  }

  @Test
  void port_inUse_stopsTheStartWithOneLineBeforeAnythingIsWritten() throws Exception {
    Path data = dir.resolve("data");
    Path log = dir.resolve("logs").resolve("relay.log");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String port = Integer.toString(taken.getLocalPort());

      int code =
          assertTimeoutPreemptively(
              Duration.ofSeconds(60),
              () ->
                  run(
                      Map.of(),
                      "--port",
                      port,
                      "--data-dir",
                      data.toString(),
                      "--log-file",
                      log.toString()));

      assertThat(code).isEqualTo(1);
      assertThat(err.toString())
          .isEqualTo(
              "chat-server: cannot start: cannot listen on 127.0.0.1:"
                  + port
                  + ": Address already in use; another program, perhaps another relay, listens"
                  + " there: choose another --port or stop it\n");
    }
    assertThat(data).doesNotExist();
    assertThat(dir.resolve("logs")).doesNotExist();
  }

  @Test
  void environment_unknownChatServerVariable_isNamedInAWarning_andTheRunGoesOn() {
    Map<String, String> env =
        Map.of(
            "CHAT_SERVER_PROT", "7000",
            "CHAT_SERVER_SOMETHING_ELSE", "x",
            "CHAT_SERVER_JAVA_OPTS", "-Xmx1g",
            "CHAT_SERVER_LOG_LEVEL", "info",
            "CHAT_SERVER_BCRYPT_COST", "10",
            "CHAT_SERVERLESS", "x");

    assertThat(run(env, "--print-config")).isZero();

    assertThat(err.toString())
        .isEqualTo(
            "chat-server: warning: environment variable CHAT_SERVER_PROT is not a chat-server"
                + " setting; ignored (did you mean CHAT_SERVER_PORT?)\n"
                + "chat-server: warning: environment variable CHAT_SERVER_SOMETHING_ELSE is not a"
                + " chat-server setting; ignored\n");
    assertThat(out.toString()).containsPattern("(?m)^port = 7443 +# default$");
  }

  @Test
  void printConfig_valueOutOfRange_exits2() {
    assertThat(run(Map.of(), "--bcrypt-cost", "99", "--print-config")).isEqualTo(2);

    assertThat(err.toString()).contains("bcrypt cost must be 4 to 31");
  }

  @Test
  void writeCoalescing_defaultAndOutOfRange() {
    assertThat(run(Map.of(), "--print-config")).isZero();
    assertThat(out.toString()).containsPattern("(?m)^write-coalescing-ms = 40 +# default$");

    out.getBuffer().setLength(0);
    assertThat(run(Map.of(), "--write-coalescing-ms", "0", "--print-config")).isZero();
    assertThat(out.toString()).containsPattern("(?m)^write-coalescing-ms = 0 +# flag$");

    assertThat(run(Map.of(), "--write-coalescing-ms", "1001", "--print-config")).isEqualTo(2);
    assertThat(run(Map.of(), "--write-coalescing-ms", "-1", "--print-config")).isEqualTo(2);
    assertThat(err.toString()).contains("write coalescing must be 0 (write at once) to 1000 ms");
  }

  @Test
  void ioThreads_defaultIsOnePerProcessor_flagEnvironmentAndOutOfRange() {
    assertThat(run(Map.of(), "--print-config")).isZero();
    assertThat(out.toString()).containsPattern("(?m)^io-threads = 0 +# default$");
    RelayConfig defaults = RelayConfig.defaults("127.0.0.1", 0, Path.of("data"));
    assertThat(defaults.ioThreads()).isEqualTo(RelayConfig.ONE_IO_THREAD_PER_PROCESSOR);
    assertThat(defaults.ioThreadCount()).isEqualTo(Runtime.getRuntime().availableProcessors());

    out.getBuffer().setLength(0);
    assertThat(run(Map.of(), "--io-threads", "3", "--print-config")).isZero();
    assertThat(out.toString()).containsPattern("(?m)^io-threads = 3 +# flag$");

    out.getBuffer().setLength(0);
    assertThat(run(Map.of("CHAT_SERVER_IO_THREADS", "1"), "--print-config")).isZero();
    assertThat(out.toString())
        .containsPattern("(?m)^io-threads = 1 +# env CHAT_SERVER_IO_THREADS$");

    assertThat(run(Map.of(), "--io-threads", "-1", "--print-config")).isEqualTo(2);
    assertThat(run(Map.of(), "--io-threads", "1025", "--print-config")).isEqualTo(2);
    assertThat(err.toString()).contains("I/O threads must be 0 (one per processor) to 1024");
  }

  @Test
  void configFile_unknownKey_exits2WithFileAndLine() throws Exception {
    Path file = config("bind = 0.0.0.0\nprot = 7443\n");

    assertThat(run(Map.of(), "--config", file.toString(), "--print-config")).isEqualTo(2);

    assertThat(err.toString())
        .isEqualTo("chat-server: " + file + ":2: unknown key 'prot' (did you mean 'port'?)\n");
    assertThat(out.toString()).isEmpty();
  }

  /** Whatever the second file holds, or if it is missing: the repeat is what is said. */
  @Test
  void configFile_givenTwice_isRefusedLikeAnyRepeatedOption() throws Exception {
    Path good = config("port = 7001\n");
    Path unknownKey = Files.writeString(dir.resolve("other.conf"), "prot = 7002\n");
    Path missing = dir.resolve("nope.conf");
    String refused =
        "chat-server: option '--config' (FILE) should be specified only once\n"
            + "'chat-server --help' lists the options\n";
    for (Path second : List.of(good, unknownKey, missing)) {
      err.getBuffer().setLength(0);

      assertThat(run(Map.of(), "--config", good.toString(), "--config", second.toString()))
          .as(second.toString())
          .isEqualTo(2);
      assertThat(err.toString()).as(second.toString()).isEqualTo(refused);
    }
    err.getBuffer().setLength(0);

    assertThat(
            run(
                Map.of(),
                "keys",
                "rotate",
                "--config=" + good,
                "--config=" + missing,
                "--data-dir",
                dir.toString()))
        .isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "chat-server: option '--config' (FILE) should be specified only once\n"
                + "'chat-server keys rotate --help' lists the options\n");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void configFile_thatCannotBeRead_namesItOnceWithTheReason() {
    assertThat(run(Map.of(), "--config", dir.toString(), "--print-config")).isEqualTo(2);

    assertThat(err.toString())
        .isEqualTo("chat-server: cannot read config file " + dir + ": Is a directory\n");
  }

  @Test
  void configFile_fromEnvironment_missing_exits2() {
    Path missing = dir.resolve("nope.conf");

    assertThat(run(Map.of("CHAT_SERVER_CONFIG", missing.toString()), "--print-config"))
        .isEqualTo(2);

    assertThat(err.toString())
        .contains("config file " + missing + " does not exist (from env CHAT_SERVER_CONFIG)");
  }

  @Test
  void configFile_fromEnvironment_blank_meansNone() {
    assertThat(run(Map.of("CHAT_SERVER_CONFIG", " "), "--print-config")).isZero();

    assertThat(err.toString()).isEmpty();
    assertThat(out.toString()).contains("# config file: none");
  }

  @Test
  void configFile_badValue_exits2NamingTheOption() throws Exception {
    Path file = config("port = seven\n");

    assertThat(run(Map.of(), "--config", file.toString(), "--print-config")).isEqualTo(2);

    assertThat(err.toString())
        .isEqualTo(
            "chat-server: invalid value for option '--port': 'seven' is not a whole number (from file "
                + file
                + ":1)\n'chat-server --help' lists the options\n");
  }

  @Test
  void outOfRangeValue_namesWhereItCameFrom_unlessTyped() throws Exception {
    Path file = config("port = 70000\n");
    assertThat(run(Map.of(), "--config", file.toString(), "--print-config")).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("chat-server: port must be 0 to 65535 (from file " + file + ":1)\n");
    err.getBuffer().setLength(0);

    assertThat(run(Map.of("CHAT_SERVER_BCRYPT_COST", "99"), "--print-config")).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("chat-server: bcrypt cost must be 4 to 31 (from env CHAT_SERVER_BCRYPT_COST)\n");
    err.getBuffer().setLength(0);

    assertThat(run(Map.of(), "--bcrypt-cost", "99", "--print-config")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("chat-server: bcrypt cost must be 4 to 31\n");
  }

  @Test
  void aWordThatIsNoCommand_orACommandWithoutItsOwn_isSaidInWords() {
    assertThat(run(Map.of(), "users", "extra")).isEqualTo(2);
    assertThat(err.toString())
        .startsWith(
            "chat-server: 'extra' is not a command of 'chat-server users': it takes show,"
                + " set-limit, suspend, unsuspend\n");
    err.getBuffer().setLength(0);

    assertThat(run(Map.of(), "user")).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("chat-server: 'user' is not a command of 'chat-server': it takes keys,")
        .contains(" (did you mean chat-server users?)\n")
        .hasLineCount(2); // and where the help is
    err.getBuffer().setLength(0);

    assertThat(run(Map.of(), "users", "alice")).isEqualTo(2);
    assertThat(err.toString()).doesNotContain("did you mean");
    err.getBuffer().setLength(0);

    assertThat(run(Map.of(), "keys", "--data-dir", "/tmp/x", "rotate")).isEqualTo(2);
    assertThat(err.toString())
        .startsWith(
            "chat-server: 'chat-server keys' takes one of its commands (rotate) before options"
                + " such as --data-dir\n");
    err.getBuffer().setLength(0);

    assertThat(run(Map.of(), "users", "--zzz")).isEqualTo(2);
    assertThat(err.toString()).startsWith("chat-server: unknown option: '--zzz'\n");
    err.getBuffer().setLength(0);

    assertThat(run(Map.of(), "users", "suspend", "alice", "bob")).isEqualTo(2);
    assertThat(err.toString())
        .startsWith(
            "chat-server: 'bob' is one word too many for 'chat-server users suspend' (it takes"
                + " USER)\n");
    err.getBuffer().setLength(0);

    assertThat(run(Map.of(), "keys")).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("chat-server: 'chat-server keys' takes one of its commands: rotate\n");
    err.getBuffer().setLength(0);

    // not "--data-dir does not apply": keys rotate takes it
    assertThat(run(Map.of(), "--data-dir", dir.toString(), "keys")).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("chat-server: 'chat-server keys' takes one of its commands: rotate\n");
  }

  @Test
  void badValueOrOption_withAnEscapeSequence_isQuotedNotObeyed() {
    assertThat(run(Map.of(), "--port", "\u001b[31mred", "--print-config")).isEqualTo(2);
    assertThat(err.toString())
        .startsWith(
            "chat-server: invalid value for option '--port': '?[31mred' is not a whole number")
        .doesNotContain("\u001b");
    err.getBuffer().setLength(0);

    assertThat(run(Map.of(), "--po\u001b[2Jrt")).isEqualTo(2);
    assertThat(err.toString()).contains("'--po?[2Jrt'").doesNotContain("\u001b");
  }

  /**
   * A bad value of a setting a subcommand does not use, in the environment or the config file, does
   * not stop that subcommand; one it uses still does, and the relay itself uses them all.
   */
  @Test
  void badSettingInTheEnvironment_thatASubcommandDoesNotUse_doesNotStopIt() {
    Map<String, String> env = Map.of("CHAT_SERVER_PORT", "abc");

    int audit = run(env, "audit", "--data-dir", dir.resolve("none").toString());
    assertThat(err.toString()).doesNotContain("--port");
    assertThat(audit).isNotEqualTo(2);
    err.getBuffer().setLength(0);

    assertThat(run(env, "--print-config")).isEqualTo(2);
    assertThat(err.toString())
        .contains("'--port': 'abc' is not a whole number (from env CHAT_SERVER_PORT)");
    err.getBuffer().setLength(0);

    Map<String, String> frame = Map.of("CHAT_SERVER_MAX_FRAME_BYTES", "big");
    assertThat(run(frame, "users", "--data-dir", dir.resolve("none").toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains("'--max-frame-bytes': 'big' is not a whole number of bytes");
  }

  @Test
  void badValue_fromTheEnvironmentOrAFlag_isOneLineNamingItsSource() {
    assertThat(run(Map.of("CHAT_SERVER_PORT", "x"), "--print-config")).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("chat-server: invalid value for option '--port': 'x' is not a whole number")
        .contains("(from env CHAT_SERVER_PORT)")
        .doesNotContain("Usage");
    err.getBuffer().setLength(0);

    assertThat(run(Map.of("CHAT_SERVER_PORT", "x"), "--port", "y", "--print-config")).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("chat-server: invalid value for option '--port': 'y' is not a whole number\n");
  }

  /** Only a directory's refusal says how to name the current directory: a file's cannot be it. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "--data-dir|the path is empty (for the current directory, give '.')",
        "--config|the path is empty",
        "--log-file|the path is empty",
        "--tls-cert|the path is empty",
        "--tls-key|the path is empty"
      })
  void emptyPath_isRefused_ratherThanTakenAsTheCurrentDirectory(String option, String said) {
    assertThat(run(Map.of(), option, "", "--print-config")).isEqualTo(2);

    assertThat(err.toString())
        .isEqualTo(
            "chat-server: invalid value for option '"
                + option
                + "': "
                + said
                + "\n'chat-server --help' lists the options\n");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void emptyPath_ofASubcommand_isRefused() {
    assertThat(run(Map.of(), "audit", "--data-dir=")).isEqualTo(2);
    assertThat(err.toString())
        .startsWith(
            "chat-server: invalid value for option '--data-dir': the path is empty (for the"
                + " current directory, give '.')\n");
    err.getBuffer().setLength(0);

    assertThat(run(Map.of(), "keys", "rotate", "--config", "")).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("chat-server: invalid value for option '--config': the path is empty\n");
  }

  @Test
  void logLevel_notALevel_isRefusedNamingIt() {
    assertThat(run(Map.of("CHAT_SERVER_LOG_LEVEL", "warning"), "--print-config")).isEqualTo(2);

    assertThat(err.toString())
        .isEqualTo(
            "chat-server: CHAT_SERVER_LOG_LEVEL is 'warning', not a log level: use ERROR, WARN,"
                + " INFO, DEBUG or TRACE (empty for INFO)\n");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void logLevel_inAnyCase_isSet_andEmptyMeansInfo() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    try {
      assertThat(run(Map.of("CHAT_SERVER_LOG_LEVEL", " warn "), "--print-config")).isZero();
      assertThat(root.getLevel()).isEqualTo(Level.WARN);

      assertThat(run(Map.of("CHAT_SERVER_LOG_LEVEL", ""), "--print-config")).isZero();
      assertThat(root.getLevel()).isEqualTo(Level.INFO);
    } finally {
      root.setLevel(Level.INFO);
    }
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void tlsKey_ofAnotherCertificate_stopsTheStartBeforeTheDataDirectoryIsMade() throws Exception {
    Path data = dir.resolve("data");
    SecureRandom random = new SecureRandom();
    Path cert =
        Files.writeString(
            dir.resolve("relay.crt"),
            SelfSignedCertificate.generate("relay", random).certificatePem());
    Path otherKey =
        Files.writeString(
            dir.resolve("other.key"),
            SelfSignedCertificate.generate("other", random).privateKeyPem());

    int code =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60),
            () ->
                run(
                    Map.of(),
                    "--tls-cert",
                    cert.toString(),
                    "--tls-key",
                    otherKey.toString(),
                    "--port",
                    "0",
                    "--data-dir",
                    data.toString()));

    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "chat-server: cannot start: --tls-key "
                + otherKey
                + " is not the key of the certificate in --tls-cert "
                + cert
                + "; give the key that was made with it\n");
    assertThat(data).doesNotExist();
  }

  @Test
  void help_namesEachValueAsReadmeDoes() {
    assertThat(run(Map.of(), "--help")).isZero();

    assertThat(out.toString())
        .contains("--bind=ADDR", "--port=N", "--data-dir=DIR", "--tls-cert=FILE")
        .contains("--write-coalescing-ms=N")
        .doesNotContain("<");
  }

  /** With 2 worker threads (worker threads - 1) / 2 is 0, yet one bcrypt runs at a time. */
  @Test
  void help_bcryptThreads_saysTheDefaultAsTheRelayWorksItOut() {
    assertThat(run(Map.of(), "--help")).isZero();

    assertThat(out.toString().replaceAll("\\s+", " "))
        .contains("0 = one per processor, at most (worker threads - 1) / 2 and at least 1");
    RelayConfig two =
        RelayConfig.builder("127.0.0.1", 0, dir).workerThreads(2).bcryptThreads(0).build();
    assertThat(two.bcryptThreadCount()).isEqualTo(1);
  }

  @Test
  void help_tlsKey_namesEveryKeyFormItReads() {
    assertThat(run(Map.of(), "--help")).isZero();

    // OperatorCertificate and Netty read the older RSA and EC forms as well as PKCS#8.
    assertThat(out.toString().replaceAll("\\s+", " "))
        .contains(
            "--tls-key=FILE PEM private key for --tls-cert: PKCS#8, or the older RSA or EC form.");
  }

  @Test
  void mistypedOption_namesTheLikelyOne() {
    assertThat(run(Map.of(), "--prot", "7000", "--print-config")).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "chat-server: unknown option '--prot' (did you mean --port?)\n"
                + "'chat-server --help' lists the options\n");
    err.getBuffer().setLength(0);

    assertThat(run(Map.of(), "audit", "--limt=3")).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "chat-server: unknown option '--limt' (did you mean --limit?)\n"
                + "'chat-server audit --help' lists the options\n");
    err.getBuffer().setLength(0);

    assertThat(run(Map.of(), "--nothing-like-it", "--print-config")).isEqualTo(2);
    assertThat(err.toString()).startsWith("chat-server: unknown option: '--nothing-like-it'");
  }
}
