package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.ChatMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuotesTest {
  private final DeletedIds deleted = new DeletedIds();
  private final Quotes quotes = new Quotes(deleted);

  private static ChatMessage message(String conversation, long seq, String sender, String text) {
    return new ChatMessage(
        conversation, seq, "%032x".formatted(seq), sender, 1_000, 1_000, text, false);
  }

  private static String id(long seq) {
    return "%032x".formatted(seq);
  }

  @Test
  void answered_aRememberedMessage_givesItsSenderAndTheStartOfItsText() {
    quotes.remember(message("#a", 1, "bob", "  deploy at noon, ok?\n"));
    quotes.remember(message("#a", 2, "carol", "x".repeat(100)));

    assertThat(quotes.answered("#a", id(1)))
        .isEqualTo(new ChatMessage.Reply(id(1), "bob", "deploy at noon, ok?", false));
    assertThat(quotes.answered("#a", id(2)).excerpt())
        .isEqualTo("x".repeat(ChatMessage.Reply.EXCERPT_GLYPHS) + "…");
  }

  @Test
  void answered_anIdOfAnotherConversationOrNeverSeen_isUnknown() {
    quotes.remember(message("#a", 1, "bob", "secret plan"));

    assertThat(quotes.answered("#b", id(1))).isEqualTo(ChatMessage.Reply.unknown(id(1)));
    assertThat(quotes.answered("#a", id(9))).isEqualTo(ChatMessage.Reply.unknown(id(9)));
  }

  @Test
  void answered_aDeletedMessage_keepsItsSenderAndLosesItsText() {
    quotes.remember(message("#a", 1, "bob", "oops, the password is hunter2"));
    quotes.deleted("#a", List.of(id(1)));
    deleted.add("#b", List.of(id(5)));

    assertThat(quotes.answered("#a", id(1)))
        .isEqualTo(new ChatMessage.Reply(id(1), "bob", "", true));
    assertThat(quotes.answered("#b", id(5))).isEqualTo(new ChatMessage.Reply(id(5), "", "", true));
  }

  @Test
  void answered_aMessageRememberedAfterItsDeletionWasSaid_isDeletedStill() {
    deleted.add("#a", List.of(id(1)));
    quotes.remember(message("#a", 1, "bob", "late push"));

    assertThat(quotes.answered("#a", id(1))).isEqualTo(new ChatMessage.Reply(id(1), "", "", true));
    assertThat(quotes.newestFrom("#a", "bob")).isEmpty();
  }

  @Test
  void newestFrom_isTheHighestNumberedOfThatSender_whateverOrderTheyCameIn() {
    quotes.remember(message("#a", 5, "Bob", "newer"));
    quotes.remember(message("#a", 3, "bob", "older, from a history page"));
    quotes.remember(message("#a", 4, "carol", "hi"));
    quotes.remember(message("#b", 9, "bob", "elsewhere"));

    assertThat(quotes.newestFrom("#a", "BOB")).contains(id(5));
    assertThat(quotes.newestFrom("#a", "dave")).isEmpty();
  }

  @Test
  void newestFrom_aDeletedNewest_isNone() {
    quotes.remember(message("#a", 1, "bob", "first"));
    quotes.remember(message("#a", 2, "bob", "second"));
    quotes.deleted("#a", List.of(id(2)));

    assertThat(quotes.newestFrom("#a", "bob")).isEmpty();
  }

  @Test
  void remember_pastTheLimit_forgetsTheFirstRemembered() {
    for (int seq = 1; seq <= Quotes.MAX + 1; seq++) {
      quotes.remember(message("#a", seq, "user" + seq, "text " + seq));
    }

    assertThat(quotes.answered("#a", id(1)).known()).isFalse();
    assertThat(quotes.newestFrom("#a", "user1")).isEmpty();
    assertThat(quotes.answered("#a", id(2)).sender()).isEqualTo("user2");
    assertThat(quotes.newestFrom("#a", "user" + (Quotes.MAX + 1))).contains(id(Quotes.MAX + 1));
  }
}
