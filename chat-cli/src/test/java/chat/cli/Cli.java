package chat.cli;

import chat.crypto.KdfParameters;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Test harness: runs {@code chat} in-process over byte streams, with picocli's out and err writers
 * replaced by string writers, a fixed clock, an injected environment and the smallest KDF costs.
 */
final class Cli {
  static final KdfParameters FAST_KDF = new KdfParameters(8 * 1024, 1, 1);
  static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  static final String PASSPHRASE = "correct horse battery staple";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, String> env = new HashMap<>();
  private final Deque<String> typed = new ArrayDeque<>();

  /**
   * What the fake terminal went through, in order: {@code echo off} and {@code echo back} (see
   * {@link PassphrasePrompt#hideTyping}), and {@code prompt} for each prompt shown.
   */
  final List<String> echo = new java.util.concurrent.CopyOnWriteArrayList<>();

  private byte[] stdin = new byte[0];
  private String loginName = "tester";
  private boolean terminal;
  private boolean canAsk = true;
  private chat.cli.client.ChatClient client = new chat.cli.client.FakeChatClient();
  private chat.cli.client.ClientOptions lastOptions;
  private volatile StringWriter runningErr = new StringWriter();

  /** Networked commands get {@code fake} as their client. */
  Cli client(chat.cli.client.ChatClient fake) {
    client = fake;
    return this;
  }

  /** The options the last networked command built its client with. */
  chat.cli.client.ClientOptions lastOptions() {
    return lastOptions;
  }

  /** A harness whose environment holds CHAT_PASSPHRASE. */
  static Cli withPassphrase() {
    return new Cli().env(Passphrases.ENV_PASSPHRASE, PASSPHRASE);
  }

  Cli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  Cli stdin(byte[] bytes) {
    stdin = bytes.clone();
    return this;
  }

  Cli stdin(String text) {
    return stdin(text.getBytes(StandardCharsets.UTF_8));
  }

  Cli loginName(String name) {
    loginName = name;
    return this;
  }

  /** Lines the fake terminal answers to passphrase prompts, in order. */
  Cli typed(String... lines) {
    typed.addAll(List.of(lines));
    return this;
  }

  /** The prompt has no terminal to ask on ({@link PassphrasePrompt#canAsk} is false). */
  Cli nowhereToAsk() {
    canAsk = false;
    return this;
  }

  Cli terminal(boolean isTerminal) {
    terminal = isTerminal;
    return this;
  }

  /**
   * The context a run gets: its streams, this harness's prompt and environment, the fake client.
   */
  private CliContext context(
      ByteArrayOutputStream stdout, ByteArrayOutputStream stderr, List<String> prompts) {
    PassphrasePrompt prompt =
        new PassphrasePrompt() {
          @Override
          public char[] read(String text) {
            prompts.add(text);
            echo.add("prompt");
            if (typed.isEmpty()) {
              throw new CommandException.Usage(
                  "no terminal to ask for the passphrase; set CHAT_PASSPHRASE");
            }
            return typed.removeFirst().toCharArray();
          }

          @Override
          public boolean canAsk() {
            return canAsk;
          }

          @Override
          public Hidden hideTyping() {
            echo.add("echo off");
            return () -> echo.add("echo back");
          }
        };
    CliContext context =
        new CliContext(
            RANDOM,
            Clock.fixed(NOW, ZoneOffset.UTC),
            new ByteArrayInputStream(stdin),
            stdout,
            stderr,
            env,
            loginName,
            prompt,
            FAST_KDF,
            terminal,
            options -> {
              lastOptions = options;
              return client;
            });
    return context;
  }

  /** The context a run would get, with streams of its own, for a test that builds parts itself. */
  CliContext context() {
    return context(new ByteArrayOutputStream(), new ByteArrayOutputStream(), new ArrayList<>());
  }

  /** What a run whose stdout fails to write gives: its exit code and what it said on stderr. */
  record Unwritten(int exitCode, String err) {}

  /**
   * Runs {@code args} with a stdout every write to which fails with {@code failure} (the system's
   * words: {@code No space left on device}, {@code Broken pipe}).
   */
  Unwritten runIntoFailingStdout(String failure, String... args) {
    java.io.OutputStream failing =
        new java.io.OutputStream() {
          @Override
          public void write(int b) throws java.io.IOException {
            throw new java.io.IOException(failure);
          }
        };
    CommandLine commandLine = commandLine(args);
    commandLine.setOut(StdoutWriter.over(failing));
    StringWriter err = new StringWriter();
    commandLine.setErr(new java.io.PrintWriter(err, true));
    return new Unwritten(commandLine.execute(args), err.toString());
  }

  /** The command line a run of {@code args} would get, not run. */
  CommandLine commandLine(String... args) {
    return ChatCommand.commandLine(
        context(new ByteArrayOutputStream(), new ByteArrayOutputStream(), new ArrayList<>()), args);
  }

  Result run(String... typed) {
    String[] args = ChatCommand.helpAsOption(typed); // as Main reads them
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    List<String> prompts = new java.util.ArrayList<>();
    CliContext context = context(stdout, stderr, prompts);
    CommandLine commandLine = ChatCommand.commandLine(context, args);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    runningErr = err;
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Result(exitCode, out.toString(), err.toString(), stdout.toByteArray(), prompts);
  }

  /** What the last run has written to its err writer so far, read while it runs. */
  String errSoFar() {
    return runningErr.toString();
  }

  /** What one run produced: exit code, text out and err, binary stdout, and prompts shown. */
  record Result(int exitCode, String out, String err, byte[] stdout, List<String> prompts) {
    String stdoutText() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
  }
}
