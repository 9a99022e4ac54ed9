package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile keeps one relay's session, read positions and contacts: one logged in to a relay is
 * refused on another (another certificate) instead of forgetting the first relay's session and read
 * positions, until it is logged out there. One relay under two names is not refused: see
 * FileTransferEndToEndTest, whose clients reach one relay directly and through a proxy.
 */
class TwoRelaysOneProfileEndToEndTest {
  @RegisterExtension final RelayExtension first = new RelayExtension();
  @RegisterExtension final RelayExtension second = new RelayExtension();
  @TempDir Path home;

  @Test
  void aProfileLoggedInToOneRelay_isRefusedOnAnother_keepsItsSession_untilLoggedOut() {
    assertThat(first.scripts(home).run("register", "--user", "alice").exitCode()).isZero();

    // the first time, once its certificate is seen; then at once, before any prompt
    for (int attempt = 1; attempt <= 2; attempt++) {
      ScriptRunner.Result elsewhere = second.scripts(home).run("rooms", "--user", "alice");

      assertThat(elsewhere.exitCode()).as(elsewhere.err()).isEqualTo(1);
      assertThat(elsewhere.err())
          .as("attempt " + attempt)
          .contains(
              "chat: this profile ("
                  + home.resolve("alice")
                  + ") is logged in to the relay 127.0.0.1:"
                  + first.port()
                  + ", not 127.0.0.1:"
                  + second.port()
                  + " (another certificate): a profile keeps one relay's session")
          .contains("first chat logout --server 127.0.0.1:" + first.port() + " --user alice");
    }
    ScriptRunner.Result kept =
        first.scripts(home).env("CHAT_PASSWORD", "").run("rooms", "--user", "alice");
    assertThat(kept.exitCode()).as("no password: the session is kept\n" + kept.err()).isZero();

    assertThat(first.scripts(home).run("logout", "--user", "alice").exitCode()).isZero();
    ScriptRunner.Result moved = second.scripts(home).run("register", "--user", "alice");
    assertThat(moved.exitCode()).as(moved.err()).isZero();
  }
}
