package chat.cli.tui;

import chat.cli.CommandException;
import chat.cli.TerminalSafe;
import chat.cli.command.GivenSecrets;
import chat.cli.command.HiddenPrompt;
import chat.cli.command.SecretKind;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * The TUI's secrets: the ones given (the environment's or files'), else one typed on a masked
 * prompt that the input line becomes while the command asking for it waits.
 */
final class TuiSecrets {
  private final UiLoop loop;
  private final TuiController controller;
  private volatile GivenSecrets given = GivenSecrets.NONE;
  private volatile SecretEntry pending;

  TuiSecrets(UiLoop loop, TuiController controller) {
    this.loop = Objects.requireNonNull(loop, "loop");
    this.controller = Objects.requireNonNull(controller, "controller");
  }

  /** Takes the secrets {@code secrets} has without asking; only one it lacks is typed. */
  void setGiven(GivenSecrets secrets) {
    given = Objects.requireNonNull(secrets, "given");
  }

  /** The given secret for {@code kind}, if there is one. */
  Optional<char[]> given(SecretKind kind) {
    return given.secret(kind);
  }

  /** Where the given secret for {@code kind} came from, if there is one. */
  Optional<String> source(SecretKind kind) {
    return given.source(kind);
  }

  /**
   * The given secret for {@code kind}, else switches the input line to a masked prompt showing
   * {@code prompt} and waits for Enter. Call it from the command thread, never the UI thread.
   *
   * @throws CommandException.Auth if the person cancels (Esc or Ctrl-C) or the TUI ends first
   */
  char[] read(SecretKind kind, String prompt) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(prompt, "prompt");
    Optional<char[]> secret = given.secret(kind);
    if (secret.isPresent()) {
      return secret.get();
    }
    if (loop.isUiThread()) {
      throw new IllegalStateException("readSecret would block the UI thread");
    }
    SecretEntry entry = new SecretEntry(HiddenPrompt.of(TerminalSafe.line(prompt)));
    pending = entry;
    try {
      if (!loop.isRunning()) {
        entry.cancel();
      }
      loop.post(() -> controller.beginSecret(entry));
      char[] typed = entry.result().get();
      if (typed == null) {
        throw new CommandException.Auth(kind.noun() + " prompt cancelled", null);
      }
      return typed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      entry.cancel();
      throw new CommandException.Auth(kind.noun() + " prompt cancelled", null);
    } catch (ExecutionException e) {
      throw new CommandException.Auth(kind.noun() + " prompt cancelled", null);
    } finally {
      pending = null;
    }
  }

  /** Cancels the masked prompt a command waits for, if any, and closes the one open on screen. */
  void cancel() {
    SecretEntry entry = pending;
    if (entry != null) {
      entry.cancel();
    }
    controller.cancelSecret();
  }
}
