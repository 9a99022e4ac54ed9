package chat.server;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.internal.audit.AuditEvent;
import chat.server.internal.audit.AuditType;
import chat.server.internal.storage.AtRestKeys;
import chat.server.internal.storage.AuditRepository;
import chat.server.internal.storage.Database;
import chat.server.internal.storage.WriteQueue;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chat-server audit}, {@code keys rotate} and {@code backup}: where they take their data
 * directory and config file from, and the relay's options they refuse.
 */
class MainSubcommandTest {
  @TempDir Path dir;
  private final RelayCli cli = new RelayCli();
  private final StringWriter out = cli.out;
  private final StringWriter err = cli.err;

  private int run(Map<String, String> env, String... args) {
    return cli.run(env, args);
  }

  private Path config(String text) throws Exception {
    return Files.writeString(dir.resolve("relay.conf"), text);
  }

  /**
   * A data directory whose audit log holds one event, the start of a relay named by {@code tag}.
   */
  private Path dataDirWithAudit(String tag) throws Exception {
    Path data = Files.createDirectories(dir.resolve(tag));
    AuditEvent start = new AuditEvent(1_000, AuditType.RELAY_START, "", "", "", "relay " + tag);
    try (Database database = Database.open(data);
        WriteQueue writes = new WriteQueue(database)) {
      writes
          .submit(
              c -> {
                new AuditRepository().insertAll(c, List.of(start));
                return null;
              })
          .join();
    }
    return data;
  }

