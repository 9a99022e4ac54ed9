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

class RelayChatClientSendTest {
  @TempDir Path home;

  @Test
  void send_aTextThatShowsNothing_isRefusedBeforeAnythingElse() {
    ClientOptions options =
        new ClientOptions(
            "127.0.0.1", 9, home, true, Duration.ofSeconds(1), false, home.resolve("downloads"));
    try (RelayChatClient client =
        new RelayChatClient(
            options,
            new SecureRandom(),
            Clock.systemUTC(),
            new KdfParameters(KdfParameters.MIN_MEMORY_KIB, 1, 1))) {
      for (String invisible :
          new String[] {
            "  ",
            "\u200B\uFEFF",
            "\u3164",
            "\u001b[0m",
            "\u200C\u200D\u200C",
            "\u2800",
            "\u00A0\u3000",
            "\u200D\uFE0F",
            "\u0301\u0301",
            "\u0301 \u0308\uFE0F"
          }) {
        assertThatThrownBy(() -> client.send("#lobby", invisible))
            .isInstanceOf(CommandException.Usage.class)
            .hasMessage("no message: the text shows nothing");
      }
    }
  }
}
