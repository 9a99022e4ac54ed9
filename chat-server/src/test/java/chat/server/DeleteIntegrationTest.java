package chat.server;

import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static chat.server.RelayFixture.seal;
import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Bytes;
import chat.crypto.Envelope;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.crypto.RecipientEnvelope;
import chat.protocol.ConversationIds;
import chat.protocol.DeleteMessagesRequest;
import chat.protocol.DeletedEvent;
import chat.protocol.DeletedReply;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.GroupAction;
import chat.protocol.GroupCreateRequest;
import chat.protocol.GroupMemberRequest;
import chat.protocol.GroupReply;
import chat.protocol.HistoryReply;
import chat.protocol.HistoryRequest;
import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.LeaveReply;
import chat.protocol.LeaveRequest;
import chat.protocol.ProtocolVersions;
import chat.protocol.Reply;
import chat.protocol.SendReply;
import chat.protocol.SendRequest;
import chat.protocol.StoredMessage;
import chat.server.internal.audit.AuditQuery;
import chat.server.internal.audit.AuditType;
import chat.server.internal.storage.AuditRepository;
import chat.server.internal.storage.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deleting messages (wire version 13): a sender deletes their own in any conversation they are in,
 * a group's owner anyone else's there and an admin a plain member's; history pages then give their
 * numbers without envelopes, and every member of version 13 hears {@code event.deleted}.
 */
class DeleteIntegrationTest {
  private static final Map<String, IdentityKeyPair> PEOPLE = new HashMap<>();

  @TempDir static Path dataDir;
  static Relay relay;

  @BeforeAll
  static void startRelay() throws Exception {
    RelayConfig config =
        RelayFixture.builder(dataDir).requestsPerSecond(1_000_000).requestBurst(1_000_000).build();
    relay = Relay.start(config, new MutableClock(), RelayFixture.RANDOM);
    try (TestClient client = RelayFixture.connect(relay, dataDir)) {
      for (String name : List.of("olivia", "adam", "mia", "oscar")) {
        PEOPLE.put(name, RelayFixture.identity(name));
        register(client, PEOPLE.get(name));
      }
    }
  }

  @AfterAll
  static void stopRelay() {
    relay.close();
  }

  private static TestClient as(String who, int version) throws Exception {
    TestClient client = RelayFixture.connect(relay, dataDir, version);
    login(client, who);
    return client;
  }

  private static TestClient as(String who) throws Exception {
    return as(who, ProtocolVersions.DELETE);
  }

  private static ErrorReply error(Reply reply) {
    assertThat(reply).isInstanceOf(ErrorReply.class);
    return (ErrorReply) reply;
  }

  /** Sends {@code who}'s message to {@code to} in {@code conversation}; returns its id. */
  private static String send(TestClient client, String who, String conversation, List<String> to)
      throws Exception {
    List<IdentityBundle> bundles = to.stream().map(name -> PEOPLE.get(name).bundle()).toList();
    Envelope envelope = seal(PEOPLE.get(who), conversation, bundles, "hello");
    client.ok(
        new SendRequest(client.nextId(), conversation, Bytes.of(envelope.encode())),
        SendReply.class);
    return envelope.header().messageIdHex();
  }

  /**
   * The ids of the messages {@code client} reads in {@code conversation}, oldest first; a deleted
   * one (an entry without an envelope, wire version 13) as {@code deleted #SEQ}.
   */
  private static List<String> history(TestClient client, String conversation) throws Exception {
    List<String> ids = new ArrayList<>();
    for (StoredMessage message :
        client
            .ok(new HistoryRequest(client.nextId(), conversation, 0, 100), HistoryReply.class)
            .messages()) {
      if (message.envelope().length() == 0) {
        ids.add("deleted #" + message.seq());
        continue;
      }
      ids.add(RecipientEnvelope.parse(message.envelope().toByteArray()).header().messageIdHex());
    }
    return ids;
  }

  private static Reply delete(TestClient client, String conversation, String... ids)
      throws Exception {
    return client.call(DeleteMessagesRequest.messages(client.nextId(), conversation, List.of(ids)));
  }

  private static Reply newest(TestClient client, String conversation, String sender, int count)
      throws Exception {
    return client.call(DeleteMessagesRequest.newest(client.nextId(), conversation, sender, count));
  }