  @Test
  void audit_takesDataDirAndConfig_beforeOrAfterItsName_itsOwnDataDirFirst() throws Exception {
    Path one = dataDirWithAudit("one");
    Path two = dataDirWithAudit("two");
    Path file = config("data-dir = " + two + "\n");

    assertThat(run(Map.of(), "--data-dir", one.toString(), "audit")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("relay one");
    out.getBuffer().setLength(0);

    assertThat(run(Map.of(), "audit", "--config", file.toString())).as(err.toString()).isZero();
    assertThat(out.toString()).contains("relay two");
    out.getBuffer().setLength(0);

    assertThat(run(Map.of(), "--config", file.toString(), "audit")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("relay two");
    out.getBuffer().setLength(0);

    assertThat(run(Map.of(), "--data-dir", two.toString(), "audit", "--data-dir", one.toString()))
        .isZero();
    assertThat(out.toString()).contains("relay one");
    out.getBuffer().setLength(0);

    assertThat(run(Map.of("CHAT_SERVER_DATA_DIR", two.toString()), "audit", "--limit", "1"))
        .isZero();
    assertThat(out.toString()).contains("relay two");
  }

  @Test
  void keysRotate_takesTheDataDirGivenBeforeItsName() throws Exception {
    Path data = Files.createDirectories(dir.resolve("keys"));
    AtRestKeys.loadOrCreate(data);

    assertThat(run(Map.of(), "--data-dir", data.toString(), "keys", "rotate"))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("rotated: 2 keys");
    // Recording it makes no database where there was none.
    assertThat(data.resolve("relay.db")).doesNotExist();
    assertThat(err.toString())
        .contains("the rotation could not be recorded in the audit log: no relay.db in ")
        .doesNotContain("Exception");
  }

  @Test
  void keysRotate_onARelaysDataDirectory_isRecordedInItsAuditLog() throws Exception {
    Path data = dataDirWithAudit("rotated");
    AtRestKeys.loadOrCreate(data);

    assertThat(run(Map.of(), "keys", "rotate", "--data-dir", data.toString()))
        .as(err.toString())
        .isZero();
    out.getBuffer().setLength(0);

    assertThat(run(Map.of(), "audit", "--data-dir", data.toString(), "--type", "admin")).isZero();
    assertThat(out.toString()).contains("ADMIN at-rest keyset rotated (2 keys) by OS user ");
  }

  @Test
  void backup_ofARelaysDataDirectory_copiesIt_andIsRecordedInItsAuditLog() throws Exception {
    Path data = dataDirWithAudit("copied");
    AtRestKeys.loadOrCreate(data);
    Path copy = dir.resolve("copy");

    assertThat(run(Map.of(), "--data-dir", data.toString(), "backup", copy.toString()))
        .as(err.toString())
        .isZero();

    assertThat(out.toString())
        .startsWith(
            "Backed up "
                + data
                + " to "
                + copy
                + ": 0 stored messages read back and opened, 1 envelope log segment, ")
        .endsWith(" MiB.\n");
    assertThat(err.toString()).isEmpty();
    out.getBuffer().setLength(0);
    assertThat(run(Map.of(), "audit", "--data-dir", copy.toString())).isZero();
    assertThat(out.toString()).as("the copy's audit log").contains("relay copied");
    out.getBuffer().setLength(0);
    assertThat(run(Map.of(), "audit", "--data-dir", data.toString(), "--type", "admin")).isZero();
    assertThat(out.toString()).contains("ADMIN backup taken (0 messages) by OS user ");
  }

  @Test
  void backup_intoAFolderThatHoldsFiles_isRefused_exit1() throws Exception {
    Path data = dataDirWithAudit("full");
    AtRestKeys.loadOrCreate(data);
    Path copy = Files.createDirectories(dir.resolve("copy"));
    Files.writeString(copy.resolve("notes.txt"), "mine");

    assertThat(run(Map.of(), "backup", "--data-dir", data.toString(), copy.toString()))
        .isEqualTo(1);

    assertThat(err.toString())
        .isEqualTo("chat-server backup: " + copy + " is not empty; give a new or empty folder\n");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void optionOfTheRelay_beforeASubcommandThatDoesNotUseIt_isRefusedNamingBoth() throws Exception {
    Path data = dataDirWithAudit("one");

    assertThat(run(Map.of(), "--port", "7000", "audit", "--data-dir", data.toString()))
        .isEqualTo(2);

    assertThat(err.toString())
        .isEqualTo(
            "chat-server: --port does not apply to 'chat-server audit'; before its name only"
                + " --data-dir and --config may stand\n"
                + "'chat-server audit --help' lists the options\n");
    assertThat(out.toString()).isEmpty();
  }

  /** users has subcommands but runs alone too: the check holds for it. */
  @Test
  void optionOfTheRelay_beforeUsersAlone_isRefused() throws Exception {
    Path data = dataDirWithAudit("users");

    assertThat(run(Map.of(), "--port", "7000", "users", "--data-dir", data.toString()))
        .isEqualTo(2);

    assertThat(err.toString())
        .startsWith("chat-server: --port does not apply to 'chat-server users'");
  }

  @Test
  void optionsOfTheRelay_beforeKeysRotate_areRefused_andNothingIsRotated() throws Exception {
    Path data = Files.createDirectories(dir.resolve("keys"));
    AtRestKeys.loadOrCreate(data);
    byte[] keyset = Files.readAllBytes(data.resolve(AtRestKeys.FILE_NAME));

    int code =
        run(
            Map.of(),
            "--bcrypt-cost",
            "4",
            "--data-dir",
            data.toString(),
            "--print-config",
            "keys",
            "rotate");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .startsWith(
            "chat-server: --bcrypt-cost, --print-config do not apply to 'chat-server keys rotate'");
    assertThat(out.toString()).isEmpty();
    assertThat(Files.readAllBytes(data.resolve(AtRestKeys.FILE_NAME))).isEqualTo(keyset);
  }

  @Test
  void optionOfTheRelay_beforeASubcommandAskedForHelp_showsTheHelp() {
    assertThat(run(Map.of(), "--port", "7000", "audit", "--help")).isZero();

    assertThat(out.toString()).startsWith("Usage: chat-server audit");
  }

  @Test
  void keysRotate_withoutAKeyset_saysSoInItsOwnName() throws Exception {
    Path data = Files.createDirectory(dir.resolve("never-started"));

    assertThat(run(Map.of(), "keys", "rotate", "--data-dir", data.toString())).isEqualTo(1);

    assertThat(err.toString())
        .isEqualTo(
            "chat-server keys rotate: no at-rest keyset in "
                + data
                + "; start the relay once first\n");
    assertThat(data).isEmptyDirectory();
  }

  /**
   * A data directory that is not one gets, from {@code audit} and {@code keys rotate}, the line
   * that names what is in the way, as at the relay's start, and exit code 1; nothing is created.
   */
  @Test
  void auditAndKeysRotate_dataDirThatIsNotOne_nameWhatIsInTheWay() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "x");
    Path loop = dir.resolve("loop");
    Files.createSymbolicLink(loop, dir.resolve("back"));
    Files.createSymbolicLink(dir.resolve("back"), loop);
    Path missing = dir.resolve("missing");
    Map<Path, String> cases =
        Map.of(
            file,
            file + " is a file, not a directory",
            file.resolve("sub"),
            file + " is a file, not a directory",
            loop,
            loop + " is a symbolic link that loops",
            missing,
            missing + " does not exist",
            missing.resolve("sub"),
            missing + " does not exist");
    for (Map.Entry<Path, String> bad : cases.entrySet()) {
      for (String[] command : List.of(new String[] {"audit"}, new String[] {"keys", "rotate"})) {
        String name = "chat-server " + String.join(" ", command);
        err.getBuffer().setLength(0);
        List<String> args = new java.util.ArrayList<>(List.of(command));
        args.addAll(List.of("--data-dir", bad.getKey().toString()));

        assertThat(run(Map.of(), args.toArray(String[]::new))).as(name).isEqualTo(1);

        assertThat(err.toString())
            .as(name)
            .isEqualTo(
                name
                    + ": cannot use the data directory "
                    + bad.getKey()
                    + ": "
                    + bad.getValue()
                    + "\n");
      }
    }
    assertThat(missing).doesNotExist();
    assertThat(Files.readString(file)).isEqualTo("x");
  }

  @Test
  void audit_withConfigBeforeAndAfterItsName_takesTheOneAfter() throws Exception {
    Path one = dataDirWithAudit("one");
    Path two = dataDirWithAudit("two");
    Path before = Files.writeString(dir.resolve("before.conf"), "data-dir = " + one + "\n");
    Path after = Files.writeString(dir.resolve("after.conf"), "data-dir = " + two + "\n");

    assertThat(run(Map.of(), "--config", before.toString(), "audit", "--config=" + after, "--json"))
        .as(err.toString())
        .isZero();

    assertThat(out.toString()).contains("relay two").doesNotContain("relay one");
  }
}
