package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.FakeChatClient;
import chat.cli.client.MemberView;
import chat.cli.client.TrustState;
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
}
