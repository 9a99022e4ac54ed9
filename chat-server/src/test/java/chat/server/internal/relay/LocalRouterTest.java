package chat.server.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import chat.protocol.ErrorCode;
import chat.protocol.Event;
import chat.protocol.Reply;
import java.util.Collection;
import org.junit.jupiter.api.Test;

class LocalRouterTest {
  /** A connection that only has an identity. */
  private static final class Stub implements ClientConnection {
    private final ConnectionState state = new ConnectionState();

    @Override
    public String logId() {
      return "stub";
    }

    @Override
    public String remoteAddress() {
      return "127.0.0.1";
    }

    @Override
    public String limitAddress() {
      return "127.0.0.1";
    }

    @Override
    public ConnectionState state() {
      return state;
    }

    @Override
    public void reply(Reply reply) {}

    @Override
    public void push(Event event) {}

    @Override
    public void close(ErrorCode code) {}
  }

  @Test
  void add_firstAndSecondConnection_onlyFirstComesOnline() {
    LocalRouter router = new LocalRouter();
    Stub phone = new Stub();
    Stub laptop = new Stub();

    assertThat(router.add("alice", phone)).isTrue();
    assertThat(router.add("alice", laptop)).isFalse();
    assertThat(router.add("alice", laptop)).isFalse();

    assertThat(router.connections("alice")).containsExactly(phone, laptop);
    assertThat(router.isOnline("alice")).isTrue();
  }

  @Test
  void remove_lastConnection_goesOffline() {
    LocalRouter router = new LocalRouter();
    Stub phone = new Stub();
    Stub laptop = new Stub();
    router.add("alice", phone);
    router.add("alice", laptop);

    assertThat(router.remove("alice", phone)).isFalse();
    assertThat(router.remove("alice", phone)).isFalse();
    assertThat(router.connections("alice")).containsExactly(laptop);
    assertThat(router.remove("alice", laptop)).isTrue();

    assertThat(router.connections("alice")).isEmpty();
    assertThat(router.isOnline("alice")).isFalse();
    assertThat(router.remove("alice", laptop)).isFalse();
  }

  @Test
  void connections_laterChange_earlierViewUnchanged() {
    LocalRouter router = new LocalRouter();
    Stub phone = new Stub();
    router.add("alice", phone);
    Collection<ClientConnection> before = router.connections("alice");

    router.add("alice", new Stub());

    assertThat(before).containsExactly(phone);
  }
}
