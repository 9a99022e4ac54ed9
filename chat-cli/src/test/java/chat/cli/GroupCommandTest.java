package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.FakeChatClient;
import chat.cli.client.MemberView;
import chat.cli.client.TrustState;
import chat.cli.command.EachUser;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupCommandTest {
  private final FakeChatClient client = new FakeChatClient();

  private Cli cli() {
    return Cli.withPassphrase().env("CHAT_PASSWORD", "a password").client(client);
  }

  @Test
  void create_name_createsTheGroupAndSaysSo() {
    Cli.Result result = cli().run("group", "create", "Team", "--user", "alice");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "created the group #team (room names are lower case; chat group rename team Team sets"
                + " the title shown)\n");
    assertThat(client.calls).contains("login alice", "createGroup #team");
  }

  @Test
  void memberActions_roomAndUser_callTheClient() {
    for (String action : new String[] {"invite", "kick", "ban", "unban", "transfer", "admin"}) {
      Cli.Result result = cli().run("--user", "alice", "group", action, "team", "bob");
      assertThat(result.exitCode()).as(result.toString()).isZero();
    }
    Cli.Result last = cli().run("--user", "alice", "group", "deadmin", "#team", "bob");

    assertThat(last.out()).isEqualTo("bob is no longer an admin of #team\n");
    assertThat(client.calls)
        .contains(
            "administer #team INVITE bob",
            "administer #team KICK bob",
            "administer #team BAN bob",
            "administer #team UNBAN bob",
            "administer #team TRANSFER bob",
            "administer #team ADMIN bob",
            "administer #team DEADMIN bob");
  }

  @Test
  void invite_json_printsOneObject() {
    Cli.Result result = cli().run("--json", "--user", "alice", "group", "invite", "#team", "bob");

    assertThat(result.out())
        .isEqualTo(
            "{\"type\":\"group\",\"action\":\"invite\",\"room\":\"#team\",\"user\":\"bob\"}\n");
  }

  @Test
  void invite_severalUsers_printsEachInvited_refusalsOnStderr_exitOneAfterTheLast() {
    client.administerRefusals.put("dave", new CommandException.NoSuchUser("no such user: dave"));

    Cli.Result result =
        cli().run("--user", "alice", "group", "invite", "team", "bob", "dave", "carol");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.out()).isEqualTo("invited bob to #team\ninvited carol to #team\n");
    assertThat(result.err())
        .isEqualTo("chat: no such user: dave\nchat: 1 of 3 not invited: dave\n");
    assertThat(client.calls)
        .contains(
            "administer #team INVITE bob",
            "administer #team INVITE dave",
            "administer #team INVITE carol");
  }

  @Test
  void invite_severalUsers_json_anObjectForEachInvitedAndEachRefused() {
    client.administerRefusals.put(
        "bob",
        new CommandException.Refused(
            chat.protocol.ErrorCode.BANNED, "bob is banned from #team: unban them first"));

    Cli.Result result =
        cli().run("--json", "--user", "alice", "group", "invite", "team", "bob", "carol");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out())
        .isEqualTo(
            "{\"type\":\"group_refused\",\"action\":\"invite\",\"room\":\"#team\",\"user\":\"bob\","
                + "\"code\":\"BANNED\",\"message\":\"bob is banned from #team: unban them first\"}\n"
                + "{\"type\":\"group\",\"action\":\"invite\",\"room\":\"#team\",\"user\":\"carol\"}\n");
    assertThat(result.err())
        .isEqualTo(
            "chat: bob is banned from #team: unban them first\nchat: 1 of 2 not invited: bob\n");
  }

  @Test
  void banKickMuteUnmute_severalUsers_eachInTurn_refusalsAsObjectsWithTheirCode() {
    client.administerRefusals.put(
        "ivan",
        new CommandException.Refused(
            chat.protocol.ErrorCode.NOT_GROUP_OWNER, "nobody can ban the owner of #team"));

    Cli.Result ban =
        cli()
            .run(
                "--json",
                "--user",
                "alice",
                "group",
                "ban",
                "team",
                "eve",
                "ivan,mallory",
                "--for",
                "7d",
                "--reason",
                "spam");
    Cli.Result kick = cli().run("--user", "alice", "group", "kick", "team", "eve", "@mallory");
    Cli.Result mute = cli().run("--user", "alice", "group", "mute", "team", "bob,carol");
    Cli.Result unmute = cli().run("--user", "alice", "group", "unmute", "team", "bob", "carol");

    assertThat(ban.exitCode()).as(ban.toString()).isEqualTo(1);
    assertThat(ban.out())
        .isEqualTo(
            "{\"type\":\"group\",\"action\":\"ban\",\"room\":\"#team\",\"user\":\"eve\"}\n"
                + "{\"type\":\"group_refused\",\"action\":\"ban\",\"room\":\"#team\",\"user\":\"ivan\","
                + "\"code\":\"NOT_GROUP_OWNER\",\"message\":\"nobody can ban the owner of #team\"}\n"
                + "{\"type\":\"group\",\"action\":\"ban\",\"room\":\"#team\",\"user\":\"mallory\"}\n");
    assertThat(ban.err())
        .isEqualTo("chat: nobody can ban the owner of #team\nchat: 1 of 3 not banned: ivan\n");
    assertThat(kick.exitCode()).as(kick.toString()).isZero();
    assertThat(kick.out()).isEqualTo("eve is out of #team\nmallory is out of #team\n");
    assertThat(mute.out()).startsWith("muted bob in #team\nmuted carol in #team\n");
    assertThat(unmute.out())
        .isEqualTo("bob may post in #team again\ncarol may post in #team again\n");
    assertThat(client.calls)
        .contains(
            "ban #team eve PT168H (spam)",
            "ban #team ivan PT168H (spam)",
            "ban #team mallory PT168H (spam)",
            "administer #team KICK eve",
            "administer #team KICK mallory",
            "mute #team bob null ()",
            "mute #team carol null ()",
            "administer #team UNMUTE bob",
            "administer #team UNMUTE carol");
  }

  @Test
  void transfer_takesOneUser() {
    Cli.Result two = cli().run("--user", "alice", "group", "transfer", "team", "bob", "carol");
    Cli.Result list = cli().run("--user", "alice", "group", "admin", "team", "bob,carol");

    assertThat(two.exitCode()).isEqualTo(1);
    assertThat(two.err())
        .isEqualTo(
            "chat: 'carol' is one word too many for 'chat group transfer' (it takes ROOM USER)"
                + " (see 'chat group transfer --help')\n");
    assertThat(list.exitCode()).isEqualTo(1);
    assertThat(list.err()).isEqualTo("chat: chat group admin takes one user at a time\n");
    assertThat(client.calls).noneMatch(call -> call.startsWith("administer"));
  }

  @Test
  void invite_severalUsers_aRefusalOfTheRequest_stopsWithItsExitCode() {
    client.administerRefusals.put(
        "bob",
        new CommandException.Refused(
            chat.protocol.ErrorCode.NOT_GROUP_ADMIN, "only an admin of #team can do that"));

    Cli.Result result = cli().run("--user", "alice", "group", "invite", "team", "bob", "carol");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "chat: not invited, stopped by the failure below: carol\n"
                + "chat: only an admin of #team can do that\n");
    assertThat(client.calls).doesNotContain("administer #team INVITE carol");
  }

  @Test
  void invite_tooManyOrAnEmptyEntry_isAUsageError_nothingAsked() {
    String[] args = new String[5 + EachUser.MAX_USERS + 1];
    args[0] = "--user";
    args[1] = "alice";
    args[2] = "group";
    args[3] = "invite";
    args[4] = "team";
    for (int i = 5; i < args.length; i++) {
      args[i] = "user" + i;
    }

    Cli.Result tooMany = cli().run(args);
    Cli.Result empty = cli().run("--user", "alice", "group", "invite", "team", "bob,");

    assertThat(tooMany.exitCode()).isEqualTo(1);
    assertThat(tooMany.err()).isEqualTo("chat: at most 50 users at once (got 51)\n");
    assertThat(empty.exitCode()).isEqualTo(1);
    assertThat(empty.err())
        .isEqualTo(
            "chat: a list of users is written without spaces or empty entries: bob,carol,dave\n");
    assertThat(client.calls).noneMatch(call -> call.startsWith("administer"));
  }

  @Test
  void rename_wordsOfTheTitle_areJoined() {
    Cli.Result result = cli().run("--user", "alice", "group", "rename", "team", "Weekend", "plans");

    assertThat(result.exitCode()).isZero();
    assertThat(client.calls).contains("renameGroup #team Weekend plans");
    assertThat(result.out()).isEqualTo("#team is now titled \u201cWeekend plans\u201d\n");
  }

  /** The title is said as the relay keeps it: without the spaces at its ends. */
  @Test
  void rename_spacesAtTheEnds_areNotSaid() {
    Cli.Result result =
        cli().run("--user", "alice", "group", "rename", "team", "  padded  title  ");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("#team is now titled \u201cpadded  title\u201d\n");
  }

  @Test
  void kick_refusedByTheRelay_exits1WithItsReason() {
    client.failNext = new CommandException.Usage("only the owner of #team can do that");

    Cli.Result result = cli().run("--user", "alice", "group", "kick", "#team", "bob");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("chat: only the owner of #team can do that\n");
  }

  @Test
  void decline_invitation_declinesIt() {
    client.invitations.add("#team");

    Cli.Result result = cli().run("--user", "bob", "group", "decline", "team");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(client.calls).contains("decline #team");
    assertThat(result.out()).isEqualTo("declined the invitation to #team\n");
  }

  @Test
  void decline_noInvitation_exits1SayingThereIsNone() {
    Cli.Result result = cli().run("--user", "bob", "group", "decline", "team");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("chat: no invitation to #team to decline\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void decline_roomYouAreAMemberOf_exits1SayingHowAScriptLeavesIt() {
    client.members.put("#team", List.of(new MemberView("bob", true, TrustState.VERIFIED)));

    Cli.Result result = cli().run("--user", "bob", "group", "decline", "team");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "chat: you are a member of #team, not invited to it: chat leave team leaves it\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void invite_missingUser_isAUsageError() {
    Cli.Result result = cli().run("--user", "alice", "group", "invite", "#team");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(client.calls).isEmpty();
  }

  @Test
  void everyAction_profileCannotBeWritten_exits7_beforeTheRelayIsAsked() {
    for (String[] args :
        new String[][] {
          {"create", "team"},
          {"invite", "team", "bob"},
          {"rename", "team", "Team"},
          {"disband", "team"}
        }) {
      client.failSave = SendCommandTest.full();
      Cli.Result result = cli().run(concat(args));

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.IO.code());
      assertThat(result.err()).contains("(nothing was sent");
    }
    assertThat(client.calls)
        .noneMatch(call -> call.matches("(createGroup|administer|renameGroup|disbandGroup) .*"));
  }

  @Test
  void create_stateCannotBeWrittenOnceDone_exits0_saysSo_andWarns() {
    client.failClose = SendCommandTest.full();

    Cli.Result result = cli().run("group", "create", "Team", "--user", "alice");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "created the group #team (room names are lower case; chat group rename team Team sets"
                + " the title shown)\n");
    assertThat(result.err())
        .startsWith("chat: warning: the group was created, but cannot write /home/a/.chat/");
  }

  private static String[] concat(String[] args) {
    String[] all = new String[args.length + 3];
    all[0] = "--user";
    all[1] = "alice";
    all[2] = "group";
    System.arraycopy(args, 0, all, 3, args.length);
    return all;
  }
}
