package chat.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CappedClientListenerTest {
  private final List<String> said = new ArrayList<>();
  private final LiveNoticeCap cap =
      new LiveNoticeCap(counted -> said.add(counted.notice()), (delay, task) -> {});

  private final CappedClientListener listener =
      new CappedClientListener() {
        @Override
        public LiveNoticeCap noticeCap() {
          return cap;
        }

        @Override
        public void onNotice(String conversation, String text) {
          said.add(text);
        }
      };

  @Test
  void onKeyChangedPastMemory_fiveSaid_theOthersCountedOnOneLine() {
    for (int i = 1; i <= 7; i++) {
      listener.onKeyChangedPastMemory(new Advice.KeyChanged("user" + i));
    }
    cap.sayAll();

    assertThat(said).hasSize(LiveNoticeCap.MAX_NOTICES + 1);
    assertThat(said.get(0))
        .isEqualTo(
            "user1's key changed. Sending to them is blocked until you compare the safety number"
                + " and accept it");
    assertThat(said.get(LiveNoticeCap.MAX_NOTICES))
        .isEqualTo(
            "the relay announced 2 more new keys for contacts; sending to them is blocked until"
                + " you accept each");
  }

  @Test
  void onAdvice_aKeyChangeSaidTheFirstTime_isNeverCounted() {
    for (int i = 1; i <= 7; i++) {
      listener.onAdvice(new Advice.KeyChanged("user" + i));
    }
    cap.sayAll();

    assertThat(said).hasSize(7).allMatch(line -> line.contains("'s key changed."));
  }
}
