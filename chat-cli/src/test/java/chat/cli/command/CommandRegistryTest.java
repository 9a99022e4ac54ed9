package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandRegistryTest {
  private final CommandRegistry registry = CommandRegistry.standard();

  @Test
  void standard_hasEveryCommandOfTheBrief() {
    for (String name :
        List.of(
            "register",
            "login",
            "logout",
            "join",
            "leave",
            "part",
            "switch",
            "rooms",
            "members",
            "who",
            "send",
            "pm",
            "w",
            "msg",
            "query",
            "history",
            "fingerprint",
            "verify",
            "trust",
            "safety",
            "safetynumber",
            "clear",
            "help",
            "quit",
            "exit")) {
      assertThat(registry.find(name)).as(name).isPresent();
    }
  }

  @Test
  void find_aliasAnyCaseWithSlash_returnsCommand() {
    assertThat(registry.find("/WHO")).get().extracting(SlashCommand::name).isEqualTo("members");
  }

  @Test
  void find_unknown_isEmpty() {
    assertThat(registry.find("frobnicate")).isEmpty();
  }

  @Test
  void nearest_typo_suggestsCommand() {
    assertThat(registry.nearest("jion")).contains("join");
    assertThat(registry.nearest("/histroy")).contains("history");
    assertThat(registry.nearest("fing")).contains("fingerprint");
  }

  @Test
  void suggestions_theStartOfSeveralNames_offersThemAll() {
    assertThat(registry.suggestions("/s"))
        .containsExactly("safety", "search", "send", "sessions", "switch");
    assertThat(registry.suggestions("/que")).containsExactly("query");
  }

  @Test
  void suggestions_anotherClientsName_offersOursForIt_notTheNearestSpelling() {
    assertThat(registry.suggestions("/names")).containsExactly("members");
    assertThat(registry.suggestions("/CLOSE")).containsExactly("leave");
    assertThat(registry.suggestions("/list")).containsExactly("rooms");
    assertThat(registry.suggestions("/op")).containsExactly("admin");
    assertThat(registry.suggestions("/block")).containsExactly("ignore");
  }

  @Test
  void suggestions_aTypo_offersTheNearest() {
    assertThat(registry.suggestions("jion")).containsExactly("join");
    assertThat(registry.suggestions("xyzzyplugh")).isEmpty();
  }

  @Test
  void nearest_farFromEverything_isEmpty() {
    assertThat(registry.nearest("xyzzyplugh")).isEmpty();
  }

  @Test
  void constructor_duplicateAlias_throws() {
    SlashCommand first = SlashCommand.named("one", "/one", "one").aliases("x").runs((c, x) -> {});
    SlashCommand second = SlashCommand.named("two", "/two", "two").aliases("x").runs((c, x) -> {});

    assertThatThrownBy(() -> new CommandRegistry(List.of(first, second)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void commands_eachHasUsageStartingWithItsName() {
    for (SlashCommand command : registry.commands()) {
      assertThat(command.usage()).startsWith("/" + command.name());
      assertThat(command.summary()).isNotBlank();
    }
  }
}