  /** #room owned by olivia, with adam ({@code a}) an admin and mia ({@code m}) a member. */
  private static void staffed(String room, TestClient o, TestClient a, TestClient m)
      throws Exception {
    o.ok(new GroupCreateRequest(o.nextId(), room), JoinReply.class);
    for (var joiner : Map.of("adam", a, "mia", m).entrySet()) {
      act(o, room, GroupAction.INVITE, joiner.getKey());
      joiner.getValue().ok(new JoinRequest(joiner.getValue().nextId(), room), JoinReply.class);
    }
    act(o, room, GroupAction.ADMIN, "adam");
  }

  private static void act(TestClient client, String room, GroupAction action, String user)
      throws Exception {
    client.ok(new GroupMemberRequest(client.nextId(), room, action, user), GroupReply.class);
  }

  @Test
  void aSender_deletesTheirOwnMessages_byIdOrNewest_andEveryMemberHears() throws Exception {
    try (TestClient m = as("mia");
        TestClient x = as("oscar");
        TestClient older = as("oscar", ProtocolVersions.MUTE)) {
      m.ok(new JoinRequest(m.nextId(), "#d-public"), JoinReply.class);
      x.ok(new JoinRequest(x.nextId(), "#d-public"), JoinReply.class);
      List<String> both = List.of("mia", "oscar");
      String first = send(m, "mia", "#d-public", both);
      String theirs = send(x, "oscar", "#d-public", both);
      String second = send(m, "mia", "#d-public", both);
      String third = send(m, "mia", "#d-public", both);

      DeletedReply byId = (DeletedReply) delete(m, "#d-public", second);
      assertThat(byId.sender()).isEqualTo("mia");
      assertThat(byId.messageIds()).containsExactly(second);
      for (TestClient member : List.of(m, x)) {
        DeletedEvent told = member.nextEvent(DeletedEvent.class);
        assertThat(told.conversation()).isEqualTo("#d-public");
        assertThat(told.actor()).isEqualTo("mia");
        assertThat(told.sender()).isEqualTo("mia");
        assertThat(told.messageIds()).containsExactly(second);
      }
      assertThat(history(x, "#d-public")).containsExactly(first, theirs, "deleted #3", third);

      // the newest two of hers: the others' messages between are left
      DeletedReply byCount = (DeletedReply) newest(m, "#d-public", "MIA", 2);
      assertThat(byCount.messageIds()).containsExactly(third, first);
      assertThat(history(m, "#d-public"))
          .containsExactly("deleted #1", theirs, "deleted #3", "deleted #4");
      // a version 12 reader's page has no entry for them: a gap, as before deletions existed
      assertThat(history(older, "#d-public")).containsExactly(theirs);
      assertThat(((DeletedReply) newest(m, "#d-public", "mia", 5)).messageIds()).isEmpty();
      ErrorReply gone = error(delete(m, "#d-public", first));
      assertThat(gone.code()).isEqualTo(ErrorCode.NO_SUCH_MESSAGE);
      assertThat(gone.message()).isEqualTo("no message " + first + " in #d-public");

      // in a public room nobody deletes another's message
      ErrorReply notHers = error(delete(m, "#d-public", theirs));
      assertThat(notHers.code()).isEqualTo(ErrorCode.NOT_YOUR_MESSAGE);
      assertThat(notHers.message()).isEqualTo("only oscar can delete their messages in #d-public");
      assertThat(error(newest(m, "#d-public", "oscar", 1)).code())
          .isEqualTo(ErrorCode.NOT_YOUR_MESSAGE);
      assertThat(error(newest(m, "#d-public", "nobody", 1)).code())
          .isEqualTo(ErrorCode.NO_SUCH_USER);

      ErrorReply tooOld = error(delete(older, "#d-public", theirs));
      assertThat(tooOld.code()).isEqualTo(ErrorCode.BAD_FRAME);
      assertThat(tooOld.message()).isEqualTo("this request needs wire version 13");
      assertThat(older.eventsSoFar(DeletedEvent.class))
          .as("a version 12 connection hears of no deletion")
          .isEmpty();
    }
  }

