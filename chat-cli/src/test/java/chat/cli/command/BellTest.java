package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.ChatMessage;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BellTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final Bell bell = Bell.ringing(now::get);

  private static ChatMessage message(String conversation, String sender, String text) {
    return new ChatMessage(conversation, 1, "00", sender, 0, 0, text, sender.equals("alice"));
  }

  @Test
  void rings_forAPrivateMessageFromSomeoneElse() {
    assertThat(bell.rings(message("@alice+bob", "bob", "hi"), "alice")).isTrue();
  }

  @Test
  void rings_forARoomMessageThatNamesThisUser() {
    assertThat(bell.rings(message("#ops", "bob", "alice, deploy?"), "alice")).isTrue();
  }

  @Test
  void staysQuiet_forOtherRoomMessagesAndThisUsersOwn() {
    assertThat(bell.rings(message("#ops", "bob", "deploy at noon"), "alice")).isFalse();
    assertThat(bell.rings(message("@alice+bob", "alice", "sent from my phone"), "alice")).isFalse();
    assertThat(bell.rings(message("#ops", "alice", "alice here"), "alice")).isFalse();
  }

  @Test
  void rings_atMostOnceInTheQuietTime_thenAgain() {
    ChatMessage pm = message("@alice+bob", "bob", "hi");
    assertThat(bell.rings(pm, "alice")).isTrue();

    now.addAndGet(Bell.QUIET_MILLIS - 1);
    assertThat(bell.rings(pm, "alice")).isFalse();

    now.addAndGet(1);
    assertThat(bell.rings(pm, "alice")).isTrue();
  }

  @Test
  void aQuietMessage_doesNotStartTheQuietTime() {
    assertThat(bell.rings(message("#ops", "bob", "deploy at noon"), "alice")).isFalse();
    assertThat(bell.rings(message("@alice+bob", "bob", "hi"), "alice")).isTrue();
  }

  @Test
  void silent_neverRings() {
    assertThat(Bell.SILENT.rings(message("@alice+bob", "bob", "hi"), "alice")).isFalse();
  }
}
