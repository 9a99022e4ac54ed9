package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.CommandException;
import chat.cli.client.GroupUpdate;
import chat.cli.client.Presence;
import chat.cli.client.TrustState;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationCommandsTest {
  private final SlashCommandDispatcher dispatcher = new SlashCommandDispatcher();
  private final RecordingContext context = new RecordingContext();

  private void run(String line) {
    dispatcher.dispatch(line, context);
  }

  @Test
  void join_roomWithoutHash_joinsAndSwitches() {
    context.loggedInAs("alice");

    run("/join Rust");

    assertThat(context.client.calls).containsExactly("join #rust");
    assertThat(context.current).isEqualTo("#rust");
    assertThat(context.lines).containsExactly("info: joined #rust");
  }

  @Test
  void join_notLoggedIn_errorsWithoutCallingClient() {
    run("/join #rust");

    assertThat(context.errors())
        .containsExactly("error: not logged in: /login NAME or /register NAME first");
    assertThat(context.client.calls).isEmpty();
  }

  @Test
  void join_badRoomName_errors() {
    context.loggedInAs("alice");

    run("/join #no!way");

    assertThat(context.errors()).singleElement().asString().contains("not a room name");
  }

  @Test
  void join_aNameOfWords_saysRoomNamesHaveNoSpaces_suggestingOne() {
    context.loggedInAs("alice");

    run("/join My Room");
    run("/join my room!");

    assertThat(context.errors())
        .containsExactly(
            "error: a room name has no spaces (1-64 of a-z 0-9 _ -): did you mean /join #my-room?",
            "error: a room name has no spaces (1-64 of a-z 0-9 _ -)");
    assertThat(context.client.calls).isEmpty();
  }

  @Test
  void helpJoin_saysTheNameRules() {
    run("/help join");

    assertThat(String.join("\n", context.lines))
        .contains("1-64 of a-z 0-9 _ -", "#0ps beside #ops", "/pm USER");
  }

  @Test
  void join_aUser_pointsToPm() {
    context.loggedInAs("alice");

    run("/join @bob");

    assertThat(context.errors())
        .containsExactly(
            "error: not a room name: 1-64 of a-z 0-9 _ -, e.g. #rust; a private conversation is"
                + " /pm bob");
  }

  @Test
  void join_missingRoom_showsUsage() {
    context.loggedInAs("alice");

    run("/join");

    assertThat(context.errors()).containsExactly("error: usage: /join ROOM  (/help join)");
  }

  @Test
  void leave_currentRoom_switchesToLobby() {
    context.loggedInAs("alice");
    run("/join rust");
    context.lines.clear();

    run("/leave");

    assertThat(context.client.calls).contains("leave #rust");
    assertThat(context.current).isEqualTo("#lobby");
    assertThat(context.lines).containsExactly("info: left #rust; now in #lobby");
  }

  @Test
  void leave_otherRoom_keepsCurrent() {
    context.loggedInAs("alice");
    run("/join rust");
    run("/switch #lobby");

    run("/leave #rust");

    assertThat(context.current).isEqualTo("#lobby");
  }

  @Test
  void leave_lastConversation_saysNoneSelected() {
    context.loggedInAs("alice");

    run("/leave");

    assertThat(context.lines).contains("info: left #lobby; " + Arguments.NO_CONVERSATION);
  }

  @Test
  void leave_aGroupYouOwn_saysTheCommandsThatLetYouGo() {
    context.loggedInAs("alice");
    context.client.failNext =
        new CommandException.OwnerCannotLeave(
            "you own #team: transfer the ownership or disband the group first");

    run("/leave #team");

    assertThat(context.errors())
        .containsExactly(
            "error: you own #team: /transfer USER #team first (you stay an admin, and can then"
                + " leave), or /disband #team to end the group for everyone");
  }

  @Test
  void leave_notMember_showsClientError() {
    context.loggedInAs("alice");

    run("/leave #nowhere");

    assertThat(context.errors()).containsExactly("error: not a member of #nowhere");
  }

  @Test
  void leave_inAPrivateConversation_closesItAndMovesOn() {
    context.loggedInAs("alice");
    run("/pm bob hi");
    run("/switch @bob");
    context.lines.clear();

    run("/leave");

    assertThat(context.client.calls).contains("close @alice+bob");
    assertThat(context.client.conversations()).containsExactly("#lobby");
    assertThat(context.current).isEqualTo("#lobby");
    assertThat(context.lines)
        .containsExactly("info: closed @bob (it opens again when either writes); now in #lobby");
  }

  @Test
  void leave_atUser_closesThatPrivateConversation_pmOpensItAgain() {
    context.loggedInAs("alice");
    run("/pm bob hi");

    run("/leave @bob");
    run("/pm bob");

    assertThat(context.client.calls).contains("close @alice+bob", "open @alice+bob");
    assertThat(context.client.conversations()).contains("@alice+bob");
    assertThat(context.current).isEqualTo("@alice+bob");
  }

  @Test
  void leave_privateConversationClosedAlready_showsClientError() {
    context.loggedInAs("alice");
    run("/pm bob hi");
    run("/leave @bob");

    run("/leave @bob");

    assertThat(context.errors()).containsExactly("error: no open conversation @bob to close");
  }

  @Test
  void switch_byIndex_selectsThatConversation() {
    context.loggedInAs("alice");
    run("/join rust");

    run("/switch 2");

    assertThat(context.current).isEqualTo("#rust");
  }

  @Test
  void switch_badIndex_errors() {
    context.loggedInAs("alice");

    run("/switch 5");

    assertThat(context.errors())
        .containsExactly("error: the conversation number must be a number from 1 to 1");
    assertThat(context.current).isEqualTo("#lobby");
  }

  @Test
  void switch_negativeIndex_isABadNumberNotARoom() {
    context.loggedInAs("alice");

    run("/switch -1");

    assertThat(context.errors())
        .containsExactly("error: the conversation number must be a number from 1 to 1");
    assertThat(context.current).isEqualTo("#lobby");
  }

  @Test
  void switch_username_selectsDirectConversation() {
    context.loggedInAs("alice");
    context.client.fireMembership("#lobby", "bob", true);

    run("/switch bob");

    assertThat(context.current).isEqualTo("@alice+bob");
    assertThat(context.lines).contains("info: now in @bob");
  }

  @Test
  void switch_roomNameOrId_selectsRoom() {
    context.loggedInAs("alice");
    run("/join rust");
    run("/switch lobby");
    assertThat(context.current).isEqualTo("#lobby");

    run("/switch #rust");

    assertThat(context.current).isEqualTo("#rust");
  }

  @Test
  void switch_roomNotJoined_errors() {
    context.loggedInAs("alice");

    run("/switch #java");

    assertThat(context.errors()).containsExactly("error: you are not in #java: /join #java first");
  }

  @Test
  void switch_bareNameOfNoRoomOrKnownUser_suggestsJoinOrPm() {
    context.loggedInAs("alice");

    run("/switch java");

    assertThat(context.errors())
        .containsExactly(
            "error: you are not in #java: /join #java first, or /pm java for a private"
                + " conversation");
  }

  /** /pm zzz would be refused too: only /join is offered. */
  @Test
  void switch_bareNameOfNoRoomAndNoAccount_suggestsOnlyJoin() {
    context.loggedInAs("alice");
    context.client.missingAccounts.add("zzz");

    run("/switch zzz");

    assertThat(context.errors()).containsExactly("error: you are not in #zzz: /join #zzz first");
  }

  @Test
  void switch_toAPrivateConversationWithNoAccount_refusedWithTheName() {
    context.loggedInAs("alice");
    context.client.missingAccounts.add("zzz");

    run("/switch @Zzz");

    assertThat(context.errors())
        .containsExactly("error: cannot switch to @zzz: the relay has no user of that name");
    assertThat(context.current).isEqualTo("#lobby");
  }

  @Test
  void switch_toAPrivateConversationNotOneOfYours_refused() {
    context.loggedInAs("alice");

    run("/switch @bob+carol");

    assertThat(context.errors())
        .containsExactly(
            "error: you are not a party of @bob+carol: a private conversation of yours is @USER"
                + " (/pm USER)");
    assertThat(context.current).isEqualTo("#lobby");
    assertThat(context.client.calls).noneMatch(call -> call.startsWith("hasAccount"));
  }

  @Test
  void switch_toANewPrivateConversation_asksOnceForTheAccount_notForOneListed() {
    context.loggedInAs("alice");

    run("/switch @dave");
    run("/pm bob hi");
    run("/switch @bob");

    assertThat(context.current).isEqualTo("@alice+bob");
    assertThat(context.client.calls)
        .filteredOn(call -> call.startsWith("hasAccount"))
        .containsExactly("hasAccount dave");
  }

  @Test
  void switch_self_errors() {
    context.loggedInAs("alice");

    run("/switch @alice");

    assertThat(context.errors()).containsExactly("error: that is you: name someone else");
  }

  @Test
  void switch_noArgument_listsNumberedConversations() {
    context.loggedInAs("alice");
    run("/join rust");
    context.lines.clear();

    run("/switch");

    assertThat(context.lines).containsExactly("info: 1  #lobby", "info: 2  #rust  (current)");
  }

  @Test
  void join_aRoomAlreadyJoined_saysSo_andGoesThere() {
    context.loggedInAs("alice");
    run("/join rust");
    run("/switch #lobby");
    context.lines.clear();

    run("/join Rust");

    assertThat(context.lines)
        .containsExactly("info: you are a member of #rust already; now in #rust");
    assertThat(context.current).isEqualTo("#rust");
    context.lines.clear();

    run("/join rust");

    assertThat(context.lines)
        .as("from #rust itself")
        .containsExactly("info: you are already in #rust");
  }

  /** The numbers /switch lists are the ones /switch N takes: the front end's, as on screen. */
  @Test
  void switch_noArgument_listsTheFrontEndsNumbers_whichSwitchNTakes() {
    context.loggedInAs("alice");
    run("/join rust");
    context.numbered = List.of("#rust", "#lobby");
    context.lines.clear();

    run("/switch");
    run("/switch 2");

    assertThat(context.lines)
        .containsExactly("info: 1  #rust  (current)", "info: 2  #lobby", "info: now in #lobby");
  }

  @Test
  void rooms_listsRoomsWithCountsAndJoinedMark() {
    context.loggedInAs("alice");
    context.client.fireMembership("#java", "bob", true);

    run("/rooms");

    assertThat(context.lines)
        .containsExactly("info: #java  1 member", "info: #lobby  1 member  (joined)");
  }

  @Test
  void members_current_showsPresenceAndTrust() {
    context.loggedInAs("alice");
    context.client.fireKeyChange("bob");
    context.client.trust.put("carol", TrustState.VERIFIED);
    context.client.fireMembership("#lobby", "bob", true);
    context.client.fireMembership("#lobby", "carol", true);
    context.client.firePresence("carol", false);

    run("/members");

    assertThat(context.lines)
        .containsExactly(
            "info: members of #lobby (3):",
            "info:   alice  online   unverified",
            "info:   bob    online   key CHANGED",
            "info:   carol  offline  verified");
  }

  @Test
  void who_inLobby_listsOnlyWhoIsOnline_withAwayMessagesCleaned() {
    context.loggedInAs("alice");
    context.client.fireMembership("#lobby", "bob", true);
    context.client.fireMembership("#lobby", "carol", true);
    context.client.firePresence("carol", false);
    context.client.firePresence("bob", Presence.away("lunch\u001b[31m, back at 2"));

    run("/who");

    assertThat(context.lines)
        .containsExactly(
            "info: online now (2 of 3):",
            "info:   alice  online   unverified",
            "info:   bob    away     unverified  (lunch, back at 2)");
  }

  @Test
  void members_ofGroup_showRoles() {
    context.loggedInAs("alice");
    context.client.createGroup("#team");
    context.client.fireMembership("#team", "bob", true);
    context.client.fireGroupUpdate(
        new GroupUpdate("#team", "alice", GroupUpdate.Kind.ADMIN, "bob", ""));

    run("/who #team");

    assertThat(context.lines)
        .containsExactly(
            "info: members of #team (2):",
            "info:   alice  online   unverified  owner",
            "info:   bob    online   unverified  admin");
  }

  @Test
  void members_ofGroup_sayWhoIsMutedAndUntilWhen() {
    context.loggedInAs("alice");
    context.client.createGroup("#team");
    context.client.fireMembership("#team", "bob", true);
    context.client.fireMembership("#team", "carol", true);
    java.time.Instant until = java.time.Instant.parse("2031-05-06T07:08:00Z");
    context.client.fireGroupUpdate(
        new GroupUpdate("#team", "alice", GroupUpdate.Kind.MUTED, "bob", "", "", until));
    context.client.fireGroupUpdate(
        new GroupUpdate("#team", "alice", GroupUpdate.Kind.MUTED, "carol", "", "", null));
    context.client.fireMembership("#team", "dave", true);
    context.client.fireGroupUpdate(
        new GroupUpdate(
            "#team", "alice", GroupUpdate.Kind.MUTED, "dave", "", "", java.time.Instant.EPOCH));

    run("/who #team");

    assertThat(context.lines)
        .containsExactly(
            "info: members of #team (4):",
            "info:   alice  online   unverified  owner",
            "info:   bob    online   unverified         muted until " + BanText.when(until),
            "info:   carol  online   unverified         muted",
            "info:   dave   online   unverified");
  }

  @Test
  void rooms_markGroupsTitlesAndInvitations() {
    context.loggedInAs("alice");
    context.client.createGroup("#team");
    context.client.renameGroup("#team", "The \u001b[2JTeam");

    run("/rooms");

    assertThat(context.lines)
        .contains("info: #team  1 member  group \u201cThe Team\u201d  (joined)");
  }

  @Test
  void members_ofUser_showsDirectConversation() {
    context.loggedInAs("alice");
    context.client.fireMembership("#lobby", "bob", true);

    run("/members bob");

    assertThat(context.client.calls).contains("members @alice+bob");
    assertThat(context.lines.get(0)).isEqualTo("info: members of @bob (2):");
  }
}
