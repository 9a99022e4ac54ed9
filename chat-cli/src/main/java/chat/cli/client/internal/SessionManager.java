package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.client.ClientOptions;
import chat.cli.client.ConnectionState;
import chat.cli.client.InputRules;
import chat.cli.client.TrustState;
import chat.crypto.EnvelopeOpener;
import chat.crypto.IdentityKeyPair;
import chat.crypto.KdfParameters;
import chat.crypto.KeyFile;
import chat.protocol.CheckUsernameRequest;
import chat.protocol.ConversationState;
import chat.protocol.FrameCodec;
import chat.protocol.LoginReply;
import chat.protocol.ProtocolVersions;
import chat.protocol.Secret;
import chat.protocol.UsernameFreeReply;
import chat.protocol.Usernames;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Logs in (register, password login with {@link PasswordLogins}, or resume with the stored token
 * with {@link TokenResumes}), restores keys from the relay's encrypted backup on a new machine, and
 * owns the session those start and keeps a live one going: catch-up from the cursors, pushed
 * events, keep-alive pings, and reconnection with backoff ({@link Reconnector}). Events and
 * listener calls all run on one event thread, in order. Once closed, nothing of it starts again.
 */
final class SessionManager {
  /** Smallest passphrase accepted for a new identity: its key file is also backed up remotely. */
  static final int MIN_PASSPHRASE_CHARS = KeyFile.MIN_NEW_PASSPHRASE_CHARS;

  private final ClientOptions options;
  private final SecureRandom random;
  private final Clock clock;
  private final KdfParameters kdf;
  private final EnvelopeOpener opener;
  private final PendingIdentity pending;
  private final Listeners listeners = new Listeners();
  private final ExecutorService events;
  private final ClientTimers timers = new ClientTimers();
  private final ScheduledExecutorService timer = timers.housekeeping();
  private final EventHandler handler;
  private final Reconnector reconnector;
  private final ProfileWriter writer;
  private final PasswordLogins passwordLogins;
  private final TokenResumes resumes;
  private volatile Session session;
  private volatile boolean closed;

  /**
   * Makes {@link #close} and a session or a new connection going live one step each: what went live
   * after the close would never be ended.
   */
  private final Object lifecycle = new Object();

  /** Held while a lost connection is resumed ({@link #reopen}). */
  private final Object reopening = new Object();

  SessionManager(
      ClientOptions options,
      SecureRandom random,
      Clock clock,
      KdfParameters kdf,
      EnvelopeOpener opener,
      DurableFiles files,
      ProfileWriter writer) {
    this.options = options;
    this.pending = new PendingIdentity(files);
    this.writer = writer;
    this.random = random;
    this.clock = clock;
    this.kdf = kdf;
    this.opener = opener;
    this.events = Executors.newSingleThreadExecutor(ClientTimers.daemon("chat-events"));
    this.handler = new EventHandler(listeners, this::post);
    this.reconnector = new Reconnector(this, listeners, timers.attempts(), random);
    this.passwordLogins = new PasswordLogins(this, pending, timer, random, clock, kdf);
    this.resumes = new TokenResumes(this, pending);
    if (options.live()) {
      new SessionHousekeeping(this, clock).start(timer, options.keepAlive());
    }
  }

  ClientOptions options() {
    return options;
  }

  Listeners listeners() {
    return listeners;
  }

  Optional<Session> current() {
    return Optional.ofNullable(session);
  }

  /**
   * The logged-in session. A one-shot client whose connection the relay closed since its last
   * request (a {@code chat run} script waiting for its next line beyond the relay's idle timeout,
   * or across a relay restart) resumes it first with the stored token ({@link #reopen}), as a
   * transfer does; a live client reconnects by itself.
   *
   * @throws CommandException.SessionEnded if the relay ended a one-shot client's session (ended
   *     elsewhere, or its token refused): a request would only fail with "not connected"
   */
  Session require() {
    Session current = requireLocal();
    if (!options.live() && current.connectionGone()) {
      CommandException.SessionEnded ended = current.ended();
      if (ended != null) {
        throw ended; // exit 2, as a transfer says it, rather than "not connected" (exit 3)
      }
      reopen(current);
    }
    return current;
  }

  /**
   * The logged-in session, for what needs no relay (the ignore list, quotes, pinned keys, saving
   * the state, cancelling an upload): unlike {@link #require}, never resumes a one-shot client's
   * lost connection, so that these still work while the relay is down.
   */
  Session requireLocal() {
    Session current = session;
    if (current == null || !current.ready()) {
      throw new CommandException.Usage("not logged in: /login NAME or /register NAME first");
    }
    return current;
  }

  ConnectionState connectionState() {
    Session current = session;
    return current == null ? ConnectionState.OFFLINE : current.connectionState();
  }

