package chat.server.internal.relay;

import chat.protocol.ErrorCode;
import chat.protocol.Event;
import chat.protocol.Reply;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A connection for the services' unit tests: an address and a protocol state. Replies go nowhere;
 * pushed events and a close are only remembered.
 */
final class TestConnection implements ClientConnection {
  private final String address;
  final ConnectionState state = new ConnectionState();
  volatile ErrorCode closedWith;
  final List<Event> pushed = new CopyOnWriteArrayList<>();

  /** A connection from 192.0.2.1 (a documentation address). */
  TestConnection() {
    this("192.0.2.1");
  }

  /** A connection from {@code address}, which is also the address its limits count under. */
  TestConnection(String address) {
    this.address = address;
  }

  @Override
  public String logId() {
    return "c1-test";
  }

  @Override
  public String remoteAddress() {
    return address;
  }

  @Override
  public String limitAddress() {
    return address;
  }

  @Override
  public ConnectionState state() {
    return state;
  }

  @Override
  public void reply(Reply reply) {}

  @Override
  public void push(Event event) {
    pushed.add(event);
  }

  @Override
  public void close(ErrorCode code, String message) {
    closedWith = code;
  }
}
