package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.CommandException;
import chat.cli.client.BanView;
import chat.cli.client.GroupAction;
import chat.cli.client.GroupUpdate;
import chat.cli.client.MemberRole;
import chat.cli.client.MemberView;
import chat.cli.client.Presence;
import chat.cli.client.TrustState;
import chat.protocol.ErrorCode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupCommandsTest {
  private final SlashCommandDispatcher dispatcher = new SlashCommandDispatcher();
  private final RecordingContext context = new RecordingContext();

  private void run(String line) {
    dispatcher.dispatch(line, context);
  }

  @Test
  void groupCreate_name_createsSwitchesAndSaysWhoOwnsIt() {
    context.loggedInAs("alice");

    run("/group create Team");

    assertThat(context.client.calls).containsExactly("createGroup #team");
    assertThat(context.current).isEqualTo("#team");
    assertThat(context.lines)
        .containsExactly(
            "info: created the group #team (room names are lower case; /rename Team sets the title"
                + " shown): you own it; /invite USER lets someone in");
  }

  @Test
  void groupCreate_lowerCaseName_saysNothingOfTheCase() {
    context.loggedInAs("alice");

    run("/group create #crew-3");

    assertThat(context.lines)
        .containsExactly(
            "info: created the group #crew-3: you own it; /invite USER lets someone in");
  }

  /** A name with a space is refused as a name, not with the usage line alone. */
  @Test
  void group_createANameWithSpaces_saysWhatANameIs() {
    context.loggedInAs("alice");

    run("/group create bad name!");
    run("/group create a b");
    run("/group create bad!");

    assertThat(context.errors())
        .containsExactly(
            "error: a group's name is one word (a-z 0-9 _ -, e.g. /group create rust-team); give"
                + " it a title with spaces once it is made: /rename TITLE",
            "error: a group's name is one word (a-z 0-9 _ -, e.g. /group create rust-team); give"
                + " it a title with spaces once it is made: /rename TITLE",
            "error: not a room name: 1-64 of a-z 0-9 _ -, e.g. #rust");
    assertThat(context.client.calls).isEmpty();
  }

  @Test
  void group_otherVerb_showsUsage() {
    context.loggedInAs("alice");

    run("/group make team");

    assertThat(context.errors()).containsExactly("error: usage: /group create NAME  (/help group)");
    assertThat(context.client.calls).isEmpty();
  }

  @Test
  void invite_inCurrentGroup_callsClientWithTheRoom() {
    context.loggedInAs("alice");
    run("/group create team");
    context.lines.clear();

    run("/invite bob");

    assertThat(context.client.calls).contains("administer #team INVITE bob");
    assertThat(context.lines)
        .containsExactly("info: invited bob to #team (they join with /join #team)");
  }

  @Test
  void invite_aList_asksForEachInTurn_goesOnAfterARefusalOfOne_andCountsThem() {
    context.loggedInAs("alice");
    run("/group create team");
    context.lines.clear();
    context.client.calls.clear();
    context.client.administerRefusals.put(
        "dave", new CommandException.NoSuchUser("no such user: dave"));
    context.client.administerRefusals.put(
        "erin",
        new CommandException.Refused(
            ErrorCode.INVALID_TARGET, "erin is already a member of #team"));

    run("/invite bob,@dave,Carol,erin,BOB");

    assertThat(context.client.calls)
        .containsExactly(
            "administer #team INVITE bob",
            "administer #team INVITE dave",
            "administer #team INVITE Carol",
            "administer #team INVITE erin");
    assertThat(context.lines)
        .containsExactly(
            "info: invited bob to #team (they join with /join #team)",
            "error: no such user: dave",
            "info: invited Carol to #team (they join with /join #team)",
            "error: erin is already a member of #team",
            "error: 2 of 4 not invited: dave and erin");
  }

  @Test
  void invite_aList_aRefusalOfTheRequest_stopsAndNamesWhoWasNotAsked() {
    context.loggedInAs("alice");
    run("/group create team");
    context.lines.clear();
    context.client.calls.clear();
    context.client.administerRefusals.put(
        "carol", new CommandException.RateLimited("the relay says: too many requests"));

    run("/invite bob,carol,dave,erin #team");

    assertThat(context.client.calls)
        .containsExactly("administer #team INVITE bob", "administer #team INVITE carol");
    assertThat(context.lines)
        .containsExactly(
            "info: invited bob to #team (they join with /join #team)",
            "error: not invited, stopped by the failure below: dave and erin",
            "error: the relay says: too many requests");
  }

  @Test
  void invite_oneUserRefused_saysTheRefusalAlone() {
    context.loggedInAs("alice");
    run("/group create team");
    context.lines.clear();
    context.client.administerRefusals.put(
        "bob",
        new CommandException.Refused(
            ErrorCode.BANNED, "bob is banned from #team: unban them first"));

    run("/invite bob");

    assertThat(context.lines).containsExactly("error: bob is banned from #team: unban them first");
  }

  @Test
  void invite_usersSeparatedBySpaces_isRefusedWithTheList_beforeAnythingIsAsked() {
    context.loggedInAs("alice");
    run("/group create team");
    context.lines.clear();
    context.client.calls.clear();

    run("/invite bob carol");
    run("/invite bob, carol");
    run("/invite bob,,carol");

    assertThat(context.client.calls).isEmpty();
    assertThat(context.errors())
        .containsExactly(
            "error: 'carol' is no room you are in: list several users with commas, /invite"
                + " bob,carol",
            "error: a list of users is written without spaces or empty entries: bob,carol,dave",
            "error: a list of users is written without spaces or empty entries: bob,carol,dave");
  }

  @Test
  void banKickMute_aList_eachWithTheRoomTimeAndReason_goesOnPastAnAdminOrAMissingUser() {
    context.loggedInAs("alice");
    run("/group create team");
    context.lines.clear();
    context.client.calls.clear();
    context.client.administerRefusals.put(
        "ivan",
        new CommandException.Refused(
            ErrorCode.NOT_GROUP_OWNER, "only the owner can ban an admin of #team"));
    context.client.administerRefusals.put(
        "zed", new CommandException.NoSuchUser("no such user: zed"));

    run("/ban eve,ivan,mallory,zed #team 7d spam links");
    run("/kick eve,mallory #team flooding");
    run("/mute bob,carol 30m");
    run("/unban eve,@mallory");

    assertThat(context.client.calls)
        .containsExactly(
            "ban #team eve PT168H (spam links)",
            "ban #team ivan PT168H (spam links)",
            "ban #team mallory PT168H (spam links)",
            "ban #team zed PT168H (spam links)",
            "administer #team KICK eve (flooding)",
            "administer #team KICK mallory (flooding)",
            "mute #team bob PT30M ()",
            "mute #team carol PT30M ()",
            "administer #team UNBAN eve",
            "administer #team UNBAN mallory");
    assertThat(context.errors())
        .containsExactly(
            "error: only the owner can ban an admin of #team",
            "error: no such user: zed",
            "error: 2 of 4 not banned: ivan and zed");
    assertThat(context.lines)
        .anyMatch(line -> line.startsWith("info: banned mallory from #team until "))
        .contains(
            "info: eve is out of #team",
            "info: mallory is out of #team",
            "info: lifted the ban on eve in #team",
            "info: lifted the ban on mallory in #team")
        .anyMatch(line -> line.startsWith("info: muted carol in #team until "));
  }

  @Test
  void mute_aList_theRequestRefused_stopsAndNamesWhoWasNotMuted() {
    context.loggedInAs("alice");
    run("/group create team");
    context.lines.clear();
    context.client.calls.clear();
    context.client.administerRefusals.put(
        "bob",
        new CommandException.Refused(
            ErrorCode.NOT_GROUP_ADMIN, "only the owner or an admin of #team can do that"));

    run("/mute bob,carol,dave #team");

    assertThat(context.client.calls).containsExactly("mute #team bob null ()");
    assertThat(context.lines)
        .containsExactly(
            "error: not muted, stopped by the failure below: carol and dave",
            "error: only the owner or an admin of #team can do that");
  }

  @Test
  void unbanOrUnmute_usersSeparatedBySpaces_isRefusedWithTheList_andTheOwnersRoleChangesTakeOne() {
    context.loggedInAs("alice");
    run("/group create team");
    context.lines.clear();
    context.client.calls.clear();

    run("/unban eve mallory");
    run("/unmute bob carol");
    run("/transfer bob,carol");
    run("/admin bob,carol #team");

    assertThat(context.client.calls).isEmpty();
    assertThat(context.errors())
        .containsExactly(
            "error: 'mallory' is no room you are in: list several users with commas, /unban"
                + " eve,mallory",
            "error: 'carol' is no room you are in: list several users with commas, /unmute"
                + " bob,carol",
            "error: /transfer takes one user at a time",
            "error: /admin takes one user at a time");
  }

  @Test
  void bans_currentGroup_aTableOfWhoByWhomWhenAndWhy_cleanedForTheTerminal() {
    context.loggedInAs("alice");
    run("/group create team");
    context.lines.clear();
    Instant at = Instant.parse("2026-12-05T10:31:00Z");
    context.client.banLists.put(
        "#team",
        List.of(
            new BanView("carol", "bob", at, ""),
            new BanView(
                "mallory_the_spammer",
                "alice",
                at,
                "spam\u001b[2J links",
                at.plus(java.time.Duration.ofDays(7)))));

    run("/bans");

    DateTimeFormatter local = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");
    String when = local.format(at.atZone(ZoneId.systemDefault()));
    String ends =
        local.format(at.plus(java.time.Duration.ofDays(7)).atZone(ZoneId.systemDefault()));
    assertThat(context.client.calls).contains("bans #team");
    assertThat(context.lines)
        .containsExactly(
            "info: USER                 BANNED BY  WHEN              UNTIL             REASON",
            "info: carol                bob        " + when + "  -                 -",
            "info: mallory_the_spammer  alice      " + when + "  " + ends + "  spam links",
            "info: /unban USER #team lifts a ban");
  }

  @Test
  void ban_withATime_afterTheRoomOrInItsPlace_isATimedBan_withTheReasonAfterIt() {
    context.loggedInAs("alice");
    run("/group create team");
    context.client.calls.clear();

    run("/ban carol #team 7d spam links");
    run("/ban dave 90m");
    run("/ban erin 2h flooding");
    run("/ban frank team");

    assertThat(context.client.calls)
        .containsExactly(
            "ban #team carol PT168H (spam links)",
            "ban #team dave PT1H30M ()",
            "ban #team erin PT2H (flooding)",
            "administer #team BAN frank");
    assertThat(context.lines)
        .anyMatch(line -> line.startsWith("info: banned carol from #team until "));
  }

  /**
   * A time before the room is refused rather than taken for the current room; a bare word that
   * reads as a time is one even when a room of that name is listed (that room needs its #).
   */
  @Test
  void ban_timeBeforeTheRoom_isRefused_andARoomNamedLikeATimeNeedsItsHash() {
    context.loggedInAs("alice");
    run("/group create 7d");
    run("/group create team");
    context.client.calls.clear();

    run("/ban bob 7d #team spam");
    run("/ban bob 2h team");
    run("/ban bob 7d");
    run("/ban bob #7d 2h flooding");
    run("/ban bob #7d");

    assertThat(context.errors())
        .containsExactly(
            "error: name the room before the time: /ban bob #team 7d",
            "error: name the room before the time: /ban bob #team 2h");
    assertThat(context.client.calls)
        .containsExactly(
            "ban #team bob PT168H ()", "ban #7d bob PT2H (flooding)", "administer #7d BAN bob");
  }

  /** A time out of range, or mistyped, is refused: never a ban without end, nor a reason. */
  @Test
  void ban_withATimeOutOfRangeOrMistyped_saysWhatIsTaken_andBansNobody() {
    context.loggedInAs("alice");
    run("/group create team");
    context.client.calls.clear();

    for (String time : List.of("400d", "0m", "1.5h", "2y", "10M", "90", "-1h", "\uff13h")) {
      run("/ban carol #team " + time + " flooding");
      run("/ban carol " + time);
    }

    assertThat(context.errors())
        .hasSize(16)
        .allMatch(
            line ->
                line.startsWith(
                    "error: a ban or mute lasts 1 minute to 365 days: a whole number and m, h, d"
                        + " or w (90m, 12h, 7d, 2w), not '"));
    assertThat(context.client.calls).isEmpty();
  }

  /** The end of a timed ban names the year only when it is not this one, rounded up to a minute. */
  @Test
  void banEnd_thisYearWithoutTheYear_anotherWithIt() {
    java.time.ZonedDateTime now = java.time.ZonedDateTime.now();
    java.time.ZonedDateTime later =
        now.withMonth(12).withDayOfMonth(31).withHour(23).withMinute(0).withSecond(0).withNano(0);
    java.time.ZonedDateTime nextYear =
        now.plusYears(1)
            .withMonth(1)
            .withDayOfMonth(2)
            .withHour(9)
            .withMinute(5)
            .withSecond(0)
            .withNano(0);

    assertThat(BanText.when(later.toInstant())).isEqualTo("31 Dec 23:00");
    assertThat(BanText.when(later.minusSeconds(59).toInstant()))
        .as("rounded up: ended by the time shown")
        .isEqualTo("31 Dec 23:00");
    assertThat(BanText.when(nextYear.toInstant()))
        .isEqualTo("2 Jan " + nextYear.getYear() + " 09:05");
  }

  /** One word after the user that is no room you are in is a reason without a room: refused. */
  @Test
  void kickOrBan_aSingleWordThatIsNoRoom_isRefusedAsAReasonWithoutARoom() {
    context.loggedInAs("alice");
    run("/group create team");
    context.client.calls.clear();

    run("/ban dave flooding");
    run("/kick dave flooding");

    assertThat(context.errors())
        .containsExactly(
            "error: 'flooding' is no room you are in: name the room before a reason (/ban dave"
                + " #room flooding)",
            "error: 'flooding' is no room you are in: name the room before a reason (/kick dave"
                + " #room flooding)");
    assertThat(context.client.calls).isEmpty();
  }

  @Test
  void bans_namedGroupWithNone_saysNoOne() {
    context.loggedInAs("alice");

    run("/bans Team");

    assertThat(context.client.calls).containsExactly("bans #team");
    assertThat(context.lines).containsExactly("info: no one is banned from #team");
  }

  @Test
  void bans_notInARoom_asksForOne() {
    context.loggedInAs("alice");
    context.current = "@bob";

    run("/bans");

    assertThat(context.errors())
        .containsExactly("error: not in a group: /switch to one, or name it (#ROOM)");
    assertThat(context.client.calls).noneMatch(call -> call.startsWith("bans"));
  }

  @Test
  void decline_room_leavesItSoTheRelayDeletesTheInvitation() {
    context.loggedInAs("bob");
    context.client.invitations.add("#team");

    run("/decline team");

    assertThat(context.client.calls).containsExactly("decline #team");
    assertThat(context.lines).containsExactly("info: declined the invitation to #team");
  }

  @Test
  void decline_roomWithoutInvitation_saysThereIsNoneToDecline() {
    context.loggedInAs("bob");

    run("/decline team");

    assertThat(context.errors()).containsExactly("error: no invitation to #team to decline");
    assertThat(context.lines).noneMatch(line -> line.startsWith("info:"));
  }

  @Test
  void decline_roomYouAreAMemberOf_saysSlashLeaveLeavesIt() {
    context.loggedInAs("bob");
    context.client.join("#team");

    run("/decline team");

    assertThat(context.errors())
        .containsExactly(
            "error: you are a member of #team, not invited to it: /leave #team leaves it");
    assertThat(context.lines).noneMatch(line -> line.startsWith("info:"));
  }

  @Test
  void decline_withoutRoom_showsUsage() {
    context.loggedInAs("bob");

    run("/decline");

    assertThat(context.client.calls).isEmpty();
    assertThat(context.errors()).isNotEmpty();
  }

  @Test
  void kickAndBan_takeAReason_afterTheRoom_neverInItsPlace() {
    context.loggedInAs("alice");
    context.client.join("#team");
    context.client.calls.clear();
    context.switchTo("#team");

    run("/kick bob #team flooding the room");
    run("/ban carol team spam links");
    run("/kick dave being rude"); // "being" is no room this client lists: refused, not #team
    run("/unban carol team");

    assertThat(context.client.calls)
        .containsExactly(
            "administer #team KICK bob (flooding the room)",
            "administer #team BAN carol (spam links)",
            "administer #team UNBAN carol");
    assertThat(context.errors())
        .containsExactly(
            "error: 'being' is no room you are in: name the room before a reason (/kick dave"
                + " #room being rude)");
  }

  @Test
  void memberCommands_withRoom_actOnThatRoom() {
    context.loggedInAs("alice");
    context.client.join("#team"); // a room named bare is one this client lists
    context.client.calls.clear();
    run("/kick bob #team");
    run("/ban carol team");
    run("/unban carol #team");
    run("/transfer dave #team");
    run("/admin erin #team");
    run("/deadmin erin #team");

    assertThat(context.client.calls)
        .containsExactly(
            "administer #team KICK bob",
            "administer #team BAN carol",
            "administer #team UNBAN carol",
            "administer #team TRANSFER dave",
            "administer #team ADMIN erin",
            "administer #team DEADMIN erin");
    assertThat(context.errors()).isEmpty();
  }

  /**
   * Naming oneself is the relay's to refuse, after what it checks first (#lobby is no group, a
   * member cannot hand a group over), so the reason given is the one that matters.
   */
  @Test
  void kick_yourself_isLeftToTheRelay() {
    context.loggedInAs("alice");

    run("/kick alice #team");

    assertThat(context.client.calls).containsExactly("administer #team KICK alice");
  }

  @Test
  void kick_inPrivateConversation_saysNotInAGroup() {
    context.loggedInAs("alice");
    context.current = "@alice+bob";

    run("/kick bob");

    assertThat(context.errors())
        .containsExactly("error: not in a group: /switch to one, or name it (#ROOM)");
  }

  @Test
  void admin_refusedByTheRelay_showsItsReason() {
    context.loggedInAs("alice");
    context.client.failNext = new CommandException.Usage("only the owner of #team can do that");

    run("/admin bob #team");

    assertThat(context.errors()).containsExactly("error: only the owner of #team can do that");
  }

  @Test
  void rename_keepsSpacing_andCleansTheEcho() {
    context.loggedInAs("alice");
    run("/group create team");
    context.lines.clear();

    run("/rename Weekend  plans");

    assertThat(context.client.calls).contains("renameGroup #team Weekend  plans");
    assertThat(context.lines)
        .containsExactly("info: #team is now titled \u201cWeekend  plans\u201d");
  }

  @Test
  void memberActionsAndRename_inAFrontEndThatShowsEvents_leaveTheAnnouncingToTheEvent() {
    context.loggedInAs("alice");
    run("/group create team");
    context.showsOwnEvents = true;
    context.lines.clear();

    run("/invite bob");
    run("/rename Release crew");

    assertThat(context.client.calls)
        .contains("administer #team INVITE bob", "renameGroup #team Release crew");
    assertThat(context.lines).isEmpty();
    assertThat(
            SocialLines.group(
                new GroupUpdate("#team", "alice", GroupUpdate.Kind.INVITED, "bob", ""),
                "alice",
                CommandWords.SLASH))
        .isEqualTo("you invited bob to #team (they join with /join #team)");
  }

  @Test
  void mute_likeABan_aTimeAndAReasonAfterTheRoom_andUnmuteLiftsIt() {
    context.loggedInAs("alice");
    run("/group create team");
    context.client.calls.clear();
    context.lines.clear();

    run("/mute carol #team 30m calm down");
    run("/mute dave");
    run("/mute erin 2h");
    run("/unmute carol");
    run("/mute bob 7d #team");
    run("/mute bob 1.5h");
    run("/mute bob noisy");
    run("/unmute bob 5m");
    run("/invite bob 2024crew");
    run("/kick bob 5 minutes late");

    assertThat(context.client.calls)
        .containsExactly(
            "mute #team carol PT30M (calm down)",
            "mute #team dave null ()",
            "mute #team erin PT2H ()",
            "administer #team UNMUTE carol",
            "administer #2024crew INVITE bob");
    assertThat(context.lines)
        .contains("info: muted dave in #team", "info: carol may post in #team again")
        .anyMatch(line -> line.startsWith("info: muted carol in #team until "));
    assertThat(context.errors())
        .containsExactly(
            "error: name the room before the time: /mute bob #team 7d",
            "error: a ban or mute lasts 1 minute to 365 days: a whole number and m, h, d or w"
                + " (90m, 12h, 7d, 2w), not '1.5h'",
            "error: 'noisy' is no room you are in: name the room before a reason (/mute bob #room"
                + " noisy)",
            "error: /unmute takes no time: /unmute USER [ROOM]",
            "error: '5' is no room you are in: name the room before a reason (/kick bob #room 5"
                + " minutes late)");
  }

  @Test
  void muteEvents_sayWhoAndUntilWhen_andTellTheMutedWhatItMeans() {
    Instant until = Instant.parse("2030-01-02T03:04:00Z");
    GroupUpdate muted =
        new GroupUpdate("#team", "alice", GroupUpdate.Kind.MUTED, "carol", "", "calm down", until);
    assertThat(SocialLines.group(muted, "bob", CommandWords.SLASH))
        .isEqualTo(
            "alice muted carol in #team until " + BanText.when(until) + " (\u201ccalm down\u201d)");
    assertThat(SocialLines.group(muted, "carol", CommandWords.SLASH))
        .endsWith("(\u201ccalm down\u201d): you read it but cannot post there");
    GroupUpdate unmuted = new GroupUpdate("#team", "alice", GroupUpdate.Kind.UNMUTED, "carol", "");
    assertThat(SocialLines.group(unmuted, "carol", CommandWords.SLASH))
        .isEqualTo("alice unmuted you in #team: you may post again");
    assertThat(SocialLines.group(unmuted, "alice", CommandWords.SLASH))
        .isEqualTo("you unmuted carol in #team");
    assertThat(
            SocialLines.group(GroupUpdate.muteEnded("#team", "Carol"), "carol", CommandWords.SLASH))
        .isEqualTo("your mute in #team has ended: you may post again");
    // banned or gone since: the mute's end lets them post nowhere
    assertThat(SocialLines.group(unmuted, "carol", CommandWords.SLASH, false))
        .isEqualTo("alice unmuted you in #team");
    assertThat(
            SocialLines.group(
                GroupUpdate.muteEnded("#team", "Carol"), "carol", CommandWords.SLASH, false))
        .isEqualTo("your mute in #team has ended");
  }

  @Test
  void disband_withoutRoom_onlyExplains() {
    context.loggedInAs("alice");
    run("/group create team");
    context.lines.clear();
    context.client.calls.clear();

    run("/disband");

    assertThat(context.client.calls).containsExactly("rooms", "members #team");
    assertThat(context.lines)
        .containsExactly(
            "info: this removes everyone from #team and deletes its messages on the relay: type"
                + " /disband #team to confirm");
  }

  @Test
  void disband_withoutRoom_byAPlainMember_refusesAtOnce() {
    context.loggedInAs("alice");
    run("/group create team");
    context.client.members.put(
        "#team",
        List.of(
            new MemberView("alice", true, TrustState.VERIFIED, MemberRole.ADMIN, Presence.ONLINE)));
    context.lines.clear();

    run("/disband");

    assertThat(context.lines).containsExactly("error: only the owner of #team can do that");
  }

  @Test
  void disband_withoutRoom_inAPublicRoom_saysItIsNotAGroup() {
    context.loggedInAs("alice");
    context.client.fireMembership("#ops", "alice", true);
    context.current = "#ops";

    run("/disband");

    assertThat(context.errors())
        .containsExactly("error: #ops is a public room, not a group: nothing to disband");
  }

  @Test
  void disband_namedCurrentGroup_disbandsAndSwitchesToLobby() {
    context.loggedInAs("alice");
    run("/group create team");

    run("/disband #team");

    assertThat(context.client.calls).contains("disbandGroup #team");
    assertThat(context.current).isEqualTo("#lobby");
    assertThat(context.client.conversations()).doesNotContain("#team");
  }

  @Test
  void everyGroupAction_hasACommand() {
    CommandRegistry registry = CommandRegistry.standard();
    for (GroupAction action : GroupAction.values()) {
      assertThat(registry.find(action.name())).as(action.name()).isPresent();
    }
  }
}
