package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.protocol.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvitationsTest {
  @Test
  void users_commasAndWords_eachNameOnce_firstSpellingKept_withoutAt() {
    assertThat(Invitations.users(List.of("bob,@Carol", "BOB", "dave,carol")))
        .containsExactly("bob", "Carol", "dave");
  }

  @Test
  void users_emptyEntryOrBadName_isRefused() {
    assertThatThrownBy(() -> Invitations.users(List.of(",bob")))
        .isInstanceOf(CommandException.Usage.class)
        .hasMessageContaining("without spaces or empty entries");
    assertThatThrownBy(() -> Invitations.users(List.of("bob,9lives")))
        .isInstanceOf(CommandException.Usage.class)
        .hasMessageContaining("got '9lives'");
  }

  @Test
  void users_atMostFifty() {
    StringBuilder list = new StringBuilder("user0");
    for (int i = 1; i < Invitations.MAX_USERS; i++) {
      list.append(",user").append(i);
    }
    assertThat(Invitations.users(List.of(list.toString()))).hasSize(Invitations.MAX_USERS);
    assertThatThrownBy(() -> Invitations.users(List.of(list + ",one_more")))
        .hasMessage("at most 50 users at once (got 51)");
  }

  @Test
  void concernsOneUser_theUsersRefusals_notTheRequests() {
    assertThat(Invitations.concernsOneUser(new CommandException.NoSuchUser("no such user")))
        .isTrue();
    for (ErrorCode code :
        List.of(ErrorCode.INVALID_TARGET, ErrorCode.BANNED, ErrorCode.LIMIT_REACHED)) {
      assertThat(Invitations.concernsOneUser(new CommandException.Refused(code, "x")))
          .as(code.name())
          .isTrue();
    }
    for (ErrorCode code :
        List.of(ErrorCode.NOT_GROUP_ADMIN, ErrorCode.NOT_A_GROUP, ErrorCode.NO_SUCH_CONVERSATION)) {
      assertThat(Invitations.concernsOneUser(new CommandException.Refused(code, "x")))
          .as(code.name())
          .isFalse();
    }
    assertThat(Invitations.concernsOneUser(new CommandException.Usage("not logged in"))).isFalse();
    assertThat(Invitations.concernsOneUser(new CommandException.RateLimited("slow down")))
        .isFalse();
    assertThat(Invitations.concernsOneUser(new CommandException.NotMember("you are not in #team")))
        .isFalse();
  }

  @Test
  void named_listsWithAnd() {
    assertThat(Invitations.named(List.of("bob"))).isEqualTo("bob");
    assertThat(Invitations.named(List.of("bob", "carol"))).isEqualTo("bob and carol");
    assertThat(Invitations.named(List.of("bob", "carol", "dave"))).isEqualTo("bob, carol and dave");
  }
}
