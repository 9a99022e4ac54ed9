package chat.server.internal.relay;

import chat.crypto.Bytes;
import chat.protocol.Event;
import chat.protocol.KeyChangeEvent;
import chat.protocol.MembershipChange;
import chat.protocol.MembershipEvent;
import chat.protocol.PresenceEvent;
import chat.protocol.PresenceStatus;
import chat.server.internal.storage.MemberRepository;
import java.util.Collection;

/** Pushes membership, presence and key-change events to the online users they concern. */
public final class Notifier {
  private final Storage storage;
  private final MemberRepository members;
  private final Router router;

  /** A notifier over the membership table and the router. */
  public Notifier(Storage storage, MemberRepository members, Router router) {
    this.storage = storage;
    this.members = members;
    this.router = router;
  }

  /** Tells every member of {@code conversation} (and {@code username}) about a change. */
  public void membership(
      String conversation, String userKey, String username, MembershipChange change) {
    Event event = new MembershipEvent(conversation, username, change);
    for (String member : storage.read(c -> members.keys(c, conversation))) {
      pushTo(member, event);
    }
    if (change == MembershipChange.LEFT) {
      pushTo(userKey, event);
    }
  }

  /** Tells everyone who shares a conversation with the user that they came online or left. */
  public void presence(String userKey, String username, PresenceStatus status) {
    toPeers(userKey, new PresenceEvent(username, status));
  }

  /** Tells everyone who shares a conversation with the user about their new bundle. */
  public void keyChange(String userKey, String username, Bytes bundle) {
    toPeers(userKey, new KeyChangeEvent(username, bundle));
  }

  private void toPeers(String userKey, Event event) {
    Collection<String> peers = storage.read(c -> members.peers(c, userKey));
    for (String peer : peers) {
      pushTo(peer, event);
    }
  }

  private void pushTo(String userKey, Event event) {
    for (ClientConnection connection : router.connections(userKey)) {
      connection.push(event);
    }
  }
}
