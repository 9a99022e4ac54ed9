package chat.cli.tui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InputHistoryTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "|",
      value = {
        "/login alice hunter2 | /login alice ***",
        "/register bob pw passphrase | /register bob ***",
        "/LOGIN alice hunter2 | /LOGIN alice ***",
        "/login   alice    hunter2 | /login alice ***",
        "/login -p hunter2 alice | /login ***",
        "/login alice | /login alice",
        "/login | /login",
        "/join #dev | /join #dev",
        "hello /login alice pw | hello /login alice pw",
        "/loginx alice pw | /loginx alice pw",
        "/passwd old-secret new-secret | /passwd ***",
        "/PASSPHRASE new-phrase | /PASSPHRASE ***",
        "/passwd | /passwd",
      })
  void redact_secretCommands_hideEverythingAfterUsername(String line, String expected) {
    assertThat(InputHistory.redact(line)).isEqualTo(expected);
  }

  @Test
  void add_loginWithPassword_storesRedactedLineOnly() {
    InputHistory history = new InputHistory();

    history.add("/login alice hunter2");

    assertThat(history.lines()).containsExactly("/login alice ***");
    assertThat(String.join("", history.lines())).doesNotContain("hunter2");
  }

  @Test
  void previousAndNext_afterTwoLines_browseAndRestoreDraft() {
    InputHistory history = new InputHistory();
    history.add("one");
    history.add("two");

    assertThat(history.previous("draft")).contains("two");
    assertThat(history.previous("two")).contains("one");
    assertThat(history.previous("one")).isEmpty();
    assertThat(history.next()).contains("two");
    assertThat(history.next()).contains("draft");
    assertThat(history.next()).isEmpty();
  }

  @Test
  void add_repeatsAndBlanks_notStored() {
    InputHistory history = new InputHistory();

    history.add("same");
    history.add("same");
    history.add("   ");

    assertThat(history.lines()).containsExactly("same");
  }

  @Test
  void add_beyondLimit_dropsOldest() {
    InputHistory history = new InputHistory();
    for (int i = 0; i < InputHistory.MAX_LINES + 5; i++) {
      history.add("line " + i);
    }

    assertThat(history.lines()).hasSize(InputHistory.MAX_LINES).first().isEqualTo("line 5");
  }
}
