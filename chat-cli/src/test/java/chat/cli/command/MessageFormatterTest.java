package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.ChatMessage;
import chat.cli.client.ChatMessage.Reply.Kind;
import chat.cli.client.FriendUpdate;
import chat.cli.client.GroupUpdate;
import chat.cli.client.Presence;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class MessageFormatterTest {
  private final MessageFormatter formatter = new MessageFormatter(ZoneOffset.UTC);

  private static ChatMessage from(String sender, String text) {
    return new ChatMessage("#a", 1, "%032x".formatted(1), sender, 1_000, 1_000, text, false);
  }

  @Test
  void text_receivedOnlyMarksOrBlanks_saysItShowsNothing_insteadOfABlankLine() {
    for (String invisible : new String[] {"\u0301\u0301", " \u0301\n\u200D", "\u001b[0m"}) {
      assertThat(formatter.text(from("bob", invisible)))
          .isEqualTo("(a message that shows nothing)");
      assertThat(formatter.line(from("bob", invisible)))
          .isEqualTo("00:00:01 <bob> (a message that shows nothing)");
    }
  }

  /** A sender clock a day off gives its date: its time of day alone would read as on time. */
  @Test
  void text_manyBlankLinesInARow_showsTwo() {
    assertThat(formatter.text(from("bob", "top" + "\n".repeat(60_000) + "bottom")))
        .isEqualTo("top\n\n\nbottom");
    assertThat(formatter.text(from("bob", "a\n \n\t\n  \nb"))).isEqualTo("a\n \n\t\nb");
  }

  @Test
  void text_overTwoHundredLines_showsThemAndSaysHowManyMore() {
    String text = formatter.text(from("bob", "x\n".repeat(30_000) + "end"));

    assertThat(text.lines()).hasSize(201);
    assertThat(text)
        .startsWith("x\nx\n")
        .endsWith("\nx\n(29,801 more lines not shown: chat history --json has the whole message)");
  }

  @Test
  void skewMark_senderClockOnAnotherDay_givesItsDate_onTheSameDayOnlyItsTime() {
    long stored = java.time.Instant.parse("2026-11-30T09:16:49Z").toEpochMilli();
    ChatMessage dayOff =
        new ChatMessage(
            "#a", 1, "%032x".formatted(1), "bob", stored - 86_400_000, stored, "hi", false);
    ChatMessage hourOff =
        new ChatMessage(
            "#a", 1, "%032x".formatted(1), "bob", stored - 3_600_000, stored, "hi", false);
    ChatMessage minuteOff =
        new ChatMessage("#a", 1, "%032x".formatted(1), "bob", stored - 60_000, stored, "hi", false);

    assertThat(formatter.line(dayOff))
        .isEqualTo("09:16:49 <bob> hi (sender clock 2026-11-29 09:16:49)");
    assertThat(formatter.skewMark(hourOff)).isEqualTo(" (sender clock 08:16:49)");
    assertThat(formatter.skewMark(minuteOff)).isEmpty();
  }

  @Test
  void line_anAction_showsTheSenderDoingIt() {
    ChatMessage action =
        new ChatMessage("#a", 1, "%032x".formatted(1), "bob", 1_000, 1_000, "waves", false, true);

    assertThat(formatter.line(action)).isEqualTo("00:00:01 * bob waves");
  }

  @Test
  void line_anEdit_quotesTheMessageItCorrects_beforeTheSender_orSaysItIsNotHeld() {
    String id = "%032x".formatted(7);
    ChatMessage edit = from("bob", "at one");

    assertThat(
            formatter.line(
                edit.withReply(
                    new ChatMessage.Reply(
                        id,
                        "bob",
                        "at \"noon\"",
                        Kind.TEXT,
                        false,
                        ChatMessage.Reply.Relation.EDIT))))
        .isEqualTo("00:00:01 (edit of \"at 'noon'\") <bob> at one");
    assertThat(
            formatter.line(
                edit.withReply(
                    new ChatMessage.Reply(id, "bob", "waves", Kind.ACTION, false).editBy("bob"))))
        .isEqualTo("00:00:01 (edit of * \"waves\") <bob> at one");
    assertThat(
            formatter.line(
                edit.withReply(
                    new ChatMessage.Reply(
                        id, "bob", "", Kind.TEXT, true, ChatMessage.Reply.Relation.EDIT))))
        .isEqualTo("00:00:01 (edit of a deleted message) <bob> at one");
    assertThat(formatter.line(edit.withReply(ChatMessage.Reply.unknown(id).editBy("bob"))))
        .isEqualTo("00:00:01 (edit of a message not shown here) <bob> at one");
    // one of another sender's is never shown as the message corrected
    assertThat(
            formatter.line(
                edit.withReply(
                    new ChatMessage.Reply(id, "carol", "hi", Kind.TEXT, false).editBy("bob"))))
        .isEqualTo("00:00:01 (edit of a message not shown here) <bob> at one");
  }

  @Test
  void line_aReaction_quotesWhatItIsOn_andSaysTheSenderReacts() {
    String id = "%032x".formatted(7);
    ChatMessage reaction = from("alice", "👍");

    assertThat(
            formatter.line(
                reaction.withReply(
                    new ChatMessage.Reply(id, "bob", "noon?", Kind.TEXT, false).reacted())))
        .isEqualTo("00:00:01 (re bob: \"noon?\") * alice reacts 👍");
    assertThat(formatter.line(reaction.withReply(ChatMessage.Reply.unknown(id).reacted())))
        .isEqualTo("00:00:01 (re a message not shown here) * alice reacts 👍");
  }

  @Test
  void line_aReply_quotesTheAnsweredMessageAsThisClientHoldsIt_beforeTheSender_cleaned() {
    String id = "%032x".formatted(7);
    ChatMessage reply = from("alice", "sure");

    assertThat(
            formatter.line(
                reply.withReply(new ChatMessage.Reply(id, "bob", "noon?", Kind.TEXT, false))))
        .isEqualTo("00:00:01 (re bob: \"noon?\") <alice> sure");
    assertThat(
            formatter.line(
                reply.withReply(
                    new ChatMessage.Reply(id, "b\u001b[2Jo", "a\nb\u001b[31m", Kind.TEXT, false))))
        .isEqualTo("00:00:01 (re bo: \"a b\") <alice> sure");
    assertThat(
            formatter.line(
                reply.withReply(new ChatMessage.Reply(id, "bob", "waves", Kind.ACTION, false))))
        .isEqualTo("00:00:01 (re * bob \"waves\") <alice> sure");
    assertThat(
            formatter.line(
                reply.withReply(new ChatMessage.Reply(id, "bob", "r.pdf", Kind.FILE, false))))
        .isEqualTo("00:00:01 (re bob's file \"r.pdf\") <alice> sure");
    assertThat(
            formatter.line(reply.withReply(new ChatMessage.Reply(id, "bob", "", Kind.TEXT, true))))
        .isEqualTo("00:00:01 (re bob: a deleted message) <alice> sure");
    assertThat(
            formatter.line(reply.withReply(new ChatMessage.Reply(id, "bob", "", Kind.FILE, true))))
        .isEqualTo("00:00:01 (re bob: a deleted file offer) <alice> sure");
    assertThat(formatter.line(reply.withReply(new ChatMessage.Reply(id, "", "", Kind.TEXT, true))))
        .isEqualTo("00:00:01 (re a deleted message) <alice> sure");
    assertThat(formatter.line(reply.withReply(ChatMessage.Reply.unknown(id))))
        .isEqualTo("00:00:01 (re a message not shown here) <alice> sure");
    assertThat(
            formatter.line(
                reply.withReply(
                    new ChatMessage.Reply(id, "bob", "hi", Kind.TEXT, false).unquoted())))
        .isEqualTo("00:00:01 (re bob) <alice> sure");
    assertThat(
            formatter.line(
                reply.withReply(new ChatMessage.Reply(id, "You", "hi", Kind.TEXT, false))))
        .isEqualTo("00:00:01 (re \"You\": \"hi\") <alice> sure");
    assertThat(formatter.replyMark(reply)).isEmpty();
  }

  /** The quote cannot end early: a quoted message that writes its own end and more gets none. */
  @Test
  void line_aQuotedMessageWritingTheEndOfAQuote_cannotPassWordsForTheReplys() {
    ChatMessage reply =
        from("carol", "sure")
            .withReply(
                new ChatMessage.Reply(
                    "%032x".formatted(7),
                    "bob",
                    "ok?\") yes, I approve. (re bob: \"ok?",
                    Kind.TEXT,
                    false));

    assertThat(formatter.line(reply))
        .isEqualTo("00:00:01 (re bob: \"ok?') yes, I approve. (re bob: 'ok?\") <carol> sure");
  }

  @Test
  void mentions_aReplyToThisUsersMessage_countsAsAMention() {
    ChatMessage reply =
        from("alice", "sure")
            .withReply(
                new ChatMessage.Reply(
                    "%032x".formatted(7), "Bob", "x", ChatMessage.Reply.Kind.TEXT, false));

    assertThat(reply.mentions("bob")).isTrue();
    assertThat(reply.mentions("carol")).isFalse();
  }

  @Test
  void text_accentsOnALetter_shownAsSent() {
    assertThat(formatter.text(from("bob", "e\u0301t\u00E9"))).isEqualTo("e\u0301t\u00E9");
  }

  @Test
  void text_flagBesideALetterOrDigit_getsASpace_flagsTogetherDoNot() {
    String us = "\uD83C\uDDFA\uD83C\uDDF8";
    String france = "\uD83C\uDDEB\uD83C\uDDF7";

    assertThat(formatter.line(from("bob", us + "A and 3" + us + france)))
        .isEqualTo("00:00:01 <bob> " + us + " A and 3 " + us + france);
  }

  @Test
  void membership_otherUser_namesThemAndTheRoom() {
    assertThat(MessageFormatter.membership("#rust", "bob", true, "alice", UnaryOperator.identity()))
        .isEqualTo("bob joined #rust");
    assertThat(
            MessageFormatter.membership("#rust", "bob", false, "alice", UnaryOperator.identity()))
        .isEqualTo("bob left #rust");
  }

  @Test
  void membership_self_saysYou() {
    assertThat(
            MessageFormatter.membership("#rust", "Alice", true, "alice", UnaryOperator.identity()))
        .isEqualTo("you joined #rust");
  }

  @Test
  void membership_directConversationClosedOrOpenedElsewhere_usesOtherPartyLabel() {
    assertThat(
            MessageFormatter.membership(
                "@alice+bob", "alice", false, "alice", UnaryOperator.identity()))
        .isEqualTo("you closed @bob");
    assertThat(
            MessageFormatter.membership(
                "@alice+bob", "alice", true, "alice", UnaryOperator.identity()))
        .isEqualTo("you opened @bob");
  }

  /** Another user whose name reads as "you" is quoted, so their actions cannot pass for yours. */
  @Test
  void otherUser_named_you_isQuoted_inEveryLineAboutWhatTheyDid() {
    assertThat(MessageFormatter.otherUser("bob")).isEqualTo("bob");
    assertThat(MessageFormatter.otherUser("Y0u")).isEqualTo("\"Y0u\"");
    assertThat(MessageFormatter.membership("#ops", "You", true, "alice", UnaryOperator.identity()))
        .isEqualTo("\"You\" joined #ops");
    assertThat(
            MessageFormatter.membership("#ops", "alice", true, "alice", UnaryOperator.identity()))
        .isEqualTo("you joined #ops");
    assertThat(
            SocialLines.group(
                new GroupUpdate("#ops", "You", GroupUpdate.Kind.KICKED, "bob", ""),
                "alice",
                CommandWords.SLASH))
        .startsWith("\"You\" removed bob from #ops");
    assertThat(
            SocialLines.group(
                new GroupUpdate("#ops", "alice", GroupUpdate.Kind.UNINVITED, "you", ""),
                "alice",
                CommandWords.SLASH))
        .contains("\"you\"'s invitation");
    assertThat(SocialLines.presenceChange("YOU", Presence.ONLINE, false))
        .isEqualTo("\"YOU\" came online");
    assertThat(SocialLines.friend("you", FriendUpdate.REQUESTED, CommandWords.SLASH))
        .isEqualTo("\"you\" wants to be your friend: /friend accept you or /friend decline you");
  }

  @Test
  void friend_ownChangesOnAnotherDevice_sayWhoMadeThem() {
    assertThat(SocialLines.friend("bob", FriendUpdate.OWN_REQUESTED, CommandWords.SLASH))
        .isEqualTo("another device of yours sent bob a friend request");
    assertThat(SocialLines.friend("bob", FriendUpdate.OWN_ACCEPTED, CommandWords.SLASH))
        .isEqualTo("another device of yours accepted bob's friend request");
    assertThat(SocialLines.friend("bob", FriendUpdate.OWN_DECLINED, CommandWords.SCRIPT))
        .isEqualTo("another device of yours declined bob's friend request");
    assertThat(SocialLines.friend("bob", FriendUpdate.OWN_REMOVED, CommandWords.SLASH))
        .isEqualTo(
            "another device of yours ended your friendship with bob (or withdrew your request)");
    assertThat(FriendUpdate.OWN_REMOVED.change()).isEqualTo("REMOVED");
    assertThat(FriendUpdate.REMOVED.own()).isFalse();
  }
}