  @Test
  void aMessage_isFoundOnlyInItsOwnConversation_andOnlyByItsReaders() throws Exception {
    try (TestClient m = as("mia");
        TestClient x = as("oscar")) {
      m.ok(new JoinRequest(m.nextId(), "#d-here"), JoinReply.class);
      m.ok(new JoinRequest(m.nextId(), "#d-there"), JoinReply.class);
      x.ok(new JoinRequest(x.nextId(), "#d-there"), JoinReply.class);
      String here = send(m, "mia", "#d-here", List.of("mia"));
      String there = send(x, "oscar", "#d-there", List.of("mia", "oscar"));
      String mine = send(m, "mia", "#d-there", List.of("mia", "oscar"));

      assertThat(error(delete(m, "#d-there", here)).code()).isEqualTo(ErrorCode.NO_SUCH_MESSAGE);
      assertThat(error(delete(x, "#d-here", here)).code()).isEqualTo(ErrorCode.NOT_MEMBER);
      ErrorReply mixed = error(delete(m, "#d-there", mine, there));
      assertThat(mixed.code()).isEqualTo(ErrorCode.INVALID_TARGET);
      assertThat(history(x, "#d-there")).containsExactly(there, mine);
    }
  }

  @Test
  void inAPrivateConversation_eachPartyDeletesOnlyTheirOwn() throws Exception {
    try (TestClient m = as("mia");
        TestClient x = as("oscar")) {
      String direct = ConversationIds.direct("mia", "oscar");
      String hers = send(m, "mia", direct, List.of("mia", "oscar"));
      String his = send(x, "oscar", direct, List.of("mia", "oscar"));
      ErrorReply nobody = error(newest(m, ConversationIds.direct("mia", "nosuchuser"), "mia", 1));
      assertThat(nobody.code()).isEqualTo(ErrorCode.NO_SUCH_USER);
      ErrorReply refused = error(delete(m, direct, his));
      assertThat(refused.code()).isEqualTo(ErrorCode.NOT_YOUR_MESSAGE);
      assertThat(refused.message())
          .isEqualTo("only oscar can delete their messages in a private conversation");
      assertThat(((DeletedReply) delete(m, direct, hers)).messageIds()).containsExactly(hers);
      assertThat(x.nextEvent(DeletedEvent.class).messageIds()).containsExactly(hers);
      assertThat(history(x, direct)).containsExactly("deleted #1", his);
    }
  }

  @Test
  void inAGroup_theOwnerAndAdminsDelete_theMessagesOfThoseTheyOutrank() throws Exception {
    try (TestClient o = as("olivia");
        TestClient a = as("adam");
        TestClient m = as("mia")) {
      staffed("#d-group", o, a, m);
      List<String> everyone = List.of("olivia", "adam", "mia");
      String owners = send(o, "olivia", "#d-group", everyone);
      String admins = send(a, "adam", "#d-group", everyone);
      String spam1 = send(m, "mia", "#d-group", everyone);
      String spam2 = send(m, "mia", "#d-group", everyone);

      ErrorReply member = error(delete(m, "#d-group", admins));
      assertThat(member.code()).isEqualTo(ErrorCode.NOT_YOUR_MESSAGE);
      assertThat(member.message())
          .isEqualTo("only the owner of #d-group can delete adam's messages");
      ErrorReply admin = error(delete(a, "#d-group", owners));
      assertThat(admin.code()).isEqualTo(ErrorCode.NOT_YOUR_MESSAGE);
      assertThat(admin.message()).isEqualTo("only olivia can delete their messages in #d-group");
      assertThat(error(delete(m, "#d-group", owners)).message()).isEqualTo(admin.message());

      DeletedReply purged = (DeletedReply) newest(a, "#d-group", "mia", 10);
      assertThat(purged.messageIds()).containsExactly(spam2, spam1);
      DeletedEvent told = m.nextEvent(DeletedEvent.class);
      assertThat(told.actor()).isEqualTo("adam");
      assertThat(told.sender()).isEqualTo("mia");
      assertThat(((DeletedReply) delete(o, "#d-group", admins)).sender()).isEqualTo("adam");
      assertThat(history(m, "#d-group"))
          .containsExactly(owners, "deleted #2", "deleted #3", "deleted #4");
    }
  }

  /** The relay's audit lines of type ADMIN, read while it runs. */
  private static List<String> adminAudit() throws Exception {
    try (Connection c = Database.openReadOnly(dataDir)) {
      return new AuditRepository()
              .find(c, new AuditQuery(Optional.empty(), 0, Optional.of(AuditType.ADMIN), 10_000))
              .stream()
              .map(e -> e.username() + ": " + e.detail())
              .toList();
    }
  }

