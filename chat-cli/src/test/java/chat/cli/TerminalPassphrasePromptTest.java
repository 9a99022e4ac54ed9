package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminalPassphrasePromptTest {
  @TempDir File dir;

  /**
   * A command that waits for its login keeps the echo bin/chat turned off until it is logged in,
   * then turns it on: a long-running one ({@code chat listen}) must not go on hiding the typing.
   */
  @Test
  void hideTyping_echoHeldByTheLauncher_closingTurnsTheEchoOn() {
    AtomicInteger echoTurnedOn = new AtomicInteger();
    HeldEcho held = new HeldEcho(true, echoTurnedOn::incrementAndGet);
    TerminalPassphrasePrompt prompt =
        new TerminalPassphrasePrompt(null, new File(dir, "no-terminal"), held);

    PassphrasePrompt.Hidden typing = prompt.hideTyping();
    assertThat(echoTurnedOn).hasValue(0);
    typing.close();

    assertThat(echoTurnedOn).hasValue(1);
  }

  @Test
  void hideTyping_noTerminalAndNothingHeld_changesNothing() {
    TerminalPassphrasePrompt prompt =
        new TerminalPassphrasePrompt(null, new File(dir, "no-terminal"), HeldEcho.NONE);

    assertThat(prompt.hideTyping()).isSameAs(PassphrasePrompt.Hidden.NOTHING);
  }
}
