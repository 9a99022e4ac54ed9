package chat.cli.tui;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One masked prompt: the characters typed so far (never shown, not even as a count) and the future
 * the command thread waits on. The typed characters live in a {@code char[]} that is zeroed when
 * the prompt ends; they never enter a {@code String}, the input history or the screen.
 */
final class SecretEntry {
  private final String prompt;
  private final CompletableFuture<char[]> result = new CompletableFuture<>();
  private char[] typed = new char[32];
  private int length;

  /** A prompt showing {@code prompt}, which must already be clean for the terminal. */
  SecretEntry(String prompt) {
    this.prompt = Objects.requireNonNull(prompt, "prompt");
  }

  String prompt() {
    return prompt;
  }

  /** Completes with a copy of the secret on Enter, or with null when cancelled. */
  CompletableFuture<char[]> result() {
    return result;
  }

  synchronized int length() {
    return length;
  }

  boolean isDone() {
    return result.isDone();
  }

  synchronized void append(char c) {
    if (length == typed.length) {
      char[] bigger = Arrays.copyOf(typed, typed.length * 2);
      Arrays.fill(typed, '\0');
      typed = bigger;
    }
    typed[length++] = c;
  }

  synchronized void backspace() {
    if (length > 0) {
      typed[--length] = '\0';
    }
  }

  synchronized void clear() {
    Arrays.fill(typed, '\0');
    length = 0;
  }

  /** Hands the secret to the waiting command and wipes it here. */
  synchronized void submit() {
    char[] secret = Arrays.copyOf(typed, length);
    clear();
    if (!result.complete(secret)) {
      Arrays.fill(secret, '\0');
    }
  }

  /** Ends the prompt without a secret. */
  synchronized void cancel() {
    clear();
    result.complete(null);
  }
}
