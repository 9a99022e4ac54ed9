package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.CommandException;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import org.junit.jupiter.api.Test;

class RelayErrorsTest {

  @Test
  void toException_groupRefusal_isTheRelaysSentenceWithoutTheCode() {
    CommandException failure =
        RelayErrors.toException(
            new ErrorReply("r7", ErrorCode.NOT_GROUP_OWNER, "only the owner of #team can do that"));

    assertThat(failure).isInstanceOf(CommandException.Usage.class);
    assertThat(failure.getMessage()).isEqualTo("only the owner of #team can do that");
  }

  @Test
  void toException_friendRefusal_isTheRelaysSentenceWithoutTheCode() {
    CommandException failure =
        RelayErrors.toException(
            new ErrorReply("r7", ErrorCode.NO_FRIEND_REQUEST, "no friend request from alice"));

    assertThat(failure.getMessage()).isEqualTo("no friend request from alice");
  }
}
