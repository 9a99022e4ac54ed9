package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.cli.client.Advice;
import chat.cli.client.ChatClient;
import chat.cli.client.ConnectionState;
import chat.cli.client.Deletion;
import chat.cli.client.DeliveryNotice;
import chat.cli.client.FakeChatClient;
import chat.cli.client.FriendUpdate;
import chat.cli.client.GroupUpdate;
import chat.cli.client.HeldMessages;
import chat.cli.client.LeftOutFromOthers;
import chat.cli.client.LeftOutMessages;
import chat.cli.client.PushedNotice;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ListenCommandTest {
  private final FakeChatClient fake = new FakeChatClient();

  /** {@link #fake}, whose close waits for {@code closable}: the test speaks while listen stops. */
  private ChatClient closingWhen(CountDownLatch closable) {
    return (ChatClient)
        Proxy.newProxyInstance(
            ChatClient.class.getClassLoader(),
            new Class<?>[] {ChatClient.class},
            (proxy, method, args) -> {
              if (method.getName().equals("close")) {
                closable.await(10, TimeUnit.SECONDS);
              }
              try {
                return method.invoke(fake, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Test
  void listenCount_printsNothingAfterTheLastCountedMessage_andStopsTheClientThere()
      throws Exception {
    fake.storedSessions.add("bob");
    CountDownLatch closable = new CountDownLatch(1);
    CompletableFuture<Cli.Result> listening =
        CompletableFuture.supplyAsync(
            () ->
                Cli.withPassphrase()
                    .client(closingWhen(closable))
                    .run("listen", "--user", "bob", "--json", "--count", "1"),
            OwnThread.EACH);
    await().atMost(Duration.ofSeconds(10)).until(() -> fake.calls.contains("resume bob"));
    await("the friends list asked once, so friends online already are known")
        .atMost(Duration.ofSeconds(10))
        .until(() -> fake.calls.contains("friends"));

    fake.deliver("#ops", "alice", "the one counted");
    assertThat(fake.calls).contains("stopMessages false"); // by the listener, as it printed it
    fake.fireNotice("@alice+bob", "could not catch up: not connected to the relay");
    fake.fireGroupUpdate(new GroupUpdate("#team", "alice", GroupUpdate.Kind.INVITED, "bob", ""));
    fake.firePresence("alice", false);
    closable.countDown();
    Cli.Result result = listening.get(10, TimeUnit.SECONDS);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines.get(lines.size() - 1)).contains("\"text\":\"the one counted\"");
    assertThat(result.out()).doesNotContain("notice", "INVITED", "presence");
  }

  @Test
  void listenText_invitationAndFriendRequest_adviseTheScriptingCommands_notSlashCommands()
      throws Exception {
    Cli.Result result =
        afterEvents(
            false,
            () -> {
              aliceAsksBobAndInvitesHim();
              fake.fireGroupUpdate(
                  new GroupUpdate("#team", "alice", GroupUpdate.Kind.INVITED, "carol", ""));
            });

    assertThat(result.out().lines())
        .startsWith(
            "alice wants to be your friend: chat friend accept alice or chat friend decline alice",
            "alice invited you to #team: chat join team to enter or chat group decline team to"
                + " decline")
        .noneMatch(line -> line.contains("carol"));
  }

  /** The JSON lines carry no advice: a script builds its own command from the fields. */
  @Test
  void listenJson_invitationAndFriendRequest_areFieldsOnly() throws Exception {
    Cli.Result result = afterEvents(true, this::aliceAsksBobAndInvitesHim);

    assertThat(result.out().lines())
        .contains(
            "{\"type\":\"friend\",\"user\":\"alice\",\"change\":\"REQUESTED\"}",
            "{\"type\":\"group\",\"conversation\":\"#team\",\"actor\":\"alice\","
                + "\"change\":\"INVITED\",\"user\":\"bob\",\"title\":\"\",\"reason\":\"\",\"until\":\"\"}")
        .noneMatch(line -> line.contains("join") || line.contains("accept"));
  }

  /** A deletion is a line in either form: who deleted whose messages, and which. */
  @Test
  void listen_deletion_isALineOfWhoDeletedWhose_withItsIdsInJson() throws Exception {
    String id = "ab".repeat(16);
    Deletion deletion = new Deletion("#ops", "alice", "mallory", List.of(id));
    Cli.Result json = afterEvents(true, () -> fake.fireDeleted(deletion));
    Cli.Result text = afterEvents(false, () -> fake.fireDeleted(deletion));

    assertThat(json.out().lines())
        .contains(
            "{\"type\":\"deleted\",\"conversation\":\"#ops\",\"actor\":\"alice\","
                + "\"sender\":\"mallory\",\"ids\":[\""
                + id
                + "\"]}");
    assertThat(text.out().lines()).contains("alice deleted mallory's message in #ops");
  }

  /** A conversation a reconnect found bob out of reads as a leave of his own. */
  @Test
  void listenJson_noLongerInAfterAReconnect_isAMembershipLineNamingYou() throws Exception {
    Cli.Result result = afterEvents(true, () -> fake.fireNoLongerIn("#team"));

    assertThat(result.out().lines())
        .contains(
            "{\"type\":\"membership\",\"conversation\":\"#team\",\"user\":\"bob\","
                + "\"change\":\"left\"}");
  }

  /**
   * In text, each conversation a reconnect found bob out of gets the TUI's line on stderr; a
   * private one is named there as in notices and messages, by the other party.
   */
  @Test
  void listenText_noLongerInAfterAReconnect_saysSoOnStderr() throws Exception {
    Cli.Result result =
        afterEvents(
            false,
            () -> {
              fake.fireNoLongerIn("#team");
              fake.fireNoLongerIn("@alice+bob");
              fake.fireNotice("@alice+bob", "could not catch up: not connected to the relay");
            });

    assertThat(result.err().lines())
        .contains(
            "chat: @alice: could not catch up: not connected to the relay",
            "chat: you are no longer in #team (left on another device, removed, or the group"
                + " disbanded while this device was offline)",
            "chat: you are no longer in @alice (closed on another device while this device was"
                + " offline)");
    assertThat(result.out().lines()).noneMatch(line -> line.contains("no longer"));
  }

  /**
   * In text, bob closing or opening his private conversation with alice on another device while
   * listen is connected gets the line mode's line on stderr, naming it @alice; so does his joining
   * or leaving a room there, after which its messages start or stop. The joins and leaves of others
   * still only come with --json.
   */
  @Test
  void listenText_ownJoinLeaveCloseOrOpenElsewhere_saysSoOnStderr_othersOnlyInJson()
      throws Exception {
    Cli.Result result =
        afterEvents(
            false,
            () -> {
              fake.fireMembership("@alice+bob", "bob", false);
              fake.fireMembership("@alice+bob", "Bob", true);
              fake.fireMembership("#team", "bob", false);
              fake.fireMembership("#ops", "BOB", true);
              fake.fireMembership("#ops", "carol", true);
              fake.fireMembership("#team", "dave", false);
            });

    assertThat(result.err().lines())
        .containsSubsequence(
            "chat: you closed @alice",
            "chat: you opened @alice",
            "chat: you left #team",
            "chat: you joined #ops")
        .noneMatch(line -> line.contains("alice+bob"))
        .noneMatch(line -> line.contains("carol") || line.contains("dave"));
    assertThat(result.out().lines())
        .noneMatch(line -> line.contains("closed") || line.contains("joined"));
  }

  @Test
  void
      listenText_declineToYourGroup_yourRemovalOrMute_andADisband_arePrinted_otherGroupEventsAreNot()
          throws Exception {
    CompletableFuture<Cli.Result> listening = listenAsBob("--count", "1");
    fake.join("#team");
    fake.join("#side");
    fake.join("#old");
    fake.fireMembership("#old", "bob", true); // listen sees what bob is in

    fake.fireGroupUpdate(
        new GroupUpdate("#team", "carol", GroupUpdate.Kind.UNINVITED, "carol", ""));
    fake.fireGroupUpdate(new GroupUpdate("#team", "alice", GroupUpdate.Kind.UNINVITED, "dave", ""));
    fake.fireGroupUpdate(new GroupUpdate("#team", "alice", GroupUpdate.Kind.KICKED, "frank", ""));
    fake.fireGroupUpdate(new GroupUpdate("#other", "erin", GroupUpdate.Kind.UNINVITED, "erin", ""));
    fake.fireGroupUpdate(new GroupUpdate("#team", "alice", GroupUpdate.Kind.RENAMED, "", "Crew"));
    fake.fireGroupUpdate(new GroupUpdate("#side", "alice", GroupUpdate.Kind.KICKED, "bob", ""));
    fake.fireGroupUpdate(new GroupUpdate("#old", "alice", GroupUpdate.Kind.DISBANDED, "", ""));
    fake.fireGroupUpdate(new GroupUpdate("#never", "mallory", GroupUpdate.Kind.DISBANDED, "", ""));
    fake.fireGroupUpdate(new GroupUpdate("#never", "mallory", GroupUpdate.Kind.KICKED, "bob", ""));
    fake.fireGroupUpdate(
        new GroupUpdate("#team", "alice", GroupUpdate.Kind.MUTED, "bob", "", "calm down", null));
    fake.fireGroupUpdate(new GroupUpdate("#team", "alice", GroupUpdate.Kind.MUTED, "dave", ""));
    fake.fireGroupUpdate(new GroupUpdate("#team", "alice", GroupUpdate.Kind.UNMUTED, "bob", ""));
    fake.fireGroupUpdate(GroupUpdate.muteEnded("#team", "bob"));
    fake.deliver("#ops", "alice", "done");
    Cli.Result result = listening.get(10, TimeUnit.SECONDS);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().lines())
        .startsWith(
            "carol declined the invitation to #team",
            "alice removed you from #side",
            "alice disbanded #old",
            "alice muted you in #team (\u201ccalm down\u201d): you read it but cannot post there",
            "alice unmuted you in #team: you may post again",
            "your mute in #team has ended: you may post again")
        .noneMatch(line -> line.contains("dave") || line.contains("frank"))
        .noneMatch(line -> line.contains("erin") || line.contains("Crew"))
        .noneMatch(line -> line.contains("#never"));
  }

  @Test
  void listenJson_messagesLeftOut_aNoticeLineThatSaysWhatItCounts() throws Exception {
    CompletableFuture<Cli.Result> listening = listenAsBob("--json", "--count", "1");

    fake.fireLeftOut(
        new LeftOutMessages("#ops", "", LeftOutMessages.Reason.DAMAGED, List.of(4L, 5L, 9L)));
    fake.fireLeftOut(LeftOutMessages.one("#ops", "carol", LeftOutMessages.Reason.NOT_VERIFIED, 11));
    fake.deliver("#ops", "alice", "done");
    Cli.Result result = listening.get(10, TimeUnit.SECONDS);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().lines().filter(line -> line.contains("\"notice\"")))
        .containsExactly(
            "{\"type\":\"notice\",\"conversation\":\"#ops\",\"text\":\"3 messages are damaged"
                + " (they are not valid envelopes); they are not shown\",\"sender\":null,"
                + "\"reason\":\"damaged\",\"count\":3,\"seqs\":[4,5,9]}",
            "{\"type\":\"notice\",\"conversation\":\"#ops\",\"text\":\"message #11 from carol"
                + " did not verify; it is not shown\",\"sender\":\"carol\","
                + "\"reason\":\"not_verified\",\"count\":1,\"seqs\":[11]}");
  }

  @Test
  void listenText_messagesLeftOut_saidOnceOnStderr_stdoutKeepsTheMessages() throws Exception {
    CompletableFuture<Cli.Result> listening = listenAsBob("--count", "1");

    fake.fireLeftOut(
        new LeftOutMessages("#ops", "", LeftOutMessages.Reason.DAMAGED, List.of(4L, 5L)));
    fake.deliver("#ops", "alice", "done");
    Cli.Result result = listening.get(10, TimeUnit.SECONDS);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.err().lines().filter(line -> line.contains("damaged")))
        .containsExactly(
            "chat: #ops: 2 messages are damaged (they are not valid envelopes); they are not"
                + " shown");
    assertThat(result.out()).doesNotContain("damaged").contains("done");
  }

  /**
   * What {@code chat listen --count 1} with {@code options} gave when a relay pushed {@code count}
   * forged messages in {@code #ops} (from seq 1), then a message in {@code messageIn}; its exit
   * code checked.
   */
  private Cli.Result listenedToForged(int count, String messageIn, String... options)
      throws Exception {
    List<String> args = new ArrayList<>(List.of(options));
    args.addAll(List.of("--count", "1"));
    CompletableFuture<Cli.Result> listening = listenAsBob(args.toArray(String[]::new));
    for (int seq = 1; seq <= count; seq++) {
      fake.fireLeftOutPushed(
          LeftOutMessages.one("#ops", "forged" + seq, LeftOutMessages.Reason.NO_KEY, seq));
    }
    fake.deliver(messageIn, "alice", "done");
    Cli.Result result = listening.get(10, TimeUnit.SECONDS);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    return result;
  }

  /** The lines of {@code text} that say messages are not shown. */
  private static Stream<String> notShown(String text) {
    return text.lines().filter(line -> line.contains("not shown"));
  }

  /** stderr said five messages of #ops left out, then counted {@code more} others on one line. */
  private static void assertFiveSaidThenCounted(Cli.Result result, int more) {
    assertThat(notShown(result.err()))
        .hasSize(6)
        .endsWith(
            "chat: #ops: "
                + more
                + " more messages were left out; they are not shown (see chat history ops)");
  }

  @Test
  void listenText_fortyMessagesLeftOutLive_fiveOnStderr_theOthersCountedBeforeTheNextMessage()
      throws Exception {
    Cli.Result result = listenedToForged(40, "#ops");

    assertFiveSaidThenCounted(result, 35);
    assertThat(result.out()).contains("done");
  }

  @Test
  void listenJson_fortyMessagesLeftOutLive_aJsonLineForEach_stderrCapped() throws Exception {
    Cli.Result result = listenedToForged(40, "#ops", "--json");

    assertThat(result.out().lines().filter(line -> line.contains("\"reason\":\"no_key\"")))
        .hasSize(40);
    assertThat(notShown(result.err())).hasSize(6);
  }

  @Test
  void listenText_messagesLeftOutLivePastTheCap_whenListenEnds_countedOnOneLine() throws Exception {
    Cli.Result result = listenedToForged(8, "#lobby");

    assertFiveSaidThenCounted(result, 3);
  }

  @Test
  void listenText_messagesLeftOutLivePastTheCap_countSaidOnceTheRelayPauses_beforeAnyMessage()
      throws Exception {
    fake.storedSessions.add("bob");
    Cli cli = Cli.withPassphrase().client(fake);
    CompletableFuture<Cli.Result> listening =
        CompletableFuture.supplyAsync(
            () -> cli.run("listen", "--user", "bob", "--count", "1"), OwnThread.EACH);
    await().atMost(Duration.ofSeconds(10)).until(() -> fake.calls.contains("resume bob"));
    for (int seq = 1; seq <= 8; seq++) {
      fake.fireLeftOutPushed(
          LeftOutMessages.one("#ops", "forged" + seq, LeftOutMessages.Reason.NO_KEY, seq));
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> cli.errSoFar().contains("3 more messages were left out"));
    fake.deliver("#ops", "alice", "done");
    Cli.Result result = listening.get(10, TimeUnit.SECONDS);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertFiveSaidThenCounted(result, 3);
  }

  @Test
  void listen_invalidKeysSecondOffersAndMembersDifferInFloods_stderrCapped_jsonALineForEach()
      throws Exception {
    CompletableFuture<Cli.Result> listening = listenAsBob("--json", "--count", "1");

    for (int i = 1; i <= 9; i++) {
      fake.firePushedNotice(
          PushedNotice.invalidKey("the relay announced an invalid key for user" + i + "; ignored"));
      fake.firePushedNotice(PushedNotice.secondOffer("#ops", "f" + i, "carol"));
      fake.fireMembersDiffer(new Advice.MembersDiffer("#ops", "carol"));
      fake.firePushedNotice(PushedNotice.ownKey());
    }
    fake.deliver("#ops", "alice", "done");
    Cli.Result result = listening.get(10, TimeUnit.SECONDS);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    for (String each :
        List.of(
            "an invalid key for user",
            "a second offer",
            "chat members ops",
            "a NEW KEY FOR YOUR")) {
      assertThat(result.out().lines().filter(line -> line.contains(each))).hasSize(9);
      assertThat(result.err().lines().filter(line -> line.contains(each))).hasSize(5);
    }
    assertThat(result.err())
        .contains(
            "chat: the relay announced 4 more invalid keys; ignored\n",
            "chat: ignored 4 more second offers of files\n",
            "chat: 4 more messages were encrypted to a different set of members than you see\n",
            "chat: the relay announced 4 more NEW KEYS FOR YOUR ACCOUNT\n");
  }

  @Test
  void listen_heldAndReplayedPushedInFloods_stderrCapped_jsonALineForEach() throws Exception {
    CompletableFuture<Cli.Result> listening = listenAsBob("--json", "--count", "1");

    for (long seq = 1; seq <= 9; seq++) {
      fake.fireHeldPushed(HeldMessages.one("#ops", "carol", seq));
      fake.fireDeliveryNotice(DeliveryNotice.replayed("#ops", seq));
    }
    fake.deliver("#ops", "alice", "done");
    Cli.Result result = listening.get(10, TimeUnit.SECONDS);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().lines().filter(line -> line.contains("it is held."))).hasSize(9);
    assertThat(result.out().lines().filter(line -> line.contains("dropped a replayed"))).hasSize(9);
    assertThat(result.err().lines().filter(line -> line.contains("it is held."))).hasSize(5);
    assertThat(result.err().lines().filter(line -> line.contains("dropped a replayed"))).hasSize(5);
    assertThat(result.err())
        .contains(
            "chat: #ops: 4 more messages are held (signed with a new key you have not accepted)"
                + " (see chat history ops)\n",
            "chat: #ops: dropped 4 more replayed copies of earlier messages\n");
  }

  @Test
  void listen_messagesLeftOutFromOthers_oneLineOnStderr_jsonStillALinePerSenderAndReason()
      throws Exception {
    CompletableFuture<Cli.Result> listening = listenAsBob("--json", "--count", "1");

    fake.fireLeftOutFromOthers(
        new LeftOutFromOthers(
            "#ops",
            List.of(
                LeftOutMessages.one("#ops", "forged6", LeftOutMessages.Reason.NO_KEY, 6),
                new LeftOutMessages(
                    "#ops", "forged7", LeftOutMessages.Reason.NO_KEY, List.of(7L, 8L)))));
    fake.deliver("#ops", "alice", "done");
    Cli.Result result = listening.get(10, TimeUnit.SECONDS);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(
            result.err().lines().filter(line -> line.contains("forged") || line.contains("more")))
        .containsExactly(
            "chat: #ops: and 3 more messages from 2 other senders were left out; they are not"
                + " shown");
    assertThat(result.out().lines().filter(line -> line.contains("\"notice\"")))
        .containsExactly(
            "{\"type\":\"notice\",\"conversation\":\"#ops\",\"text\":\"message #6 from forged6"
                + " cannot be checked: no usable key for that sender; not shown\","
                + "\"sender\":\"forged6\",\"reason\":\"no_key\",\"count\":1,\"seqs\":[6]}",
            "{\"type\":\"notice\",\"conversation\":\"#ops\",\"text\":\"2 messages from forged7"
                + " cannot be checked: no usable key for that sender; not shown\","
                + "\"sender\":\"forged7\",\"reason\":\"no_key\",\"count\":2,\"seqs\":[7,8]}");
  }

  @Test
  void listen_heldMessage_saysOnStderrAndInJsonHowAScriptReadsIt() throws Exception {
    String said =
        "message #2 from carol is signed with a new key you have not accepted; it is held. Compare"
            + " the safety number (chat keys safety carol), then chat keys trust carol to read it";
    CompletableFuture<Cli.Result> listening = listenAsBob("--json", "--count", "1");

    fake.fireHeld(HeldMessages.one("#ops", "carol", 2));
    fake.deliver("#ops", "alice", "done");
    Cli.Result result = listening.get(10, TimeUnit.SECONDS);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.err().lines().filter(line -> line.contains("held")))
        .containsExactly("chat: #ops: " + said);
    assertThat(result.out())
        .contains(
            "{\"type\":\"notice\",\"conversation\":\"#ops\",\"text\":\""
                + said
                + "\",\"sender\":\"carol\",\"count\":1,\"seqs\":[2]}");
  }

  @Test
  void listenText_advice_saidOnStderrWithTheCommandsAScriptRuns() throws Exception {
    CompletableFuture<Cli.Result> listening = listenAsBob("--count", "1");

    fake.fireAdvice(new Advice.KeyChanged("carol"));
    fake.fireAdvice(new Advice.MembersDiffer("#ops", "carol"));
    fake.deliver("#ops", "alice", "done");
    Cli.Result result = listening.get(10, TimeUnit.SECONDS);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.err().lines().filter(line -> line.contains("carol")))
        .containsExactly(
            "chat: carol's key changed. Sending to them is blocked until you compare the safety"
                + " number (chat keys safety carol) and accept it with chat keys trust carol",
            "chat: #ops: carol encrypted their last message to a different set of members than you"
                + " see in #ops: check chat members ops");
  }

  /**
   * A long outage in text mode: one line when the connection is lost, a reminder after the 8th
   * failed attempt, one line when it is back; not a line for every attempt.
   */
  @Test
  void listenText_outage_saysLostOnceRemindsOnceAndSaysBack() throws Exception {
    CompletableFuture<Cli.Result> listening = listenAsBob("--count", "1");

    fake.fireConnection(ConnectionState.RECONNECTING, "the relay is shutting down; reconnecting");
    for (int attempt = 1; attempt <= 9; attempt++) {
      fake.fireConnection(
          ConnectionState.RECONNECTING,
          "cannot reach the relay; retrying (attempt " + attempt + ")");
    }
    fake.fireConnection(ConnectionState.ONLINE, "");
    fake.deliver("#ops", "alice", "after the outage");
    Cli.Result result = listening.get(10, TimeUnit.SECONDS);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.err().lines())
        .containsExactly(
            "chat: listening as bob; stop with Ctrl-C",
            "chat: connection lost, reconnecting (the relay is shutting down)",
            "chat: still reconnecting: cannot reach the relay; retrying (attempt 8)",
            "chat: reconnected to relay.test:7443");
  }

  /**
   * A full or read-only profile: one line naming the file, exit 7, and the message being reported
   * refused (no cursor moves past it). The close failing on the same disk is not said again.
   */
  @Test
  void listen_profileCannotBeWritten_stopsWithOneLine_exit7() throws Exception {
    fake.failClose =
        new CommandException.FileAccess(
            "cannot write /p/bob/state.json: no space left on device", null);
    CompletableFuture<Cli.Result> listening = listenAsBob();

    fake.fireLocalWriteFailure("cannot write /p/bob/contacts.json: no space left on device");
    Cli.Result result = listening.get(10, TimeUnit.SECONDS);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.IO.code());
    assertThat(result.err())
        .isEqualTo(
            "chat: listening as bob; stop with Ctrl-C\n"
                + "chat: cannot write /p/bob/contacts.json: no space left on device: stopped;"
                + " nothing is lost: once the folder can be written, the next listen shows again"
                + " what could not be recorded\n");
    assertThat(fake.calls).contains("stopMessages true");
  }

  /**
   * The client stops reconnecting because the relay holds another key for bob: listen ends with
   * exit 4, as a resume at start does, not with 2 as for an expired session.
   */
  @Test
  void listen_keysReplacedElsewhere_exit4() throws Exception {
    CompletableFuture<Cli.Result> listening = listenAsBob();

    fake.fireStopped(
        new CommandException.Untrusted("the relay holds another key for bob"),
        "your keys were replaced elsewhere: stopped reconnecting");
    Cli.Result result = listening.get(10, TimeUnit.SECONDS);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.KEY_REJECTED.code());
    assertThat(result.err()).contains("chat: the relay holds another key for bob");
  }

  /** A stored session the relay no longer accepts still ends listen with exit 2. */
  @Test
  void listen_sessionNoLongerValid_exit2() throws Exception {
    CompletableFuture<Cli.Result> listening = listenAsBob();

    fake.fireConnection(
        ConnectionState.OFFLINE, "the stored session for bob is no longer valid: log in");
    Cli.Result result = listening.get(10, TimeUnit.SECONDS);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.AUTH.code());
  }

  /**
   * The relay ended bob's session while listen ran: exit 2, saying so with the command a script
   * runs to log in again, never as a wrong password.
   */
  @Test
  void listen_sessionEnded_exit2_saysToRunChatLogin() throws Exception {
    CompletableFuture<Cli.Result> listening = listenAsBob();

    CommandException.SessionEnded ended = CommandException.SessionEnded.refused("bob");
    fake.fireStopped(ended, ended.getMessage());
    Cli.Result result = listening.get(10, TimeUnit.SECONDS);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.AUTH.code());
    assertThat(result.err())
        .endsWith(
            "chat: the session for bob was ended (logged out or ended from a sessions list on"
                + " another device, or the password was changed) or has expired; log in again:"
                + " chat login --user bob\n")
        .doesNotContain("/login");
  }

  /** Bob's own friend change on another device: the wire's change, marked as his own. */
  @Test
  void json_ownFriendChangeOnAnotherDevice_isMarkedOwn_textSaysNothing() throws Exception {
    Cli.Result json =
        afterEvents(true, () -> fake.fireFriendUpdate("carol", FriendUpdate.OWN_REMOVED));
    Cli.Result text =
        afterEvents(false, () -> fake.fireFriendUpdate("carol", FriendUpdate.OWN_REMOVED));

    assertThat(json.out())
        .contains("{\"type\":\"friend\",\"user\":\"carol\",\"change\":\"REMOVED\",\"own\":true}\n");
    assertThat(text.out()).doesNotContain("carol");
  }

  /** Alice asks bob to be her friend and invites him to #team. */
  private void aliceAsksBobAndInvitesHim() {
    fake.fireFriendUpdate("alice", FriendUpdate.REQUESTED);
    fake.fireGroupUpdate(new GroupUpdate("#team", "alice", GroupUpdate.Kind.INVITED, "bob", ""));
  }

  /**
   * What bob's listen printed (with {@code --json} if {@code json}) as {@code events} happened,
   * ended by one message; it exited 0.
   */
  private Cli.Result afterEvents(boolean json, Runnable events) throws Exception {
    CompletableFuture<Cli.Result> listening =
        json ? listenAsBob("--json", "--count", "1") : listenAsBob("--count", "1");
    events.run();
    fake.deliver("#ops", "alice", "done");
    Cli.Result result = listening.get(10, TimeUnit.SECONDS);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    return result;
  }

  private CompletableFuture<Cli.Result> listenAsBob(String... options) {
    fake.storedSessions.add("bob");
    List<String> args = new ArrayList<>(List.of("listen", "--user", "bob"));
    args.addAll(List.of(options));
    CompletableFuture<Cli.Result> listening =
        CompletableFuture.supplyAsync(
            () -> Cli.withPassphrase().client(fake).run(args.toArray(String[]::new)),
            OwnThread.EACH);
    // logged in: the fake records the call before it takes the username
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> fake.calls.contains("resume bob") && fake.username().isPresent());
    return listening;
  }
}
