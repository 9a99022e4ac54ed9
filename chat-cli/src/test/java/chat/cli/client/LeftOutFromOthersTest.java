package chat.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.client.LeftOutMessages.Reason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeftOutFromOthersTest {
  /** Damaged messages, then one message from each of {@code senders} forged names. */
  private static List<LeftOutMessages> forged(int senders) {
    List<LeftOutMessages> leftOut = new ArrayList<>();
    leftOut.add(new LeftOutMessages("#ops", "", Reason.DAMAGED, List.of(1L, 2L)));
    for (int i = 1; i <= senders; i++) {
      leftOut.add(LeftOutMessages.one("#ops", "forged" + i, Reason.NO_KEY, 10L + i));
    }
    return leftOut;
  }

  @Test
  void namedAndOthers_manySenders_namesTheDamagedAndTheFirstFive_countsTheRestTogether() {
    List<LeftOutMessages> leftOut = forged(12);

    assertThat(LeftOutFromOthers.named(leftOut)).containsExactlyElementsOf(leftOut.subList(0, 6));
    LeftOutFromOthers others = LeftOutFromOthers.others(leftOut).orElseThrow();
    assertThat(others.messages()).containsExactlyElementsOf(leftOut.subList(6, 13));
    assertThat(others.count()).isEqualTo(7);
    assertThat(others.senders()).isEqualTo(7);
    assertThat(others.seqs()).containsExactly(16L, 17L, 18L, 19L, 20L, 21L, 22L);
    assertThat(others.notice())
        .isEqualTo("and 7 more messages from 7 other senders were left out; they are not shown");
  }

  @Test
  void notices_manySenders_sixLinesNamingSendersAtMost_thenOneForTheOthers() {
    List<String> notices = LeftOutFromOthers.notices(forged(40));

    assertThat(notices).hasSize(7);
    assertThat(notices.get(0)).startsWith("2 messages are damaged");
    assertThat(notices.subList(1, 6)).allMatch(notice -> notice.contains(" from forged"));
    assertThat(notices.get(6))
        .isEqualTo("and 35 more messages from 35 other senders were left out; they are not shown");
  }

  @Test
  void namedAndOthers_fiveSendersOrFewer_namesThemAll() {
    List<LeftOutMessages> leftOut = forged(5);

    assertThat(LeftOutFromOthers.named(leftOut)).isEqualTo(leftOut);
    assertThat(LeftOutFromOthers.others(leftOut)).isEmpty();
  }

  @Test
  void named_aSenderWithSeveralReasons_namedForEachOfThem_countedAsOneSender() {
    List<LeftOutMessages> leftOut = new ArrayList<>(forged(4));
    leftOut.add(1, LeftOutMessages.one("#ops", "Forged1", Reason.NOT_VERIFIED, 30));
    leftOut.add(LeftOutMessages.one("#ops", "forged5", Reason.OLD_KEY, 31));
    leftOut.add(LeftOutMessages.one("#ops", "forged6", Reason.OLD_KEY, 32));

    assertThat(LeftOutFromOthers.named(leftOut)).hasSize(7);
    assertThat(LeftOutFromOthers.others(leftOut).orElseThrow().messages())
        .containsExactly(LeftOutMessages.one("#ops", "forged6", Reason.OLD_KEY, 32));
  }

  @Test
  void notice_oneMessageOrOneSender_inTheSingular() {
    LeftOutMessages one = LeftOutMessages.one("#ops", "mallory", Reason.NOT_VERIFIED, 4);

    assertThat(new LeftOutFromOthers("#ops", List.of(one)).notice())
        .isEqualTo("and 1 more message from another sender was left out; it is not shown");
    assertThat(new LeftOutFromOthers("#ops", List.of(one.with(List.of(5L)))).notice())
        .isEqualTo("and 2 more messages from another sender were left out; they are not shown");
  }

  @Test
  void with_theSameSenderAndReason_addsItsMessagesEachOnce_anotherIsOneMoreSender() {
    LeftOutFromOthers others =
        new LeftOutFromOthers(
            "#ops", List.of(LeftOutMessages.one("#ops", "mallory", Reason.NO_KEY, 4)));

    LeftOutFromOthers more =
        others
            .with(new LeftOutMessages("#ops", "Mallory", Reason.NO_KEY, List.of(4L, 6L)))
            .with(LeftOutMessages.one("#ops", "trudy", Reason.NO_KEY, 7));

    assertThat(more.seqs()).containsExactly(4L, 6L, 7L);
    assertThat(more.senders()).isEqualTo(2);
    assertThat(more.messages()).hasSize(2);
  }

  @Test
  void new_noMessagesDamagedOnesOrAnotherConversation_throws() {
    assertThatThrownBy(() -> new LeftOutFromOthers("#ops", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new LeftOutFromOthers(
                    "#ops", List.of(LeftOutMessages.one("#ops", "", Reason.DAMAGED, 1))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new LeftOutFromOthers(
                    "#ops", List.of(LeftOutMessages.one("#dev", "bob", Reason.OLD_KEY, 1))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
