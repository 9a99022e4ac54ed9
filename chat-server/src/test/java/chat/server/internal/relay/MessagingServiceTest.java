package chat.server.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.crypto.RecipientForms;
import chat.server.RelayFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MessagingServiceTest {
  private static RecipientForms forms;

  /** The verified forms of a message from alice to herself and five others. */
  @BeforeAll
  static void seal() throws Exception {
    IdentityKeyPair alice = RelayFixture.identity("alice");
    List<IdentityBundle> members = new ArrayList<>();
    members.add(alice.bundle());
    for (String name : List.of("bob", "carol", "dave", "erin", "frank")) {
      members.add(RelayFixture.identity(name).bundle());
    }
    forms =
        RelayFixture.seal(alice, "#lobby", members, "hello").verifyForms(alice.bundle().verifier());
  }

  @Test
  void sharesForms_everyRecipientOnline_shared() {
    assertThat(MessagingService.sharesForms(forms, new int[] {0, 1, 2, 3, 4, 5}, 6)).isTrue();
  }

  @Test
  void sharesForms_oneOfSixOnline_eachGetsACopy() {
    assertThat(MessagingService.sharesForms(forms, new int[] {3}, 1)).isFalse();
    assertThat(MessagingService.sharesForms(forms, new int[] {3, 0, 0}, 0)).isFalse();
  }

  @Test
  void sharesForms_halfOnlineShortMessage_framesCountForLessThanTheFormsKeep_copies() {
    int[] online = {0, 2, 4};
    // Each form's own part (entry and audit path) is half of a short message's frame, and the
    // forms keep all six: three frames count for less than that.
    assertThat(frameBytes(online)).isLessThan(forms.retainedBytes());

    assertThat(MessagingService.sharesForms(forms, online, online.length)).isFalse();
  }

  @Test
  void sharesForms_twoThirdsOnline_framesCountForMore_shared() {
    int[] online = {0, 1, 2, 4};
    assertThat(frameBytes(online)).isGreaterThanOrEqualTo(forms.retainedBytes());

    assertThat(MessagingService.sharesForms(forms, online, online.length)).isTrue();
  }

  private static long frameBytes(int[] online) {
    long total = 0;
    for (int index : online) {
      total += forms.length(index);
    }
    return total;
  }
}
