package chat.server.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class ConnectionIdsTest {
  @Test
  void next_countsFromOne_withThisStartsTag() {
    ConnectionIds ids = ConnectionIds.newStart(new SecureRandom());

    assertThat(ids.tag()).matches("[a-z2-7]{4}");
    assertThat(ids.next()).isEqualTo("c1-" + ids.tag());
    assertThat(ids.next()).isEqualTo("c2-" + ids.tag());
  }
}
