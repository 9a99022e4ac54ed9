package chat.server.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

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
}
