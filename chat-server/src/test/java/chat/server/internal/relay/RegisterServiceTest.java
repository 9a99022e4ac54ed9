package chat.server.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.Bytes;
import chat.protocol.CheckUsernameRequest;
import chat.protocol.ErrorCode;
import chat.protocol.ProtocolVersions;
import chat.protocol.RegisterRequest;
import chat.protocol.Secret;
import chat.protocol.UsernameFreeReply;
import chat.server.MutableClock;
import chat.server.RelayFixture;
import chat.server.RoomLimits;
import chat.server.internal.audit.AuditThrottle;
import chat.server.internal.auth.HashingSlots;
import chat.server.internal.auth.PasswordHasher;
import chat.server.internal.auth.RegistrationLimiter;
import chat.server.internal.storage.ConversationRepository;
import chat.server.internal.storage.Database;
import chat.server.internal.storage.FriendshipRepository;
import chat.server.internal.storage.MemberRepository;
import chat.server.internal.storage.UserLimitRepository;
import chat.server.internal.storage.UserRepository;
import chat.server.internal.storage.WriteQueue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegisterServiceTest {
  private static final int LIMIT = 30;

  /** Bundles by user id: an identity takes an RSA key generation. */
  private static final Map<String, Bytes> BUNDLES = new ConcurrentHashMap<>();

  @TempDir Path dataDir;

  private final MutableClock clock = new MutableClock();
  private final AtomicLong nanos = new AtomicLong();
  private final HashingSlots slots = new HashingSlots(2, 2, Duration.ofSeconds(30));
  private final List<String> audited = new CopyOnWriteArrayList<>();
  private Database database;
  private WriteQueue writes;
  private RegisterService service;

  @BeforeEach
  void open() throws Exception {
    database = Database.open(dataDir);
    writes = new WriteQueue(database);
    Storage storage = new Storage(database, writes);
    MemberRepository members = new MemberRepository();
    service =
        new RegisterService(
            storage,
            new UserRepository(),
            new ConversationRepository(),
            members,
            new RoomCapacity(
                RoomLimits.defaults(),
                new ConversationRepository(),
                members,
                new UserLimitRepository(),
                4 << 20),
            new PasswordHasher(4, RelayFixture.RANDOM, slots),
            new RegistrationLimiter(clock, Duration.ofHours(1), LIMIT),
            new RegistrationLimiter(clock, Duration.ofHours(1), LIMIT),
            new AuditThrottle(TimeUnit.MINUTES.toNanos(1), nanos::get),
            new Notifier(
                storage,
                members,
                new LocalRouter(),
                new FriendshipRepository(),
                new PresenceBook(),
                0),
            clock,
            new RecordingAuditLog(audited),
            new LogIds(new byte[32]));
  }

  @AfterEach
  void close() throws Exception {
    writes.close();
    database.close();
  }

  @Test
  void register_takenOrLookalikeName_isRefusedWithoutHashing() {
    register("192.0.2.1", "alice");
    assertThat(slots.started()).isEqualTo(1);
    assertThatThrownBy(() -> register("192.0.2.1", "ALICE"))
        .extracting("code")
        .isEqualTo(ErrorCode.USERNAME_TAKEN);
    assertThatThrownBy(() -> register("192.0.2.1", "aIice"))
        .extracting("code")
        .isEqualTo(ErrorCode.USERNAME_TAKEN);
    assertThat(slots.started()).as("bcrypt computations").isEqualTo(1);
  }

  @Test
  void register_pastTheAddressLimit_isRateLimitedWithTheWait() {
    register("192.0.2.1", "alice");
    for (int i = 1; i < LIMIT; i++) {
      assertThatThrownBy(() -> register("192.0.2.1", "alice")).isInstanceOf(RelayException.class);
    }
    assertThatThrownBy(() -> register("192.0.2.1", "bob"))
        .isInstanceOf(RelayException.class)
        .hasMessage("too many registrations from this address; retry in 60 minutes")
        .extracting("code")
        .isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(slots.started()).isEqualTo(1);
    register("192.0.2.2", "bob");
    clock.advance(Duration.ofHours(1));
    register("192.0.2.1", "carol");
  }

  @Test
  void register_aNameThatReadsAsYou_isRefused_sayingWhy() {
    for (String name : new String[] {"you", "Y0U"}) {
      assertThatThrownBy(() -> register("192.0.2.1", name))
          .isInstanceOfSatisfying(
              RelayException.class,
              e -> assertThat(e.code()).isEqualTo(chat.protocol.ErrorCode.INVALID_USERNAME))
          .hasMessage(chat.protocol.Usernames.RESERVED_MESSAGE);
    }
  }

  @Test
  void register_floodOfRefusals_isAuditedOnceAMinutePerAddress() {
    for (int i = 0; i < 20; i++) {
      assertThatThrownBy(() -> register("192.0.2.1", "-bad")).isInstanceOf(RelayException.class);
    }
    assertThatThrownBy(() -> register("192.0.2.2", "-bad")).isInstanceOf(RelayException.class);
    assertThat(audited)
        .containsExactly("REGISTER_FAILED INVALID_USERNAME", "REGISTER_FAILED INVALID_USERNAME");
    nanos.addAndGet(TimeUnit.MINUTES.toNanos(1));
    assertThatThrownBy(() -> register("192.0.2.1", "-bad")).isInstanceOf(RelayException.class);
    assertThat(audited)
        .last(InstanceOfAssertFactories.STRING)
        .isEqualTo(
            "REGISTER_FAILED INVALID_USERNAME (19 more like it since the last one recorded)");
  }

  /**
   * A name check (wire version 16) says a name free, or refuses it as a registration would, with
   * the same words, without hashing and without an audit row.
   */
  @Test
  void check_saysFree_orRefusesAsARegistrationWould() {
    register("192.0.2.1", "alice");

    assertThat(check("192.0.2.1", "Bob")).isEqualTo(new UsernameFreeReply("1", "Bob"));
    assertThatThrownBy(() -> check("192.0.2.1", "ALICE"))
        .isInstanceOf(RelayException.class)
        .hasMessage("username already taken")
        .extracting("code")
        .isEqualTo(ErrorCode.USERNAME_TAKEN);
    assertThatThrownBy(() -> check("192.0.2.1", "aIice"))
        .isInstanceOf(RelayException.class)
        .hasMessage("the name aIice is too like an existing account's name")
        .extracting("code")
        .isEqualTo(ErrorCode.USERNAME_TAKEN);
    assertThatThrownBy(() -> check("192.0.2.1", "Y0U"))
        .isInstanceOf(RelayException.class)
        .hasMessage(chat.protocol.Usernames.RESERVED_MESSAGE)
        .extracting("code")
        .isEqualTo(ErrorCode.INVALID_USERNAME);
    assertThatThrownBy(() -> check("192.0.2.1", "-bad"))
        .extracting("code")
        .isEqualTo(ErrorCode.INVALID_USERNAME);
    assertThat(slots.started()).as("bcrypt computations").isEqualTo(1);
    assertThat(audited).as("only the registration").containsExactly("REGISTER ");
  }

  /**
   * Name checks are limited per address as registrations are, counted apart from them; the refusals
   * past the limit are audited, at most once a minute per address.
   */
  @Test
  void check_pastTheAddressLimit_isRateLimited_apartFromRegistrations_andAudited() {
    for (int i = 0; i < LIMIT; i++) {
      check("192.0.2.1", "bob");
    }
    assertThat(audited).isEmpty();
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> check("192.0.2.1", "bob"))
          .isInstanceOf(RelayException.class)
          .hasMessage("too many name checks from this address; retry in 60 minutes")
          .extracting("code")
          .isEqualTo(ErrorCode.RATE_LIMITED);
    }
    assertThat(audited).containsExactly("RATE_LIMITED name checks (too many from this address)");
    check("192.0.2.2", "bob");
    register("192.0.2.1", "bob");
    clock.advance(Duration.ofHours(1));
    assertThatThrownBy(() -> check("192.0.2.1", "bob"))
        .extracting("code")
        .isEqualTo(ErrorCode.USERNAME_TAKEN);
  }

  /** A connection of version 15 or older never sends one; if it does, the relay refuses it. */
  @Test
  void check_onAnOlderConnection_isRefusedAsABadFrame() {
    TestConnection older = new TestConnection("192.0.2.1");
    older.state.version(ProtocolVersions.NEWEST_ID);

    assertThatThrownBy(() -> service.check(older, new CheckUsernameRequest("1", "bob")))
        .isInstanceOf(RelayException.class)
        .hasMessage("this request needs wire version 16")
        .extracting("code")
        .isEqualTo(ErrorCode.BAD_FRAME);
  }

  private UsernameFreeReply check(String address, String name) {
    TestConnection connection = new TestConnection(address);
    connection.state.version(ProtocolVersions.CURRENT);
    return service.check(connection, new CheckUsernameRequest("1", name));
  }

  private void register(String address, String name) {
    Bytes bundle =
        BUNDLES.computeIfAbsent(name, n -> Bytes.of(RelayFixture.identity(n).bundle().encode()));
    service.register(
        new TestConnection(address),
        new RegisterRequest("1", name, Secret.of(RelayFixture.PASSWORD), bundle));
  }
}
