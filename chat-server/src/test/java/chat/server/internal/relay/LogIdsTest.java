package chat.server.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LogIdsTest {
  private static byte[] key(int fill) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) fill);
    return key;
  }

  @Test
  void user_isEightHexDigitsOfAKeyedHash_stableUnderOneKey() {
    LogIds ids = new LogIds(key(1));

    assertThat(ids.user("alice")).matches("u:[0-9a-f]{8}").isEqualTo(ids.user("alice"));
    assertThat(new LogIds(key(1)).user("alice")).isEqualTo(ids.user("alice"));
    assertThat(ids.user("bob")).isNotEqualTo(ids.user("alice"));
  }

  @Test
  void user_underAnotherKey_differs_andIsNotThePlainHashOfTheName() {
    // u:2bd806c9 is SHA-256("alice") cut to 8 hex digits: the same on every relay.
    assertThat(new LogIds(key(1)).user("alice"))
        .isNotEqualTo(new LogIds(key(2)).user("alice"))
        .isNotEqualTo("u:2bd806c9");
    assertThat(new LogIds(key(2)).user("alice")).isNotEqualTo("u:2bd806c9");
  }

  @Test
  void aKeyOfAnotherLength_isRefused() {
    assertThatThrownBy(() -> new LogIds(new byte[16])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void conversation_direct_isItsPartiesPseudonyms_aRoomIsKeyedToo() {
    LogIds ids = new LogIds(key(1));

    assertThat(ids.conversation("@alice+bob"))
        .isEqualTo("@" + ids.user("alice") + "+" + ids.user("bob"));
    assertThat(ids.conversation("#alice-and-bob"))
        .matches("r:[0-9a-f]{8}")
        .isEqualTo(ids.conversation("#alice-and-bob"))
        .isNotEqualTo(ids.conversation("#lobby"))
        .isNotEqualTo(new LogIds(key(2)).conversation("#alice-and-bob"));
  }
}
