package chat.cli.tui;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationBufferTest {
  private static List<String> texts(ConversationBuffer buffer) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < buffer.size(); i++) {
      PaneEntry entry = buffer.entry(i);
      out.add(
          entry instanceof PaneEntry.Message m
              ? m.message().text()
              : ((PaneEntry.Note) entry).text());
    }
    return out;
  }

  /**
   * After the relay went back to a backup, a message under a number already shown goes below
   * everything shown, the notice included, not among the old messages of its number; those that
   * follow it go after it, by their numbers.
   */
  @Test
  void placeBelowAll_newMessagesUnderNumbersShown_goBelowEverything() {
    ConversationBuffer buffer = new ConversationBuffer(4);
    for (int seq = 1; seq <= 3; seq++) {
      buffer.addMessage(Messages.at("#a", seq, "bob", "old " + seq, 1_000 + seq));
    }
    buffer.placeBelowAll();
    buffer.addNote(new PaneEntry.Note(PaneEntry.NoteKind.NOTICE, "went back to #1", 2_000));

    buffer.addMessage(
        new ChatMessage("#a", 3, "%032x".formatted(33), "bob", 3_000, 3_000, "new 3", false));
    buffer.addMessage(
        new ChatMessage("#a", 2, "%032x".formatted(22), "bob", 2_500, 2_500, "new 2", false));

    assertThat(texts(buffer)).containsExactly("old 3", "went back to #1", "new 2", "new 3");
    buffer.addMessage(
        new ChatMessage("#a", 4, "%032x".formatted(44), "bob", 4_000, 4_000, "new 4", false));
    assertThat(texts(buffer))
        .as("the oldest trimmed, the floor with them")
        .containsExactly("went back to #1", "new 2", "new 3", "new 4");
  }

  @Test
  void replaceNote_inItsPlaceAndAtItsTime_removeNote_takesItOut() {
    ConversationBuffer buffer = new ConversationBuffer();
    PaneEntry.Note first = new PaneEntry.Note(PaneEntry.NoteKind.NOTICE, "1 held", 1_000);
    buffer.addNote(first);
    buffer.addNote(new PaneEntry.Note(PaneEntry.NoteKind.INFO, "later", 2_000));

    PaneEntry.Note placed =
        buffer.replaceNote(first, new PaneEntry.Note(PaneEntry.NoteKind.NOTICE, "2 held", 3_000));

    assertThat(texts(buffer)).containsExactly("2 held", "later");
    assertThat(placed.atMillis()).isEqualTo(1_000);
    assertThat(buffer.holds(placed)).isTrue();
    assertThat(buffer.replaceNote(first, placed)).isNull(); // no longer there
    buffer.removeNote(placed);
    assertThat(texts(buffer)).containsExactly("later");
  }

  /**
   * An edit marks the message it corrects, where it stands and in a listing; also when that message
   * comes after the edit and the edit is quoted again. One that names another sender's message
   * marks nothing.
   */
  @Test
  void anEdit_marksTheMessageItCorrects_evenWhenThatComesLater() {
    ConversationBuffer buffer = new ConversationBuffer();
    ChatMessage first = Messages.of("#a", 1, "bob", "noon");
    ChatMessage.Reply held = held(first);
    buffer.addMessage(first);
    buffer.addReplay(first, false);
    buffer.addMessage(Messages.of("#a", 2, "carol", "x").withReply(held.editBy("carol")));
    assertThat(edited(buffer)).containsExactly(false, false, false);

    buffer.addMessage(Messages.of("#a", 3, "bob", "one").withReply(held.editBy("bob")));
    assertThat(edited(buffer)).containsExactly(true, true, false, false);

    ConversationBuffer later = new ConversationBuffer();
    later.addMessage(
        Messages.of("#a", 3, "bob", "one")
            .withReply(ChatMessage.Reply.unknown(first.messageId()).editBy("bob")));
    later.addMessage(first);
    assertThat(edited(later)).containsExactly(false, false);
    assertThat(later.requote("#a", m -> m.withReply(held.editBy("bob")))).isEqualTo(1);
    assertThat(edited(later)).containsExactly(true, false);
    assertThat(((PaneEntry.Message) later.entry(1)).message().reply())
        .isEqualTo(held.editBy("bob"));
  }

  /**
   * A message stays marked while an edit here still corrects it: deleting the only edit takes the
   * mark away, deleting one of two keeps it.
   */
  @Test
  void deletingTheEditOfAMessage_takesItsMarkAway_unlessAnotherEditStillCorrectsIt() {
    ConversationBuffer buffer = new ConversationBuffer();
    ChatMessage first = Messages.of("#a", 1, "bob", "noon");
    ChatMessage.Reply held = held(first).editBy("bob");
    ChatMessage edit = Messages.of("#a", 2, "bob", "one").withReply(held);
    ChatMessage again = Messages.of("#a", 3, "bob", "two").withReply(held);
    buffer.addMessage(first);
    buffer.addMessage(edit);
    buffer.addMessage(again);
    assertThat(edited(buffer)).containsExactly(true, false, false);

    buffer.remove("#a", java.util.Set.of(again.messageId()));
    assertThat(edited(buffer)).containsExactly(true, false);
    buffer.remove("#b", java.util.Set.of(edit.messageId())); // another conversation's
    assertThat(edited(buffer)).containsExactly(true, false);
    buffer.remove("#a", java.util.Set.of(edit.messageId()));
    assertThat(edited(buffer)).containsExactly(false);
  }

  /**
   * The pane marks a message only when it holds both and they agree: same sender, same
   * conversation, the message before the edit, and not the edit itself; a message listed after an
   * edit already known here is marked as it comes.
   */
  @Test
  void aMessageIsMarked_onlyByAnEditOfItsOwnSender_beforeIt_andAlsoWhenItComesAfterTheEdit() {
    ConversationBuffer buffer = new ConversationBuffer();
    ChatMessage alices = Messages.of("#a", 1, "alice", "mine");
    // the client core took id 1 to be bob's (a relay serving one id twice): the pane still checks
    ChatMessage.Reply claimed =
        new ChatMessage.Reply(alices.messageId(), "bob", "x", ChatMessage.Reply.Kind.TEXT, false)
            .editBy("bob");
    buffer.addMessage(alices);
    buffer.addMessage(Messages.of("#a", 2, "bob", "edit").withReply(claimed));
    assertThat(edited(buffer)).containsExactly(false, false);

    ConversationBuffer ahead = new ConversationBuffer();
    ChatMessage later = Messages.of("#a", 9, "bob", "later");
    ahead.addMessage(
        Messages.of("#a", 5, "bob", "edit first").withReply(held(later).editBy("bob")));
    ahead.addMessage(later);
    assertThat(edited(ahead)).containsExactly(false, false);

    ConversationBuffer listed = new ConversationBuffer();
    ChatMessage first = Messages.of("#a", 1, "bob", "noon");
    listed.addMessage(Messages.of("#a", 2, "bob", "one").withReply(held(first).editBy("bob")));
    listed.addMessage(first);
    listed.addReplay(first, false);
    assertThat(edited(listed)).containsExactly(true, false, true);
  }

  /**
   * A deletion keeps the mark of a message whose quote it takes away; an edit naming a message not
   * held stays one when that message is deleted (it may have been another sender's).
   */
  @Test
  void aDeletion_keepsMarksItDoesNotConcern_andAnEditOfAMessageNotHeldStaysOne() {
    ConversationBuffer buffer = new ConversationBuffer();
    ChatMessage answered = Messages.of("#a", 1, "bob", "noon?");
    ChatMessage reply = Messages.of("#a", 2, "alice", "sure").withReply(held(answered));
    ChatMessage edit =
        Messages.of("#a", 3, "alice", "sure, at one")
            .withReply(
                new ChatMessage.Reply(
                        reply.messageId(), "alice", "sure", ChatMessage.Reply.Kind.TEXT, false)
                    .editBy("alice"));
    ChatMessage foreign =
        Messages.of("#a", 4, "carol", "x")
            .withReply(ChatMessage.Reply.unknown("ee".repeat(16)).editBy("carol"));
    buffer.addMessage(answered);
    buffer.addMessage(reply);
    buffer.addMessage(edit);
    buffer.addMessage(foreign);

    buffer.remove("#a", java.util.Set.of(answered.messageId(), "ee".repeat(16)));

    assertThat(edited(buffer)).containsExactly(true, false, false);
    assertThat(((PaneEntry.Message) buffer.entry(0)).message().reply().deleted()).isTrue();
    assertThat(((PaneEntry.Message) buffer.entry(2)).message().reply().deleted()).isFalse();
  }

  /**
   * The reactions on a message are counted after it, one per user and emoji, in the order they
   * came; one on a later message, or taken back (deleted), is not counted.
   */
  @Test
  void reactions_areCountedOnTheMessage_onePerUserAndEmoji() {
    ConversationBuffer buffer = new ConversationBuffer();
    ChatMessage first = Messages.of("#a", 1, "bob", "noon");
    ChatMessage.Reply on = held(first).reacted();
    buffer.addMessage(first);
    buffer.addMessage(Messages.of("#a", 2, "carol", "👍").withReply(on));
    buffer.addMessage(Messages.of("#a", 3, "Carol", "👍").withReply(on));
    buffer.addMessage(Messages.of("#a", 4, "dave", "🎉").withReply(on));
    ChatMessage daves = Messages.of("#a", 5, "dave", "👍").withReply(on);
    buffer.addMessage(daves);

    assertThat(reactions(buffer).get(0)).isEqualTo("👍 2 🎉 1");
    buffer.remove("#a", java.util.Set.of(daves.messageId()));
    assertThat(reactions(buffer).get(0)).isEqualTo("👍 1 🎉 1");

    ConversationBuffer ahead = new ConversationBuffer();
    ChatMessage later = Messages.of("#a", 9, "bob", "later");
    ahead.addMessage(Messages.of("#a", 5, "carol", "👍").withReply(held(later).reacted()));
    ahead.addMessage(later);
    assertThat(reactions(ahead)).containsExactly("", "");
  }

  /**
   * Only a reaction that is one emoji is counted (others show as their own line only), so nobody
   * writes a count or words after another's message; one emoji with or without its variation
   * selector or skin tone counts as one, as the screen draws them alike.
   */
  @Test
  void reactions_onlyOneEmojiIsCounted_itsFormsAsOne() {
    ConversationBuffer buffer = new ConversationBuffer();
    ChatMessage first = Messages.of("#a", 1, "bob", "noon");
    ChatMessage.Reply on = held(first).reacted();
    buffer.addMessage(first);
    buffer.addMessage(Messages.of("#a", 2, "mallory", "👍\u28009\u2800🎉").withReply(on));
    buffer.addMessage(Messages.of("#a", 3, "mallory", "a").withReply(on));
    buffer.addMessage(Messages.of("#a", 4, "carol", "👍").withReply(on));
    buffer.addMessage(Messages.of("#a", 5, "dave", "👍\uFE0F").withReply(on));
    buffer.addMessage(Messages.of("#a", 6, "erin", "👍🏽").withReply(on));
    buffer.addMessage(Messages.of("#a", 7, "erin", "❤️").withReply(on));
    buffer.addMessage(Messages.of("#a", 8, "frank", "❤").withReply(on));

    assertThat(reactions(buffer).get(0)).isEqualTo("👍 3 ❤ 2");
  }

  /** A file offer counts its reactions too; a reaction trimmed out of the pane no longer counts. */
  @Test
  void reactions_onAFileOffer_andNotOnceTrimmedOut() {
    ConversationBuffer buffer = new ConversationBuffer(3);
    chat.cli.client.FileOffer offer =
        new chat.cli.client.FileOffer(
            "#a",
            1,
            "%032x".formatted(1),
            "bob",
            1_000,
            1_000,
            "f".repeat(32),
            "r.pdf",
            10,
            0,
            false);
    buffer.addOffer(offer);
    buffer.addMessage(
        Messages.of("#a", 2, "carol", "🎉")
            .withReply(
                new ChatMessage.Reply(
                        offer.messageId(), "bob", "r.pdf", ChatMessage.Reply.Kind.FILE, false)
                    .reacted()));
    assertThat(((PaneEntry.Offer) buffer.entry(0)).marks().reactions())
        .containsExactly(new PaneEntry.Tally("🎉", 1));

    ConversationBuffer small = new ConversationBuffer(3);
    ChatMessage first = Messages.of("#a", 1, "bob", "noon");
    small.addMessage(first);
    small.addMessage(Messages.of("#a", 2, "carol", "👍").withReply(held(first).reacted()));
    small.addReplay(first, false);
    small.addMessage(Messages.of("#a", 3, "dave", "later"));
    assertThat(reactions(small)).containsExactly("", "👍 1", "");

    small.addMessage(Messages.of("#a", 4, "erin", "later still")); // carol's 👍 is trimmed out

    assertThat(reactions(small)).containsExactly("", "", "");
    assertThat(((PaneEntry.Message) small.entry(0)).replay()).isTrue();
  }

  private static List<String> reactions(ConversationBuffer buffer) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < buffer.size(); i++) {
      out.add(
          String.join(
              " ",
              ((PaneEntry.Message) buffer.entry(i))
                  .marks().reactions().stream()
                      .map(tally -> tally.emoji() + " " + tally.users())
                      .toList()));
    }
    return out;
  }

  /** {@code message} as a reply, edit or reaction shows it when this client holds it. */
  private static ChatMessage.Reply held(ChatMessage message) {
    return new ChatMessage.Reply(
        message.messageId(), message.sender(), message.text(), ChatMessage.Reply.Kind.TEXT, false);
  }

  private static List<Boolean> edited(ConversationBuffer buffer) {
    List<Boolean> out = new ArrayList<>();
    for (int i = 0; i < buffer.size(); i++) {
      out.add(((PaneEntry.Message) buffer.entry(i)).edited());
    }
    return out;
  }

  @Test
  void addMessage_sameIdTwice_keptOnce() {
    ConversationBuffer buffer = new ConversationBuffer();
    ChatMessage message = Messages.of("#a", 1, "bob", "hi");

    assertThat(buffer.addMessage(message)).isTrue();
    assertThat(buffer.addMessage(message)).isFalse();
    assertThat(buffer.size()).isEqualTo(1);
  }

  @Test
  void addMessage_olderSequence_goesBeforeNewerMessages() {
    ConversationBuffer buffer = new ConversationBuffer();
    buffer.addMessage(Messages.of("#a", 1, "bob", "one"));
    buffer.addNote(new PaneEntry.Note(PaneEntry.NoteKind.INFO, "note", 0));
    buffer.addMessage(Messages.of("#a", 5, "bob", "five"));

    buffer.addMessage(Messages.of("#a", 3, "bob", "three"));
    buffer.addMessage(Messages.of("#a", 6, "bob", "six"));

    assertThat(texts(buffer)).containsExactly("one", "note", "three", "five", "six");
  }

  @Test
  void addMessage_ownWithoutSequence_goesAfterTheNewest() {
    ConversationBuffer buffer = new ConversationBuffer();
    buffer.addMessage(Messages.of("#a", 4, "bob", "four"));
    buffer.addMessage(Messages.of("#a", 5, "bob", "five"));

    // an own message sent again after its answer was lost, which an older relay gave no number
    long now = Messages.NOW.toEpochMilli();
    buffer.addMessage(
        new ChatMessage("#a", 0, "%032x".formatted(99), "alice", now, now, "mine", true));

    assertThat(texts(buffer)).containsExactly("four", "five", "mine");
  }

  @Test
  void addMessage_storedBeforeALineOfTheClient_goesAboveIt() {
    ConversationBuffer buffer = new ConversationBuffer();
    long joinedAt = Messages.NOW.toEpochMilli() + 60_000;
    buffer.addNote(new PaneEntry.Note(PaneEntry.NoteKind.INFO, "joined #a", joinedAt));

    buffer.addMessage(Messages.of("#a", 1, "bob", "before you came"));
    buffer.addMessage(Messages.at("#a", 2, "bob", "after", joinedAt + 1));

    assertThat(texts(buffer)).containsExactly("before you came", "joined #a", "after");
  }

  @Test
  void addReplay_messagesAlreadyHere_shownAgainAtTheEnd_andOrderingIgnoresThem() {
    ConversationBuffer buffer = new ConversationBuffer();
    ChatMessage one = Messages.of("#a", 1, "bob", "one");
    buffer.addMessage(one);
    buffer.addMessage(Messages.of("#a", 2, "bob", "two"));
    buffer.addNote(new PaneEntry.Note(PaneEntry.NoteKind.INFO, "last message in #a:", 0));

    buffer.addReplay(one, false);
    buffer.addMessage(Messages.of("#a", 3, "bob", "three"));

    assertThat(texts(buffer)).containsExactly("one", "two", "last message in #a:", "one", "three");
    assertThat(buffer.addMessage(one)).as("still here once in its place").isFalse();
  }

  @Test
  void add_beyondLimit_dropsOldestAndForgetsItsId() {
    ConversationBuffer buffer = new ConversationBuffer(3);
    for (int i = 1; i <= 5; i++) {
      buffer.addMessage(Messages.of("#a", i, "bob", "m" + i));
    }

    assertThat(texts(buffer)).containsExactly("m3", "m4", "m5");
    assertThat(buffer.addMessage(Messages.of("#a", 1, "bob", "m1"))).isTrue();
  }

  @Test
  void scroll_pastEitherEnd_staysInRange() {
    ConversationBuffer buffer = new ConversationBuffer();

    buffer.scrollDown(5);
    assertThat(buffer.scrollLines()).isZero();
    buffer.scrollUp(30);
    buffer.limitScroll(12);
    assertThat(buffer.scrollLines()).isEqualTo(12);
    buffer.scrollToBottom();
    assertThat(buffer.scrollLines()).isZero();
  }

  @Test
  void markUnread_mixedActivity_countsAndKeepsStrongest() {
    ConversationBuffer buffer = new ConversationBuffer();

    buffer.markUnread(Activity.PRIVATE, "01".repeat(16));
    buffer.markUnread(Activity.ROOM, "02".repeat(16));
    assertThat(buffer.unread()).isEqualTo(2);
    assertThat(buffer.activity()).isEqualTo(Activity.PRIVATE);
    buffer.markRead();
    assertThat(buffer.unread()).isZero();
    assertThat(buffer.activity()).isEqualTo(Activity.NONE);
  }

  @Test
  void lines_sameWidthTwice_wrapsOnce() {
    ConversationBuffer buffer = new ConversationBuffer();
    buffer.addNote(new PaneEntry.Note(PaneEntry.NoteKind.INFO, "x", 0));
    int[] wraps = new int[1];

    for (int width : new int[] {10, 10, 20}) {
      buffer.lines(
          0,
          width,
          e -> {
            wraps[0]++;
            return List.of(List.of());
          });
    }

    assertThat(wraps[0]).isEqualTo(2);
  }

  @Test
  void takeHistoryRequest_calledTwice_trueOnlyFirst() {
    ConversationBuffer buffer = new ConversationBuffer();

    assertThat(buffer.takeHistoryRequest()).isTrue();
    assertThat(buffer.takeHistoryRequest()).isFalse();
  }

  @Test
  void remove_takesOutEveryEntryOfTheIds_andTheUnreadOnesLeaveTheCount() {
    ConversationBuffer buffer = new ConversationBuffer();
    ChatMessage read = Messages.of("#a", 1, "bob", "read before");
    ChatMessage spam = Messages.of("#a", 2, "mallory", "spam");
    ChatMessage fine = Messages.of("#a", 3, "bob", "fine");
    for (ChatMessage message : List.of(read, spam, fine)) {
      buffer.addMessage(message);
    }
    buffer.addReplay(spam, false);
    buffer.markUnread(Activity.ROOM, spam.messageId());
    buffer.markUnread(Activity.ROOM, fine.messageId());

    assertThat(buffer.remove("#b", java.util.Set.of(spam.messageId())))
        .as("the same id in another conversation")
        .isZero();
    int removed =
        buffer.remove("#a", java.util.Set.of(spam.messageId(), read.messageId(), "ff".repeat(16)));

    assertThat(removed).isEqualTo(3);
    assertThat(texts(buffer)).containsExactly("fine");
    assertThat(buffer.unread()).as("spam was unread, 'read before' was not").isEqualTo(1);
    assertThat(buffer.addMessage(spam)).as("not added again").isFalse();

    buffer.remove("#a", java.util.Set.of(fine.messageId()));
    assertThat(buffer.unread()).isZero();
    assertThat(buffer.activity()).isEqualTo(Activity.NONE);
  }

  /** A count kept from an earlier run, of messages this pane never had, loses the deleted ones. */
  @Test
  void remove_ofAMessageCountedAtAnEarlierRun_leavesTheCount() {
    ConversationBuffer buffer = new ConversationBuffer();
    String gone = "ab".repeat(16);
    buffer.markUnread(3, Activity.PRIVATE, List.of(gone, "cd".repeat(16)));

    buffer.remove("#a", java.util.Set.of(gone));

    assertThat(buffer.unread()).isEqualTo(2);
    assertThat(buffer.unreadIds()).containsExactly("cd".repeat(16));
    buffer.markRead();
    assertThat(buffer.unreadIds()).isEmpty();
  }

  @Test
  void remove_aRepliedToMessage_marksTheRepliesAsToADeletedMessage_wrappedAfresh() {
    ConversationBuffer buffer = new ConversationBuffer();
    ChatMessage typo = Messages.of("#a", 1, "bob", "the password is hunter2");
    ChatMessage reply =
        Messages.of("#a", 2, "carol", "oops")
            .withReply(
                new ChatMessage.Reply(
                    typo.messageId(),
                    "bob",
                    "the password is…",
                    ChatMessage.Reply.Kind.TEXT,
                    false));
    buffer.addMessage(typo);
    buffer.addMessage(reply);
    int[] wraps = {0};
    buffer.lines(
        1,
        80,
        entry -> {
          wraps[0]++;
          return List.of(List.of());
        });

    buffer.remove("#b", java.util.Set.of(typo.messageId()));
    buffer.remove("#a", java.util.Set.of(typo.messageId()));

    assertThat(texts(buffer)).containsExactly("oops");
    ChatMessage shown = ((PaneEntry.Message) buffer.entry(0)).message();
    assertThat(shown.reply())
        .isEqualTo(
            new ChatMessage.Reply(typo.messageId(), "bob", "", ChatMessage.Reply.Kind.TEXT, true));
    buffer.lines(
        0,
        80,
        entry -> {
          wraps[0]++;
          return List.of(List.of());
        });
    assertThat(wraps[0]).as("wrapped again, without the quote").isEqualTo(2);
  }

  /** A history page's quotes are made on another thread: a deletion may come in between. */
  @Test
  void addMessage_aReplyToAMessageTakenOutBefore_isToADeletedMessage() {
    ConversationBuffer buffer = new ConversationBuffer();
    ChatMessage typo = Messages.of("#a", 1, "bob", "hunter2");
    buffer.addMessage(typo);
    buffer.remove("#a", java.util.Set.of(typo.messageId()));
    ChatMessage.Reply quoted =
        new ChatMessage.Reply(
            typo.messageId(), "bob", "hunter2", ChatMessage.Reply.Kind.TEXT, false);

    buffer.addMessage(Messages.of("#a", 2, "carol", "oops").withReply(quoted));
    buffer.addReplay(Messages.of("#a", 2, "carol", "oops").withReply(quoted), false);
    buffer.addMessage(Messages.of("#b", 3, "carol", "elsewhere").withReply(quoted));

    assertThat(((PaneEntry.Message) buffer.entry(0)).message().reply())
        .isEqualTo(quoted.toDeleted());
    assertThat(((PaneEntry.Message) buffer.entry(1)).message().reply())
        .isEqualTo(quoted.toDeleted());
    assertThat(((PaneEntry.Message) buffer.entry(2)).message().reply())
        .as("the same id in another conversation")
        .isEqualTo(quoted);
  }

  @Test
  void requote_repliesToAMessageNotHeldThen_quoteItOnceKnown_othersUntouched() {
    ConversationBuffer buffer = new ConversationBuffer();
    String old = "%032x".formatted(500);
    ChatMessage.Reply known =
        new ChatMessage.Reply(old, "bob", "the plan", ChatMessage.Reply.Kind.TEXT, false);
    buffer.addMessage(
        Messages.of("#a", 9, "carol", "thanks").withReply(ChatMessage.Reply.unknown(old)));
    buffer.addMessage(
        Messages.of("#a", 10, "dave", "+1").withReply(ChatMessage.Reply.unknown("ff".repeat(16))));
    buffer.addMessage(Messages.of("#b", 11, "erin", "x").withReply(ChatMessage.Reply.unknown(old)));

    int changed =
        buffer.requote("#a", m -> m.reply().messageId().equals(old) ? m.withReply(known) : m);

    assertThat(changed).isEqualTo(1);
    assertThat(((PaneEntry.Message) buffer.entry(0)).message().reply()).isEqualTo(known);
    assertThat(((PaneEntry.Message) buffer.entry(1)).message().reply().known()).isFalse();
    assertThat(((PaneEntry.Message) buffer.entry(2)).message().reply().known())
        .as("another conversation's")
        .isFalse();
  }
}
