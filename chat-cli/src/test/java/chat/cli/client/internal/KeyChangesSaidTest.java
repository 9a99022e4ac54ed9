package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.internal.KeyChangesSaid.Heard;
import chat.crypto.Fingerprint;
import org.junit.jupiter.api.Test;

class KeyChangesSaidTest {
  private final KeyChangesSaid said = new KeyChangesSaid();

  private static Fingerprint key(int n) {
    byte[] raw = new byte[Fingerprint.SIZE_BYTES];
    raw[0] = (byte) (n >> 8);
    raw[1] = (byte) n;
    return Fingerprint.of(raw);
  }

  @Test
  void heard_theSameKeyAgain_noNews_anotherKeyIs() {
    assertThat(said.heard("bob", key(1), key(2))).isEqualTo(Heard.FIRST);
    assertThat(said.heard("bob", key(1), key(2))).isEqualTo(Heard.AGAIN);
    assertThat(said.heard("BOB", key(1), key(2))).isEqualTo(Heard.AGAIN);
    assertThat(said.heard("bob", key(1), key(3))).isEqualTo(Heard.FIRST);
    assertThat(said.heard("bob", key(1), key(2))).isEqualTo(Heard.AGAIN);
  }

  @Test
  void heard_anotherPin_everyKeyIsNewsAgain() {
    said.heard("bob", key(1), key(2));
    said.heard("bob", key(1), key(3));

    assertThat(said.heard("bob", key(2), key(3))).isEqualTo(Heard.FIRST);
    assertThat(said.heard("bob", key(2), key(1))).isEqualTo(Heard.FIRST);
    assertThat(said.heard("bob", key(2), key(1))).isEqualTo(Heard.AGAIN);
  }

  @Test
  void heard_pastTheKeysRememberedForAContact_pastMemory_eachTime() {
    for (int n = 1; n <= KeyChangesSaid.MAX_KEYS; n++) {
      assertThat(said.heard("bob", key(0), key(n))).isEqualTo(Heard.FIRST);
    }

    Fingerprint beyond = key(KeyChangesSaid.MAX_KEYS + 1);
    assertThat(said.heard("bob", key(0), beyond)).isEqualTo(Heard.PAST_MEMORY);
    assertThat(said.heard("bob", key(0), beyond)).isEqualTo(Heard.PAST_MEMORY);
    assertThat(said.heard("bob", key(0), key(1))).isEqualTo(Heard.AGAIN);
    assertThat(said.heard("carol", key(0), key(1))).isEqualTo(Heard.FIRST);
  }

  @Test
  void heard_pastTheContactsRemembered_pastMemory_theRememberedOnesStillSaidOnce() {
    for (int n = 1; n <= KeyChangesSaid.MAX_CONTACTS; n++) {
      assertThat(said.heard("user" + n, key(0), key(1))).isEqualTo(Heard.FIRST);
    }

    assertThat(said.heard("invented", key(0), key(1))).isEqualTo(Heard.PAST_MEMORY);
    assertThat(said.heard("invented", key(0), key(1))).isEqualTo(Heard.PAST_MEMORY);
    assertThat(said.heard("user1", key(0), key(1))).isEqualTo(Heard.AGAIN);
    assertThat(said.heard("user1", key(5), key(1))).isEqualTo(Heard.FIRST);
  }
}
