package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.FakeChatClient;
import chat.cli.client.SessionView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlashCompleterTest {
  private final FakeChatClient client = new FakeChatClient();
  private final CommandRegistry registry = CommandRegistry.standard();
  private final SlashCompleter completer = new SlashCompleter(client, registry);

  @BeforeEach
  void setUp() {
    client.login("alice", "pw".toCharArray(), "pp".toCharArray());
    client.join("rust");
    client.join("ruby");
    client.fireMembership("#lobby", "bob", true);
    client.fireMembership("#lobby", "bea", true);
    client.fireMembership("#java", "carol", true);
  }

  private List<String> complete(String line) {
    return completer.complete(line, line.length());
  }

  @Test
  void complete_slashPrefix_commandNamesThenAliases() {
    assertThat(complete("/s"))
        .containsExactly("/safety", "/search", "/send", "/sessions", "/switch", "/safetynumber");
  }

  @Test
  void complete_sessionsArgument_offersEndOnlyAsTheFirstWord() {
    assertThat(complete("/sessions ")).containsExactly("end");
    assertThat(complete("/sessions E")).containsExactly("end");
    assertThat(complete("/sessions x")).isEmpty();
  }

  @Test
  void complete_sessionsEnd_otherSessionIdsFromTheRelayNeverOwn() {
    Instant at = Instant.parse("2026-12-03T01:00:00Z");
    client.sessionList.add(new SessionView("edebe748ed31", at, at, "127.0.0.1", true));
    client.sessionList.add(new SessionView("76532393a228", at, at, "127.0.0.1", false));
    client.sessionList.add(new SessionView("7a0000000001", at, at, "10.0.0.2", false));
    SlashCompleter answered =
        new SlashCompleter(
            client,
            registry,
            List.of(),
            new SessionIdCompletion(client, Runnable::run, System::nanoTime));

    assertThat(answered.complete("/sessions end ", 14))
        .containsExactly("76532393a228", "7a0000000001");
    assertThat(answered.complete("/sessions END 7A", 16)).containsExactly("7a0000000001");
    assertThat(answered.complete("/sessions end e", 15)).isEmpty();
    assertThat(answered.complete("/sessions x ", 12)).isEmpty();
    assertThat(answered.complete("/sessions end 76532393a228 ", 27)).isEmpty();
  }

  /** Completing {@code end} already asks for the ids, so that the Tab on the id finds them. */
  @Test
  void complete_sessionsEndWord_asksForTheIdsAhead() {
    Instant at = Instant.parse("2026-12-03T01:00:00Z");
    client.sessionList.add(new SessionView("76532393a228", at, at, "127.0.0.1", false));
    List<Runnable> asked = new ArrayList<>();
    SlashCompleter completing =
        new SlashCompleter(
            client, registry, List.of(), new SessionIdCompletion(client, asked::add, () -> 0));

    assertThat(completing.complete("/sessions e", 11)).containsExactly("end");
    assertThat(asked).hasSize(1);
    asked.forEach(Runnable::run);

    assertThat(completing.complete("/sessions end ", 14)).containsExactly("76532393a228");
  }

  @Test
  void complete_exactAlias_comesFirst() {
    assertThat(complete("/w")).startsWith("/w").contains("/who");
  }

  @Test
  void complete_loneSlash_offersEveryCommand() {
    assertThat(complete("/")).contains("/join", "/quit", "/exit").hasSizeGreaterThan(20);
  }

  @Test
  void complete_pmArgument_knownUsersWithoutSelf() {
    assertThat(complete("/pm b")).containsExactly("bea", "bob");
    assertThat(complete("/pm ")).containsExactly("bea", "bob", "carol");
  }

  @Test
  void complete_inviteList_completesTheNameAfterTheLastComma() {
    assertThat(complete("/invite b")).containsExactly("bea", "bob");
    assertThat(complete("/invite bob,c")).containsExactly("bob,carol");
    assertThat(complete("/invite bea,bob,@c")).containsExactly("bea,bob,@carol");
    assertThat(complete("/invite bob,carol #ru")).containsExactly("#ruby", "#rust");
  }

  @Test
  void complete_verifyUser_caseInsensitive() {
    assertThat(complete("/verify CA")).containsExactly("carol");
  }

  @Test
  void complete_joinArgument_roomsWithOrWithoutHash() {
    assertThat(complete("/join ")).containsExactly("#lobby", "#ruby", "#rust");
    assertThat(complete("/join #ru")).containsExactly("#ruby", "#rust");
    assertThat(complete("/join ru")).containsExactly("ruby", "rust");
  }

  @Test
  void complete_switchArgument_roomsThenUsers() {
    assertThat(complete("/switch b")).containsExactly("bea", "bob");
    assertThat(complete("/switch ")).startsWith("#lobby").contains("bob", "carol");
  }

  @Test
  void complete_secondArgumentOfPm_nothing() {
    assertThat(complete("/pm bob b")).isEmpty();
  }

  @Test
  void complete_atSignInText_usernamesWithAt() {
    assertThat(complete("hi @b")).containsExactly("@bea", "@bob");
    assertThat(complete("/pm @c")).containsExactly("@carol");
  }

  @Test
  void complete_plainText_nothing() {
    assertThat(complete("hello b")).isEmpty();
    assertThat(complete("//jo")).isEmpty();
  }

  @Test
  void complete_helpArgument_commandNamesWithoutSlash() {
    assertThat(complete("/help hi")).containsExactly("history");
  }

  @Test
  void complete_cursorInsideLine_completesWordEndingAtCursor() {
    assertThat(completer.complete("/pm bo hello", 6)).containsExactly("bob");
  }

  @Test
  void complete_unknownCommandArgument_nothing() {
    assertThat(complete("/frob b")).isEmpty();
  }

  @Test
  void complete_extraSource_consultedForAnyWord() {
    CompletionSource emoji =
        (line, word) -> word.startsWith(":") ? List.of(":smile:", ":smirk:") : List.of();
    SlashCompleter withEmoji = new SlashCompleter(client, registry, List.of(emoji));

    assertThat(withEmoji.complete("nice :sm", 8)).containsExactly(":smile:", ":smirk:");
    assertThat(withEmoji.complete("/pm b", 5)).containsExactly("bea", "bob");
  }

  @Test
  void complete_notLoggedIn_commandsOnlyNoUsers() {
    FakeChatClient fresh = new FakeChatClient();
    SlashCompleter loggedOut = new SlashCompleter(fresh, registry);

    assertThat(loggedOut.complete("/lo", 3)).containsExactly("/login", "/logout");
    assertThat(loggedOut.complete("/join ", 6)).isEmpty();
  }
}
