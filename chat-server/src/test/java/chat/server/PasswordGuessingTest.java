package chat.server;

import static chat.server.RelayFixture.connect;
import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Bytes;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.LoginRequest;
import chat.protocol.RegisterReply;
import chat.protocol.RegisterRequest;
import chat.protocol.Reply;
import chat.protocol.Secret;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mindrot.jbcrypt.BCrypt;

/**
 * Online password guessing: failures are rate-limited per account and per remote address, and an
 * unknown username cannot be told from a wrong password, neither by the answer nor by its timing.
 */
class PasswordGuessingTest {
  /** High enough that one bcrypt clearly dominates the noise of a login round trip. */
  private static final int TIMING_BCRYPT_COST = 10;

  @TempDir Path dataDir;

  private Relay start(int bcryptCost) throws Exception {
    return Relay.start(
        RelayFixture.builder(dataDir).bcryptCost(bcryptCost).build(),
        Clock.systemUTC(),
        RelayFixture.RANDOM);
  }

  private static void register(TestClient client, String name) throws Exception {
    client.ok(
        new RegisterRequest(
            client.nextId(),
            name,
            Secret.of(RelayFixture.PASSWORD),
            Bytes.of(RelayFixture.identity(name).bundle().encode())),
        RegisterReply.class);
  }

  private static ErrorReply failedLogin(TestClient client, String name, String password)
      throws Exception {
    Reply reply = client.call(new LoginRequest(client.nextId(), name, Secret.of(password)));
    assertThat(reply).isInstanceOf(ErrorReply.class);
    return (ErrorReply) reply;
  }

  @Test
  void guessing_oneAccount_isLockedAfterFive_evenForTheRightPassword() throws Exception {
    try (Relay relay = start(4);
        TestClient client = connect(relay, dataDir)) {
      register(client, "alice");
      for (int i = 0; i < 5; i++) {
        assertThat(failedLogin(client, "alice", "guess number " + i).code())
            .isEqualTo(ErrorCode.AUTH_FAILED);
      }
      ErrorReply locked = failedLogin(client, "alice", RelayFixture.PASSWORD);
      assertThat(locked.code()).isEqualTo(ErrorCode.RATE_LIMITED);
      assertThat(locked.message())
          .isEqualTo(
              "too many wrong passwords for this account or from this address; try again in up to"
                  + " 15 minutes");
      assertThat(failedLogin(client, "ALICE", RelayFixture.PASSWORD).code())
          .as("the account key ignores case")
          .isEqualTo(ErrorCode.RATE_LIMITED);
    }
  }

  @Test
  void guessing_manyAccountsFromOneAddress_isLockedAfterThirty() throws Exception {
    try (Relay relay = start(4);
        TestClient client = connect(relay, dataDir)) {
      for (int i = 0; i < 30; i++) {
        assertThat(failedLogin(client, "user" + i, "guess").code())
            .isEqualTo(ErrorCode.AUTH_FAILED);
      }
      assertThat(failedLogin(client, "someone", "guess").code()).isEqualTo(ErrorCode.RATE_LIMITED);
    }
  }

  /**
   * An unknown-user login and a wrong-password login take the same time. Each round times the two
   * back to back (in alternating order) and one bcrypt at the relay's cost in this process. Without
   * the dummy bcrypt for unknown users, the unknown-user login is faster in every round, by about a
   * whole bcrypt. The test fails when both show: the median difference is half a bcrypt or more,
   * and the unknown-user login was the faster in at least 11 of the 12 rounds. A burst of load from
   * another process can inflate the difference of a few rounds, but it does not pick a side in
   * nearly every round, so it does not fail the test on its own. 28 failures stay under the
   * per-address limit.
   */
  @Test
  void loginTiming_unknownUserAndWrongPassword_areIndistinguishable() throws Exception {
    int samples = 12;
    try (Relay relay = start(TIMING_BCRYPT_COST);
        TestClient client = connect(relay, dataDir)) {
      List<String> accounts = List.of("amy", "ben", "cat", "dan");
      for (String account : accounts) {
        register(client, account);
      }
      String calibration = BCrypt.hashpw("calibration", BCrypt.gensalt(TIMING_BCRYPT_COST));
      List<Long> differences = new ArrayList<>();
      List<Long> bcrypts = new ArrayList<>();
      Set<ErrorReply> answers = new HashSet<>();
      int unknownFaster = 0;
      for (int i = -2; i < samples; i++) {
        String account = accounts.get((i + 2) % accounts.size());
        long unknownNanos;
        long wrongNanos;
        if (i % 2 == 0) {
          unknownNanos = timedFailure(client, "nobody" + (i + 2), answers);
          wrongNanos = timedFailure(client, account, answers);
        } else {
          wrongNanos = timedFailure(client, account, answers);
          unknownNanos = timedFailure(client, "nobody" + (i + 2), answers);
        }
        long started = System.nanoTime();
        BCrypt.checkpw("calibration", calibration);
        long bcryptNanos = System.nanoTime() - started;
        if (i >= 0) {
          differences.add(Math.abs(wrongNanos - unknownNanos));
          bcrypts.add(bcryptNanos);
          unknownFaster += unknownNanos < wrongNanos ? 1 : 0;
        }
      }
      assertThat(answers).as("one identical answer for both").hasSize(1);
      assertThat(answers.iterator().next().code()).isEqualTo(ErrorCode.AUTH_FAILED);
      long difference = median(differences);
      long bcrypt = median(bcrypts);
      System.out.printf(
          "login timing: median difference %d us, one bcrypt(%d) %d us, unknown user faster in"
              + " %d of %d rounds%n",
          difference / 1000, TIMING_BCRYPT_COST, bcrypt / 1000, unknownFaster, samples);
      boolean distinguishable = difference >= bcrypt / 2 && unknownFaster >= samples - 1;
      assertThat(distinguishable)
          .as(
              "median difference %d us, one bcrypt %d us, unknown user faster in %d of %d rounds",
              difference / 1000, bcrypt / 1000, unknownFaster, samples)
          .isFalse();
    }
  }

  /** Times one failed login, adding its answer (without the request id) to {@code answers}. */
  private static long timedFailure(TestClient client, String username, Set<ErrorReply> answers)
      throws Exception {
    long started = System.nanoTime();
    answers.add(withoutRe(failedLogin(client, username, "a wrong password")));
    return System.nanoTime() - started;
  }

  private static ErrorReply withoutRe(ErrorReply error) {
    return new ErrorReply(null, error.code(), error.message());
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
