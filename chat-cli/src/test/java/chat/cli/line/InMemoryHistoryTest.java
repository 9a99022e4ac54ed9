package chat.cli.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryHistoryTest {
  @Test
  void add_jlineAutomaticAdd_ignored() {
    InMemoryHistory history = new InMemoryHistory();

    history.add(Instant.now(), "/login alice hunter2");
    history.add("typed");

    assertThat(history.entries()).isEmpty();
  }

  @Test
  void record_redactedEntry_kept() {
    InMemoryHistory history = new InMemoryHistory();

    history.record("/login alice ***");
    history.record("hello");

    assertThat(history.entries()).containsExactly("/login alice ***", "hello");
  }
}
