package chat.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HeldMessagesTest {
  @Test
  void notice_oneMessage_theWordsOfAHeldLiveMessage_namingNoCommand() {
    assertThat(new HeldMessages("#ops", "bob", 1).notice())
        .isEqualTo("a message from bob is signed with a new key you have not accepted; it is held");
  }

  @Test
  void notice_severalMessages_saysHowMany() {
    assertThat(new HeldMessages("#ops", "bob", 3).notice())
        .isEqualTo(
            "3 messages from bob are signed with a new key you have not accepted; they are held");
  }

  @Test
  void new_noMessages_throws() {
    assertThatThrownBy(() -> new HeldMessages("#ops", "bob", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
