package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import chat.cli.CommandException;
import chat.cli.client.ClientListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ListenersTest {
  private final Listeners listeners = new Listeners();
  private final List<String> told = new CopyOnWriteArrayList<>();

  ListenersTest() {
    listeners.add(
        new ClientListener() {
          @Override
          public void onNotice(String conversation, String text) {
            told.add("notice " + text);
          }

          @Override
          public void onLocalWriteFailure(String text) {
            told.add("local " + text);
          }
        });
  }

  private static Runnable failing(RuntimeException e) {
    return () -> {
      throw e;
    };
  }

  /**
   * The event thread's work failing to write the profile: said once, never thrown at the thread.
   */
  @Test
  void guarded_localWriteFailure_isReportedOnce_notThrown() {
    CommandException.FileAccess full =
        new CommandException.FileAccess(
            "cannot write /p/state.json: no space left on device", null);

    for (int i = 0; i < 3; i++) {
      assertThatCode(() -> listeners.guarded(failing(full)).run()).doesNotThrowAnyException();
    }

    assertThat(told).containsExactly("local cannot write /p/state.json: no space left on device");
    listeners.localWriteSucceeded();
    listeners.guarded(failing(full)).run();
    assertThat(told).hasSize(2);
  }

  @Test
  void guarded_anyOtherFailure_isNotThrown_norToldAsANotice() {
    assertThatCode(() -> listeners.guarded(failing(new IllegalStateException("bug"))).run())
        .doesNotThrowAnyException();

    assertThat(told).isEmpty();
  }

  @Test
  void each_listenerThrows_warnsInOneCleanLine_traceOnlyAtDebug() {
    // the WARN carried the whole stack trace (and the raw message), printed on stderr
    Logger logger = (Logger) LoggerFactory.getLogger(Listeners.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    Level before = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    logger.addAppender(logged);
    listeners.add(
        new ClientListener() {
          @Override
          public void onNotice(String conversation, String text) {
            throw new IllegalStateException("bad \u001b]0;pwned\u0007name\u009b2J from " + text);
          }
        });
    try {
      listeners.notice("#ops", "bob");
    } finally {
      logger.detachAppender(logged);
      logger.setLevel(before);
    }

    assertThat(told).containsExactly("notice bob"); // the listener before it was told
    assertThat(logged.list).hasSize(2);
    ILoggingEvent warn = logged.list.get(0);
    assertThat(warn.getLevel()).isEqualTo(Level.WARN);
    assertThat(warn.getFormattedMessage())
        .isEqualTo("a client listener failed: java.lang.IllegalStateException: bad name from bob");
    assertThat(warn.getThrowableProxy()).isNull();
    ILoggingEvent debug = logged.list.get(1);
    assertThat(debug.getLevel()).isEqualTo(Level.DEBUG);
    assertThat(debug.getThrowableProxy().getClassName())
        .isEqualTo(IllegalStateException.class.getName());
  }

  @Test
  void localWriteFailure_byDefault_isANotice() {
    Listeners plain = new Listeners();
    List<String> notices = new CopyOnWriteArrayList<>();
    plain.add(
        new ClientListener() {
          @Override
          public void onNotice(String conversation, String text) {
            notices.add(conversation + "|" + text);
          }
        });

    plain.localWriteFailure("cannot write /p/contacts.json: read-only file system");

    assertThat(notices).containsExactly("|cannot write /p/contacts.json: read-only file system");
  }
}
