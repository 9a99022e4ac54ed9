package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class ChatCommandTest {
  @Test
  void help_listsCommandsAndExitCodes() {
    Cli.Result result = new Cli().run("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("identity", "fingerprint", "safety-number", "seal", "open", "Exit codes:");
    for (ExitCode code : ExitCode.values()) {
      assertThat(result.out()).contains(String.format("  %-3d %s", code.code(), code.meaning()));
    }
  }

  @Test
  void help_ofEveryCommand_formatsWithoutAPicocliWarning() {
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      for (Class<?> command : ChatCommand.COMMANDS) {
        String name = command.getAnnotation(CommandLine.Command.class).name();
        Cli.Result result = new Cli().run(name, "--help");

        assertThat(result.exitCode()).as(name).isZero();
        assertThat(result.out() + result.err()).as(name).doesNotContain("picocli WARN");
      }
    } finally {
      System.setErr(err);
    }
    assertThat(warnings.toString(java.nio.charset.StandardCharsets.UTF_8))
        .doesNotContain("picocli WARN");
  }

  @Test
  void help_everyCommandsSummary_isAWholeSentence() {
    java.util.List<CommandLine> pending =
        new java.util.ArrayList<>(new Cli().commandLine("--help").getSubcommands().values());
    java.util.List<String> cut = new java.util.ArrayList<>();
    while (!pending.isEmpty()) {
      CommandLine command = pending.remove(0);
      pending.addAll(command.getSubcommands().values());
      // The list of commands shows only the first line of a description.
      String summary = command.getCommandSpec().usageMessage().description()[0];
      if (!summary.endsWith(".")) {
        cut.add(command.getCommandSpec().qualifiedName() + ": " + summary);
      }
    }

    assertThat(cut).isEmpty();
  }

  @Test
  void help_everyDescriptionLine_fitsTheUsageWidth_soNoWordIsLeftAloneOnALine() {
    List<CommandLine> pending =
        new java.util.ArrayList<>(new Cli().commandLine("--help").getSubcommands().values());
    List<String> tooLong = new java.util.ArrayList<>();
    while (!pending.isEmpty()) {
      CommandLine command = pending.remove(0);
      pending.addAll(command.getSubcommands().values());
      String[] lines = command.getCommandSpec().usageMessage().description();
      int width = command.getCommandSpec().usageMessage().width();
      // A description given as lines broken by hand is printed a line each: one longer than the
      // usage width is wrapped again, leaving its last word alone on a line.
      for (int i = 0; i + 1 < lines.length; i++) {
        if (lines[i].length() > width && !lines[i].matches(".*[.:!?]$")) {
          tooLong.add(command.getCommandSpec().qualifiedName() + ": " + lines[i]);
        }
      }
    }

    assertThat(tooLong).isEmpty();
  }

  @Test
  void commandLine_aCommandNamed_onlyThatCommandIsBuilt() {
    CommandLine send = new Cli().commandLine("-u", "alice", "send", "ops", "hello");

    assertThat(send.getSubcommands().keySet()).containsExactly("send");
  }

  @Test
  void commandLine_noCommand_noneIsBuilt_butTheTopLevelHelpListsThemAll() {
    assertThat(commands(new Cli().commandLine("--plain", "-u", "alice"))).isZero();
    assertThat(commands(new Cli().commandLine("--version"))).isZero();
    assertThat(commands(new Cli().commandLine("--help"))).isEqualTo(ChatCommand.COMMANDS.size());
    assertThat(commands(new Cli().commandLine("nosuchcommand")))
        .isEqualTo(ChatCommand.COMMANDS.size());
  }

  @Test
  void commandLine_anOptionValueLikeACommand_theWholeTree() {
    int all = ChatCommand.COMMANDS.size();

    // A command's name where an option's value goes is refused, by the whole tree, as always.
    CommandLine whole = new Cli().commandLine("-u", "history", "send", "ops", "hello");
    assertThat(commands(whole)).isEqualTo(all);
    Cli.Result result = new Cli().run("-u", "history", "send", "ops", "hello");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .startsWith("chat: expected parameter for option '--user' but found 'history'");
  }

  /** How many commands {@code commandLine} has, each counted once (aliases name one twice). */
  private static int commands(CommandLine commandLine) {
    return new HashSet<>(commandLine.getSubcommands().values()).size();
  }

  @Test
  void help_descriptionFitsIn80Columns_andItsScriptingListNamesEveryRelayCommand() {
    String out = new Cli().run("--help").out();
    String description = out.substring(out.indexOf("Terminal chat"), out.indexOf("\n      --"));
    String scripting =
        description.substring(description.indexOf("Scripting:"), description.indexOf("Offline:"));

    assertThat(description.lines()).allSatisfy(line -> assertThat(line.length()).isLessThan(80));
    assertThat(description.lines()).as("no orphan line: " + description).hasSize(6);
    List<String> offline = List.of("identity", "fingerprint", "safety-number", "seal", "open");
    for (Class<?> command : ChatCommand.COMMANDS) {
      String name = command.getAnnotation(CommandLine.Command.class).name();
      if (!offline.contains(name)) {
        assertThat(scripting).as(name).containsPattern("[ \n]" + name + "[,.]");
      }
    }
  }

  @Test
  void help_theWholeTreeInItsOrder() {
    String out = new Cli().run("--help").out();

    int last = -1;
    for (Class<?> command : ChatCommand.COMMANDS) {
      String name = command.getAnnotation(CommandLine.Command.class).name();
      Matcher line = Pattern.compile("\n  " + Pattern.quote(name) + "[ ,]").matcher(out);
      int at = line.find() ? line.start() : -1;
      assertThat(at).as(name).isGreaterThan(last);
      last = at;
    }
  }

  @Test
  void version_printsVersion() {
    Cli.Result result = new Cli().run("--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .startsWith("chat ")
        .contains("wire protocol 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2\n");
  }

  /** A command that only groups others says which it takes, not picocli's words for it. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "group --user alice|chat: 'chat group' takes one of its commands (admin, ban, bans, create,",
        "group frob x|chat: 'frob' is not a command of 'chat group': it takes one of admin, ban,",
        "group|chat: 'chat group' takes one of its commands: admin, ban, bans, create,",
        "group invite ops3 --user alice|chat: too few parameters: chat group invite ROOM USER..."
            + " (see 'chat group invite --help')"
      })
  void commandOfCommands_misused_namesWhatItTakes(String args, String said) {
    Cli.Result result = new Cli().run(args.split(" "));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith(said).hasLineCount(1);
  }

  /** Too few words: the usage names the optional ones in brackets (the text may come on stdin). */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "send|chat: too few parameters: chat send ROOM [TEXT...] (see 'chat send --help')",
        "pm|chat: too few parameters: chat pm USER [TEXT...] (see 'chat pm --help')",
      })
  void tooFewWords_optionalOnesInBrackets(String command, String said) {
    Cli.Result result = new Cli().run(command, "--user", "alice");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo(said + "\n");
  }

  /**
   * A --user that is no username is refused before any secret is asked for (whose prompt would name
   * it), with what the terminal would hide written out.
   */
  @Test
  void aUserThatIsNoUsername_isRefusedBeforeAnySecretIsAsked() {
    Cli.Result result = new Cli().run("--user", "al\u001B[31mice", "rooms");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "chat: usernames are 3-32 characters of A-Z a-z 0-9 _ . - starting with a letter"
                + " (got 'al\\u001B[31mice')\n");
    assertThat(result.prompts()).isEmpty();
  }

  /** An option last on the line without its value says so, not that parameters are missing. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "history ops -n|chat: option -n/--limit needs a value (N) (see 'chat history --help')",
        "send ops --reply-to|chat: option --reply-to needs a value (ID) (see 'chat send --help')",
      })
  void anOptionWithoutItsValue_saysWhichOption(String args, String said) {
    Cli.Result result = new Cli().run(("--user alice " + args).split(" "));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo(said + "\n");
  }

  /** A message that starts with '-' is refused with how to send it, sending nothing. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "send|ops|chat send ROOM -- TEXT",
        "pm|bob|chat pm USER -- TEXT",
      })
  void textStartingWithADash_saysToPutItAfterDoubleDash(String command, String to, String how) {
    Cli.Result result = new Cli().run(command, "--user", "alice", to, "-5 points");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "chat: unknown option: '-5 points'; text that starts with '-' goes after '--' ("
                + how
                + "), or on stdin (see 'chat "
                + command
                + " --help')\n");
    assertThat(result.out()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--bogus",
        "seal --home x --bogus",
        "identity new --home x --passphrase y",
        "send --user alice --bogus ops hi"
      })
  void unknownOption_exits1WithOneLine(String args) {
    Cli.Result result = new Cli().run(args.split(" "));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .startsWith("chat: unknown option")
        .hasLineCount(1)
        .doesNotContain("goes after '--'"); // a mistyped option, not text
    assertThat(result.out()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "send --user alice --home '' lobby hi",
        "--home '' send --user alice lobby hi",
        "send --user alice --download-dir '' lobby hi",
        "file get --user alice --dir '' 0123abcd",
        "identity show --home ''"
      })
  void emptyFolderOption_exits1_insteadOfMeaningTheCurrentFolder(String args) {
    assertEmptyPathRefused(args, "the path is empty");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "seal --home /nonexistent --out ''",
        "seal --home /nonexistent --in ''",
        "open --home /nonexistent --out ''",
        "open --home /nonexistent --in ''",
        "keys export --user alice --out ''",
        "keys import --user alice ''",
        "send --user alice --password-file '' lobby hi",
        "send --user alice --passphrase-file '' lobby hi",
        "file send --user alice '' --to lobby",
        "seal --home /nonexistent --to ''",
        "open --home /nonexistent --from ''",
        "fingerprint ''",
        "safety-number --home /nonexistent ''",
        "run --user alice ''"
      })
  void emptyFileOption_exits1_insteadOfMeaningTheCurrentFolder(String args) {
    assertEmptyPathRefused(args, "the file name is empty");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[::1",
        "::1",
        "2001:db8::1",
        "[::1]]:7443",
        "]:7443",
        "host:0",
        "host:x",
        ":7443",
        "relay example:7443"
      })
  void serverAddressMistyped_exits1_sayingHowToWriteIt(String server) {
    chat.cli.client.FakeChatClient client = new chat.cli.client.FakeChatClient();

    Cli.Result result =
        Cli.withPassphrase().client(client).run("rooms", "--user", "alice", "--server", server);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE.code());
    assertThat(result.err())
        .contains("--server must be HOST:PORT with a port 1-65535, an IPv6 address in brackets")
        .contains("(got '" + server + "')");
    assertThat(client.calls).isEmpty();
  }

  /** From the environment, the error names the variable the address came from. */
  @Test
  void serverAddressMistypedInTheEnvironment_namesChatServer() {
    chat.cli.client.FakeChatClient client = new chat.cli.client.FakeChatClient();

    Cli.Result result =
        Cli.withPassphrase()
            .env("CHAT_SERVER", "relay.example:99999")
            .client(client)
            .run("rooms", "--user", "alice");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE.code());
    assertThat(result.err())
        .startsWith("chat: CHAT_SERVER must be HOST:PORT")
        .contains("(got 'relay.example:99999')");
    assertThat(client.calls).isEmpty();
  }

  /** An IPv6 address in brackets alone has the default port; spaces around are no part of it. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[::1]|[::1]:7443",
        "' 127.0.0.1:7642 '|127.0.0.1:7642",
        "'relay.example\t'|relay.example:7443"
      })
  void serverAddress_bracketedAlone_orWithSpacesAround_isTaken(String given, String server) {
    chat.cli.client.FakeChatClient client = new chat.cli.client.FakeChatClient();
    client.storedSessions.add("alice");
    Cli cli = Cli.withPassphrase().env("CHAT_SERVER", given).client(client);

    Cli.Result result = cli.run("rooms", "--user", "alice");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(cli.lastOptions().server()).isEqualTo(server);
  }

  /**
   * {@code args} ({@code ''} for an empty word) exit 1 saying {@code why}, the client untouched.
   */
  private static void assertEmptyPathRefused(String args, String why) {
    chat.cli.client.FakeChatClient client = new chat.cli.client.FakeChatClient();
    client.storedSessions.add("alice");

    String[] words =
        java.util.Arrays.stream(args.split(" "))
            .map(w -> w.equals("''") ? "" : w)
            .toArray(String[]::new);
    Cli.Result result = Cli.withPassphrase().client(client).run(words);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE.code());
    assertThat(result.err()).contains(why).hasLineCount(1);
    assertThat(client.calls).isEmpty();
  }

  @Test
  void anArgumentStartingWithAt_isTakenAsItIs_evenWhenAFileOfThatNameExists(@TempDir Path temp)
      throws Exception {
    String bob = "@" + Files.writeString(temp.resolve("bob"), "--bogus\n");

    for (String[] args : new String[][] {{"history", bob}, {"members", bob}, {"send", bob, "hi"}}) {
      CommandLine.ParseResult parsed = new Cli().commandLine(args).parseArgs(args);

      assertThat((String) parsed.subcommand().matchedPositional(0).getValue()).isEqualTo(bob);
    }
  }

  @Test
  void noCommand_withoutTerminal_runsLineModeOverStdin_andEndsAtEndOfInput() {
    Cli.Result result = new Cli().stdin("/help join\n").run("--plain");
    assertThat(result.exitCode()).isEqualTo(0);
    assertThat(result.stdoutText()).contains("type /help for commands").contains("/join");
  }

  @Test
  void noCommand_noBell_isTakenByTheInteractiveClient() {
    Cli.Result result = new Cli().stdin("/help join\n").run("--plain", "--no-bell");
    assertThat(result.exitCode()).isEqualTo(0);
    assertThat(result.stdoutText()).contains("type /help for commands").doesNotContain("\u0007");
  }

  @Test
  void missingSubcommand_exits1() {
    Cli.Result identity = new Cli().run("identity");
    assertThat(identity.exitCode()).isEqualTo(1);
    assertThat(identity.err())
        .isEqualTo(
            "chat: missing command: new, show, export or passwd (see 'chat identity --help')\n");
  }

  @Test
  void unknownCommand_exits1() {
    Cli.Result result = new Cli().run("frobnicate");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("chat: ").hasLineCount(1);
  }

  @Test
  void missingRequiredOption_exits1() {
    Cli.Result result = new Cli().run("open", "--home", "x");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("--from").hasLineCount(1);
  }

  @Test
  void failure_withoutVerbose_printsOneLineNoTrace() {
    Cli.Result result = new Cli().run("identity", "show", "--home", "/nonexistent/chat-home");

    assertThat(result.exitCode()).isEqualTo(7);
    assertThat(result.err()).hasLineCount(1).doesNotContain("\tat ");
  }

  @Test
  void failure_withVerbose_printsTrace() {
    Cli.Result result = new Cli().run("identity", "show", "-v", "--home", "/nonexistent/chat-home");

    assertThat(result.exitCode()).isEqualTo(7);
    assertThat(result.err()).startsWith("chat: no identity in").contains("\tat chat.cli.");
    assertThat(new Cli().run("-v", "identity", "show", "--home", "/nonexistent").err())
        .contains("\tat chat.cli.");
  }

  /** As git and Maven read it: chat help file send is chat file send --help. */
  @Test
  void help_asACommand_isTheHelpOfWhatFollows() {
    Cli.Result nested = new Cli().run("help", "file", "send");
    Cli.Result top = new Cli().run("help");

    assertThat(nested.exitCode()).isZero();
    assertThat(nested.out()).startsWith("Usage: chat file send");
    assertThat(top.exitCode()).isZero();
    assertThat(top.out()).startsWith("Usage: chat").contains("Commands:");
  }

  /** A word no command takes is refused beside --help too, not answered with another's help. */
  @Test
  void help_ofNoCommand_isRefused() {
    Cli.Result top = new Cli().run("help", "nosuch");
    Cli.Result nested = new Cli().run("file", "nosuch", "--help");

    assertThat(top.exitCode()).isEqualTo(1);
    assertThat(top.out()).isEmpty();
    assertThat(top.err()).startsWith("chat: 'nosuch' is not a command of 'chat': it takes one of");
    assertThat(nested.exitCode()).isEqualTo(1);
    assertThat(nested.err())
        .startsWith("chat: 'nosuch' is not a command of 'chat file': it takes one of send, get");
  }
}
