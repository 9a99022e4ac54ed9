package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.cli.ChatCommand;
import chat.cli.CliContext;
import chat.cli.CommandException;
import chat.cli.client.internal.RelayChatClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;

/**
 * Runs {@code chat} commands in-process against a real relay, as a script would: the environment
 * carries the server, home, password and passphrase; there is no terminal to prompt on.
 */
final class ScriptRunner {
  private final Map<String, String> env = new HashMap<>();

  ScriptRunner(int port, Path home) {
    env.put("CHAT_SERVER", "127.0.0.1:" + port);
    env.put("CHAT_HOME", home.toString());
    env.put("CHAT_PASSWORD", new String(Clients.PASSWORD));
    env.put("CHAT_PASSPHRASE", new String(Clients.PASSPHRASE));
  }

  ScriptRunner env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /**
   * A {@code chat ARGS} process of its own (a JVM on this test's class path), with this runner's
   * environment: for what only a process has, such as the signals that stop it.
   */
  ProcessBuilder process(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("chat.cli.Main");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    return builder;
  }

  /**
   * What one command printed and returned: {@code out} and {@code err} through picocli's writers,
   * {@code stdout} straight to the standard output stream (the line mode's terminal, say).
   */
  record Result(int exitCode, String out, String err, String stdout) {}

  Result runWithStdin(String stdin, String... args) {
    return run(stdin, new StringWriter(), args);
  }

  /**
   * As {@link #run}, reading {@code stdin} (one that waits for what a test types, say) and writing
   * the standard output to {@code stdout} and picocli's output to {@code out}, which a test may
   * read while the command runs.
   */
  Result runAttached(InputStream stdin, ByteArrayOutputStream stdout, Writer out, String... args) {
    SecureRandom random = new SecureRandom();
    CliContext context =
        new CliContext(
            random,
            Clock.systemUTC(),
            stdin,
            stdout,
            new ByteArrayOutputStream(),
            env,
            "tester",
            prompt -> {
              throw new CommandException.Auth("no terminal in this test", null);
            },
            Clients.FAST_KDF,
            false,
            options -> new RelayChatClient(options, random, Clock.systemUTC(), Clients.FAST_KDF));
    CommandLine commandLine = ChatCommand.commandLine(context);
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Result(
        exitCode, out.toString(), err.toString(), stdout.toString(StandardCharsets.UTF_8));
  }

  /**
   * As {@link #run}, printing to {@code out} (a writer that fails, say, or one a test reads while
   * the command runs); its text is {@code out}.
   */
  Result runPrintingTo(Writer out, String... args) {
    return run("", out, args);
  }

  /**
   * Starts {@code args} (a {@code listen --count N}, say) on another thread, printing to {@code
   * out}, and returns once {@code out} shows {@code shown}: for a listen, a message printed once it
   * is logged in, from when on the relay tells it what other sessions do.
   */
  CompletableFuture<Result> startUntil(StringWriter out, String shown, String... args) {
    CompletableFuture<Result> running =
        CompletableFuture.supplyAsync(() -> runPrintingTo(out, args), OwnThread.EACH);
    await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains(shown));
    return running;
  }

  private Result run(String stdin, Writer out, String... args) {
    return runAttached(
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new ByteArrayOutputStream(),
        out,
        args);
  }

  Result run(String... args) {
    return runWithStdin("", args);
  }

  /** As {@link #run}, asserting that the command exits 0 (naming it, and its stderr, if not). */
  Result ok(String... args) {
    Result result = run(args);
    assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.err()).isZero();
    return result;
  }
}
