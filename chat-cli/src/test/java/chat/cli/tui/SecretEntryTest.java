package chat.cli.tui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretEntryTest {
  @Test
  void submit_afterTypingAndBackspace_completesWithTypedCharacters() throws Exception {
    SecretEntry entry = new SecretEntry("Password:");
    "hunter22".chars().forEach(c -> entry.append((char) c));
    entry.backspace();

    entry.submit();

    assertThat(new String(entry.result().get())).isEqualTo("hunter2");
    assertThat(entry.length()).isZero();
  }

  @Test
  void append_pastInitialCapacity_keepsEverything() throws Exception {
    SecretEntry entry = new SecretEntry("Passphrase:");
    String long100 = "x".repeat(100);
    long100.chars().forEach(c -> entry.append((char) c));

    entry.submit();

    assertThat(new String(entry.result().get())).isEqualTo(long100);
  }

  @Test
  void cancel_afterTyping_completesWithNull() throws Exception {
    SecretEntry entry = new SecretEntry("Password:");
    entry.append('a');

    entry.cancel();

    assertThat(entry.result().get()).isNull();
    assertThat(entry.isDone()).isTrue();
  }
}
