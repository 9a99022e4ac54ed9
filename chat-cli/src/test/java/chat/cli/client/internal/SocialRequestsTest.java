package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.cli.client.ClientOptions;
import chat.crypto.KdfParameters;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocialRequestsTest {
  @TempDir Path home;

  private RelayChatClient client() {
    ClientOptions options =
        new ClientOptions(
            "127.0.0.1", 9, home, true, Duration.ofSeconds(1), false, home.resolve("downloads"));
    return new RelayChatClient(
        options,
        new SecureRandom(),
        Clock.systemUTC(),
        new KdfParameters(KdfParameters.MIN_MEMORY_KIB, 1, 1));
  }

  @Test
  void renameGroup_blankTitle_saysATitleCannotBeBlank() {
    try (RelayChatClient client = client()) {
      assertThatThrownBy(() -> client.renameGroup("#team", "   "))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessage("a title cannot be blank");
    }
  }

  @Test
  void renameGroup_titleTooLong_saysHowLongATitleMayBe() {
    try (RelayChatClient client = client()) {
      assertThatThrownBy(() -> client.renameGroup("#team", "x".repeat(65)))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessage("a title is 1-64 characters without control characters");
    }
  }

  @Test
  void renameGroup_zeroWidthOrAccentsOnly_saysTheTitleShowsNothing() {
    try (RelayChatClient client = client()) {
      assertThatThrownBy(() -> client.renameGroup("#team", "\u200B\u200B"))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessage("no title: the text shows nothing");
      assertThatThrownBy(() -> client.renameGroup("#team", "\u0301".repeat(12)))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessage("no title: the text shows nothing");
    }
  }

  @Test
  void renameGroup_leadingCombiningMark_isRefused() {
    try (RelayChatClient client = client()) {
      assertThatThrownBy(() -> client.renameGroup("#team", "\u0301\u0301team"))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessageStartingWith("a title cannot start with a combining mark");
    }
  }
}
