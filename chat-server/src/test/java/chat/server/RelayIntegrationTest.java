package chat.server;

import static chat.server.RelayFixture.connect;
import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static chat.server.RelayFixture.seal;
import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Bytes;
import chat.crypto.Envelope;
import chat.crypto.EnvelopeOpener;
import chat.crypto.EnvelopeSealer;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.crypto.RecipientEnvelope;
import chat.protocol.ConversationState;
import chat.protocol.DeleteMessagesRequest;
import chat.protocol.DeletedReply;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.FriendsReply;
import chat.protocol.HelloRequest;
import chat.protocol.HistoryReply;
import chat.protocol.HistoryRequest;
import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.LeaveReply;
import chat.protocol.LeaveRequest;
import chat.protocol.ListFriendsRequest;
import chat.protocol.LoginReply;
import chat.protocol.LoginRequest;
import chat.protocol.LogoutReply;
import chat.protocol.LogoutRequest;
import chat.protocol.MessageEvent;
import chat.protocol.PingRequest;
import chat.protocol.PongReply;
import chat.protocol.ProtocolVersions;
import chat.protocol.RegisterRequest;
import chat.protocol.Reply;
import chat.protocol.ResumeReply;
import chat.protocol.ResumeRequest;
import chat.protocol.Secret;
import chat.protocol.SendReply;
import chat.protocol.SendRequest;
import chat.protocol.StoredMessage;
import chat.protocol.SyncReply;
import chat.protocol.SyncRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayIntegrationTest {
  @TempDir static Path dataDir;
  static Relay relay;
  static IdentityKeyPair alice;
  static IdentityKeyPair bob;
  static IdentityKeyPair carol;

  @BeforeAll
  static void startRelay() throws Exception {
    relay = RelayFixture.start(dataDir);
    alice = RelayFixture.identity("alice");
    bob = RelayFixture.identity("bob");
    carol = RelayFixture.identity("carol");
    try (TestClient client = connect(relay, dataDir)) {
      register(client, alice);
      register(client, bob);
      register(client, carol);
    }
  }

  @AfterAll
  static void stopRelay() {
    relay.close();
  }

  private static TestClient as(IdentityKeyPair who) throws Exception {
    TestClient client = connect(relay, dataDir);
    login(client, who.userId());
    return client;
  }

  private static ErrorCode error(Reply reply) {
    assertThat(reply).isInstanceOf(ErrorReply.class);
    return ((ErrorReply) reply).code();
  }

  private static void join(TestClient client, String room) throws Exception {
    client.ok(new JoinRequest(client.nextId(), room), JoinReply.class);
  }

  private static SendReply send(TestClient client, String conversation, Envelope envelope)
      throws Exception {
    return client.ok(
        new SendRequest(client.nextId(), conversation, Bytes.of(envelope.encode())),
        SendReply.class);
  }

  private static ErrorCode sendFails(TestClient client, String conversation, byte[] envelope)
      throws Exception {
    return error(client.call(new SendRequest(client.nextId(), conversation, Bytes.of(envelope))));
  }

  private static String open(IdentityKeyPair me, IdentityKeyPair sender, Bytes form)
      throws Exception {
    RecipientEnvelope envelope = RecipientEnvelope.parse(form.toByteArray());
    assertThat(envelope.entry().recipient().userId()).isEqualTo(me.userId());
    return new String(
        new EnvelopeOpener(RelayFixture.RANDOM).open(me, sender.bundle(), envelope).plaintext(),
        StandardCharsets.UTF_8);
  }

  @Test
  void requests_beforeHelloOrLogin_areRefusedAndConnectionSurvives() throws Exception {
    try (TestClient client = new TestClient(relay.port(), dataDir.resolve("tls.crt"))) {
      assertThat(error(client.call(new PingRequest("p1")))).isEqualTo(ErrorCode.HELLO_REQUIRED);
      assertThat(error(client.call(new HelloRequest("h1", List.of(99), "x"))))
          .isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
      client.hello();
      assertThat(error(client.call(new JoinRequest("j1", "#x"))))
          .isEqualTo(ErrorCode.AUTH_REQUIRED);
      assertThat(client.call(new PingRequest("p2"))).isInstanceOf(PongReply.class);
    }
  }

  @Test
  void hello_again_isRefusedBeforeAndAfterLogin_andTheVersionStays() throws Exception {
    try (TestClient client = connect(relay, dataDir, 2)) {
      Reply before = client.call(new HelloRequest("h2", List.of(1), "x"));
      assertThat(error(before)).isEqualTo(ErrorCode.BAD_FRAME);
      assertThat(((ErrorReply) before).message()).contains("wire version 2");
      login(client, "alice");
      assertThat(error(client.call(new HelloRequest("h3", List.of(2, 1), "x"))))
          .isEqualTo(ErrorCode.BAD_FRAME);
      assertThat(client.call(new ListFriendsRequest("f1"))).isInstanceOf(FriendsReply.class);
      assertThat(client.call(new PingRequest("p1"))).isInstanceOf(PongReply.class);
    }
  }

  @Test
  void register_badInput_givesSpecificCodes() throws Exception {
    try (TestClient client = connect(relay, dataDir)) {
      Bytes bundle = Bytes.of(alice.bundle().encode());
      assertThat(
              error(
                  client.call(
                      new RegisterRequest("a", "alice", Secret.of(RelayFixture.PASSWORD), bundle))))
          .isEqualTo(ErrorCode.USERNAME_TAKEN);
      assertThat(
              error(
                  client.call(
                      new RegisterRequest("b", "1x", Secret.of(RelayFixture.PASSWORD), bundle))))
          .isEqualTo(ErrorCode.INVALID_USERNAME);
      assertThat(error(client.call(new RegisterRequest("c", "dave", Secret.of("short"), bundle))))
          .isEqualTo(ErrorCode.WEAK_PASSWORD);
      assertThat(
              error(
                  client.call(
                      new RegisterRequest("d", "dave", Secret.of(RelayFixture.PASSWORD), bundle))))
          .isEqualTo(ErrorCode.INVALID_BUNDLE);
      byte[] tampered = alice.bundle().encode();
      tampered[tampered.length - 1] ^= 1;
      assertThat(
              error(
                  client.call(
                      new RegisterRequest(
                          "e", "alice2", Secret.of(RelayFixture.PASSWORD), Bytes.of(tampered)))))
          .isEqualTo(ErrorCode.INVALID_BUNDLE);
    }
  }

  @Test
  void login_unknownUserAndWrongPassword_identicalErrors() throws Exception {
    try (TestClient client = connect(relay, dataDir)) {
      ErrorReply wrong =
          (ErrorReply) client.call(new LoginRequest("1", "carol", Secret.of("wrong password")));
      ErrorReply unknown =
          (ErrorReply) client.call(new LoginRequest("1", "nobody", Secret.of("wrong password")));
      assertThat(wrong).isEqualTo(unknown);
      assertThat(wrong.code()).isEqualTo(ErrorCode.AUTH_FAILED);
    }
  }

  @Test
  void login_repeatedFailures_rateLimited() throws Exception {
    try (TestClient client = connect(relay, dataDir)) {
      for (int i = 0; i < 5; i++) {
        assertThat(
                error(client.call(new LoginRequest("l" + i, "ghost", Secret.of("bad password")))))
            .isEqualTo(ErrorCode.AUTH_FAILED);
      }
      assertThat(error(client.call(new LoginRequest("l6", "ghost", Secret.of("bad password")))))
          .isEqualTo(ErrorCode.RATE_LIMITED);
    }
  }

  @Test
  void resume_afterLogin_restoresSessionUntilLogout() throws Exception {
    Secret token;
    try (TestClient first = connect(relay, dataDir)) {
      LoginReply reply = login(first, "bob");
      token = reply.token();
      assertThat(reply.conversations())
          .extracting(ConversationState::conversation)
          .contains("#lobby");
    }
    String text = new String(token.chars());
    try (TestClient second = connect(relay, dataDir)) {
      ResumeReply resumed = second.ok(new ResumeRequest("r1", Secret.of(text)), ResumeReply.class);
      assertThat(resumed.username()).isEqualTo("bob");
      second.ok(new LogoutRequest("o1"), LogoutReply.class);
      assertThat(error(second.call(new JoinRequest("j1", "#x"))))
          .isEqualTo(ErrorCode.AUTH_REQUIRED);
    }
    try (TestClient third = connect(relay, dataDir)) {
      assertThat(error(third.call(new ResumeRequest("r2", Secret.of(text)))))
          .isEqualTo(ErrorCode.AUTH_FAILED);
    }
  }

  @Test
  void lobby_isJoinedAtRegistration_andLeavingItLastsAcrossLogins() throws Exception {
    try (TestClient first = connect(relay, dataDir)) {
      register(first, RelayFixture.identity("dave"));
      assertThat(login(first, "dave").conversations())
          .extracting(ConversationState::conversation)
          .containsExactly("#lobby");
      first.ok(new LeaveRequest(first.nextId(), "#lobby"), LeaveReply.class);
    }
    try (TestClient again = connect(relay, dataDir)) {
      assertThat(login(again, "dave").conversations())
          .extracting(ConversationState::conversation)
          .doesNotContain("#lobby");
    }
  }

  @Test
  void logout_closesOtherConnectionsOfThatSession_butNotOtherSessions() throws Exception {
    try (TestClient first = connect(relay, dataDir);
        TestClient other = connect(relay, dataDir)) {
      String text = new String(login(first, "carol").token().chars());
      login(other, "carol");
      try (TestClient sharing = connect(relay, dataDir)) {
        sharing.ok(new ResumeRequest("r1", Secret.of(text)), ResumeReply.class);
        first.ok(new LogoutRequest("o1"), LogoutReply.class);

        assertThat(sharing.unsolicited.poll(10, TimeUnit.SECONDS).code())
            .isEqualTo(ErrorCode.SESSION_EXPIRED);
        assertThat(sharing.isClosedByPeer()).isTrue();
        other.ok(new JoinRequest(other.nextId(), "#still-in"), JoinReply.class);
        assertThat(other.unsolicited).isEmpty();
      }
    }
  }

  @Test
  void send_inRoom_acksAndFansOutPerRecipientForm() throws Exception {
    try (TestClient a = as(alice);
        TestClient b = as(bob)) {
      join(a, "#fan");
      join(b, "#fan");
      Envelope envelope = seal(alice, "#fan", List.of(bob.bundle()), "hello room");
      SendReply ack = send(a, "#fan", envelope);
      assertThat(ack.messageId()).isEqualTo(envelope.header().messageIdHex());
      MessageEvent event = b.nextEvent(MessageEvent.class);
      assertThat(event.seq()).isEqualTo(ack.seq());
      assertThat(open(bob, alice, event.envelope())).isEqualTo("hello room");
      assertThat(event.envelope().length()).isLessThan(envelope.encode().length);
    }
  }

  /**
   * A recipient entry named in another case than the member's registered username passes the member
   * check (on keys) but is no one's: not pushed, as history and sync give it to no one either.
   */
  @Test
  void send_recipientNamedInAnotherCase_isPushedToNoOne() throws Exception {
    try (TestClient a = as(alice);
        TestClient b = as(bob)) {
      join(a, "#cases");
      join(b, "#cases");
      IdentityBundle real = bob.bundle();
      IdentityBundle shouted =
          new IdentityBundle(
              real.userId().toUpperCase(Locale.ROOT),
              real.createdAtMillis(),
              real.rsaPublicKey(),
              real.ed25519PublicKey(),
              real.signature());
      SendReply first = send(a, "#cases", seal(alice, "#cases", List.of(shouted), "to BOB"));
      SendReply second = send(a, "#cases", seal(alice, "#cases", List.of(real), "to bob"));

      MessageEvent event = b.nextEvent(MessageEvent.class);
      assertThat(event.seq()).isEqualTo(second.seq()).isGreaterThan(first.seq());
      assertThat(open(bob, alice, event.envelope())).isEqualTo("to bob");
      HistoryReply history =
          b.ok(new HistoryRequest(b.nextId(), "#cases", 0, 0), HistoryReply.class);
      assertThat(history.messages()).extracting(StoredMessage::seq).containsExactly(second.seq());
    }
  }

  @Test
  void send_privateMessage_reachesOnlyTheParty() throws Exception {
    try (TestClient a = as(alice);
        TestClient b = as(bob);
        TestClient c = as(carol)) {
      Envelope envelope = seal(alice, "@alice+bob", List.of(bob.bundle()), "psst");
      send(a, "@alice+bob", envelope);
      assertThat(open(bob, alice, b.nextEvent(MessageEvent.class).envelope())).isEqualTo("psst");
      assertThat(error(c.call(new HistoryRequest("h", "@alice+bob", 0, 0))))
          .isEqualTo(ErrorCode.NOT_MEMBER);
      Envelope fromCarol = seal(carol, "@alice+bob", List.of(bob.bundle()), "x");
      assertThat(sendFails(c, "@alice+bob", fromCarol.encode())).isEqualTo(ErrorCode.NOT_MEMBER);
    }
  }

  /**
   * From wire version 15, login and resume name the id of the message stored under each
   * conversation's newest number (none for an empty conversation or a deleted message); an older
   * connection gets the numbers alone, since its decoder refuses a field it does not know.
   */
  @Test
  void loginAndResume_nameTheNewestMessagesId_fromWireVersion15Only() throws Exception {
    try (TestClient b = as(bob)) {
      join(b, "#newest");
      join(b, "#quiet");
    }
    SendReply last;
    try (TestClient a = as(alice)) {
      join(a, "#newest");
      send(a, "#newest", seal(alice, "#newest", List.of(bob.bundle()), "one"));
      last = send(a, "#newest", seal(alice, "#newest", List.of(bob.bundle()), "two"));
    }
    Secret token;
    try (TestClient b = connect(relay, dataDir, ProtocolVersions.NEWEST_ID)) {
      LoginReply reply = login(b, "bob");
      token = reply.token();
      assertThat(reply.conversations())
          .contains(
              new ConversationState("#newest", 2, last.messageId()),
              new ConversationState("#quiet", 0));
    }
    String text = new String(token.chars());
    try (TestClient b = connect(relay, dataDir, ProtocolVersions.NEWEST_ID)) {
      ResumeReply resumed = b.ok(new ResumeRequest("r1", Secret.of(text)), ResumeReply.class);
      assertThat(resumed.conversations())
          .contains(new ConversationState("#newest", 2, last.messageId()));
    }
    try (TestClient older = connect(relay, dataDir, ProtocolVersions.OWN_FRIENDS)) {
      List<ConversationState> listed = login(older, "bob").conversations();
      assertThat(listed).contains(new ConversationState("#newest", 2));
      assertThat(listed).extracting(ConversationState::lastId).containsOnlyNulls();
    }
    try (TestClient older = connect(relay, dataDir, ProtocolVersions.OWN_FRIENDS)) {
      ResumeReply resumed = older.ok(new ResumeRequest("r2", Secret.of(text)), ResumeReply.class);
      assertThat(resumed.conversations()).extracting(ConversationState::lastId).containsOnlyNulls();
    }
    try (TestClient a = connect(relay, dataDir, ProtocolVersions.NEWEST_ID)) {
      login(a, "alice");
      a.ok(
          DeleteMessagesRequest.messages(a.nextId(), "#newest", List.of(last.messageId())),
          DeletedReply.class);
    }
    try (TestClient b = connect(relay, dataDir, ProtocolVersions.NEWEST_ID)) {
      assertThat(login(b, "bob").conversations())
          .as("a deleted message's id is not given, as sync gives none")
          .contains(new ConversationState("#newest", 2));
    }
  }

  @Test
  void offlineRecipient_getsMessagesAtNextLoginBySync() throws Exception {
    try (TestClient b = as(bob)) {
      join(b, "#offline");
    }
    try (TestClient a = as(alice)) {
      join(a, "#offline");
      send(a, "#offline", seal(alice, "#offline", List.of(bob.bundle()), "while you were out"));
    }
    try (TestClient b = connect(relay, dataDir)) {
      LoginReply reply = login(b, "bob");
      assertThat(reply.conversations()).contains(new ConversationState("#offline", 1));
      SyncReply sync = b.ok(new SyncRequest("s", "#offline", 0, 0), SyncReply.class);
      assertThat(sync.cursor()).isEqualTo(1);
      assertThat(sync.more()).isFalse();
      assertThat(open(bob, alice, sync.messages().get(0).envelope()))
          .isEqualTo("while you were out");
      SyncReply again = b.ok(new SyncRequest("s2", "#offline", 1, 0), SyncReply.class);
      assertThat(again.messages()).isEmpty();
    }
  }

  @Test
  void history_pagesBackwards() throws Exception {
    try (TestClient a = as(alice)) {
      join(a, "#history");
      for (int i = 1; i <= 5; i++) {
        send(a, "#history", seal(alice, "#history", List.of(), "m" + i));
      }
      List<String> seen = new ArrayList<>();
      long before = 0;
      boolean more = true;
      int pages = 0;
      while (more) {
        HistoryReply page =
            a.ok(new HistoryRequest(a.nextId(), "#history", before, 2), HistoryReply.class);
        List<String> texts = new ArrayList<>();
        for (StoredMessage message : page.messages()) {
          texts.add(open(alice, alice, message.envelope()));
        }
        seen.addAll(0, texts);
        before = page.nextBefore();
        more = page.more();
        pages++;
      }
      assertThat(pages).isEqualTo(3);
      assertThat(seen).containsExactly("m1", "m2", "m3", "m4", "m5");
    }
  }

  @Test
  void send_refusals() throws Exception {
    try (TestClient a = as(alice);
        TestClient b = as(bob);
        TestClient c = as(carol)) {
      join(a, "#guarded");
      join(b, "#guarded");
      Envelope good = seal(alice, "#guarded", List.of(bob.bundle()), "ok");
      assertThat(sendFails(c, "#guarded", seal(carol, "#guarded", List.of(), "x").encode()))
          .isEqualTo(ErrorCode.NOT_MEMBER);
      assertThat(
              sendFails(
                  a, "#guarded", seal(alice, "#guarded", List.of(carol.bundle()), "x").encode()))
          .isEqualTo(ErrorCode.RECIPIENT_NOT_MEMBER);
      assertThat(sendFails(b, "#guarded", good.encode())).isEqualTo(ErrorCode.SENDER_MISMATCH);
      byte[] forged = good.encode();
      forged[forged.length - 1] ^= 1;
      assertThat(sendFails(a, "#guarded", forged)).isEqualTo(ErrorCode.BAD_SIGNATURE);
      assertThat(sendFails(a, "#guarded", seal(alice, "#other", List.of(), "x").encode()))
          .isEqualTo(ErrorCode.INVALID_ENVELOPE);
      assertThat(sendFails(a, "#guarded", new byte[] {1, 2, 3}))
          .isEqualTo(ErrorCode.INVALID_ENVELOPE);
      send(a, "#guarded", good);
      Envelope sameIdOtherText = sealWithIdOf(good, alice, "#guarded", List.of(bob.bundle()), "no");
      assertThat(sameIdOtherText.header().messageId()).isEqualTo(good.header().messageId());
      assertThat(sendFails(a, "#guarded", sameIdOtherText.encode()))
          .isEqualTo(ErrorCode.DUPLICATE_MESSAGE);
      join(a, "#elsewhere");
      Envelope sameIdElsewhere = sealWithIdOf(good, alice, "#elsewhere", List.of(), "no");
      assertThat(sendFails(a, "#elsewhere", sameIdElsewhere.encode()))
          .isEqualTo(ErrorCode.DUPLICATE_MESSAGE);
    }
  }

  /**
   * An envelope from {@code sender} with the message id of {@code model}: sealed with a generator
   * that hands out that id first, as a client reusing an id (by mistake or not) would make one.
   */
  private static Envelope sealWithIdOf(
      Envelope model,
      IdentityKeyPair sender,
      String conversation,
      List<IdentityBundle> to,
      String text) {
    byte[] id = model.header().messageId().toByteArray();
    SecureRandom idFirst =
        new SecureRandom() {
          private boolean idGiven;

          @Override
          public void nextBytes(byte[] bytes) {
            if (!idGiven && bytes.length == id.length) {
              idGiven = true;
              System.arraycopy(id, 0, bytes, 0, id.length);
            } else {
              RelayFixture.RANDOM.nextBytes(bytes);
            }
          }
        };
    return new EnvelopeSealer(idFirst, Clock.systemUTC())
        .seal(sender, conversation, to, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void send_theSameEnvelopeAgain_afterARecipientLeft_stillGetsTheFirstAnswer() throws Exception {
    try (TestClient a = as(alice);
        TestClient b = as(bob)) {
      join(a, "#left");
      join(b, "#left");
      Envelope toBoth = seal(alice, "#left", List.of(bob.bundle()), "before bob left");
      SendReply first = send(a, "#left", toBoth);
      b.ok(new LeaveRequest(b.nextId(), "#left"), LeaveReply.class);

      // A new envelope to bob is refused now; the copy of the stored one is not.
      assertThat(sendFails(a, "#left", seal(alice, "#left", List.of(bob.bundle()), "x").encode()))
          .isEqualTo(ErrorCode.RECIPIENT_NOT_MEMBER);
      assertThat(send(a, "#left", toBoth).seq()).isEqualTo(first.seq());
    }
  }

  @Test
  void send_theSameEnvelopeAgain_getsTheFirstAnswer_andIsStoredAndPushedOnce() throws Exception {
    try (TestClient a = as(alice);
        TestClient b = as(bob)) {
      join(a, "#again");
      join(b, "#again");
      Envelope once = seal(alice, "#again", List.of(bob.bundle()), "once");
      SendReply first = send(a, "#again", once);
      // A client whose answer was lost (a timeout, a dropped connection) sends the same bytes.
      SendReply again = send(a, "#again", once);
      assertThat(again.seq()).isEqualTo(first.seq());
      assertThat(again.messageId()).isEqualTo(first.messageId());
      assertThat(again.storedAtMillis()).isEqualTo(first.storedAtMillis());
      // Copies right behind their first: each is caught as a copy either before it is queued for
      // the store (the first already stored) or by the store itself (the first stored meanwhile).
      List<CompletableFuture<Reply>> firsts = new ArrayList<>();
      List<CompletableFuture<Reply>> copies = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Bytes twice = Bytes.of(seal(alice, "#again", List.of(bob.bundle()), "twice").encode());
        firsts.add(a.sendAsync(new SendRequest(a.nextId(), "#again", twice)));
        copies.add(a.sendAsync(new SendRequest(a.nextId(), "#again", twice)));
      }
      for (int i = 0; i < 20; i++) {
        SendReply firstReply = (SendReply) firsts.get(i).get(20, TimeUnit.SECONDS);
        assertThat(copies.get(i).get(20, TimeUnit.SECONDS))
            .isEqualTo(
                new SendReply(
                    copies.get(i).getNow(null).re(),
                    "#again",
                    first.seq() + 1 + i,
                    firstReply.messageId(),
                    firstReply.storedAtMillis()));
      }
      send(a, "#again", seal(alice, "#again", List.of(bob.bundle()), "last"));

      List<String> pushed = new ArrayList<>();
      for (int i = 0; i < 22; i++) {
        pushed.add(open(bob, alice, b.nextEvent(MessageEvent.class).envelope()));
      }
      assertThat(pushed)
          .startsWith("once")
          .endsWith("last")
          .filteredOn("twice"::equals)
          .hasSize(20);
      HistoryReply stored =
          a.ok(new HistoryRequest(a.nextId(), "#again", 0, 50), HistoryReply.class);
      assertThat(stored.messages()).hasSize(22);
    }
  }

  @Test
  void send_pipelined_repliesAndEventsKeepRequestOrder_andTheNextRequestSeesEverySend()
      throws Exception {
    try (TestClient a = as(alice);
        TestClient b = as(bob)) {
      join(a, "#pipeline");
      join(b, "#pipeline");
      // Twelve sends without waiting for a reply (more than a connection may have past their
      // checks at once), then a history request. The 4th is refused by the store (a recipient is
      // not a member), the 6th by a check before it (its signature).
      List<CompletableFuture<Reply>> replies = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (int i = 1; i <= 12; i++) {
        byte[] envelope =
            i == 4
                ? seal(alice, "#pipeline", List.of(carol.bundle()), "not a member").encode()
                : seal(alice, "#pipeline", List.of(bob.bundle()), "p" + i).encode();
        if (i == 6) {
          envelope[envelope.length - 1] ^= 1;
        }
        SendRequest request = new SendRequest(a.nextId(), "#pipeline", Bytes.of(envelope));
        ids.add(request.id());
        replies.add(a.sendAsync(request));
      }
      HistoryRequest history = new HistoryRequest(a.nextId(), "#pipeline", 0, 50);
      ids.add(history.id());
      CompletableFuture<Reply> page = a.sendAsync(history);

      long seq = 0;
      for (int i = 0; i < replies.size(); i++) {
        Reply reply = replies.get(i).get(20, TimeUnit.SECONDS);
        if (i == 3 || i == 5) {
          assertThat(error(reply))
              .isEqualTo(i == 3 ? ErrorCode.RECIPIENT_NOT_MEMBER : ErrorCode.BAD_SIGNATURE);
          continue;
        }
        SendReply ack = (SendReply) reply;
        if (seq != 0) {
          assertThat(ack.seq()).isEqualTo(seq + 1);
        }
        seq = ack.seq();
      }
      HistoryReply stored = (HistoryReply) page.get(20, TimeUnit.SECONDS);
      assertThat(stored.messages()).hasSize(10);
      assertThat(a.replyOrder.subList(a.replyOrder.size() - ids.size(), a.replyOrder.size()))
          .containsExactlyElementsOf(ids);

      List<String> texts = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        texts.add(open(bob, alice, b.nextEvent(MessageEvent.class).envelope()));
      }
      assertThat(texts)
          .containsExactly("p1", "p2", "p3", "p5", "p7", "p8", "p9", "p10", "p11", "p12");
    }
  }

  @Test
  void badFrame_afterRequestsStillRunning_isAnsweredAfterThem() throws Exception {
    try (TestClient a = as(alice)) {
      // Requests that write (each waits for its commit), then a frame that cannot be decoded, as
      // a client that pipelines sees them: the refusal must not overtake the replies before it.
      List<String> ids = new ArrayList<>();
      List<CompletableFuture<Reply>> replies = new ArrayList<>();
      for (String room : List.of("#order-1", "#order-2", "#order-3")) {
        JoinRequest join = new JoinRequest(a.nextId(), room);
        ids.add(join.id());
        replies.add(a.sendAsync(join));
      }
      SendRequest send =
          new SendRequest(
              a.nextId(),
              "#order-1",
              Bytes.of(seal(alice, "#order-1", List.of(alice.bundle()), "first").encode()));
      ids.add(send.id());
      replies.add(a.sendAsync(send));
      a.writeRaw(framed("{\"type\":\"join\",\"id\":\"bad-1\",\"room\":\"#bad\\u001b\"}"));
      ids.add("bad-1");
      PingRequest ping = new PingRequest(a.nextId());
      ids.add(ping.id());
      replies.add(a.sendAsync(ping));

      for (CompletableFuture<Reply> reply : replies) {
        assertThat(reply.get(20, TimeUnit.SECONDS)).isNotInstanceOf(ErrorReply.class);
      }
      ErrorReply refused = a.unsolicited.poll(10, TimeUnit.SECONDS);
      assertThat(refused.code()).isEqualTo(ErrorCode.BAD_FRAME);
      assertThat(refused.re()).isEqualTo("bad-1");
      assertThat(a.replyOrder.subList(a.replyOrder.size() - ids.size(), a.replyOrder.size()))
          .containsExactlyElementsOf(ids);
    }
  }

  private static byte[] framed(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return java.nio.ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
  }

  @Test
  void badFrames_getErrorsAndOversizeCloses() throws Exception {
    try (TestClient client = connect(relay, dataDir)) {
      byte[] garbage = "{nope".getBytes(StandardCharsets.UTF_8);
      byte[] framed = new byte[4 + garbage.length];
      framed[3] = (byte) garbage.length;
      System.arraycopy(garbage, 0, framed, 4, garbage.length);
      client.writeRaw(framed);
      assertThat(client.unsolicited.take().code()).isEqualTo(ErrorCode.BAD_FRAME);
      assertThat(client.call(new PingRequest("alive"))).isInstanceOf(PongReply.class);
      client.writeRaw(new byte[] {0x7f, 0, 0, 0});
      assertThat(client.unsolicited.take().code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
      assertThat(client.isClosedByPeer()).isTrue();
    }
  }

  @Test
  void requestFlood_isRateLimitedAndConnectionSurvives() throws Exception {
    try (TestClient client = connect(relay, dataDir)) {
      List<java.util.concurrent.CompletableFuture<Reply>> replies = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        replies.add(client.sendAsync(new PingRequest("f" + i)));
      }
      long limited = 0;
      for (var reply : replies) {
        if (reply.get() instanceof ErrorReply e && e.code() == ErrorCode.RATE_LIMITED) {
          limited++;
        }
      }
      assertThat(limited).isPositive();
      Thread.sleep(1000);
      assertThat(client.call(new PingRequest("after"))).isInstanceOf(PongReply.class);
    }
  }

  @Test
  void updateBundle_pushesKeyChangeToPeersAndOwnConnections_andDirectoryServesIt()
      throws Exception {
    IdentityKeyPair newCarol = RelayFixture.identity("carol");
    Bytes backup = Bytes.of(new byte[] {7, 7, 7});
    try (TestClient a = as(alice);
        TestClient c = as(carol);
        TestClient otherDevice = as(carol)) {
      Bytes bundle = Bytes.of(newCarol.bundle().encode());
      c.ok(
          new chat.protocol.UpdateBundleRequest(
              "u", Secret.of(RelayFixture.PASSWORD), bundle, backup),
          chat.protocol.UpdateBundleReply.class);
      chat.protocol.KeyChangeEvent event = a.nextEvent(chat.protocol.KeyChangeEvent.class);
      assertThat(event.username()).isEqualTo("carol");
      assertThat(event.bundle()).isEqualTo(bundle);
      // carol's own connections hear it too: a device that did not make the change warns its user
      assertThat(otherDevice.nextEvent(chat.protocol.KeyChangeEvent.class).bundle())
          .isEqualTo(bundle);
      assertThat(
              a.ok(
                      new chat.protocol.GetBundleRequest("g", "CAROL"),
                      chat.protocol.BundleReply.class)
                  .bundle())
          .isEqualTo(bundle);
      assertThat(
              c.ok(new chat.protocol.GetKeyBackupRequest("b"), chat.protocol.KeyBackupReply.class)
                  .backup())
          .isEqualTo(backup);
      assertThat(
              error(
                  c.call(
                      new chat.protocol.UpdateBundleRequest(
                          "u2",
                          Secret.of(RelayFixture.PASSWORD),
                          Bytes.of(alice.bundle().encode()),
                          backup))))
          .isEqualTo(ErrorCode.INVALID_BUNDLE);
    }
  }

  @Test
  void updateBundle_wrongPassword_authFailedAndKeyAndBackupStay() throws Exception {
    IdentityKeyPair thief = RelayFixture.identity("carol");
    try (TestClient a = as(alice);
        TestClient c = as(carol)) {
      Bytes before =
          a.ok(new chat.protocol.GetBundleRequest("g", "carol"), chat.protocol.BundleReply.class)
              .bundle();
      c.ok(
          new chat.protocol.PutKeyBackupRequest(
              "p", Secret.of(RelayFixture.PASSWORD), Bytes.of(new byte[] {1})),
          chat.protocol.PutKeyBackupReply.class);
      assertThat(
              error(
                  c.call(
                      new chat.protocol.UpdateBundleRequest(
                          "u",
                          Secret.of("not the password"),
                          Bytes.of(thief.bundle().encode()),
                          Bytes.of(new byte[] {2})))))
          .isEqualTo(ErrorCode.AUTH_FAILED);
      assertThat(
              a.ok(
                      new chat.protocol.GetBundleRequest("g2", "carol"),
                      chat.protocol.BundleReply.class)
                  .bundle())
          .isEqualTo(before);
      assertThat(
              c.ok(new chat.protocol.GetKeyBackupRequest("b"), chat.protocol.KeyBackupReply.class)
                  .backup())
          .isEqualTo(Bytes.of(new byte[] {1}));
    }
  }
}