  @Test
  void roles_areReadAsTheyAreNow_andOthersDeletionsAreAudited() throws Exception {
    try (TestClient o = as("olivia");
        TestClient a = as("adam");
        TestClient m = as("mia");
        TestClient x = as("oscar")) {
      staffed("#d-roles", o, a, m);
      act(o, "#d-roles", GroupAction.INVITE, "oscar");
      x.ok(new JoinRequest(x.nextId(), "#d-roles"), JoinReply.class);
      act(o, "#d-roles", GroupAction.ADMIN, "oscar");
      List<String> everyone = List.of("olivia", "adam", "mia", "oscar");
      String oscars = send(x, "oscar", "#d-roles", everyone);
      String mias = send(m, "mia", "#d-roles", everyone);
      String adams = send(a, "adam", "#d-roles", everyone);

      // an admin never deletes another admin's, until that one is a plain member again
      ErrorReply admin = error(delete(a, "#d-roles", oscars));
      assertThat(admin.code()).isEqualTo(ErrorCode.NOT_YOUR_MESSAGE);
      assertThat(admin.message())
          .isEqualTo("only the owner of #d-roles can delete oscar's messages");
      act(o, "#d-roles", GroupAction.DEADMIN, "oscar");
      assertThat(((DeletedReply) delete(a, "#d-roles", oscars)).messageIds())
          .containsExactly(oscars);

      // a demoted admin moderates no more; someone who left deletes nothing there, not even their
      // own
      act(o, "#d-roles", GroupAction.DEADMIN, "adam");
      ErrorReply demoted = error(delete(a, "#d-roles", mias));
      assertThat(demoted.code()).isEqualTo(ErrorCode.NOT_YOUR_MESSAGE);
      assertThat(demoted.message())
          .isEqualTo("only the owner or an admin of #d-roles can delete mia's messages");
      m.ok(new LeaveRequest(m.nextId(), "#d-roles"), LeaveReply.class);
      assertThat(error(delete(m, "#d-roles", mias)).code()).isEqualTo(ErrorCode.NOT_MEMBER);
      // ...but a former member's messages are the owner's and admins' to delete
      assertThat(((DeletedReply) newest(o, "#d-roles", "mia", 5)).messageIds())
          .containsExactly(mias);
      assertThat(((DeletedReply) delete(a, "#d-roles", adams)).messageIds()).containsExactly(adams);

      assertThat(adminAudit())
          .contains(
              "adam: delete_messages oscar in #d-roles (1 message)",
              "olivia: delete_messages mia in #d-roles (1 message)")
          .noneMatch(line -> line.startsWith("adam: delete_messages adam"));
    }
  }

  /**
   * Messages stored before the relay recorded senders (schema step 20) have none in their rows:
   * their envelopes' headers name the sender instead.
   */
  @Test
  void rowsWithoutARecordedSender_areDeletedByTheirEnvelopesSender() throws Exception {
    try (TestClient m = as("mia");
        TestClient x = as("oscar")) {
      m.ok(new JoinRequest(m.nextId(), "#d-legacy"), JoinReply.class);
      x.ok(new JoinRequest(x.nextId(), "#d-legacy"), JoinReply.class);
      List<String> both = List.of("mia", "oscar");
      String hers = send(m, "mia", "#d-legacy", both);
      String his = send(x, "oscar", "#d-legacy", both);
      String alsoHers = send(m, "mia", "#d-legacy", both);
      try (Connection c =
              DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("relay.db"));
          Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout = 10000");
        assertThat(
                s.executeUpdate(
                    "UPDATE messages SET sender = NULL WHERE conversation = '#d-legacy'"))
            .isEqualTo(3);
      }

      assertThat(((DeletedReply) newest(m, "#d-legacy", "mia", 5)).messageIds())
          .containsExactly(alsoHers, hers);
      assertThat(error(delete(m, "#d-legacy", his)).code()).isEqualTo(ErrorCode.NOT_YOUR_MESSAGE);
      assertThat(history(x, "#d-legacy")).containsExactly("deleted #1", his, "deleted #3");
    }
  }

  /**
   * The relay records each message's sender with it, so that a search by sender reads no envelope.
   */
  @Test
  void newMessages_haveTheirSenderRecorded() throws Exception {
    try (TestClient m = as("mia")) {
      m.ok(new JoinRequest(m.nextId(), "#d-recorded"), JoinReply.class);
      send(m, "mia", "#d-recorded", List.of("mia"));
      try (Connection c = Database.openReadOnly(dataDir);
          Statement s = c.createStatement();
          ResultSet r =
              s.executeQuery("SELECT sender FROM messages WHERE conversation = '#d-recorded'")) {
        assertThat(r.next()).isTrue();
        assertThat(r.getString(1)).isEqualTo("mia");
      }
    }
  }
}
