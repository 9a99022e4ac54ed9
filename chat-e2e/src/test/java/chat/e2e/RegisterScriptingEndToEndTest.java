package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chat register} with its secrets from the environment, as a script runs it: a taken name is
 * refused before keys are made, and leaves no profile folder behind.
 */
class RegisterScriptingEndToEndTest {
  @RegisterExtension final RelayExtension relay = new RelayExtension();
  @TempDir Path home;
  @TempDir Path otherDevice;
  private ScriptRunner chat;

  @BeforeEach
  void runner() {
    chat = relay.scripts(home);
  }

  @Test
  void register_aTakenName_isRefused_andLeavesNoProfileFolder() throws Exception {
    chat.ok("register", "--user", "alice");

    ScriptRunner elsewhere = relay.scripts(otherDevice);
    ScriptRunner.Result taken = elsewhere.run("register", "--user", "Alice");
    ScriptRunner.Result lookalike = elsewhere.run("register", "--user", "aIice");

    assertThat(taken.exitCode()).isEqualTo(1);
    assertThat(taken.err()).isEqualTo("chat: username already taken\n");
    assertThat(lookalike.exitCode()).isEqualTo(1);
    assertThat(lookalike.err()).contains("the name aIice is too like an existing account's name");
    try (var left = java.nio.file.Files.list(otherDevice)) {
      assertThat(left).as("no profile folder left on the other device").isEmpty();
    }
  }
}
