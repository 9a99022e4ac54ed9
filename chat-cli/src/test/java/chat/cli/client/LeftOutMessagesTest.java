package chat.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.client.LeftOutMessages.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeftOutMessagesTest {
  @Test
  void notice_oneFromAnOldKey_namesItsSeq_andSaysItCannotBeVerifiedAndIsNotShown() {
    assertThat(new LeftOutMessages("#ops", "bob", Reason.OLD_KEY, List.of(7L)).notice())
        .isEqualTo(
            "message #7 from bob is signed by a key that is not bob's current one (an older key,"
                + " replaced since, or a forgery); it cannot be verified and is not shown");
  }

  @Test
  void notice_severalFromAnOldKey_saysHowMany() {
    assertThat(new LeftOutMessages("#ops", "bob", Reason.OLD_KEY, List.of(1L, 2L, 3L)).notice())
        .startsWith("3 messages from bob are signed by a key that is not bob's current one")
        .endsWith("they cannot be verified and are not shown");
  }

  @Test
  void notice_eachReason_namesTheSenderAndSaysTheyAreNotShown() {
    for (Reason reason : Reason.values()) {
      if (reason == Reason.DAMAGED) {
        continue; // names no sender: below
      }
      assertThat(new LeftOutMessages("#ops", "bob", reason, List.of(1L, 2L)).notice())
          .as(reason.name())
          .startsWith("2 messages from bob ")
          .contains("not shown");
    }
  }

  @Test
  void notice_notForYourKey_theWordsOfTheLiveNotice() {
    assertThat(new LeftOutMessages("#ops", "bob", Reason.NOT_FOR_YOUR_KEY, List.of(1L)).notice())
        .isEqualTo("message #1 from bob was not encrypted to your current key; it is not shown");
  }

  @Test
  void notice_oneWithNoUsableKey_namesItsSeqAndWhatTheClientMet() {
    LeftOutMessages left =
        LeftOutMessages.one(
            "#ops", "bob", Reason.NO_KEY, 5, "the relay served an invalid key for bob (bad)");

    assertThat(left.notice())
        .isEqualTo(
            "message #5 from bob cannot be checked: no usable key for that sender (the relay"
                + " served an invalid key for bob (bad)); not shown");
    assertThat(LeftOutMessages.one("#ops", "bob", Reason.NO_KEY, 5).notice())
        .isEqualTo(
            "message #5 from bob cannot be checked: no usable key for that sender; not shown");
  }

  @Test
  void notice_oneUnreadable_namesItsSeqAndWhyTheContentCouldNotBeRead() {
    LeftOutMessages left =
        LeftOutMessages.one(
            "#ops",
            "bob",
            Reason.UNREADABLE,
            4,
            "an unknown kind of content, \"poll\" (from a newer client?)");

    assertThat(left.notice())
        .isEqualTo(
            "message #4 from bob could not be read by this client: an unknown kind of content,"
                + " \"poll\" (from a newer client?); it is not shown");
    assertThat(LeftOutMessages.one("#ops", "bob", Reason.UNREADABLE, 4).notice())
        .isEqualTo(
            "message #4 from bob could not be read by this client (unknown content); it is not"
                + " shown");
  }

  @Test
  void detail_onlyForOneMessage_droppedWhenMoreAreAdded() {
    LeftOutMessages left = LeftOutMessages.one("#ops", "bob", Reason.NO_KEY, 5, "no such user");

    assertThat(left.with(List.of(5L))).isEqualTo(left);
    assertThat(left.with(List.of(6L)))
        .isEqualTo(new LeftOutMessages("#ops", "bob", Reason.NO_KEY, List.of(5L, 6L)));
    assertThat(left.with(List.of(6L)).notice())
        .isEqualTo(
            "2 messages from bob cannot be checked: no usable key for that sender; not shown");
    assertThatThrownBy(
            () ->
                new LeftOutMessages("#ops", "bob", Reason.NO_KEY, List.of(5L, 6L), "no such user"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void notice_damaged_namesNoSender_andSaysTheyAreNotShown() {
    assertThat(new LeftOutMessages("#ops", "", Reason.DAMAGED, List.of(1L)).notice())
        .isEqualTo("message #1 is damaged (it is not a valid envelope); it is not shown");
    assertThat(new LeftOutMessages("#ops", "", Reason.DAMAGED, List.of(1L, 2L, 3L)).notice())
        .isEqualTo("3 messages are damaged (they are not valid envelopes); they are not shown");
  }

  @Test
  void notice_notForThisConversation_saysTheRelayMovedThemHere() {
    assertThat(
            new LeftOutMessages("#ops", "bob", Reason.NOT_FOR_THIS_CONVERSATION, List.of(1L))
                .notice())
        .isEqualTo(
            "message #1 from bob belongs to another conversation (the relay moved it here); it is"
                + " not shown");
    assertThat(
            new LeftOutMessages("#ops", "bob", Reason.NOT_FOR_THIS_CONVERSATION, List.of(1L, 2L))
                .notice())
        .isEqualTo(
            "2 messages from bob belong to another conversation (the relay moved them here); they"
                + " are not shown");
  }

  @Test
  void notice_notAParty_saysTheRelayLetThemIn_andWhoIsNotOfThePrivateConversation() {
    assertThat(
            new LeftOutMessages("@alice+bob", "mallory", Reason.NOT_A_PARTY, List.of(4L)).notice())
        .isEqualTo(
            "message #4 from mallory was let in by the relay, but mallory is not one of this"
                + " private conversation's two people; it is not shown");
    assertThat(
            new LeftOutMessages("@alice+bob", "mallory", Reason.NOT_A_PARTY, List.of(4L, 5L))
                .notice())
        .isEqualTo(
            "2 messages from mallory were let in by the relay, but mallory is not one of this"
                + " private conversation's two people; they are not shown");
  }

  @Test
  void new_senderOnlyForWhatNamesOne_elseThrows() {
    assertThatThrownBy(() -> new LeftOutMessages("#ops", "bob", Reason.DAMAGED, List.of(1L)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LeftOutMessages("#ops", "", Reason.NOT_VERIFIED, List.of(1L)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void label_isTheJsonName() {
    assertThat(Reason.OLD_KEY.label()).isEqualTo("old_key");
    assertThat(Reason.NOT_FOR_YOUR_KEY.label()).isEqualTo("not_for_your_key");
    assertThat(Reason.DAMAGED.label()).isEqualTo("damaged");
    assertThat(Reason.NOT_FOR_THIS_CONVERSATION.label()).isEqualTo("not_for_this_conversation");
    assertThat(Reason.NOT_A_PARTY.label()).isEqualTo("not_a_party");
  }

  @Test
  void new_noMessages_throws() {
    assertThatThrownBy(() -> new LeftOutMessages("#ops", "bob", Reason.OLD_KEY, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void new_seqsSortedWithoutRepeats_countIsHowManyDistinct() {
    LeftOutMessages left = new LeftOutMessages("#ops", "bob", Reason.OLD_KEY, List.of(9L, 3L, 9L));

    assertThat(left.seqs()).containsExactly(3L, 9L);
    assertThat(left.count()).isEqualTo(2);
    assertThat(left.notice()).startsWith("2 messages from bob ");
  }

  @Test
  void new_sequenceNumberBelowOne_throws() {
    assertThatThrownBy(() -> new LeftOutMessages("#ops", "bob", Reason.OLD_KEY, List.of(0L, 4L)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void with_addsTheMessagesNotCountedYet() {
    LeftOutMessages left = LeftOutMessages.one("#ops", "", Reason.DAMAGED, 4);

    assertThat(left.with(List.of(2L, 4L)))
        .isEqualTo(new LeftOutMessages("#ops", "", Reason.DAMAGED, List.of(2L, 4L)));
  }
}
