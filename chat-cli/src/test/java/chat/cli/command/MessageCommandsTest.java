package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.ChatMessage;
import chat.cli.client.HeldMessages;
import chat.cli.client.LeftOutMessages;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCommandsTest {
  private final SlashCommandDispatcher dispatcher = new SlashCommandDispatcher();
  private final RecordingContext context = new RecordingContext();

  private void run(String line) {
    dispatcher.dispatch(line, context);
  }

  @Test
  void text_currentConversation_sendsAndShows() {
    context.loggedInAs("alice");

    run("hello  world");

    assertThat(context.client.calls).containsExactly("send #lobby hello  world");
    assertThat(context.lines).containsExactly("message: #lobby <alice> hello  world");
  }

  @Test
  void text_shortcodes_expandedBeforeSending_butNotInBackticks() {
    context.loggedInAs("alice");

    run("deploy done :tada: `:tada:` :unknown_thing:");
    run("/send :+1:");

    assertThat(context.client.calls)
        .containsExactly("send #lobby deploy done 🎉 `:tada:` :unknown_thing:", "send #lobby 👍");
    assertThat(context.lines.get(0))
        .isEqualTo("message: #lobby <alice> deploy done 🎉 `:tada:` :unknown_thing:");
  }

  @Test
  void me_sendsAnAction_toTheCurrentConversation_withShortcodesAsEmoji() {
    context.loggedInAs("alice");

    run("/me waves :wave:");

    assertThat(context.client.calls).containsExactly("action #lobby waves 👋");
    assertThat(context.lines).containsExactly("message: #lobby * alice waves 👋");
  }

  @Test
  void reply_answersTheNewestMessageOfThatUserHere_withShortcodesAsEmoji() {
    context.loggedInAs("alice");
    List<ChatMessage> lobby = new java.util.ArrayList<>();
    lobby.add(new ChatMessage("#lobby", 2, "%032x".formatted(102), "Bob", 0, 0, "or one?", false));
    lobby.add(new ChatMessage("#lobby", 1, "%032x".formatted(101), "bob", 0, 0, "noon?", false));
    lobby.add(new ChatMessage("#lobby", 3, "%032x".formatted(103), "carol", 0, 0, "hi", false));
    context.client.messages.put("#lobby", lobby);

    run("/reply @bob one :+1:");
    run("/re carol: hello");
    run("/re carol, again");

    assertThat(context.client.calls)
        .containsExactly(
            "reply #lobby " + "%032x".formatted(102) + " one 👍",
            "reply #lobby " + "%032x".formatted(103) + " hello",
            "reply #lobby " + "%032x".formatted(103) + " again");
  }

  @Test
  void reply_withMe_sendsAnActionThatAnswers_withoutAnActionIsRefused() {
    context.loggedInAs("alice");
    List<ChatMessage> lobby = new java.util.ArrayList<>();
    lobby.add(new ChatMessage("#lobby", 1, "%032x".formatted(101), "bob", 0, 0, "noon?", false));
    context.client.messages.put("#lobby", lobby);

    run("/re bob /me nods :+1:");
    run("/re bob /me   ");
    run("/re bob /me\tshrugs");
    run("/re bob //me is the text");
    run("/re bob /meh");

    assertThat(context.client.calls)
        .containsExactly(
            "reply-action #lobby " + "%032x".formatted(101) + " nods 👍",
            "reply-action #lobby " + "%032x".formatted(101) + " shrugs",
            "reply #lobby " + "%032x".formatted(101) + " /me is the text",
            "reply #lobby " + "%032x".formatted(101) + " /meh");
    assertThat(context.lines)
        .contains("error: usage: /reply USER /me ACTION: what you do, as with /me");
  }

  @Test
  void edit_correctsYourNewestMessageHere_asTextOrAnAction_withShortcodesAsEmoji() {
    context.loggedInAs("alice");
    List<ChatMessage> lobby = new java.util.ArrayList<>();
    lobby.add(new ChatMessage("#lobby", 1, "%032x".formatted(101), "alice", 0, 0, "noon", true));
    lobby.add(new ChatMessage("#lobby", 2, "%032x".formatted(102), "bob", 0, 0, "ok", false));
    context.client.messages.put("#lobby", lobby);

    run("/edit at one :+1:");
    run("/edit /me waves");
    run("/edit //me is the text");
    run("/edit /me   ");

    assertThat(context.client.calls).hasSize(3);
    assertThat(context.client.calls.get(0))
        .isEqualTo("edit #lobby " + "%032x".formatted(101) + " at one 👍");
    assertThat(context.client.calls.get(1)).startsWith("edit-action #lobby ").endsWith(" waves");
    assertThat(context.client.calls.get(2)).startsWith("edit #lobby ").endsWith(" /me is the text");
    assertThat(context.lines)
        .contains(
            "message: #lobby (edit of a message not shown here) <alice> at one 👍",
            "error: usage: /edit /me ACTION: what you do, as with /me");
  }

  @Test
  void react_putsTheEmojiOnTheNewestMessageOfSomeoneElse_orOfTheUserNamed() {
    context.loggedInAs("alice");
    List<ChatMessage> lobby = new java.util.ArrayList<>();
    lobby.add(new ChatMessage("#lobby", 1, "%032x".formatted(101), "bob", 0, 0, "noon?", false));
    lobby.add(new ChatMessage("#lobby", 2, "%032x".formatted(102), "carol", 0, 0, "ok", false));
    lobby.add(new ChatMessage("#lobby", 3, "%032x".formatted(103), "alice", 0, 0, "mine", true));
    context.client.messages.put("#lobby", lobby);

    run("/react :+1:");
    run("/react bob: 🎉");
    run("/react zed 🎉");
    run("/react nice");
    run("/react :+1: bob");

    assertThat(context.client.calls)
        .containsExactly(
            "react #lobby " + "%032x".formatted(102) + " 👍",
            "react #lobby " + "%032x".formatted(101) + " 🎉",
            "history #lobby 50");
    assertThat(context.lines)
        .contains(
            "error: no message from zed in #lobby to react to (none among the last 50 or those"
                + " shown since the client started)",
            "error: a reaction is one emoji, such as 👍 or :+1: (not \"nice\")",
            "error: usage: /react [USER] EMOJI: the user comes first");
  }

  @Test
  void edit_noMessageOfYoursHeld_looksAtTheLastMessages_thenIsRefused() {
    context.loggedInAs("alice");
    context.client.messages.put(
        "#lobby",
        new java.util.ArrayList<>(
            List.of(
                new ChatMessage("#lobby", 1, "%032x".formatted(101), "bob", 0, 0, "hi", false))));

    run("/edit sure");

    assertThat(context.client.calls).containsExactly("history #lobby 50");
    assertThat(context.lines)
        .containsExactly(
            "error: no message of yours in #lobby to edit (none among the last 50 or those shown"
                + " since the client started)");
  }

  @Test
  void reply_noMessageOfThatUserHeld_looksAtTheLastMessages_thenIsRefused() {
    context.loggedInAs("alice");

    run("/reply bob sure");
    run("/reply bob");

    assertThat(context.client.calls).containsExactly("history #lobby 50");
    assertThat(context.lines)
        .containsExactly(
            "error: no message from bob in #lobby to reply to (none among the last 50 or those"
                + " shown since the client started)",
            "error: usage: /reply USER TEXT  (/help reply)");
  }

  @Test
  void reply_toAUserIgnored_isRefused_sayingHowToReplyToThem() {
    context.loggedInAs("alice");
    context.client.ignore("bob", true);
    context.client.calls.clear();

    run("/reply bob sure");

    assertThat(context.client.calls).isEmpty();
    assertThat(context.lines)
        .containsExactly("error: you ignore bob: /unignore bob to reply to them");
  }

  @Test
  void history_aReplyToAUserIgnored_namesThemWithoutQuotingThem() {
    context.loggedInAs("alice");
    String secret = "%032x".formatted(101);
    List<ChatMessage> lobby = new java.util.ArrayList<>();
    lobby.add(new ChatMessage("#lobby", 1, secret, "bob", 0, 0, "what you ignore", false));
    lobby.add(
        new ChatMessage("#lobby", 2, "%032x".formatted(102), "carol", 0, 0, "sure", false)
            .withReply(
                new ChatMessage.Reply(
                    secret, "bob", "what you ignore", ChatMessage.Reply.Kind.TEXT, false)));
    context.client.messages.put("#lobby", lobby);
    context.client.ignore("bob", true);

    run("/history");

    assertThat(context.lines)
        .contains("message: #lobby (re bob) <carol> sure")
        .noneMatch(line -> line.contains("what you ignore"));
  }

  /** As /switch @USER: a typo is said before the pane opens, not at the first message. */
  @Test
  void pm_noText_aNameTheRelayHasNoAccountFor_isRefused() {
    context.loggedInAs("alice");
    context.client.missingAccounts.add("malory");

    run("/pm Malory");

    assertThat(context.errors())
        .containsExactly("error: cannot open @Malory: the relay has no user of that name");
    assertThat(context.client.calls).noneMatch(call -> call.startsWith("open"));
  }

  @Test
  void pm_withText_aNameTheRelayHasNoAccountFor_isRefusedInTheSameWords() {
    context.loggedInAs("alice");
    context.client.missingAccounts.add("malory");

    run("/pm Malory hi");

    assertThat(context.errors())
        .containsExactly("error: not sent to @Malory: the relay has no user of that name");
  }

  @Test
  void pm_shortcodes_expanded() {
    context.loggedInAs("alice");

    run("/pm bob see you :wave:");

    assertThat(context.client.calls).contains("send @alice+bob see you 👋");
  }

  @Test
  void text_doubleSlashAndLeadingSpace_sendLiteralSlash() {
    context.loggedInAs("alice");

    run("//shrug");
    run(" /shrug");

    assertThat(context.client.calls).containsExactly("send #lobby /shrug", "send #lobby /shrug");
  }

  @Test
  void text_noConversationSelected_tellsToJoinOrSwitch() {
    context.loggedInAs("alice");
    context.current = null;

    run("hello");

    assertThat(context.errors()).containsExactly("error: " + Arguments.NO_CONVERSATION);
    assertThat(context.client.calls).isEmpty();
  }

  @Test
  void text_notLoggedIn_errors() {
    run("hello");

    assertThat(context.errors()).singleElement().asString().contains("not logged in");
  }

  @Test
  void blank_doesNothing() {
    context.loggedInAs("alice");

    run("   ");

    assertThat(context.lines).isEmpty();
    assertThat(context.client.calls).isEmpty();
  }

  @Test
  void send_untrustedMember_showsErrorLine() {
    context.loggedInAs("alice");
    context.client.fireMembership("#lobby", "bob", true);
    context.client.fireKeyChange("bob");

    run("/send hi");

    assertThat(context.errors())
        .containsExactly(
            "error: the key of bob changed; nothing was sent. Compare the safety number (/safety"
                + " bob), then /trust bob to accept the new key");
    assertThat(context.lines).noneMatch(l -> l.startsWith("message:"));
  }

  @Test
  void send_keepsTextAfterCommand() {
    context.loggedInAs("alice");

    run("/send  /not a command");

    assertThat(context.client.calls).containsExactly("send #lobby /not a command");
  }

  @Test
  void pm_withText_sendsPrivatelyAndStays() {
    context.loggedInAs("alice");

    run("/w bob see  you");

    assertThat(context.client.calls).containsExactly("send @alice+bob see  you");
    assertThat(context.lines).containsExactly("message: @alice+bob <alice> see  you");
    assertThat(context.current).isEqualTo("#lobby");
  }

  @Test
  void pm_withoutText_switchesToDirectConversation() {
    context.loggedInAs("alice");

    run("/msg @bob");

    assertThat(context.current).isEqualTo("@alice+bob");
    assertThat(context.lines).containsExactly("info: now in @bob");
  }

  @Test
  void pm_invalidUser_errors() {
    context.loggedInAs("alice");

    run("/pm b hi");

    assertThat(context.errors()).singleElement().asString().contains("not a username");
  }

  @Test
  void history_default_showsCurrentConversationMessages() {
    context.loggedInAs("alice");
    context.client.deliver("#lobby", "bob", "one");
    context.client.deliver("#lobby", "bob", "two");

    run("/history");

    assertThat(context.client.calls).containsExactly("history #lobby 50");
    assertThat(context.lines)
        .containsExactly(
            "info: last 2 messages in #lobby:",
            "message: #lobby <bob> one",
            "message: #lobby <bob> two");
  }

  @Test
  void history_withHeldMessages_saysHowManyFromWhomAndHowToReadThem() {
    context.loggedInAs("alice");
    context.client.deliver("#lobby", "carol", "one");
    context.client.held.put(
        "#lobby", List.of(new HeldMessages("#lobby", "bob", List.of(2L, 3L, 4L))));

    run("/history");

    assertThat(context.lines)
        .containsExactly(
            "info: last message in #lobby:",
            "message: #lobby <carol> one",
            "info: 3 messages from bob are signed with a new key you have not accepted; they are"
                + " held. Compare the safety number (/safety bob), then /trust bob to read them");
  }

  @Test
  void history_withMessagesFromAnOldKey_saysHowManyFromWhomAndWhyTheyAreNotShown() {
    context.loggedInAs("alice");
    context.client.deliver("#lobby", "carol", "one");
    context.client.leftOut.put(
        "#lobby",
        List.of(
            new LeftOutMessages(
                "#lobby", "bob", LeftOutMessages.Reason.OLD_KEY, List.of(1L, 2L, 3L))));

    run("/history");

    assertThat(context.lines)
        .containsExactly(
            "info: last message in #lobby:",
            "message: #lobby <carol> one",
            "info: 3 messages from bob are signed by a key that is not bob's current one (an"
                + " older key, replaced since, or a forgery); they cannot be verified and"
                + " are not shown");
  }

  @Test
  void history_ofARoomJoinedLate_saysNoMessagesSinceYouJoined() {
    context.loggedInAs("alice");
    context.client.notForYou.put("#lobby", 260L);

    run("/history lobby 100");

    assertThat(context.lines)
        .containsExactly(
            "info: no messages in #lobby since you joined (260 earlier ones were not encrypted to"
                + " you)");
  }

  @Test
  void history_withMessagesAfterAJoin_countsTheEarlierOnes() {
    context.loggedInAs("alice");
    context.client.messages.put(
        "#lobby",
        List.of(new ChatMessage("#lobby", 261, "a".repeat(32), "bob", 1, 1, "hi", false)));
    context.client.notForYou.put("#lobby", 1L);

    run("/history");

    assertThat(context.lines)
        .containsExactly(
            "info: last message in #lobby:",
            "message: #lobby <bob> hi",
            "info: 1 earlier message in #lobby was not encrypted to you (sent before you joined)");
  }

  @Test
  void history_onlyHeldMessages_saysNoneToShowAndWhatIsHeld() {
    context.loggedInAs("alice");
    context.client.held.put("#lobby", List.of(HeldMessages.one("#lobby", "bob", 2)));

    run("/history");

    assertThat(context.lines)
        .containsExactly(
            "info: no messages in #lobby",
            "info: message #2 from bob is signed with a new key you have not accepted; it is held."
                + " Compare the safety number (/safety bob), then /trust bob to read it");
  }

  @Test
  void history_userAndCount_readsDirectConversation() {
    context.loggedInAs("alice");
    context.client.fireMembership("#lobby", "bob", true);

    run("/history bob 5");

    assertThat(context.client.calls).containsExactly("history @alice+bob 5");
    assertThat(context.lines).containsExactly("info: no messages in @bob");
  }

  @Test
  void history_countOnly_usesCurrent() {
    context.loggedInAs("alice");

    run("/history 3");

    assertThat(context.client.calls).containsExactly("history #lobby 3");
  }

  @Test
  void history_badCount_errors() {
    context.loggedInAs("alice");

    run("/history #lobby 0");

    assertThat(context.errors()).containsExactly("error: N must be a number from 1 to 10000");
  }

  @Test
  void history_countBeforeTheConversation_saysTheOrder() {
    context.loggedInAs("alice");

    run("/history 5 #upper");
    run("/history -5 #upper"); // no count either way: not offered as one

    assertThat(context.errors())
        .containsExactly(
            "error: name the conversation before N: /history #upper 5",
            "error: N must be a number from 1 to 10000");
    assertThat(context.client.calls).noneMatch(call -> call.startsWith("history"));
  }

  @Test
  void history_negativeCount_isACountNotARoom() {
    context.loggedInAs("alice");

    run("/history -5");

    assertThat(context.errors()).containsExactly("error: N must be a number from 1 to 10000");
    assertThat(context.client.calls).isEmpty();
  }

  private static ChatMessage posted(String sender, long seq) {
    return new ChatMessage(
        "#lobby", seq, String.format("%032x", seq), sender, seq, seq, "m" + seq, false);
  }

  @Test
  void delete_ownByDefault_orNamedUsers_andSaysWhatWent() {
    context.loggedInAs("alice");
    context.client.messages.put(
        "#lobby",
        new java.util.ArrayList<>(
            List.of(posted("alice", 1), posted("bob", 2), posted("alice", 3), posted("bob", 4))));

    run("/delete");
    run("/delete 5");
    run("/delete bob 2");
    run("/delete 2");

    assertThat(context.client.calls)
        .containsExactly(
            "deleteNewest #lobby alice 1",
            "deleteNewest #lobby alice 5",
            "deleteNewest #lobby bob 2",
            "deleteNewest #lobby alice 2");
    assertThat(context.lines)
        .containsExactly(
            "info: you deleted your message in #lobby",
            "info: you deleted your message in #lobby",
            "info: you deleted 2 of bob's messages in #lobby",
            "info: no messages from you among the last 1000 in #lobby");
    assertThat(context.client.messages.get("#lobby")).isEmpty();
  }

  @Test
  void delete_badCountOrName_isRefusedBeforeTheRelay() {
    context.loggedInAs("alice");

    run("/delete 101");
    run("/delete 0");
    run("/delete -1");
    run("/delete 2x");
    run("/delete 3 bob");
    run("/delete bob many");
    run("/delete b@d 2");

    assertThat(context.client.calls).isEmpty();
    assertThat(context.errors())
        .containsExactly(
            "error: N must be a number from 1 to 100",
            "error: N must be a number from 1 to 100",
            "error: N must be a number from 1 to 100",
            "error: N must be a number from 1 to 100",
            "error: usage: /delete [USER] [N]: the user comes first",
            "error: N must be a number from 1 to 100",
            "error: not a username: 3-32 of A-Z a-z 0-9 _ . -, starting with a letter");
  }

  @Test
  void delete_inAFrontEndShowingEvents_leavesTheLineToTheRelaysEvent() {
    context.loggedInAs("alice");
    context.showsOwnEvents = true;
    context.client.messages.put("#lobby", new java.util.ArrayList<>(List.of(posted("alice", 1))));

    run("/delete");
    run("/delete");

    assertThat(context.lines)
        .containsExactly("info: no messages from you among the last 1000 in #lobby");
  }
}
