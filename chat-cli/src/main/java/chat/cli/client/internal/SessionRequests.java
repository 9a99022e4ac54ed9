package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.client.SessionView;
import chat.protocol.EndSessionReply;
import chat.protocol.EndSessionRequest;
import chat.protocol.ErrorCode;
import chat.protocol.ListSessionsRequest;
import chat.protocol.ProtocolVersions;
import chat.protocol.SessionIds;
import chat.protocol.SessionInfo;
import chat.protocol.SessionsReply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sessions list of {@link RelayChatClient}: {@code list_sessions} and {@code end_session} (wire
 * version 2). The id is checked before anything reaches the relay.
 */
final class SessionRequests {
  private final SessionManager sessions;

  SessionRequests(SessionManager sessions) {
    this.sessions = sessions;
  }

  /** The connection, if the relay speaks wire version 2. */
  private RelayConnection relay() {
    RelayConnection relay = sessions.require().connection();
    if (relay.version() < ProtocolVersions.SOCIAL) {
      throw older(relay.version());
    }
    return relay;
  }

  private CommandException older(int version) {
    return new CommandException.Usage(
        "the relay at "
            + sessions.options().server()
            + " is older"
            + (version > 0 ? " (wire version " + version + ")" : "")
            + ": it cannot list or end sessions");
  }

  List<SessionView> list() {
    RelayConnection relay = relay();
    SessionsReply reply;
    try {
      reply = relay.call(new ListSessionsRequest(relay.nextId()), SessionsReply.class);
    } catch (CommandException.Network e) {
      throw unknownRequest(e);
    }
    List<SessionView> out = new ArrayList<>(reply.sessions().size());
    for (SessionInfo info : reply.sessions()) {
      out.add(
          new SessionView(
              info.id(),
              Instant.ofEpochMilli(info.createdAtMillis()),
              Instant.ofEpochMilli(info.lastUsedAtMillis()),
              info.address(),
              info.current()));
    }
    return out;
  }

  void end(String typed) {
    String id = typed.strip().toLowerCase(Locale.ROOT);
    if (!SessionIds.isValid(id)) {
      throw new CommandException.Usage(
          "'"
              + typed.strip()
              + "' is not a session id: 12 hex digits, as the sessions list shows them");
    }
    RelayConnection relay = relay();
    try {
      end(relay, id);
    } catch (CommandException.Network e) {
      throw unknownRequest(e);
    } catch (CommandException.Usage e) {
      throw new CommandException.Usage(e.getMessage() + " (" + id + ")");
    }
  }

  /** Ends the account's session {@code id} (a valid session id) over {@code relay}. */
  static void end(RelayConnection relay, String id) {
    relay.call(new EndSessionRequest(relay.nextId(), id), EndSessionReply.class);
  }

  /** An older relay that speaks version 2 without sessions answers BAD_FRAME (unknown type). */
  private RuntimeException unknownRequest(CommandException.Network e) {
    return e.getMessage().contains(ErrorCode.BAD_FRAME.name()) ? older(0) : e;
  }
}
