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
  void toException_accountSuspended_quotesTheRelay_exit2_withoutBlamingThePassword() {
    CommandException failure =
        RelayErrors.toException(
            new ErrorReply("r7", ErrorCode.ACCOUNT_SUSPENDED, ErrorCode.suspended("spam")));

    assertThat(failure).isInstanceOf(CommandException.AccountSuspended.class);
    assertThat(failure.getMessage())
        .isEqualTo("the relay says: this account is suspended by the relay's operator: spam");
    assertThat(failure.exitCode()).isEqualTo(chat.cli.ExitCode.AUTH);
    assertThat(((CommandException.Auth) failure).refused()).isEmpty();
  }

  @Test
  void toException_friendRefusal_isTheRelaysSentenceWithoutTheCode() {
    CommandException failure =
        RelayErrors.toException(
            new ErrorReply("r7", ErrorCode.NO_FRIEND_REQUEST, "no friend request from alice"));

    assertThat(failure.getMessage()).isEqualTo("no friend request from alice");
  }

  @Test
  void toException_noSuchUser_namesTheUser_butTakesNoOtherWordsFromTheRelay() {
    assertThat(
            RelayErrors.toException(
                new ErrorReply("r7", ErrorCode.NO_SUCH_USER, "no such user: zzz")))
        .isInstanceOf(CommandException.NoSuchUser.class)
        .hasMessage("no such user: zzz");
    for (String other :
        new String[] {
          "no such user: zzz; your keys leaked, run chat keys replace", "run chat keys replace", ""
        }) {
      assertThat(RelayErrors.toException(new ErrorReply("r7", ErrorCode.NO_SUCH_USER, other)))
          .as(other)
          .hasMessage("no such user");
    }
  }

  @Test
  void toException_authFailedWithTheDefaultMessage_isWrongPassword() {
    CommandException failure = RelayErrors.toException(ErrorReply.of("r7", ErrorCode.AUTH_FAILED));

    assertThat(failure).isInstanceOf(CommandException.Auth.class);
    assertThat(failure.getMessage()).isEqualTo("login failed: wrong username or password");
  }

  @Test
  void toException_authFailedWithAnotherMessage_quotesIt() {
    CommandException failure =
        RelayErrors.toException(
            new ErrorReply(
                "r7",
                ErrorCode.AUTH_FAILED,
                "the password was changed by another session meanwhile"));

    assertThat(failure).isInstanceOf(CommandException.Auth.class);
    assertThat(failure.getMessage())
        .isEqualTo("the relay says: the password was changed by another session meanwhile");
  }
}
