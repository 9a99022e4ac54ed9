package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.cli.client.GroupAction;
import chat.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EachUserTest {
  @Test
  void users_commasAndWords_eachNameOnce_firstSpellingKept_withoutAt() {
    assertThat(EachUser.users(List.of("bob,@Carol", "BOB", "dave,carol")))
        .containsExactly("bob", "Carol", "dave");
  }

  @Test
  void users_emptyEntryOrBadName_isRefused() {
    assertThatThrownBy(() -> EachUser.users(List.of(",bob")))
        .isInstanceOf(CommandException.Usage.class)
        .hasMessageContaining("without spaces or empty entries");
    assertThatThrownBy(() -> EachUser.users(List.of("bob,9lives")))
        .isInstanceOf(CommandException.Usage.class)
        .hasMessageContaining("got '9lives'");
  }

  @Test
  void users_atMostFifty() {
    StringBuilder list = new StringBuilder("user0");
    for (int i = 1; i < EachUser.MAX_USERS; i++) {
      list.append(",user").append(i);
    }
    assertThat(EachUser.users(List.of(list.toString()))).hasSize(EachUser.MAX_USERS);
    assertThatThrownBy(() -> EachUser.users(List.of(list + ",one_more")))
        .hasMessage("at most 50 users at once (got 51)");
  }

  @Test
  void takesList_notTheOwnersRoleChanges() {
    for (GroupAction action : GroupAction.values()) {
      assertThat(EachUser.takesList(action))
          .as(action.name())
          .isEqualTo(
              action != GroupAction.TRANSFER
                  && action != GroupAction.ADMIN
                  && action != GroupAction.DEADMIN);
    }
  }

  @Test
  void concernsOneUser_theUsersRefusals_notTheRequests() {
    for (GroupAction action : List.of(GroupAction.INVITE, GroupAction.KICK, GroupAction.UNBAN)) {
      assertThat(EachUser.concernsOneUser(action, new CommandException.NoSuchUser("no such user")))
          .as(action.name())
          .isTrue();
      assertThat(
              EachUser.concernsOneUser(
                  action, new CommandException.Refused(ErrorCode.INVALID_TARGET, "x")))
          .as(action.name())
          .isTrue();
    }
    for (ErrorCode code : List.of(ErrorCode.BANNED, ErrorCode.LIMIT_REACHED)) {
      assertThat(
              EachUser.concernsOneUser(GroupAction.INVITE, new CommandException.Refused(code, "x")))
          .as(code.name())
          .isTrue();
    }
    for (ErrorCode code :
        List.of(ErrorCode.NOT_GROUP_ADMIN, ErrorCode.NOT_A_GROUP, ErrorCode.NO_SUCH_CONVERSATION)) {
      for (GroupAction action : List.of(GroupAction.INVITE, GroupAction.BAN, GroupAction.MUTE)) {
        assertThat(EachUser.concernsOneUser(action, new CommandException.Refused(code, "x")))
            .as(action + " " + code)
            .isFalse();
      }
    }
    for (GroupAction action : List.of(GroupAction.INVITE, GroupAction.KICK)) {
      assertThat(EachUser.concernsOneUser(action, new CommandException.Usage("not logged in")))
          .isFalse();
      assertThat(EachUser.concernsOneUser(action, new CommandException.RateLimited("slow down")))
          .isFalse();
      assertThat(
              EachUser.concernsOneUser(
                  action, new CommandException.NotMember("you are not in #team")))
          .isFalse();
    }
  }

  @Test
  void concernsOneUser_anAdminNamingTheOwner_onlyForTheActionsAnAdminMayTake() {
    CommandException owner =
        new CommandException.Refused(
            ErrorCode.NOT_GROUP_OWNER, "nobody can ban the owner of #team");
    for (GroupAction action :
        List.of(GroupAction.KICK, GroupAction.BAN, GroupAction.MUTE, GroupAction.UNMUTE)) {
      assertThat(EachUser.concernsOneUser(action, owner)).as(action.name()).isTrue();
    }
    // an unban or invitation is never refused so; where it were, it would concern the request
    assertThat(EachUser.concernsOneUser(GroupAction.INVITE, owner)).isFalse();
    assertThat(EachUser.concernsOneUser(GroupAction.UNBAN, owner)).isFalse();
    // banned or at a limit concerns an invitation's user, not a kick's
    assertThat(
            EachUser.concernsOneUser(
                GroupAction.KICK, new CommandException.Refused(ErrorCode.LIMIT_REACHED, "x")))
        .isFalse();
  }

  @Test
  void apply_goesOnPastAUsersRefusal_thenCountsThem() {
    List<String> said = new ArrayList<>();
    assertThatThrownBy(
            () ->
                EachUser.apply(
                    GroupAction.BAN,
                    List.of("bob", "owner", "dave", "erin"),
                    user -> {
                      if (user.equals("owner")) {
                        throw new CommandException.Refused(
                            ErrorCode.NOT_GROUP_OWNER, "nobody can ban the owner of #team");
                      }
                      if (user.equals("erin")) {
                        throw new CommandException.NoSuchUser("no such user: erin");
                      }
                    },
                    recorder(said)))
        .isInstanceOf(CommandException.Usage.class)
        .hasMessage("2 of 4 not banned: owner and erin");
    assertThat(said)
        .containsExactly(
            "done bob",
            "refused owner: nobody can ban the owner of #team",
            "done dave",
            "refused erin: no such user: erin");
  }

  @Test
  void apply_stopsAtTheRequestsRefusal_namingWhoWasNotAsked() {
    List<String> said = new ArrayList<>();
    CommandException notAdmin =
        new CommandException.Refused(ErrorCode.NOT_GROUP_ADMIN, "only an admin can do that");
    assertThatThrownBy(
            () ->
                EachUser.apply(
                    GroupAction.MUTE,
                    List.of("bob", "carol", "dave"),
                    user -> {
                      if (user.equals("carol")) {
                        throw notAdmin;
                      }
                    },
                    recorder(said)))
        .isSameAs(notAdmin);
    assertThat(said).containsExactly("done bob", "stopped dave");
    assertThat(EachUser.notAsked(GroupAction.MUTE, List.of("dave", "erin")))
        .isEqualTo("not muted, stopped by the failure below: dave and erin");
  }

  @Test
  void apply_theClientsOwnRefusalOfTheFirst_isTheCommands_namingNoOneElse() {
    List<String> said = new ArrayList<>();
    CommandException tooLong = new CommandException.Usage("a reason is at most 200 characters");
    assertThatThrownBy(
            () ->
                EachUser.apply(
                    GroupAction.BAN,
                    List.of("eve", "mallory", "trent"),
                    user -> {
                      throw tooLong;
                    },
                    recorder(said)))
        .isSameAs(tooLong);
    assertThat(said).isEmpty();
  }

  @Test
  void apply_oneUser_refusalThrownAsItIs() {
    CommandException refusal =
        new CommandException.Refused(ErrorCode.INVALID_TARGET, "bob is not banned from #team");
    List<String> said = new ArrayList<>();
    assertThatThrownBy(
            () ->
                EachUser.apply(
                    GroupAction.UNBAN,
                    List.of("bob"),
                    user -> {
                      throw refusal;
                    },
                    recorder(said)))
        .isSameAs(refusal);
    assertThat(said).isEmpty();
  }

  @Test
  void code_ofTheRelaysRefusal_orNullForTheClients() {
    assertThat(EachUser.code(new CommandException.NoSuchUser("no such user: bob")))
        .isEqualTo(ErrorCode.NO_SUCH_USER);
    assertThat(EachUser.code(new CommandException.Refused(ErrorCode.BANNED, "x")))
        .isEqualTo(ErrorCode.BANNED);
    assertThat(EachUser.code(new CommandException.Usage("x"))).isNull();
  }

  @Test
  void named_listsWithAnd() {
    assertThat(EachUser.named(List.of("bob"))).isEqualTo("bob");
    assertThat(EachUser.named(List.of("bob", "carol"))).isEqualTo("bob and carol");
    assertThat(EachUser.named(List.of("bob", "carol", "dave"))).isEqualTo("bob, carol and dave");
  }

  private static EachUser.Progress recorder(List<String> said) {
    return new EachUser.Progress() {
      @Override
      public void done(String user) {
        said.add("done " + user);
      }

      @Override
      public void refused(String user, CommandException refusal) {
        said.add("refused " + user + ": " + refusal.getMessage());
      }

      @Override
      public void stopped(List<String> notAsked) {
        said.add("stopped " + String.join(",", notAsked));
      }
    };
  }
}
