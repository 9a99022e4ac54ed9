package chat.cli;

import chat.cli.client.ChatClientFactory;
import chat.crypto.KdfParameters;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a command takes from the outside world, built once in {@link Main} and handed to each
 * command by {@link CommandFactory}, so tests can run commands over byte streams.
 *
 * @param random the source of all keys, salts and nonces
 * @param clock the time stamped into identities and envelopes
 * @param stdin data input (plaintext to seal, envelopes to open)
 * @param stdout binary data output (envelopes, plaintext); human text goes to picocli's out writer
 * @param stderr the default destination of picocli's err writer
 * @param environment the process environment ({@code CHAT_PASSPHRASE}, ...)
 * @param loginName the OS login name, the default user id of a new identity
 * @param passphrasePrompt the masked prompt used when no passphrase is in the environment
 * @param kdfParameters Argon2id costs for key files written ({@link KdfParameters#DEFAULT} in
 *     {@link Main}; tests pass smaller ones)
 * @param stdoutIsTerminal whether {@code stdout} is a terminal (then binary and control characters
 *     are not written to it)
 * @param clientFactory makes the relay client for the networked commands ({@link
 *     chat.cli.client.internal.RelayChatClient} in {@link Main}; tests pass others)
 */
public record CliContext(
    SecureRandom random,
    Clock clock,
    InputStream stdin,
    OutputStream stdout,
    OutputStream stderr,
    Map<String, String> environment,
    String loginName,
    PassphrasePrompt passphrasePrompt,
    KdfParameters kdfParameters,
    boolean stdoutIsTerminal,
    ChatClientFactory clientFactory) {
  /** Checks for nulls and copies the environment. */
  public CliContext {
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(stdin, "stdin");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    environment = Map.copyOf(environment);
    Objects.requireNonNull(loginName, "loginName");
    Objects.requireNonNull(passphrasePrompt, "passphrasePrompt");
    Objects.requireNonNull(kdfParameters, "kdfParameters");
    Objects.requireNonNull(clientFactory, "clientFactory");
  }

  /** The value of environment variable {@code name}, if set and not empty. */
  public Optional<String> env(String name) {
    return Optional.ofNullable(environment.get(name)).filter(value -> !value.isEmpty());
  }

  /** Whether the variable {@code name} is set to the empty string, which {@link #env} ignores. */
  public boolean envEmpty(String name) {
    return "".equals(environment.get(name));
  }

  @Override
  public String toString() {
    return "CliContext[<streams and environment>]";
  }
}