  /** Runs {@code work} on the event thread. */
  void post(Runnable work) {
    try {
      events.execute(listeners.guarded(work));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // the client is closing: nobody listens any more
    }
  }

  Profile profileFor(String username) {
    if (!Usernames.isValid(username)) {
      throw CommandException.Usage.notAUsername(username);
    }
    return new Profile(
        options.perUserHome()
            ? options.home().resolve(username.toLowerCase(Locale.ROOT))
            : options.home());
  }

  boolean hasStoredSession(String username) {
    if (!Usernames.isValid(username)) {
      return false;
    }
    Profile profile = profileFor(username);
    requireThisRelays(profile, Optional.empty());
    return ClientState.load(profile.state(), options.serverKey())
        .session()
        .filter(s -> Usernames.key(s.username()).equals(Usernames.key(username)))
        // Not judged by this machine's clock: whether it expired is the relay's to say, and a clock
        // days ahead would otherwise throw away a valid session and log in with the password.
        .isPresent();
  }

  /** {@link ProfileRelay#require} for this relay. */
  boolean requireThisRelays(Profile profile, Optional<String> presented) {
    return ProfileRelay.require(options, profile, presented);
  }

  /** A new session for {@code profile}, which replaces (and ends) the current one. */
  Session newSession(Profile profile) {
    requireThisRelays(profile, Optional.empty()); // before the current session is ended for nothing
    endCurrent();
    return newSessionOf(profile);
  }

  /**
   * Ends the current session, if any, and says so: the front ends would otherwise go on showing the
   * old user online, and a login that then fails (a mistyped passphrase) leaves no one logged in.
   */
  void endCurrent() {
    endCurrent(null);
  }

  /**
   * {@link #endCurrent()}, saying {@code why} (null: that the user was logged out), as for a
   * session that goes on as another of the same user ({@code /rekey}); returns whether there was a
   * session to end.
   */
  boolean endCurrent(String why) {
    if (closed) {
      throw new CommandException.Usage("the client is closed");
    }
    Session old = session;
    if (old != null) {
      session = null;
      old.end();
      String was = old.username();
      String detail = why != null ? why : was == null ? "logged out" : "logged out of " + was;
      post(() -> listeners.connection(ConnectionState.OFFLINE, detail));
    }
    return old != null;
  }

  /**
   * A new session for {@code profile} beside the current one, which goes on until {@link
   * #endCurrent} (so that a login the relay refuses leaves it as it was).
   */
  Session newSessionBeside(Profile profile) {
    requireThisRelays(profile, Optional.empty());
    return newSessionOf(profile);
  }

  /** {@link #newSessionBeside}, the profile's relay checked already. */
  private Session newSessionOf(Profile profile) {
    if (closed) {
      throw new CommandException.Usage("the client is closed");
    }
    profile.create();
    ClientState state = ClientState.load(profile.state(), options.serverKey());
    ContactStore contacts = ContactStore.load(profile.contacts(), writer, clock);
    Session[] self = new Session[1];
    KeyDirectory keys =
        new KeyDirectory(
            contacts,
            () -> self[0].openConnection(),
            (user, trust) -> listeners.trust(user, trust));
    MemberCache members =
        new MemberCache(
            () -> self[0].connection(),
            contacts,
            clock,
            conversation -> self[0].label(conversation),
            (conversation, text) -> post(() -> listeners.notice(conversation, text)),
            timer);
    Inbox inbox =
        new Inbox(
            state,
            keys,
            members,
            listeners,
            opener,
            () -> self[0].me(),
            clock,
            () -> self[0].connectionGone());
    self[0] = new Session(profile, state, contacts, keys, members, inbox);
    // A key accepted or verified in another shell: shown here, its held messages with it.
    contacts.onChangedElsewhere(
        (user, trust, wasChanged) -> trustChanged(self[0], user, trust, wasChanged));
    return self[0];
  }

  /**
   * Opens a connection for {@code target} and makes it the session's connection.
   *
   * @throws CommandException.Usage if the client closed meanwhile (the connection is closed)
   */
  RelayConnection connect(Session target) {
    RelayConnection connection =
        open(
            new ServerPins(target.profile.knownServers()),
            fingerprint ->
                post(
                    () ->
                        listeners.notice(
                            "",
                            "pinned the certificate of relay "
                                + options.server()
                                + " on first use, SHA-256 "
                                + Fingerprints.colons(fingerprint)
                                + ": compare it with the fingerprint the operator published")),
            handler.forSession(target, reconnector));
    if (!target.ready()) { // a new session, not a reconnect of one: nothing sent but the hello
      try {
        requireThisRelays(target.profile, Optional.empty()); // pinned by now
      } catch (CommandException e) {
        connection.close();
        throw e;
      }
    }
    target.connection(connection);
    if (closed) {
      // Opened as the client closed (a reconnect under way): close() may have ended the session
      // before this connection was set on it.
      connection.close();
      throw new CommandException.Usage("the client is closed");
    }
    return connection;
  }

