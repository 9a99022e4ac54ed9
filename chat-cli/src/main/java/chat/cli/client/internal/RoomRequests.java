package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.client.MemberView;
import chat.cli.client.RoomView;
import chat.cli.client.TrustState;
import chat.crypto.IdentityBundle;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.LeaveReply;
import chat.protocol.LeaveRequest;
import chat.protocol.ListRoomsRequest;
import chat.protocol.MemberInfo;
import chat.protocol.ProtocolVersions;
import chat.protocol.Reply;
import chat.protocol.RoomsReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rooms for {@link RelayChatClient}: joining, leaving and declining an invitation, and closing and
 * opening a direct conversation (each keeping the session's conversations, read positions and
 * member lists in step), the room list and a conversation's members with the trust state of each
 * one's key.
 */
final class RoomRequests {
  private final SessionManager sessions;

  RoomRequests(SessionManager sessions) {
    this.sessions = sessions;
  }

  void join(String room) {
    Session session = sessions.require();
    String id = RelayChatClient.roomId(room);
    boolean wasMember = session.conversations().contains(id);
    RelayConnection relay = session.connection();
    long since = session.members.joining(id);
    session.joining(id);
    String listed = null;
    try {
      JoinReply reply = relay.call(new JoinRequest(relay.nextId(), id), JoinReply.class);
      if (!wasMember || session.state.cursor(reply.conversation()).isEmpty()) {
        // Messages stored before this join were not encrypted to this user: not a gap to report.
        session.state.advance(reply.conversation(), reply.lastSeq());
      }
      session.members.invalidate(reply.conversation());
      session.members.baseline(reply.conversation(), reply.members(), since);
      listed = reply.conversation();
      session.invitationAnswered(listed);
    } finally {
      // Others who joined or left meanwhile are told now, after the join (a room already listed
      // told them as they came).
      for (Session.Heard heard : session.joined(id, listed)) {
        sessions.post(
            () ->
                sessions
                    .listeners()
                    .membership(heard.conversation(), heard.username(), heard.joined()));
      }
    }
  }

  void leave(String room) {
    Session session = sessions.require();
    RelayConnection relay = session.connection();
    left(
        session,
        relay.call(
            new LeaveRequest(relay.nextId(), RelayChatClient.roomId(room)), LeaveReply.class));
  }

  /**
   * Closes direct conversation {@code id} on the relay (a leave of it, wire version 7). Its read
   * position stays: nothing can be written there until it opens again.
   */
  void close(String id) {
    Session session = sessions.require();
    RelayConnection relay =
        session
            .connection()
            .requireVersion(
                ProtocolVersions.CLOSE_DIRECT,
                sessions.options().server(),
                "it cannot close private conversations");
    Reply reply = relay.exchange(new LeaveRequest(relay.nextId(), id));
    if (reply instanceof ErrorReply error && error.code() == ErrorCode.NOT_MEMBER) {
      throw new CommandException.Usage("no open conversation " + session.label(id) + " to close");
    }
    left(session, RelayConnection.expect(reply, LeaveReply.class));
  }

  /** Opens direct conversation {@code id} again if this user closed it (a join of it). */
  void open(String id) {
    Session session = sessions.require();
    RelayConnection relay = session.connection();
    if (relay.version() < ProtocolVersions.CLOSE_DIRECT || session.conversations().contains(id)) {
      return; // an older relay never closes one
    }
    JoinReply reply = relay.call(new JoinRequest(relay.nextId(), id), JoinReply.class);
    session.members.invalidate(id);
    if (reply.lastSeq() > 0) { // else it never had a message: its first opens it
      session.joinedHere(id);
    }
  }

  /**
   * A leave, as the relay declines with; its {@code NOT_MEMBER} then means no invitation. Refused
   * here for a room one is a member of, which the leave would leave.
   */
  void decline(String room) {
    Session session = sessions.require();
    RelayConnection relay = session.connection();
    String id = RelayChatClient.roomId(room);
    if (session.conversations().contains(id)) {
      throw new CommandException.MemberNotInvited(id); // each front end says how to leave it
    }
    Reply reply = relay.exchange(new LeaveRequest(relay.nextId(), id));
    if (reply instanceof ErrorReply error && error.code() == ErrorCode.NOT_MEMBER) {
      throw new CommandException.Usage("no invitation to " + id + " to decline");
    }
    left(session, RelayConnection.expect(reply, LeaveReply.class));
  }

  private static void left(Session session, LeaveReply reply) {
    session.invitationAnswered(reply.conversation());
    session.members.left(reply.conversation());
    session.leftHere(reply.conversation());
  }

  /** Every room listed to this user, page by page. */
  List<RoomView> list() {
    RelayConnection relay = sessions.require().connection();
    // a wire version 5 relay answers in pages, each naming where the next starts
    return Pages.walk(
        after -> {
          RoomsReply reply =
              relay.call(new ListRoomsRequest(relay.nextId(), after), RoomsReply.class);
          return new Pages.Page<>(reply.rooms().stream().map(Views::room).toList(), reply.next());
        },
        Pages.MAX_ROOMS,
        "rooms");
  }

  /** The members of conversation {@code id}, each with the trust state of their key. */
  List<MemberView> members(String id) {
    Session session = sessions.require();
    List<MemberView> out = new ArrayList<>();
    for (MemberInfo member : session.members.refresh(id)) {
      TrustState trust;
      if (KeyTrust.isSelf(session, member.username())) {
        trust = TrustState.VERIFIED;
      } else {
        Optional<IdentityBundle> pinned = session.contacts.pinned(member.username());
        if (pinned.isPresent() && !KeyDirectory.listsKey(member, pinned.get())) {
          session.keys.observe(session.keys.fetch(member.username()));
        }
        trust = session.contacts.state(member.username());
        session.contacts.learnSpelling(member.username()); // as the relay lists them
      }
      out.add(Views.member(member, trust));
    }
    return out;
  }
}
