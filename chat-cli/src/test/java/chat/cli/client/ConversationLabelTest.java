package chat.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ConversationLabelTest {
  @Test
  void of_privateConversation_namedByTheOtherParty_inAnyCase() {
    assertThat(ConversationLabel.of("@alice+bob", "alice")).isEqualTo("@bob");
    assertThat(ConversationLabel.of("@alice+bob", "Bob")).isEqualTo("@alice");
  }

  @Test
  void of_roomUnknownSelfOrNoParty_theIdAsItIs() {
    assertThat(ConversationLabel.of("#ops", "alice")).isEqualTo("#ops");
    assertThat(ConversationLabel.of("@alice+bob", null)).isEqualTo("@alice+bob");
    assertThat(ConversationLabel.of("@alice+bob", "carol")).isEqualTo("@alice+bob");
    assertThat(ConversationLabel.of("@bob+alice", "alice")).isEqualTo("@bob+alice");
  }

  @Test
  void of_spelled_theOtherPartyAsRegistered_neverAnotherName() {
    UnaryOperator<String> registered = key -> key.equals("maximilian") ? "Maximilian" : key;

    assertThat(ConversationLabel.of("@alice+maximilian", "alice", registered))
        .isEqualTo("@Maximilian");
    assertThat(ConversationLabel.of("#maximilian", "alice", registered)).isEqualTo("#maximilian");
    assertThat(ConversationLabel.of("@alice+maximilian", "alice", key -> "mallory"))
        .isEqualTo("@maximilian");
    assertThat(ConversationLabel.of("@alice+kelly", "alice", key -> "\u212Aelly"))
        .as("a Kelvin sign lowercases to k, but is no username")
        .isEqualTo("@kelly");
  }
}
