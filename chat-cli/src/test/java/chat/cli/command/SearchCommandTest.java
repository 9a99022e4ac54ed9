package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.HeldMessages;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /search [CONVERSATION] TEXT} over the decrypted recent history. */
class SearchCommandTest {
  private final SlashCommandDispatcher dispatcher = new SlashCommandDispatcher();
  private final RecordingContext context = new RecordingContext().loggedInAs("alice");

  private void run(String line) {
    dispatcher.dispatch(line, context);
  }

  @Test
  void search_currentConversation_listsTheMessagesContainingTheText_inAnyCase() {
    context.client.deliver("#lobby", "bob", "Deploy at noon");
    context.client.deliver("#lobby", "carol", "lunch?");
    context.client.deliver("#lobby", "bob", "the deploy is done");

    run("/search DEPLOY");

    assertThat(context.client.calls).containsExactly("history #lobby " + SearchCommand.WINDOW);
    assertThat(context.lines)
        .containsExactly(
            "info: 2 of the 3 messages of #lobby contain \"DEPLOY\":",
            "message: #lobby <bob> Deploy at noon",
            "message: #lobby <bob> the deploy is done");
  }

  /** A first word with # or @ names the conversation; the rest, spaces kept, is searched for. */
  @Test
  void search_namedConversation_searchesThere_forTheRestOfTheLine() {
    context.client.join("#ops");
    context.client.calls.clear();
    context.client.deliver("#ops", "bob", "disk  full on db1");
    context.client.deliver("#ops", "bob", "disk full on db2");

    run("/search #ops disk  full");

    assertThat(context.client.calls).containsExactly("history #ops " + SearchCommand.WINDOW);
    assertThat(context.lines)
        .containsExactly(
            "info: 1 of the 2 messages of #ops contains \"disk  full\":",
            "message: #ops <bob> disk  full on db1");
  }

  /** A first word with # that is no room of yours (a ticket number) is part of the text. */
  @Test
  void search_aFirstHashWordThatIsNoRoomOfYours_isPartOfTheText() {
    context.client.deliver("#lobby", "bob", "see #123 crash log");

    run("/search #123 crash");

    assertThat(context.client.calls).containsExactly("history #lobby " + SearchCommand.WINDOW);
    assertThat(context.lines)
        .containsExactly(
            "info: 1 of the 1 message of #lobby contains \"#123 crash\":",
            "message: #lobby <bob> see #123 crash log");
  }

  /** One word is what is looked for, even one that names a room. */
  @Test
  void search_aSingleWordNamingARoom_isSearchedFor() {
    context.client.deliver("#lobby", "bob", "see #ops for that");

    run("/search #ops");

    assertThat(context.client.calls).containsExactly("history #lobby " + SearchCommand.WINDOW);
    assertThat(context.lines)
        .containsExactly(
            "info: 1 of the 1 message of #lobby contains \"#ops\":",
            "message: #lobby <bob> see #ops for that");
  }

  @Test
  void search_nothingFound_saysWhatWasSearched() {
    context.client.deliver("#lobby", "bob", "hello");

    run("/search goodbye");

    assertThat(context.lines)
        .containsExactly("info: none of the 1 message of #lobby contains \"goodbye\"");
  }

  @Test
  void search_shortcodes_matchTheirEmoji() {
    context.client.deliver("#lobby", "bob", "shipped 🎉");

    run("/search :tada:");

    assertThat(context.lines).contains("message: #lobby <bob> shipped 🎉");
  }

  @Test
  void search_leavesOutUsersIgnored() {
    context.client.deliver("#lobby", "mallory", "deploy now!!");
    context.client.deliver("#lobby", "bob", "deploy later");
    context.client.ignore("mallory", true);

    run("/search deploy");

    assertThat(context.lines)
        .containsExactly(
            "info: 1 of the 2 messages of #lobby contains \"deploy\":",
            "message: #lobby <bob> deploy later",
            "info: 1 more, from a user you ignore, not shown (/ignore lists them)");
  }

