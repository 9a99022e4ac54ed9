package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code chat group}, {@code chat friend} and {@code chat friends} against a real relay. */
class GroupScriptingEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final RelayExtension relay = new RelayExtension();
  @TempDir Path home;
  private ScriptRunner chat;

  @BeforeEach
  void runner() {
    chat = relay.scripts(home);
  }

  @Test
  void groupLifecycle_asScripts_printsRolesAndRefusesWithExitOne() throws Exception {
    for (String user : new String[] {"alice", "bob", "carol"}) {
      chat.ok("register", "--user", user);
    }
    assertThat(chat.ok("group", "create", "team", "--user", "alice").out())
        .isEqualTo("created the group #team\n");
    chat.ok("group", "invite", "team", "bob", "--user", "alice");
    chat.ok("join", "team", "--user", "bob");
    ScriptRunner.Result uninvited = chat.run("join", "team", "--user", "carol");
    assertThat(uninvited.exitCode()).isEqualTo(1);
    assertThat(uninvited.err())
        .isEqualTo("chat: #team is invite-only: ask its owner or an admin for an invitation\n");
    ScriptRunner.Result notOwner = chat.run("group", "admin", "team", "carol", "--user", "bob");
    assertThat(notOwner.exitCode()).isEqualTo(1);
    assertThat(notOwner.err()).isEqualTo("chat: only the owner of #team can do that\n");
    chat.ok("group", "admin", "team", "bob", "--user", "alice");
    chat.ok("group", "rename", "team", "Release", "crew", "--user", "bob");

    Map<String, String> roles = new HashMap<>();
    for (String line : chat.ok("members", "team", "--json", "--user", "alice").out().split("\n")) {
      JsonNode member = JSON.readTree(line);
      roles.put(member.get("user").asText(), member.get("role").asText());
    }
    assertThat(roles).containsEntry("alice", "OWNER").containsEntry("bob", "ADMIN");
    JsonNode room = JSON.readTree(chat.ok("rooms", "--json", "--user", "bob").out().split("\n")[1]);
    assertThat(room.get("title").asText()).isEqualTo("Release crew");
    assertThat(chat.run("leave", "team", "--user", "alice").err())
        .isEqualTo(
            "chat: you own #team: chat group transfer team USER first (you stay an admin, and can"
                + " then leave), or chat group disband team to end the group for everyone\n")
        .doesNotContain("OWNER_MUST_TRANSFER");
    chat.ok("group", "disband", "#team", "--user", "alice");
    ScriptRunner.Result afterDisband = chat.run("send", "team", "hi", "--user", "bob");
    assertThat(afterDisband.exitCode()).isEqualTo(1);
    assertThat(afterDisband.err()).isEqualTo("chat: you are not in #team\n");
  }

  /**
   * {@code chat group invite ROOM USER...}: each user in turn; one who cannot be invited is said on
   * stderr and the rest are still asked (exit 1 after the last); a refusal of the request itself
   * stops and names who was not asked.
   */
  @Test
  void invite_severalUsers_eachInTurn_goesOnPastOneRefused() throws Exception {
    for (String user : new String[] {"alice", "bob", "carol"}) {
      chat.ok("register", "--user", user);
    }
    chat.ok("group", "create", "team", "--user", "alice");

    ScriptRunner.Result invited =
        chat.run("group", "invite", "team", "bob", "nobody", "@Carol", "--user", "alice");

    assertThat(invited.exitCode()).as(invited.toString()).isEqualTo(1);
    assertThat(invited.out())
        .as("named as registered, not as typed (@Carol)")
        .isEqualTo("invited bob to #team\ninvited carol to #team\n");
    assertThat(invited.err())
        .isEqualTo("chat: no such user: nobody\nchat: 1 of 3 not invited: nobody\n");
    chat.ok("join", "team", "--user", "bob");
    chat.ok("join", "team", "--user", "carol");
    ScriptRunner.Result notAdmin =
        chat.run("group", "invite", "team", "alice", "nobody", "--user", "bob");
    assertThat(notAdmin.exitCode()).isEqualTo(1);
    assertThat(notAdmin.err())
        .isEqualTo(
            "chat: not invited, stopped by the failure below: nobody\n"
                + "chat: only the owner or an admin of the group may do that\n");
    ScriptRunner.Result members =
        chat.run("group", "invite", "team", "bob,carol", "--user", "alice");
    assertThat(members.exitCode()).isEqualTo(1);
    assertThat(members.out()).isEmpty();
    assertThat(members.err())
        .isEqualTo(
            "chat: bob is already a member of #team\nchat: carol is already a member of #team\n"
                + "chat: 2 of 2 not invited: bob and carol\n");
  }

  /**
   * {@code chat group ban|mute|kick|unban ROOM USER...} against a real relay: an admin's list goes
   * on past the owner (whom only nobody may ban) and a name that does not exist, each refusal a
   * {@code group_refused} object with the relay's code in {@code --json}; the others are banned,
   * and one {@code unban} lifts both.
   */
  @Test
  void banMuteKickUnban_severalUsers_anAdminsListGoesOnPastTheOwner() throws Exception {
    for (String user : new String[] {"alice", "bob", "carol", "dave", "erin"}) {
      chat.ok("register", "--user", user);
    }
    chat.ok("group", "create", "team", "--user", "alice");
    chat.ok("group", "invite", "team", "bob,carol,dave,erin", "--user", "alice");
    for (String user : new String[] {"bob", "carol", "dave", "erin"}) {
      chat.ok("join", "team", "--user", user);
    }
    chat.ok("group", "admin", "team", "bob", "--user", "alice");

    ScriptRunner.Result banned =
        chat.run(
            "--json",
            "group",
            "ban",
            "team",
            "carol,alice",
            "nobody",
            "dave",
            "--for",
            "2h",
            "--reason",
            "spam links",
            "--user",
            "bob");

    assertThat(banned.exitCode()).as(banned.toString()).isEqualTo(1);
    String[] lines = banned.out().split("\n");
    assertThat(lines).hasSize(4);
    assertThat(JSON.readTree(lines[0]).get("user").asText()).isEqualTo("carol");
    JsonNode owner = JSON.readTree(lines[1]);
    assertThat(owner.get("type").asText()).isEqualTo("group_refused");
    assertThat(owner.get("user").asText()).isEqualTo("alice");
    assertThat(owner.get("code").asText()).isEqualTo("NOT_GROUP_OWNER");
    assertThat(JSON.readTree(lines[2]).get("code").asText()).isEqualTo("NO_SUCH_USER");
    assertThat(JSON.readTree(lines[3]).get("user").asText()).isEqualTo("dave");
    assertThat(banned.err()).endsWith("chat: 2 of 4 not banned: alice and nobody\n");
    String table = chat.ok("group", "bans", "team", "--user", "alice").out();
    assertThat(table).contains("carol  bob").contains("dave   bob").doesNotContain("alice  bob");

    ScriptRunner.Result muted = chat.run("group", "mute", "team", "erin,carol", "--user", "alice");
    assertThat(muted.exitCode()).isEqualTo(1);
    assertThat(muted.out()).isEqualTo("muted erin in #team\n");
    assertThat(muted.err())
        .isEqualTo("chat: carol is not a member of #team\nchat: 1 of 2 not muted: carol\n");
    assertThat(chat.ok("group", "kick", "team", "erin", "--user", "alice").out())
        .isEqualTo("erin is out of #team\n");
    assertThat(chat.ok("group", "unban", "team", "carol", "dave", "--user", "alice").out())
        .isEqualTo("lifted the ban on carol in #team\nlifted the ban on dave in #team\n");
    assertThat(chat.run("group", "bans", "team", "--user", "alice").err())
        .isEqualTo("chat: no one is banned from #team\n");
  }

  /**
   * {@code chat group bans}: for the owner and admins a table (or a JSON object per ban) of who, by
   * whom, when and why; a plain member is refused with exit 1; no bans is said on stderr.
   */
  @Test
  void bans_asScripts_tableAndJson_forTheOwnerAndAdminsOnly() throws Exception {
    for (String user : new String[] {"alice", "bob", "carol"}) {
      chat.ok("register", "--user", user);
    }
    chat.ok("group", "create", "team", "--user", "alice");
    chat.ok("group", "invite", "team", "bob", "--user", "alice");
    chat.ok("join", "team", "--user", "bob");
    ScriptRunner.Result none = chat.ok("group", "bans", "team", "--user", "alice");
    assertThat(none.out()).isEmpty();
    assertThat(none.err()).isEqualTo("chat: no one is banned from #team\n");
    ScriptRunner.Result member = chat.run("group", "bans", "team", "--user", "bob");
    assertThat(member.exitCode()).isEqualTo(1);
    assertThat(member.err())
        .isEqualTo("chat: only the owner or an admin of the group may do that\n");

    chat.ok("group", "ban", "team", "carol", "--reason", "spam links", "--user", "alice");

    String[] table = chat.ok("group", "bans", "#team", "--user", "alice").out().split("\n");
    assertThat(table).hasSize(2);
    assertThat(table[0]).isEqualTo("USER   BANNED BY  WHEN              UNTIL             REASON");
    assertThat(table[1])
        .startsWith("carol  alice      ")
        .endsWith("  -                 spam links");
    JsonNode ban =
        JSON.readTree(chat.ok("group", "bans", "team", "--json", "--user", "alice").out());
    assertThat(ban.get("type").asText()).isEqualTo("ban");
    assertThat(ban.get("room").asText()).isEqualTo("#team");
    assertThat(ban.get("user").asText()).isEqualTo("carol");
    assertThat(ban.get("bannedBy").asText()).isEqualTo("alice");
    assertThat(ban.get("reason").asText()).isEqualTo("spam links");
    assertThat(java.time.Instant.parse(ban.get("bannedAt").asText()))
        .isBetween(java.time.Instant.now().minusSeconds(300), java.time.Instant.now());

    assertThat(ban.get("until").asText()).isEmpty();

    chat.ok("group", "unban", "team", "carol", "--user", "alice");
    assertThat(chat.ok("group", "bans", "team", "--json", "--user", "alice").out()).isEmpty();

    assertThat(chat.ok("group", "ban", "team", "carol", "--for", "2h", "--user", "alice").out())
        .startsWith("banned carol from #team until ");
    JsonNode timed =
        JSON.readTree(chat.ok("group", "bans", "team", "--json", "--user", "alice").out());
    assertThat(java.time.Instant.parse(timed.get("until").asText()))
        .isBetween(
            java.time.Instant.now().plusSeconds(7200 - 300),
            java.time.Instant.now().plusSeconds(7200));
    ScriptRunner.Result tooLong =
        chat.run("group", "ban", "team", "bob", "--for", "2y", "--user", "alice");
    assertThat(tooLong.exitCode()).isEqualTo(1);
    assertThat(tooLong.err())
        .isEqualTo(
            "chat: a ban or mute lasts 1 minute to 365 days: a whole number and m, h, d or w"
                + " (90m, 12h, 7d, 2w), not '2y'\n");
  }

  /**
   * {@code chat group mute} and {@code unmute}: the muted member's {@code chat send} is refused
   * with the relay's words and exit 1 until the mute is lifted.
   */
  @Test
  void mute_asScripts_theMutedMembersSendIsRefused_untilUnmuted() throws Exception {
    for (String user : new String[] {"alice", "bob"}) {
      chat.ok("register", "--user", user);
    }
    chat.ok("group", "create", "team", "--user", "alice");
    chat.ok("group", "invite", "team", "bob", "--user", "alice");
    chat.ok("join", "team", "--user", "bob");

    assertThat(
            chat.ok(
                    "group",
                    "mute",
                    "team",
                    "bob",
                    "--for",
                    "30m",
                    "--reason",
                    "calm down",
                    "--user",
                    "alice")
                .out())
        .startsWith("muted bob in #team until ");
    ScriptRunner.Result refused = chat.run("send", "team", "hello?", "--user", "bob");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).isEqualTo("chat: you are muted in #team for 30 more minutes\n");
    chat.ok("group", "mute", "team", "bob", "--for", "2w", "--user", "alice");
    assertThat(chat.run("send", "team", "hello?", "--user", "bob").err())
        .isEqualTo("chat: you are muted in #team for 14 more days\n");

    assertThat(chat.ok("group", "unmute", "team", "bob", "--user", "alice").out())
        .isEqualTo("bob may post in #team again\n");
    chat.ok("send", "team", "thanks", "--user", "bob");
    JsonNode muted =
        JSON.readTree(chat.ok("group", "mute", "team", "bob", "--json", "--user", "alice").out());
    assertThat(muted.get("action").asText()).isEqualTo("mute");
    assertThat(muted.get("user").asText()).isEqualTo("bob");
    assertThat(chat.run("send", "team", "again", "--user", "bob").err())
        .isEqualTo("chat: you are muted in #team\n");
  }

  /** Bob, registered, holds alice's invitation to the group #dev, sent while he was away. */
  private void bobInvitedToDevWhileAway() {
    for (String user : new String[] {"alice", "bob"}) {
      chat.ok("register", "--user", user);
    }
    chat.ok("group", "create", "dev", "--user", "alice");
    chat.ok("group", "invite", "dev", "bob", "--user", "alice");
  }

  @Test
  void invitationWaitingAtLogin_inLineMode_isAddressedToTheInvitee_withHowToJoin() {
    bobInvitedToDevWhileAway();

    ScriptRunner.Result lineMode = chat.runWithStdin("/rooms\n", "--plain", "--user", "bob");

    assertThat(lineMode.exitCode()).as(lineMode.err()).isZero();
    assertThat(lineMode.stdout())
        .contains("alice invited you to #dev: /join #dev to enter or /decline #dev to decline")
        .doesNotContain("invited bob");
  }

  @Test
  void invitationWaitingAtLogin_inListen_isPrintedAddressedToTheInvitee() {
    bobInvitedToDevWhileAway();
    chat.ok("send", "lobby", "standup in 5", "--user", "alice");

    ScriptRunner.Result listened = chat.ok("listen", "--user", "bob", "--count", "1");

    assertThat(listened.out())
        .contains(
            "alice invited you to #dev: chat join dev to enter or chat group decline dev to decline")
        .contains("standup in 5");
  }

  @Test
  void friendRequest_asScripts_waitsForTheAnswer() throws Exception {
    chat.ok("register", "--user", "alice");
    chat.ok("register", "--user", "bob");
    assertThat(chat.ok("friend", "add", "bob", "--user", "alice").out())
        .isEqualTo("sent a friend request to bob\n");
    JsonNode pending = JSON.readTree(chat.ok("friends", "--json", "--user", "bob").out());
    assertThat(pending.get("friendship").asText()).isEqualTo("REQUEST_RECEIVED");
    assertThat(chat.ok("friend", "accept", "alice", "--user", "bob").out())
        .isEqualTo("you and alice are friends\n");
    JsonNode friend = JSON.readTree(chat.ok("friends", "--json", "--user", "alice").out());
    assertThat(friend.get("friendship").asText()).isEqualTo("FRIENDS");
    assertThat(friend.get("status").asText()).isEqualTo("OFFLINE");
    ScriptRunner.Result twice = chat.run("friend", "accept", "alice", "--user", "bob");
    assertThat(twice.exitCode()).isEqualTo(1);
    assertThat(twice.err()).isEqualTo("chat: already friends with alice\n");
  }
}
