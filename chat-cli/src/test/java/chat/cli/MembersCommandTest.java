package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.FakeChatClient;
import chat.cli.client.MemberRole;
import chat.cli.client.MemberView;
import chat.cli.client.Presence;
import chat.cli.client.TrustState;
import chat.cli.command.BanText;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MembersCommandTest {
  private final FakeChatClient client = new FakeChatClient();

  private Cli cli() {
    return Cli.withPassphrase().env("CHAT_PASSWORD", "a password").client(client);
  }

  @Test
  void members_changedKey_isSpelledAsInLineMode() {
    client.members.put(
        "#lobby",
        new ArrayList<>(
            List.of(
                new MemberView("alice", true, TrustState.VERIFIED),
                new MemberView("bob", false, TrustState.CHANGED),
                new MemberView("carol", false, TrustState.UNVERIFIED))));

    Cli.Result result = cli().run("--user", "alice", "members");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().lines())
        .containsExactly(
            String.format("%-32s %-8s %s", "alice", "online", "verified"),
            String.format("%-32s %-8s %s", "bob", "offline", "key CHANGED"),
            String.format("%-32s %-8s %s", "carol", "offline", "unverified"));
  }

  @Test
  void members_muted_saidWithTheirEnd_asTextAndJson_asTheRelayListsThem() {
    // dave's mute ends in the past by this machine's clock, but the relay, which lists only the
    // mutes in force by its own, listed it: a clock ahead must not hide a mute the relay enforces.
    java.time.Instant until = java.time.Instant.parse("2031-05-06T07:08:00Z");
    Presence online = Presence.of(true);
    client.members.put(
        "#lobby",
        new ArrayList<>(
            List.of(
                new MemberView(
                    "bob", true, TrustState.UNVERIFIED, MemberRole.MEMBER, online, true, until),
                new MemberView(
                    "carol", true, TrustState.UNVERIFIED, MemberRole.ADMIN, online, true, null),
                new MemberView(
                    "dave",
                    true,
                    TrustState.UNVERIFIED,
                    MemberRole.MEMBER,
                    online,
                    true,
                    java.time.Instant.parse("2020-01-01T00:00:00Z")))));

    Cli.Result text = cli().run("--user", "alice", "members");
    Cli.Result json = cli().run("--user", "alice", "members", "--json");

    assertThat(text.out().lines())
        .startsWith(
            String.format("%-32s %-8s %s", "bob", "online", "unverified")
                + "  muted until "
                + BanText.when(until),
            String.format("%-32s %-8s %s", "carol", "online", "unverified") + "  admin  muted",
            String.format("%-32s %-8s %s", "dave", "online", "unverified")
                + "  muted until "
                + BanText.when(java.time.Instant.parse("2020-01-01T00:00:00Z")));
    assertThat(json.out().lines())
        .startsWith(
            "{\"type\":\"member\",\"user\":\"bob\",\"online\":true,\"trust\":\"UNVERIFIED\","
                + "\"status\":\"ONLINE\",\"role\":\"MEMBER\",\"muted\":true,"
                + "\"mutedUntil\":\"2031-05-06T07:08:00.000Z\"}",
            "{\"type\":\"member\",\"user\":\"carol\",\"online\":true,\"trust\":\"UNVERIFIED\","
                + "\"status\":\"ONLINE\",\"role\":\"ADMIN\",\"muted\":true,\"mutedUntil\":\"\"}",
            "{\"type\":\"member\",\"user\":\"dave\",\"online\":true,\"trust\":\"UNVERIFIED\","
                + "\"status\":\"ONLINE\",\"role\":\"MEMBER\",\"muted\":true,"
                + "\"mutedUntil\":\"2020-01-01T00:00:00.000Z\"}");
  }
}
