package chat.server.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
  private static final Path FILE = Path.of("conf", "relay.conf");
  private static final Set<String> KEYS = Set.of("bind", "port", "data-dir", "tls-cert");

  @Test
  void parse_commentsBlankLinesAndSpacing_readsEveryEntryWithItsLine() throws Exception {
    String text =
        "# relay settings\n\nbind=0.0.0.0\n  port = 7443   # the default\ndata-dir = /srv/a#b\n";

    ConfigFile file = ConfigFile.parse(FILE, text, KEYS);

    assertThat(file.get("bind")).contains(new ConfigFile.Entry("0.0.0.0", 3));
    assertThat(file.get("port")).contains(new ConfigFile.Entry("7443", 4));
    assertThat(file.get("data-dir").orElseThrow().value()).isEqualTo("/srv/a#b");
  }

  /** A file far larger than any config (or /dev/zero named by mistake) is refused unread. */
  @Test
  void load_tooLarge_refusedAfterItsBound(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("relay.conf");
    Files.write(big, new byte[ConfigFile.MAX_BYTES + 1]);

    assertThatThrownBy(() -> ConfigFile.load(big, KEYS))
        .isInstanceOf(IOException.class)
        .hasMessage(big + " is too large to be a config file (more than 1048576 bytes)");
  }

  @Test
  void parse_emptyValue_meansDefault() throws Exception {
    ConfigFile file = ConfigFile.parse(FILE, "tls-cert =   # not set\n", KEYS);

    assertThat(file.get("tls-cert")).isEmpty();
    assertThat(file.entries()).containsKey("tls-cert");
  }

  @Test
  void parse_unknownKey_failsWithFileLineAndSuggestion() {
    assertThatThrownBy(() -> ConfigFile.parse(FILE, "bind = ::\n\nprot = 7443\n", KEYS))
        .isInstanceOf(ConfigFileException.class)
        .hasMessage(FILE + ":3: unknown key 'prot' (did you mean 'port'?)");
    assertThatThrownBy(() -> ConfigFile.parse(FILE, "PORT = 7443\n", KEYS))
        .as("keys are lower case: one in capitals gets the hint too")
        .hasMessage(FILE + ":1: unknown key 'PORT' (did you mean 'port'?)");
  }

  @Test
  void parse_aFlagThatIsNoSetting_saysSo() {
    assertThatThrownBy(() -> ConfigFile.parse(FILE, "config = /etc/other.conf\n", KEYS))
        .isInstanceOf(ConfigFileException.class)
        .hasMessage(
            FILE
                + ":1: unknown key 'config': --config is not a setting (--config, --print-config,"
                + " --help and --version are given as flags only)");
  }

  @Test
  void parse_unknownKeyFarFromAny_failsAndPointsAtTheFlagNames() {
    assertThatThrownBy(() -> ConfigFile.parse(FILE, "colour = blue\n", KEYS))
        .hasMessageStartingWith(FILE + ":1: unknown key 'colour'; the keys are the long flag");
  }

  @Test
  void parse_keyWithDashes_failsAndSaysHowToWriteIt() {
    assertThatThrownBy(() -> ConfigFile.parse(FILE, "--port = 1\n", KEYS))
        .hasMessage(FILE + ":1: unknown key '--port' (write it without the dashes: 'port')");
  }

  @Test
  void parse_repeatedKey_failsNamingBothLines() {
    assertThatThrownBy(() -> ConfigFile.parse(FILE, "port = 1\nport = 2\n", KEYS))
        .hasMessage(FILE + ":2: 'port' is set twice (first on line 1)");
  }

  @Test
  void parse_lineWithoutEquals_fails() {
    assertThatThrownBy(() -> ConfigFile.parse(FILE, "bind 0.0.0.0\n", KEYS))
        .hasMessage(FILE + ":1: expected key = value");
  }

  @Test
  void parse_windowsLineEndingsAndByteOrderMark_accepted() throws Exception {
    ConfigFile file = ConfigFile.parse(FILE, "\uFEFFbind = ::1\r\nport = 1\r\n", KEYS);

    assertThat(file.get("bind").orElseThrow().value()).isEqualTo("::1");
    assertThat(file.get("port").orElseThrow().line()).isEqualTo(2);
  }

  @Test
  void load_aByteThatIsNotUtf8_failsNamingItsLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("relay.conf");
    // Latin-1 é in a comment on line 3: byte 33 of the file.
    byte[] latin1 = "bind = ::1\nport = 7443\n# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(file, latin1);

    assertThatThrownBy(() -> ConfigFile.load(file, KEYS))
        .isInstanceOf(ConfigFileException.class)
        .hasMessage(
            file
                + ":3: not UTF-8 text (byte 29 of the file); save it as UTF-8 (plain ASCII is"
                + " UTF-8 too)");
  }

  @Test
  void load_utf8WithAccents_isRead(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("relay.conf");
    Files.writeString(file, "# caf\u00e9\ndata-dir = /srv/caf\u00e9\n", StandardCharsets.UTF_8);

    assertThat(ConfigFile.load(file, KEYS).get("data-dir").orElseThrow().value())
        .isEqualTo("/srv/caf\u00e9");
  }
}