  /** Characters the screen does not show cannot hide a word from the search. */
  @Test
  void search_matchesTheTextAsShown_notCharactersTheScreenLeavesOut() {
    context.client.deliver("#lobby", "bob", "the pass\u200bword is \u202eevil\u202c here");
    context.client.deliver("#lobby", "bob", "x\u001b]0;title\u0007y");

    run("/search password");
    run("/search xy");

    assertThat(context.lines)
        .filteredOn(line -> line.startsWith("info:"))
        .containsExactly(
            "info: 1 of the 2 messages of #lobby contains \"password\":",
            "info: 1 of the 2 messages of #lobby contains \"xy\":");
  }

  /** Messages held for a changed key are said, as /history says them, never passed over. */
  @Test
  void search_withHeldMessages_saysThemAfterTheResult() {
    context.client.deliver("#lobby", "carol", "deploy now");
    context.client.held.put("#lobby", List.of(new HeldMessages("#lobby", "bob", List.of(2L, 3L))));

    run("/search deploy");

    assertThat(context.lines)
        .containsExactly(
            "info: 1 of the 1 message of #lobby contains \"deploy\":",
            "message: #lobby <carol> deploy now",
            "info: 2 messages from bob are signed with a new key you have not accepted; they are"
                + " held. Compare the safety number (/safety bob), then /trust bob to read them");
  }

  @Test
  void search_anAccentTypedApartFromItsLetter_matchesOneTypedWithIt() {
    context.client.deliver("#lobby", "bob", "cafe\u0301 at noon");

    run("/search caf\u00e9");

    assertThat(context.lines).contains("message: #lobby <bob> cafe\u0301 at noon");
  }

  /** Letter by letter in any case: a final sigma typed as σ, or İ typed as i, still matches. */
  @Test
  void search_anyCase_letterByLetter_finalSigmaAndDottedCapitalI() {
    context.client.deliver("#lobby", "bob", "\u03bf\u03b4\u03bf\u03c2 \u0130stanbul");

    run("/search \u03bf\u03b4\u03bf\u03c3 istanbul");

    assertThat(context.lines)
        .contains("message: #lobby <bob> \u03bf\u03b4\u03bf\u03c2 \u0130stanbul");
  }

  /** A letter that is two in capitals: ß is SS, so strasse finds Straße, and STRASSE too. */
  @Test
  void search_aLetterThatIsTwoInCapitals_matchesTheTwo() {
    context.client.deliver("#lobby", "bob", "meet at Stra\u00dfe 5");
    context.client.deliver("#lobby", "bob", "the STRASSE sign");

    run("/search stra\u00dfe");

    assertThat(context.lines)
        .contains("info: 2 of the 2 messages of #lobby contain \"stra\u00dfe\":")
        .contains("message: #lobby <bob> meet at Stra\u00dfe 5")
        .contains("message: #lobby <bob> the STRASSE sign");
    context.lines.clear();

    run("/search strasse");

    assertThat(context.lines).contains("message: #lobby <bob> meet at Stra\u00dfe 5");
  }

  @Test
  void search_anAction_isFoundWithItsSender() {
    context.client.deliver("#lobby", "alice", "hi");
    run("/me is deploying");

    run("/search alice is deploying");

    assertThat(context.lines).contains("message: #lobby * alice is deploying");
  }

  @Test
  void search_textThatShowsNothing_isRefused() {
    context.client.deliver("#lobby", "bob", "hello");

    run("/search \u200b\u202e");

    assertThat(context.errors())
        .containsExactly("error: nothing to search for: the text shows nothing");
    assertThat(context.client.calls).as("refused before fetching anything").isEmpty();
  }

  @Test
  void search_aLongText_isQuotedShortened() {
    context.client.deliver("#lobby", "bob", "hello");

    run("/search " + "q".repeat(500));

    assertThat(context.lines)
        .containsExactly(
            "info: none of the 1 message of #lobby contains \""
                + "q".repeat(SearchCommand.MAX_QUOTED_GLYPHS - 3)
                + "...\"");
  }

  @Test
  void search_textFromTheKeyboard_isShownWithoutControlCharacters() {
    context.client.deliver("#lobby", "bob", "hello");

    run("/search he\u001b[2Jllo");

    assertThat(context.lines)
        .as("what the screen would drop is dropped from the search too")
        .containsExactly(
            "info: 1 of the 1 message of #lobby contains \"hello\":",
            "message: #lobby <bob> hello");
  }

  @Test
  void search_emptyConversation_saysSo() {
    run("/search anything");

    assertThat(context.lines).containsExactly("info: no messages to search in #lobby");
  }
}
