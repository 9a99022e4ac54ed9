package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeletedIdsTest {
  @Test
  void remembersByConversation_andForgetsTheOldestPastItsLimit() {
    DeletedIds deleted = new DeletedIds();
    deleted.add("#team", List.of("a1", "a2"));

    assertThat(deleted.contains("#team", "a1")).isTrue();
    assertThat(deleted.contains("#other", "a1")).isFalse();

    for (int i = 0; i < DeletedIds.MAX; i++) {
      deleted.add("#team", List.of("n" + i));
    }
    assertThat(deleted.contains("#team", "a1")).isFalse();
    assertThat(deleted.contains("#team", "n" + (DeletedIds.MAX - 1))).isTrue();
  }
}
