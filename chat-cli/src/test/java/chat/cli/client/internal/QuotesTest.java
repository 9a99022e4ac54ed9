package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.ChatMessage;
import chat.cli.client.ChatMessage.Reply.Kind;
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
  void answered_aRememberedMessage_givesItsSenderAndTheStartOfItsText_onOneCleanLine() {
    quotes.remember(message("#a", 1, "bob", "  deploy at\nnoon, \u001b[31mok?\n"));
    quotes.remember(message("#a", 2, "carol", "x".repeat(100)));

    assertThat(quotes.answered("#a", id(1)))
        .isEqualTo(new ChatMessage.Reply(id(1), "bob", "deploy at noon, ok?", Kind.TEXT, false));
    assertThat(quotes.answered("#a", id(2)).excerpt())
        .isEqualTo("x".repeat(ChatMessage.Reply.EXCERPT_GLYPHS) + "…");
  }

  @Test
  void answered_anActionOrAFileOffer_saysWhichItIs() {
    quotes.remember(new ChatMessage("#a", 1, id(1), "bob", 1_000, 1_000, "waves", false, true));
    quotes.rememberOffer(new ChatMessage("#a", 2, id(2), "bob", 1_000, 1_000, "", false), "r.pdf");

    assertThat(quotes.answered("#a", id(1)))
        .isEqualTo(new ChatMessage.Reply(id(1), "bob", "waves", Kind.ACTION, false));
    assertThat(quotes.answered("#a", id(2)))
        .isEqualTo(new ChatMessage.Reply(id(2), "bob", "r.pdf", Kind.FILE, false));
  }

  /** Glyphs can be long (a family emoji is 11 characters): the excerpt is bounded in characters. */
  @Test
  void excerpt_longGlyphs_isCutToTheBoundInCharacters_notInsideASurrogatePair() {
    String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66";

    String excerpt = Quotes.excerpt(family.repeat(40));

    assertThat(excerpt.length()).isBetween(Quotes.MAX_EXCERPT_CHARS, Quotes.MAX_EXCERPT_CHARS + 1);
    assertThat(excerpt).endsWith("…");
    assertThat(Character.isHighSurrogate(excerpt.charAt(excerpt.length() - 2))).isFalse();
    assertThat(Quotes.excerpt("a" + "\u0301".repeat(65_000)).length())
        .isLessThanOrEqualTo(Quotes.MAX_EXCERPT_CHARS + 1);
  }

  /**
   * An edit shows the message it corrects only if that is a text message or action of the same
   * sender in the same conversation: one of another sender, a file offer, one of another
   * conversation or the edit itself is a message not held, so an edit never reads as correcting
   * someone else's words.
   */
  @Test
  void editing_onlyAnEarlierTextOfTheSameSender_isShownAsTheOneCorrected() {
    quotes.remember(message("#a", 1, "Bob", "deploy at noon"));
    quotes.remember(message("#a", 2, "carol", "lunch?"));
    quotes.rememberOffer(new ChatMessage("#a", 3, id(3), "bob", 1_000, 1_000, "", false), "r.pdf");
    quotes.remember(message("#b", 4, "bob", "elsewhere"));

    assertThat(quotes.editing(message("#a", 9, "bob", "at one"), id(1)).reply())
        .isEqualTo(
            new ChatMessage.Reply(
                id(1), "Bob", "deploy at noon", Kind.TEXT, false, ChatMessage.Reply.Relation.EDIT));
    for (String other : List.of(id(2), id(3), id(4), id(9), id(7))) {
      assertThat(quotes.editing(message("#a", 9, "bob", "x"), other).reply())
          .as(other)
          .isEqualTo(
              new ChatMessage.Reply(
                  other, "", "", Kind.TEXT, false, ChatMessage.Reply.Relation.EDIT));
    }
    deleted.add("#a", List.of(id(1)));
    quotes.deleted("#a", List.of(id(1)));
    assertThat(quotes.editing(message("#a", 9, "bob", "x"), id(1)).reply())
        .isEqualTo(
            new ChatMessage.Reply(
                id(1), "Bob", "", Kind.TEXT, true, ChatMessage.Reply.Relation.EDIT));
  }

  /**
   * Asked again after a history page, an edit (or a reply) still never names itself, and an edit
   * never corrects a later message of its sender, though both are held by then.
   */
  @Test
  void requoted_keepsTheChecksOfTheFirstShowing() {
    ChatMessage self =
        message("#a", 5, "bob", "fixed it")
            .withReply(ChatMessage.Reply.unknown(id(5)).editBy("bob"));
    ChatMessage ahead =
        message("#a", 6, "bob", "first").withReply(ChatMessage.Reply.unknown(id(7)).editBy("bob"));
    ChatMessage reply = message("#a", 8, "bob", "me").withReply(ChatMessage.Reply.unknown(id(8)));
    quotes.remember(self);
    quotes.remember(ahead);
    quotes.remember(message("#a", 7, "bob", "later"));
    quotes.remember(reply);

    assertThat(((ChatMessage) quotes.requoted(self)).reply().known()).isFalse();
    assertThat(((ChatMessage) quotes.requoted(ahead)).reply().known()).isFalse();
    assertThat(((ChatMessage) quotes.requoted(reply)).reply().known()).isFalse();
    assertThat(quotes.editing(message("#a", 6, "bob", "x"), id(7)).reply().known()).isFalse();
    assertThat(quotes.editing(message("#a", 9, "bob", "x"), id(7)).reply())
        .isEqualTo(
            new ChatMessage.Reply(
                id(7), "bob", "later", Kind.TEXT, false, ChatMessage.Reply.Relation.EDIT));
  }

  /**
   * A reaction names any earlier message of the conversation, of any sender, a file offer too; it
   * is itself never remembered, so nothing answers, corrects or reacts to a reaction.
   */
  @Test
  void related_aReaction_namesAnyEarlierMessage_andIsNotRemembered() {
    quotes.remember(message("#a", 1, "bob", "deploy at noon"));
    quotes.rememberOffer(new ChatMessage("#a", 2, id(2), "bob", 1_000, 1_000, "", false), "r.pdf");
    quotes.remember(message("#a", 9, "bob", "later"));

    ChatMessage.Reply onText =
        quotes.related(message("#a", 5, "carol", "👍"), Content.Text.reaction("👍", id(1))).reply();
    assertThat(onText)
        .isEqualTo(
            new ChatMessage.Reply(
                id(1),
                "bob",
                "deploy at noon",
                Kind.TEXT,
                false,
                ChatMessage.Reply.Relation.REACTION));
    assertThat(
            quotes
                .related(message("#a", 5, "carol", "👍"), Content.Text.reaction("👍", id(2)))
                .reply()
                .kind())
        .isEqualTo(Kind.FILE);
    for (String unknown : List.of(id(9), id(5), id(7))) {
      assertThat(
              quotes
                  .related(message("#a", 5, "carol", "👍"), Content.Text.reaction("👍", unknown))
                  .reply())
          .as(unknown)
          .isEqualTo(ChatMessage.Reply.unknown(unknown).reacted());
    }
    quotes.sent(message("#a", 10, "carol", "🎉"), Content.Text.reaction("🎉", id(9)));
    assertThat(quotes.newestFrom("#a", "carol")).isEmpty();
    assertThat(quotes.newestNotFrom("#a", "carol", java.util.Set.of())).contains(id(9));
    assertThat(quotes.newestNotFrom("#a", "carol", java.util.Set.of("bob"))).isEmpty();
    assertThat(quotes.newestNotFrom("#a", "bob", java.util.Set.of())).isEmpty();
  }

  /**
   * This user's own reactions, sent here or opened from another device, are kept so that the same
   * one is not sent twice; as reactions are counted, a skin tone or variation selector is the same.
   * Others' reactions, and other emoji or messages, are not.
   */
  @Test
  void reactedAlready_ownReactionsSentOrOpened_perMessageAndEmojiAsCounted() {
    ChatMessage own = new ChatMessage("#a", 5, id(5), "alice", 1_000, 1_000, "👍🏽", true);
    quotes.sent(own, Content.Text.reaction("👍🏽", id(1)));
    ChatMessage fromOtherDevice =
        new ChatMessage("#a", 6, id(6), "alice", 1_000, 1_000, "🎉", true);
    quotes.related(fromOtherDevice, Content.Text.reaction("🎉", id(2)));
    quotes.related(message("#a", 7, "bob", "🚀"), Content.Text.reaction("🚀", id(1)));

    assertThat(quotes.reactedAlready("#a", id(1), "👍")).isTrue();
    assertThat(quotes.reactedAlready("#a", id(1), "\uD83D\uDC4D\uFE0F")).isTrue();
    assertThat(quotes.reactedAlready("#a", id(2), "🎉")).isTrue();
    assertThat(quotes.reactedAlready("#a", id(1), "🎉")).isFalse();
    assertThat(quotes.reactedAlready("#b", id(1), "👍")).isFalse();
    assertThat(quotes.reactedAlready("#a", id(1), "🚀")).isFalse();

    deleted.add("#a", List.of(id(5))); // taken back: it may be sent again
    assertThat(quotes.reactedAlready("#a", id(1), "👍")).isFalse();
    assertThat(quotes.reactedAlready("#a", id(2), "🎉")).isTrue();
  }

  /** What {@code /edit} corrects: the newest text message or action, never a file offer. */
  @Test
  void newestTextFrom_skipsFileOffers() {
    quotes.remember(message("#a", 1, "bob", "one"));
    quotes.rememberOffer(new ChatMessage("#a", 2, id(2), "bob", 1_000, 1_000, "", false), "r.pdf");

    assertThat(quotes.newestFrom("#a", "bob")).contains(id(2));
    assertThat(quotes.newestTextFrom("#a", "BOB")).contains(id(1));
    assertThat(quotes.newestTextFrom("#a", "carol")).isEmpty();
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
    deleted.add("#a", List.of(id(1)));
    quotes.deleted("#a", List.of(id(1)));
    deleted.add("#b", List.of(id(5)));

    assertThat(quotes.answered("#a", id(1)))
        .isEqualTo(new ChatMessage.Reply(id(1), "bob", "", Kind.TEXT, true));
    assertThat(quotes.answered("#b", id(5)))
        .isEqualTo(new ChatMessage.Reply(id(5), "", "", Kind.TEXT, true));
  }

  @Test
  void answered_aMessageRememberedAfterItsDeletionWasSaid_isDeletedStill() {
    deleted.add("#a", List.of(id(1)));
    quotes.remember(message("#a", 1, "bob", "late push"));

    assertThat(quotes.answered("#a", id(1)))
        .isEqualTo(new ChatMessage.Reply(id(1), "", "", Kind.TEXT, true));
    assertThat(quotes.newestFrom("#a", "bob")).isEmpty();
  }

  /** A relay serving one id under two numbers (another sender's message under it): no quote. */
  @Test
  void answered_anIdMetUnderTwoNumbers_orTwoIdsUnderOneNumber_isUnknown() {
    quotes.remember(message("#a", 1, "mallory", "I approve"));
    quotes.remember(
        new ChatMessage("#a", 2, id(1), "bob", 1_000, 1_000, "noon?", false)); // same id

    assertThat(quotes.answered("#a", id(1))).isEqualTo(ChatMessage.Reply.unknown(id(1)));
    assertThat(quotes.newestFrom("#a", "bob")).isEmpty();

    quotes.remember(message("#b", 3, "bob", "first"));
    quotes.remember(new ChatMessage("#b", 3, id(4), "mallory", 1_000, 1_000, "x", false));
    assertThat(quotes.answered("#b", id(3))).isEqualTo(ChatMessage.Reply.unknown(id(3)));
    assertThat(quotes.answered("#b", id(4))).isEqualTo(ChatMessage.Reply.unknown(id(4)));
  }

  @Test
  void newestFrom_isTheHighestNumberedOfThatSender_whateverOrderTheyCameIn() {
    quotes.remember(message("#a", 5, "Bob", "newer"));
    quotes.remember(message("#a", 3, "bob", "older, from a history page"));
    quotes.remember(message("#a", 4, "carol", "hi"));
    quotes.remember(message("#b", 9, "bob", "elsewhere"));

    assertThat(quotes.newestFrom("#a", "BOB")).contains(id(5));
    assertThat(quotes.newestFrom("#a", "dave")).isEmpty();
    assertThat(quotes.newestFrom("#c", "bob")).isEmpty();
  }

  @Test
  void newestFrom_theNewestDeleted_isTheOneBefore() {
    quotes.remember(message("#a", 1, "bob", "first"));
    quotes.remember(message("#a", 2, "bob", "second"));
    deleted.add("#a", List.of(id(2)));
    quotes.deleted("#a", List.of(id(2)));

    assertThat(quotes.newestFrom("#a", "bob")).contains(id(1));
  }

  @Test
  void remember_aSendWithoutNumber_isNotKept() {
    quotes.remember(message("#a", 0, "alice", "sent, number lost"));

    assertThat(quotes.answered("#a", id(0)).known()).isFalse();
  }

  /** A long history read after live messages must not push the newest out. */
  @Test
  void remember_pastTheLimit_forgetsTheLowestNumbered_ofTheFullestConversation() {
    quotes.remember(message("#live", 90_000, "bob", "newest, shown live"));
    quotes.remember(message("#other", 7, "carol", "elsewhere"));
    for (int seq = Quotes.MAX + 10; seq > 0; seq--) { // a history, newest page first
      quotes.remember(message("#live", seq, "user" + seq, "text " + seq));
    }

    assertThat(quotes.newestFrom("#live", "bob")).contains(id(90_000));
    assertThat(quotes.answered("#other", id(7)).known()).isTrue();
    assertThat(quotes.answered("#live", id(1)).known()).isFalse();
    assertThat(quotes.answered("#live", id(Quotes.MAX + 10)).sender())
        .isEqualTo("user" + (Quotes.MAX + 10));
  }
}
