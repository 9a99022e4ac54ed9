package chat.server.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;

class LocalRouterTest {
  @Test
  void add_firstAndSecondConnection_onlyFirstComesOnline() {
    LocalRouter router = new LocalRouter();
    TestConnection phone = new TestConnection();
    TestConnection laptop = new TestConnection();

    assertThat(router.add("alice", phone)).isTrue();
    assertThat(router.add("alice", laptop)).isFalse();
    assertThat(router.add("alice", laptop)).isFalse();

    assertThat(router.connections("alice")).containsExactly(phone, laptop);
    assertThat(router.isOnline("alice")).isTrue();
  }

  @Test
  void remove_lastConnection_goesOffline() {
    LocalRouter router = new LocalRouter();
    TestConnection phone = new TestConnection();
    TestConnection laptop = new TestConnection();
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
    TestConnection phone = new TestConnection();
    router.add("alice", phone);
    Collection<ClientConnection> before = router.connections("alice");

    router.add("alice", new TestConnection());

    assertThat(before).containsExactly(phone);
  }
}
