package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.CommandException;
import chat.cli.client.FakeChatClient;
import chat.cli.client.SessionView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionIdCompletionTest {
  private static final long FRESH_NANOS = SessionIdCompletion.FRESH_MILLIS * 1_000_000L;

  private final FakeChatClient client = new FakeChatClient();
  private final AtomicLong nanos = new AtomicLong(1_000);
  private final List<Runnable> queued = new ArrayList<>();
  private final Executor later = queued::add;

  @BeforeEach
  void setUp() {
    client.login("alice", "pw".toCharArray(), "pp".toCharArray());
    client.sessionList.add(session("aaaaaaaaaaaa", true));
    client.sessionList.add(session("3f9a0c17b2d4", false));
    client.sessionList.add(session("3e0000000001", false));
  }

  private static SessionView session(String id, boolean current) {
    Instant at = Instant.parse("2026-12-03T01:00:00Z");
    return new SessionView(id, at, at, "127.0.0.1", current);
  }

  private long asked() {
    return client.calls.stream().filter(c -> c.equals("sessions")).count();
  }

  private void runQueued() {
    List<Runnable> tasks = List.copyOf(queued);
    queued.clear();
    tasks.forEach(Runnable::run);
  }

  @Test
  void ids_answered_otherSessionsInTheRelaysOrderWithoutOwn() {
    SessionIdCompletion ids = new SessionIdCompletion(client, Runnable::run, nanos::get);

    assertThat(ids.ids("")).containsExactly("3f9a0c17b2d4", "3e0000000001");
    assertThat(ids.ids("3F")).containsExactly("3f9a0c17b2d4");
    assertThat(ids.ids("aa")).isEmpty();
  }

  @Test
  void ids_answerNotThereYet_offersNothingThenTheAnswerOnTabAgain() {
    SessionIdCompletion ids = new SessionIdCompletion(client, later, nanos::get);

    assertThat(ids.ids("")).isEmpty();
    assertThat(ids.ids("")).isEmpty(); // still asking: no second request
    assertThat(queued).hasSize(1);
    runQueued();

    assertThat(ids.ids("")).containsExactly("3f9a0c17b2d4", "3e0000000001");
    assertThat(asked()).isEqualTo(1);
  }

  @Test
  void ids_freshAnswer_reusedThenAskedForAgain() {
    SessionIdCompletion ids = new SessionIdCompletion(client, later, nanos::get);
    ids.ids("");
    runQueued();
    client.sessionList.remove(1);

    nanos.addAndGet(FRESH_NANOS - 1);
    assertThat(ids.ids("")).containsExactly("3f9a0c17b2d4", "3e0000000001");
    assertThat(queued).isEmpty();

    nanos.addAndGet(1);
    // Stale: asked again, and the earlier answer is offered while the new one is on its way.
    assertThat(ids.ids("")).containsExactly("3f9a0c17b2d4", "3e0000000001");
    runQueued();
    assertThat(ids.ids("")).containsExactly("3e0000000001");
    assertThat(asked()).isEqualTo(2);
  }

  /**
   * Tab never waits for the relay: here its request is never even run, and each Tab still answers
   * at once, with the last list the relay gave, and asks only once meanwhile.
   */
  @Test
  void ids_relayNotAnsweringYet_offersTheLastListAtOnceWithoutWaiting() {
    SessionIdCompletion ids = new SessionIdCompletion(client, later, nanos::get);
    ids.ids("");
    runQueued();
    nanos.addAndGet(FRESH_NANOS);

    assertThat(ids.ids("3f")).containsExactly("3f9a0c17b2d4");
    assertThat(ids.ids("3e")).containsExactly("3e0000000001");
    assertThat(queued).hasSize(1);
    assertThat(asked()).isEqualTo(1);
  }

  @Test
  void ids_relayFails_offersNothing() {
    client.failNext = new CommandException.Usage("the relay is older: it cannot list sessions");
    SessionIdCompletion ids = new SessionIdCompletion(client, Runnable::run, nanos::get);

    assertThat(ids.ids("")).isEmpty();
  }

  @Test
  void ids_loggedOut_asksNothing() {
    client.logout();
    SessionIdCompletion ids = new SessionIdCompletion(client, Runnable::run, nanos::get);

    assertThat(ids.ids("")).isEmpty();
    assertThat(asked()).isZero();
  }

  @Test
  void ids_anotherAccountLoggedIn_earlierAccountsIdsNotOffered() {
    SessionIdCompletion ids = new SessionIdCompletion(client, later, nanos::get);
    ids.ids("");
    runQueued();
    client.logout();
    client.login("bob", "pw".toCharArray(), "pp".toCharArray());
    client.sessionList.clear();
    client.sessionList.add(session("b0b000000001", false));

    assertThat(ids.ids("")).isEmpty();
    runQueued();
    assertThat(ids.ids("")).containsExactly("b0b000000001");
  }
}
