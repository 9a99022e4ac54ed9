package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.cli.TerminalSafe;
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

  /** Key commands refuse a name that is no username before anything else (exit 1, not 70). */
  @Test
  void keyCommands_aNameThatIsNoUsername_isRefusedWithTheRule() {
    try (RelayChatClient client = client()) {
      for (String name : new String[] {"bo\u0001b", "bad name!", "b"}) {
        String said =
            "usernames are 3-32 characters of A-Z a-z 0-9 _ . - starting with a letter (got '"
                + TerminalSafe.typed(name)
                + "')";
        assertThatThrownBy(() -> client.safetyNumber(name)).hasMessage(said);
        assertThatThrownBy(() -> client.fingerprint(name)).hasMessage(said);
        assertThatThrownBy(() -> client.trust(name)).hasMessage(said);
        assertThatThrownBy(() -> client.verify(name, "1".repeat(60)))
            .isInstanceOf(CommandException.Usage.class)
            .hasMessage(said);
      }
    }
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
          .hasMessage(
              "a title is at most 64 characters, and this one has 65 (most emoji, and an accented"
                  + " letter typed apart, count as two or more)");
      // 62 glyphs, 64 UTF-16 units but for the flag's 4: counted as the relay counts them
      assertThatThrownBy(
              () -> client.renameGroup("#team", "x".repeat(61) + "\uD83C\uDDE9\uD83C\uDDEA"))
          .hasMessageContaining("this one has 65");
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

  @Test
  void delete_badIdsCountOrSender_areRefusedBeforeTheRelay() {
    try (RelayChatClient client = client()) {
      assertThatThrownBy(() -> client.deleteMessages("#team", java.util.List.of("zz")))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessage(
              "not a message id: \"zz\" (message ids are 32 hex digits, as chat listen --json"
                  + " and chat history --json print them)");
      assertThatThrownBy(() -> client.deleteMessages("#team", java.util.List.of()))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessage("name 1 to 100 messages to delete");
      assertThatThrownBy(() -> client.deleteNewest("#team", "bob", 101))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessage("delete 1 to 100 messages at a time");
      assertThatThrownBy(() -> client.deleteNewest("#team", "no one", 1))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessage("not a username: no one");
      assertThatThrownBy(() -> client.deleteNewest("team", "bob", 1))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessage("not a conversation: team");
    }
  }
}
