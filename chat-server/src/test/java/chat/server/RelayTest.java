package chat.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What the relay says about itself as it starts and stops: warnings about its settings. */
class RelayTest {
  @TempDir Path dataDir;

  /**
   * The relay's own lines (start and stop) at WARN or above while a relay of {@code config} runs.
   */
  private static List<String> warnings(RelayConfig config) throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(Relay.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    try (Relay relay = Relay.start(config, Clock.systemUTC(), RelayFixture.RANDOM)) {
      assertThat(relay.port()).isPositive();
    } finally {
      logger.detachAppender(logged);
    }
    return logged.list.stream()
        .filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Test
  void start_idleTimeoutShorterThanTheClientsPings_warns() throws Exception {
    List<String> warnings =
        warnings(
            RelayFixture.builder(dataDir)
                .idleTimeoutSeconds(Relay.LOWEST_QUIET_IDLE_SECONDS - 1)
                .build());

    assertThat(warnings)
        .containsExactly(
            "--idle-timeout-seconds 44 is less than 45: clients ping a quiet connection every 30"
                + " s, so the relay will close their connections as idle between two pings and"
                + " they will keep reconnecting; the default is 120");
  }

  @Test
  void start_idleTimeoutOfAtLeast45_andTheDefaults_sayNoWarning() throws Exception {
    assertThat(
            warnings(
                RelayFixture.builder(dataDir)
                    .idleTimeoutSeconds(Relay.LOWEST_QUIET_IDLE_SECONDS)
                    .build()))
        .isEmpty();
    assertThat(warnings(RelayFixture.config(dataDir))).isEmpty();
  }

  @Test
  void start_requestBurstBelowWhatALoginSends_warns() throws Exception {
    List<String> warnings =
        warnings(RelayFixture.builder(dataDir).requestBurst(Relay.LOGIN_REQUESTS - 1).build());

    assertThat(warnings)
        .singleElement()
        .asString()
        .startsWith("--request-burst 19 is less than a client's login sends at once");
  }
}
