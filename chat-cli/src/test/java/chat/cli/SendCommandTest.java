package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.ConnectionState;
import chat.cli.client.FakeChatClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendCommandTest {
  private final FakeChatClient client = new FakeChatClient();

  @TempDir Path files;

  private Cli cli() {
    client.storedSessions.add("alice");
    return Cli.withPassphrase().client(client);
  }

  @Test
  void send_passphraseTyped_echoOffFromBeforeConnectingUntilAfterThePrompt() {
    client.storedSessions.add("alice");
    Cli cli = new Cli().client(client).typed(Cli.PASSPHRASE);

    Cli.Result result = cli.run("send", "--user", "alice", "lobby", "hi");

    assertThat(result.exitCode()).isZero();
    assertThat(cli.echo).containsExactly("echo off", "prompt", "echo back");
    assertThat(client.reachabilityChecks).hasValue(1);
  }

  /** Without a terminal to ask on, the variable to set is said before the relay is reached. */
  @Test
  void send_passwordNeeded_nowhereToAsk_saysWhatToSet_withoutConnecting() {
    Cli cli = new Cli().client(client).env("CHAT_PASSPHRASE", Cli.PASSPHRASE).nowhereToAsk();

    Cli.Result result = cli.run("send", "--user", "alice", "lobby", "hi");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("cannot ask for the password here").contains("CHAT_PASSWORD");
    assertThat(cli.echo).doesNotContain("echo off");
    assertThat(client.reachabilityChecks).hasValue(0);
    assertThat(client.calls).noneMatch(call -> call.startsWith("login"));
  }

  @Test
  void send_relayDownBeforeThePrompt_echoComesBack() {
    client.storedSessions.add("alice");
    client.unreachable = true;
    Cli cli = new Cli().client(client).typed(Cli.PASSPHRASE);

    Cli.Result result = cli.run("send", "--user", "alice", "lobby", "hi");

    assertThat(result.exitCode()).isNotZero();
    assertThat(cli.echo).containsExactly("echo off", "echo back");
  }

  /** A name that is no room is refused with the rule and the name as typed, hidden parts shown. */
  @Test
  void send_toANameThatIsNoRoom_saysTheRule_withTheNameAsTyped() {
    for (String typed : new String[] {"Bad Name!", "\u001b[31mred"}) {
      Cli.Result result = cli().run("send", "--user", "alice", typed, "hi");

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.err())
          .isEqualTo(
              "chat: room names are 1-64 characters of a-z 0-9 _ - (got '"
                  + TerminalSafe.typed(typed)
                  + "')\n");
    }
    assertThat(client.calls).noneMatch(call -> call.startsWith("send"));
  }

  /**
   * A conversation that cannot be, by its spelling, is refused before the passphrase is asked (or a
   * given one tried): it is not said as a wrong passphrase, nor after typing one.
   */
  @Test
  void aMistypedConversation_isRefusedBeforeThePassphraseIsAsked() throws Exception {
    Path file = Files.writeString(files.resolve("notes.txt"), "hi");
    List<List<String>> commands =
        List.of(
            List.of("send", "Bad Name!", "hi"),
            List.of("send", "@bad name", "hi"),
            List.of("pm", "bad name", "hi"),
            List.of("history", "Bad!"),
            List.of("members", "x y"),
            List.of("join", "A B"),
            List.of("leave", "a b"),
            List.of("delete", "--last", "1", "a b"),
            List.of("file", "send", file.toString(), "--to", "x y"),
            List.of("file", "send", file.toString(), "--to", "@x y"));
    for (List<String> command : commands) {
      client.storedSessions.add("alice");
      Cli cli = new Cli().client(client).typed(Cli.PASSPHRASE);
      List<String> args = new java.util.ArrayList<>(command);
      args.addAll(List.of("--user", "alice"));

      Cli.Result result = cli.run(args.toArray(String[]::new));

      assertThat(result.exitCode()).as(command.toString()).isEqualTo(1);
      assertThat(result.err()).as(command.toString()).containsPattern("(room names|usernames) are");
      assertThat(cli.echo).as(command.toString()).doesNotContain("prompt");
    }
    assertThat(client.calls).isEmpty();
    assertThat(client.reachabilityChecks).hasValue(0);
  }

  @Test
  void send_secretsGiven_echoLeftAlone() {
    Cli cli = cli();

    Cli.Result result = cli.run("send", "--user", "alice", "lobby", "hi");

    assertThat(result.exitCode()).isZero();
    assertThat(cli.echo).isEmpty();
  }

  @Test
  void send_noSessionNoPasswordAndNoTerminal_namesThePasswordsVariable() {
    Cli.Result result =
        Cli.withPassphrase().client(client).run("send", "--user", "alice", "lobby", "hi");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err())
        .contains("cannot ask for the password here", "set CHAT_PASSWORD or use --password-file")
        .doesNotContain("CHAT_PASSPHRASE");
  }

  /** A secret's file saved by Notepad: the byte order mark and the CRLF are not the secret. */
  @Test
  void send_secretFilesWithAByteOrderMarkAndCrlf_giveTheSecretWithoutThem(@TempDir Path dir)
      throws Exception {
    Path password = dir.resolve("password.txt");
    Path passphrase = dir.resolve("passphrase.txt");
    Files.write(password, "\uFEFFpass word 1\r\n".getBytes(StandardCharsets.UTF_8));
    Files.write(passphrase, "\uFEFFkey phrase 1\r\n".getBytes(StandardCharsets.UTF_8));

    Cli.Result result = sendWithSecretFiles(password, passphrase);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(client.secrets).containsExactly("pass word 1", "key phrase 1");
  }

  /**
   * {@code chat send lobby hi} as alice, her secrets from {@code password} and {@code passphrase},
   * with {@code before} ahead of the command's name.
   */
  private Cli.Result sendWithSecretFiles(Path password, Path passphrase, String... before) {
    List<String> args = new java.util.ArrayList<>(List.of(before));
    args.addAll(
        List.of(
            "send",
            "--user",
            "alice",
            "--password-file",
            password.toString(),
            "--passphrase-file",
            passphrase.toString(),
            "lobby",
            "hi"));
    return new Cli().client(client).run(args.toArray(String[]::new));
  }

  /** As ssh of a private key: a secret's file others can read is said, once, and still used. */
  @Test
  void send_secretFileOthersCanRead_isWarnedOf_andOneOnlyItsOwnerCanReadIsNot(@TempDir Path dir)
      throws Exception {
    Assumptions.assumeTrue(PrivateFiles.isPosix(dir));
    Path password = Files.writeString(dir.resolve("password.txt"), "pass word 1\n");
    Path passphrase = Files.writeString(dir.resolve("passphrase.txt"), "key phrase 1\n");
    Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(passphrase, PosixFilePermissions.fromString("rw-------"));

    Cli.Result result =
        sendWithSecretFiles(password, passphrase, "--password-file", password.toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.err())
        .isEqualTo(
            "chat: warning: "
                + password
                + " holds a secret, but other users than its owner have access to it (mode 0644):"
                + " make it yours alone with chmod 600\n");
    assertThat(client.secrets).containsExactly("pass word 1", "key phrase 1");
  }

  /** A secret's file is read only as far as its first line could go: /dev/zero is refused. */
  @Test
  void send_passwordFileWithNoLineEnd_isRefusedWithoutReadingItWhole(@TempDir Path dir)
      throws Exception {
    Path huge = dir.resolve("huge");
    try (var out = Files.newOutputStream(huge)) {
      byte[] block = new byte[1 << 20];
      java.util.Arrays.fill(block, (byte) 'a');
      for (int i = 0; i < 64; i++) {
        out.write(block);
      }
    }
    for (String file : List.of(huge.toString(), "/dev/zero")) {
      if (!Files.exists(Path.of(file))) {
        continue;
      }
      Cli.Result result =
          Cli.withPassphrase()
              .client(client)
              .run("send", "--user", "alice", "--password-file", file, "lobby", "hi");

      assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
      assertThat(result.err())
          .contains(file + " does not start with a line of at most 1024 characters");
    }
    assertThat(client.calls).noneMatch(call -> call.startsWith("send"));
  }

  @Test
  void send_noPassphraseAndNoTerminal_namesTheVariableAndTheOption() {
    client.storedSessions.add("alice");
    Cli.Result result = new Cli().client(client).run("send", "--user", "alice", "lobby", "hi");

    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(result.err())
        .contains(
            "cannot ask for the key passphrase here",
            "set CHAT_PASSPHRASE or use --passphrase-file");
    assertThat(client.calls).noneMatch(call -> call.startsWith("send"));
  }

  @Test
  void send_emptyOrBlankStdin_isRefusedSayingWhich() {
    Cli.Result empty = cli().stdin("").run("send", "--user", "alice", "lobby");
    Cli.Result blank = cli().stdin("   \n").run("send", "--user", "alice", "lobby");

    assertThat(empty.err()).isEqualTo("chat: no message: stdin was empty\n");
    assertThat(blank.err()).isEqualTo("chat: no message: stdin held only spaces and line ends\n");
    assertThat(blank.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(client.calls).noneMatch(call -> call.startsWith("send"));
  }

  /** Enter alone at the passphrase prompt: said at once, and nothing is tried with it. */
  @Test
  void send_nothingTypedAtThePassphrasePrompt_saysSo_exit2() {
    client.storedSessions.add("alice");
    Cli.Result result =
        new Cli().client(client).typed("").run("send", "--user", "alice", "lobby", "hi");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("chat: no key passphrase entered\n");
    assertThat(client.calls)
        .noneMatch(call -> call.startsWith("resume") || call.startsWith("send"));
  }

  /** CHAT_PASSPHRASE= (set, but to nothing) is read as unset, and the error says it is empty. */
  @Test
  void send_anEmptyPassphraseVariable_andNoTerminal_saysTheVariableIsEmpty() {
    client.storedSessions.add("alice");
    Cli.Result result =
        new Cli()
            .client(client)
            .env("CHAT_PASSPHRASE", "")
            .run("send", "--user", "alice", "lobby", "hi");

    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(result.err())
        .contains("set CHAT_PASSPHRASE (it is set, but empty) or use --passphrase-file");
  }

  @Test
  void send_emptyOrBlankText_isRefused_nothingSent() {
    Cli.Result empty = cli().run("send", "--user", "alice", "lobby", "");
    assertThat(empty.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(empty.err()).isEqualTo("chat: no message: the text is empty\n");
    // spaces are worded as any other text that shows nothing (a no-break space, U+2800)
    for (String text : new String[] {"   ", "\u00a0", "\u2800"}) {
      Cli.Result result = cli().run("send", "--user", "alice", "lobby", text);

      assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
      assertThat(result.err()).isEqualTo("chat: no message: the text shows nothing\n");
    }
    assertThat(client.calls).noneMatch(call -> call.startsWith("send"));
  }

  @Test
  void sendAndPm_onlyCombiningMarks_isRefusedWithExit1_nothingSent() {
    for (String[] args :
        new String[][] {
          {"send", "--user", "alice", "lobby", "\u0301\u0301"},
          {"pm", "--user", "alice", "bob", "\u0301", "\u0308"}
        }) {
      Cli.Result result = cli().run(args);

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
      assertThat(result.err()).contains("no message: the text shows nothing");
    }
    assertThat(client.calls).noneMatch(call -> call.startsWith("send"));
  }

  @Test
  void sendAndPm_stdinThatIsNotUtf8_isRefusedWithExit7_nothingSent() {
    byte[] notUtf8 = {'a', 'b', 'c', (byte) 0xff, (byte) 0xfe, 'd', 'e', 'f', '\n'};
    for (String[] args :
        new String[][] {{"send", "--user", "alice", "ops"}, {"pm", "--user", "alice", "bob"}}) {
      Cli.Result result = cli().stdin(notUtf8).run(args);

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.IO.code());
      assertThat(result.err())
          .contains("chat: cannot read standard input: the message is not UTF-8 text");
    }
    assertThat(client.calls).noneMatch(call -> call.startsWith("send"));
  }

  @Test
  void send_stdinEndingInCrlf_dropsTheWholeLineEnd_asForLf() {
    Cli.Result crlf = cli().stdin("deploy at noon\r\n").run("send", "--user", "alice", "ops");
    Cli.Result lf = cli().stdin("fine\n\n").run("send", "--user", "alice", "ops");

    assertThat(crlf.exitCode()).as(crlf.toString()).isZero();
    assertThat(lf.exitCode()).as(lf.toString()).isZero();
    assertThat(client.calls).contains("send #ops deploy at noon", "send #ops fine\n");
  }

  /** A byte order mark, as some editors save UTF-8, is not sent as the text's first character. */
  @Test
  void send_stdinStartingWithAByteOrderMark_isSentWithoutIt() {
    Cli.Result result = cli().stdin("\uFEFF!ping\n").run("send", "--user", "alice", "ops");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(client.calls).contains("send #ops !ping");
  }

  @Test
  void send_toAtUser_goesToThePrivateConversationWithThem_asHistoryTakesIt() {
    Cli.Result result = cli().run("send", "--user", "alice", "@bob", "hi");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(client.calls).contains("send @alice+bob hi");
    assertThat(result.out())
        .as("named as typed, not by its id")
        .startsWith("sent to @bob (#1, id ");
  }

  @Test
  void send_toAnEmptyRoomName_isRefused_nothingSent() {
    Cli.Result result = cli().run("send", "--user", "alice", "", "hi");

    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(result.err()).contains("no room: give ROOM, @USER or a conversation id");
    assertThat(client.calls).noneMatch(call -> call.startsWith("send"));
  }

  @Test
  void send_shortcodes_expandedOutsideBackticks() {
    Cli.Result result =
        cli().run("send", "--user", "alice", "lobby", "ship", "it", ":rocket:", "`:x:`");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(client.calls).contains("send #lobby ship it 🚀 `:x:`");
  }

  @Test
  void send_raw_keepsShortcodes() {
    Cli.Result result = cli().run("send", "--user", "alice", "--raw", "lobby", ":rocket:");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(client.calls).contains("send #lobby :rocket:");
  }

  @Test
  void pm_shortcodesFromStdin_expanded_unlessRaw() {
    assertThat(cli().stdin("thanks :pray:\n").run("pm", "--user", "alice", "bob").exitCode())
        .isZero();
    assertThat(
            cli().stdin("thanks :pray:\n").run("pm", "--user", "alice", "--raw", "bob").exitCode())
        .isZero();

    assertThat(client.calls).contains("send @alice+bob thanks 🙏", "send @alice+bob thanks :pray:");
  }

  @Test
  void send_numberNotKnown_saysSentWithTheIdOnly() {
    client.numberLost = true;

    Cli.Result result = cli().run("send", "--user", "alice", "ops", "hi");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo("sent to #ops (id " + "%032x".formatted(1) + ")\n");
  }

  /** A full or read-only profile refuses before the message goes out: a retry posts it once. */
  @Test
  void send_profileCannotBeWritten_exits7BeforeSending_nothingSent() {
    client.failSave = full();

    Cli.Result result = cli().run("send", "--user", "alice", "ops", "hi");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.IO.code());
    assertThat(result.err())
        .isEqualTo(
            "chat: cannot write /home/a/.chat/alice/state.json: no space left on device (nothing"
                + " was sent: free some space there or make it writable)\n");
    assertThat(client.calls).noneMatch(call -> call.startsWith("send"));
  }

  /** The message went out: the exit code says so, and stderr says what was not saved. */
  @Test
  void send_stateCannotBeWrittenOnceSent_exits0_withAWarning() {
    client.failClose = full();

    Cli.Result result = cli().run("send", "--user", "alice", "ops", "hi");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).startsWith("sent to #ops");
    assertThat(result.err())
        .startsWith(
            "chat: warning: the message was sent, but cannot write"
                + " /home/a/.chat/alice/state.json: no space left on device: this machine did not"
                + " record it");
    assertThat(client.calls).contains("send #ops hi");
  }

  static CommandException.FileAccess full() {
    return new CommandException.FileAccess(
        "cannot write /home/a/.chat/alice/state.json: no space left on device", null);
  }

  @Test
  void send_aMembersKeyChanged_exits4_andNamesTheScriptCommandsThatResolveIt() {
    Cli cli = cli();
    client.fireMembership("#lobby", "bob", true);
    client.fireKeyChange("bob");

    Cli.Result result = cli.run("send", "--user", "alice", "lobby", "hi");

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.err())
        .contains("the key of bob changed; nothing was sent")
        .contains("(chat keys safety bob), then chat keys trust bob to accept the new key")
        .doesNotContain("/trust");
  }

  @Test
  void send_membersNeverAnnounced_exits4NamingChatMembers() {
    client.failNext =
        new chat.cli.CommandException.MembersUnannounced(
            "#side", "#side", java.util.List.of("mallory"));

    Cli.Result result = cli().run("send", "--user", "alice", "side", "hi");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
    assertThat(result.err())
        .isEqualTo(
            "chat: not sent: the relay lists members of #side this client was never told about:"
                + " mallory. Check chat members side; send again to encrypt to them too\n");
  }

  /**
   * A send whose connection is lost before its answer came waits for the relay to come back, and
   * says so on stderr, as a file transfer does, rather than waiting without a word.
   */
  @Test
  void send_connectionLostBeforeTheAnswer_saysItIsLostAndWhenItIsBack_onStderr() {
    client.whileSending(
        () -> {
          client.setState(
              ConnectionState.RECONNECTING, "connection to the relay lost; reconnecting");
          client.setState(ConnectionState.OFFLINE, "connection to the relay lost");
          client.setState(ConnectionState.ONLINE, "reconnected to 127.0.0.1:7711");
        });

    Cli.Result result =
        cli().env("CHAT_SERVER", "127.0.0.1:7711").run("send", "--user", "alice", "lobby", "hi");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.err().lines())
        .containsExactly(
            "chat: connection lost, reconnecting (connection to the relay lost)",
            "chat: reconnected to 127.0.0.1:7711");
    Cli.Result json =
        cli()
            .env("CHAT_SERVER", "127.0.0.1:7711")
            .run("--json", "pm", "--user", "alice", "bob", "hi");
    assertThat(json.exitCode()).as(json.toString()).isZero();
    assertThat(json.err().lines())
        .containsExactly(
            "{\"type\":\"connection\",\"state\":\"RECONNECTING\",\"detail\":\"connection to"
                + " the relay lost; reconnecting\"}",
            "{\"type\":\"connection\",\"state\":\"ONLINE\",\"detail\":\"reconnected to"
                + " 127.0.0.1:7711\"}");
  }
}