  /**
   * A connection to the relay after the hello, its certificate checked against {@code pins}; {@code
   * onFirstPin} hears a fingerprint pinned on first use.
   */
  private RelayConnection open(
      ServerPins pins, Consumer<String> onFirstPin, RelayConnection.Listener listener) {
    return RelayConnection.open(
        connector(pins, onFirstPin),
        new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES),
        options.requestTimeout(),
        listener);
  }

  /** TLS to the relay, its certificate checked against {@code pins}. */
  private PinnedTlsConnector connector(ServerPins pins, Consumer<String> onFirstPin) {
    return new PinnedTlsConnector(
        options.host(),
        options.port(),
        pins,
        random,
        PinnedTlsConnector.CONNECT_TIMEOUT,
        onFirstPin);
  }

  /** Whether {@code target} is the client's session: not closed, logged out or replaced. */
  boolean isCurrent(Session target) {
    return !closed && target == session;
  }

  /**
   * Runs {@code goLive}, which puts {@code target}'s new connection to use, if {@code target} is
   * still current, in one step with {@link #close}; returns whether it ran.
   */
  boolean whileCurrent(Session target, Runnable goLive) {
    synchronized (lifecycle) {
      if (!isCurrent(target)) {
        return false;
      }
      goLive.run();
      return true;
    }
  }

  void register(String username, char[] password, char[] passphrase) {
    Registration.register(
        this,
        pending,
        username,
        password,
        passphrase,
        new KeyReplacement.KeyMaking(random, clock, kdf));
  }

  /**
   * {@link Registration#refusePending} and {@link Registration#refuseHeld} for {@code username}'s
   * profile: what can be refused before any password or passphrase is asked.
   */
  void checkRegistrable(String username) {
    if (Usernames.isReserved(username)) {
      throw new CommandException.Usage(Usernames.RESERVED_MESSAGE);
    }
    Profile profile = profileFor(username);
    Registration.refusePending(profile, pending);
    Registration.refuseHeld(profile, username);
  }

  /**
   * Asks the relay whether {@code username} could be registered now (wire version 16), on a
   * connection of its own that sends nothing else and pins nothing ({@link ServerPins#readOnly}): a
   * relay the profile has no pin for yet is pinned by the registration. A relay of an older version
   * is not asked, nor is one that has had too many name checks from this address: the registration
   * checks the name all the same.
   *
   * @throws CommandException.Usage if the name is taken, looks like a taken one, or is not allowed
   * @throws CommandException.Network if the relay cannot be reached, or presents another
   *     certificate than the one pinned for it
   */
  void checkNameFree(String username) {
    try (RelayConnection relay =
        open(
            ServerPins.readOnly(profileFor(username).knownServers()),
            fingerprint -> {},
            RelayConnection.Listener.IGNORING)) {
      if (relay.version() >= ProtocolVersions.NAME_CHECK) {
        relay.call(new CheckUsernameRequest(relay.nextId(), username), UsernameFreeReply.class);
      }
    } catch (CommandException.RateLimited e) {
      // the registration checks the name itself
    }
  }

  /** {@link chat.cli.client.ChatClient#checkReachable}. */
  void checkReachable(String username) {
    Profile profile = profileFor(username);
    RelayConnection.Connected connected =
        connector(ServerPins.readOnly(profile.knownServers()), fingerprint -> {}).connect();
    try {
      connected.tls().close(); // closes the TCP socket under it
    } catch (java.io.IOException ignored) {
      // nothing was sent: nothing is lost
    }
    // another relay's profile, told by the certificate just seen, before anything is asked
    requireThisRelays(profile, Optional.ofNullable(connected.fingerprint()));
  }

  /** Whether the client is closed or closing: nothing of it starts again. */
  boolean closed() {
    return closed;
  }

  /** {@link PasswordLogins#login}. */
  void login(String username, char[] password, Supplier<char[]> passphrase) {
    passwordLogins.login(username, password, passphrase);
  }

  /** Seals the current session's keys under {@code newPassphrase}: backup first, then the file. */
  void changePassphrase(char[] password, char[] newPassphrase) {
    InputRules.requireNewPassphrase(newPassphrase);
    Session target = require();
    KeyReplacement.reseal(target, pending, password, newPassphrase, kdf, random, this::notice);
  }

  /** {@link PasswordLogins#replaceKeys}. */
  void replaceKeys(String username, char[] password, char[] newPassphrase) {
    passwordLogins.replaceKeys(username, password, newPassphrase);
  }

  /** {@link TokenResumes#resume}. */
  void resume(String username, char[] passphrase) {
    resumes.resume(username, passphrase);
  }

  /** {@link TokenResumes#revokeStored}. */
  boolean revokeStored(String username) {
    return resumes.revokeStored(username);
  }

  /** Makes {@code target} the current session, logged in as {@code login} says. */
  void established(Session target, IdentityKeyPair identity, LoginReply login) {
    established(
        target,
        identity,
        login.username(),
        login.token(),
        login.expiresAtMillis(),
        login.conversations());
  }

  /** Makes {@code target} the current session, logged in (or resumed) as {@code username}. */
  void established(
      Session target,
      IdentityKeyPair identity,
      String username,
      Secret token,
      long expiresAtMillis,
      List<ConversationState> conversations) {
    target.me(identity, username);
    if (token != null) {
      char[] chars = token.chars();
      target.state.session(new ClientState.Session(username, new String(chars), expiresAtMillis));
      java.util.Arrays.fill(chars, '\0');
      token.destroy();
    }
    Set<String> listed = new HashSet<>();
    conversations.forEach(c -> listed.add(c.conversation()));
    if (!options.live()) {
      for (ConversationState c : conversations) {
        target.newestAtLogin.put(c.conversation(), c.lastSeq());
        if (target.state.wentBackAt(c)) {
          target.cursorsInDoubt.add(c.conversation());
        }
      }
    }
    target.listOnly(listed);
    // What a live client of this profile listed last, and the relay no longer lists: the user left
    // it on another device, was removed or the group disbanded, while no live client ran here.
    List<String> goneMeanwhile = new ArrayList<>();
    if (options.live()) {
      target.state.liveListed().ifPresent(before -> goneMeanwhile.addAll(before));
      goneMeanwhile.removeAll(listed);
      goneMeanwhile.sort(null);
      target.keepsLiveList();
    }
    synchronized (lifecycle) {
      if (closed) {
        target.end(); // nothing else would end it now
        throw new CommandException.Usage("the client is closed");
      }
      target.connectionState(ConnectionState.ONLINE);
      session = target;
      post(
          () ->
              listeners.connection(
                  ConnectionState.ONLINE, "logged in as " + username + " on " + options.server()));
      post(() -> Events.loginAnnounced(target, listeners));
      if (options.live()) {
        post(() -> Events.changesWaiting(target, listeners));
        post(() -> goneMeanwhile.forEach(listeners::noLongerIn));
        post(() -> new CatchUp(target, listeners).run(conversations));
        post(() -> ignoredReadable(target));
      }
    }
    PendingDeletes.sendAfterLogin(target, target.rawConnection());
  }

  /**
   * Says at once when the profile's list of ignored users is damaged: until it is moved away, the
   * users it names are shown, and the person should not learn that from their next message.
   */
  private void ignoredReadable(Session target) {
    try {
      target.ignored.checked();
    } catch (CommandException.FileAccess e) {
      listeners.notice("", e.getMessage() + "; until then, the users you ignored are shown");
    }
  }

  /**
   * {@link TokenResumes#reopen}, one at a time: a request of a {@code chat run} line ({@link
   * #require}) and a transfer's ({@link TransferLink}) can find the same connection gone at once,
   * and the second then takes the connection the first opened instead of resuming on another.
   */
  RelayConnection reopen(Session target) {
    synchronized (reopening) {
      RelayConnection current = target.rawConnection();
      if (!target.connectionGone() && current != null) {
        return current;
      }
      try {
        return resumes.reopen(target);
      } catch (CommandException.SessionEnded e) {
        target.ended(e); // the token is forgotten: every later request says why, not "no session"
        throw e;
      }
    }
  }

  /** After a key is accepted or verified: tell the listeners, and show messages held for it. */
  void trustChanged(Session target, String username, TrustState state, boolean wasChanged) {
    post(
        () -> {
          listeners.trust(username, state);
          if (wasChanged) {
            target.inbox.release(username);
          }
        });
  }

  void logout(Session target) {
    target.state.forgetSession();
    target.connectionState(ConnectionState.OFFLINE);
    if (session == target) {
      session = null;
    }
    StoredSessions.end(target, this::notice);
    post(() -> listeners.connection(ConnectionState.OFFLINE, "logged out"));
  }

  /** Tells the listeners {@code text}, on the event thread. */
  void notice(String text) {
    post(() -> listeners.notice("", text));
  }

  void close() {
    Session current;
    synchronized (lifecycle) {
      closed = true;
      current = session;
      session = null;
    }
    timers.close(); // no reconnect from now on; an attempt under way is interrupted, a save is not
    if (current != null) {
      current.connectionState(ConnectionState.OFFLINE);
      current.end();
    }
    events.shutdown();
    try {
      events.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (current != null) {
      current.state.save(); // what the event thread handled while the session ended
    }
  }
}
