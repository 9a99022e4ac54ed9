package chat.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageIdsTest {
  private static byte[] id(Random random) {
    byte[] id = new byte[16];
    random.nextBytes(id);
    return id;
  }

  @Test
  void find_afterPublish_eachIdItsIndexAtAnyOffsetUnknownIdsMinusOne() {
    MessageIds ids = new MessageIds();
    Random random = new Random(11);
    byte[][] prepared = new byte[500][];
    for (int k = 0; k < prepared.length; k++) {
      prepared[k] = id(random);
      ids.put(prepared[k], k);
    }
    assertThat(ids.find(prepared[0], 0)).isEqualTo(-1);

    ids.publish();

    for (int k = 0; k < prepared.length; k++) {
      byte[] envelope = new byte[3 + 16];
      System.arraycopy(prepared[k], 0, envelope, 3, 16);
      assertThat(ids.find(prepared[k], 0)).isEqualTo(k);
      assertThat(ids.find(envelope, 3)).isEqualTo(k);
    }
    assertThat(ids.find(id(random), 0)).isEqualTo(-1);
  }

  @Test
  void put_twoIdsSharingTheirFirstEightBytes_refused() {
    MessageIds ids = new MessageIds();
    byte[] first = new byte[16];
    byte[] second = new byte[16];
    second[15] = 1;
    ids.put(first, 0);

    assertThatThrownBy(() -> ids.put(second, 1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void clear_forgetsPublishedIds() {
    MessageIds ids = new MessageIds();
    byte[] id = id(new Random(3));
    ids.put(id, 7);
    ids.publish();

    ids.clear();

    assertThat(ids.find(id, 0)).isEqualTo(-1);
    ids.publish();
    assertThat(ids.find(id, 0)).isEqualTo(-1);
  }
}
