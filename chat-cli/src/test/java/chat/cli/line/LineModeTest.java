package chat.cli.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import chat.cli.CommandException;
import chat.cli.client.Advice;
import chat.cli.client.ChatMessage;
import chat.cli.client.ConnectionState;
import chat.cli.client.DeliveryNotice;
import chat.cli.client.FakeChatClient;
import chat.cli.client.FileOffer;
import chat.cli.client.FileTransfer;
import chat.cli.client.FriendUpdate;
import chat.cli.client.Friendship;
import chat.cli.client.GroupUpdate;
import chat.cli.client.HeldMessages;
import chat.cli.client.KeptList;
import chat.cli.client.LeftOutMessages;
import chat.cli.client.LiveNoticeCap;
import chat.cli.client.Presence;
import chat.cli.client.PushedNotice;
import chat.cli.client.TransferState;
import chat.cli.client.TrustState;
import chat.cli.command.Bell;
import chat.cli.command.MessageFormatter;
import chat.cli.command.SlashCommandDispatcher;
import chat.cli.command.SlashCompleter;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jline.terminal.Attributes;
import org.jline.terminal.Attributes.LocalFlag;
import org.jline.terminal.Size;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LineModeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final FakeChatClient client = new FakeChatClient();
  private TerminalHarness harness = new TerminalHarness("dumb");
  private Thread repl;

  /** What the line mode set on its notice timer, run by the test as the timer's thread would. */
  private final List<Runnable> noticeTimer = new CopyOnWriteArrayList<>();

  private LineMode lineMode(boolean colour) {
    return lineMode(
        new LineModeOptions(colour).withNoticeTimer((delay, task) -> noticeTimer.add(task)));
  }

  /** Runs the tasks set on the notice timer, and those they set again, until none is left. */
  private void noticeTimerRuns() {
    while (!noticeTimer.isEmpty()) {
      noticeTimer.remove(0).run();
    }
  }

  private LineMode lineMode(LineModeOptions options) {
    SlashCommandDispatcher dispatcher = new SlashCommandDispatcher();
    return new LineMode(
        client,
        dispatcher,
        new SlashCompleter(client, dispatcher.registry()),
        new MessageFormatter(ZoneOffset.UTC),
        harness.terminal,
        options);
  }

  private void logIn() {
    client.login("alice", "pw".toCharArray(), "pp".toCharArray());
  }

  /**
   * Types {@code /login alice}, the password {@code hunter2} and {@code passphrase} at their
   * prompts, and waits for the lobby's prompt.
   */
  private void typeLogin(String passphrase) {
    harness.type("/login alice\n");
    answerLogin(passphrase);
  }

  /** Answers the password and passphrase prompts of a {@code /login alice} typed already. */
  private void answerLogin(String passphrase) {
    await()
        .atMost(TIMEOUT)
        .until(() -> harness.output().contains("password for alice (input hidden): "));
    harness.type("hunter2\n");
    await()
        .atMost(TIMEOUT)
        .until(() -> harness.output().contains("alice's key file (input hidden): "));
    harness.type(passphrase + "\n");
    await().atMost(TIMEOUT).until(() -> harness.output().contains("#lobby> "));
  }

  /** Runs the REPL on the test's time budget until it returns. */
  private LineMode runToEnd(LineMode mode) {
    assertTimeoutPreemptively(TIMEOUT, () -> mode.run());
    return mode;
  }

  /** Starts the REPL on its own thread, as in production, and waits for the first prompt. */
  private LineMode start(LineMode mode, String prompt) {
    repl = new Thread(mode::run, "repl");
    repl.start();
    await().atMost(TIMEOUT).until(() -> harness.output().contains(prompt));
    return mode;
  }

  /** Starts line mode in #lobby and switches to {@code conversation} as typed there. */
  private void startIn(String conversation) {
    start(lineMode(false), "#lobby> ");
    harness.type("/switch " + conversation + "\n");
    awaitOutput("now in " + conversation);
  }

  /** Waits until the terminal shows {@code text}. */
  private void awaitOutput(String text) {
    await().atMost(TIMEOUT).until(() -> harness.output().contains(text));
  }

  /** Replaces the dumb terminal with one of {@code type}. */
  private void useTerminal(String type) throws IOException {
    harness.close();
    harness = new TerminalHarness(type);
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.endInput();
    if (repl != null) {
      repl.join(TimeUnit.SECONDS.toMillis(5));
      assertThat(repl.isAlive()).as("REPL thread ended").isFalse();
    }
    harness.close();
  }

  @Test
  void run_command_runsAndPromptFollowsConversation() {
    logIn();
    harness.type("/join rust\n").endInput();

    runToEnd(lineMode(false));

    assertThat(client.calls).contains("join #rust");
    assertThat(harness.output()).contains("#lobby> ", "joined #rust", "#rust> ");
  }

  /** A log line (routed here by the client's logging) is printed above the prompt, cleaned. */
  @Test
  void printLog_whileRunning_printsAboveThePrompt_andAfterTheEnd_printsNothing() {
    logIn();
    LineMode mode = start(lineMode(false), "#lobby> ");

    assertThat(mode.printLog("chat: relay \u001b[31mslow\u001b[0m")).isTrue();

    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                harness.output().contains("chat: relay slow")
                    && harness.output().lastIndexOf("#lobby> ")
                        > harness.output().indexOf("chat: relay slow"));
    harness.endInput();
    assertTimeoutPreemptively(TIMEOUT, () -> repl.join());
    String before = harness.output();

    assertThat(mode.printLog("chat: too late")).isFalse();
    assertThat(harness.output()).isEqualTo(before).doesNotContain("too late");
  }

  @Test
  void typed_dropsEscapeSequencesControlsAndOuterLineBreaks_keepsInnerOnes() {
    assertThat(LineMode.typed("\nred \u001b[31mtext\u001b[0m\u0007\nsecond\tline\n"))
        .isEqualTo("red text\nsecond\tline");
  }

  @Test
  void typed_pasteWithEveryLineBreakDoubled_oneLineBreakPerLine() {
    // tmux and xterm send a CRLF as two CRs; JLine hands them over as two line breaks
    assertThat(LineMode.typed("uno\n\ndos\n\ntres\n\n")).isEqualTo("uno\ndos\ntres");
    assertThat(LineMode.typed("one\ntwo\n\nthree")).isEqualTo("one\ntwo\n\nthree");
  }

  @Test
  void run_text_goesToCurrentConversationAndIsShown() {
    logIn();
    harness.type("hello there\n").endInput();

    runToEnd(lineMode(false));

    assertThat(client.calls).contains("send #lobby hello there");
    assertThat(harness.output()).contains("<alice> hello there");
  }

  @Test
  void run_messagesOnDifferentDays_dateLineBeforeEachNewDay() {
    logIn();
    LineMode mode = start(lineMode(false), "#lobby> ");
    long friday = Instant.parse("2026-03-13T23:58:00Z").toEpochMilli();

    mode.events().onMessage(timed(1, "late friday", friday, friday));
    mode.events().onMessage(timed(2, "still friday", friday + 60_000, friday + 60_000));
    mode.events().onMessage(timed(3, "saturday", friday + 180_000, friday + 180_000));

    await().atMost(TIMEOUT).until(() -> harness.output().contains("<bob> saturday"));
    String output = harness.output();
    String fridayLine = "--- Friday 13 March 2026 ---";
    String saturdayLine = "--- Saturday 14 March 2026 ---";
    assertThat(output.indexOf(fridayLine))
        .isNotNegative()
        .isLessThan(output.indexOf("23:58:00 <bob> late friday"));
    assertThat(output.indexOf("<bob> still friday"))
        .isLessThan(output.indexOf(saturdayLine))
        .isLessThan(output.indexOf("00:01:00 <bob> saturday"));
    assertThat(output.split(fridayLine, -1)).hasSize(2);
    harness.type("/quit\n");
  }

  @Test
  void run_senderClockOffByMoreThanAMinute_marked() {
    logIn();
    LineMode mode = start(lineMode(false), "#lobby> ");
    long stored = Instant.parse("2026-03-14T09:30:00Z").toEpochMilli();

    mode.events().onMessage(timed(1, "from the past", stored - 5 * 60_000, stored));
    mode.events().onMessage(timed(2, "almost on time", stored + 30_000, stored + 1_000));

    await().atMost(TIMEOUT).until(() -> harness.output().contains("almost on time"));
    assertThat(harness.output())
        .contains("09:30:00 <bob> from the past (sender clock 09:25:00)")
        .contains("09:30:01 <bob> almost on time")
        .doesNotContain("almost on time (sender clock");
    harness.type("/quit\n");
  }

  @Test
  void run_historySpanningDays_printsDateLines() {
    logIn();
    long friday = Instant.parse("2026-03-13T20:00:00Z").toEpochMilli();
    long saturday = Instant.parse("2026-03-14T08:00:00Z").toEpochMilli();
    client.messages.put(
        "#lobby",
        java.util.List.of(
            timed(1, "evening", friday, friday), timed(2, "morning", saturday, saturday)));
    harness.type("/history\n").endInput();

    runToEnd(lineMode(false));

    String output = harness.output();
    assertThat(output).contains("last 2 messages in #lobby:");
    assertThat(output.indexOf("last 2 messages in #lobby:"))
        .isLessThan(output.indexOf("--- Friday 13 March 2026 ---"));
    assertThat(output.indexOf("<bob> evening"))
        .isLessThan(output.indexOf("--- Saturday 14 March 2026 ---"));
    assertThat(output.indexOf("--- Saturday 14 March 2026 ---"))
        .isLessThan(output.indexOf("08:00:00 <bob> morning"));
  }

  @Test
  void run_historyWithFileOffers_listsThemInPlaceAsTheyArriveLive() {
    logIn();
    long at = Instant.parse("2026-03-14T08:00:00Z").toEpochMilli();
    client.messages.put(
        "#lobby", java.util.List.of(timed(1, "before", at, at), timed(4, "after", at, at)));
    for (int seq = 2; seq <= 3; seq++) {
      String id = "%032x".formatted(seq);
      client.offers.put(
          id, new FileOffer("#lobby", seq, id, "bob", at, at, id, "f" + seq + ".txt", 3, 0, false));
    }
    harness.type("/history 3\n").endInput();

    runToEnd(lineMode(false));

    assertThat(harness.output())
        .containsSubsequence(
            "last 3 messages in #lobby:",
            "08:00:00 -!- bob offers f2.txt (3 B): /file accept "
                + "%032x".formatted(2).substring(0, 8),
            "08:00:00 -!- bob offers f3.txt (3 B): /file accept "
                + "%032x".formatted(3).substring(0, 8),
            "08:00:00 <bob> after")
        .doesNotContain("before");
  }

  /** An offer is a message of its conversation: a sender clock off is marked on it too. */
  @Test
  void run_offerFromASkewedSenderClock_markedAsAMessageIs() {
    logIn();
    long at = Instant.parse("2026-03-14T08:00:00Z").toEpochMilli();
    String id = "%032x".formatted(2);
    client.offers.put(
        id, new FileOffer("#lobby", 2, id, "bob", at - 300_000, at, id, "f.txt", 3, 0, false));
    client.messages.put("#lobby", java.util.List.of());
    harness.type("/history 1\n").endInput();

    runToEnd(lineMode(false));

    assertThat(harness.output())
        .contains(
            "08:00:00 -!- bob offers f.txt (3 B): /file accept "
                + id.substring(0, 8)
                + " (sender clock 07:55:00)");
  }

  @Test
  void run_ignoredUser_messagesAndOffersNotPrinted_historyCountsThem_untilUnignored() {
    logIn();
    long at = Instant.parse("2026-03-14T08:00:00Z").toEpochMilli();
    ChatMessage fromCarol =
        new ChatMessage("#lobby", 2, "%032x".formatted(2), "carol", at, at, "from carol", false);
    client.messages.put("#lobby", java.util.List.of(timed(1, "from bob", at, at), fromCarol));
    LineMode mode = start(lineMode(false), "#lobby> ");

    harness.type("/ignore Bob\n");
    await().atMost(TIMEOUT).until(() -> harness.output().contains("ignoring Bob"));
    mode.events().onMessage(timed(3, "live from bob", at, at));
    mode.events()
        .onFileOffer(
            new FileOffer(
                "#lobby", 4, "%032x".formatted(4), "bob", at, at, "f", "spam.txt", 3, 0, false));
    mode.events()
        .onMessage(
            new ChatMessage(
                "#lobby", 5, "%032x".formatted(5), "carol", at, at, "live from carol", false));
    mode.events().onPresenceChange("bob", Presence.of(true));
    mode.events().onPresenceChange("carol", Presence.of(true));
    await().atMost(TIMEOUT).until(() -> harness.output().contains("live from carol"));
    noticeTimerRuns(); // a log-in is printed once it has lasted (HeldLogIns.BRIEF_VISIT)
    await().atMost(TIMEOUT).until(() -> harness.output().contains("carol came online"));
    harness.type("/ignore\n/history\n/unignore bob\n/ignore\n");
    await().atMost(TIMEOUT).until(() -> harness.output().contains("you ignore no one"));

    assertThat(harness.output())
        .contains("ignoring Bob: their messages and files are not shown here")
        .contains("you ignore 1: bob")
        .containsSubsequence(
            "last message in #lobby:",
            "08:00:00 <carol> from carol",
            "1 message from users you ignore not shown (/ignore lists them)",
            "no longer ignoring bob")
        .doesNotContain("live from bob")
        .doesNotContain("bob came online")
        .doesNotContain("spam.txt")
        .doesNotContain("<bob> from bob");
    harness.type("/quit\n");
  }

  /** As the full screen's list: a private conversation with a user ignored is not numbered. */
  @Test
  void run_switchList_leavesOutPrivateConversationsWithIgnoredUsers_butTheCurrentOne() {
    logIn();
    for (String direct : List.of("@alice+bob", "@alice+dave")) {
      client.fireMembership(direct, "alice", true);
    }
    start(lineMode(false), "#lobby> ");

    harness.type("/ignore bob\n/ignore dave\n/switch\n");
    awaitOutput("1  #lobby  (current)");
    harness.type("/switch @dave\n/switch\n");
    awaitOutput("2  @dave  (current)");
    harness.type("/switch 1\n/switch\n");
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                harness.output().lastIndexOf("1  #lobby  (current)")
                    > harness.output().lastIndexOf("now in #lobby"));

    String output = harness.output();
    assertThat(output)
        .doesNotContain("@bob")
        .containsSubsequence("now in @dave", "1  #lobby", "2  @dave  (current)", "now in #lobby");
    assertThat(output.substring(output.lastIndexOf("now in #lobby"))).doesNotContain("@dave");
    harness.type("/quit\n");
  }

  /**
   * Numbered as the full screen last listed them (Alt+3 there is /switch 3 here), not in the
   * client's alphabetical order; rooms joined since go at the end, as a full screen started now
   * would list them.
   */
  @Test
  void run_switchList_numbersAsTheFullScreenKeptTheList_newRoomsAtTheEnd() {
    logIn();
    for (String room : List.of("#ops", "#aaa")) {
      client.fireMembership(room, "alice", true);
    }
    client.keepList("alice", new KeptList(List.of("#lobby", "#ops", "#aaa"), Map.of()));
    start(lineMode(false), "#lobby> ");

    harness.type("/switch\n");
    awaitOutput("3  #aaa");
    client.fireMembership("#zzz", "alice", true);
    client.fireMembership("#bbb", "alice", true);
    harness.type("/switch 3\n/switch\n");
    awaitOutput("5  #zzz");

    assertThat(harness.output())
        .containsSubsequence("1  #lobby  (current)", "2  #ops", "3  #aaa")
        .containsSubsequence("now in #aaa", "3  #aaa  (current)", "4  #bbb", "5  #zzz");
    harness.type("/quit\n");
  }

  /**
   * A profile used only in line mode keeps its numbers across runs: the order is kept as the full
   * screen keeps its own, with the full screen's unread counts as they were.
   */
  @Test
  void run_switchList_keepsItsOrderForTheNextRun() {
    logIn();
    client.fireMembership("#ops", "alice", true);
    KeptList.Unread unread = new KeptList.Unread(2, false);
    client.keepList("alice", new KeptList(List.of("#lobby", "#ops"), Map.of("#ops", unread)));
    start(lineMode(false), "#lobby> ");

    client.fireMembership("#aaa", "alice", true);
    harness.type("/switch\n");
    awaitOutput("3  #aaa");

    assertThat(client.keptList())
        .isEqualTo(new KeptList(List.of("#lobby", "#ops", "#aaa"), Map.of("#ops", unread)));
    harness.type("/quit\n");
  }

  /** Rooms joined one after the other are numbered in that order, not the client's. */
  @Test
  void run_switchList_numbersRoomsJoinedOneAfterTheOtherInTheOrderJoined() {
    logIn();
    start(lineMode(false), "#lobby> ");

    harness.type("/join zeta\n");
    awaitOutput("joined #zeta");
    harness.type("/join alpha\n");
    awaitOutput("joined #alpha");
    harness.type("/switch\n");
    awaitOutput("3  #alpha");

    assertThat(harness.output()).containsSubsequence("1  #lobby", "2  #zeta", "3  #alpha");
    harness.type("/quit\n");
  }

  /**
   * The relay lists it from its first message on; the prompt is in it before, and so is /switch.
   */
  @Test
  void run_switchList_namesAPrivateConversationOpenedBeforeItsFirstMessage() {
    logIn();
    start(lineMode(false), "#lobby> ");

    harness.type("/pm carol\n/switch\n");
    awaitOutput("2  @carol  (current)");

    assertThat(harness.output()).containsSubsequence("1  #lobby", "2  @carol  (current)");
    harness.type("/quit\n");
  }

  private static ChatMessage timed(long seq, String text, long sent, long stored) {
    return new ChatMessage("#lobby", seq, "%032x".formatted(seq), "bob", sent, stored, text, false);
  }

  @Test
  void run_unknownCommand_printsErrorAndContinues() {
    logIn();
    harness.type("/jion x\nhi\n").endInput();

    runToEnd(lineMode(false));

    assertThat(harness.output()).contains("error: unknown command /jion. Did you mean /join?");
    assertThat(client.calls).contains("send #lobby hi");
  }

  /**
   * As the full screen: a line of nothing visible, spaces alone too, is refused, saying so; an
   * empty one is not.
   */
  @Test
  void run_aLineOnlyOfCharactersThatShowNothing_isRefusedSayingSo() {
    logIn();
    harness.type("\u001b[31m\n   \n\nhi\n").endInput(); // (U+200B alike, on a real terminal)

    runToEnd(lineMode(false));

    assertThat(harness.output().lines().filter(l -> l.contains("the text shows nothing")))
        .containsExactly(
            "error: no message: the text shows nothing",
            "error: no message: the text shows nothing");
    assertThat(client.calls)
        .filteredOn(c -> c.startsWith("send"))
        .containsExactly("send #lobby hi");
  }

  @Test
  void run_asynchronousMessage_printedAbovePrompt() {
    logIn();
    start(lineMode(false), "#lobby> ");

    client.deliver("#lobby", "bob", "are you there?");
    client.deliver("#rust", "carol", "elsewhere");
    client.deliver("@alice+dave", "dave", "psst");

    await().atMost(TIMEOUT).until(() -> harness.output().contains("<dave> psst"));
    assertThat(harness.output())
        .contains("<bob> are you there?")
        .contains("#rust ")
        .contains("<carol> elsewhere")
        .contains("@dave ");
    harness.type("/quit\n");
  }

  /** An action worded as a file offer cannot pass for one: offers are the client's -!- lines. */
  @Test
  void run_anActionWordedAsAnOffer_looksLikeAnAction_notLikeTheOffer() {
    logIn();
    start(lineMode(false), "#lobby> ");

    FileOffer offer = client.fireFileOffer("#lobby", "carol", "report.txt", 6);
    client.deliverAction(
        "#lobby", "bob", "offers payroll.xlsx (6 B): /file accept " + offer.shortId());

    await().atMost(TIMEOUT).until(() -> harness.output().contains("payroll"));
    assertThat(harness.output())
        .contains("-!- carol offers report.txt (6 B): /file accept " + offer.shortId())
        .contains("* bob offers payroll.xlsx (6 B)")
        .doesNotContain("-!- bob offers");
    harness.type("/quit\n");
  }

  @Test
  void run_privateMessageOrMention_ringsTheBell_onceInItsQuietTime() {
    logIn();
    AtomicLong now = new AtomicLong(1_000_000);
    start(lineMode(new LineModeOptions(false).withBell(Bell.ringing(now::get))), "#lobby> ");

    client.deliver("#lobby", "bob", "deploy at noon");
    client.deliver("@alice+dave", "dave", "psst");
    client.deliver("#lobby", "bob", "alice, ok?"); // within the quiet time: no second ring
    await().atMost(TIMEOUT).until(() -> harness.output().contains("<bob> alice, ok?"));
    assertThat(harness.output().chars().filter(c -> c == 7).count()).isEqualTo(1);
    assertThat(harness.output().indexOf('\u0007'))
        .isGreaterThan(harness.output().indexOf("<dave> psst"));

    now.addAndGet(Bell.QUIET_MILLIS);
    client.deliver("#lobby", "bob", "alice?");
    await().atMost(TIMEOUT).until(() -> harness.output().contains("<bob> alice?"));
    await().atMost(TIMEOUT).until(() -> harness.output().chars().filter(c -> c == 7).count() == 2);
    harness.type("/quit\n");
  }

  @Test
  void run_withoutABell_privateMessagesRingNothing() {
    logIn();
    start(lineMode(false), "#lobby> ");

    client.deliver("@alice+dave", "dave", "psst");

    await().atMost(TIMEOUT).until(() -> harness.output().contains("<dave> psst"));
    assertThat(harness.output()).doesNotContain("\u0007");
    harness.type("/quit\n");
  }

  @Test
  void run_remoteEscapeSequences_neverReachTheTerminal() {
    logIn();
    start(lineMode(false), "#lobby> ");

    client.deliver("#lobby", "bob\u001b[31m", "wipe\u001b[2J\u001b]0;owned\u0007 done\u001b[H");
    client.fireNotice("", "bad\u001b]52;c;aGk=\u0007 notice");
    client.fireMembership("#lobby", "eve\u001b[8m", true);

    await().atMost(TIMEOUT).until(() -> harness.output().contains("wipe done"));
    await().atMost(TIMEOUT).until(() -> harness.output().contains("eve joined"));
    String output = harness.output();
    assertThat(output).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("owned");
    assertThat(output).contains("<bob> wipe done", "notice: bad notice");
    harness.type("/quit\n");
  }

  @Test
  void run_messageLeftOutLive_namesItsSeqAndWhyNoKeyCouldBeUsed_withNoEscapesFromTheRelay() {
    logIn();
    start(lineMode(false), "#lobby> ");

    client.fireLeftOut(
        LeftOutMessages.one(
            "#lobby",
            "bob",
            LeftOutMessages.Reason.NO_KEY,
            5,
            "the relay says: no such\u001b[2J user"));

    await().atMost(TIMEOUT).until(() -> harness.output().contains("not shown"));
    assertThat(harness.output())
        .doesNotContain("\u001b")
        .contains(
            "#lobby: message #5 from bob cannot be checked: no usable key for that sender (the"
                + " relay says: no such");
    harness.type("/quit\n");
  }

  /** Plays a relay pushing {@code count} forged messages in {@code conversation}, from seq 1. */
  private void forgedPushed(String conversation, int count) {
    for (int seq = 1; seq <= count; seq++) {
      client.fireLeftOutPushed(
          LeftOutMessages.one(conversation, "forged" + seq, LeftOutMessages.Reason.NO_KEY, seq));
    }
  }

  @Test
  void run_fortyMessagesLeftOutLive_fiveSaid_theOthersCountedOnOneLineBeforeTheNextMessage() {
    logIn();
    start(lineMode(false), "#lobby> ");

    forgedPushed("#lobby", 40);
    client.deliver("#lobby", "bob", "a real one");

    await().atMost(TIMEOUT).until(() -> harness.output().contains("a real one"));
    String output = harness.output();
    assertThat(output.lines().filter(line -> line.contains("not shown")))
        .hasSize(6)
        .contains(
            "#lobby: message #5 from forged5 cannot be checked: no usable key for that sender;"
                + " not shown")
        .endsWith(
            "#lobby: 35 more messages were left out; they are not shown (see /history #lobby)");
    assertThat(output.indexOf("35 more")).isLessThan(output.indexOf("a real one"));
    harness.type("/quit\n");
  }

  @Test
  void run_messagesLeftOutLivePastTheCapAtAnIdlePrompt_countSaidOnceTheRelayPauses() {
    logIn();
    start(lineMode(false), "#lobby> ");

    forgedPushed("#lobby", 8);
    await().atMost(TIMEOUT).until(() -> harness.output().contains("#5 from forged5"));
    assertThat(harness.output()).doesNotContain("3 more");
    noticeTimerRuns();

    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                harness
                    .output()
                    .contains(
                        "#lobby: 3 more messages were left out; they are not shown (see /history"
                            + " #lobby)"));
    harness.type("/quit\n");
    await().atMost(TIMEOUT).until(() -> !repl.isAlive());
    assertThat(harness.output().lines().filter(line -> line.contains("more message"))).hasSize(1);
  }

  @Test
  void run_heldReplayedAndUndeliveredPushedInFloods_fiveOfEachSaid_theOthersCountedOnALineEach() {
    logIn();
    start(lineMode(false), "#lobby> ");

    for (long seq = 1; seq <= 8; seq++) {
      client.fireHeldPushed(HeldMessages.one("#lobby", "bob", seq));
      client.fireDeliveryNotice(DeliveryNotice.replayed("#lobby", seq));
    }
    for (long seq = 1; seq <= 6; seq++) {
      client.fireDeliveryNotice(
          DeliveryNotice.undelivered("#lobby", 10, "the relay did not deliver ten #" + seq));
    }
    client.deliver("#lobby", "carol", "a real one");

    await().atMost(TIMEOUT).until(() -> harness.output().contains("a real one"));
    String output = harness.output();
    assertThat(output.lines().filter(line -> line.contains("it is held."))).hasSize(5);
    assertThat(output.lines().filter(line -> line.contains("dropped a replayed"))).hasSize(5);
    assertThat(output.lines().filter(line -> line.contains("did not deliver ten"))).hasSize(5);
    assertThat(output)
        .contains(
            "#lobby: 3 more messages are held (signed with a new key you have not accepted) (see"
                + " /history #lobby)",
            "#lobby: dropped 3 more replayed copies of earlier messages",
            "#lobby: the relay did not deliver 10 more messages");
    assertThat(output.indexOf("10 more messages")).isLessThan(output.indexOf("a real one"));
    harness.type("/quit\n");
  }

  @Test
  void run_invalidKeysSecondOffersAndMembersDifferInFloods_fiveOfEachSaid_theOthersCountedOnce() {
    logIn();
    start(lineMode(false), "#lobby> ");

    for (int i = 1; i <= 8; i++) {
      client.firePushedNotice(
          PushedNotice.invalidKey("the relay announced an invalid key for user" + i + "; ignored"));
      client.firePushedNotice(
          PushedNotice.secondOffer(i % 2 == 0 ? "#lobby" : "#ops", "f" + i, "bob"));
    }
    for (int i = 1; i <= 7; i++) {
      client.fireMembersDiffer(new Advice.MembersDiffer(i % 2 == 0 ? "#lobby" : "#ops", "bob" + i));
    }
    client.deliver("#lobby", "carol", "a real one");

    await().atMost(TIMEOUT).until(() -> harness.output().contains("a real one"));
    String output = harness.output();
    assertThat(output.lines().filter(line -> line.contains("an invalid key for user"))).hasSize(5);
    assertThat(output.lines().filter(line -> line.contains("ignored a second offer"))).hasSize(5);
    assertThat(output.lines().filter(line -> line.contains("check /members"))).hasSize(5);
    assertThat(output)
        .contains(
            "notice: the relay announced 3 more invalid keys; ignored",
            "notice: ignored 3 more second offers of files",
            "notice: 2 more messages were encrypted to a different set of members than you see");
    assertThat(output.indexOf("2 more messages")).isLessThan(output.indexOf("a real one"));
    harness.type("/quit\n");
  }

  @Test
  void run_undeliveredInManyConversations_eightNamed_theOthersCountedOnOneLine() {
    logIn();
    start(lineMode(false), "#lobby> ");

    for (int i = 1; i <= 40; i++) {
      client.fireDeliveryNotice(
          DeliveryNotice.undelivered("#invented" + i, 2, "the relay did not deliver two here"));
    }
    noticeTimerRuns();

    await().atMost(TIMEOUT).until(() -> harness.output().contains("in other conversations"));
    String output = harness.output();
    assertThat(output.lines().filter(line -> line.contains("did not deliver two here")))
        .hasSize(LiveNoticeCap.MAX_CONVERSATIONS);
    assertThat(output)
        .contains("notice: in other conversations: 64 more messages not delivered")
        .contains("#invented8: the relay did not deliver two here")
        .doesNotContain("#invented9:");
    harness.type("/quit\n");
  }

  @Test
  void run_messagesLeftOutLivePastTheCap_countedUntilALineIsTyped_thenSaidAgain() {
    logIn();
    start(lineMode(false), "#lobby> ");

    forgedPushed("#lobby", 7);
    harness.type("/help\n");
    await().atMost(TIMEOUT).until(() -> harness.output().contains("2 more messages"));
    forgedPushed("#lobby", 6);
    harness.type("/quit\n");
    await().atMost(TIMEOUT).until(() -> harness.output().contains("1 more message "));

    assertThat(harness.output().lines().filter(line -> line.contains("not shown")))
        .hasSize(12)
        .contains(
            "#lobby: 2 more messages were left out; they are not shown (see /history #lobby)",
            "#lobby: 1 more message was left out; it is not shown (see /history #lobby)");
  }

  /**
   * A one-shot command such as {@code chat send} logs in, sends and logs out at once: in and out
   * within {@link chat.cli.command.HeldLogIns#BRIEF_VISIT} prints neither line, only what they
   * wrote. A log-in that lasts is printed once that time has passed, unless they wrote meanwhile:
   * their message shows they are here.
   */
  @Test
  void run_loggedInAndOutWithinMoments_printsNeither_aLogInThatLastsIsPrintedLater() {
    logIn();
    startIn("#lobby");
    client.firePresence("bob", Presence.ONLINE);
    client.firePresence("bob", Presence.OFFLINE);
    client.firePresence("erin", Presence.ONLINE);
    client.deliver("#lobby", "erin", "posted by a script");
    client.firePresence("erin", Presence.OFFLINE);
    client.firePresence("carol", Presence.ONLINE);
    client.firePresence("dave", Presence.ONLINE);
    client.deliver("#lobby", "dave", "hi all");
    awaitOutput("hi all");
    assertThat(harness.output()).doesNotContain("carol came online");

    noticeTimerRuns();
    client.firePresence("dave", Presence.OFFLINE);

    awaitOutput("dave went offline");
    assertThat(harness.output())
        .containsSubsequence(
            "<erin> posted by a script", "<dave> hi all", "carol came online", "dave went offline")
        .doesNotContain("bob came online", "bob went offline")
        .doesNotContain("erin came online", "erin went offline")
        .doesNotContain("dave came online");
    harness.type("/quit\n");
  }

  /**
   * A log-in held back is not printed for someone ignored meanwhile; one heard before this client's
   * own connection is lost is printed at once, before the loss's line: whether they stay will not
   * be heard.
   */
  @Test
  void run_heldLogIn_ofSomeoneIgnoredMeanwhile_isNotPrinted_oneBeforeALossIsAtOnce() {
    logIn();
    startIn("#lobby");
    client.firePresence("carol", Presence.ONLINE);
    harness.type("/ignore carol\n");
    awaitOutput("ignoring carol");
    noticeTimerRuns();
    client.firePresence("dave", Presence.ONLINE);
    client.fireConnection(ConnectionState.RECONNECTING, "connection reset; reconnecting");

    awaitOutput("connection lost");
    assertThat(harness.output())
        .containsSubsequence("dave came online", "connection lost")
        .doesNotContain("carol came online");
    noticeTimerRuns();
    assertThat(harness.output()).containsOnlyOnce("dave came online");
    harness.type("/quit\n");
  }

  @Test
  void run_othersReconnectingRightAfterThisClient_noCameOnline_butOneHeardGoingOfflineIs() {
    logIn();
    startIn("#lobby");
    client.firePresence("bob", Presence.ONLINE);
    client.firePresence("carol", Presence.OFFLINE);

    client.fireConnection(
        ConnectionState.RECONNECTING, ConnectionState.RELAY_SHUTTING_DOWN + "; reconnecting");
    client.fireConnection(ConnectionState.ONLINE, "");
    client.firePresence("bob", Presence.ONLINE);
    client.firePresence("dave", Presence.ONLINE);
    client.firePresence("carol", Presence.ONLINE);
    client.firePresence("erin", Presence.OFFLINE);
    noticeTimerRuns(); // a log-in is printed once it has lasted (HeldLogIns.BRIEF_VISIT)

    await().atMost(TIMEOUT).until(() -> harness.output().contains("erin went offline"));
    assertThat(harness.output())
        .containsOnlyOnce("bob came online")
        .containsSubsequence("carol went offline", "carol came online")
        .doesNotContain("dave came online");
    harness.type("/quit\n");
  }

  /**
   * A friend the friends list fetched at log-in gives as online is not said to come online when
   * they reconnect right after this client, though no presence event was heard of them (a relay
   * killed without a word); one the list gives as offline is.
   */
  @Test
  void run_friendListedOnlineAtLogin_reconnectingAfterThisClient_isNotAnnounced() {
    client.friendships().put("dave", Friendship.FRIENDS);
    client.friendships().put("erin", Friendship.FRIENDS);
    client.listsPresence("dave", Presence.ONLINE);
    logIn();
    startIn("#lobby");
    client.fireConnection(ConnectionState.ONLINE, ""); // as at the log-in: the list is fetched
    await().atMost(TIMEOUT).until(() -> client.calls.contains("friends"));
    awaitPresenceListed();

    client.fireConnection(ConnectionState.RECONNECTING, "connection reset; reconnecting");
    client.fireConnection(ConnectionState.ONLINE, "");
    client.firePresence("dave", Presence.ONLINE);
    client.firePresence("erin", Presence.ONLINE);
    noticeTimerRuns(); // a log-in is printed once it has lasted (HeldLogIns.BRIEF_VISIT)

    await().atMost(TIMEOUT).until(() -> harness.output().contains("erin came online"));
    assertThat(harness.output()).doesNotContain("dave came online");
    harness.type("/quit\n");
    awaitPresenceListed(); // the reconnect's own fetch, before the next test
  }

  /**
   * A member of the conversation at the prompt who stayed away while this client was gone (their
   * reconnect and their away state said again were missed) is said to be back when they are: the
   * members fetched at the reconnect give them away.
   */
  @Test
  void run_aMemberAwayThroughThisClientsReconnect_isBackWhenOnline() {
    logIn();
    client.fireMembership("#lobby", "bob", true);
    startIn("#lobby");
    client.firePresence("bob", Presence.away("tea"));
    awaitOutput("bob is away: tea");

    client.fireConnection(
        ConnectionState.RECONNECTING, ConnectionState.RELAY_SHUTTING_DOWN + "; reconnecting");
    client.fireConnection(ConnectionState.ONLINE, "");
    await().atMost(TIMEOUT).until(() -> client.calls.contains("members #lobby"));
    awaitPresenceListed();
    client.firePresence("bob", Presence.ONLINE);

    awaitOutput("bob is back");
    harness.type("/quit\n");
    awaitPresenceListed();
  }

  /** Waits until the presence the line mode fetched after a log-in or reconnect is noted. */
  static void awaitPresenceListed() {
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(thread -> thread.getName().equals("chat-presence-list")));
  }

  /** The end of the mute of someone no longer in the group does not say they may post again. */
  @Test
  void run_unmutedInAGroupNoLongerJoined_isNotToldTheyMayPostAgain() {
    logIn();
    client.createGroup("#team");
    startIn("#team");

    client.fireGroupUpdate(new GroupUpdate("#gone", "bob", GroupUpdate.Kind.UNMUTED, "alice", ""));
    client.fireGroupUpdate(new GroupUpdate("#team", "bob", GroupUpdate.Kind.UNMUTED, "alice", ""));

    awaitOutput("bob unmuted you in #team: you may post again");
    assertThat(harness.output())
        .contains("bob unmuted you in #gone")
        .doesNotContain("unmuted you in #gone: you may post again");
    harness.type("/quit\n");
  }

  @Test
  void run_groupFriendAndAwayEvents_printedAsSystemLines() {
    logIn();
    client.createGroup("#team");
    startIn("#team");

    client.fireMembership("#team", "bob", true);
    client.fireGroupUpdate(new GroupUpdate("#team", "alice", GroupUpdate.Kind.ADMIN, "bob", ""));
    client.firePresence("bob", Presence.away("lunch"));
    client.firePresence("bob", Presence.ONLINE);
    client.fireMembership("#team", "bob", false);
    client.fireFriendUpdate("carol", FriendUpdate.REQUESTED);
    client.fireGroupUpdate(
        new GroupUpdate("#team", "erin", GroupUpdate.Kind.UNINVITED, "erin", ""));
    client.fireGroupUpdate(
        new GroupUpdate("#team", "alice", GroupUpdate.Kind.UNINVITED, "finn", ""));
    client.fireGroupUpdate(new GroupUpdate("#team", "dave", GroupUpdate.Kind.KICKED, "alice", ""));

    await()
        .atMost(TIMEOUT)
        .until(() -> harness.output().contains("dave removed you from #team; now in #lobby"));
    assertThat(harness.output())
        .contains("bob joined #team")
        .contains("you made bob an admin of #team")
        .contains("bob is away: lunch")
        .contains("bob is back")
        .contains("bob left #team")
        .contains("carol wants to be your friend: /friend accept carol")
        .contains("erin declined the invitation to #team")
        .contains("you withdrew finn's invitation to #team");
    String after = harness.output().substring(harness.output().indexOf("dave removed you"));
    assertThat(after).as("the prompt changed with it").contains("#lobby> ");
    harness.type("still here?\n");
    await()
        .atMost(TIMEOUT)
        .until(() -> harness.output().contains("not sent: it was typed for #team"));
    assertThat(client.calls).as("typed under #team>").noneMatch(call -> call.startsWith("send"));
    harness.type("still here?\n");
    await().atMost(TIMEOUT).until(() -> client.calls.contains("send #lobby still here?"));
    harness.type("/quit\n");
  }

  /** A user ignored cannot flood the screen with invitations and friend requests. */
  @Test
  void run_invitationsAndFriendRequestsOfAUserIgnored_areNotPrinted() {
    logIn();
    client.ignore("carol", true);
    start(lineMode(false), "#lobby> ");

    for (int i = 0; i < 3; i++) {
      client.fireGroupUpdate(new GroupUpdate("#a", "carol", GroupUpdate.Kind.INVITED, "alice", ""));
      client.fireGroupUpdate(
          new GroupUpdate("#a", "carol", GroupUpdate.Kind.UNINVITED, "alice", ""));
      client.fireFriendUpdate("Carol", FriendUpdate.REQUESTED);
      client.fireFriendUpdate("carol", FriendUpdate.DECLINED);
    }
    client.fireGroupUpdate(new GroupUpdate("#a", "carol", GroupUpdate.Kind.INVITED, "bob", ""));
    client.fireGroupUpdate(new GroupUpdate("#b", "dave", GroupUpdate.Kind.INVITED, "alice", ""));

    awaitOutput("dave invited you to #b");
    assertThat(harness.output())
        .as("what carol did to others in a group is still said")
        .contains("carol invited bob to #a")
        .doesNotContain("carol invited you")
        .doesNotContain("your invitation")
        .doesNotContain("wants to be your friend")
        .doesNotContain("declined");
    harness.type("/quit\n");
  }

  @Test
  void run_currentPrivateConversationClosedElsewhere_movesToTheLobbyAndSaysSo() {
    logIn();
    client.fireMembership("@alice+bob", "bob", true);
    client.fireMembership("@alice+bob", "alice", true);
    startIn("@bob");

    client.fireMembership("@alice+bob", "alice", false);

    await()
        .atMost(TIMEOUT)
        .until(() -> harness.output().contains("you closed @bob; now in #lobby"));
    harness.type("/quit\n");
  }

  @Test
  void run_reconnectWithoutTheCurrentRoom_movesToTheLobbyAndSaysWhy() {
    logIn();
    client.join("#ops");
    startIn("#ops");

    client.fireNoLongerIn("#ops");

    awaitOutput(
        "you are no longer in #ops (left on another device, removed, or the group disbanded while"
            + " this device was offline); now in #lobby");
    harness.type("/quit\n");
  }

  /** Leaving the last conversation is said once, by /leave, not again as a removal. */
  @Test
  void run_leaveOfTheOnlyConversation_saysSoOnce_andThePromptNamesNone() {
    logIn();
    start(lineMode(false), "#lobby> ");

    harness.type("/leave\n");

    awaitOutput("left #lobby; no conversation selected: /join a room or /switch to one");
    await()
        .atMost(TIMEOUT)
        .until(() -> harness.output().endsWith("to one\n> ") || harness.output().endsWith("\n> "));
    String last = harness.output().substring(harness.output().lastIndexOf('\n') + 1);
    assertThat(last).as("the prompt names no conversation").isEqualTo("> ");
    harness.type("/quit\n");
    assertThat(harness.output()).doesNotContain("you are no longer in #lobby");
  }

  @Test
  void run_leaveOfAPrivateConversationNeverWrittenIn_movesOnWithoutAskingTheRelay() {
    logIn();
    start(lineMode(false), "#lobby> ");
    harness.type("/pm bob\n");
    await().atMost(TIMEOUT).until(() -> harness.output().contains("@bob> "));
    assertThat(client.conversations())
        .as("as the relay: not before its first message")
        .doesNotContain("@alice+bob");

    harness.type("/leave\n");

    awaitOutput("closed @bob (nothing was written there); now in #lobby");
    assertThat(client.calls).noneMatch(call -> call.startsWith("close"));
    harness.type("/quit\n");
  }

  @Test
  void run_events_printedAsClearWords() {
    logIn();
    start(lineMode(false), "#lobby> ");

    client.fireMembership("#lobby", "bob", true);
    client.firePresence("bob", false);
    client.fireKeyChange("bob");
    client.fireAdvice(new Advice.KeyChanged("bob"));
    client.setState(ConnectionState.RECONNECTING, "");
    client.fireNotice("#lobby", "2 messages could not be opened");

    await()
        .atMost(TIMEOUT)
        .until(() -> harness.output().contains("#lobby: 2 messages could not be opened"));
    assertThat(harness.output())
        .contains("bob joined #lobby")
        .contains("bob went offline")
        .contains(
            "warning: bob's key changed. Sending to them is blocked until you compare the safety"
                + " number (/safety bob) and accept it with /trust bob")
        .contains("connection lost, reconnecting");
    harness.type("/quit\n");
  }

  /**
   * A relay that serves bob's pinned key and a new one in turn changes his trust state each time:
   * the advice (said once per key by the client) is the one line about it, not a line per change.
   */
  @Test
  void run_trustStateFlips_printNothingBesideTheAdvice() {
    logIn();
    start(lineMode(false), "#lobby> ");

    client.fireKeyChange("bob");
    client.fireAdvice(new Advice.KeyChanged("bob"));
    for (int i = 0; i < 20; i++) {
      client.fireTrustChange("bob", TrustState.UNVERIFIED);
      client.fireTrustChange("bob", TrustState.CHANGED);
    }
    client.fireNotice("#lobby", "end of the flips");

    await().atMost(TIMEOUT).until(() -> harness.output().contains("#lobby: end of the flips"));
    String output = harness.output();
    assertThat(output.split("bob's key", -1)).hasSize(2);
    assertThat(output).doesNotContain("accepted, not verified").doesNotContain("key CHANGED");
    harness.type("/quit\n");
  }

  /** A session the relay ended: said with the slash command that logs in again, not chat login. */
  @Test
  void run_sessionEnded_saysSoWithTheSlashCommandToLogInAgain() {
    logIn();
    start(lineMode(false), "#lobby> ");

    CommandException.SessionEnded ended = CommandException.SessionEnded.refused("alice");
    client.fireStopped(ended, ended.getMessage());

    await().atMost(TIMEOUT).until(() -> harness.output().contains("log in again"));
    assertThat(harness.output())
        .contains(
            "the session for alice was ended (logged out or ended from a sessions list on another"
                + " device, or the password was changed) or has expired; log in again: /login"
                + " alice")
        .doesNotContain("chat login")
        .doesNotContain("wrong username or password");
    harness.type("/quit\n");
  }

  /** A suspension is said once, in the relay's words; the offline line after it adds nothing. */
  @Test
  void run_accountSuspended_saidOnce() {
    logIn();
    start(lineMode(false), "#lobby> ");

    String words = "the relay says: this account is suspended by the relay's operator: spam";
    CommandException.SessionEnded ended =
        CommandException.SessionEnded.suspended(
            "alice", new CommandException.AccountSuspended(words));
    client.fireStopped(ended, words);

    await().atMost(TIMEOUT).until(() -> harness.output().contains("disconnected"));
    assertThat(harness.output().split("suspended by", -1)).hasSize(2);
    assertThat(harness.output()).contains("disconnected").doesNotContain("log in again");
    harness.type("/quit\n");
  }

  @Test
  void run_connectionLostAndBack_oneLineEach_notOnePerAttempt() {
    logIn();
    start(lineMode(false), "#lobby> ");

    client.setState(ConnectionState.RECONNECTING, "connection reset; reconnecting");
    for (int attempt = 1; attempt <= 7; attempt++) {
      client.setState(
          ConnectionState.RECONNECTING,
          "cannot reach the relay; retrying (attempt " + attempt + ")");
    }
    client.setState(ConnectionState.ONLINE, "reconnected to relay.test:7443");

    await().atMost(TIMEOUT).until(() -> harness.output().contains("reconnected to relay.test"));
    String output = harness.output();
    assertThat(output.split("connection lost, reconnecting", -1)).hasSize(2);
    assertThat(output).doesNotContain("attempt").doesNotContain("connected to relay.test:7443 (");
    harness.type("/quit\n");
  }

  /**
   * A login's own line says who and where, once; its online event says nothing more (the two came
   * in either order, as the threads ran).
   */
  @Test
  void run_onlineAtALogin_isSaidByTheLoginsLineOnly() {
    start(lineMode(false), "> ");

    typeLogin("secret-phrase");
    harness.type("/quit\n");
    await().atMost(TIMEOUT).until(() -> !repl.isAlive());

    assertThat(harness.output())
        .containsOnlyOnce("logged in as alice on " + client.serverAddress())
        .doesNotContain("connected to");
  }

  @Test
  void run_interactiveLogin_secretsNotEchoedAndNotInHistory() {
    LineMode mode = start(lineMode(false), "> ");

    typeLogin("secret-phrase");
    harness.type("/join rust\n/quit\n");
    await().atMost(TIMEOUT).until(() -> !repl.isAlive());

    assertThat(client.secrets).containsExactly("hunter2", "secret-phrase");
    assertThat(harness.output())
        .contains("logged in as alice")
        .doesNotContain("hunter2")
        .doesNotContain("secret-phrase");
    assertThat(mode.historyEntries()).containsExactly("/login alice", "/join rust", "/quit");
  }

  /** A failed login (which ends the session it replaces) says why, and nothing about a room. */
  @Test
  void run_failedLoginWhileLoggedIn_saysOnlyWhyItFailed() {
    logIn();
    client.failNext = new CommandException.Auth("wrong passphrase for bob's key file", null);
    harness.type("/login bob hunter2\nphrase\n/quit\n").endInput();

    runToEnd(lineMode(false));

    assertThat(harness.output())
        .contains("wrong passphrase for bob's key file")
        .doesNotContain("no longer in")
        .doesNotContain("no conversation selected");
  }

  @Test
  void run_inlinePassword_redactedInHistory() {
    harness.type("/login alice hunter2\nphrase\n").endInput();

    LineMode mode = runToEnd(lineMode(false));

    assertThat(client.calls).contains("login alice");
    assertThat(mode.historyEntries()).containsExactly("/login alice ***");
  }

  @Test
  void run_loginOnDumbTerminal_echoOffWhileSecretsAreTyped_eachPromptShownOnce()
      throws IOException {
    harness.close();
    harness = TerminalHarness.cookedDumb();
    List<String> echo = new CopyOnWriteArrayList<>();
    TerminalEcho recording =
        new TerminalEcho() {
          @Override
          public boolean off() {
            return echo.add("off");
          }

          @Override
          public void on() {
            echo.add("on");
          }
        };
    start(lineMode(new LineModeOptions(false).withEcho(recording)), "> ");

    harness.echo("/login alice\n").type("/login alice\n");
    answerLogin("secret-phrase");
    harness.type("/quit\n");
    await().atMost(TIMEOUT).until(() -> !repl.isAlive());

    assertThat(client.secrets).containsExactly("hunter2", "secret-phrase");
    assertThat(echo).containsExactly("off", "on", "off", "on");
    assertThat(
            harness
                .output()
                .split(java.util.regex.Pattern.quote("password for alice (input hidden): "), -1))
        .hasSize(2);
    assertThat(
            harness
                .output()
                .split(java.util.regex.Pattern.quote("alice's key file (input hidden): "), -1))
        .hasSize(2);
    assertThat(harness.screen())
        .contains("password for alice (input hidden):")
        .doesNotContain("hunter2");
  }

  @Test
  void run_startupLoginOnDumbTerminal_echoOffFromTheStartUntilTheLoginIsDone() throws Exception {
    harness.close();
    harness = TerminalHarness.cookedDumb();
    List<String> echo = new CopyOnWriteArrayList<>();
    TerminalEcho recording =
        new TerminalEcho() {
          @Override
          public boolean off() {
            return echo.add("off");
          }

          @Override
          public void on() {
            echo.add("on");
          }
        };
    LineMode mode = lineMode(new LineModeOptions(false).withEcho(recording).withTypingEchoed(true));
    repl = new Thread(() -> mode.run(List.of("/login alice")), "repl");
    repl.start();

    harness.type("hunter2\nsecret-phrase\n");
    await().atMost(TIMEOUT).until(() -> harness.output().contains("#lobby> "));
    harness.type("/quit\n");
    repl.join(TIMEOUT.toMillis());

    assertThat(client.secrets).containsExactly("hunter2", "secret-phrase");
    assertThat(echo).containsExactly("off", "off", "on", "off", "on", "on");
  }

  @Test
  void run_maskedPasswordOnFullTerminal_echoesNothingPerCharacter() throws IOException {
    useTerminal("xterm-256color");
    start(lineMode(false), "> ");

    typeLogin("phrase");
    harness.type("/quit\n");
    await().atMost(TIMEOUT).until(() -> !repl.isAlive());

    assertThat(client.secrets).containsExactly("hunter2", "phrase");
    assertThat(harness.output()).contains("/login alice").doesNotContain("*");
    assertThat(harness.output()).doesNotContain("hunter2").doesNotContain("phrase\n");
  }

  /**
   * On a terminal of known width, line mode wraps a long line itself, every row after the first
   * indented: a message padded to the terminal's edge cannot start a row at column 0 that reads as
   * another user's message.
   */
  @Test
  void run_aMessagePaddedToTheEdge_cannotStartARowAtColumnZero() throws IOException {
    useTerminal("xterm-256color");
    harness.terminal.setSize(new Size(60, 24));
    logIn();
    start(lineMode(false), "#lobby> ");

    client.deliver("#lobby", "mallory", "ok" + " ".repeat(40) + "12:00:00 <bob> send it to me");

    awaitOutput("send it");
    List<String> rows =
        Arrays.stream(harness.output().replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "").split("[\r\n]"))
            .filter(row -> !row.isBlank())
            .toList();
    assertThat(rows).anyMatch(row -> row.contains("<mallory> ok"));
    assertThat(rows)
        .filteredOn(row -> row.contains("<bob>"))
        .singleElement()
        .satisfies(row -> assertThat(row).startsWith("    12:00:00 <bob>"));
    assertThat(rows).allMatch(row -> row.length() <= 60);
  }

  @Test
  void run_backspaceAfterAKeycap_removesItWhole() throws IOException {
    useTerminal("xterm-256color");
    logIn();
    harness.type("ok1\uFE0F\u20E3\u007f\n").endInput();

    runToEnd(lineMode(false));

    assertThat(client.calls).contains("send #lobby ok");
  }

  @Test
  void run_messageWhileTypingOnDumbTerminal_goesBelowTheTypedText() throws IOException {
    harness.close();
    harness = TerminalHarness.cookedDumb(); // as with TERM=dumb: the terminal echoes the typing
    logIn();
    LineMode mode = start(lineMode(false), "#lobby> ");
    long now = Instant.parse("2026-03-13T12:00:00Z").toEpochMilli();
    harness.echo("see you at no");

    mode.events().onMessage(timed(1, "hi", now, now));

    await().atMost(TIMEOUT).until(() -> harness.output().contains("<bob> hi"));
    assertThat(harness.screen())
        .endsWith(
            "#lobby> see you at no", "--- Friday 13 March 2026 ---", "12:00:00 <bob> hi", "#lobby>")
        .doesNotContain("12:00:00 <bob> hiyou at no");
    harness.type("see you at noon\n");
    await().atMost(TIMEOUT).until(() -> client.calls.contains("send #lobby see you at noon"));
    harness.type("/quit\n");
  }

  @Test
  void run_textOnDumbTerminalThatEchoesTheTyping_typedLineShownOnce() throws IOException {
    harness.close();
    harness = TerminalHarness.cookedDumb();
    logIn();
    start(lineMode(new LineModeOptions(false).withTypingEchoed(true)), "#lobby> ");

    harness.echo("hello there\n").type("hello there\n");

    await().atMost(TIMEOUT).until(() -> harness.output().contains("<alice> hello there"));
    assertThat(harness.screen())
        .containsOnlyOnce("#lobby> hello there")
        .doesNotContain("hello there");
    harness.type("/quit\n");
  }

  @Test
  void run_capableTerminal_keysTypedWhileACommandRunsAreNotEchoed_attributesRestoredAtTheEnd()
      throws IOException {
    useTerminal("xterm-256color");
    Attributes before = new Attributes(harness.terminal.getAttributes());
    List<Boolean> echoWhileRunning = new CopyOnWriteArrayList<>();
    LineMode mode =
        new LineMode(
            client,
            (line, context) -> {
              echoWhileRunning.add(harness.terminal.getAttributes().getLocalFlag(LocalFlag.ECHO));
              context.info("ran " + line);
            },
            (line, cursor) -> List.of(),
            new MessageFormatter(ZoneOffset.UTC),
            harness.terminal,
            new LineModeOptions(false));
    harness.type("/slow\n").endInput();

    runToEnd(mode);

    assertThat(echoWhileRunning).containsExactly(false);
    assertThat(harness.output()).contains("ran /slow");
    assertThat(harness.terminal.getAttributes().toString()).isEqualTo(before.toString());
  }

  @Test
  void run_aMessageNamingThisUser_standsOutInColour() throws IOException {
    useTerminal("xterm-256color");
    logIn();
    LineMode mode = start(lineMode(true), "#lobby> ");
    long now = Instant.parse("2026-03-13T12:00:00Z").toEpochMilli();

    mode.events().onMessage(timed(1, "lunch, Alice?", now, now));
    mode.events().onMessage(timed(2, "malice aforethought", now, now));

    await().atMost(TIMEOUT).until(() -> harness.output().contains("malice aforethought"));
    assertThat(harness.output())
        .as("bold yellow")
        .contains("\u001b[33;1m12:00:00 <bob> lunch, Alice?")
        .contains("\u001b[K12:00:00 <bob> malice aforethought");
  }

  /**
   * NO_COLOR on a real terminal: no colour at all, but a message naming this user is bold, and so
   * is a private one, which colour shows in magenta.
   */
  @Test
  void run_withoutColour_aMessageNamingThisUser_isStillBold() throws IOException {
    useTerminal("xterm-256color");
    logIn();
    LineMode mode = start(lineMode(false), "#lobby> ");
    long now = Instant.parse("2026-03-13T12:00:00Z").toEpochMilli();

    mode.events().onMessage(timed(1, "lunch, Alice?", now, now));
    mode.events()
        .onMessage(
            new ChatMessage(
                "@alice+bob", 1, "%032x".formatted(9), "bob", now, now, "psst, in private", false));
    mode.events().onMessage(timed(2, "malice aforethought", now, now));

    await().atMost(TIMEOUT).until(() -> harness.output().contains("malice aforethought"));
    assertThat(harness.output())
        .contains("\u001b[1m12:00:00 <bob> lunch, Alice?")
        .containsPattern("\u001b\\[1m@bob 12:00:00 <bob> psst, in private")
        .contains("\u001b[K12:00:00 <bob> malice aforethought")
        .doesNotContainPattern("\u001b\\[[0-9;]*3[0-7]m");
  }

  @Test
  void run_colourOption_colorsOnFullTerminalOnly() throws IOException {
    useTerminal("xterm-256color");
    logIn();
    harness.type("/nope\n").endInput();

    runToEnd(lineMode(true));

    assertThat(harness.output()).contains("\u001b[").contains("error: unknown command /nope");
  }

  @Test
  void run_colourOnDumbTerminal_staysPlain() {
    logIn();
    harness.type("/nope\n").endInput();

    runToEnd(lineMode(true));

    assertThat(harness.output()).doesNotContain("\u001b").contains("error: unknown command");
  }

  @Test
  void run_endOfInputAtPasswordPrompt_showsErrorAndEnds() {
    harness.type("/login alice\n");
    start(lineMode(false), "password for alice (input hidden): ");

    harness.endInput();

    await().atMost(TIMEOUT).until(() -> !repl.isAlive());
    assertThat(harness.output()).contains("error: no password given");
    assertThat(client.calls).isEmpty();
  }

  @Test
  void run_quit_endsLoopAndIgnoresLaterInput() {
    logIn();
    harness.type("/quit\nafter quit\n");

    runToEnd(lineMode(false));

    assertThat(client.calls).doesNotContain("send #lobby after quit");
  }

  @Test
  void run_endOfInput_endsLoop() {
    harness.endInput();

    runToEnd(lineMode(false));

    assertThat(harness.output()).contains("type /help for commands");
  }

  @Test
  void run_ctrlC_clearsNonEmptyLineAndQuitsOnEmptyLine() throws IOException {
    useTerminal("xterm-256color");
    logIn();
    start(lineMode(false), "#lobby> ");

    harness.type("draft");
    await().atMost(TIMEOUT).until(() -> harness.output().contains("draft"));
    harness.type("\u0003");
    await().atMost(TIMEOUT).until(() -> countPrompts(harness.output()) >= 2);
    assertThat(repl.isAlive()).isTrue();
    harness.type("\u0003");

    await().atMost(TIMEOUT).until(() -> !repl.isAlive());
    assertThat(client.calls).noneMatch(c -> c.startsWith("send"));
  }

  @Test
  void run_fileOfferAndProgress_printedAsLinesInTenPercentSteps() {
    logIn();
    start(lineMode(false), "#lobby> ");

    FileOffer offer = client.fireFileOffer("#lobby", "bob\u001b[31m", "re\u202Eport.pdf", 2048);
    for (int done = 0; done <= 100; done += 5) {
      client.fireTransfer(
          new FileTransfer(
              offer.fileId(),
              false,
              "#lobby",
              "bob",
              "report.pdf",
              2048,
              TransferState.DOWNLOADING,
              done,
              100,
              "",
              "",
              done));
    }

    await().atMost(TIMEOUT).until(() -> harness.output().contains("downloading report.pdf: 100%"));
    String output = harness.output();
    assertThat(output)
        .contains("-!- bob offers report.pdf (2.0 KiB): /file accept " + offer.shortId())
        .doesNotContain("\u001b")
        .doesNotContain("\u202E");
    assertThat(output.split("downloading report.pdf", -1)).hasSize(12);
    harness.type("/quit\n");
  }

  @Test
  void runLong_failure_isPrintedAsAnErrorWhileThePromptStaysUsable() {
    logIn();
    LineMode mode = start(lineMode(false), "#lobby> ");

    mode.runLong(
        "sending big.iso",
        () -> {
          throw new chat.cli.CommandException.Network("the relay went away", null);
        });

    await()
        .atMost(TIMEOUT)
        .until(() -> harness.output().contains("error: sending big.iso: the relay went away"));
    harness.type("/quit\n");
  }

  @Test
  void quit_whileTransfersRunOrWait_saysWhichAreCutOff_andRunsNoneMore() throws Exception {
    logIn();
    LineMode mode = start(lineMode(false), "#lobby> ");
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch clientClosed = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean queuedRan =
        new java.util.concurrent.atomic.AtomicBoolean();
    mode.runLong(
        "sending big.iso",
        () -> {
          started.countDown();
          try {
            clientClosed.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          throw new chat.cli.CommandException.Network("the client is closed", null);
        });
    mode.runLong("downloading 3f2a91c0", () -> queuedRan.set(true));
    assertThat(started.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    harness.type("/quit\n");
    repl.join(TIMEOUT.toMillis());
    assertThat(repl.isAlive()).isFalse();
    clientClosed.countDown(); // as Interactive closes the client after the line mode

    assertThat(harness.output())
        .contains(
            "cut off: sending big.iso (not finished when you left)",
            "cut off: downloading 3f2a91c0 (not finished when you left)");
    await()
        .during(Duration.ofMillis(500))
        .atMost(TIMEOUT)
        .until(() -> !harness.output().contains("error:") && !queuedRan.get());
  }

  @Test
  void error_afterRunReturnedAndTheTerminalClosed_printsNothingAndDoesNotThrow()
      throws IOException {
    LineMode mode = lineMode(false);
    harness.endInput();
    runToEnd(mode);
    harness.terminal.close();

    assertThatCode(() -> mode.error("sending big.iso: the relay went away"))
        .doesNotThrowAnyException();
  }

  private static int countPrompts(String output) {
    return output.split("#lobby> ", -1).length - 1;
  }
}
