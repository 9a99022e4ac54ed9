package chat.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.client.LiveNoticeCap.Counted;
import chat.cli.client.LiveNoticeCap.Kind;
import chat.cli.client.LiveNoticeCap.Unsaid;
import chat.cli.client.LiveNoticeCap.UnsaidElsewhere;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LiveNoticeCapTest {
  /** The tasks the cap set on its timer, run by the test. */
  private final List<Runnable> timer = new ArrayList<>();

  private final List<Duration> delays = new ArrayList<>();
  private final List<Counted> said = new ArrayList<>();
  private final LiveNoticeCap cap =
      new LiveNoticeCap(
          said::add,
          (delay, task) -> {
            delays.add(delay);
            timer.add(task);
          });

  /** How many of {@code count} notices of one message each in {@code conversation} are said. */
  private long pushed(String conversation, Kind kind, int count) {
    long shown = 0;
    for (int i = 0; i < count; i++) {
      if (cap.say(conversation, kind, 1)) {
        shown++;
      }
    }
    return shown;
  }

  private long pushed(String conversation, int count) {
    return pushed(conversation, Kind.LEFT_OUT, count);
  }

  /** Runs the timer's tasks set so far, as its thread would once the delay passed. */
  private void timerRuns() {
    List<Runnable> due = new ArrayList<>(timer);
    timer.clear();
    due.forEach(Runnable::run);
  }

  @Test
  void say_fortyInOneConversation_firstFiveSaid_theOthersCountedBeforeTheNextMessage() {
    assertThat(pushed("#ops", 40)).isEqualTo(LiveNoticeCap.MAX_NOTICES);

    cap.beforeMessage("#ops");
    cap.beforeMessage("#ops");

    assertThat(said).containsExactly(new Unsaid("#ops", Kind.LEFT_OUT, 35));
  }

  @Test
  void say_afterAMessageThere_fiveMoreSaid() {
    pushed("#ops", 6);
    cap.beforeMessage("#ops");

    assertThat(pushed("#ops", 6)).isEqualTo(5);
  }

  @Test
  void say_eachConversationHasItsOwnFive_aMessageInOneLeavesTheOtherCounted() {
    pushed("#ops", 7);
    pushed("#dev", 5);

    assertThat(cap.say("#dev", Kind.LEFT_OUT, 1)).isFalse();
    cap.beforeMessage("#lobby");
    assertThat(said).isEmpty();
    cap.beforeMessage("#dev");
    assertThat(said).containsExactly(new Unsaid("#dev", Kind.LEFT_OUT, 1));
    assertThat(cap.say("#dev", Kind.LEFT_OUT, 1)).isTrue();
    assertThat(cap.say("#ops", Kind.LEFT_OUT, 1)).isFalse();
  }

  @Test
  void say_eachKindHasItsOwnFive_andItsOwnLine() {
    pushed("#ops", Kind.HELD, 8);
    pushed("#ops", Kind.REPLAYED, 6);
    assertThat(pushed("#ops", Kind.LEFT_OUT, 5)).isEqualTo(5);
    cap.say("#ops", Kind.UNDELIVERED, 1);

    cap.beforeMessage("#ops");

    assertThat(said)
        .containsExactly(new Unsaid("#ops", Kind.HELD, 3), new Unsaid("#ops", Kind.REPLAYED, 1));
  }

  @Test
  void say_severalMessagesInOneNotice_countsEach() {
    pushed("#ops", Kind.UNDELIVERED, 5);
    cap.say("#ops", Kind.UNDELIVERED, 40);

    cap.beforeMessage("#ops");

    assertThat(said).containsExactly(new Unsaid("#ops", Kind.UNDELIVERED, 40));
  }

  @Test
  void sayAll_everyConversationInTheOrderFirstCounted_andTheCountsStartAgain() {
    pushed("#ops", 6);
    pushed("#dev", 9);
    cap.say("#ops", Kind.LEFT_OUT, 1);

    cap.sayAll();
    cap.sayAll();

    assertThat(said)
        .containsExactly(
            new Unsaid("#ops", Kind.LEFT_OUT, 2), new Unsaid("#dev", Kind.LEFT_OUT, 4));
    assertThat(pushed("#ops", 5)).isEqualTo(5);
  }

  @Test
  void quiet_noneCountedSinceTheTimerWasSet_saysWhatWasCountedWithoutAMessageOrAKey() {
    pushed("#ops", 6);
    assertThat(timer).hasSize(1);
    assertThat(delays).containsExactly(LiveNoticeCap.QUIET);
    assertThat(said).isEmpty();

    timerRuns();

    assertThat(said).containsExactly(new Unsaid("#ops", Kind.LEFT_OUT, 1));
    assertThat(timer).isEmpty();
  }

  @Test
  void quiet_moreCountedMeanwhile_waitsAgain_thenSaysAllOfThemOnce() {
    pushed("#ops", 7);
    cap.say("#ops", Kind.LEFT_OUT, 1);

    timerRuns();
    assertThat(said).isEmpty();
    assertThat(timer).hasSize(1);
    timerRuns();

    assertThat(said).containsExactly(new Unsaid("#ops", Kind.LEFT_OUT, 3));
  }

  @Test
  void quiet_theCountsOfNoticesSaidGoOn_soABurstAfterAPauseIsCountedAtOnce() {
    pushed("#ops", 6);
    timerRuns();

    assertThat(pushed("#ops", 4)).isZero();
    timerRuns();
    timerRuns();

    assertThat(said)
        .containsExactly(
            new Unsaid("#ops", Kind.LEFT_OUT, 1), new Unsaid("#ops", Kind.LEFT_OUT, 4));
  }

  @Test
  void quiet_afterEverythingWasSaid_saysNothing() {
    pushed("#ops", 6);
    cap.beforeMessage("#ops");

    timerRuns();

    assertThat(said).containsExactly(new Unsaid("#ops", Kind.LEFT_OUT, 1));
  }

  @Test
  void unsaid_notice_saysWhatWasCountedForEachKind() {
    assertThat(new Unsaid("#ops", Kind.LEFT_OUT, 12).notice())
        .isEqualTo("12 more messages were left out; they are not shown");
    assertThat(new Unsaid("#ops", Kind.LEFT_OUT, 1).notice())
        .isEqualTo("1 more message was left out; it is not shown");
    assertThat(new Unsaid("#ops", Kind.HELD, 3).notice())
        .isEqualTo("3 more messages are held (signed with a new key you have not accepted)");
    assertThat(new Unsaid("#ops", Kind.REPLAYED, 4).notice())
        .isEqualTo("dropped 4 more replayed copies of earlier messages");
    assertThat(new Unsaid("#ops", Kind.UNDELIVERED, 1).notice())
        .isEqualTo("the relay did not deliver 1 more message");
    assertThatThrownBy(() -> new Unsaid("#ops", Kind.LEFT_OUT, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void say_globalKinds_oneBucketForAllConversations_countedUntilAMessageAnywhere() {
    assertThat(pushed("", Kind.INVALID_KEY, 8)).isEqualTo(LiveNoticeCap.MAX_NOTICES);
    assertThat(pushed("#ops", Kind.SECOND_OFFER, 4) + pushed("#dev", Kind.SECOND_OFFER, 4))
        .isEqualTo(LiveNoticeCap.MAX_NOTICES);
    assertThat(pushed("#ops", Kind.MEMBERS_DIFFER, 5)).isEqualTo(5);
    assertThat(pushed("#dev", Kind.MEMBERS_DIFFER, 2)).isZero();

    cap.beforeMessage("#lobby");

    assertThat(said)
        .containsExactly(
            new Unsaid("", Kind.INVALID_KEY, 3),
            new Unsaid("", Kind.SECOND_OFFER, 3),
            new Unsaid("", Kind.MEMBERS_DIFFER, 2));
    assertThat(pushed("#dev", Kind.MEMBERS_DIFFER, 6)).isEqualTo(5);
  }

  @Test
  void say_globalKinds_countNoConversationTowardTheBound() {
    for (int i = 1; i <= LiveNoticeCap.MAX_CONVERSATIONS; i++) {
      pushed("#room" + i, Kind.SECOND_OFFER, 1);
      pushed("", Kind.INVALID_KEY, 1);
    }

    assertThat(pushed("#another", 1)).isEqualTo(1);
  }

  @Test
  void say_pastTheBoundOfConversations_theOthersCountedOnOneLine_whateverTheirKind() {
    for (int i = 1; i <= LiveNoticeCap.MAX_CONVERSATIONS; i++) {
      assertThat(pushed("#room" + i, Kind.UNDELIVERED, 1)).isEqualTo(1);
    }
    long shown = 0;
    for (int i = 1; i <= 100; i++) {
      shown += pushed("#invented" + i, Kind.LEFT_OUT, 3);
      shown += pushed("#invented" + i, Kind.REPLAYED, 1);
    }
    assertThat(pushed("#room1", Kind.UNDELIVERED, 1)).as("one of the eight").isEqualTo(1);
    assertThat(shown).isZero();
    assertThat(said).isEmpty();

    timerRuns();
    timerRuns();

    assertThat(said)
        .containsExactly(new UnsaidElsewhere(Map.of(Kind.LEFT_OUT, 300L, Kind.REPLAYED, 100L)));
  }

  @Test
  void say_aMessageInOneOfTheConversations_freesItsPlace_andSaysWhatWasCountedElsewhere() {
    for (int i = 1; i <= LiveNoticeCap.MAX_CONVERSATIONS; i++) {
      pushed("#room" + i, 1);
    }
    assertThat(pushed("#late", 1)).isZero();

    cap.beforeMessage("#room3");

    assertThat(said).containsExactly(new UnsaidElsewhere(Map.of(Kind.LEFT_OUT, 1L)));
    assertThat(pushed("#late", 1)).isEqualTo(1);
    assertThat(pushed("#later", 1)).isZero();
  }

  @Test
  void sayAll_pastTheBoundOfConversations_saysTheOtherLineLast_andEveryConversationMaySayAgain() {
    for (int i = 1; i <= LiveNoticeCap.MAX_CONVERSATIONS; i++) {
      pushed("#room" + i, 1);
    }
    pushed("#room1", 5);
    pushed("#late", Kind.HELD, 2);

    cap.sayAll();

    assertThat(said)
        .containsExactly(
            new Unsaid("#room1", Kind.LEFT_OUT, 1), new UnsaidElsewhere(Map.of(Kind.HELD, 2L)));
    assertThat(pushed("#late", 1)).isEqualTo(1);
  }

  @Test
  void unsaid_globalKinds_sayWhatWasCounted_andNameNoConversation() {
    assertThat(new Unsaid("", Kind.INVALID_KEY, 7).notice())
        .isEqualTo("the relay announced 7 more invalid keys; ignored");
    assertThat(new Unsaid("", Kind.SECOND_OFFER, 1).notice())
        .isEqualTo("ignored 1 more second offer of a file");
    assertThat(new Unsaid("", Kind.MEMBERS_DIFFER, 6).notice())
        .isEqualTo("6 more messages were encrypted to a different set of members than you see");
    assertThat(new Unsaid("", Kind.OWN_KEY, 3).notice())
        .isEqualTo("the relay announced 3 more NEW KEYS FOR YOUR ACCOUNT");
    assertThat(new Unsaid("", Kind.OWN_KEY, 1).notice())
        .isEqualTo("the relay announced 1 more NEW KEY FOR YOUR ACCOUNT");
    assertThat(new Unsaid("", Kind.KEY_CHANGED, 9).notice())
        .isEqualTo(
            "the relay announced 9 more new keys for contacts; sending to them is blocked until"
                + " you accept each");
    assertThat(new Unsaid("", Kind.KEY_CHANGED, 1).notice())
        .isEqualTo(
            "the relay announced 1 more new key for a contact; sending to them is blocked until"
                + " you accept it");
    assertThat(new Unsaid("", Kind.NOT_IN, 35).notice())
        .isEqualTo("the relay pushed 35 more messages in conversations you are not in; ignored");
    assertThat(new Unsaid("", Kind.PAST_LIMIT, 1).notice())
        .isEqualTo(
            "the relay put you in 1 more conversation past the 32760 this client lists;"
                + " ignored");
    assertThatThrownBy(() -> new Unsaid("#ops", Kind.INVALID_KEY, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Unsaid("", Kind.LEFT_OUT, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unsaidElsewhere_notice_countsEachKindInTheirOrder_onOneLine() {
    UnsaidElsewhere line =
        new UnsaidElsewhere(
            Map.of(Kind.UNDELIVERED, 9L, Kind.LEFT_OUT, 35L, Kind.REPLAYED, 1L, Kind.HELD, 2L));

    assertThat(line.notice())
        .isEqualTo(
            "in other conversations: 35 more messages left out, 2 more messages held, 1 more"
                + " replayed copy dropped, 9 more messages not delivered");
    assertThat(line.conversation()).isEmpty();
    assertThatThrownBy(() -> new UnsaidElsewhere(Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new UnsaidElsewhere(Map.of(Kind.INVALID_KEY, 1L)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theBackgroundTimer_runsOnItsOwnThread_andAFailingTaskReachesTheUncaughtHandler()
      throws Exception {
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    CompletableFuture<String> next = new CompletableFuture<>();
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> failure.complete(e));
    try {
      LiveNoticeCap.Timer.BACKGROUND.after(
          Duration.ofMillis(1),
          () -> {
            throw new IllegalStateException("printer broke");
          });
      assertThat(failure.get(10, TimeUnit.SECONDS)).hasMessage("printer broke");
      LiveNoticeCap.Timer.BACKGROUND.after(
          Duration.ofMillis(1), () -> next.complete(Thread.currentThread().getName()));
      assertThat(next.get(10, TimeUnit.SECONDS)).isEqualTo("chat-notice-cap");
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(before);
    }
  }
}
