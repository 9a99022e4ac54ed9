package chat.e2e;

import static chat.e2e.Clients.PASSPHRASE;
import static chat.e2e.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import chat.cli.CommandException;
import chat.cli.ExitCode;
import chat.cli.client.ConnectionState;
import chat.cli.client.SessionView;
import chat.cli.client.internal.RelayChatClient;
import chat.cli.command.CommandRegistry;
import chat.cli.command.SlashCompleter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two devices of one user against a real relay: each sees both sessions, one ends the other's, and
 * the other is disconnected, told why, and needs the password for its next command.
 */
class SessionsEndToEndTest {
  private static final int SIZE = 3 * 1024 * 1024;

  @RegisterExtension final RelayExtension relay = new RelayExtension();
  @TempDir Path laptopHome;
  @TempDir Path phoneHome;

  @Test
  void liveClients_listShowsBoth_endTheOther_itIsDisconnectedAndMustLogInAgain() {
    RecordingListener phoneEvents = new RecordingListener();
    try (RelayChatClient laptop = Clients.live(relay.port(), laptopHome);
        RelayChatClient phone = Clients.live(relay.port(), phoneHome)) {
      phone.addListener(phoneEvents);
      laptop.register("alice", PASSWORD.clone(), PASSPHRASE.clone());
      phone.login("alice", PASSWORD.clone(), PASSPHRASE.clone());

      List<SessionView> fromLaptop = laptop.sessions();
      List<SessionView> fromPhone = phone.sessions();

      assertThat(fromLaptop).hasSize(2);
      assertThat(fromLaptop).extracting(SessionView::address).containsOnly("127.0.0.1");
      SessionView laptopSession =
          fromLaptop.stream().filter(SessionView::current).findFirst().get();
      SessionView phoneSession = fromPhone.stream().filter(SessionView::current).findFirst().get();
      assertThat(fromLaptop).filteredOn(SessionView::current).containsExactly(laptopSession);
      assertThat(phoneSession.id()).isNotEqualTo(laptopSession.id()).matches("[0-9a-f]{12}");
      assertThat(fromLaptop).extracting(SessionView::id).contains(phoneSession.id());
      assertThatThrownBy(() -> laptop.endSession(laptopSession.id()))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessageContaining("that is this session: log out to end it");

      laptop.endSession(phoneSession.id());

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> phone.connectionState() == ConnectionState.OFFLINE);
      assertThat(phoneEvents.connectionDetails)
          .contains(
              "OFFLINE the session for alice was ended from another device (logged out there,"
                  + " ended from a sessions list, or the account password was changed)")
          .noneMatch(detail -> detail.startsWith("RECONNECTING"));
      assertThatThrownBy(phone::rooms).isInstanceOf(CommandException.class);
      assertThat(phone.hasStoredSession("alice")).isFalse();
      assertThat(laptop.sessions()).extracting(SessionView::id).containsExactly(laptopSession.id());
      assertThatThrownBy(() -> laptop.endSession(phoneSession.id()))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessageContaining("no session of this account has that id");

      phone.login("alice", PASSWORD.clone(), PASSPHRASE.clone());
      assertThat(laptop.sessions()).hasSize(2);
    }
  }

  @Test
  void completer_sessionsEnd_offersTheOtherDevicesIdNeverOwn() {
    try (RelayChatClient laptop = Clients.live(relay.port(), laptopHome);
        RelayChatClient phone = Clients.live(relay.port(), phoneHome)) {
      laptop.register("alice", PASSWORD.clone(), PASSPHRASE.clone());
      phone.login("alice", PASSWORD.clone(), PASSPHRASE.clone());
      String laptopId =
          laptop.sessions().stream().filter(SessionView::current).findFirst().get().id();
      String phoneId =
          phone.sessions().stream().filter(SessionView::current).findFirst().get().id();
      SlashCompleter completer = new SlashCompleter(laptop, CommandRegistry.standard(), List.of());

      // The relay's answer may come after the first Tab's short wait: Tab again offers it.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> !completer.complete("/sessions end ", 14).isEmpty());

      assertThat(completer.complete("/sessions end ", 14)).containsExactly(phoneId);
      assertThat(completer.complete("/sessions end " + laptopId.substring(0, 3), 17))
          .doesNotContain(laptopId);
    }
  }

  @Test
  void scripting_sessionsJsonAndEnd_theOtherMachinesNextCommandNeedsThePassword() throws Exception {
    ScriptRunner laptop = relay.scripts(laptopHome);
    ScriptRunner phone = relay.scripts(phoneHome);
    assertThat(laptop.run("register", "--user", "alice").exitCode()).isZero();
    assertThat(phone.run("login", "--user", "alice").exitCode()).isZero();

    ScriptRunner.Result listed = laptop.run("sessions", "--user", "alice", "--json");

    assertThat(listed.exitCode()).as(listed.err()).isZero();
    List<JsonNode> sessions = new ArrayList<>();
    for (String line : listed.out().strip().split("\n")) {
      sessions.add(new ObjectMapper().readTree(line));
    }
    assertThat(sessions).hasSize(2);
    assertThat(sessions).allMatch(s -> s.get("type").asText().equals("session"));
    assertThat(sessions).filteredOn(s -> s.get("current").asBoolean()).hasSize(1);
    String phoneId =
        sessions.stream()
            .filter(s -> !s.get("current").asBoolean())
            .findFirst()
            .orElseThrow()
            .get("id")
            .asText();
    ScriptRunner.Result table = laptop.run("sessions", "--user", "alice");
    assertThat(table.out().lines().findFirst().orElseThrow())
        .isEqualTo("ID            LAST USED         CREATED           ADDRESS");
    assertThat(table.out()).contains(phoneId).contains("(this device)");

    ScriptRunner.Result ended = laptop.run("sessions", "end", phoneId, "--user", "alice");

    assertThat(ended.exitCode()).as(ended.err()).isZero();
    assertThat(ended.out())
        .startsWith("ended session " + phoneId + ": that device is logged out")
        .contains("if it may have leaked it: chat passwd)")
        .doesNotContain("/passwd");
    // without a password the phone's next command cannot log in: its session is gone
    ScriptRunner.Result there =
        relay.scripts(phoneHome).env("CHAT_PASSWORD", "").run("rooms", "--user", "alice");
    assertThat(there.exitCode()).as(there.err()).isEqualTo(2);
    assertThat(there.out()).isEmpty();
    ScriptRunner.Result again = phone.run("rooms", "--user", "alice");
    assertThat(again.exitCode()).as(again.err()).isZero();
    ScriptRunner.Result unknown = laptop.run("sessions", "end", "nothex", "--user", "alice");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("'nothex' is not a session id");
  }

  /**
   * A script that has the password logs in again when its saved session was ended from another
   * device, and says on stderr why, so that whoever ended it can tell how it came back.
   */
  @Test
  void scripting_sessionEnded_passwordGiven_logsInAgainSayingWhy() {
    ScriptRunner laptop = relay.scripts(laptopHome);
    ScriptRunner phone = relay.scripts(phoneHome);
    laptop.ok("register", "--user", "alice");
    phone.ok("login", "--user", "alice");
    String phoneId =
        laptop
            .ok("sessions", "--user", "alice")
            .out()
            .lines()
            .filter(line -> !line.contains("(this device)") && !line.startsWith("ID "))
            .findFirst()
            .orElseThrow()
            .split(" ")[0];
    laptop.ok("sessions", "end", phoneId, "--user", "alice");

    ScriptRunner.Result again = phone.run("rooms", "--user", "alice");

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.err())
        .isEqualTo(
            "chat: the session for alice was ended (logged out or ended from a sessions list on"
                + " another device, or the password was changed) or has expired; logged in again"
                + " with the password from CHAT_PASSWORD\n");
    ScriptRunner.Result quiet = phone.run("rooms", "--user", "alice");
    assertThat(quiet.err()).isEmpty(); // the new session is saved and resumed
  }

  /**
   * A machine whose clock is ahead of the relay's (here the saved session's end is already past by
   * its reckoning) still resumes the session: whether it expired is the relay's to say. It neither
   * logs in with the password again nor leaves a second session behind.
   */
  @Test
  void scripting_sessionPastItsEndByThisMachinesClock_isResumed() throws Exception {
    ScriptRunner laptop = relay.scripts(laptopHome);
    laptop.ok("register", "--user", "alice");
    Path state;
    try (Stream<Path> files = Files.walk(laptopHome)) {
      state =
          files
              .filter(file -> file.getFileName().toString().equals("state.json"))
              .findFirst()
              .orElseThrow();
    }
    String saved = Files.readString(state);
    String ended = saved.replaceAll("\"expiresAtMillis\":[0-9]+", "\"expiresAtMillis\":1000");
    assertThat(ended).isNotEqualTo(saved);
    Files.writeString(state, ended);

    ScriptRunner.Result rooms = laptop.run("rooms", "--user", "alice");

    assertThat(rooms.exitCode()).as(rooms.err()).isZero();
    assertThat(rooms.err()).isEmpty();
    assertThat(
            laptop
                .ok("sessions", "--user", "alice")
                .out()
                .lines()
                .filter(l -> !l.startsWith("ID ")))
        .hasSize(1);
  }

  /**
   * A live client whose connection is cut while another device leaves a room: its reconnect drops
   * the room from its list and says so once, and keeps the rooms still listed.
   */
  @Test
  void liveClient_roomLeftElsewhereWhileDisconnected_reconnectDropsItAndSaysSo() throws Exception {
    RecordingListener heard = new RecordingListener();
    try (CuttingProxy proxy = new CuttingProxy(relay.port());
        RelayChatClient laptop = Clients.live(proxy.port(), laptopHome);
        RelayChatClient phone = Clients.oneShot(relay.port(), phoneHome)) {
      laptop.addListener(heard);
      loggedInOnBoth(laptop, phone);
      laptop.join("#ops");
      proxy.refuseNewConnections(true);
      proxy.cutNow();
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> laptop.connectionState() == ConnectionState.RECONNECTING);

      phone.leave("#team");
      proxy.refuseNewConnections(false);

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> heard.events.contains("no longer in #team"));
      assertThat(laptop.connectionState()).isEqualTo(ConnectionState.ONLINE);
      assertThat(laptop.conversations()).contains("#lobby", "#ops").doesNotContain("#team");
      assertThat(heard.events).filteredOn(e -> e.startsWith("no longer in")).hasSize(1);
    }
  }

  /** Bob's one-shot client on the laptop, logged in and in #team; the phone logged in too. */
  private static void loggedInOnBoth(RelayChatClient laptop, RelayChatClient phone) {
    laptop.register("bob", PASSWORD.clone(), PASSPHRASE.clone());
    laptop.join("#team");
    phone.login("bob", PASSWORD.clone(), PASSPHRASE.clone());
  }

  /** Ends, from {@code phone}, every session of its account but its own. */
  private static void endTheOthers(RelayChatClient phone) {
    phone.sessions().stream()
        .filter(session -> !session.current())
        .forEach(session -> phone.endSession(session.id()));
  }

  /**
   * Starts {@code laptop}'s upload of {@code report} to #team through {@code proxy}, cuts it a
   * third of the way with the relay seeming down (new connections refused), ends laptop's session
   * from {@code phone}, lets connections through again, and returns the upload.
   */
  private static CompletableFuture<Object> uploadCutWhileEndedElsewhere(
      CuttingProxy proxy, RelayChatClient laptop, RelayChatClient phone, Path report) {
    int cuts = proxy.cuts();
    proxy.refuseNewConnections(true);
    proxy.cutAfter(CuttingProxy.Direction.UP, SIZE / 3);
    CompletableFuture<Object> sending =
        CompletableFuture.supplyAsync(() -> laptop.sendFile("#team", report), OwnThread.EACH);
    await().atMost(Duration.ofSeconds(30)).until(() -> proxy.cuts() > cuts);
    endTheOthers(phone);
    proxy.refuseNewConnections(false);
    return sending;
  }

  private static Path randomFile(Path dir, int size) throws Exception {
    byte[] data = new byte[size];
    new java.security.SecureRandom().nextBytes(data);
    return java.nio.file.Files.write(dir.resolve("report.bin"), data);
  }

  /**
   * A one-shot file transfer (chat file send) whose connection dropped mid-upload, and whose
   * session another device ended before it reached the relay again: the resume on its new
   * connection is refused, and the user hears that the session ended (exit 2), not that a password
   * they never typed was wrong.
   */
  @Test
  void oneShotTransfer_sessionEndedWhileDisconnected_saysTheSessionEnded_notAWrongPassword(
      @TempDir Path files) throws Exception {
    Path report = randomFile(files, SIZE);
    try (CuttingProxy proxy = new CuttingProxy(relay.port());
        RelayChatClient laptop = Clients.oneShot(proxy.port(), laptopHome);
        RelayChatClient phone = Clients.oneShot(relay.port(), phoneHome)) {
      loggedInOnBoth(laptop, phone);
      CompletableFuture<Object> sending =
          uploadCutWhileEndedElsewhere(proxy, laptop, phone, report);

      assertThatThrownBy(() -> sending.get(60, TimeUnit.SECONDS))
          .cause()
          .isInstanceOf(CommandException.SessionEnded.class)
          .hasMessage(
              "the session for bob was ended (logged out or ended from a sessions list on another"
                  + " device, or the password was changed) or has expired")
          .satisfies(e -> assertThat(((CommandException) e).exitCode()).isEqualTo(ExitCode.AUTH));
      assertThat(laptop.hasStoredSession("bob")).isFalse();
    }
  }

  /**
   * As above, but the session is ended while the transfer's connection is up: the relay closes it
   * saying so, and the client says that, without sending the token again (it would only be
   * refused).
   */
  @Test
  void oneShotTransfer_sessionEndedWhileConnected_saysItWasEndedElsewhere(@TempDir Path files)
      throws Exception {
    Path report = randomFile(files, SIZE);
    try (CuttingProxy proxy = new CuttingProxy(relay.port());
        RelayChatClient laptop = Clients.oneShot(proxy.port(), laptopHome);
        RelayChatClient phone = Clients.oneShot(relay.port(), phoneHome)) {
      loggedInOnBoth(laptop, phone);
      proxy.stallAfter(CuttingProxy.Direction.UP, SIZE / 3);
      CompletableFuture<Object> sending =
          CompletableFuture.supplyAsync(() -> laptop.sendFile("#team", report), OwnThread.EACH);
      await().atMost(Duration.ofSeconds(30)).until(proxy::stalled);
      int accepted = proxy.accepted();
      endTheOthers(phone);

      assertThatThrownBy(() -> sending.get(60, TimeUnit.SECONDS))
          .cause()
          .isInstanceOf(CommandException.SessionEnded.class)
          .hasMessageStartingWith("the session for bob was ended from another device");
      assertThat(proxy.accepted()).as("no new connection to resume on").isEqualTo(accepted);
      assertThat(laptop.hasStoredSession("bob")).isFalse();
    }
  }

  /**
   * A one-shot chat file send whose session another device ends while the upload is being written:
   * the relay says so and resets the connection, and the upload's write fails, often before the
   * client has read what the relay said. The client still reads it, says the session was ended from
   * another device (exit 2), and sends no resume (the token would only be refused, and counted
   * against the address).
   */
  @Test
  void oneShotFileSend_sessionEndedWhileWriting_saysEndedElsewhere_noResume(@TempDir Path files)
      throws Exception {
    Path report = randomFile(files, SIZE);
    try (CuttingProxy proxy = new CuttingProxy(relay.port());
        RelayChatClient phone = Clients.oneShot(relay.port(), phoneHome)) {
      ScriptRunner laptop = new ScriptRunner(proxy.port(), laptopHome);
      laptop.ok("register", "--user", "bob");
      laptop.ok("join", "team", "--user", "bob");
      phone.login("bob", PASSWORD.clone(), PASSPHRASE.clone());
      proxy.letTheRelaySpeakLast();
      long before = proxy.bytes(CuttingProxy.Direction.UP);
      CompletableFuture<ScriptRunner.Result> sending =
          CompletableFuture.supplyAsync(
              () -> laptop.run("file", "send", "--user", "bob", report.toString(), "--to", "team"),
              OwnThread.EACH);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> proxy.bytes(CuttingProxy.Direction.UP) - before > SIZE / 3);
      int accepted = proxy.accepted();
      endTheOthers(phone);

      ScriptRunner.Result sent = sending.get(60, TimeUnit.SECONDS);

      assertThat(sent.exitCode()).as(sent.err()).isEqualTo(ExitCode.AUTH.code());
      assertThat(sent.err())
          .contains(
              "chat: the session for bob was ended from another device (logged out there, ended"
                  + " from a sessions list, or the account password was changed); log in again:"
                  + " chat login --user bob")
          .doesNotContain("has expired");
      assertThat(proxy.accepted()).as("no new connection to resume on").isEqualTo(accepted);
    }
  }

  /**
   * A live client's transfer (a TUI or line-mode /file send) whose connection dropped, and whose
   * session another device ended meanwhile: the reconnect's resume is refused, and the transfer
   * stops then with the session-ended message instead of waiting out its two minutes.
   */
  @Test
  void liveTransfer_sessionEndedWhileDisconnected_stopsAtOnceSayingTheSessionEnded(
      @TempDir Path files) throws Exception {
    Path report = randomFile(files, SIZE);
    try (CuttingProxy proxy = new CuttingProxy(relay.port());
        RelayChatClient laptop = Clients.live(proxy.port(), laptopHome);
        RelayChatClient phone = Clients.oneShot(relay.port(), phoneHome)) {
      loggedInOnBoth(laptop, phone);
      CompletableFuture<Object> sending =
          uploadCutWhileEndedElsewhere(proxy, laptop, phone, report);

      assertThatThrownBy(() -> sending.get(30, TimeUnit.SECONDS))
          .cause()
          .isInstanceOf(CommandException.SessionEnded.class)
          .hasMessageStartingWith("the session for bob was ended");
      assertThat(laptop.connectionState()).isEqualTo(ConnectionState.OFFLINE);
    }
  }

  /**
   * A one-shot chat send whose request is in flight when another device ends the session: the relay
   * closes the connection saying so, and the send fails as an ended session (exit 2), not as a lost
   * connection (exit 3).
   */
  @Test
  void oneShotSend_sessionEndedWhileInFlight_saysItWasEndedElsewhere() throws Exception {
    try (CuttingProxy proxy = new CuttingProxy(relay.port());
        RelayChatClient laptop = Clients.oneShot(proxy.port(), laptopHome);
        RelayChatClient phone = Clients.oneShot(relay.port(), phoneHome)) {
      loggedInOnBoth(laptop, phone);
      laptop.send("#team", "first"); // the members are known from here on
      // One more request goes through; nothing goes up after it, so the second send's request is
      // in flight (never answered) when the relay closes the connection.
      proxy.stallAfter(CuttingProxy.Direction.UP, 1);
      laptop.sessions();
      await().atMost(Duration.ofSeconds(30)).until(proxy::stalled);
      CompletableFuture<Object> sending =
          CompletableFuture.supplyAsync(() -> laptop.send("#team", "second"), OwnThread.EACH);
      await()
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(5))
          .until(() -> !sending.isDone());
      endTheOthers(phone);

      assertThatThrownBy(() -> sending.get(60, TimeUnit.SECONDS))
          .cause()
          .isInstanceOf(CommandException.SessionEnded.class)
          .hasMessageStartingWith("the session for bob was ended from another device")
          .satisfies(e -> assertThat(((CommandException) e).exitCode()).isEqualTo(ExitCode.AUTH));
    }
  }
}
