package chat.cli.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.cli.CommandException;
import chat.cli.client.Advice;
import chat.cli.client.ChatMessage;
import chat.cli.client.ConnectionState;
import chat.cli.client.Deletion;
import chat.cli.client.DeliveryNotice;
import chat.cli.client.FileOffer;
import chat.cli.client.FileTransfer;
import chat.cli.client.FriendUpdate;
import chat.cli.client.Friendship;
import chat.cli.client.GroupUpdate;
import chat.cli.client.HeldMessages;
import chat.cli.client.LeftOutFromOthers;
import chat.cli.client.LeftOutMessages;
import chat.cli.client.Presence;
import chat.cli.client.PushedNotice;
import chat.cli.client.TransferState;
import chat.cli.client.TrustState;
import chat.cli.command.Bell;
import chat.cli.command.HeldLogIns;
import chat.cli.command.MessageFormatter;
import chat.cli.command.SecretKind;
import chat.cli.command.SlashCommandDispatcher;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChatTuiTest {
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  private static TuiHarness inLobby(int columns, int rows) {
    TuiHarness h = new TuiHarness(columns, rows).start().loggedInAs("alice");
    h.alt('1');
    return h;
  }

  private static String column(TuiHarness h, int column, int fromRow, int toRow) {
    StringBuilder out = new StringBuilder();
    for (int row = fromRow; row <= toRow; row++) {
      out.append(h.cell(column, row).getCharacterString());
    }
    return out.toString();
  }

  /** As the conversation list: cut in the middle, with a mark, so their ends stay apart. */
  @Test
  void memberNamesTooLongForTheColumn_cutInTheMiddleWithAMark() {
    TuiHarness h = inLobby(80, 24);

    h.client.fireMembership("#lobby", "MaximilianAlexanderTheGreat", true);
    h.client.fireMembership("#lobby", "MaximilianAlexanderTheGreater", true);
    h.drain();

    assertThat(h.row(3).substring(68)).isEqualTo("\u25cf Maximi\u2026eat");
    assertThat(h.row(4).substring(68)).isEqualTo("\u25cf Maximi\u2026ter");
  }

  @Test
  void start_at80x24_drawsListMessagesMembersStatusAndInput() {
    TuiHarness h = inLobby(80, 24);

    assertThat(h.row(0)).contains("#lobby", "1 member, 1 online");
    assertThat(h.row(1)).startsWith("   status");
    assertThat(h.row(2)).startsWith(" 1 #lobby");
    assertThat(column(h, 13, 1, 21)).isEqualTo("│".repeat(21));
    assertThat(column(h, 67, 1, 21)).isEqualTo("│".repeat(21));
    assertThat(h.row(1).substring(68)).startsWith("Members 1");
    assertThat(h.row(2).substring(68)).startsWith("● alice");
    assertThat(h.statusRow()).contains("[relay.test:7443]", "[alice]", "[1:#lobby]", "[ONLINE]");
    assertThat(h.inputRow()).startsWith("> ");
  }

  @Test
  void inputLine_scrolledPastHalfAFlag_showsNoHalf() {
    TuiHarness h = inLobby(20, 6); // 18 columns after "> "

    // "a", the flag drawn as DE, and 16 letters: the cursor at column 19 scrolls the line by 2
    h.type("a\uD83C\uDDE9\uD83C\uDDEA" + "b".repeat(16));

    assertThat(h.inputRow()).isEqualTo(">  " + "b".repeat(16) + " ");
  }

  @Test
  void privateMessageOrMention_ringsTheBell_onceInItsQuietTime() {
    TuiHarness h = inLobby(80, 24);
    AtomicLong now = new AtomicLong(1_000_000);
    h.tui.withBell(Bell.ringing(now::get));

    h.client.deliver("#lobby", "bob", "deploy at noon");
    h.drain();
    assertThat(h.bells).hasValue(0);

    h.client.deliver("@alice+dave", "dave", "psst");
    h.client.deliver("#lobby", "bob", "alice, ok?"); // within the quiet time
    h.drain();
    assertThat(h.bells).hasValue(1);

    now.addAndGet(Bell.QUIET_MILLIS);
    h.client.deliver("#lobby", "bob", "alice?");
    h.drain();
    assertThat(h.bells).hasValue(2);
  }

  @Test
  void withoutABell_aPrivateMessageRingsNothing() {
    TuiHarness h = inLobby(80, 24);

    h.client.deliver("@alice+dave", "dave", "psst");
    h.drain();

    assertThat(h.screen()).contains("@dave");
    assertThat(h.bells).hasValue(0);
  }

  @Test
  void adjacentFlags_inAMessageAndTheInputLine_areDrawnApart() {
    TuiHarness h = inLobby(80, 24);
    String flags = "\uD83C\uDDE9\uD83C\uDDEA\uD83C\uDDEB\uD83C\uDDF7";

    h.client.deliver("#lobby", "bob", flags + " won");
    h.type(flags).press(KeyType.ArrowLeft);

    assertThat(h.screen()).contains("<bob> DE FR won").doesNotContain("DEFR");
    assertThat(h.inputRow()).startsWith("> DE FR ");
    h.type("x"); // the cursor was between the flags; a letter beside a flag is kept apart too
    assertThat(h.inputRow()).startsWith("> DE x FR ");
  }

  @Test
  void flagBesideALetterOrDigit_inAMessageAndTheInputLine_drawnApart() {
    TuiHarness h = inLobby(80, 24);
    String us = "\uD83C\uDDFA\uD83C\uDDF8";

    h.client.deliver("#lobby", "bob", us + "A 4" + us);
    h.type("go" + us + "1");

    assertThat(h.screen()).contains("<bob> US A 4 US").doesNotContain("USA");
    assertThat(h.inputRow()).startsWith("> go US 1 ");
  }

  @Test
  void pastedLines_stayInTheInputLine_untilEnter_andGoOutAsOneLine() {
    TuiHarness h = inLobby(80, 24);

    h.paste("\nfirst line\n/leave\nlast\n");

    assertThat(h.dispatched).as("nothing runs while pasting").isEmpty();
    assertThat(h.inputRow()).startsWith("> ↵first line↵/leave↵last↵");
    h.press(KeyType.Enter);
    assertThat(h.dispatched).containsExactly("first line\n/leave\nlast");
  }

  @Test
  void pastedCrLfLines_deliveredAsTwoLineBreaksEach_arriveWithOneEach() {
    TuiHarness h = inLobby(80, 24);

    // tmux and xterm send each CRLF of a paste as two CRs, which the tty turns into two Enters
    h.paste("uno\n\ndos\n\n\n\ntres\n\n");

    assertThat(h.inputRow()).startsWith("> uno↵dos↵↵tres↵ ");
    h.press(KeyType.Enter);
    assertThat(h.dispatched).containsExactly("uno\ndos\n\ntres");
  }

  @Test
  void pastedLines_endingInCrOrCrLf_arriveWithOneLineBreakEach() {
    TuiHarness h = inLobby(80, 24);

    h.paste("one\r\ntwo\rthree\n\nfour\r\n");

    h.press(KeyType.Enter);
    assertThat(h.dispatched).containsExactly("one\ntwo\nthree\n\nfour");
  }

  @Test
  void leavingTheCurrentRoomElsewhere_movesToTheLobbyAndSaysSo() {
    TuiHarness h = new TuiHarness(100, 24).start().loggedInAs("alice");
    h.client.fireMembership("#ops", "alice", true);
    h.drain().alt('2');
    assertThat(h.row(0)).contains("#ops");

    h.client.fireMembership("#ops", "alice", false);
    h.drain();

    assertThat(h.row(0)).contains("#lobby");
    assertThat(h.screen()).contains("you left #ops");
  }

  /** As line mode says them: a join or an opening made elsewhere is a line where one looks. */
  @Test
  void joiningARoomOrOpeningAPrivateConversationElsewhere_listsItAndSaysSo() {
    TuiHarness h = inLobby(120, 24);

    h.client.fireMembership("#ops", "alice", true);
    h.client.fireMembership("@alice+bob", "Alice", true);
    h.drain();

    assertThat(h.row(0)).contains("#lobby");
    assertThat(h.screen())
        .contains("you joined #ops", "you opened @bob", "2 #ops", "3 @bob")
        .doesNotContain("@alice+bob");
  }

  /** The id holds the lowercase key; the list, the title and the status bar the name. */
  @Test
  void privateConversationWithAMixedCaseName_labelledAsTheNameIsRegistered() {
    TuiHarness h = inLobby(120, 24);
    h.client.spellings.put("maximilian", "Maximilian");

    h.client.fireMembership("@alice+maximilian", "alice", true);
    h.drain();
    assertThat(h.screen()).contains("you opened @Maximilian", "2 @Maximilian");
    h.alt('2');

    assertThat(h.row(0)).contains("@Maximilian  private conversation");
    assertThat(h.screen()).contains("2:@Maximilian").doesNotContain("@maximilian");
  }

  @Test
  void reconnectWithoutTheCurrentRoom_dropsItsPaneMovesToTheLobbyAndSaysWhy() {
    TuiHarness h = new TuiHarness(200, 24).start().loggedInAs("alice");
    h.client.fireMembership("#ops", "alice", true);
    h.client.fireMembership("#dev", "alice", true);
    h.drain().alt('3');
    assertThat(h.row(0)).contains("#dev");

    h.client.setState(ConnectionState.RECONNECTING, "connection lost");
    h.client.setState(ConnectionState.ONLINE, "reconnected to relay");
    h.client.fireNoLongerIn("#dev");
    h.drain();

    assertThat(h.row(0)).contains("#lobby");
    assertThat(h.screen())
        .contains(
            "you are no longer in #dev (left on another device, removed, or the group disbanded"
                + " while this device was offline)")
        .contains("#ops")
        .doesNotContain("3 #");
  }

  @Test
  void reconnectWithoutAPrivateConversation_dropsItsPaneAndSaysItWasClosed() {
    TuiHarness h = inLobby(200, 24);
    h.client.fireMembership("@alice+bob", "alice", true);
    h.client.fireMembership("@alice+bob", "bob", true);
    h.drain();
    assertThat(h.screen()).contains("@bob");

    h.client.fireNoLongerIn("@alice+bob");
    h.drain();

    assertThat(h.row(0)).contains("#lobby");
    assertThat(h.screen())
        .contains("you are no longer in @bob (closed on another device while this device was")
        .doesNotContain("2 @bob");
  }

  @Test
  void leave_privatePaneNeverWrittenIn_dropsThePaneWithoutAskingTheRelay() {
    TuiHarness h = inLobby(120, 24);
    h.onLine = (line, context) -> new SlashCommandDispatcher().dispatch(line, context);
    h.type("/pm bob").press(KeyType.Enter).drain();
    assertThat(h.row(0)).contains("@bob");
    assertThat(h.client.conversations())
        .as("as the relay: not before its first message")
        .doesNotContain("@alice+bob");

    h.type("/leave").press(KeyType.Enter).drain();

    assertThat(h.row(0)).contains("#lobby");
    assertThat(h.screen())
        .contains("closed @bob (nothing was written there); now in #lobby")
        .doesNotContain("no open conversation")
        .doesNotContain("2 @bob");
    assertThat(h.client.calls).noneMatch(call -> call.startsWith("close"));
  }

  /** /pm bob TEXT typed in #lobby is said in #lobby, where the person looks, and shown in @bob. */
  @Test
  void pmWithText_fromAnotherPane_saysWhereItWent() {
    TuiHarness h = inLobby(120, 24);
    h.onLine = (line, context) -> new SlashCommandDispatcher().dispatch(line, context);

    h.type("/pm bob lunch at noon?").press(KeyType.Enter).drain();

    assertThat(h.row(0)).contains("#lobby");
    assertThat(h.screen()).contains("sent to @bob: /switch @bob shows the conversation");
    h.type("/switch @bob").press(KeyType.Enter).drain();
    assertThat(h.screen()).contains("lunch at noon?").doesNotContain("sent to @bob");
    h.type("/me waves").press(KeyType.Enter).drain();
    assertThat(h.screen()).contains("waves").doesNotContain("sent to @bob");
  }

  @Test
  void aLineOfSpaces_isRefusedSayingSo_anEmptyLineIsPassedOver() {
    TuiHarness h = inLobby(100, 24);
    List<String> submitted = new CopyOnWriteArrayList<>();
    h.onLine = (line, context) -> submitted.add(line);

    h.press(KeyType.Enter).drain();
    assertThat(h.screen()).doesNotContain("the text shows nothing");
    h.type("   ").press(KeyType.Enter).drain();

    assertThat(h.screen()).contains("no message: the text shows nothing");
    assertThat(submitted).isEmpty();
  }

  @Test
  void closingTheCurrentPrivateConversationElsewhere_dropsItsPaneAndSaysSo() {
    TuiHarness h = new TuiHarness(100, 24).start().loggedInAs("alice");
    h.client.fireMembership("@alice+bob", "alice", true);
    h.client.fireMembership("@alice+bob", "bob", true);
    h.drain().alt('2');
    assertThat(h.row(0)).contains("@bob");

    h.client.fireMembership("@alice+bob", "alice", false);
    h.drain();

    assertThat(h.row(0)).contains("#lobby");
    assertThat(h.screen()).contains("you closed @bob").doesNotContain("2 @bob", "@alice+bob");
  }

  @Test
  void goingOfflineForGood_isSaidInTheCurrentPaneToo() {
    TuiHarness h = inLobby(100, 24);

    h.tui
        .events()
        .onConnection(
            ConnectionState.OFFLINE,
            "the session for alice was ended from another device: log in with the password");
    h.drain();

    assertThat(h.row(0)).contains("#lobby");
    assertThat(h.screen()).contains("connection offline: the session for alice was ended");
  }

  @Test
  void sessionEnded_saidInTheCurrentPane_withTheSlashCommandToLogInAgain() {
    TuiHarness h = inLobby(160, 24);

    h.tui.events().onStopped(CommandException.SessionEnded.endedElsewhere("alice"));
    h.drain();

    assertThat(h.row(0)).contains("#lobby");
    assertThat(h.screen()).contains("log in again: /login alice").doesNotContain("chat login");
  }

  /**
   * Said once where the person is looking; the offline line with the same reason goes to status.
   */
  @Test
  void sessionEnded_thenOffline_theReasonOnceInTheCurrentPane() {
    TuiHarness h = inLobby(200, 24);
    CommandException.SessionEnded ended = CommandException.SessionEnded.endedElsewhere("alice");

    h.client.fireStopped(ended, ended.getMessage());
    h.drain();

    assertThat(h.screen().split("was ended from another device", -1)).hasSize(2);
    assertThat(h.screen()).contains("log in again: /login alice");
  }

  @Test
  void start_notLoggedIn_showsLoginHintAndOffline() {
    TuiHarness h = new TuiHarness(80, 24).start();

    assertThat(h.screen()).contains("/register NAME or /login NAME; /help for", "all commands");
    assertThat(h.statusRow()).contains("[not logged in]", "[status]", "[OFFLINE]");
  }

  @Test
  void resize_to120x40_movesPanesAndBars() {
    TuiHarness h = inLobby(80, 24);

    h.resize(120, 40);

    assertThat(column(h, 20, 1, 37)).isEqualTo("│".repeat(37));
    assertThat(column(h, 102, 1, 37)).isEqualTo("│".repeat(37));
    assertThat(h.row(38)).contains("[1:#lobby]");
    assertThat(h.row(39)).startsWith("> ");
    assertThat(h.row(2).substring(103)).startsWith("● alice");
  }

  @Test
  void resize_toTinySize_saysTooSmallThenRecovers() {
    TuiHarness h = inLobby(80, 24);

    h.resize(15, 4); // says how large it must be, in the room it has
    assertThat(h.row(0)).isEqualTo("terminal too   ");
    assertThat(h.row(1)).isEqualTo("small: 20x5 at ");
    assertThat(h.row(2)).isEqualTo("least          ");
    h.resize(1, 1);
    assertThat(h.row(0)).isEqualTo("t");
    h.resize(20, 5);

    assertThat(h.row(0)).contains("#lobby");
    assertThat(h.row(3)).contains("[alice] [1:#lobby]"); // the bar, without the relay at 20
    assertThat(h.row(4)).startsWith("> ");
  }

  @Test
  void scrollback_withHeldMessages_saysHowManyFromWhomAndHowToReadThem() {
    TuiHarness h = new TuiHarness(120, 24).start().loggedInAs("alice");
    h.client.deliver("#lobby", "carol", "from carol");
    h.client.held.put("#lobby", List.of(new HeldMessages("#lobby", "bob", List.of(2L, 3L))));

    h.alt('1');

    assertThat(h.screen())
        .contains(
            "from carol",
            "-!- 2 messages from bob are signed with a new key you have not accepted;",
            "they are held. Compare the safety number (/safety bob), then /trust",
            "bob to read them");
  }

  @Test
  void scrollback_withMessagesFromAnOldKey_saysHowManyFromWhomAndThatTheyAreNotShown() {
    TuiHarness h = new TuiHarness(120, 24).start().loggedInAs("alice");
    h.client.deliver("#lobby", "carol", "from carol");
    h.client.leftOut.put(
        "#lobby",
        List.of(
            new LeftOutMessages("#lobby", "bob", LeftOutMessages.Reason.OLD_KEY, List.of(1L, 2L))));

    h.alt('1');

    assertThat(h.screen())
        .contains(
            "from carol",
            "-!- 2 messages from bob are signed by a key that is not bob's current",
            "one (an older key, replaced since, or a forgery); they cannot be",
            "verified and are not shown");
  }

  @Test
  void messageFromAnOldKey_announcedLive_isCountedOnceWhenThePaneLoadsItsHistory() {
    TuiHarness h = new TuiHarness(120, 24).start().loggedInAs("alice");
    LeftOutMessages one =
        new LeftOutMessages("#lobby", "bob", LeftOutMessages.Reason.OLD_KEY, List.of(1L));
    h.client.fireLeftOut(one);
    h.client.leftOut.put("#lobby", List.of(one));

    h.alt('1');

    String notice = "message #1 from bob is signed by a key";
    String screen = h.screen();
    assertThat(screen.split(notice, -1)).as(screen).hasSize(2);
  }

  @Test
  void messageFromAnOldKey_announcedLive_historyFindsMore_oneNoticeCountingEachOnce() {
    TuiHarness h = new TuiHarness(120, 24).start().loggedInAs("alice");
    h.client.fireLeftOut(
        new LeftOutMessages("#lobby", "bob", LeftOutMessages.Reason.OLD_KEY, List.of(1L)));
    h.client.leftOut.put(
        "#lobby",
        List.of(
            new LeftOutMessages(
                "#lobby", "bob", LeftOutMessages.Reason.OLD_KEY, List.of(1L, 2L, 3L))));

    h.alt('1');

    String screen = h.screen();
    assertThat(screen).doesNotContain("message #1 from bob is signed by a key");
    assertThat(screen.split("3 messages from bob are signed by a key", -1)).as(screen).hasSize(2);
  }

  @Test
  void messagesFromAnOldKey_countedByACatchUp_thenOneLive_theNoticeCountsAllThree() {
    TuiHarness h = new TuiHarness(120, 24).start().loggedInAs("alice");
    h.client.fireLeftOut(
        new LeftOutMessages("#lobby", "bob", LeftOutMessages.Reason.OLD_KEY, List.of(3L, 4L)));
    h.client.fireLeftOut(LeftOutMessages.one("#lobby", "bob", LeftOutMessages.Reason.OLD_KEY, 9));
    h.client.leftOut.put(
        "#lobby",
        List.of(
            new LeftOutMessages("#lobby", "bob", LeftOutMessages.Reason.OLD_KEY, List.of(4L, 9L))));

    h.alt('1');

    String screen = h.screen();
    assertThat(screen).doesNotContain("2 messages from bob");
    assertThat(screen.split("3 messages from bob are signed by a key", -1)).as(screen).hasSize(2);
  }

  @Test
  void messageLeftOutLive_forOneReason_historyGivesAnotherForTheSameSeq_countedOnce() {
    TuiHarness h = new TuiHarness(120, 24).start().loggedInAs("alice");
    h.client.fireLeftOut(LeftOutMessages.one("#lobby", "bob", LeftOutMessages.Reason.NO_KEY, 5));
    h.client.fireLeftOut(LeftOutMessages.one("#lobby", "", LeftOutMessages.Reason.DAMAGED, 6));
    h.client.leftOut.put(
        "#lobby",
        List.of(
            LeftOutMessages.one("#lobby", "", LeftOutMessages.Reason.DAMAGED, 6),
            LeftOutMessages.one("#lobby", "bob", LeftOutMessages.Reason.OLD_KEY, 5)));

    h.alt('1');

    String screen = h.screen();
    assertThat(screen).contains("message #5 from bob cannot be checked: no usable key");
    assertThat(screen).doesNotContain("signed by a key that is not bob's current one");
    assertThat(screen.split("message #6 is damaged", -1)).as(screen).hasSize(2);
  }

  @Test
  void messageWithNoUsableKey_leftOutLive_namesItsSeqAndWhy_historyCountingItAgainChangesNothing() {
    TuiHarness h = new TuiHarness(200, 24).start().loggedInAs("alice");
    h.client.fireLeftOut(
        LeftOutMessages.one(
            "#lobby", "bob", LeftOutMessages.Reason.NO_KEY, 5, "the relay says: no such user"));
    h.client.leftOut.put(
        "#lobby", List.of(LeftOutMessages.one("#lobby", "bob", LeftOutMessages.Reason.NO_KEY, 5)));

    h.alt('1');

    String screen = h.screen();
    assertThat(screen)
        .contains(
            "message #5 from bob cannot be checked: no usable key for that sender (the relay says:"
                + " no such user); not shown");
    assertThat(screen.split("from bob", -1)).as(screen).hasSize(2);
  }

  @Test
  void invalidKeysAnnouncedInAFlood_fiveSaid_theOthersCountedOnceTheRelayPauses() {
    TuiHarness h = new TuiHarness(160, 30).start().loggedInAs("alice");

    for (int i = 1; i <= 9; i++) {
      h.client.firePushedNotice(
          PushedNotice.invalidKey("the relay announced an invalid key for user" + i + "; ignored"));
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> h.drain().screen().contains("the relay announced 4 more invalid keys"));
    String screen = h.screen();
    assertThat(screen.split("an invalid key for user", -1)).as(screen).hasSize(6);
    assertThat(screen).contains("user5;").doesNotContain("user6;");
  }

  @Test
  void invalidKeysAnnouncedInAFlood_aLineTyped_theCountIsSaidAndFiveMoreMayBeSaid() {
    TuiHarness h = new TuiHarness(160, 30).start().loggedInAs("alice");
    for (int i = 1; i <= 9; i++) {
      h.client.firePushedNotice(
          PushedNotice.invalidKey("the relay announced an invalid key for user" + i + "; ignored"));
    }

    h.type("/nope").press(KeyType.Enter).drain();
    for (int i = 10; i <= 12; i++) {
      h.client.firePushedNotice(
          PushedNotice.invalidKey("the relay announced an invalid key for user" + i + "; ignored"));
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> h.drain().screen().contains("user12;"));
    String screen = h.screen();
    assertThat(screen).contains("the relay announced 4 more invalid keys", "user10;", "user11;");
    assertThat(screen).doesNotContain("more invalid key;").doesNotContain("3 more invalid keys");
  }

  @Test
  void replayedCopiesPushedInAFlood_fiveSaidInThePane_theOthersCountedOnceTheRelayPauses() {
    TuiHarness h = new TuiHarness(160, 30).start().loggedInAs("alice");

    for (long seq = 1; seq <= 9; seq++) {
      h.client.fireDeliveryNotice(DeliveryNotice.replayed("#lobby", seq));
    }
    h.alt('1');

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> h.drain().screen().contains("dropped 4 more replayed copies"));
    String screen = h.screen();
    assertThat(screen.split("dropped a replayed copy", -1)).as(screen).hasSize(6);
    assertThat(screen).contains("#5)").doesNotContain("#6)");
  }

  @Test
  void messagesLeftOutFromManySenders_fiveNamedInAPane_theOthersCountedInOneNotice() {
    TuiHarness h = new TuiHarness(160, 30).start().loggedInAs("alice");
    List<LeftOutMessages> history = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      LeftOutMessages left =
          LeftOutMessages.one("#lobby", "forged" + i, LeftOutMessages.Reason.NO_KEY, i);
      h.client.fireLeftOut(left);
      history.add(left);
    }
    h.client.fireLeftOutFromOthers(
        new LeftOutFromOthers(
            "#lobby",
            List.of(
                LeftOutMessages.one("#lobby", "forged1", LeftOutMessages.Reason.NO_KEY, 1),
                LeftOutMessages.one("#lobby", "forged9", LeftOutMessages.Reason.NO_KEY, 9),
                new LeftOutMessages(
                    "#lobby", "forged10", LeftOutMessages.Reason.OLD_KEY, List.of(10L, 11L)))));
    h.client.leftOut.put("#lobby", history);

    h.alt('1');

    String screen = h.screen();
    for (int i = 1; i <= 5; i++) {
      assertThat(screen).contains("message #" + i + " from forged" + i + " cannot be checked");
    }
    assertThat(screen).doesNotContain("forged6", "forged7", "forged8", "forged9", "forged10");
    assertThat(screen.split("more messages from", -1)).as(screen).hasSize(2);
    assertThat(screen)
        .contains("and 6 more messages from 5 other senders were left out; they are not shown");
  }

  @Test
  void heldMessage_announcedLive_isAnnouncedOnce_andTheNoticeSaysSoOnceTheKeyIsAccepted() {
    TuiHarness h = new TuiHarness(120, 24).start().loggedInAs("alice");
    h.client.fireKeyChange("bob");
    h.client.fireHeld(HeldMessages.one("#lobby", "bob", 2));
    h.client.held.put("#lobby", List.of(HeldMessages.one("#lobby", "bob", 2)));

    h.alt('1');

    String held = "message #2 from bob is signed with a new key";
    String screen = h.screen();
    assertThat(screen.split(held, -1)).as(screen).hasSize(2);

    h.client.deliver("#lobby", "carol", "a later line");
    h.drain();
    h.client.trust("bob");
    h.drain();

    screen = h.screen();
    assertThat(screen)
        .doesNotContain(held)
        .contains("the messages held from bob until their new key was accepted");
    // said below what came since, not in the held notice's place above it
    assertThat(screen.indexOf("the messages held from bob until"))
        .isGreaterThan(screen.indexOf("a later line"));
  }

  @Test
  void heldMessages_twoLiveThenACatchUpOverlappingByOne_countsTheFourDistinctOnes() {
    String screen =
        screenAfterHeld(
            List.of(new HeldMessages("#lobby", "bob", List.of(3L, 5L))),
            HeldMessages.one("#lobby", "bob", 3),
            HeldMessages.one("#lobby", "bob", 4),
            new HeldMessages("#lobby", "bob", List.of(4L, 5L, 6L)));

    assertThat(screen).doesNotContain("a message from bob", "3 messages from bob");
    assertThat(screen.split("4 messages from bob are signed with a new key", -1))
        .as(screen)
        .hasSize(2);
  }

  @Test
  void heldMessages_aCatchUpThenAnotherThatDoesNotOverlap_addUp() {
    String screen =
        screenAfterHeld(
            List.of(),
            new HeldMessages("#lobby", "bob", List.of(2L, 3L)),
            new HeldMessages("#lobby", "Bob", List.of(7L, 8L, 9L)));

    assertThat(screen).doesNotContain("2 messages from bob", "3 messages from Bob");
    assertThat(screen.split("5 messages from bob are signed with a new key", -1))
        .as(screen)
        .hasSize(2);
  }

  /**
   * The screen of #lobby once bob's key changed, {@code reported} were told as held (live or by a
   * catch-up), and the pane loaded a history page that holds {@code inHistory}.
   */
  private static String screenAfterHeld(List<HeldMessages> inHistory, HeldMessages... reported) {
    TuiHarness h = new TuiHarness(120, 24).start().loggedInAs("alice");
    h.client.fireKeyChange("bob");
    for (HeldMessages held : reported) {
      h.client.fireHeld(held);
    }
    h.client.held.put("#lobby", inHistory);

    h.alt('1');

    return h.screen();
  }

  @Test
  void historyCommand_fileOffersAmongTheMessages_listsThemInPlaceWithTheirIds() {
    TuiHarness h = inLobby(140, 24);
    FileOffer one = h.client.fireFileOffer("@alice+bob", "bob", "one.txt", 3);
    FileOffer two = h.client.fireFileOffer("@alice+bob", "bob", "two.txt", 3);
    FileOffer three = h.client.fireFileOffer("@alice+bob", "bob", "three.txt", 3);
    h.client.send("@alice+bob", "private while you were away");
    h.onLine = (line, context) -> new SlashCommandDispatcher().dispatch(line, context);

    h.type("/history @bob 5").press(KeyType.Enter);
    h.drain();

    String screen = h.screen();
    int heading = screen.indexOf("-!- last 4 messages in @bob:");
    assertThat(heading).as(screen).isPositive();
    String listed = screen.substring(heading);
    assertThat(listed)
        .containsSubsequence(
            "[@bob] 00:00:00 -!- bob offers one.txt (3 B): /file accept " + one.shortId(),
            "[@bob] 00:00:00 -!- bob offers two.txt (3 B): /file accept " + two.shortId(),
            "[@bob] 00:00:00 -!- bob offers three.txt (3 B): /file accept " + three.shortId(),
            "<alice> private while you were away");
  }

  /** A file sent privately lists its conversation, as a private message does. */
  @Test
  void fileSendCommand_toSomeoneNotWrittenTo_listsThePrivateConversation() throws Exception {
    TuiHarness h = inLobby(100, 24);
    h.onLine = (line, context) -> new SlashCommandDispatcher().dispatch(line, context);
    Path file = Files.createTempFile("chat-tui-", ".txt");
    try {
      h.type("/file send " + file + " @bob").press(KeyType.Enter);

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> h.drain().screen().contains("sent " + file.getFileName()));
      assertThat(h.screen().lines().skip(1).limit(5).map(row -> row.substring(0, 18)))
          .anyMatch(row -> row.contains("@bob"));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /**
   * The relay does not echo an offer to its sender: the pane shows it as a sent message, with its
   * id, and no second line says it was sent.
   */
  @Test
  void fileSendCommand_theOfferIsShownInItsPane_asYours() throws Exception {
    TuiHarness h = inLobby(120, 24);
    h.onLine = (line, context) -> new SlashCommandDispatcher().dispatch(line, context);
    Path file = Files.createTempFile("chat-tui-", ".txt");
    try {
      h.type("/file send " + file).press(KeyType.Enter);

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> h.drain().screen().contains("you offered " + file.getFileName()));
      // the size and id as faked (the id on the row the name pushes it to); one runnable shows
      // the offer and would show the line that says it was sent
      assertThat(h.screen())
          .contains("you offered " + file.getFileName() + " (1.2 KiB) as file")
          .contains("00000000")
          .doesNotContain("sent " + file.getFileName());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** A user ignored cannot flood the screen with invitations and friend requests. */
  @Test
  void invitationsAndFriendRequestsOfAUserIgnored_areNotShown() {
    TuiHarness h = inLobby(100, 24);
    h.client.ignore("carol", true);

    h.client.fireGroupUpdate(new GroupUpdate("#a", "carol", GroupUpdate.Kind.INVITED, "alice", ""));
    h.client.fireGroupUpdate(
        new GroupUpdate("#a", "carol", GroupUpdate.Kind.UNINVITED, "alice", ""));
    h.client.fireFriendUpdate("carol", FriendUpdate.REQUESTED);
    h.client.fireGroupUpdate(new GroupUpdate("#b", "dave", GroupUpdate.Kind.INVITED, "alice", ""));
    h.drain();

    assertThat(h.screen())
        .contains("dave invited you to #b")
        .doesNotContain("carol invited you")
        .doesNotContain("your invitation")
        .doesNotContain("wants to be your friend");
  }

  /** A first /register lands in #lobby, and says so there, not only in the status window. */
  @Test
  void registerCommand_landsInTheLobby_sayingSoThere() {
    TuiHarness h = new TuiHarness(100, 24, threads).start();
    h.onLine = (line, context) -> new SlashCommandDispatcher().dispatch(line, context);

    h.type("/register alice password1").press(KeyType.Enter);
    h.drain();
    for (int i = 0; i < 2; i++) {
      await().atMost(Duration.ofSeconds(10)).until(() -> h.drain().screen().contains("passphrase"));
      h.type("passphrase1").press(KeyType.Enter);
      h.drain();
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> h.drain().screen().contains("registered and logged in as alice"));

    String screen = h.screen();
    assertThat(screen.lines().findFirst().orElseThrow()).contains("#lobby");
    assertThat(screen).contains("registered and logged in as alice");
  }

  /** The status window is named in the list as "status": /switch goes there by that name. */
  @Test
  void switchCommand_status_goesToTheStatusWindow_unlessARoomIsNamedSo() {
    TuiHarness h = inLobby(100, 24);
    h.onLine = (line, context) -> new SlashCommandDispatcher().dispatch(line, context);

    h.type("/switch Status").press(KeyType.Enter);
    h.drain();

    assertThat(h.screen().lines().findFirst().orElseThrow())
        .contains("status: command output and notices");
    assertThat(h.screen()).doesNotContain("you are not in #status");

    h.client.join("#status");
    h.type("/switch status").press(KeyType.Enter);
    h.drain();

    assertThat(h.screen().lines().findFirst().orElseThrow()).contains("#status");
  }

  @Test
  void historyCommand_roomWithOnlyAFileOffer_listsTheOffer() {
    TuiHarness h = inLobby(100, 24);
    FileOffer offer = h.client.fireFileOffer("#lobby", "bob", "report.pdf", 3_000_000);
    h.onLine = (line, context) -> new SlashCommandDispatcher().dispatch(line, context);

    h.type("/history").press(KeyType.Enter);
    h.drain();

    String screen = h.screen();
    assertThat(screen).doesNotContain("no messages in #lobby");
    assertThat(screen.substring(screen.indexOf("last message in #lobby:")))
        .contains("-!- bob offers report.pdf (2.9 MiB): /file accept " + offer.shortId());
  }

  @Test
  void scrollback_fileOffersInRecentHistory_shownInPlaceAndOnlyOnce() {
    TuiHarness h = new TuiHarness(120, 24).start().loggedInAs("alice");
    String id = "%032x".formatted(99);
    h.client.offers.put(
        id, new FileOffer("#lobby", 0, id, "carol", 0, 0, id, "older.txt", 3, 0, false));
    h.client.deliver("#lobby", "carol", "from carol");
    h.client.fireFileOffer("#lobby", "carol", "live.txt", 3);

    h.alt('1');

    String screen = h.screen();
    assertThat(screen)
        .containsSubsequence(
            "carol offers older.txt (3 B): /file accept " + id.substring(0, 8),
            "from carol",
            "carol offers live.txt (3 B)");
    assertThat(screen.split("offers live.txt", -1)).hasSize(2);
  }

  @Test
  void listedMessages_ofAnotherConversation_areLabelledWithIt() {
    TuiHarness h = inLobby(80, 24);
    ChatMessage direct = Messages.of("@alice+bob", 1, "bob", "psst");
    h.onLine =
        (line, context) -> {
          context.info("last message with bob:");
          context.showListed(List.of(direct));
        };

    h.type("/history bob").press(KeyType.Enter);
    h.drain();

    assertThat(h.screen()).contains("[@bob] 09:30:00 <bob> psst");
  }

  @Test
  void listedMessages_alreadyOnScreen_areShownAgainUnderTheirHeading() {
    TuiHarness h = inLobby(80, 24);
    ChatMessage first = Messages.of("#lobby", 1, "bob", "first words");
    h.onLine =
        (line, context) -> {
          if (line.equals("show")) {
            context.showMessage(first);
          } else {
            context.info("last message in #lobby:");
            context.showListed(List.of(first));
          }
        };

    h.type("show").press(KeyType.Enter);
    h.type("list").press(KeyType.Enter);
    h.drain();

    String screen = h.screen();
    int heading = screen.indexOf("last message in #lobby:");
    assertThat(heading).isPositive();
    assertThat(screen.indexOf("first words")).isLessThan(heading);
    assertThat(screen.indexOf("first words", heading)).isGreaterThan(heading);
  }

  @Test
  void typing_thenEnter_dispatchesLineInCurrentConversation() {
    TuiHarness h = inLobby(80, 24);
    List<String> conversations = new CopyOnWriteArrayList<>();
    h.onLine = (line, context) -> conversations.add(context.currentConversation().orElse("-"));

    h.type("hello wörld 世界").press(KeyType.Enter);

    assertThat(h.dispatched).containsExactly("hello wörld 世界");
    assertThat(conversations).containsExactly("#lobby");
    assertThat(h.inputRow().strip()).isEqualTo(">");
  }

  @Test
  void helpText_isReflowedToThePaneWidth_withoutWordsLeftOnLinesOfTheirOwn() {
    TuiHarness h = inLobby(64, 24); // where each fixed line wrapped again left "offers" alone
    h.onLine =
        (line, context) ->
            context.help(
                List.of(
                    "send PATH [USER|ROOM]: encrypts the file with a fresh key, uploads it and"
                        + " offers",
                    "  it to the current conversation (or to USER privately, or to ROOM).",
                    "reject ID: declines an offer; it stays listed as rejected.",
                    "examples: /login alice",
                    "          /login alice PASSWORD   (kept out of the input history)"));

    h.type("/help file").press(KeyType.Enter);

    String screen = h.screen();
    assertThat(screen).contains("-!- send PATH", "-!- reject ID", "/login alice PASSWORD");
    for (int row = 1; row < h.rows() - 2; row++) {
      String text = h.row(row).substring(13).strip(); // past the conversation list
      assertThat(text).as("row %d", row).isNotIn("offers", "and offers", "it");
    }
    assertThat(screen).contains("uploads it and \n", "offers it to the current conversation");
  }

  @Test
  void helpOfFile_inASixtyColumnTerminal_neverBreaksAnExample() {
    TuiHarness h = inLobby(60, 30);
    h.onLine =
        (line, context) ->
            context.help(
                List.of(
                    "reject ID: declines an offer; it stays listed as rejected.",
                    "examples: /file send ~/report.pdf   /file send notes.txt alice   /file"
                        + " accept 3f2a"));

    h.type("/help file").press(KeyType.Enter);

    String screen = h.screen();
    for (String example :
        List.of("/file send ~/report.pdf", "/file send notes.txt alice", "/file accept 3f2a")) {
      assertThat(screen).contains(example);
    }
  }

  @Test
  void tab_repeated_replacesWordAtCursorAndCyclesCandidates() {
    TuiHarness h = inLobby(80, 24);
    h.completions.addAll(List.of("@alice", "@alfred"));

    h.type("hi @al").press(KeyType.Tab);
    assertThat(h.inputRow()).startsWith("> hi @alice ");
    h.press(KeyType.Tab);
    assertThat(h.inputRow()).startsWith("> hi @alfred ");
    h.press(KeyType.Tab);
    assertThat(h.inputRow()).startsWith("> hi @alice ");
    h.type("!").press(KeyType.Tab);

    assertThat(h.inputRow()).startsWith("> hi @alice ");
  }

  @Test
  void pageUp_showsOlderLinesAndMarker_pageDownAndTypingReturn() {
    TuiHarness h = inLobby(80, 24);
    for (int i = 1; i <= 60; i++) {
      h.client.deliver("#lobby", "bob", "message %02d".formatted(i));
    }
    h.drain();
    assertThat(h.row(21)).contains("message 60");

    h.press(KeyType.PageUp); // one line of the page before stays in view
    assertThat(h.row(21)).contains(MessagePane.MORE_BELOW);
    assertThat(h.row(20)).contains("message 41");
    assertThat(h.screen()).doesNotContain("message 42");

    h.press(KeyType.PageUp).press(KeyType.PageUp).press(KeyType.PageUp);
    assertThat(h.row(1)).contains("message 01");

    h.press(KeyType.PageDown).press(KeyType.PageDown).press(KeyType.PageDown);
    assertThat(h.row(21)).contains("message 60").doesNotContain(MessagePane.MORE_BELOW);

    h.press(KeyType.PageUp).type("x");
    assertThat(h.row(21)).contains("message 60");
  }

  @Test
  void incomingMessage_otherConversation_countsUnreadUntilAltNumber() {
    TuiHarness h = inLobby(80, 24);
    h.client.fireMembership("#dev", "alice", true);
    h.drain();

    h.client.deliver("#dev", "bob", "psst");
    h.client.deliver("#dev", "bob", "still there?");
    h.drain();
    assertThat(h.row(3)).startsWith(" 2 #dev").contains(" 2");
    assertThat(h.cell(5, 3).getForegroundColor()).isEqualTo(TextColor.ANSI.YELLOW_BRIGHT);
    assertThat(h.statusRow()).contains("[Act: 2]");

    h.alt('2');

    assertThat(h.statusRow()).contains("[2:#dev]").doesNotContain("Act:");
    assertThat(h.row(3).substring(0, 13).strip()).isEqualTo("2 #dev");
    assertThat(h.screen()).contains("<bob> psst", "<bob> still there?");
  }

  @Test
  void unread_notReadWhenTheClientQuits_isCountedAgainAtTheNextStart_untilRead() {
    TuiHarness h = inLobby(80, 24);
    h.client.fireMembership("#dev", "alice", true);
    h.client.fireMembership("#zeta", "alice", true);
    h.drain();
    h.client.deliver("#dev", "bob", "psst");
    h.client.deliver("#dev", "bob", "still there?");
    h.client.deliver("#zeta", "bob", "alice, look");
    h.drain();
    assertThat(h.client.keptList().unread())
        .hasEntrySatisfying("#dev", u -> assertThat(u.messages()).isEqualTo(2))
        .hasEntrySatisfying("#zeta", u -> assertThat(u.loud()).isTrue())
        .containsOnlyKeys("#dev", "#zeta");
    assertThat(h.client.keptList().unread().get("#dev").ids()).hasSize(2);

    TuiHarness next = new TuiHarness(80, 24);
    next.client.login("alice", "pw".toCharArray(), "pp".toCharArray());
    next.client.fireMembership("#dev", "alice", true);
    next.client.fireMembership("#zeta", "alice", true);
    next.client.keepList("alice", h.client.keptList());
    next.start().drain();
    next.client.deliver("#dev", "bob", "one more");
    next.drain();

    assertThat(next.row(3)).startsWith(" 2 #dev     3│");
    assertThat(next.row(4)).startsWith(" 3 #zeta    1│");
    assertThat(next.statusRow()).contains("[Act: 2,3]");
    next.alt('a'); // a mention first
    assertThat(next.statusRow()).contains("[3:#zeta]");
    assertThat(next.client.keptList().unread()).containsOnlyKeys("#dev");
  }

  /**
   * A message unread when the client quit, deleted after the next start: its count goes, though
   * this run's pane never had the message.
   */
  @Test
  void unread_keptFromAnEarlierRun_losesAMessageDeletedAfterTheRestart() {
    TuiHarness h = inLobby(80, 24);
    h.client.fireMembership("#dev", "alice", true);
    h.drain();
    ChatMessage psst = h.client.deliver("#dev", "bob", "psst");
    h.client.deliver("#dev", "bob", "still there?");
    h.drain();

    TuiHarness next = new TuiHarness(80, 24);
    next.client.login("alice", "pw".toCharArray(), "pp".toCharArray());
    next.client.fireMembership("#dev", "alice", true);
    next.client.keepList("alice", h.client.keptList());
    next.start().drain();
    assertThat(next.row(3)).startsWith(" 2 #dev     2│");

    next.client.fireDeleted(new Deletion("#dev", "bob", "bob", List.of(psst.messageId())));
    next.drain();

    assertThat(next.row(3)).startsWith(" 2 #dev     1│");
  }

  @Test
  void ignoredUser_messagesNotShownNorCounted_inRoomsAndPrivately_untilUnignored() {
    TuiHarness h = inLobby(80, 24);
    h.client.fireMembership("#dev", "alice", true);
    h.drain();
    h.onLine = (line, context) -> new SlashCommandDispatcher().dispatch(line, context);
    h.type("/ignore bob").press(KeyType.Enter).drain();
    assertThat(h.screen()).contains("ignoring bob");

    h.client.deliver("#dev", "bob", "buy my stuff");
    h.client.deliver(h.client.directWith("bob"), "bob", "psst, buy it");
    h.client.deliver("#lobby", "bob", "still selling");
    h.client.deliver("#dev", "carol", "hello dev");
    h.drain();

    assertThat(h.screen()).doesNotContain("still selling").doesNotContain("@bob");
    assertThat(h.row(3)).startsWith(" 2 #dev     1│");
    h.alt('2');
    assertThat(h.screen()).contains("<carol> hello dev").doesNotContain("buy my stuff");
    h.drain();
    assertThat(h.screen())
        .as("the private conversation bob opened is not listed by the refresh of the list")
        .doesNotContain("@bob");

    h.type("/unignore bob").press(KeyType.Enter).drain();
    assertThat(h.screen()).contains("no longer ignoring bob");
    h.client.deliver("#dev", "bob", "back again");
    h.drain();
    assertThat(h.screen()).contains("<bob> back again");
  }

  /** Scrolled up to read, the lines stay put as messages come in below, as in other clients. */
  @Test
  void scrolledUp_messagesArriving_theViewStaysStill_andEndGoesToTheNewest() {
    TuiHarness h = inLobby(80, 24);
    for (int i = 1; i <= 60; i++) {
      h.client.deliver("#lobby", "bob", "message " + i);
    }
    h.drain();
    h.press(KeyType.PageUp).drain();
    List<String> before = new ArrayList<>();
    for (int row = 1; row < 21; row++) {
      before.add(h.row(row));
    }

    for (int i = 61; i <= 70; i++) {
      h.client.deliver("#lobby", "bob", "message " + i);
    }
    h.drain();

    for (int row = 1; row < 21; row++) {
      assertThat(h.row(row)).isEqualTo(before.get(row - 1));
    }
    h.press(KeyType.End).drain();
    assertThat(h.screen()).contains("message 70");
  }

  @Test
  void altA_privateAndRoomActivity_goesToPrivateFirstThenRoom() {
    TuiHarness h = inLobby(80, 24);
    h.client.fireMembership("#dev", "alice", true);
    h.drain();

    h.client.deliver("#dev", "carol", "room news");
    h.client.deliver(h.client.directWith("bob"), "bob", "private hello");
    h.drain();
    assertThat(h.screen()).contains("@bob");

    h.alt('a');
    assertThat(h.statusRow()).contains(":@bob]").contains("[Act: 2]");
    assertThat(h.screen()).contains("<bob> private hello");

    h.alt('a');
    assertThat(h.statusRow()).contains("[2:#dev]").doesNotContain("Act:");
  }

  @Test
  void listOrder_joinOrderDuringARun_isKeptAndComesBackAtTheNextStart() {
    TuiHarness h = inLobby(80, 24);
    h.client.fireMembership("#zeta", "alice", true);
    h.client.fireMembership("#dev", "alice", true);
    h.drain();
    assertThat(h.client.conversations()).containsExactly("#dev", "#lobby", "#zeta");
    assertThat(h.client.keptList().order()).containsExactly("#lobby", "#zeta", "#dev");

    TuiHarness next = new TuiHarness(80, 24);
    next.client.login("alice", "pw".toCharArray(), "pp".toCharArray());
    next.client.fireMembership("#zeta", "alice", true);
    next.client.fireMembership("#dev", "alice", true);
    next.client.keepList("alice", h.client.keptList());
    next.start().drain();

    next.alt('2');
    assertThat(next.statusRow()).contains("[2:#zeta]");
    next.alt('3');
    assertThat(next.statusRow()).contains("[3:#dev]");
  }

  /** A private conversation listed before its other party was ignored stays after a restart. */
  @Test
  void ignoredUser_privateConversationListedBefore_staysListedAtTheNextStart() {
    TuiHarness h = inLobby(80, 24);
    h.client.deliver(h.client.directWith("bob"), "bob", "hello before");
    h.drain();
    h.onLine = (line, context) -> new SlashCommandDispatcher().dispatch(line, context);
    h.type("/ignore bob").press(KeyType.Enter).drain();
    assertThat(h.client.keptList().order()).contains("@alice+bob");

    TuiHarness next = new TuiHarness(80, 24);
    next.client.login("alice", "pw".toCharArray(), "pp".toCharArray());
    next.client.ignore("bob", true);
    next.client.deliver(next.client.directWith("bob"), "bob", "hello before");
    next.client.keepList("alice", h.client.keptList());
    next.start().drain();

    assertThat(next.screen()).contains("@bob");
  }

  @Test
  void ctrlNAndCtrlP_twoConversations_cycleThroughStatusToo() {
    TuiHarness h = inLobby(80, 24);
    h.client.fireMembership("#dev", "alice", true);
    h.drain();

    h.ctrl('n');
    assertThat(h.statusRow()).contains("[2:#dev]");
    h.ctrl('n');
    assertThat(h.statusRow()).contains("[status]");
    h.ctrl('p');
    assertThat(h.statusRow()).contains("[2:#dev]");
  }

  /**
   * A control sequence typed outside a paste that Lanterna does not know (ESC [ arrives as Alt+[)
   * is dropped whole, not left as its parameters and final letter.
   */
  @Test
  void typedControlSequenceLanternaDoesNotKnow_isDroppedWhole() {
    TuiHarness h = inLobby(80, 24);

    h.type("bo").alt('[').type("1mb").alt('[').type("25~!");

    assertThat(h.inputRow()).startsWith("> bob!").doesNotContain("1m").doesNotContain("25");
  }

  /** Alt+[ pressed by hand: what is typed afterwards, later than a sequence's keys come, stays. */
  @Test
  void altBracketTypedByHand_theKeysTypedAfterIt_areText() {
    TuiHarness h = inLobby(80, 24);

    h.type("a").alt('[');
    h.later(KeyHandler.SEQUENCE_GAP_MILLIS + 1).type("2 apples");

    assertThat(h.inputRow()).startsWith("> a2 apples");
  }

  @Test
  void message_withEscapeSequences_isDrawnWithoutThem() {
    TuiHarness h = inLobby(80, 24);

    h.client.deliver(
        "#lobby", "mal\u001b[31mlory", "a\u001b[2Jb\u001b]0;x\u0007c\u009b31md\re\u0007f");
    h.client.fireNotice("", "gap\u001b[H\u001b[?1049l here");
    h.drain();

    String screen = h.screen();
    assertThat(screen).contains("<mallory> abcd ", "gap here").containsPattern("│ +ef +│");
    assertThat(screen).doesNotContain("[2J", "]0;x", "31m", "[H", "1049");
    assertThat(screen.chars().filter(c -> c != '\n' && Character.isISOControl(c))).isEmpty();
  }

  @Test
  void incomingMessage_withLoneCarriageReturn_showsItAsALineBreak() {
    TuiHarness h = inLobby(80, 24);

    h.client.deliver("#lobby", "bob", "left\rright\r\nend");
    h.drain();

    String screen = h.screen();
    assertThat(screen).contains("<bob> left ").doesNotContain("leftright", "rightend");
    assertThat(screen).containsPattern("│ +right +│").containsPattern("│ +end +│");
  }

  @Test
  void incomingMessage_longWideText_wrapsInsideMessagePane() {
    TuiHarness h = inLobby(80, 24);

    h.client.deliver("#lobby", "bob", "世界".repeat(40));
    h.drain();

    assertThat(column(h, 67, 1, 21)).isEqualTo("│".repeat(21));
    assertThat(h.screen()).contains("<bob> 世界世界");
    long wideRows = h.screen().lines().filter(l -> l.contains("界")).count();
    assertThat(wideRows).isGreaterThanOrEqualTo(4);
  }

  @Test
  void readSecret_typedThenEnter_showsNothingPerCharacterAndKeepsSecretOutOfHistory()
      throws Exception {
    TuiHarness h = new TuiHarness(80, 24, threads).start();
    List<String> secrets = new CopyOnWriteArrayList<>();
    h.onLine =
        (line, context) -> {
          char[] secret = context.readSecret(SecretKind.PASSWORD, "Password for alice:");
          secrets.add(new String(secret));
        };

    h.type("/login alice").press(KeyType.Enter);
    await().atMost(Duration.ofSeconds(5)).until(() -> h.drain().inputRow().contains("Password"));
    String empty = h.inputRow();
    int emptyCursor = h.terminal.getCursorBufferPosition().getColumn();
    h.type("hunter2");

    assertThat(h.inputRow()).isEqualTo(empty).startsWith("Password for alice (input hidden): ");
    assertThat(h.inputRow().strip()).isEqualTo("Password for alice (input hidden):");
    assertThat(h.terminal.getCursorBufferPosition().getColumn()).isEqualTo(emptyCursor);
    assertThat(h.screen()).doesNotContain("hunter2").doesNotContain("*");
    h.press(KeyType.Enter);
    await().atMost(Duration.ofSeconds(5)).until(() -> !secrets.isEmpty());
    assertThat(secrets).containsExactly("hunter2");

    h.press(KeyType.ArrowUp);
    assertThat(h.drain().inputRow()).startsWith("> /login alice ");
  }

  /**
   * {@code chat --user alice}: a passphrase typed while the startup login connects, before its
   * prompt opens, waits for that prompt; it is never shown in the input line, offered as a message
   * at Enter or kept in the input history.
   */
  @Test
  void startupLogin_passphraseTypedBeforeItsPrompt_goesToThePrompt() throws Exception {
    TuiHarness h = new TuiHarness(80, 24, threads);
    CountDownLatch connected = new CountDownLatch(1);
    List<String> secrets = new CopyOnWriteArrayList<>();
    h.onLine =
        (line, context) -> {
          try {
            connected.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          secrets.add(new String(context.readSecret(SecretKind.PASSPHRASE, "Passphrase:")));
        };
    // typed while the client starts, before the screen is up
    "typed ".chars().forEach(c -> h.terminal.addInput(new KeyStroke((char) c, false, false)));
    h.start(List.of("/login alice"));
    await().atMost(Duration.ofSeconds(5)).until(() -> h.dispatched.contains("/login alice"));
    assertThat(h.drain().screen())
        .as("no hint to log in: a login is under way")
        .doesNotContain("/register NAME");

    h.type("ahead");
    assertThat(h.inputRow()).doesNotContain("typed").doesNotContain("ahead");
    h.press(KeyType.Enter);
    connected.countDown();

    await().atMost(Duration.ofSeconds(5)).until(() -> h.drain() != null && !secrets.isEmpty());
    assertThat(secrets).containsExactly("typed ahead");
    assertThat(h.screen()).doesNotContain("typed ahead");
    h.press(KeyType.ArrowUp);
    assertThat(h.drain().inputRow()).doesNotContain("typed ahead");
  }

  @Test
  void readSecret_givenInTheEnvironment_takenWithoutAPrompt_otherSecretStillAsked() {
    TuiHarness h = new TuiHarness(80, 24, threads);
    h.tui.withSecrets(
        kind ->
            kind == SecretKind.PASSPHRASE
                ? java.util.Optional.of("passphrase from env".toCharArray())
                : java.util.Optional.empty());
    h.start();
    List<String> secrets = new CopyOnWriteArrayList<>();
    h.onLine =
        (line, context) -> {
          secrets.add(new String(context.readSecret(SecretKind.PASSPHRASE, "Passphrase:")));
          secrets.add(new String(context.readNewSecret(SecretKind.PASSPHRASE, "New one:")));
          secrets.add(new String(context.readSecret(SecretKind.PASSWORD, "Password:")));
        };

    h.type("/login alice").press(KeyType.Enter);
    await().atMost(Duration.ofSeconds(5)).until(() -> h.drain().inputRow().contains("Password"));
    assertThat(secrets).containsExactly("passphrase from env", "passphrase from env");
    h.type("typed").press(KeyType.Enter);

    await().atMost(Duration.ofSeconds(5)).until(() -> secrets.size() == 3);
    assertThat(secrets.get(2)).isEqualTo("typed");
    assertThat(h.screen()).doesNotContain("Passphrase:", "New one:", "passphrase from env");
  }

  @Test
  void readSecret_escape_cancelsWithAuthFailure() {
    TuiHarness h = new TuiHarness(80, 24, threads).start();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    h.onLine =
        (line, context) -> {
          try {
            context.readSecret(SecretKind.PASSPHRASE, "Passphrase:");
          } catch (CommandException.Auth e) {
            failures.add(e);
          }
        };

    h.type("/login alice").press(KeyType.Enter);
    await().atMost(Duration.ofSeconds(5)).until(() -> h.drain().inputRow().contains("Passphrase"));
    h.type("abc").press(KeyType.Escape);

    await().atMost(Duration.ofSeconds(5)).until(() -> !failures.isEmpty());
    assertThat(failures.get(0)).hasMessage("passphrase prompt cancelled"); // as in line mode
    assertThat(h.drain().inputRow()).startsWith("> ");
  }

  @Test
  void historyUp_loginLineWithPassword_recallsItRedacted() {
    TuiHarness h = new TuiHarness(80, 24).start();

    h.type("/login alice s3cret").press(KeyType.Enter).press(KeyType.ArrowUp);

    assertThat(h.dispatched).containsExactly("/login alice s3cret");
    assertThat(h.inputRow()).startsWith("> /login alice *** ");
  }

  @Test
  void connectionEvent_reconnecting_showsAlertInStatusBar() {
    TuiHarness h = inLobby(80, 24);

    h.client.setState(ConnectionState.RECONNECTING, "connection lost");
    h.drain();

    String status = h.statusRow();
    assertThat(status).contains("[RECONNECTING]");
    int column = status.indexOf("RECONNECTING");
    assertThat(h.cell(column, h.rows() - 2).getBackgroundColor()).isEqualTo(TextColor.ANSI.RED);
  }

  /** Offline, nobody's presence is heard: the online count says it is from the last connection. */
  @Test
  void connectionLost_theOnlineCountSaysItIsFromWhenLastConnected() {
    TuiHarness h = inLobby(100, 24);
    String before = h.row(0);

    h.client.setState(ConnectionState.RECONNECTING, "connection lost");
    h.drain();

    assertThat(before).contains("online").doesNotContain("when last connected");
    assertThat(h.row(0)).contains(" online when last connected");
    h.client.setState(ConnectionState.ONLINE, "reconnected");
    h.drain();
    assertThat(h.row(0)).contains("online").doesNotContain("when last connected");
  }

  @Test
  void connectionLostAndBack_oneLineEachInThePane_notOnePerAttempt() {
    TuiHarness h = inLobby(100, 30);

    h.client.setState(ConnectionState.RECONNECTING, "connection reset; reconnecting");
    for (int attempt = 1; attempt <= 5; attempt++) {
      h.client.setState(
          ConnectionState.RECONNECTING,
          "cannot reach the relay; retrying (attempt " + attempt + ")");
    }
    h.client.setState(ConnectionState.ONLINE, "reconnected to relay.test:7443");
    h.drain();

    String screen = h.screen();
    assertThat(screen.split("connection lost, reconnecting", -1)).hasSize(2);
    assertThat(screen).doesNotContain("attempt");
    assertThat(screen.split("reconnected to relay.test:7443", -1)).hasSize(2);
  }

  @Test
  void trustChange_keyChanged_showsWarningInStatusAndMembers() {
    TuiHarness h = inLobby(80, 24);
    h.client.fireMembership("#lobby", "bob", true);
    h.drain();
    assertThat(h.statusRow()).contains("[1 unverified]");

    h.client.fireKeyChange("bob");
    h.drain();

    assertThat(h.statusRow()).contains("[CHANGED key: bob]");
    assertThat(h.screen()).contains("bob !");
    h.client.trust.put("bob", TrustState.VERIFIED);
    h.client.verify("bob", "12345".repeat(12));
    h.drain();
    assertThat(h.statusRow()).contains("[all verified]");
  }

  /** An away message (or "muted") too long for the member list is cut with … at its edge. */
  @Test
  void memberList_anAwayMessageTooLong_isCutWithAnEllipsis() {
    TuiHarness h = new TuiHarness(160, 24).start().loggedInAs("alice");
    h.client.fireMembership("#lobby", "carol", true);
    h.drain().alt('1');

    h.client.firePresence("carol", Presence.away("gone to lunch with the whole team"));
    h.drain();

    String row =
        h.screen().lines().filter(line -> line.contains("◐ carol")).findFirst().orElseThrow();
    assertThat(row.strip()).endsWith("…").contains("◐ carol gone to");
  }

  @Test
  void presenceChange_isShownInTheMemberList_withoutFetchingTheListAgain() {
    TuiHarness h = new TuiHarness(160, 24).start().loggedInAs("alice");
    h.client.fireMembership("#lobby", "carol", true);
    h.drain().alt('1');
    assertThat(h.screen()).contains("● carol");
    h.client.calls.clear();

    h.client.firePresence("carol", Presence.away("lunch"));
    h.drain();

    assertThat(h.screen()).contains("◐ carol lunch");
    assertThat(h.client.calls)
        .as("a presence change costs no request")
        .noneMatch(call -> call.startsWith("members") || call.startsWith("conversations"));
  }

  @Test
  void goingAwayAndComingBack_areAnnounced_inTheCurrentPaneOfAMember_elseInTheStatusWindow() {
    TuiHarness h = new TuiHarness(160, 24).start().loggedInAs("alice");
    h.client.fireMembership("#lobby", "carol", true);
    h.drain().alt('1');

    h.client.firePresence("carol", Presence.away("lunch"));
    h.client.firePresence("carol", Presence.of(true));
    h.client.firePresence("dave", Presence.away("gone"));
    h.client.firePresence("erin", Presence.of(true)); // logging in: no line
    h.drain();

    assertThat(h.screen()).contains("carol is away: lunch", "carol is back");
    assertThat(h.screen()).doesNotContain("dave", "erin");
    h.ctrl('p').drain(); // the status window
    assertThat(h.statusRow()).contains("[status]");
    assertThat(h.screen()).contains("dave is away: gone").doesNotContain("erin");
  }

  /**
   * Looking at a pane they are not in, a member's going away is said in the pane of a conversation
   * shared with them, not in the status window.
   */
  @Test
  void goingAway_whileAnotherPaneIsShown_isAnnouncedInASharedPane() {
    TuiHarness h = new TuiHarness(160, 24).start().loggedInAs("alice");
    h.client.fireMembership("#lobby", "carol", true);
    h.drain().alt('1'); // its members fetched: carol among them
    h.client.fireMembership("#ops", "alice", true);
    h.drain().alt('2');
    assertThat(h.row(0)).contains("#ops");

    h.client.firePresence("carol", Presence.away("lunch"));
    h.drain();

    assertThat(h.screen()).doesNotContain("carol is away");
    h.alt('1').drain();
    assertThat(h.screen()).contains("carol is away: lunch");
    h.ctrl('p').drain(); // the status window
    assertThat(h.statusRow()).contains("[status]");
    assertThat(h.screen()).doesNotContain("carol is away");
  }

  @Test
  void friendComingOnlineAndGoingOffline_withNoSharedRoom_isAnnouncedInTheCurrentPane() {
    TuiHarness h = new TuiHarness(160, 24).start();
    h.client.friendships().put("dave", Friendship.FRIENDS);
    h.loggedInAs("carol").alt('1');

    h.client.firePresence("dave", Presence.of(true));
    h.client.firePresence("erin", Presence.of(true)); // shares a room, not a friend: no line
    h.drain();
    assertThat(h.screen()).as("not before it has lasted").doesNotContain("dave came online");
    h.later(HeldLogIns.BRIEF_VISIT.toMillis()).drain();
    assertThat(h.screen()).contains("dave came online").doesNotContain("erin");

    h.client.firePresence("dave", Presence.of(false));
    h.client.firePresence("erin", Presence.of(false));
    h.drain();
    assertThat(h.screen()).contains("dave went offline").doesNotContain("erin");
  }

  /**
   * A friend's one-shot command (log in, send, log out) shows only its message: the log-in waits
   * {@link HeldLogIns#BRIEF_VISIT}, and a message or a log-out within it drops it.
   */
  @Test
  void friendLoggingInAndOutWithinMoments_orWritingMeanwhile_showsNoPresenceLine() {
    TuiHarness h = new TuiHarness(160, 24).start();
    h.client.friendships().put("dave", Friendship.FRIENDS);
    h.client.friendships().put("erin", Friendship.FRIENDS);
    h.loggedInAs("carol").alt('1');

    h.client.firePresence("dave", Presence.of(true));
    h.drain();
    h.client.firePresence("dave", Presence.of(false));
    h.client.firePresence("erin", Presence.of(true));
    h.client.deliver("@carol+erin", "erin", "a note from a script");
    h.drain();
    h.client.firePresence("erin", Presence.of(false)); // the script ends: no line either
    h.drain().later(HeldLogIns.BRIEF_VISIT.toMillis()).drain();

    assertThat(h.screen())
        .doesNotContain("dave came online")
        .doesNotContain("dave went offline")
        .doesNotContain("erin came online")
        .doesNotContain("erin went offline");
  }

  /**
   * A friend the friends list showed online, reconnecting after this client did (the relay was
   * killed: no shutdown notice), is not said to come online; one heard going offline is.
   */
  @Test
  void friendListedOnline_reconnectingAfterThisClient_isNotAnnounced() {
    TuiHarness h = new TuiHarness(70, 24).start(); // too narrow for the member list
    h.client.friendships().put("dave", Friendship.FRIENDS);
    h.client.friendships().put("erin", Friendship.FRIENDS);
    h.client.listsPresence("dave", Presence.of(true)); // no event: the friends list says so
    h.loggedInAs("carol").alt('1');
    h.client.firePresence("erin", Presence.of(false));

    h.client.fireConnection(ConnectionState.RECONNECTING, "connection reset; reconnecting");
    h.client.fireConnection(ConnectionState.ONLINE, "");
    h.client.firePresence("dave", Presence.of(true));
    h.client.firePresence("erin", Presence.of(true));
    h.drain().later(HeldLogIns.BRIEF_VISIT.toMillis()).drain();

    assertThat(h.screen()).doesNotContain("dave came online").contains("erin came online");
  }

  @Test
  void friendComingOnline_listedBesideThePane_isNotAnnouncedTwice_unlessTheListIsHidden() {
    TuiHarness h = new TuiHarness(160, 24).start();
    h.client.friendships().put("dave", Friendship.FRIENDS);
    h.loggedInAs("carol");
    h.client.fireMembership("#lobby", "dave", true);
    h.drain().alt('1');

    h.client.firePresence("dave", Presence.of(false));
    h.drain();
    assertThat(h.screen()).contains("○ dave").doesNotContain("went offline");

    h.resize(70, 24); // too narrow for the member list
    h.client.firePresence("dave", Presence.of(true));
    h.drain().later(HeldLogIns.BRIEF_VISIT.toMillis()).drain();
    assertThat(h.screen()).contains("dave came online");
  }

  @Test
  void friendAcceptedHere_isAnnouncedFromThen() {
    TuiHarness h = new TuiHarness(160, 24).start().loggedInAs("carol");
    h.client.friendships().put("dave", Friendship.REQUEST_RECEIVED);
    h.client.firePresence("dave", Presence.of(true));
    h.drain();
    assertThat(h.screen()).doesNotContain("dave came online");

    h.onLine = (line, context) -> h.client.friendships().put("dave", Friendship.FRIENDS);
    h.type("/friend accept dave").press(KeyType.Enter);
    h.client.firePresence("dave", Presence.of(false));
    h.drain();

    assertThat(h.screen()).contains("dave went offline");
  }

  @Test
  void afterThisClientsOwnReconnect_aMemberStillAwayComingBack_isAnnounced() {
    TuiHarness h = new TuiHarness(160, 24).start().loggedInAs("alice");
    h.client.fireMembership("#lobby", "carol", true);
    h.drain().alt('1');
    h.client.firePresence("carol", Presence.away("lunch"));
    h.drain();

    h.client.setState(ConnectionState.RECONNECTING, "connection lost");
    h.drain();
    h.client.setState(ConnectionState.ONLINE, "reconnected"); // the member list: still away
    h.drain();
    h.client.firePresence("carol", Presence.of(true));
    h.drain();

    assertThat(h.screen()).contains("carol is back");
  }

  @Test
  void memberList_ofGroup_showsRolesAwayMessagesAndChangeLines() {
    TuiHarness h = new TuiHarness(160, 24).start().loggedInAs("alice");
    h.client.createGroup("#team");
    h.client.fireMembership("#team", "alice", true);
    h.client.fireMembership("#team", "bob", true);
    h.client.fireMembership("#team", "carol", true);
    h.drain().alt('2');
    h.client.fireGroupUpdate(new GroupUpdate("#team", "alice", GroupUpdate.Kind.ADMIN, "bob", ""));
    h.client.firePresence("carol", Presence.away("back at 2\u001b[2J"));
    h.drain();

    int members = 160 - 22;
    assertThat(h.row(1).substring(members)).startsWith("Members 3");
    assertThat(h.row(2).substring(members)).startsWith("● ~alice");
    assertThat(h.row(3).substring(members)).startsWith("● @bob");
    assertThat(h.row(4).substring(members)).startsWith("◐ carol back at 2");
    assertThat(h.screen()).contains("you made bob an admin of #team").doesNotContain("\u001b");
  }

  @Test
  void aMuteOfThisUser_isSaidInTheGroupsPane_andWhereTheyAre() {
    TuiHarness h = new TuiHarness(160, 24).start().loggedInAs("bob");
    h.client.join("#team");
    h.client.fireMembership("#team", "bob", true);
    h.drain().alt('1');
    h.client.fireGroupUpdate(
        new GroupUpdate("#team", "alice", GroupUpdate.Kind.MUTED, "bob", "", "spam", null));
    h.drain();

    assertThat(h.screen())
        .contains("alice muted you in #team (\u201cspam\u201d): you read it but cannot post there");
    h.alt('2');
    h.drain();
    assertThat(h.screen()).contains("alice muted you in #team");
  }

  @Test
  void deletedMessages_leaveEveryPane_andALineSaysWhoDeletedWhose() {
    TuiHarness h = new TuiHarness(120, 24).start().loggedInAs("alice");
    ChatMessage spam = h.client.deliver("#lobby", "mallory", "buy cheap watches");
    h.client.deliver("#lobby", "bob", "morning all");
    ChatMessage more = h.client.deliver("#lobby", "mallory", "visit my shop");
    h.drain().alt('1');
    h.onLine = (line, context) -> new SlashCommandDispatcher().dispatch(line, context);
    h.type("/history").press(KeyType.Enter);
    h.drain();
    assertThat(h.screen().split("buy cheap watches", -1))
        .as("in its place, and listed again by /history")
        .hasSize(3);

    h.client.fireDeleted(
        new Deletion("#lobby", "bob", "mallory", List.of(more.messageId(), spam.messageId())));
    h.drain();

    assertThat(h.screen())
        .doesNotContain("buy cheap watches")
        .doesNotContain("visit my shop")
        .contains("morning all")
        .contains("bob deleted 2 of mallory's messages in #lobby");
  }

  @Test
  void memberList_ofGroup_marksWhoIsMuted() {
    TuiHarness h = new TuiHarness(160, 24).start().loggedInAs("alice");
    h.client.createGroup("#team");
    h.client.fireMembership("#team", "alice", true);
    h.client.fireMembership("#team", "bob", true);
    h.drain().alt('2');
    h.client.fireGroupUpdate(
        new GroupUpdate("#team", "alice", GroupUpdate.Kind.MUTED, "bob", "", "calm down", null));
    h.drain();

    int members = 160 - 22;
    assertThat(h.row(3).substring(members)).startsWith("● bob muted");
    assertThat(h.screen()).contains("you muted bob in #team (\u201ccalm down\u201d)");

    h.client.fireGroupUpdate(
        new GroupUpdate("#team", "alice", GroupUpdate.Kind.UNMUTED, "bob", ""));
    h.drain();

    assertThat(h.row(3).substring(members).strip()).isEqualTo("● bob");
  }

  @Test
  void endOfOwnTimedMute_saidInTheGroupsPane_andWhereTheUserTypes() {
    TuiHarness h = new TuiHarness(160, 24).start().loggedInAs("bob");
    h.client.createGroup("#team");
    h.client.fireMembership("#team", "bob", true);
    h.drain();
    h.client.fireGroupUpdate(
        new GroupUpdate(
            "#team",
            "alice",
            GroupUpdate.Kind.MUTED,
            "bob",
            "",
            "",
            java.time.Instant.parse("2030-01-02T03:04:00Z")));
    h.client.fireGroupUpdate(GroupUpdate.muteEnded("#team", "bob"));
    h.drain();

    assertThat(h.screen()).contains("your mute in #team has ended: you may post again");
    h.alt('2');
    h.drain();
    assertThat(h.row(0)).startsWith(" #team");
    assertThat(h.screen()).contains("your mute in #team has ended: you may post again");
  }

  @Test
  void groupTitle_isShownInThePaneHeader_fromTheRelayAndAfterARename() {
    TuiHarness h = new TuiHarness(120, 24).start().loggedInAs("alice");
    h.client.createGroup("#team");
    h.client.fireMembership("#team", "alice", true);
    h.drain().alt('2');
    assertThat(h.row(0)).startsWith(" #team  1 member, 1 online"); // titled by its name

    h.client.renameGroup("#team", "Release crew");
    h.client.fireGroupUpdate(
        new GroupUpdate("#team", "alice", GroupUpdate.Kind.RENAMED, "", "Release crew"));
    h.drain();
    assertThat(h.row(0)).startsWith(" #team \u201cRelease crew\u201d  1 member, 1 online");

    TuiHarness later = new TuiHarness(120, 24).start().loggedInAs("alice");
    later.client.createGroup("#ops"); // and renamed elsewhere, before this client heard of it
    later.client.renameGroup("#ops", "Night shift");
    later.client.fireMembership("#ops", "alice", true);
    later.drain().alt('2');
    assertThat(later.row(0)).startsWith(" #ops \u201cNight shift\u201d  1 member, 1 online");
  }

  @Test
  void groupTitle_ofAGroupListedBeforeTheRoomListingNamesIt_isShownOnceListed() {
    TuiHarness h = new TuiHarness(120, 24).start().loggedInAs("alice");
    // the join is heard before the relay's room listing names the group: that listing has no #team
    h.tui.events().onMembership("#team", "alice", true);
    h.drain().alt('2');
    assertThat(h.row(0)).startsWith(" #team ");

    h.client.createGroup("#team");
    h.client.renameGroup("#team", "Release crew");
    h.client.fireMembership("#team", "alice", true);
    h.drain();

    assertThat(h.row(0)).startsWith(" #team \u201cRelease crew\u201d");
  }

  @Test
  void groupTitle_hostileOrLong_isCleanedAndCutToLeaveTheCountsInView() {
    TuiHarness h = new TuiHarness(60, 24).start().loggedInAs("alice");
    h.client.createGroup("#team");
    h.client.fireMembership("#team", "alice", true);
    h.drain().alt('2');

    String title = "\u001b[2JRelease crew of the spring quarter, all hands and guests";
    h.client.fireGroupUpdate(new GroupUpdate("#team", "bob", GroupUpdate.Kind.RENAMED, "", title));
    h.drain();

    assertThat(h.row(0))
        .startsWith(" #team \u201cRelease crew of the spr")
        .contains("\u2026\u201d  1 member, 1 online")
        .doesNotContain("\u001b", "[2J");
  }

  @Test
  void titleBar_tooNarrowEvenWithoutTheTitle_isCutWithAMark() {
    TuiHarness h = new TuiHarness(30, 24).start().loggedInAs("alice");
    h.client.createGroup("#release-planning");
    h.client.fireMembership("#release-planning", "alice", true);
    h.drain().alt('2');

    assertThat(h.row(0)).isEqualTo(" #release-planning  1 member,…");
    h.onLine = (line, context) -> new SlashCommandDispatcher().dispatch(line, context);
    h.type("/switch status").press(KeyType.Enter);
    assertThat(h.drain().row(0)).isEqualTo(" status: command output and n…");
  }

  @Test
  void groupUpdate_madeByThisUser_isShownWhereTheCommandWasTyped() {
    TuiHarness h = new TuiHarness(120, 24).start().loggedInAs("alice");
    h.client.createGroup("#team");
    h.client.fireMembership("#team", "alice", true);
    h.drain().alt('1');
    assertThat(h.row(0)).contains("#lobby");

    h.client.fireGroupUpdate(
        new GroupUpdate("#team", "alice", GroupUpdate.Kind.INVITED, "bob", ""));
    h.drain();

    assertThat(h.screen()).contains("you invited bob to #team (they join with /join #team)");
  }

  @Test
  void groupUpdate_inviteeDeclined_isANoticeInTheCurrentPane() {
    TuiHarness h = new TuiHarness(120, 24).start().loggedInAs("alice");
    h.client.createGroup("#team");
    h.client.fireMembership("#team", "alice", true);
    h.drain().alt('1');
    assertThat(h.row(0)).contains("#lobby");

    h.client.fireGroupUpdate(
        new GroupUpdate("#team", "bob", GroupUpdate.Kind.UNINVITED, "bob", ""));
    h.client.fireGroupUpdate(
        new GroupUpdate("#team", "alice", GroupUpdate.Kind.UNINVITED, "carol", ""));
    h.drain();

    assertThat(h.screen())
        .as("the decline is shown where alice is, not only in #team's pane")
        .contains("bob declined the invitation to #team")
        .doesNotContain("withdrew bob's");
  }

  @Test
  void groupUpdate_removingThisUser_dropsTheGroupAndSaysWhy() {
    TuiHarness h = new TuiHarness(80, 24).start().loggedInAs("alice");
    h.client.createGroup("#team");
    h.client.fireMembership("#team", "alice", true);
    h.drain().alt('2');
    assertThat(h.row(0)).contains("#team");

    h.client.fireGroupUpdate(new GroupUpdate("#team", "bob", GroupUpdate.Kind.BANNED, "alice", ""));
    h.drain();

    assertThat(h.row(0)).doesNotContain("#team");
    assertThat(h.screen()).contains("bob banned you from #team");
  }

  @Test
  void groupCreatedAgainUnderTheNameOfOneLeft_opensInAFreshPane() {
    TuiHarness h = new TuiHarness(120, 24).start().loggedInAs("alice");
    h.client.createGroup("#team");
    h.client.fireMembership("#team", "alice", true);
    h.drain().alt('2');
    h.client.deliver("#team", "bob", "old plans");
    h.client.fireGroupUpdate(
        new GroupUpdate("#team", "alice", GroupUpdate.Kind.KICKED, "carol", ""));
    h.drain();
    assertThat(h.screen()).contains("old plans", "you removed carol from #team");

    h.client.fireMembership("#team", "alice", false); // handed over, then left
    h.client.disbandGroup("#team");
    h.client.createGroup("#team");
    h.client.fireMembership("#team", "alice", true);
    h.drain().alt('2');

    assertThat(h.row(0)).contains("#team");
    assertThat(h.screen()).doesNotContain("old plans", "removed carol");
  }

  @Test
  void groupDisbanded_thenCreatedAgain_opensInAFreshPane() {
    TuiHarness h = new TuiHarness(120, 24).start().loggedInAs("alice");
    h.client.createGroup("#team");
    h.client.fireMembership("#team", "alice", true);
    h.drain().alt('2');
    h.client.deliver("#team", "bob", "old plans");
    h.drain();

    h.client.disbandGroup("#team");
    h.client.fireGroupUpdate(new GroupUpdate("#team", "bob", GroupUpdate.Kind.DISBANDED, "", ""));
    h.client.createGroup("#team");
    h.client.fireMembership("#team", "alice", true);
    h.drain().alt('2');

    assertThat(h.row(0)).contains("#team");
    assertThat(h.screen()).doesNotContain("old plans");
  }

  @Test
  void roomJoinedAgain_opensFresh_withItsRecentHistoryLoadedOnce() {
    TuiHarness h = new TuiHarness(120, 24).start().loggedInAs("alice");
    h.client.fireMembership("#rust", "alice", true);
    h.drain().alt('2');
    h.client.deliver("#rust", "bob", "before you left");
    h.drain();

    h.client.fireMembership("#rust", "alice", false);
    h.client.fireMembership("#rust", "alice", true);
    h.drain().alt('2');

    assertThat(h.row(0)).contains("#rust");
    String screen = h.screen();
    assertThat(screen.indexOf("before you left"))
        .isPositive()
        .isEqualTo(screen.lastIndexOf("before you left"));
  }

  @Test
  void textTypedForAGroupThisUserIsRemovedFrom_isNotSentWhereTheScreenMovedTo() {
    TuiHarness h = new TuiHarness(80, 24).start().loggedInAs("alice");
    h.client.createGroup("#team");
    h.client.fireMembership("#team", "alice", true);
    h.drain().alt('2');
    h.type("for the team only");

    h.client.fireGroupUpdate(new GroupUpdate("#team", "bob", GroupUpdate.Kind.KICKED, "alice", ""));
    h.drain().press(KeyType.Enter);

    assertThat(h.dispatched).doesNotContain("for the team only");
    assertThat(h.row(0)).contains("#lobby");
    assertThat(h.screen())
        .contains("not sent: it was typed for #team, and", "you are now in #lobby");
    h.press(KeyType.ArrowUp).press(KeyType.Enter);
    assertThat(h.dispatched).as("sent again on purpose").containsExactly("for the team only");
  }

  @Test
  void textTyped_thenAConversationChosenWithAKey_goesToTheChosenOne() {
    TuiHarness h = new TuiHarness(80, 24).start().loggedInAs("alice");
    h.client.createGroup("#team");
    h.client.fireMembership("#team", "alice", true);
    h.drain().alt('1');
    List<String> where = new CopyOnWriteArrayList<>();
    h.onLine = (line, context) -> where.add(context.currentConversation().orElse("none"));

    h.type("meant for the team").alt('2').press(KeyType.Enter);

    assertThat(h.dispatched).containsExactly("meant for the team");
    assertThat(where).containsExactly("#team");
  }

  @Test
  void textEnteredBeforeAnEarlierJoinMovedTheScreen_isNotSentToThePreviousConversation() {
    List<Runnable> queued = new CopyOnWriteArrayList<>();
    TuiHarness h = new TuiHarness(80, 24, queued::add).start().loggedInAs("alice");
    h.drain().alt('1');
    h.onLine =
        (line, context) -> {
          if (line.startsWith("/join")) {
            context.switchTo("#fresh");
          }
        };

    h.type("/join fresh").press(KeyType.Enter).type("hello fresh").press(KeyType.Enter);
    assertThat(h.row(0)).as("the join still runs").contains("#lobby");
    queued.forEach(Runnable::run);
    h.drain();

    assertThat(h.dispatched).containsExactly("/join fresh");
    assertThat(h.row(0)).contains("#fresh");
    assertThat(h.screen())
        .contains("not sent: it was typed before an earlier", "command moved you to #fresh");
  }

  @Test
  void commandEnteredBeforeAnEarlierSwitchMovedTheScreen_runsWhereItMoved() {
    List<Runnable> queued = new CopyOnWriteArrayList<>();
    TuiHarness h = new TuiHarness(80, 24, queued::add).start().loggedInAs("alice");
    h.drain().alt('1');
    List<String> where = new CopyOnWriteArrayList<>();
    h.onLine =
        (line, context) -> {
          if (line.startsWith("/switch")) {
            context.switchTo("#fresh");
          } else {
            where.add(line + " in " + context.currentConversation().orElse("none"));
          }
        };

    // pasted together: the second line is entered while #lobby is still shown
    h.type("/switch fresh").press(KeyType.Enter).type("/history").press(KeyType.Enter);
    queued.forEach(Runnable::run);
    h.drain();

    assertThat(h.dispatched).containsExactly("/switch fresh", "/history");
    assertThat(where).containsExactly("/history in #fresh");
  }

  @Test
  void commandTypedAfterGoingElsewhereByKey_runsWhereItWasTyped_notWhereAnEarlierJoinMoved() {
    List<Runnable> queued = new CopyOnWriteArrayList<>();
    TuiHarness h = new TuiHarness(80, 24, queued::add).start().loggedInAs("alice");
    h.client.createGroup("#team");
    h.client.fireMembership("#team", "alice", true);
    h.drain().alt('1');
    List<String> where = new CopyOnWriteArrayList<>();
    h.onLine =
        (line, context) -> {
          if (line.startsWith("/join")) {
            context.switchTo("#fresh");
          } else {
            where.add(line + " in " + context.currentConversation().orElse("none"));
          }
        };

    h.type("/join fresh").press(KeyType.Enter).alt('2').type("/leave").press(KeyType.Enter);
    queued.forEach(Runnable::run);
    h.drain();

    assertThat(where).containsExactly("/leave in #team");
  }

  @Test
  void commands_numberConversationsAsTheListOnScreenDoes() {
    TuiHarness h = new TuiHarness(80, 24).start().loggedInAs("alice");
    h.client.createGroup("#team");
    h.client.fireMembership("#team", "alice", true);
    List<List<String>> numbered = new CopyOnWriteArrayList<>();
    h.onLine =
        (line, context) -> {
          if (line.equals("/pm bob")) {
            context.switchTo("@alice+bob"); // listed on screen before any message, not by the relay
          }
          numbered.add(context.numberedConversations());
        };

    h.type("/pm bob").press(KeyType.Enter).type("/switch 3").press(KeyType.Enter);

    assertThat(h.screen()).contains("3 @bob");
    assertThat(h.client.conversations()).doesNotContain("@alice+bob");
    assertThat(numbered.get(1)).containsExactly("#lobby", "#team", "@alice+bob");
  }

  @Test
  void anotherUserLoggingIn_seesNoneOfThePreviousUsersPanes() {
    TuiHarness h = new TuiHarness(100, 24).start().loggedInAs("alice");
    h.tui.events().onMessage(message(1, "bob", "for alice only", TuiHarness.NOW.toEpochMilli()));
    h.drain().alt('1');
    assertThat(h.screen()).contains("for alice only");

    h.loggedInAs("carol").alt('1');
    assertThat(h.screen()).doesNotContain("for alice only");

    h.tui.events().onMessage(message(2, "bob", "for carol only", TuiHarness.NOW.toEpochMilli()));
    h.drain();
    assertThat(h.screen()).contains("for carol only");
    h.client.logout();
    h.drain();
    h.loggedInAs("carol").alt('1');
    assertThat(h.screen()).doesNotContain("for carol only");
  }

  /**
   * A line that leaves the session and logs in again ({@code /rekey}, {@code /login}) keeps the
   * panes when the same user is back as it ends, and drops them when no one is.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aLineLoggingTheSameUserInAgain_keepsThePanes_noOneLoggedInAsItEnds_dropsThem(boolean back)
      throws Exception {
    ExecutorService commandThread = Executors.newSingleThreadExecutor();
    try {
      TuiHarness h = new TuiHarness(100, 24, commandThread).start().loggedInAs("alice");
      h.tui
          .events()
          .onMessage(message(1, "bob", "before the new keys", TuiHarness.NOW.toEpochMilli()));
      h.drain().alt('1');
      CountDownLatch loggedOut = new CountDownLatch(1);
      CountDownLatch passphraseTyped = new CountDownLatch(1);
      h.onLine =
          (line, context) -> {
            h.client.logout(); // as a new session of the profile begins
            loggedOut.countDown();
            try {
              passphraseTyped.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            if (back) {
              h.client.login("alice", "pw".toCharArray(), "pp".toCharArray());
            }
          };

      h.type("/rekey yes").press(KeyType.Enter);
      assertThat(loggedOut.await(5, TimeUnit.SECONDS)).isTrue();
      await().atMost(Duration.ofSeconds(5)).until(() -> h.drain().screen().contains("[OFFLINE]"));
      assertThat(h.screen()).contains("before the new keys");
      passphraseTyped.countDown();
      await().atMost(Duration.ofSeconds(5)).until(() -> !h.drain().screen().contains("working..."));

      if (back) {
        assertThat(h.alt('1').screen()).contains("before the new keys");
      } else {
        assertThat(h.screen()).doesNotContain("before the new keys");
      }
    } finally {
      commandThread.shutdownNow();
    }
  }

  /** A login of another user clears the panes as soon as the session is left, prompt or not. */
  @Test
  void aLineLoggingAnotherUserIn_dropsThePanesAtOnce() throws Exception {
    ExecutorService commandThread = Executors.newSingleThreadExecutor();
    try {
      TuiHarness h = new TuiHarness(100, 24, commandThread).start().loggedInAs("alice");
      h.tui.events().onMessage(message(1, "bob", "for alice only", TuiHarness.NOW.toEpochMilli()));
      h.drain().alt('1');
      CountDownLatch loggedOut = new CountDownLatch(1);
      CountDownLatch passphraseTyped = new CountDownLatch(1);
      h.onLine =
          (line, context) -> {
            h.client.logout();
            loggedOut.countDown();
            try {
              passphraseTyped.await(30, TimeUnit.SECONDS); // carol's passphrase prompt
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          };

      h.type("/login carol").press(KeyType.Enter);
      assertThat(loggedOut.await(5, TimeUnit.SECONDS)).isTrue();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> !h.drain().screen().contains("for alice only"));
      passphraseTyped.countDown();
    } finally {
      commandThread.shutdownNow();
    }
  }

  @Test
  void incomingMessages_differentDays_getDaySeparatorBetweenThem() {
    TuiHarness h = inLobby(80, 24);
    long friday = TuiHarness.NOW.minus(Duration.ofDays(1)).toEpochMilli();
    long saturday = TuiHarness.NOW.toEpochMilli();

    h.tui.events().onMessage(message(1, "bob", "late on friday", friday));
    h.tui.events().onMessage(message(2, "bob", "saturday morning", saturday));
    h.drain();

    MessageFormatter formatter = new MessageFormatter(ZoneOffset.UTC);
    String separator = formatter.daySeparator(LocalDate.of(2026, 3, 14));
    String screen = h.screen();
    assertThat(screen).contains(separator);
    assertThat(screen).doesNotContain(formatter.daySeparator(LocalDate.of(2026, 3, 13)));
    assertThat(screen.indexOf("late on friday"))
        .isLessThan(screen.indexOf(separator))
        .isLessThan(screen.indexOf("saturday morning"));
  }

  @Test
  void run_quitCommand_returns() throws Exception {
    TuiHarness h = new TuiHarness(80, 24);
    h.onLine = (line, context) -> context.quit();
    Future<?> run =
        threads.submit(
            () -> {
              h.tui.run();
              return null;
            });

    "/quit".chars().forEach(c -> h.terminal.addInput(new KeyStroke((char) c, false, false)));
    h.terminal.addInput(new KeyStroke(KeyType.Enter));

    run.get(5, TimeUnit.SECONDS);
    assertThat(h.dispatched).as("handled at Enter, not on the command thread").isEmpty();
    assertThat(h.client.calls).doesNotContain("close");
  }

  @Test
  void quitOrExit_whileACommandWaitsForTheRelay_leavesAtOnce() throws Exception {
    for (String quit : new String[] {"/quit", "/EXIT"}) {
      TuiHarness h = new TuiHarness(80, 24, threads);
      CountDownLatch commandRuns = new CountDownLatch(1);
      CountDownLatch relayAnswers = new CountDownLatch(1);
      h.onLine =
          (line, context) -> {
            commandRuns.countDown();
            try {
              relayAnswers.await(30, TimeUnit.SECONDS); // a /history the relay does not answer
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          };
      Future<?> run =
          threads.submit(
              () -> {
                h.tui.run();
                return null;
              });
      type(h, "/history");
      assertThat(commandRuns.await(5, TimeUnit.SECONDS)).isTrue();

      type(h, quit);

      run.get(5, TimeUnit.SECONDS);
      assertThat(h.dispatched).containsExactly("/history");
      relayAnswers.countDown();
    }
  }

  /**
   * Messages typed behind one still being sent, then {@code /quit}: each is named as not sent on
   * the normal screen, after the one cut off (which may have arrived), instead of vanishing.
   */
  @Test
  void quit_withMessagesTypedBehindOneBeingSent_namesEachOneNotSent() throws Exception {
    String screen = quitBehind("first message", "second message", "/join #later");

    assertThat(screen)
        .contains(
            "cut off: \"first message\" was still being sent (it may have arrived:"
                + " /history shows it)",
            "not sent (you left first): \"second message\"",
            "not run (you left first): /join");
  }

  /** Behind a command, which may have asked for a passphrase, lines are only counted. */
  @Test
  void quit_withLinesTypedBehindACommand_countsThem_neverShowsTheirWords() throws Exception {
    String screen = quitBehind("/history", "correct horse");

    assertThat(screen)
        .contains("1 line typed before you left was not run")
        .doesNotContain("correct horse");
  }

  /**
   * Runs a TUI with one command thread whose first line, {@code running}, waits for a relay that
   * does not answer; types {@code behind} while it waits, then {@code /quit}. Only the first line
   * runs; returns the screen as the TUI left it.
   */
  private String quitBehind(String running, String... behind) throws Exception {
    ExecutorService commandThread = Executors.newSingleThreadExecutor(); // one line at a time
    try {
      TuiHarness h = new TuiHarness(100, 24, commandThread);
      h.client.login("alice", "pw".toCharArray(), "pp".toCharArray());
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch relayAnswers = new CountDownLatch(1);
      h.onLine =
          (line, context) -> {
            started.countDown();
            try {
              relayAnswers.await(30, TimeUnit.SECONDS); // a send the relay paces, a /history
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          };
      Future<?> run =
          threads.submit(
              () -> {
                h.tui.run();
                return null;
              });
      type(h, running);
      assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
      for (String line : behind) {
        type(h, line);
      }

      type(h, "/quit");

      run.get(5, TimeUnit.SECONDS);
      relayAnswers.countDown();
      assertThat(h.dispatched).containsExactly(running);
      return h.screen();
    } finally {
      commandThread.shutdownNow();
    }
  }

  private static void type(TuiHarness h, String line) {
    line.chars().forEach(c -> h.terminal.addInput(new KeyStroke((char) c, false, false)));
    h.terminal.addInput(new KeyStroke(KeyType.Enter));
  }

  @Test
  void quit_whileTheBackgroundThreadStops_endsTheCommandWithoutAFailure() {
    ExecutorService background = Executors.newSingleThreadExecutor();
    List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    Executor commands =
        task -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            uncaught.add(e); // what the command thread would print as it died
          }
        };
    TuiHarness h = new TuiHarness(80, 24, commands, background).start();
    h.onLine =
        (line, context) -> {
          context.quit(); // as a command ending the TUI would
          background.shutdownNow(); // the UI thread's stop, ahead of the command's last steps
        };

    h.type("/logout").press(KeyType.Enter);

    assertThat(uncaught).isEmpty();
  }

  @Test
  void run_endOfInput_returns() throws Exception {
    TuiHarness h = new TuiHarness(80, 24);
    Future<?> run =
        threads.submit(
            () -> {
              h.tui.run();
              return null;
            });

    h.terminal.addInput(new KeyStroke(KeyType.EOF));

    run.get(5, TimeUnit.SECONDS);
  }

  @Test
  void fileOfferAndTransfer_offerLineInThePane_progressBarInTheStatusBar() {
    TuiHarness h = inLobby(120, 24);

    FileOffer offer = h.client.fireFileOffer("#lobby", "bob", "report.pdf", 2_411_724);
    h.drain();
    assertThat(h.screen())
        .contains("bob offers report.pdf (2.3 MiB): /file accept " + offer.shortId());

    FileTransfer moving =
        new FileTransfer(
            offer.fileId(),
            false,
            "#lobby",
            "bob",
            "report.pdf",
            2_411_724,
            TransferState.DOWNLOADING,
            50,
            100,
            "",
            "",
            1);
    h.client.fireTransfer(moving);
    h.drain();
    assertThat(h.statusRow()).contains("[down report.pdf [#####-----] 50%]");

    h.client.fireTransfer(moving.with(TransferState.DONE, 100, 100, "/tmp/report.pdf", "", 2));
    h.drain();
    assertThat(h.statusRow()).doesNotContain("report.pdf");
  }

  /** The list is a line per command, wrapped by the pane, not an 80-column table wrapped again. */
  @Test
  void helpList_aLinePerCommand() {
    TuiHarness h = inLobby(140, 40);
    h.onLine = (line, context) -> new SlashCommandDispatcher().dispatch(line, context);

    h.type("/help").press(KeyType.Enter).drain();

    assertThat(h.screen())
        .contains("/quit  leave the chat (the session stays saved) (also /exit)")
        .doesNotContain("/quit                          ");
  }

  @Test
  void conversationList_aNameTooLong_isCutInTheMiddleWithAMark_keepingItsEnd() {
    TuiHarness h = inLobby(100, 24);
    h.client.fireMembership("#release-planning-q1", "alice", true);
    h.client.fireMembership("#release-planning-q2", "alice", true);
    h.drain();

    assertThat(
            h.screen()
                .lines()
                .filter(row -> row.indexOf('\u2502') > 0)
                .map(row -> row.substring(0, row.indexOf('\u2502')).strip())
                .filter(listed -> listed.contains("#release")))
        .hasSize(2)
        .allMatch(listed -> listed.contains("\u2026"))
        .anyMatch(listed -> listed.endsWith("-q1"))
        .anyMatch(listed -> listed.endsWith("-q2"));
  }

  @Test
  void fileOffer_otherConversation_marksActivity() {
    TuiHarness h = inLobby(80, 24);
    h.client.fireMembership("#dev", "alice", true);
    h.drain();

    h.client.fireFileOffer("#dev", "bob", "plan.txt", 10);
    h.drain();

    assertThat(h.statusRow()).contains("[Act: 2]");
  }

  /**
   * A message's network failure comes late (lines typed behind it waited for it), maybe in another
   * pane: its error says which message it was. A command's does not quote the command.
   */
  @Test
  void aMessageFailingOnTheNetwork_itsErrorNamesItsConversationAndText() {
    TuiHarness h = inLobby(140, 24);
    h.onLine =
        (line, context) -> {
          throw new CommandException.Network("not connected to the relay", null);
        };

    h.type("deploy at noon, all of you please").press(KeyType.Enter).drain();
    h.type("/rooms").press(KeyType.Enter).drain();

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> h.drain().screen().split("not connected to the relay", -1).length == 3);
    assertThat(h.screen())
        .contains("!!! #lobby, \"deploy at noon, all o...\": not connected to the relay")
        .contains("!!! not connected to the relay");
  }

  /**
   * The same through the slash-command dispatcher the TUI runs, which says a failure itself when
   * asked to dispatch: the TUI has it let the failure out, to name the message.
   */
  @Test
  void aMessageFailingOnTheNetwork_throughTheRealDispatcher_isNamed() {
    TuiHarness h = inLobby(140, 24);
    SlashCommandDispatcher real = new SlashCommandDispatcher();
    h.onLine = real::dispatchOrThrow;
    h.client.failNext =
        new CommandException.Network("not sent: the relay did not answer within 30 s", null);

    h.type("deploy at noon, all of you please").press(KeyType.Enter).drain();

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> h.drain().screen().contains("did not answer within 30 s"));
    assertThat(h.screen())
        .contains(
            "!!! #lobby, \"deploy at noon, all o...\": not sent: the relay did not answer within 30"
                + " s");
  }

  /** A contact's changed key blocks sending to them: a warning (!!!), not a routine -!- line. */
  @Test
  void aChangedKey_isAWarning() {
    TuiHarness h = inLobby(140, 24);

    h.client.fireAdvice(new Advice.KeyChanged("bob"));
    h.drain();

    assertThat(h.screen())
        .contains("!!! bob's key changed. Sending to them is blocked until you compare the safety")
        .doesNotContain("-!- bob's key changed");
  }

  @Test
  void runLong_failure_becomesAnErrorLine() {
    TuiHarness h = inLobby(80, 24);

    h.tui
        .context()
        .runLong(
            "sending big.iso",
            () -> {
              throw new CommandException.Network("the relay went away", null);
            });

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> h.drain().screen().contains("sending big.iso: the relay went away"));
  }

  @Test
  void quit_whileTransfersRunOrWait_cutsThemOffUninterrupted_saysWhichAfterTheScreen_runsNoneMore()
      throws Exception {
    TuiHarness h = new TuiHarness(80, 24);
    h.onLine = (line, context) -> context.quit();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch clientClosed = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    AtomicBoolean queuedRan = new AtomicBoolean();
    h.tui
        .context()
        .runLong(
            "sending big.iso",
            () -> {
              started.countDown();
              try {
                clientClosed.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                interrupted.set(true);
              }
              throw new CommandException.Network("the client is closed", null);
            });
    h.tui.context().runLong("downloading 3f2a91c0", () -> queuedRan.set(true));
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    Future<?> run =
        threads.submit(
            () -> {
              h.tui.run();
              return null;
            });

    "/quit".chars().forEach(c -> h.terminal.addInput(new KeyStroke((char) c, false, false)));
    h.terminal.addInput(new KeyStroke(KeyType.Enter));
    run.get(5, TimeUnit.SECONDS);
    clientClosed.countDown(); // as Interactive closes the client after the TUI

    assertThat(h.screen())
        .contains(
            "cut off: sending big.iso (not finished when you left)",
            "cut off: downloading 3f2a91c0 (not finished when you left)");
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                !interrupted.get()
                    && !queuedRan.get()
                    && !h.screen().contains("the client is closed"));
  }

  @Test
  void endOfInput_whileATransferRuns_writesNothingAfterTheScreen() throws Exception {
    TuiHarness h = new TuiHarness(80, 24);
    CountDownLatch clientClosed = new CountDownLatch(1);
    h.tui
        .context()
        .runLong(
            "sending big.iso",
            () -> {
              try {
                clientClosed.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    Future<?> run =
        threads.submit(
            () -> {
              h.tui.run();
              return null;
            });

    h.terminal.addInput(new KeyStroke(KeyType.EOF));
    run.get(5, TimeUnit.SECONDS);
    clientClosed.countDown();

    assertThat(h.screen()).doesNotContain("cut off");
  }

  private static ChatMessage message(long seq, String sender, String text, long atMillis) {
    return new ChatMessage(
        "#lobby", seq, "%032x".formatted(seq + 1000), sender, atMillis, atMillis, text, false);
  }
}
