package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.FakeChatClient;
import chat.cli.client.MemberView;
import chat.cli.client.TrustState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomsCommandTest {
  private final FakeChatClient fake = new FakeChatClient();

  private Cli.Result rooms() {
    return Cli.withPassphrase()
        .env(Secrets.ENV_PASSWORD, "a password")
        .env("CHAT_USER", "alice")
        .client(fake)
        .run("rooms");
  }

  private void room(String name, String... members) {
    List<MemberView> list = new ArrayList<>();
    for (String member : members) {
      list.add(new MemberView(member, true, TrustState.VERIFIED));
    }
    fake.members.put(name, list);
  }

  @Test
  void rooms_shortNames_inAColumnOf24() {
    room("#ops", "alice", "bob");
    room("#dev", "bob");

    Cli.Result result = rooms();

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().lines())
        .containsExactlyInAnyOrder(
            "* #lobby" + " ".repeat(19) + "1 member",
            "* #ops" + " ".repeat(21) + "2 members",
            "  #dev" + " ".repeat(21) + "1 member");
  }

  @Test
  void rooms_aNameLongerThanTheColumn_widensItForEveryRow() {
    String longName = "#" + "r".repeat(63);
    room(longName, "bob");
    room("#ops", "alice");

    Cli.Result result = rooms();

    assertThat(result.out().lines())
        .containsExactlyInAnyOrder(
            "* #lobby" + " ".repeat(59) + "1 member",
            "  " + longName + " 1 member",
            "* #ops" + " ".repeat(61) + "1 member");
  }

  @Test
  void rooms_json_oneObjectPerRoom_withGroupAndTitle() {
    room("#dev", "bob");
    fake.login("alice", "a password".toCharArray(), "a passphrase".toCharArray());
    fake.createGroup("team");
    fake.renameGroup("#team", "Release crew");

    Cli.Result result =
        Cli.withPassphrase()
            .env(Secrets.ENV_PASSWORD, "a password")
            .env("CHAT_USER", "alice")
            .client(fake)
            .run("rooms", "--json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().lines())
        .containsExactlyInAnyOrder(
            "{\"type\":\"room\",\"room\":\"#lobby\",\"members\":1,\"joined\":true,"
                + "\"group\":false,\"title\":\"\",\"invited\":false}",
            "{\"type\":\"room\",\"room\":\"#dev\",\"members\":1,\"joined\":false,"
                + "\"group\":false,\"title\":\"\",\"invited\":false}",
            "{\"type\":\"room\",\"room\":\"#team\",\"members\":1,\"joined\":true,"
                + "\"group\":true,\"title\":\"Release crew\",\"invited\":false}");
  }
}
