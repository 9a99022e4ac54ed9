package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IgnoredUsersTest {
  @TempDir Path dir;

  @Test
  void change_isSeenByAnotherProcessOfTheProfile_inLowercase_andSurvives() throws Exception {
    Path file = dir.resolve("ignored.json");
    IgnoredUsers tui = new IgnoredUsers(file, ProfileWriter.FILES);
    IgnoredUsers script = new IgnoredUsers(file, ProfileWriter.FILES);
    assertThat(script.current()).isEmpty();

    assertThat(tui.change("Mallory", true)).isTrue();
    assertThat(tui.change("mallory", true)).isFalse();
    assertThat(script.change("eve", true)).isTrue();

    assertThat(tui.current()).containsExactlyInAnyOrder("mallory", "eve");
    assertThat(new IgnoredUsers(file, ProfileWriter.FILES).current())
        .containsExactlyInAnyOrder("mallory", "eve");
    assertThat(Files.readString(file)).isEqualTo("{\"ignored\":[\"eve\",\"mallory\"]}");
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertThat(Files.getPosixFilePermissions(file))
          .extracting(Object::toString)
          .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }
    assertThat(script.change("MALLORY", false)).isTrue();
    assertThat(tui.current()).containsExactly("eve");
  }

  /** A file that cannot be read is not damaged: moving it away would not be the fix. */
  @Test
  void fileThatCannotBeRead_isSaidSo_notCalledDamaged() throws Exception {
    Path file = Files.createDirectory(dir.resolve("ignored.json"));

    assertThatThrownBy(() -> new IgnoredUsers(file, ProfileWriter.FILES).checked())
        .isExactlyInstanceOf(CommandException.FileAccess.class)
        .hasMessageStartingWith("cannot read " + file + ": ")
        .hasMessageNotContaining("move it away");
  }

  /** Anything the client does not write there is damage, said, not read as "no one". */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"ignored\":null}|not what the client writes there: no list of users",
        "{\"ignored\":[5]}|not what the client writes there at line 1",
        "{\"ignored\":[\"bad name!!\",\"alice\"]}|not what the client writes there: not a username",
        "{\"ignored\":[null]}|not what the client writes there: not a username",
        "''|it is empty, or only white space"
      })
  void damagedFile_anythingButAListOfNames_isSaid(String text, String reason) throws Exception {
    Path file = dir.resolve("ignored.json");
    Files.writeString(file, text);

    assertThatThrownBy(() -> new IgnoredUsers(file, ProfileWriter.FILES).checked())
        .isInstanceOf(CommandException.FileAccess.class)
        .hasMessageContaining("ignored.json is damaged (" + reason);
  }

  @Test
  void damagedFile_readsKeepWhatWasRead_aChangeSaysWhatIsWrong() throws Exception {
    Path file = dir.resolve("ignored.json");
    IgnoredUsers ignored = new IgnoredUsers(file, ProfileWriter.FILES);
    ignored.change("mallory", true);
    Files.writeString(file, "{not json");
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 60_000));

    assertThat(ignored.current()).containsExactly("mallory");
    assertThatThrownBy(ignored::checked)
        .as("listed, the damage is said, not 'no one'")
        .isInstanceOf(CommandException.FileAccess.class)
        .hasMessageContaining("ignored.json is damaged");
    assertThatThrownBy(() -> ignored.change("eve", true))
        .isInstanceOf(CommandException.FileAccess.class)
        .hasMessageContaining("ignored.json is damaged")
        .hasMessageContaining("move it away");
  }

  /** A name that cannot be a username is damage: said without quoting it, never shown. */
  @Test
  void namesThatCannotBeUsernames_inTheFile_areDamage_saidWithoutQuotingThem() throws Exception {
    Path file = dir.resolve("ignored.json");
    Files.writeString(file, "{\"ignored\":[\"Bob\",\"\\u001b[2J\"]}");

    assertThatThrownBy(() -> new IgnoredUsers(file, ProfileWriter.FILES).checked())
        .hasMessageContaining("(not what the client writes there: not a username)")
        .hasMessageNotContaining("\u001b");
  }

  @Test
  void pastTheBound_refused() {
    Path file = dir.resolve("ignored.json");
    IgnoredUsers ignored = new IgnoredUsers(file, ProfileWriter.FILES);
    for (int i = 0; i < IgnoredUsers.MAX; i++) {
      ignored.change("user" + i, true);
    }

    assertThatThrownBy(() -> ignored.change("onemore", true))
        .isInstanceOf(CommandException.Usage.class)
        .hasMessageContaining("/unignore one first");
    assertThat(ignored.current()).hasSize(IgnoredUsers.MAX).doesNotContain("onemore");
  }
}
